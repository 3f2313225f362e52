import type { AppView } from '../api';

/** What the app renders: the last view Rust sent, and the last failed command. */
class AppState {
  view = $state<AppView | null>(null);
  error = $state<string | null>(null);
  /**
   * What a finished action says on the page it led to, as a message id (so it follows
   * the language): "All your data was deleted" on the first start it returned to.
   */
  done = $state<'my-data-deleted' | null>(null);
}

export const app = new AppState();
