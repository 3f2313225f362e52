// A keystroke-level model (Card, Moran and Newell, "The Psychology of Human-Computer
// Interaction", 1983; "The keystroke-level model for user performance time with
// interactive systems", CACM 23(7), 1980) of a citizen's way through a procedure,
// computed from what the end-to-end walks actually pressed, typed and were shown.
//
// The walks (tests/e2e/wizard-driver.mjs) report every key they press to the recorder
// of the app they drive (`app.klm`): navigation keys (Tab, Shift+Tab, Enter, Space, the
// arrow keys) and typed characters. Each screen the citizen sees is recorded once per
// visit with the words it shows. The model adds:
//
// - K, 0.28 s per keystroke: the "average non-secretary typist" (about 40 words a
//   minute) of the KLM tables; navigation keys and characters alike;
// - M, 1.35 s of mental preparation per answer (deciding what to type or choose, or
//   checking an answer filled in from My details) and per page (deciding to go on);
// - reading, at 238 words a minute: the mean silent reading rate of adults for
//   non-fiction in English (Brysbaert, "How many words do we read per minute?", Journal
//   of Memory and Language 109, 2019), applied to every word of every screen the walk
//   shows, once per visit (the catalog, where the citizen looks for one name, excepted),
//   but for a page whose every answer was filled in from My details: the returning
//   citizen has read that page before (the procedures ask these questions with the same
//   texts), and checks each answer (one M each) instead;
// - an OS file dialog, which the walks answer through the test-only stand-in, as one
//   M and 4 K (open the folder, pick the file, confirm).
//
// Waiting for the app is left out: every answer of the engine took milliseconds in
// these runs (docs/performance.md, "Page changes").
export const K_SECONDS = 0.28;
export const M_SECONDS = 1.35;
export const WORDS_PER_MINUTE = 238;
export const FILE_DIALOG_KEYS = 4;

/** Words of a text as a reader counts them: runs of letters or digits. */
export function countWords(text) {
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,:/-]*/gu) ?? []).length;
}

/** What one walk of one procedure cost, and its model. */
export class Walk {
  constructor({ procedure, locale, citizen, branch }) {
    Object.assign(this, { procedure, locale, citizen, branch });
    this.navigationKeys = 0;
    this.characters = 0;
    this.answers = 0;
    this.prefilled = 0;
    this.fileDialogs = 0;
    /** Navigation keys by what they went to (a selector), in order: where the keys go. */
    this.trail = [];
    /** `{screen, page, words}` of each screen in the order shown. */
    this.screens = [];
  }

  get keystrokes() {
    return this.navigationKeys + this.characters + this.fileDialogs * FILE_DIALOG_KEYS;
  }

  get words() {
    return this.screens.reduce((sum, s) => sum + s.words, 0);
  }

  /** Words read: every screen's but those of pages known from My details. */
  get wordsRead() {
    return this.screens.filter((s) => !s.known).reduce((sum, s) => sum + s.words, 0);
  }

  /** Pages the citizen goes on from: every screen shown but the first (the start page). */
  get decisions() {
    return Math.max(0, this.screens.length - 1);
  }

  /** The modelled seconds, by operator. */
  model() {
    const keys = this.keystrokes * K_SECONDS;
    const mental = (this.answers + this.prefilled + this.fileDialogs + this.decisions) * M_SECONDS;
    const reading = (this.wordsRead / WORDS_PER_MINUTE) * 60;
    return { keys, mental, reading, total: keys + mental + reading };
  }

  toJSON() {
    return {
      procedure: this.procedure,
      locale: this.locale,
      citizen: this.citizen,
      branch: this.branch,
      stated: this.stated ?? null,
      keystrokes: this.keystrokes,
      navigationKeys: this.navigationKeys,
      characters: this.characters,
      fileDialogs: this.fileDialogs,
      answers: this.answers,
      prefilled: this.prefilled,
      screens: this.screens,
      trail: this.trail,
      words: this.words,
      wordsRead: this.wordsRead,
      model: this.model(),
    };
  }
}

/** Minutes as a start page states them: the model rounded up to 5 minutes. */
export function statedMinutes(seconds) {
  return Math.max(5, Math.ceil(seconds / 60 / 5) * 5);
}

/**
 * The recorder an app carries while a walk drives it (`app.klm`). The driver calls
 * `key`, `characters`, `answer`, `prefilled`, `fileDialog` and `screen`; nothing is
 * recorded outside `begin … end`.
 */
export class KeystrokeLog {
  constructor() {
    this.walks = [];
    this.current = null;
    /** Answers given and filled in since the last screen was recorded. */
    this.pending = { answers: 0, prefilled: 0 };
  }

  begin(meta) {
    this.pending = { answers: 0, prefilled: 0 };
    this.current = new Walk(meta);
    return this.current;
  }

  end() {
    const walk = this.current;
    if (walk) this.walks.push(walk);
    this.current = null;
    return walk;
  }

  key(count = 1, what = '') {
    if (!this.current) return;
    this.current.navigationKeys += count;
    const last = this.current.trail.at(-1);
    if (last && last.what === what) last.keys += count;
    else this.current.trail.push({ what, keys: count });
  }

  characters(count) {
    if (this.current) this.current.characters += count;
  }

  answer() {
    if (!this.current) return;
    this.current.answers += 1;
    this.pending.answers += 1;
  }

  prefilled() {
    if (!this.current) return;
    this.current.prefilled += 1;
    this.pending.prefilled += 1;
  }

  fileDialog() {
    if (!this.current) return;
    this.current.fileDialogs += 1;
    this.pending.answers += 1;
  }

  /** A screen the citizen now sees, with the words of its main region. */
  screen(screen, page, text) {
    if (!this.current) return;
    const last = this.current.screens.at(-1);
    if (last && last.screen === screen && last.page === page) return;
    const { answers, prefilled } = this.pending;
    this.pending = { answers: 0, prefilled: 0 };
    // A page known from My details: all its answers were there already.
    const known = prefilled > 0 && answers === 0;
    this.current.screens.push({ screen, page, words: countWords(text), answers, prefilled, known });
  }
}
