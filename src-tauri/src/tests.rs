//! What only the shell can be tested for, through Tauri's mock runtime: arguments of the
//! wrong shape refused by the IPC without a panic, no command on the main thread, the
//! command lists agreeing (handler, build.rs, capability, UI api, the core tests' dispatcher), and the core's events reaching the window. What the
//! app does is tested without tauri in `crates/app/tests/it`.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets,
};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

use std::sync::Arc;

use amtsweg_app::host::ScriptedHost;

use crate::core::{AppCore, CoreConfig, VaultChoice};

/// Argon2id parameters that cost milliseconds: what is sealed in these tests needs no
/// protection, and the vault crate's own tests cover the recommended parameters.
const CHEAP_KDF: amtsweg_vault::KdfParams = amtsweg_vault::KdfParams {
    memory_kib: 64,
    iterations: 1,
    parallelism: 1,
};

struct Harness {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

fn config(config_dir: &Path, system: &str, override_dir: Option<PathBuf>) -> CoreConfig {
    CoreConfig {
        config_dir: config_dir.to_path_buf(),
        system_locales: vec![system.to_owned()],
        locales_override_dir: override_dir,
        data_dir: config_dir.join("data"),
        catalog_file: None,
        started: Instant::now(),
        developer: true,
        vault: VaultChoice::InMemory,
        passphrase_kdf: CHEAP_KDF,
        vault_open_delay: std::time::Duration::ZERO,
        print_dir: config_dir.join("print"),
        applications: Default::default(),
    }
}

fn harness(config: CoreConfig) -> Harness {
    let host = Arc::new(ScriptedHost::default());
    let app = mock_builder()
        .manage(AppCore::start(config, host))
        .invoke_handler(crate::handler())
        .build(mock_context(noop_assets()))
        .expect("mock app builds");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("window");
    // What `run()`'s setup does; the mock app is never run, so its setup never runs.
    crate::forward_events(app.handle());
    Harness { _app: app, window }
}

impl Harness {
    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            // Recipes: `tauri://localhost` is the app's own origin on Linux.
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request).map(|body| body.deserialize().expect("json"))
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.invoke(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }
}

#[test]
fn malformed_arguments_are_refused_without_a_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "de-DE", None));
    assert!(
        app.invoke("choose_language", serde_json::json!({ "locale": 42 }))
            .is_err()
    );
    assert!(
        app.invoke("choose_language", serde_json::json!({}))
            .is_err()
    );
    assert!(app.invoke("no_such_command", Value::Null).is_err());
    // The app still answers afterwards.
    assert_eq!(app.ok("get_app_view", Value::Null)["screen"], "firstStart");
}

// A thread's log captured as the core's tests capture it.
#[path = "../../crates/app/tests/it/thread_log.rs"]
mod thread_log;

/// No command that reads the core's state runs on the main thread (ARCHITECTURE.md).
mod main_thread {
    use serde_json::json;

    use super::{config, harness};
    use crate::commands::SYNCHRONOUS;

    use super::thread_log::logged_on_this_thread;

    #[test]
    fn commands_run_on_a_thread_other_than_the_caller_s() {
        let dir = tempfile::tempdir().expect("tempdir");
        let app = harness(config(dir.path(), "de-DE", None));

        // The control: a synchronous command runs where it is called, and its log line
        // reaches this thread's subscriber; so the method can see where a command runs.
        let here = logged_on_this_thread(|| {
            app.ok("report_first_paint", json!({ "screen": "firstStart" }));
        });
        assert!(here.contains("first-screen-painted"), "{here:?}");

        // A failing command logs "command failed" where it runs; none of these may run
        // here. One from each command file.
        let failing = [
            ("choose_language", json!({ "locale": "xx" })),
            ("set_text_scale", json!({ "scale": 3 })),
            ("choose_municipality", json!({ "ars": "0" })),
            ("procedure_start_page", json!({ "procedureId": "no-such" })),
            ("draft_screen", json!({ "draftId": "no-such" })),
            (
                "set_answers",
                json!({ "draftId": "no-such", "pageId": "p", "answers": {} }),
            ),
            ("resume_draft", json!({ "draftId": "no-such" })),
            ("delete_draft", json!({ "draftId": "no-such" })),
            (
                "pick_attachment",
                json!({ "draftId": "no-such", "fieldId": "f" }),
            ),
            ("unlock_vault", json!({ "passphrase": "" })),
        ];
        for (command, args) in failing {
            let mut answered = None;
            let here = logged_on_this_thread(|| answered = Some(app.invoke(command, args)));
            assert!(
                matches!(answered, Some(Err(_))),
                "{command} was expected to fail: {answered:?}"
            );
            assert!(
                !here.contains("command failed"),
                "{command} ran on the calling thread: {here:?}"
            );
        }
    }

    /// Every command is `async` and does its work through `blocking` (tokio's blocking
    /// pool), except the few listed in `SYNCHRONOUS` with their reason.
    #[test]
    fn every_command_but_the_listed_ones_is_async_and_runs_on_the_blocking_pool() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands");
        let mut seen = Vec::new();
        for entry in std::fs::read_dir(&folder).expect("commands folder") {
            let path = entry.expect("entry").path();
            let source = std::fs::read_to_string(&path).expect("source");
            for (i, _) in source.match_indices("#[tauri::command]") {
                let rest = &source[i..];
                let signature = &rest[..rest.find('{').expect("a body")];
                let name = signature
                    .split("fn ")
                    .nth(1)
                    .and_then(|s| s.split(['<', '(']).next())
                    .expect("a function name")
                    .trim()
                    .to_owned();
                let body_end = rest.find("\n}\n").expect("the function's end");
                let body = &rest[signature.len()..body_end];
                let file = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default();
                if SYNCHRONOUS.iter().any(|(listed, _)| *listed == name) {
                    assert!(
                        !signature.contains("async fn"),
                        "{file}: {name} is listed as synchronous but is async"
                    );
                } else {
                    assert!(
                        signature.contains("pub async fn"),
                        "{file}: {name} is not async, so Tauri runs it on the main thread"
                    );
                    assert!(
                        body.contains("blocking("),
                        "{file}: {name} does not run its work through `blocking`"
                    );
                }
                seen.push(name);
            }
        }
        // The scan found the commands (a changed layout must not make it vacuous).
        let handler_count = include_str!("lib.rs").matches("commands::").count();
        assert_eq!(seen.len(), handler_count, "commands found: {seen:?}");
        for (name, reason) in SYNCHRONOUS {
            assert!(
                seen.contains(&(*name).to_owned()),
                "{name} is listed but no command"
            );
            assert!(!reason.is_empty());
        }
    }
}

/// The command list is written in four places that Tauri and the UI each read: the
/// handler (`lib.rs`), the permissions (`build.rs`), the window's capability and the UI's
/// api module. They must name the same commands, each once.
#[test]
fn the_command_lists_agree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |path: &str| fs::read_to_string(root.join(path)).expect(path);
    let between = |text: &str, start: &str, end: &str| {
        let from = text.find(start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
        text[from..from + text[from..].find(end).expect("the list's end")].to_owned()
    };
    let sorted = |mut names: Vec<String>, what: &str| {
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count, "{what} names a command twice");
        names
    };

    let lib = read("src/lib.rs");
    let handler = sorted(
        between(&lib, "tauri::generate_handler![", "]")
            .split(',')
            .filter_map(|path| path.trim().rsplit("::").next())
            .filter(|name| !name.is_empty())
            .map(str::to_owned)
            .collect(),
        "the handler",
    );
    let build = sorted(
        between(&read("build.rs"), ".commands(&[", "]")
            .split(',')
            .map(|name| name.trim().trim_matches('"').to_owned())
            .filter(|name| !name.is_empty())
            .collect(),
        "build.rs",
    );
    let capability: Value = serde_json::from_str(&read("capabilities/main.json")).expect("json");
    // Beside the app's commands, the window may only listen to the app's events
    // (`amtsweg_app::events`); emitting, windows, files and the rest stay closed.
    const EVENT_PERMISSIONS: [&str; 2] = ["core:event:allow-listen", "core:event:allow-unlisten"];
    let permissions: Vec<&str> = capability["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("a permission name"))
        .collect();
    for permission in EVENT_PERMISSIONS {
        assert!(
            permissions.contains(&permission),
            "{permission} is not granted"
        );
    }
    let granted = sorted(
        permissions
            .into_iter()
            .filter(|p| !EVENT_PERMISSIONS.contains(p))
            .map(|p| {
                p.strip_prefix("allow-")
                    .unwrap_or_else(|| {
                        panic!("{p}: the window is granted only the app's own commands")
                    })
                    .replace('-', "_")
            })
            .collect(),
        "the capability",
    );
    let api = read("../ui/src/api/index.ts");
    let invoked = sorted(
        api.match_indices("invoke<")
            .chain(api.match_indices("invoke("))
            .filter_map(|(at, _)| {
                let rest = &api[at..];
                let quoted = &rest[rest.find('\'')? + 1..];
                Some(quoted[..quoted.find('\'')?].to_owned())
            })
            .collect(),
        "the UI's api module",
    );
    assert!(
        handler.len() >= 25,
        "the handler list was not read: {handler:?}"
    );
    assert_eq!(build, handler, "build.rs and the handler differ");
    assert_eq!(granted, handler, "the capability and the handler differ");
    assert_eq!(
        invoked, handler,
        "the UI's api module and the handler differ"
    );
    // The isolation hook lets exactly these commands through, and the two event commands
    // the capability grants; one per line at two spaces' indentation (ui/isolation).
    let isolation = read("../ui/isolation/index.js");
    let allowed = sorted(
        between(&isolation, "const COMMANDS = {\n", "\n  };")
            .lines()
            .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
            .filter_map(|line| {
                let name = line.trim().split(':').next()?.trim_matches('\'');
                let name = if line.trim().starts_with('\'') {
                    line.trim().trim_start_matches('\'').split('\'').next()?
                } else {
                    name
                };
                (!name.starts_with("//")).then(|| name.to_owned())
            })
            .filter(|name| !name.starts_with("plugin:event|"))
            .collect(),
        "the isolation hook",
    );
    assert_eq!(
        allowed, handler,
        "the isolation hook and the handler differ"
    );
    for event_command in ["plugin:event|listen", "plugin:event|unlisten"] {
        assert!(
            isolation.contains(&format!("'{event_command}': {{")),
            "the isolation hook does not let {event_command} through"
        );
    }
    // The core's behaviour tests call it by command name as these commands do; a name
    // there that is no command (or a command they cannot call) would test the wrong thing.
    let dispatch = between(
        &read("../crates/app/tests/it/support.rs"),
        "let result = match cmd {",
        "other => panic!",
    );
    let dispatched = sorted(
        dispatch
            .lines()
            .filter_map(|line| {
                let arm = line.trim().strip_prefix('"')?;
                let (name, rest) = arm.split_once('"')?;
                rest.trim_start().starts_with("=>").then(|| name.to_owned())
            })
            .collect(),
        "the core's test dispatcher",
    );
    assert_eq!(
        dispatched, handler,
        "the core's test dispatcher and the handler differ"
    );
}

/// The core's events reach the window as the Tauri event `amtsweg:event`.
#[test]
fn the_core_s_events_reach_the_window() {
    use tauri::Listener;
    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "en-US", None));
    let (sender, events) = std::sync::mpsc::channel::<Value>();
    app._app
        .listen(amtsweg_app::events::EVENT_CHANNEL, move |event| {
            let _ = sender.send(serde_json::from_str(event.payload()).expect("json"));
        });
    app.ok(
        "start_draft",
        serde_json::json!({ "procedureId": "dog-tax-registration" }),
    );
    app.ok("delete_all_my_data", Value::Null);
    let until = Instant::now() + std::time::Duration::from_secs(10);
    let mut seen = Vec::new();
    while let Some(left) = until.checked_duration_since(Instant::now()) {
        match events.recv_timeout(left) {
            Ok(event) if event["kind"] == "draftsChanged" => return,
            Ok(event) => seen.push(event),
            Err(_) => break,
        }
    }
    panic!("no draftsChanged reached the window; seen: {seen:?}");
}
