// The isolation hook (Tauri's isolation pattern, `app.security.pattern` in
// src-tauri/tauri.conf.json). Every IPC message of the UI passes through here, in a
// sandboxed frame of its own origin that the UI's scripts cannot reach, before Tauri
// encrypts it with a key that only this frame and Rust hold; Rust refuses every message
// that did not come this way. Only the app's commands pass, each with exactly its
// arguments, of the right type and within generous caps (Rust checks the values
// themselves). Anything else goes on as a command that does not exist, with no
// arguments, so the caller gets an error at once and Rust never sees what was sent.
//
// The command list must name what `src-tauri/src/lib.rs` handles, one command per line
// at this indentation (`the_command_lists_agree` in src-tauri/src/tests.rs reads it).
(function () {
  'use strict';

  const text = (max) => (v) => typeof v === 'string' && v.length <= max;
  const textOrNull = (max) => (v) => v === null || text(max)(v);
  const whole = (v) => Number.isSafeInteger(v);
  const record = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

  const ID = text(256);
  // A recovery code as shown: seven groups of four symbols (a few more let Rust refuse).
  const GROUPS = (v) => Array.isArray(v) && v.length <= 16 && v.every(text(16));
  const SECRET = text(4096);

  const COMMANDS = {
  get_app_view: {},
  choose_language: { locale: text(64) },
  complete_first_start: {},
  report_first_paint: { screen: text(64), phases: record },
  set_window_title: { title: text(4096) },
  set_text_scale: { scale: whole },
  search_municipalities: { query: text(1024) },
  choose_municipality: { ars: text(64) },
  catalog_groups: { query: textOrNull(1024) },
  procedure_start_page: { procedureId: ID },
  start_draft: { procedureId: ID },
  draft_screen: { draftId: ID },
  set_answers: { draftId: ID, pageId: ID, answers: record },
  continue_page: { draftId: ID, pageId: ID, answers: record },
  go_back: { draftId: ID },
  go_to_page: { draftId: ID, pageId: ID },
  check_answers: { draftId: ID },
  submission_preview: { draftId: ID },
  pick_attachment: { draftId: ID, fieldId: ID },
  list_drafts: {},
  resume_draft: { draftId: ID },
  delete_draft: { draftId: ID },
  keep_draft_versions: {},
  my_data_view: {},
  export_my_data: { passphrase: SECRET, confirmation: SECRET },
  import_my_data: { passphrase: SECRET },
  delete_all_my_data: { confirmUnsent: (v) => typeof v === 'boolean' },
  unlock_vault: { passphrase: SECRET },
  use_passphrase_keys: { passphrase: SECRET, confirmation: SECRET },
  use_keychain_keys: {},
  create_recovery_code: {},
  recover_vault: { code: SECRET, passphrase: SECRET, confirmation: SECRET },
  change_passphrase: { current: SECRET, passphrase: SECRET, confirmation: SECRET },
  retry_vault: {},
  my_details_view: {},
  my_details_offer: {},
  set_my_details_keeping: { keep: (v) => typeof v === 'boolean' },
  save_my_details: { values: record },
  delete_my_details: {},
  download_application_pdf: { draftId: ID },
  print_application: { draftId: ID },
  print_recovery_code: { groups: GROUPS },
  submit_application: { draftId: ID },
  list_applications: {},
  download_sent_application_pdf: { applicationId: ID },
  print_sent_application: { applicationId: ID },
  // The app's events only (src-tauri/capabilities/main.json grants no more).
  'plugin:event|listen': { event: text(64), target: record, handler: whole },
  'plugin:event|unlisten': { event: text(64), eventId: whole },
  };

  /** The name a refused message is sent on as: no command has it. */
  const REFUSED = 'isolation_refused';

  /** Whether `args` has exactly the arguments of `shape`, each of its type. */
  function fits(shape, args) {
    if (!record(args)) return false;
    const names = Object.keys(args);
    return (
      names.length === Object.keys(shape).length &&
      names.every((name) => Object.prototype.hasOwnProperty.call(shape, name) && shape[name](args[name]))
    );
  }

  function hook(message) {
    const command = message && typeof message.cmd === 'string' ? message.cmd : '';
    const shape = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : null;
    if (shape && fits(shape, message.payload)) return message;
    return { cmd: REFUSED, callback: message.callback, error: message.error, payload: {}, options: undefined };
  }

  Object.defineProperty(window, '__TAURI_ISOLATION_HOOK__', { value: hook, writable: false, configurable: false });
})();
