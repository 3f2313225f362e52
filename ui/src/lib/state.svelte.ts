import type { AppView } from '../api';

/** What the app renders: the last view Rust sent, and the last failed command. */
class AppState {
  view = $state<AppView | null>(null);
  error = $state<string | null>(null);
}

export const app = new AppState();
