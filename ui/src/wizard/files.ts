// File fields: the OS dialog is opened by the Rust side (`pickAttachment` in the api
// module, which checks type and size before it accepts a file). Until that command
// exists, the button says so with a Fluent text instead of failing silently.
import * as api from '../api';
import type { FieldView } from '../api/bindings/FieldView';
import type { FileRef } from '../api/bindings/FileRef';
import { t } from '../lib/i18n';

export type Picked = { kind: 'picked'; file: FileRef } | { kind: 'cancelled' } | { kind: 'message'; text: string };

type PickAttachment = (draftId: string, fieldId: string) => Promise<FileRef | null>;

export async function pickFile(draftId: string, field: FieldView): Promise<Picked> {
  const pick = Reflect.get(api, 'pickAttachment') as PickAttachment | undefined;
  if (typeof pick !== 'function') return { kind: 'message', text: t('wizard-file-unavailable') };
  try {
    const file = await pick(draftId, field.fieldId);
    return file ? { kind: 'picked', file } : { kind: 'cancelled' };
  } catch (reason) {
    return { kind: 'message', text: api.errorText(reason) };
  }
}
