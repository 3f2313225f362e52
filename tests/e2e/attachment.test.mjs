// File attachments in the real app, through the debug build's stand-in for the OS dialog
// (the file comes from AMTSWEG_E2E_PICK_FILE):
// a PDF is accepted, a JPEG named .pdf is accepted as what its content is, a text file
// named .pdf and a file over the field's limit are refused with a localized error.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fixture, message } from '../support/paths.mjs';
import { launch } from './harness.mjs';

const firstStartDe = fixture('first-start.de');

/** Starts a tree felling permit draft and picks a file for its first file field. */
async function pickOnFirstPage(app) {
  // The answer crosses WebDriver as JSON text: WebKitWebDriver turns an object with
  // `code` and `message` into an error of its own.
  const text = await app.browser.executeAsync((done) => {
    const ipc = window.__TAURI_INTERNALS__;
    ipc
      .invoke('start_draft', { procedureId: 'tree-felling-permit' })
      .then((started) => ipc.invoke('pick_attachment', { draftId: started.draftId, fieldId: 'F99000012' }))
      .then(
        (file) => done(JSON.stringify({ file })),
        (error) => done(JSON.stringify({ error })),
      );
  });
  return JSON.parse(text);
}

for (const { name, bytes, expect } of [
  { name: 'plan.pdf', bytes: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n'), expect: 'accepted' },
  {
    name: 'photo.pdf',
    bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]),
    expect: 'accepted as image/jpeg',
  },
  { name: 'notes.pdf', bytes: Buffer.from('only text, no PDF\n'), expect: 'refused: error-attachment-type' },
  {
    name: 'huge.pdf',
    bytes: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(11 * 1024 * 1024, 0x20)]),
    expect: 'refused: error-attachment-size',
  },
]) {
  test(`the test file picker: ${name} is ${expect}`, async (t) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'amtsweg-attachment-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, name);
    writeFileSync(file, bytes);

    const app = await launch({ lang: 'de_DE.UTF-8', extraEnv: { AMTSWEG_E2E_PICK_FILE: file } });
    t.after(() => app.close());
    await app.waitForScreen('firstStart', message(firstStartDe, 'first-start-heading'));
    const answer = await pickOnFirstPage(app);
    if (expect.startsWith('accepted')) {
      assert.equal(answer.error, undefined, JSON.stringify(answer.error));
      assert.equal(answer.file.name, name);
      assert.equal(answer.file.mediaType, expect === 'accepted' ? 'application/pdf' : 'image/jpeg');
      assert.equal(answer.file.size, bytes.length);
    } else {
      assert.equal(answer.file, undefined);
      assert.equal(answer.error.code, expect.slice('refused: '.length));
      assert.ok(answer.error.message.length > 0);
    }
    await app.quit();
  });
}
