// What the citizen has typed on one question page, and the answers sent back from it.
//
// The page's view model carries each answer exactly as stored; the inputs start from it
// and the answers sent back are exactly what is in the inputs: nothing is trimmed,
// reformatted or dropped. A field left empty that never had an answer is left out (so an
// untouched optional page stays untouched); a field that had one and was emptied is sent
// empty, so the engine sees the change.
import type { Answer, PageAnswers } from '../api';
import type { FieldView } from '../api/bindings/FieldView';
import type { FileRef } from '../api/bindings/FileRef';
import type { GroupView } from '../api/bindings/GroupView';
import type { ItemView } from '../api/bindings/ItemView';

export type LocalValue = string | string[] | FileRef | null;

/** Kinds that show a value and take no answer. */
export function isDisplayOnly(field: FieldView): boolean {
  return field.kind === 'readOnly' || field.kind === 'calculated';
}

function initial(field: FieldView): LocalValue {
  const answer = field.answer;
  if (field.kind === 'multipleChoice') return answer && 'choices' in answer ? [...answer.choices] : [];
  if (field.kind === 'file') return answer && 'file' in answer ? answer.file : null;
  if (answer && 'text' in answer) return answer.text;
  return '';
}

/** Every field of the items, depth first (group instances included). */
export function* fieldsOf(items: ItemView[]): Generator<FieldView> {
  for (const item of items) {
    if (item.type === 'field') yield item;
    else for (const instance of item.instances) yield* fieldsOf(instance.items);
  }
}

function hadAnswer(group: GroupView): boolean {
  if (group.instances.length > 1) return true;
  for (const instance of group.instances) {
    for (const field of fieldsOf(instance.items)) if (field.answer !== null) return true;
  }
  return false;
}

/** The inputs of one page, by field key (unique on the page). */
export class PageForm {
  values = $state<Record<string, LocalValue>>({});

  constructor(items: ItemView[]) {
    this.reset(items);
  }

  /** Starts over from a view's answers (a new page, or the same page after a reply). */
  reset(items: ItemView[]): void {
    const values: Record<string, LocalValue> = {};
    for (const field of fieldsOf(items)) if (!isDisplayOnly(field)) values[field.key] = initial(field);
    this.values = values;
  }

  text(key: string): string {
    const value = this.values[key];
    return typeof value === 'string' ? value : '';
  }

  choices(key: string): string[] {
    const value = this.values[key];
    return Array.isArray(value) ? value : [];
  }

  file(key: string): FileRef | null {
    const value = this.values[key];
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
  }

  set(key: string, value: LocalValue): void {
    this.values[key] = value;
  }

  toggle(key: string, code: string, on: boolean): void {
    const now = this.choices(key).filter((c) => c !== code);
    if (on) now.push(code);
    this.values[key] = now;
  }

  /**
   * The page's answers by FIM id. With `keepGroups`, every group is sent with all its
   * instances even when nothing is typed in them (to add or remove an instance).
   */
  answers(items: ItemView[], keepGroups = false): PageAnswers {
    const out: PageAnswers = {};
    for (const item of items) {
      if (item.type === 'field') {
        const answer = this.answerOf(item);
        if (answer) out[item.fieldId] = answer;
      } else {
        const instances = item.instances.map((instance) => this.answers(instance.items, keepGroups));
        const typed = instances.some((instance) => Object.keys(instance).length > 0);
        if (typed || keepGroups || hadAnswer(item)) out[item.groupId] = { group: instances };
      }
    }
    return out;
  }

  private answerOf(field: FieldView): Answer | null {
    if (isDisplayOnly(field)) return null;
    if (field.kind === 'multipleChoice') {
      const choices = this.choices(field.key);
      return choices.length > 0 || field.answer !== null ? { choices: [...choices] } : null;
    }
    if (field.kind === 'file') {
      const file = this.file(field.key);
      return file ? { file: { ...file } } : null;
    }
    const text = this.text(field.key);
    return text !== '' || field.answer !== null ? { text } : null;
  }
}

/**
 * Changes the instance list of the group with key `key` (`G1`, or `G1.0.G2` inside an
 * instance) in answers made with `keepGroups`.
 */
export function editGroup(answers: PageAnswers, key: string, edit: (instances: PageAnswers[]) => void): void {
  const parts = key.split('.');
  let level: PageAnswers | undefined = answers;
  for (let i = 0; level && i + 1 < parts.length; i += 2) {
    const group: Answer | undefined = level[parts[i] ?? ''];
    level = group && 'group' in group ? group.group[Number(parts[i + 1])] : undefined;
  }
  const target = level?.[parts[parts.length - 1] ?? ''];
  if (!target || !('group' in target)) throw new Error(`no group ${key} in the answers`);
  edit(target.group);
}
