// File fields: the OS dialog is opened by the Rust side (`pickAttachment`), which
// refuses files of other types or over the field's size before it accepts one; its
// refusal comes back as an already localized message, shown beside the button.
import { errorText, pickAttachment } from '../api';
import type { FieldView } from '../api/bindings/FieldView';
import type { FileRef } from '../api/bindings/FileRef';

export type Picked = { kind: 'picked'; file: FileRef } | { kind: 'cancelled' } | { kind: 'message'; text: string };

export async function pickFile(draftId: string, field: FieldView): Promise<Picked> {
  try {
    const file = await pickAttachment(draftId, field.fieldId);
    return file ? { kind: 'picked', file } : { kind: 'cancelled' };
  } catch (reason) {
    return { kind: 'message', text: errorText(reason) };
  }
}
