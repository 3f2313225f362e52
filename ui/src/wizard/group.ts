import type { GroupView } from '../api/bindings/GroupView';

/** What the buttons of a repeatable group do; the question page carries them out. */
export type GroupActions = {
  add: (group: GroupView) => Promise<void>;
  remove: (group: GroupView, index: number) => Promise<void>;
};

/** Element id of a group instance's heading (focus goes there after "Add another"). */
export function instanceHeadingId(groupKey: string, index: number): string {
  return `${groupKey}.${index}-heading`;
}
