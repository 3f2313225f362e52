#!/usr/bin/env node
// Writes the keystroke-level model of every bundled procedure into docs/performance.md
// (between its markers) from what the end-to-end walks recorded:
// target/klm/procedures.<locale>.json, written by tests/e2e/procedures.test.mjs.
//
//   node scripts/klm-report.mjs            rewrite the section
//   node scripts/klm-report.mjs --print    print it only
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FILE_DIALOG_KEYS, K_SECONDS, M_SECONDS, statedMinutes, WORDS_PER_MINUTE } from '../tests/support/klm.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BEGIN = '<!-- scripts/klm-report.mjs: begin (generated, do not edit by hand) -->';
const END = '<!-- scripts/klm-report.mjs: end -->';

const walks = ['de', 'en'].flatMap((locale) => {
  const file = path.join(root, 'target', 'klm', `procedures.${locale}.json`);
  if (!existsSync(file)) {
    console.error(`${file} is missing: run tests/e2e/procedures.test.mjs first`);
    process.exit(1);
  }
  return JSON.parse(readFileSync(file, 'utf8'));
});

const time = (s) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const date = new Date().toISOString().slice(0, 16).replace('T', ' ');

const lines = [
  BEGIN,
  '',
  '## How long a procedure takes: a keystroke-level model of the walks',
  '',
  `Recorded by \`tests/e2e/procedures.test.mjs\` (every bundled procedure typed into the real app by keyboard, in German and in English) and written here by \`scripts/klm-report.mjs\`; the model is \`tests/support/klm.mjs\`: K = ${K_SECONDS} s per keystroke (navigation key or character), M = ${M_SECONDS} s per answer, per answer filled in from My details (checked, not typed), per file dialog (with ${FILE_DIALOG_KEYS} K) and per page gone on from, reading at ${WORDS_PER_MINUTE} words a minute of every screen shown once answered (start page, question pages, task list, check your answers; not the catalog). Keys are what the walk pressed: Tab (Shift+Tab as 2) to each field and button, typing, arrows and Space for choices, Enter for buttons, from the catalog's link to "Submit". The first start (language and municipality, 12 keys on the dog tax walk of issue 20) is not included.`,
  '',
  `- date: ${date} UTC`,
  `- commit: ${commit}`,
  '',
  '| procedure | locale | citizen | walk branch | screens | navigation keys | characters | keystrokes | words shown / read | keys / decisions / reading (s) | modelled | start page states |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
];
for (const w of walks) {
  const m = w.model;
  const stated = w.citizen === 'first-time' ? `${w.stated ?? '–'} (model: ${statedMinutes(m.total)} min)` : '';
  lines.push(
    `| ${w.procedure} | ${w.locale} | ${w.citizen} | ${w.branch} | ${w.screens.length} | ${w.navigationKeys} | ${w.characters}${w.fileDialogs ? ` + ${w.fileDialogs} file` : ''} | ${w.keystrokes} | ${w.words} / ${w.wordsRead} | ${Math.round(m.keys)} / ${Math.round(m.mental)} / ${Math.round(m.reading)} | ${time(m.total)} | ${stated} |`,
  );
}
lines.push('', END);
const section = lines.join('\n');

if (process.argv.includes('--print')) {
  console.log(section);
} else {
  const docPath = path.join(root, 'docs', 'performance.md');
  const doc = readFileSync(docPath, 'utf8');
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  const next = start >= 0 && end > start ? doc.slice(0, start) + section + doc.slice(end + END.length) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(docPath, next);
  console.log(`docs/performance.md: ${walks.length} walks`);
}
