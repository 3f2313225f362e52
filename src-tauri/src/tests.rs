//! Command-level tests through Tauri's mock runtime: real IPC serialization, real
//! settings on disk, real locales; no window. They also write the UI's test fixtures,
//! so the UI's mocked IPC answers with what this code really answers.

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
    /// The OS effects: dialogs answered from a queue, titles recorded.
    host: Arc<ScriptedHost>,
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
    }
}

fn harness(config: CoreConfig) -> Harness {
    let host = Arc::new(ScriptedHost::default());
    let app = mock_builder()
        .manage(AppCore::start(config, host.clone()))
        .invoke_handler(crate::handler())
        .build(mock_context(noop_assets()))
        .expect("mock app builds");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("window");
    // What `run()`'s setup does; the mock app is never run, so its setup never runs.
    crate::forward_events(app.handle());
    Harness {
        _app: app,
        host,
        window,
    }
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

    /// The procedures the core lists (what the catalog screen groups), as JSON; no
    /// command answers with the flat list since the UI shows groups.
    fn listed(&self, query: Option<&str>) -> Value {
        use tauri::Manager;
        let core = self._app.state::<AppCore>();
        serde_json::to_value(core.list_procedures(query)).expect("json")
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.invoke(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }
}

fn text<'a>(view: &'a Value, id: &str) -> &'a str {
    view["ui"]["messages"][id]
        .as_str()
        .unwrap_or_else(|| panic!("no message {id} in {view}"))
}

#[test]
fn first_start_opens_in_the_system_language_when_shipped_else_german() {
    let dir = tempfile::tempdir().expect("tempdir");
    let en = harness(config(&dir.path().join("a"), "en-US", None)).ok("get_app_view", Value::Null);
    assert_eq!(en["screen"], "firstStart");
    assert_eq!(en["ui"]["locale"], "en");
    assert_eq!(text(&en, "first-start-heading"), "Welcome to Amtsweg");

    let fr = harness(config(&dir.path().join("b"), "fr-FR", None)).ok("get_app_view", Value::Null);
    assert_eq!(fr["ui"]["locale"], "de");
    assert_eq!(text(&fr, "first-start-heading"), "Willkommen bei Amtsweg");
    assert_eq!(fr["ui"]["direction"], "ltr");
    let names: Vec<&str> = fr["languages"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|l| l["selfName"].as_str())
        .collect();
    assert_eq!(names, vec!["Deutsch", "English"]);
}

#[test]
fn language_choice_is_saved_at_once_and_continue_survives_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "de-DE", None));
    let chosen = app.ok("choose_language", serde_json::json!({ "locale": "en" }));
    assert_eq!(chosen["ui"]["locale"], "en");
    assert_eq!(chosen["screen"], "firstStart");

    // Saved before Continue: a restart now still speaks English but asks again.
    let restarted = harness(config(dir.path(), "de-DE", None)).ok("get_app_view", Value::Null);
    assert_eq!(restarted["ui"]["locale"], "en");
    assert_eq!(restarted["screen"], "firstStart");

    let done = app.ok("complete_first_start", Value::Null);
    assert_eq!(done["screen"], "municipality");
    assert_eq!(text(&done, "municipality-heading"), "Your municipality");
    let restarted = harness(config(dir.path(), "de-DE", None)).ok("get_app_view", Value::Null);
    assert_eq!(restarted["screen"], "municipality");
    assert_eq!(restarted["ui"]["locale"], "en");
}

#[test]
fn the_municipality_is_found_by_postcode_or_name_and_saved_durably() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "de-DE", None));
    app.ok("complete_first_start", Value::Null);

    let by_postcode = app.ok(
        "search_municipalities",
        serde_json::json!({ "query": "34117" }),
    );
    let names: Vec<&str> = by_postcode
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|m| m["name"].as_str())
        .collect();
    assert_eq!(names, vec!["Kassel"]);
    assert_eq!(by_postcode[0]["ars"], "066110000000");
    assert_eq!(by_postcode[0]["demo"], true);
    let by_name = app.ok(
        "search_municipalities",
        serde_json::json!({ "query": "kass" }),
    );
    assert_eq!(by_name[0]["name"], "Kassel");
    let nothing = app.ok(
        "search_municipalities",
        serde_json::json!({ "query": "  " }),
    );
    assert_eq!(nothing, serde_json::json!([]));

    let error = app
        .invoke(
            "choose_municipality",
            serde_json::json!({ "ars": "999999999999" }),
        )
        .expect_err("refused");
    assert_eq!(error["code"], "error-unknown-municipality");
    let view = app.ok("get_app_view", Value::Null);
    assert_eq!(view["screen"], "municipality");
    assert_eq!(view["municipality"], Value::Null);

    let chosen = app.ok(
        "choose_municipality",
        serde_json::json!({ "ars": "066110000000" }),
    );
    assert_eq!(chosen["screen"], "catalog");
    assert_eq!(chosen["municipality"]["name"], "Kassel");
    let saved = fs::read_to_string(dir.path().join("settings.json")).expect("settings");
    assert!(saved.contains("066110000000"), "{saved}");

    let restarted = harness(config(dir.path(), "de-DE", None)).ok("get_app_view", Value::Null);
    assert_eq!(restarted["screen"], "catalog");
    assert_eq!(restarted["municipality"]["ars"], "066110000000");
}

#[test]
fn the_catalog_offers_only_the_municipality_s_procedures_grouped_by_life_situation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "en-GB", None));
    app.ok("complete_first_start", Value::Null);
    let directory = amtsweg_catalog::Directory::from_json(
        &fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../procedures/municipalities.json"))
            .expect("directory"),
    )
    .expect("valid directory");
    // A municipality that does not offer everything.
    let partial = directory
        .municipalities()
        .iter()
        .find(|m| m.procedures().len() < directory.procedures().len())
        .expect("a municipality with fewer procedures");
    app.ok(
        "choose_municipality",
        serde_json::json!({ "ars": partial.ars().to_string() }),
    );
    let groups = app.ok("catalog_groups", serde_json::json!({ "query": null }));
    let groups = groups.as_array().expect("groups");
    assert!(!groups.is_empty());
    let mut ids = Vec::new();
    for group in groups {
        assert!(
            !group["title"]
                .as_str()
                .expect("title")
                .starts_with("life-situation-"),
            "{group}"
        );
        for entry in group["entries"].as_array().expect("entries") {
            ids.push(entry["procedureId"].as_str().expect("id").to_owned());
        }
    }
    ids.sort();
    let mut offered: Vec<String> = partial.procedures().to_vec();
    offered.sort();
    assert_eq!(ids, offered);
    let listed = app.listed(None);
    assert_eq!(listed.as_array().expect("list").len(), offered.len());

    app.ok(
        "choose_municipality",
        serde_json::json!({ "ars": "066110000000" }),
    );
    let pets = app.ok("catalog_groups", serde_json::json!({ "query": "dog" }));
    assert_eq!(pets[0]["code"], "pets");
    assert_eq!(pets[0]["title"], "Pets");
    assert!(pets[0]["entries"].as_array().expect("entries").len() >= 2);
}

#[test]
fn the_text_size_is_one_of_the_offered_and_saved_durably() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "de-DE", None));
    let view = app.ok("get_app_view", Value::Null);
    assert_eq!(view["textScale"], 100);
    assert_eq!(view["textScales"], serde_json::json!([100, 125, 150, 200]));
    let error = app
        .invoke("set_text_scale", serde_json::json!({ "scale": 333 }))
        .expect_err("refused");
    assert_eq!(error["code"], "error-invalid-request");
    let view = app.ok("set_text_scale", serde_json::json!({ "scale": 150 }));
    assert_eq!(view["textScale"], 150);
    let restarted = harness(config(dir.path(), "de-DE", None)).ok("get_app_view", Value::Null);
    assert_eq!(restarted["textScale"], 150);
}

#[test]
fn attachments_are_checked_by_content_and_size_before_they_are_kept() {
    use crate::core::AttachmentRule;
    use crate::error::AppError;
    let dir = tempfile::tempdir().expect("tempdir");
    let core = AppCore::start(
        config(dir.path(), "de-DE", None),
        Arc::new(ScriptedHost::default()),
    );
    let draft = core
        .start_draft("tree-felling-permit")
        .expect("a draft")
        .draft_id;
    let rule = AttachmentRule {
        media_types: vec!["application/pdf".into(), "image/png".into()],
        max_bytes: 1024,
    };
    let pdf = dir.path().join("plan.pdf");
    fs::write(
        &pdf,
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n",
    )
    .expect("write");
    let file = core
        .accept_attachment(&draft, &rule, &pdf)
        .expect("accepted");
    assert_eq!(file.name, "plan.pdf");
    assert_eq!(file.media_type, "application/pdf");
    assert!(file.id.starts_with("file-") && file.id.len() == "file-".len() + 32);
    assert_eq!(
        core.attachment_bytes(&file.id).map(|b| b.len() as u64).ok(),
        Some(file.size)
    );

    // A JPEG named .pdf is refused by its content, naming what is allowed.
    let fake = dir.path().join("photo.pdf");
    fs::write(&fake, b"\xff\xd8\xff\xe0\x00\x10JFIF\x00").expect("write");
    let error = core
        .accept_attachment(&draft, &rule, &fake)
        .expect_err("refused");
    assert_eq!(error.code().fluent_id(), "error-attachment-type");
    assert_eq!(error.to_string(), "application/pdf, image/png");
    // Plain text is no PDF either.
    let text = dir.path().join("notes.pdf");
    fs::write(&text, b"just some text").expect("write");
    assert_eq!(
        core.accept_attachment(&draft, &rule, &text)
            .expect_err("refused")
            .code()
            .fluent_id(),
        "error-attachment-type"
    );

    // Too large: refused before it is read; the limit in MB in the message.
    let big = dir.path().join("big.pdf");
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.resize(2048, b' ');
    fs::write(&big, &bytes).expect("write");
    let error = core
        .accept_attachment(&draft, &rule, &big)
        .expect_err("refused");
    assert_eq!(error.code().fluent_id(), "error-attachment-size");
    let ipc = core.ipc_error(&error);
    // 1024 bytes, rounded up to a tenth of a megabyte, in German (this core is German).
    assert_eq!(
        ipc.message,
        "Diese Datei ist zu groß. Erlaubt sind höchstens \u{2068}0,1 MB\u{2069}."
    );
    assert_eq!(error.reason("en"), "0.1 MB");
    assert_eq!(AppError::AttachmentTooLarge(10 << 20).reason("de"), "10 MB");
    assert_eq!(
        AppError::AttachmentTooLarge(1_572_864).reason("de"),
        "1,5 MB"
    );
    let missing = core.accept_attachment(&draft, &rule, &dir.path().join("gone.pdf"));
    assert_eq!(
        missing.expect_err("refused").code().fluent_id(),
        "error-attachment-unreadable"
    );
}

#[test]
fn the_rule_of_a_file_field_comes_from_the_draft_s_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let core = AppCore::start(
        config(dir.path(), "de-DE", None),
        Arc::new(ScriptedHost::default()),
    );
    let started = core.start_draft("tree-felling-permit").expect("started");
    let rule = core
        .attachment_rule(&started.draft_id, "F99000012")
        .expect("a file field on the first page");
    assert!(
        rule.media_types.iter().any(|m| m == "application/pdf"),
        "{rule:?}"
    );
    assert!(rule.max_bytes > 0);
    let not_file = core.attachment_rule(&started.draft_id, "F99000011");
    assert_eq!(
        not_file.expect_err("no file field").code().fluent_id(),
        "error-invalid-request"
    );
}

#[test]
fn pick_attachment_refuses_a_field_that_takes_no_file_before_any_dialog() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "en-GB", None));
    let started = app.ok(
        "start_draft",
        serde_json::json!({ "procedureId": "dog-tax-registration" }),
    );
    let error = app
        .invoke(
            "pick_attachment",
            serde_json::json!({ "draftId": started["draftId"], "fieldId": "F00000001" }),
        )
        .expect_err("refused");
    assert_eq!(error["code"], "error-invalid-request");
    let error = app
        .invoke(
            "pick_attachment",
            serde_json::json!({ "draftId": "draft-999", "fieldId": "F00000001" }),
        )
        .expect_err("refused");
    assert_eq!(error["code"], "error-unknown-draft");
    assert_eq!(app.host.shown(), [], "no dialog opened");

    // A file field opens the dialog with the field's types; cancelled, nothing is kept.
    let tree = app.ok(
        "start_draft",
        serde_json::json!({ "procedureId": "tree-felling-permit" }),
    );
    app.host.answer(None);
    let picked = app.ok(
        "pick_attachment",
        serde_json::json!({ "draftId": tree["draftId"], "fieldId": "F99000012" }),
    );
    assert_eq!(picked, Value::Null);
    let shown = app.host.shown();
    assert_eq!(shown.len(), 1);
    assert_eq!(
        shown[0].purpose,
        amtsweg_app::host::DialogPurpose::PickAttachment
    );
    assert!(shown[0].extensions.contains(&"pdf".to_owned()), "{shown:?}");
}

#[test]
fn the_window_title_follows_the_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "de-DE", None));
    // The window gets the page's title, cleaned of control characters and cut short.
    let answer = app.ok(
        "set_window_title",
        serde_json::json!({ "title": "Fehler: Angaben\n – Amtsweg\u{7}" }),
    );
    assert_eq!(answer, Value::Null);
    app.ok(
        "set_window_title",
        serde_json::json!({ "title": "x".repeat(1000) }),
    );
    assert_eq!(
        app.host.titles(),
        ["Fehler: Angaben – Amtsweg".to_owned(), "x".repeat(300)]
    );
}

#[test]
fn continue_saves_the_negotiated_language_even_when_none_was_chosen() {
    let dir = tempfile::tempdir().expect("tempdir");
    harness(config(dir.path(), "en-GB", None)).ok("complete_first_start", Value::Null);
    // The system changes language; Amtsweg keeps the one the citizen continued with.
    let later = harness(config(dir.path(), "de-DE", None)).ok("get_app_view", Value::Null);
    assert_eq!(later["ui"]["locale"], "en");
}

#[test]
fn an_unknown_language_is_a_localized_error_with_a_fluent_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "de-DE", None));
    let error = app
        .invoke("choose_language", serde_json::json!({ "locale": "xx" }))
        .expect_err("refused");
    assert_eq!(error["code"], "error-unknown-locale");
    assert!(
        error["message"]
            .as_str()
            .expect("message")
            .starts_with("Diese Sprache"),
        "{error}"
    );
    assert!(!dir.path().join("settings.json").exists(), "nothing saved");
}

#[test]
fn the_pseudo_locale_is_offered_and_accepted_in_developer_builds_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "de-DE", None));
    let view = app.ok("get_app_view", Value::Null);
    let pseudo = view["developer"]["pseudoLocale"]["code"]
        .as_str()
        .expect("a developer build offers the pseudo-locale");
    assert_eq!(pseudo, amtsweg_l10n::PSEUDO_LOCALE);
    assert!(
        view["languages"]
            .as_array()
            .expect("list")
            .iter()
            .all(|l| l["code"] != pseudo),
        "not among the citizens' languages: {view}"
    );
    let chosen = app.ok("choose_language", serde_json::json!({ "locale": pseudo }));
    assert_eq!(chosen["ui"]["locale"], pseudo);
    assert_eq!(chosen["ui"]["direction"], "ltr");
    assert!(
        text(&chosen, "first-start-heading").starts_with("⟦Ŵíĺĺķóṁṁéñ ḃéí Áṁťšŵéĝ"),
        "{}",
        text(&chosen, "first-start-heading")
    );
    // Procedure texts too, and the catalog's search still finds them.
    app.ok("complete_first_start", Value::Null);
    app.ok(
        "choose_municipality",
        serde_json::json!({ "ars": "066110000000" }),
    );
    let found = app.ok("catalog_groups", serde_json::json!({ "query": "Hund" }));
    let title = found[0]["entries"][0]["title"]
        .as_str()
        .expect("a dog procedure");
    assert!(title.starts_with('⟦') && title.contains("Ĥúñď"), "{title}");

    // A release build (no developer settings) neither offers nor accepts it, and a
    // settings file that names it opens in the system's language.
    let release = harness(CoreConfig {
        developer: false,
        vault: VaultChoice::InMemory,
        ..config(dir.path(), "en-US", None)
    });
    let view = release.ok("get_app_view", Value::Null);
    assert!(view["developer"].is_null(), "{view}");
    assert_eq!(view["ui"]["locale"], "en");
    let error = release
        .invoke("choose_language", serde_json::json!({ "locale": pseudo }))
        .expect_err("refused");
    assert_eq!(error["code"], "error-unknown-locale");
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

#[cfg(unix)]
#[test]
fn a_failed_save_is_reported_and_the_language_does_not_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A file where the config folder should be: the save cannot create it.
    let blocked = dir.path().join("config");
    fs::write(&blocked, b"").expect("write");
    let app = harness(config(&blocked, "de-DE", None));
    let error = app
        .invoke("choose_language", serde_json::json!({ "locale": "en" }))
        .expect_err("fails");
    assert_eq!(error["code"], "error-settings-save");
    assert_eq!(app.ok("get_app_view", Value::Null)["ui"]["locale"], "de");
}

#[test]
fn damaged_settings_start_with_defaults_and_say_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("settings.json"), b"\x00\x01 not json").expect("write");
    let view = harness(config(dir.path(), "de-DE", None)).ok("get_app_view", Value::Null);
    assert_eq!(view["screen"], "firstStart");
    let notices = view["notices"].as_array().expect("notices");
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0]["code"], "notice-settings-corrupt");
    let kept: Vec<_> = fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("settings.json.damaged-")
        })
        .collect();
    assert_eq!(kept.len(), 1);
    let kept_name = kept[0].file_name().to_string_lossy().into_owned();
    assert!(
        notices[0]["message"]
            .as_str()
            .expect("text")
            .contains(&kept_name),
        "{view}"
    );
}

#[test]
fn a_broken_override_file_is_a_notice_naming_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = dir.path().join("locales/en/app.ftl");
    fs::create_dir_all(broken.parent().expect("parent")).expect("mkdir");
    fs::write(
        &broken,
        "first-start-continue = Go on\nfirst-start-heading = {\n",
    )
    .expect("write");
    let view = harness(config(
        &dir.path().join("config"),
        "en-US",
        Some(dir.path().join("locales")),
    ))
    .ok("get_app_view", Value::Null);
    let notice = &view["notices"][0];
    assert_eq!(notice["code"], "notice-translation-broken");
    let message = notice["message"].as_str().expect("text");
    assert!(message.contains(&broken.display().to_string()), "{message}");
    assert!(message.contains("\u{2068}2\u{2069}"), "line 2: {message:?}");
    // The broken file's messages come from the shipped English.
    assert_eq!(text(&view, "first-start-continue"), "Continue");
}

/// Writes the UI's mocked-IPC fixtures from real command answers. Paths and times that
/// differ per run are replaced by stable ones, so the committed files only change when
/// the answers do (CI fails when they are stale).
#[test]
fn export_ui_fixtures() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/api/fixtures");
    fs::create_dir_all(&out).expect("fixtures folder");
    let write = |name: &str, value: &Value, dir: &Path| {
        let mut text = serde_json::to_string_pretty(value).expect("json");
        text = text.replace(
            &dir.display().to_string(),
            "/home/citizen/.config/de.amtsweg.client",
        );
        text = stable_timestamps(&text);
        text = stable_draft_ids(&text);
        fs::write(out.join(name), text + "\n").expect("write fixture");
    };

    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "de-DE", None));
    write(
        "first-start.de.json",
        &app.ok("get_app_view", Value::Null),
        dir.path(),
    );
    write(
        "first-start.en.json",
        &app.ok("choose_language", serde_json::json!({"locale": "en"})),
        dir.path(),
    );
    write(
        "municipality.en.json",
        &app.ok("complete_first_start", Value::Null),
        dir.path(),
    );
    write(
        "municipality-search.en.json",
        &app.ok(
            "search_municipalities",
            serde_json::json!({"query": "Kassel"}),
        ),
        dir.path(),
    );
    write(
        "catalog.en.json",
        &app.ok(
            "choose_municipality",
            serde_json::json!({"ars": "066110000000"}),
        ),
        dir.path(),
    );
    write(
        "catalog-groups.en.json",
        &app.ok("catalog_groups", serde_json::json!({"query": null})),
        dir.path(),
    );
    write(
        "catalog-groups-dog.en.json",
        &app.ok("catalog_groups", serde_json::json!({"query": "dog"})),
        dir.path(),
    );
    write(
        "start-page.dog-tax-registration.en.json",
        &app.ok(
            "procedure_start_page",
            serde_json::json!({"procedureId": "dog-tax-registration"}),
        ),
        dir.path(),
    );
    write(
        "catalog.de.json",
        &app.ok("choose_language", serde_json::json!({"locale": "de"})),
        dir.path(),
    );
    write(
        "catalog-groups.de.json",
        &app.ok("catalog_groups", serde_json::json!({"query": null})),
        dir.path(),
    );
    write(
        "start-page.dog-tax-registration.de.json",
        &app.ok(
            "procedure_start_page",
            serde_json::json!({"procedureId": "dog-tax-registration"}),
        ),
        dir.path(),
    );
    let started = app.ok(
        "start_draft",
        serde_json::json!({"procedureId": "dog-tax-registration"}),
    );
    write(
        "draft-started.dog-tax-registration.de.json",
        &started,
        dir.path(),
    );
    // "My drafts" with two drafts: one on its second page, one just started.
    app.ok(
        "continue_page",
        serde_json::json!({
            "draftId": started["draftId"],
            "pageId": "name",
            "answers": { "F00000045": {"text": "Erika"}, "F00000013": {"text": "Mustermann"} },
        }),
    );
    app.ok(
        "start_draft",
        serde_json::json!({"procedureId": "bulky-waste-pickup"}),
    );
    write(
        "drafts.de.json",
        &app.ok("list_drafts", Value::Null),
        dir.path(),
    );
    app.ok("choose_language", serde_json::json!({"locale": "en"}));
    write(
        "drafts.en.json",
        &app.ok("list_drafts", Value::Null),
        dir.path(),
    );

    // The largest in-app text size, for the reflow checks of the settings.
    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "en-GB", None));
    app.ok("complete_first_start", Value::Null);
    app.ok(
        "choose_municipality",
        serde_json::json!({"ars": "066110000000"}),
    );
    write(
        "catalog.en.text-200.json",
        &app.ok("set_text_scale", serde_json::json!({"scale": 200})),
        dir.path(),
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "de-DE", None));
    write(
        "municipality.de.json",
        &app.ok("complete_first_start", Value::Null),
        dir.path(),
    );
    write(
        "municipality-search.de.json",
        &app.ok("search_municipalities", serde_json::json!({"query": "341"})),
        dir.path(),
    );

    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("settings.json"), b"{ damaged").expect("write");
    let broken = dir.path().join("override/en/app.ftl");
    fs::create_dir_all(broken.parent().expect("parent")).expect("mkdir");
    fs::write(&broken, "first-start-heading = {\n").expect("write");
    let app = harness(config(
        dir.path(),
        "de-DE",
        Some(dir.path().join("override")),
    ));
    write(
        "first-start.de.notices.json",
        &app.ok("get_app_view", Value::Null),
        dir.path(),
    );
}

/// `settings.json.damaged-1764331234` → `settings.json.damaged-1700000000`.
fn stable_timestamps(text: &str) -> String {
    let marker = ".damaged-";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(marker) {
        let (head, tail) = rest.split_at(at + marker.len());
        out.push_str(head);
        out.push_str("1700000000");
        rest = tail.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    out.push_str(rest);
    out
}

/// Random draft ids and save times to fixed ones, so fixtures do not change between runs:
/// the n-th distinct `draft-<32 hex digits>` becomes `draft-000…0n`.
fn stable_draft_ids(text: &str) -> String {
    let mut seen: Vec<String> = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("draft-") {
        let (head, tail) = rest.split_at(at + "draft-".len());
        out.push_str(head);
        let hex: String = tail.chars().take_while(char::is_ascii_hexdigit).collect();
        if hex.len() == 32 {
            let n = match seen.iter().position(|s| *s == hex) {
                Some(i) => i + 1,
                None => {
                    seen.push(hex.clone());
                    seen.len()
                }
            };
            out.push_str(&format!("{n:032}"));
            rest = &tail[32..];
        } else {
            rest = tail;
        }
    }
    out.push_str(rest);
    let marker = "\"updatedMs\": ";
    let mut fixed = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(at) = rest.find(marker) {
        let (head, tail) = rest.split_at(at + marker.len());
        fixed.push_str(head);
        fixed.push_str("1764331200000");
        rest = tail.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    fixed.push_str(rest);
    fixed
}

mod drafts {
    //! Drafts kept in the vault (in memory here; the vault crate's own tests and the
    //! end-to-end test cover the database and the real keychain).
    use serde_json::{Value, json};

    use super::{config, harness};

    fn answers_name() -> Value {
        json!({ "F00000045": {"text": "Erika"}, "F00000013": {"text": "Mustermann"} })
    }

    #[test]
    fn every_change_is_kept_and_my_drafts_lists_it_where_the_citizen_left() {
        let dir = tempfile::tempdir().expect("tempdir");
        let app = harness(config(dir.path(), "en-US", None));
        assert_eq!(
            app.ok("list_drafts", Value::Null),
            json!({ "drafts": [], "unavailable": null })
        );

        let started = app.ok(
            "start_draft",
            json!({ "procedureId": "dog-tax-registration" }),
        );
        let id = started["draftId"].as_str().expect("id").to_owned();
        assert!(
            id.starts_with("draft-") && id.len() == "draft-".len() + 32,
            "{id}"
        );
        let list = app.ok("list_drafts", Value::Null);
        assert_eq!(list["drafts"][0]["draftId"], id.as_str());
        assert_eq!(list["drafts"][0]["title"], "Register a dog for dog tax");
        assert_eq!(
            list["drafts"][0]["progress"],
            "Step \u{2068}1\u{2069} of \u{2068}9\u{2069}"
        );
        assert_eq!(list["drafts"][0]["damaged"], Value::Null);

        let next = app.ok(
            "continue_page",
            json!({ "draftId": id, "pageId": "name", "answers": answers_name() }),
        );
        assert_eq!(next["outcome"], "next", "{next:#}");
        let list = app.ok("list_drafts", Value::Null);
        assert_eq!(
            list["drafts"][0]["progress"],
            "Step \u{2068}2\u{2069} of \u{2068}9\u{2069}"
        );
        let first_save = list["drafts"][0]["updatedMs"].as_i64().expect("time");
        assert!(first_save > 1_700_000_000_000, "{first_save}");

        // Resumed: the page where the citizen left, answers kept.
        let resumed = app.ok("resume_draft", json!({ "draftId": id }));
        assert_eq!(resumed["draftId"], id.as_str());
        assert_eq!(resumed["screen"]["view"]["pageId"], "date-of-birth");
        app.ok("go_back", json!({ "draftId": id }));
        let back = app.ok("draft_screen", json!({ "draftId": id }));
        let answers: Vec<&Value> = back["view"]["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|item| &item["answer"])
            .collect();
        assert_eq!(
            answers,
            [&json!({"text": "Erika"}), &json!({"text": "Mustermann"})]
        );
        // Going back moved the draft, and that was kept too.
        let list = app.ok("list_drafts", Value::Null);
        assert_eq!(
            list["drafts"][0]["progress"],
            "Step \u{2068}1\u{2069} of \u{2068}9\u{2069}"
        );
    }

    #[test]
    fn a_deleted_draft_is_gone_and_cannot_be_resumed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let app = harness(config(dir.path(), "de-DE", None));
        let keep = app.ok(
            "start_draft",
            json!({ "procedureId": "bulky-waste-pickup" }),
        );
        let drop = app.ok(
            "start_draft",
            json!({ "procedureId": "dog-tax-registration" }),
        );
        assert_eq!(
            app.ok("list_drafts", Value::Null)["drafts"]
                .as_array()
                .expect("list")
                .len(),
            2
        );

        let after = app.ok("delete_draft", json!({ "draftId": drop["draftId"] }));
        let ids: Vec<&Value> = after["drafts"]
            .as_array()
            .expect("list")
            .iter()
            .map(|d| &d["draftId"])
            .collect();
        assert_eq!(ids, [&keep["draftId"]]);
        let error = app
            .invoke("resume_draft", json!({ "draftId": drop["draftId"] }))
            .expect_err("a deleted draft cannot be resumed");
        assert_eq!(error["code"], "error-unknown-draft", "{error:#}");
        assert!(!error["message"].as_str().expect("message").is_empty());
        // The in-memory copy went too: the wizard cannot go on with it.
        let error = app
            .invoke("draft_screen", json!({ "draftId": drop["draftId"] }))
            .expect_err("gone");
        assert_eq!(error["code"], "error-unknown-draft");
    }
}

mod procedures {
    use serde_json::{Value, json};

    use super::{config, harness};

    fn text(s: &str) -> Value {
        json!({ "text": s })
    }

    fn group(instances: Vec<Value>) -> Value {
        json!({ "group": instances })
    }

    /// Follows `Continue` and returns the next screen, failing on validation errors.
    fn next(outcome: Value) -> Value {
        assert_eq!(outcome["outcome"], "next", "errors: {outcome:#}");
        outcome["view"].clone()
    }

    fn screen_page(screen: &Value) -> String {
        match screen["screen"].as_str() {
            Some("question") => screen["view"]["pageId"]
                .as_str()
                .expect("page id")
                .to_owned(),
            Some(other) => other.to_owned(),
            None => panic!("not a screen: {screen:#}"),
        }
    }

    #[test]
    fn the_dog_tax_registration_is_driven_to_valid_submission_data_through_the_commands() {
        let dir = tempfile::tempdir().expect("tempdir");
        let app = harness(config(dir.path(), "en-US", None));

        let list = app.listed(None);
        let ids: Vec<&str> = list
            .as_array()
            .expect("list")
            .iter()
            .filter_map(|e| e["procedureId"].as_str())
            .collect();
        assert!(ids.contains(&"dog-tax-registration"), "{list:#}");
        // "dog" alone also finds the deregistration, whose title sorts first.
        let found = app.listed(Some("dog reg"));
        assert_eq!(found[0]["procedureId"], "dog-tax-registration", "{found:#}");

        let start = app.ok(
            "procedure_start_page",
            json!({ "procedureId": "dog-tax-registration" }),
        );
        assert_eq!(start["title"], "Register a dog for dog tax");

        let started = app.ok(
            "start_draft",
            json!({ "procedureId": "dog-tax-registration" }),
        );
        let draft = started["draftId"].as_str().expect("draft id").to_owned();
        assert_eq!(screen_page(&started["screen"]), "name");
        // Numbers are bidi-isolated placeables, as everywhere in the UI's texts.
        assert_eq!(
            started["screen"]["view"]["step"]["text"],
            "Step \u{2068}1\u{2069} of \u{2068}9\u{2069}"
        );

        // "Continue" with nothing entered: the page again, errors named, nothing lost.
        let invalid = app.ok(
            "continue_page",
            json!({ "draftId": draft, "pageId": "name", "answers": { "F00000045": text("Erika") } }),
        );
        assert_eq!(invalid["outcome"], "invalid");
        assert!(
            !invalid["view"]["errors"]
                .as_array()
                .expect("errors")
                .is_empty(),
            "{invalid:#}"
        );

        // Date rules are relative to today (the shell passes the real date).
        let today = jiff::ZonedDateTime::now().date();
        let start_date = today.to_string();
        let acquired = today
            .checked_sub(jiff::Span::new().days(10))
            .expect("date")
            .to_string();
        let pages = [
            (
                "name",
                json!({ "F00000045": text("Erika"), "F00000013": text("Mustermann") }),
            ),
            ("date-of-birth", json!({ "F99000001": text("1985-03-27") })),
            (
                "address",
                json!({ "G00000237": group(vec![json!({
                    "G00000040": group(vec![json!({
                        "F00000053": text("Hauptstraße"), "F00000016": text("1") })]),
                    "G00000113": group(vec![json!({
                        "F00000054": text("01067"), "F00000035": text("Dresden") })]),
                })]) }),
            ),
            ("contact", json!({})),
            ("start-date", json!({ "F99000004": text(&start_date) })),
            (
                "dogs",
                json!({ "G99000001": group(vec![
                    json!({ "F99000005": text("Bello"), "F99000006": text("mixed-breed"),
                            "F99000007": text(&acquired), "F99000008": text("no") }),
                    json!({ "F99000005": text("Luna"), "F99000006": text("labrador-retriever"),
                            "F99000007": text(&acquired), "F99000008": text("no") }),
                ]) }),
            ),
            ("insurance", json!({})),
            ("fee", json!({})),
            ("payment", json!({ "F99000012": text("no") })),
        ];
        let mut screen = started["screen"].clone();
        for (page, answers) in pages {
            assert_eq!(
                screen_page(&screen),
                page,
                "expected page {page}: {screen:#}"
            );
            screen = next(app.ok(
                "continue_page",
                json!({ "draftId": draft, "pageId": page, "answers": answers }),
            ));
        }
        assert_eq!(screen_page(&screen), "checkAnswers", "{screen:#}");

        // "Back" from check your answers returns to the last page with its answer kept.
        let back = app.ok("go_back", json!({ "draftId": draft }));
        assert_eq!(screen_page(&back), "payment");
        let summary = app.ok("check_answers", json!({ "draftId": draft }));
        assert!(!summary["sections"].as_array().expect("sections").is_empty());

        let submission = app.ok("submission_preview", json!({ "draftId": draft }));
        let data = &submission["data"];
        assert_eq!(data["F00000013"], "Mustermann");
        assert_eq!(
            data["G00000237"]["G00000113"]["F00000054"], "01067",
            "leading zero kept"
        );
        assert_eq!(data["G99000001"].as_array().map(Vec::len), Some(2));
        assert_eq!(
            submission["leika"],
            "urn:de:fim:leika:leistung:99102013104000"
        );
        let validator = jsonschema::draft202012::new(&submission["schema"]).expect("schema");
        let errors: Vec<String> = validator.iter_errors(data).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn wrong_shapes_unknown_drafts_and_huge_answers_are_localized_errors() {
        let dir = tempfile::tempdir().expect("tempdir");
        let app = harness(config(dir.path(), "de-DE", None));
        let started = app.ok(
            "start_draft",
            json!({ "procedureId": "dog-tax-registration" }),
        );
        let draft = started["draftId"].as_str().expect("draft id").to_owned();

        let wrong = app
            .invoke(
                "continue_page",
                json!({ "draftId": draft, "pageId": "name", "answers": { "F00000045": 42 } }),
            )
            .expect_err("refused");
        assert_eq!(wrong["code"], "error-invalid-request");
        assert!(
            wrong["message"]
                .as_str()
                .expect("text")
                .contains("F00000045"),
            "{wrong}"
        );

        let unknown = app
            .invoke("draft_screen", json!({ "draftId": "draft-999" }))
            .expect_err("refused");
        assert_eq!(unknown["code"], "error-unknown-draft");
        assert!(
            unknown["message"]
                .as_str()
                .expect("text")
                .starts_with("Dieser Antrag")
        );

        let no_procedure = app
            .invoke("start_draft", json!({ "procedureId": "no-such" }))
            .expect_err("refused");
        assert_eq!(no_procedure["code"], "procedure-error-unknown-procedure");

        let huge = "x".repeat(10 * 1024 * 1024);
        let too_large = app
            .invoke(
                "set_answers",
                json!({ "draftId": draft, "pageId": "name", "answers": { "F00000045": text(&huge) } }),
            )
            .expect_err("refused");
        assert_eq!(too_large["code"], "procedure-error-answer-too-large");

        // Markup in an answer comes back as the same text, never interpreted.
        let markup = "<img src=x onerror=alert(1)>";
        app.ok(
            "set_answers",
            json!({ "draftId": draft, "pageId": "name", "answers": { "F00000045": text(markup) } }),
        );
        let screen = app.ok("draft_screen", json!({ "draftId": draft }));
        assert!(
            screen.to_string().contains("<img src=x onerror=alert(1)>"),
            "{screen:#}"
        );
    }
}

mod signed_catalogs {
    use std::fs;
    use std::path::{Path, PathBuf};

    use amtsweg_catalog::{CatalogFiles, parse_signing_key, sign};
    use serde_json::Value;

    use super::{Harness, harness};
    use crate::core::CoreConfig;

    fn repo() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    /// The committed test publisher key, pinned in debug and test builds only.
    fn test_key() -> ed25519_dalek::SigningKey {
        let text = fs::read_to_string(
            repo().join("crates/catalog/test-keys/test-publisher.TEST-ONLY-NOT-SECRET.key"),
        )
        .expect("test key");
        parse_signing_key(text.trim()).expect("key parses")
    }

    /// The bundled catalog with the English title of the dog tax registration changed,
    /// so that the test can see which catalog is in use.
    fn changed_catalog() -> CatalogFiles {
        let bundled = CatalogFiles::from_folder(&repo()).expect("repo catalog");
        let mut files = CatalogFiles::new();
        for (path, bytes) in bundled.iter() {
            let mut bytes = bytes.to_vec();
            if path == "locales/en/procedures/dog-tax-registration.ftl" {
                let text = String::from_utf8(bytes).expect("UTF-8").replace(
                    "dog-tax-registration-title = Register a dog for dog tax",
                    "dog-tax-registration-title = Register a dog (catalog 7)",
                );
                bytes = text.into_bytes();
            }
            files.insert(path, bytes).expect("insert");
        }
        files
    }

    fn start(dir: &Path, offered: Option<PathBuf>) -> Harness {
        harness(CoreConfig {
            config_dir: dir.join("config"),
            data_dir: dir.join("data"),
            catalog_file: offered,
            system_locales: vec!["en-US".into()],
            locales_override_dir: None,
            started: std::time::Instant::now(),
            developer: true,
            vault: crate::core::VaultChoice::InMemory,
            passphrase_kdf: super::CHEAP_KDF,
            vault_open_delay: std::time::Duration::ZERO,
        })
    }

    fn dog_tax_title(app: &Harness) -> String {
        let list = app.listed(None);
        list.as_array()
            .expect("list")
            .iter()
            .find(|e| e["procedureId"] == "dog-tax-registration")
            .and_then(|e| e["title"].as_str())
            .expect("dog tax listed")
            .to_owned()
    }

    fn notice_codes(app: &Harness) -> Vec<String> {
        let view = app.ok("get_app_view", Value::Null);
        view["notices"]
            .as_array()
            .expect("notices")
            .iter()
            .filter_map(|n| n["code"].as_str().map(str::to_owned))
            .collect()
    }

    #[test]
    fn a_signed_newer_catalog_is_taken_over_and_kept_for_the_next_start() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("catalog-7.json");
        fs::write(&file, sign(&changed_catalog(), 7, &test_key()).as_bytes()).expect("write");

        let app = start(dir.path(), Some(file));
        assert_eq!(notice_codes(&app), vec!["notice-catalog-updated"]);
        assert_eq!(dog_tax_title(&app), "Register a dog (catalog 7)");

        // Next start without an offer: the stored catalog is still in use, quietly.
        let again = start(dir.path(), None);
        assert_eq!(notice_codes(&again), Vec::<String>::new());
        assert_eq!(dog_tax_title(&again), "Register a dog (catalog 7)");
    }

    #[test]
    fn refused_catalogs_are_named_and_the_last_good_one_stays() {
        let dir = tempfile::tempdir().expect("tempdir");
        let good = dir.path().join("good.json");
        fs::write(&good, sign(&changed_catalog(), 7, &test_key()).as_bytes()).expect("write");
        start(dir.path(), Some(good.clone()));

        let signed = sign(&changed_catalog(), 8, &test_key()).into_bytes();
        let package: Value = serde_json::from_slice(&signed).expect("JSON package");

        let unsigned = {
            let mut p = package;
            p.as_object_mut().expect("object").remove("signature");
            serde_json::to_vec(&p).expect("json")
        };
        let altered = {
            let text = String::from_utf8(signed.clone()).expect("UTF-8");
            text.replacen("catalog 7", "catalog 9", 1).into_bytes()
        };
        let stranger = {
            let key = amtsweg_catalog::generate_signing_key().expect("key");
            sign(&changed_catalog(), 8, &key).into_bytes()
        };
        let older = sign(&changed_catalog(), 3, &test_key()).into_bytes();

        for (name, bytes, code) in [
            ("unsigned", unsigned, "notice-catalog-refused-unsigned"),
            ("altered", altered, "notice-catalog-refused-altered"),
            ("stranger", stranger, "notice-catalog-refused-unknown-key"),
            ("older", older, "notice-catalog-refused-older"),
            (
                "replayed",
                fs::read(&good).expect("good"),
                "notice-catalog-refused-older",
            ),
        ] {
            let file = dir.path().join(format!("{name}.json"));
            fs::write(&file, bytes).expect("write");
            let app = start(dir.path(), Some(file));
            assert_eq!(notice_codes(&app), vec![code.to_owned()], "{name}");
            assert_eq!(
                dog_tax_title(&app),
                "Register a dog (catalog 7)",
                "{name}: last good stays"
            );
        }
    }

    #[test]
    fn without_any_signed_catalog_the_bundled_one_is_used() {
        let dir = tempfile::tempdir().expect("tempdir");
        let app = start(dir.path(), None);
        assert_eq!(dog_tax_title(&app), "Register a dog for dog tax");
        assert!(notice_codes(&app).is_empty());
    }
}

mod my_data {
    //! "My data" in the settings: export, delete all, import; the passphrase rules; the
    //! opt-in passphrase instead of the keychain (on disk, on a "computer without a
    //! keychain": `VaultChoice::NoKeychain`, so no test touches a real keychain).
    use std::fs;
    use std::path::{Path, PathBuf};

    use serde_json::{Value, json};
    use tauri::Manager;

    use super::{Harness, config, harness, stable_draft_ids};
    use crate::core::{AppCore, AttachmentRule, MIN_PASSPHRASE_CHARS, VaultChoice};
    use crate::error::AppError;

    const PASSPHRASE: &str = "correct horse battery staple";

    /// The next file dialog answers `path` (`None`: the citizen cancels).
    fn answer_dialog(app: &Harness, path: Option<&Path>) {
        app.host.answer(path.map(Path::to_path_buf));
    }

    /// `(title, proposed file name)` of every dialog shown, in order.
    fn dialogs_shown(app: &Harness) -> Vec<(String, String)> {
        app.host
            .shown()
            .into_iter()
            .map(|dialog| (dialog.title, dialog.file_name))
            .collect()
    }

    /// A harness whose vault is on disk in `dir/vault`, on a computer without a keychain.
    fn on_disk(dir: &Path, system: &str) -> Harness {
        harness(crate::core::CoreConfig {
            vault: VaultChoice::NoKeychain {
                dir: dir.join("vault"),
            },
            ..config(dir, system, None)
        })
    }

    fn core(app: &Harness) -> tauri::State<'_, AppCore> {
        app._app.state::<AppCore>()
    }

    fn draft_ids(list: &Value) -> Vec<String> {
        let mut ids: Vec<String> = list["drafts"]
            .as_array()
            .expect("list")
            .iter()
            .map(|d| d["draftId"].as_str().expect("id").to_owned())
            .collect();
        ids.sort();
        ids
    }

    fn export(app: &Harness, to: &Path, passphrase: &str) -> Result<Value, Value> {
        answer_dialog(app, Some(to));
        app.invoke(
            "export_my_data",
            json!({ "passphrase": passphrase, "confirmation": passphrase }),
        )
    }

    fn import(app: &Harness, from: &Path, passphrase: &str) -> Result<Value, Value> {
        answer_dialog(app, Some(from));
        app.invoke("import_my_data", json!({ "passphrase": passphrase }))
    }

    /// Two drafts (one with an attachment, one moved on a page) and what the citizen
    /// sees of each: its line in "My drafts" and its screen.
    fn two_drafts(app: &Harness, dir: &Path) -> (Vec<(Value, Value)>, String, Vec<u8>) {
        let dog = app.ok(
            "start_draft",
            json!({ "procedureId": "dog-tax-registration" }),
        );
        let next = app.ok(
            "continue_page",
            json!({
                "draftId": dog["draftId"],
                "pageId": "name",
                "answers": { "F00000045": {"text": "Erika"}, "F00000013": {"text": "Mustermann"} },
            }),
        );
        assert_eq!(next["outcome"], "next", "{next:#}");
        let tree = app.ok(
            "start_draft",
            json!({ "procedureId": "tree-felling-permit" }),
        );
        let tree_id = tree["draftId"].as_str().expect("id").to_owned();
        let pdf_bytes = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n".to_vec();
        let pdf = dir.join("plan.pdf");
        fs::write(&pdf, &pdf_bytes).expect("write");
        let rule = AttachmentRule {
            media_types: vec!["application/pdf".into()],
            max_bytes: 1024,
        };
        let file = core(app)
            .accept_attachment(&tree_id, &rule, &pdf)
            .expect("accepted");
        let list = app.ok("list_drafts", Value::Null);
        let seen = list["drafts"]
            .as_array()
            .expect("list")
            .iter()
            .map(|line| {
                let screen = app.ok("draft_screen", json!({ "draftId": line["draftId"] }));
                (line.clone(), screen)
            })
            .collect();
        (seen, file.id, pdf_bytes)
    }

    /// The Tauri events the webview would get, as their JSON payloads.
    fn events(app: &Harness) -> std::sync::mpsc::Receiver<Value> {
        use tauri::Listener;
        let (sender, receiver) = std::sync::mpsc::channel();
        app._app
            .listen(amtsweg_app::events::EVENT_CHANNEL, move |event| {
                let _ = sender.send(serde_json::from_str(event.payload()).expect("json"));
            });
        receiver
    }

    /// The next event of `kind`, waiting at most ten seconds (skipping others).
    fn next_event(events: &std::sync::mpsc::Receiver<Value>, kind: &str) -> Option<Value> {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while let Some(left) = until.checked_duration_since(std::time::Instant::now()) {
            match events.recv_timeout(left) {
                Ok(event) if event["kind"] == kind => return Some(event),
                Ok(_) => {}
                Err(_) => return None,
            }
        }
        None
    }

    #[test]
    fn an_import_and_delete_all_tell_the_window_that_drafts_changed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let app = harness(config(dir.path(), "en-US", None));
        let events = events(&app);
        two_drafts(&app, dir.path());
        let file = dir.path().join("my-data.amtsweg");
        export(&app, &file, PASSPHRASE).expect("exported");
        // A copy carried away: "Delete all" removes the exports Amtsweg wrote.
        let carried = dir.path().join("usb-stick.amtsweg");
        fs::copy(&file, &carried).expect("copy");
        // What the UI's own commands about one draft did is no news.
        assert_eq!(next_event_now(&events, "draftsChanged"), None);

        app.ok("delete_all_my_data", Value::Null);
        let changed = Some(json!({ "kind": "draftsChanged" }));
        assert_eq!(next_event(&events, "draftsChanged"), changed);
        import(&app, &carried, PASSPHRASE).expect("imported");
        assert_eq!(next_event(&events, "draftsChanged"), changed);
    }

    /// An event of `kind` already delivered, without waiting for one.
    fn next_event_now(events: &std::sync::mpsc::Receiver<Value>, kind: &str) -> Option<Value> {
        events.try_iter().find(|event| event["kind"] == kind)
    }

    #[test]
    fn export_then_delete_all_then_import_gives_back_every_draft_identical() {
        let dir = tempfile::tempdir().expect("tempdir");
        let app = harness(config(dir.path(), "en-US", None));
        let (before, file_id, pdf) = two_drafts(&app, dir.path());
        assert_eq!(before.len(), 2);

        let file = dir.path().join("my-data.amtsweg");
        let done = export(&app, &file, PASSPHRASE).expect("exported");
        assert_eq!(done["drafts"], 2, "{done:#}");
        assert_eq!(done["attachments"], 1);
        assert_eq!(done["damaged"], 0);
        assert_eq!(
            done["message"],
            "\u{2068}\u{2068}2\u{2069} drafts\u{2069} and \u{2068}one attachment\u{2069} were \
             exported. Keep the file and the passphrase safe: you need both to import it."
        );
        let shown = dialogs_shown(&app);
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].0, "Save your data");
        let today = jiff::ZonedDateTime::now().date();
        assert_eq!(shown[0].1, format!("amtsweg-export-{today}.amtsweg"));
        let bytes = fs::read(&file).expect("the export file");
        assert!(bytes.starts_with(b"AMTSWEGX"));
        for secret in [&b"Mustermann"[..], b"%PDF", PASSPHRASE.as_bytes()] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret),
                "the export is sealed"
            );
        }
        // The citizen carries a copy away (a USB stick); "Delete all" removes only the
        // exports Amtsweg wrote.
        let carried = dir.path().join("usb-stick.amtsweg");
        fs::copy(&file, &carried).expect("copy");

        let view = app.ok("delete_all_my_data", Value::Null);
        assert_eq!(view["state"], "open", "{view:#}");
        assert!(!file.exists(), "the export Amtsweg wrote is deleted too");
        assert_eq!(app.ok("list_drafts", Value::Null)["drafts"], json!([]));
        let (gone, _) = &before[0];
        let error = app
            .invoke("draft_screen", json!({ "draftId": gone["draftId"] }))
            .expect_err("the session's copy is gone too");
        assert_eq!(error["code"], "error-unknown-draft");
        assert!(
            core(&app).attachment_bytes(&file_id).is_err(),
            "the attachment is gone, from memory too"
        );

        // A new draft is kept again at once.
        let fresh = app.ok(
            "start_draft",
            json!({ "procedureId": "bulky-waste-pickup" }),
        );
        assert_eq!(
            draft_ids(&app.ok("list_drafts", Value::Null)),
            [fresh["draftId"].as_str().expect("id").to_owned()]
        );

        let done = import(&app, &carried, PASSPHRASE).expect("imported");
        assert_eq!(done["imported"], 2, "{done:#}");
        assert_eq!(done["keptLocal"], 0);
        assert_eq!(
            done["message"],
            "\u{2068}2\u{2069} drafts were imported. You find them under \"My drafts\"."
        );
        let list = app.ok("list_drafts", Value::Null);
        assert_eq!(list["drafts"].as_array().expect("list").len(), 3);
        for (line, screen) in &before {
            let back = list["drafts"]
                .as_array()
                .expect("list")
                .iter()
                .find(|d| d["draftId"] == line["draftId"])
                .unwrap_or_else(|| panic!("{} is back", line["draftId"]));
            assert_eq!(back, line, "the same line in My drafts, time included");
            let resumed = app.ok("resume_draft", json!({ "draftId": line["draftId"] }));
            assert_eq!(
                &resumed["screen"], screen,
                "the same page, the same answers"
            );
        }
        assert_eq!(
            core(&app)
                .attachment_bytes(&file_id)
                .expect("from the vault")
                .as_slice(),
            pdf.as_slice()
        );

        // Importing the same file again takes nothing: every draft here is as new.
        let again = import(&app, &carried, PASSPHRASE).expect("imported");
        assert_eq!(again["imported"], 0);
        assert_eq!(again["keptLocal"], 2);
        assert_eq!(
            again["message"],
            "No draft was taken from the file. \u{2068}2\u{2069} drafts were already here in \
             the same or a newer version and were kept."
        );
    }

    #[test]
    fn a_passphrase_is_checked_before_any_dialog_opens() {
        let dir = tempfile::tempdir().expect("tempdir");
        let app = harness(config(dir.path(), "de-DE", None));
        app.ok(
            "start_draft",
            json!({ "procedureId": "dog-tax-registration" }),
        );
        let eleven = "äöüßäöüßäöü";
        assert_eq!(eleven.chars().count(), MIN_PASSPHRASE_CHARS - 1);
        let twelve = "äöüßäöüßäöüß";
        for (passphrase, confirmation, code, message) in [
            (
                "",
                "",
                "error-passphrase-empty",
                "Geben Sie eine Passphrase ein.",
            ),
            (
                eleven,
                eleven,
                "error-passphrase-too-short",
                "Die Passphrase muss mindestens 12 Zeichen lang sein.",
            ),
            (
                twelve,
                "äöüßäöüßäöüs",
                "error-passphrase-mismatch",
                "Die beiden Passphrasen stimmen nicht überein. Geben Sie zweimal dieselbe \
                 Passphrase ein.",
            ),
        ] {
            let error = app
                .invoke(
                    "export_my_data",
                    json!({ "passphrase": passphrase, "confirmation": confirmation }),
                )
                .expect_err("refused");
            // The repetition is what differs; the rest is about the passphrase itself.
            let field = if code == "error-passphrase-mismatch" {
                "confirmation"
            } else {
                "passphrase"
            };
            assert_eq!(
                error,
                json!({ "code": code, "message": message, "field": field })
            );
        }
        let error = app
            .invoke("import_my_data", json!({ "passphrase": "" }))
            .expect_err("refused");
        assert_eq!(error["code"], "error-passphrase-empty");
        assert_eq!(dialogs_shown(&app), [], "no dialog opened");

        // Twelve characters (24 bytes of UTF-8) are enough; a cancelled dialog exports
        // nothing and is no error.
        answer_dialog(&app, None);
        assert_eq!(
            app.ok(
                "export_my_data",
                json!({ "passphrase": twelve, "confirmation": twelve }),
            ),
            Value::Null
        );
        assert_eq!(dialogs_shown(&app)[0].0, "Ihre Daten speichern");
        answer_dialog(&app, None);
        assert_eq!(
            app.ok("import_my_data", json!({ "passphrase": twelve })),
            Value::Null
        );
        assert_eq!(dialogs_shown(&app)[1].0, "Exportdatei wählen");
        // The hints name the same minimum as the rule.
        let view = app.ok("get_app_view", Value::Null);
        for locale in ["de", "en"] {
            let view = app.ok("choose_language", json!({ "locale": locale }));
            let hint = super::text(&view, "my-data-passphrase-hint");
            assert!(hint.contains(&MIN_PASSPHRASE_CHARS.to_string()), "{hint}");
        }
        drop(view);
        assert_eq!(
            app.ok("my_data_view", Value::Null)["minPassphraseLength"],
            MIN_PASSPHRASE_CHARS
        );
    }

    #[test]
    fn a_wrong_passphrase_or_a_file_that_is_no_export_imports_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let app = harness(config(dir.path(), "en-US", None));
        app.ok(
            "start_draft",
            json!({ "procedureId": "dog-tax-registration" }),
        );
        let file = dir.path().join("export.amtsweg");
        export(&app, &file, PASSPHRASE).expect("exported");

        let other = harness(config(&dir.path().join("other"), "en-US", None));
        let error = import(&other, &file, "wrong horse battery staple").expect_err("refused");
        assert_eq!(error["code"], "error-import-passphrase");
        assert_eq!(
            error["message"],
            "This passphrase does not open the file. Enter the passphrase you chose when you \
             exported it. Nothing was imported."
        );
        let pdf = dir.path().join("not-an-export.amtsweg");
        fs::write(&pdf, b"%PDF-1.4 this is a letter, not an export").expect("write");
        let error = import(&other, &pdf, PASSPHRASE).expect_err("refused");
        assert_eq!(error["code"], "error-export-file");
        assert!(
            error["message"]
                .as_str()
                .expect("text")
                .starts_with("This file is not an export of Amtsweg"),
            "{error}"
        );
        let mut cut = fs::read(&file).expect("read");
        cut.truncate(cut.len() - 1);
        let cut_file = dir.path().join("cut.amtsweg");
        fs::write(&cut_file, cut).expect("write");
        let error = import(&other, &cut_file, PASSPHRASE).expect_err("refused");
        assert!(
            ["error-export-file", "error-import-passphrase"]
                .contains(&error["code"].as_str().expect("code")),
            "{error}"
        );
        let error =
            import(&other, &dir.path().join("gone.amtsweg"), PASSPHRASE).expect_err("refused");
        assert_eq!(error["code"], "error-import-read");
        assert_eq!(other.ok("list_drafts", Value::Null)["drafts"], json!([]));
        // The right passphrase on another installation: the draft is there.
        let done = import(&other, &file, PASSPHRASE).expect("imported");
        assert_eq!(done["imported"], 1);
        assert_eq!(
            draft_ids(&other.ok("list_drafts", Value::Null)),
            draft_ids(&app.ok("list_drafts", Value::Null))
        );
    }

    #[test]
    fn without_a_keychain_the_citizen_can_choose_a_passphrase_entered_at_each_start() {
        let dir = tempfile::tempdir().expect("tempdir");
        let app = on_disk(dir.path(), "en-US");
        let view = app.ok("my_data_view", Value::Null);
        assert_eq!(view["keys"], "keychain");
        assert_eq!(view["state"], "unavailable");
        assert_eq!(view["offerPassphrase"], true);
        assert_eq!(view["offerKeychain"], false);
        let unavailable = view["unavailable"].as_str().expect("why");
        assert!(
            unavailable.contains("protect your drafts with a passphrase instead"),
            "{unavailable}"
        );
        assert_eq!(
            app.ok("list_drafts", Value::Null)["unavailable"],
            view["unavailable"]
        );

        let error = app
            .invoke(
                "use_passphrase_keys",
                json!({ "passphrase": "short", "confirmation": "short" }),
            )
            .expect_err("too short");
        assert_eq!(error["code"], "error-passphrase-too-short");
        let view = app.ok(
            "use_passphrase_keys",
            json!({ "passphrase": PASSPHRASE, "confirmation": PASSPHRASE }),
        );
        assert_eq!(view["keys"], "passphrase", "{view:#}");
        assert_eq!(view["state"], "open");
        assert_eq!(view["offerPassphrase"], false);
        let settings = fs::read_to_string(dir.path().join("settings.json")).expect("settings");
        assert!(
            settings.contains(r#""vaultKeys": "passphrase""#),
            "{settings}"
        );

        let draft = app.ok(
            "start_draft",
            json!({ "procedureId": "dog-tax-registration" }),
        );
        let line = app.ok("list_drafts", Value::Null)["drafts"][0].clone();
        assert_eq!(line["draftId"], draft["draftId"]);
        drop(app);

        // The passphrase is in no file Amtsweg wrote.
        for path in files_under(dir.path()) {
            let bytes = fs::read(&path).expect("read");
            assert!(
                !bytes
                    .windows(PASSPHRASE.len())
                    .any(|w| w == PASSPHRASE.as_bytes()),
                "{} holds the passphrase",
                path.display()
            );
        }

        // The next start waits for the passphrase.
        let app = on_disk(dir.path(), "en-US");
        let view = app.ok("my_data_view", Value::Null);
        assert_eq!(view["keys"], "passphrase");
        assert_eq!(view["state"], "locked");
        assert_eq!(
            app.ok("list_drafts", Value::Null),
            json!({
                "drafts": [],
                "unavailable": "Your drafts are protected by a passphrase. Enter it under \
                    \"Settings\", \"My data\" to open them. Until then, what you enter is not saved.",
            })
        );
        let error = app
            .invoke(
                "unlock_vault",
                json!({ "passphrase": "wrong horse battery staple" }),
            )
            .expect_err("wrong");
        assert_eq!(
            error,
            json!({
                "code": "error-vault-passphrase",
                "message": "The passphrase is wrong or missing. Your drafts are unchanged.",
                "field": "passphrase",
            })
        );
        assert_eq!(app.ok("my_data_view", Value::Null)["state"], "locked");
        let error = app
            .invoke("unlock_vault", json!({ "passphrase": "" }))
            .expect_err("empty");
        assert_eq!(error["code"], "error-passphrase-empty");
        let view = app.ok("unlock_vault", json!({ "passphrase": PASSPHRASE }));
        assert_eq!(view["state"], "open");
        assert_eq!(app.ok("list_drafts", Value::Null)["drafts"][0], line);

        // Switching back is refused while the passphrase vault exists; nothing is lost.
        let error = app
            .invoke("use_keychain_keys", Value::Null)
            .expect_err("refused");
        assert_eq!(error["code"], "error-vault-keys-switch-back");
        assert!(
            error["message"]
                .as_str()
                .expect("text")
                .contains("export your data, delete all your data, choose the keychain"),
            "{error}"
        );
        assert_eq!(app.ok("list_drafts", Value::Null)["drafts"][0], line);

        // Export, delete all, back to the keychain: the way round the message names.
        let file = dir.path().join("moving.amtsweg");
        let carried = dir.path().join("carried.amtsweg");
        export(&app, &file, PASSPHRASE).expect("exported");
        fs::copy(&file, &carried).expect("copy");
        let view = app.ok("delete_all_my_data", Value::Null);
        assert_eq!(view["keys"], "passphrase");
        assert_eq!(view["state"], "newPassphrase");
        assert_eq!(view["offerKeychain"], true);
        assert!(
            !dir.path()
                .join("vault")
                .join(amtsweg_vault::DB_FILE)
                .exists()
        );
        let view = app.ok("use_keychain_keys", Value::Null);
        assert_eq!(view["keys"], "keychain");
        assert_eq!(
            view["state"], "unavailable",
            "this computer has no keychain"
        );
        let settings = fs::read_to_string(dir.path().join("settings.json")).expect("settings");
        assert!(
            settings.contains(r#""vaultKeys": "keychain""#),
            "{settings}"
        );

        // …and to a new passphrase again, and the import brings the draft back.
        let other = "another passphrase, twelve+";
        app.ok(
            "use_passphrase_keys",
            json!({ "passphrase": other, "confirmation": other }),
        );
        let done = import(&app, &carried, PASSPHRASE).expect("imported");
        assert_eq!(done["imported"], 1);
        assert_eq!(app.ok("list_drafts", Value::Null)["drafts"][0], line);
        drop(app);
        let app = on_disk(dir.path(), "en-US");
        let error = app
            .invoke("unlock_vault", json!({ "passphrase": PASSPHRASE }))
            .expect_err("the old one no longer opens it");
        assert_eq!(error["code"], "error-vault-passphrase");
        app.ok("unlock_vault", json!({ "passphrase": other }));
        assert_eq!(app.ok("list_drafts", Value::Null)["drafts"][0], line);
    }

    #[test]
    fn a_forgotten_passphrase_leaves_delete_all_and_a_new_start() {
        let dir = tempfile::tempdir().expect("tempdir");
        let app = on_disk(dir.path(), "de-DE");
        app.ok(
            "use_passphrase_keys",
            json!({ "passphrase": PASSPHRASE, "confirmation": PASSPHRASE }),
        );
        app.ok(
            "start_draft",
            json!({ "procedureId": "dog-tax-registration" }),
        );
        let file = dir.path().join("export.amtsweg");
        export(&app, &file, PASSPHRASE).expect("exported");
        drop(app);

        let app = on_disk(dir.path(), "de-DE");
        assert_eq!(app.ok("my_data_view", Value::Null)["state"], "locked");
        let view = app.ok("delete_all_my_data", Value::Null);
        assert_eq!(view["state"], "newPassphrase");
        assert!(!file.exists(), "the export list is read without the keys");
        assert_eq!(
            app.ok("list_drafts", Value::Null)["unavailable"],
            "Ihre Entwürfe sollen mit einer Passphrase geschützt werden, es ist aber noch \
             keine gewählt. Wählen Sie eine unter „Einstellungen“, „Meine Daten“. Bis dahin \
             wird nicht gespeichert, was Sie eingeben."
        );
        let error = app
            .invoke("unlock_vault", json!({ "passphrase": PASSPHRASE }))
            .expect_err("nothing to unlock");
        assert_eq!(error["code"], "error-invalid-request");
        let fresh = "ein ganz neuer Anfang";
        let view = app.ok(
            "use_passphrase_keys",
            json!({ "passphrase": fresh, "confirmation": fresh }),
        );
        assert_eq!(view["state"], "open");
        assert_eq!(app.ok("list_drafts", Value::Null)["drafts"], json!([]));
        let draft = app.ok(
            "start_draft",
            json!({ "procedureId": "bulky-waste-pickup" }),
        );
        assert_eq!(
            app.ok("list_drafts", Value::Null)["drafts"][0]["draftId"],
            draft["draftId"]
        );
    }

    #[test]
    fn drafts_under_the_keychains_keys_are_never_moved_to_a_passphrase() {
        let dir = tempfile::tempdir().expect("tempdir");
        // A vault whose keys are somewhere this start cannot reach (the keychain).
        let keys = amtsweg_vault::VaultKeys::generate().expect("keys");
        let secret = keys.to_secret_text();
        {
            let vault = amtsweg_vault::Vault::open(
                &dir.path().join("vault"),
                amtsweg_vault::KeySource::Keys(keys),
            )
            .expect("vault");
            vault
                .save_draft("draft-1", "dog-tax-registration", b"{}", b"{}")
                .expect("saved");
        }
        let app = on_disk(dir.path(), "en-US");
        assert_eq!(app.ok("my_data_view", Value::Null)["offerPassphrase"], true);
        let error = app
            .invoke(
                "use_passphrase_keys",
                json!({ "passphrase": PASSPHRASE, "confirmation": PASSPHRASE }),
            )
            .expect_err("refused");
        assert_eq!(error["code"], "error-vault-keys-switch-drafts");
        let view = app.ok("my_data_view", Value::Null);
        assert_eq!(view["keys"], "keychain");
        assert_eq!(view["state"], "unavailable");
        assert!(
            !fs::read_to_string(dir.path().join("settings.json"))
                .unwrap_or_default()
                .contains("passphrase")
        );
        // The vault is as it was: its own keys still open the draft.
        let vault = amtsweg_vault::Vault::open(
            &dir.path().join("vault"),
            amtsweg_vault::KeySource::Keys(
                amtsweg_vault::VaultKeys::from_secret_text(&secret).expect("keys"),
            ),
        )
        .expect("opens");
        assert_eq!(
            vault
                .open_draft("draft-1")
                .expect("draft")
                .payload
                .as_slice(),
            b"{}"
        );
    }

    fn files_under(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in fs::read_dir(dir).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                out.extend(files_under(&path));
            } else {
                out.push(path);
            }
        }
        out
    }

    /// The refusals and warnings the UI's tests show, as the shell words them for the
    /// vault's errors: written like the other fixtures, so no UI test types one by hand.
    #[test]
    fn export_refusal_fixtures() {
        use amtsweg_vault::{DamageReason, VaultError};
        let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/api/fixtures");
        for locale in ["de", "en"] {
            let dir = tempfile::tempdir().expect("tempdir");
            let app = on_disk(dir.path(), locale);
            let core = core(&app);
            let refusal = |error: VaultError| {
                serde_json::to_value(core.ipc_error(&AppError::from(error))).expect("json")
            };
            let mut refusals = serde_json::Map::new();
            refusals.insert(
                "drafts-damaged".into(),
                Value::String(core.damaged_text(locale, &DamageReason::Signature.to_string())),
            );
            refusals.insert(
                "error-vault-damaged".into(),
                refusal(VaultError::Damaged {
                    id: "draft-00000000000000000000000000000001".into(),
                    reason: DamageReason::Signature,
                }),
            );
            refusals.insert(
                "error-vault-storage".into(),
                refusal(VaultError::Io {
                    path: PathBuf::from("vault.sqlite3"),
                    source: std::io::Error::other("disk I/O error"),
                }),
            );
            refusals.insert(
                "error-export-file".into(),
                refusal(VaultError::BadExportFile(
                    "it does not start with the export mark",
                )),
            );
            let text = serde_json::to_string_pretty(&Value::Object(refusals)).expect("json");
            fs::write(out.join(format!("refusals.{locale}.json")), text + "\n")
                .expect("write fixture");
        }
    }

    /// The answers of "My data" the UI's tests render: written like the other fixtures.
    #[test]
    fn export_my_data_fixtures() {
        let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/api/fixtures");
        let write = |name: &str, value: &Value| {
            let text = stable_draft_ids(&serde_json::to_string_pretty(value).expect("json"));
            fs::write(out.join(name), text + "\n").expect("write fixture");
        };
        for locale in ["de", "en"] {
            let dir = tempfile::tempdir().expect("tempdir");
            let app = on_disk(dir.path(), locale);
            write(
                &format!("my-data.no-keychain.{locale}.json"),
                &app.ok("my_data_view", Value::Null),
            );
            let mut errors = serde_json::Map::new();
            for (passphrase, confirmation) in [("", ""), ("short", "short"), (PASSPHRASE, "other")]
            {
                let error = app
                    .invoke(
                        "use_passphrase_keys",
                        json!({ "passphrase": passphrase, "confirmation": confirmation }),
                    )
                    .expect_err("refused");
                errors.insert(error["code"].as_str().expect("code").to_owned(), error);
            }
            write(
                &format!("my-data.passphrase-chosen.{locale}.json"),
                &app.ok(
                    "use_passphrase_keys",
                    json!({ "passphrase": PASSPHRASE, "confirmation": PASSPHRASE }),
                ),
            );
            app.ok(
                "start_draft",
                json!({ "procedureId": "dog-tax-registration" }),
            );
            let file = dir.path().join("export.amtsweg");
            write(
                &format!("my-data.exported.{locale}.json"),
                &export(&app, &file, PASSPHRASE).expect("exported"),
            );
            let error = import(&app, &file, "wrong horse battery staple").expect_err("wrong");
            errors.insert(error["code"].as_str().expect("code").to_owned(), error);
            // Into another installation, where the draft is new.
            let other = harness(config(&dir.path().join("other"), locale, None));
            write(
                &format!("my-data.imported.{locale}.json"),
                &import(&other, &file, PASSPHRASE).expect("imported"),
            );
            let error = app
                .invoke("use_keychain_keys", Value::Null)
                .expect_err("refused");
            errors.insert(error["code"].as_str().expect("code").to_owned(), error);
            drop(app);
            let app = on_disk(dir.path(), locale);
            write(
                &format!("my-data.locked.{locale}.json"),
                &app.ok("my_data_view", Value::Null),
            );
            let error = app
                .invoke(
                    "unlock_vault",
                    json!({ "passphrase": "wrong horse battery" }),
                )
                .expect_err("wrong");
            errors.insert(error["code"].as_str().expect("code").to_owned(), error);
            write(
                &format!("my-data.deleted.{locale}.json"),
                &app.ok("delete_all_my_data", Value::Null),
            );
            write(
                &format!("my-data.errors.{locale}.json"),
                &Value::Object(errors),
            );
            let memory = harness(config(&dir.path().join("kiosk"), locale, None));
            write(
                &format!("my-data.memory.{locale}.json"),
                &memory.ok("my_data_view", Value::Null),
            );
        }
    }
}

/// No command that reads the core's state runs on the main thread (ARCHITECTURE.md).
mod main_thread {
    use std::io::Write;
    use std::sync::{Arc, Mutex, PoisonError};

    use serde_json::json;

    use super::{config, harness};
    use crate::commands::SYNCHRONOUS;

    /// What the calling thread's own log subscriber wrote.
    #[derive(Clone, Default)]
    struct Lines(Arc<Mutex<Vec<u8>>>);

    impl Write for Lines {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Lines {
        type Writer = Lines;
        fn make_writer(&'a self) -> Lines {
            self.clone()
        }
    }

    /// Runs `f` with a log subscriber for this thread only: what code running on another
    /// thread logs does not reach it.
    fn logged_on_this_thread(f: impl FnOnce()) -> String {
        let lines = Lines::default();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(lines.clone())
            .with_ansi(false)
            .finish();
        tracing::subscriber::with_default(subscriber, f);
        let bytes = lines
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        String::from_utf8(bytes).expect("utf-8 log")
    }

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
fn the_four_command_lists_agree() {
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
}

/// The core publishes what the UI did not ask for; the shell forwards it.
mod events {
    use std::time::Duration;

    use amtsweg_app::events::AppEvent;

    use super::config;
    use crate::core::AppCore;

    #[test]
    fn the_vault_opening_after_start_is_published_once_and_taken_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let core = AppCore::start(
            config(dir.path(), "de-DE", None),
            std::sync::Arc::new(amtsweg_app::host::ScriptedHost::default()),
        );
        let events = core.take_events().expect("the first taker gets the events");
        assert!(core.take_events().is_none(), "a second taker gets nothing");
        assert_eq!(
            events.recv_timeout(Duration::from_secs(10)),
            Ok(AppEvent::VaultChanged)
        );
        assert!(events.try_recv().is_err(), "one opening, one event");
    }

    #[test]
    fn the_ui_listens_under_the_name_the_shell_emits() {
        let api = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/api/index.ts"),
        )
        .expect("the UI's api module");
        let name = amtsweg_app::events::EVENT_CHANNEL;
        assert!(
            api.contains(&format!("export const APP_EVENT = '{name}';")),
            "ui/src/api/index.ts does not listen to {name}"
        );
    }
}
