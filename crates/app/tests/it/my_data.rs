//! "My data" in the settings: export, delete all, import; the passphrase rules; the
//! opt-in passphrase instead of the keychain (on disk, on a "computer without a
//! keychain": `VaultChoice::NoKeychain`, so no test touches a real keychain).
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::{Harness, config, harness, stable_draft_ids};
use amtsweg_app::core::{
    AppCore, AttachmentRule, MAX_PASSPHRASE_CHARS, MIN_PASSPHRASE_CHARS, VaultChoice,
};
use amtsweg_app::error::AppError;

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
    harness(amtsweg_app::core::CoreConfig {
        vault: VaultChoice::NoKeychain {
            dir: dir.join("vault"),
        },
        ..config(dir, system, None)
    })
}

fn core(app: &Harness) -> &AppCore {
    &app.core
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
        .attachments()
        .accept(&tree_id, "F99000012", &rule, &pdf)
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

type Events = std::sync::mpsc::Receiver<amtsweg_app::events::AppEvent>;

/// The events the core publishes (what the shell hands to the window), as the window
/// gets them: JSON.
fn events(app: &Harness) -> Events {
    app.core.take_events().expect("the events, taken once")
}

/// The next event of `kind`, waiting at most ten seconds (skipping others).
fn next_event(events: &Events, kind: &str) -> Option<Value> {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while let Some(left) = until.checked_duration_since(std::time::Instant::now()) {
        match events.recv_timeout(left).map(|event| json!(event)) {
            Ok(event) if event["kind"] == kind => return Some(event),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

#[test]
fn an_import_and_delete_all_publish_that_drafts_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "en-US", None));
    let events = events(&app);
    two_drafts(&app, dir.path());
    let file = dir.path().join("my-data.amtsweg");
    export(&app, &file, PASSPHRASE).expect("exported");
    // What the UI's own commands about one draft did is no news.
    assert_eq!(next_event_now(&events, "draftsChanged"), None);

    app.ok("delete_all_my_data", Value::Null);
    let changed = Some(json!({ "kind": "draftsChanged" }));
    assert_eq!(next_event(&events, "draftsChanged"), changed);
    import(&app, &file, PASSPHRASE).expect("imported");
    assert_eq!(next_event(&events, "draftsChanged"), changed);
}

/// An event of `kind` already delivered, without waiting for one.
fn next_event_now(events: &Events, kind: &str) -> Option<Value> {
    events
        .try_iter()
        .map(|event| json!(event))
        .find(|event| event["kind"] == kind)
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
    // "Delete all" deletes what Amtsweg keeps, not what the citizen saved: the export
    // is theirs (the way round a refused switch is export, delete all, import).
    let view = app.ok("delete_all_my_data", Value::Null);
    assert_eq!(view["state"], "open", "{view:#}");
    assert_eq!(fs::read(&file).expect("the export stays"), bytes);
    assert_eq!(app.ok("list_drafts", Value::Null)["drafts"], json!([]));
    let (gone, _) = &before[0];
    let error = app
        .invoke("draft_screen", json!({ "draftId": gone["draftId"] }))
        .expect_err("the session's copy is gone too");
    assert_eq!(error["code"], "error-unknown-draft");
    assert!(
        core(&app).attachments().bytes(&file_id).is_err(),
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

    let done = import(&app, &file, PASSPHRASE).expect("imported");
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
            .attachments()
            .bytes(&file_id)
            .expect("from the vault")
            .as_slice(),
        pdf.as_slice()
    );

    // Importing the same file again takes nothing: every draft here is as new.
    let again = import(&app, &file, PASSPHRASE).expect("imported");
    assert_eq!(again["imported"], 0);
    assert_eq!(again["keptLocal"], 2);
    assert_eq!(
        again["message"],
        "No draft was taken from the file. \u{2068}2\u{2069} drafts were already here in \
         the same or a newer version and were kept."
    );
}

#[test]
fn a_file_answered_again_with_another_file_leaves_only_the_new_one_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "en-US", None));
    let tree = app.ok(
        "start_draft",
        json!({ "procedureId": "tree-felling-permit" }),
    );
    let draft_id = tree["draftId"].as_str().expect("id").to_owned();
    let rule = AttachmentRule {
        media_types: vec!["application/pdf".into()],
        max_bytes: 1024,
    };
    let mut answered = Vec::new();
    for (name, body) in [("plan.pdf", "first"), ("plan-2.pdf", "second")] {
        let bytes = format!("%PDF-1.4\n% {body}\n%%EOF\n").into_bytes();
        let path = dir.path().join(name);
        fs::write(&path, &bytes).expect("write");
        let file = core(&app)
            .attachments()
            .accept(&draft_id, "F99000030", &rule, &path)
            .expect("accepted");
        app.ok(
            "set_answers",
            json!({
                "draftId": draft_id,
                "pageId": "site-plan",
                "answers": { "F99000030": { "file": file } },
            }),
        );
        answered.push((file.id, bytes));
    }

    let export_file = dir.path().join("my-data.amtsweg");
    let done = export(&app, &export_file, PASSPHRASE).expect("exported");
    assert_eq!(
        done["attachments"], 1,
        "only the file answered now: {done:#}"
    );
    // What the export holds is the new file; the replaced one is nowhere.
    app.ok("delete_all_my_data", Value::Null);
    import(&app, &export_file, PASSPHRASE).expect("imported");
    let [(old, _), (new, new_bytes)] = &answered[..] else {
        panic!("two files answered");
    };
    assert_eq!(
        core(&app)
            .attachments()
            .bytes(new)
            .expect("kept")
            .as_slice(),
        new_bytes.as_slice()
    );
    assert!(core(&app).attachments().bytes(old).is_err());
}

#[test]
fn without_a_keychain_the_cause_is_one_sentence_in_the_language_and_the_platform_s_words_a_detail()
{
    let dir = tempfile::tempdir().expect("tempdir");
    let app = on_disk(dir.path(), "de-DE");
    let view = app.ok("get_app_view", Value::Null);
    let sentence = crate::support::text(&view, "error-keychain-unavailable").to_owned();
    assert!(sentence.starts_with("Auf diesem Computer ist kein Schlüsselbund erreichbar"));

    let data = app.ok("my_data_view", Value::Null);
    assert_eq!(data["state"], "unavailable", "{data:#}");
    assert_eq!(data["unavailable"], sentence.as_str());
    let detail = data["unavailableDetail"].as_str().expect("a detail");
    assert!(detail.contains("no keychain"), "{detail}");
    // "Save and continue later" stores the page, then My drafts decides what to say: it
    // must say that nothing is kept, as nothing is.
    let draft = app.ok(
        "start_draft",
        json!({ "procedureId": "dog-tax-registration" }),
    );
    app.ok(
        "set_answers",
        json!({
            "draftId": draft["draftId"],
            "pageId": "name",
            "answers": { "F00000045": {"text": "Erika"} },
        }),
    );
    let list = app.ok("list_drafts", Value::Null);
    assert_eq!(list["drafts"], json!([]));
    assert_eq!(list["unavailable"], sentence.as_str());
    assert_eq!(list["unavailableDetail"], detail);
    // A command refused for it says the same, with the same detail beside it.
    let error = app
        .invoke("resume_draft", json!({ "draftId": draft["draftId"] }))
        .expect_err("no vault to open it from");
    assert_eq!(
        error,
        json!({
            "code": "error-keychain-unavailable",
            "message": sentence,
            "field": null,
            "detail": detail,
        })
    );
    assert!(
        files_under(dir.path()).is_empty(),
        "nothing written: {:?}",
        files_under(dir.path())
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
    let twelve = "Bär küsst Öl";
    assert_eq!(twelve.chars().count(), MIN_PASSPHRASE_CHARS);
    // Eleven characters in Unicode NFC, fourteen code points with the umlauts typed as
    // letter + combining diaeresis (as macOS and some keyboards send them).
    let eleven_decomposed = "Ba\u{308}r ku\u{308}sst O\u{308}";
    assert_eq!(eleven_decomposed.chars().count(), 14);
    let twelve_decomposed = "Ba\u{308}r ku\u{308}sst O\u{308}l";
    let too_long = "Dackel Ölkanne Zimt ".repeat(60);
    let too_long: String = too_long.chars().take(MAX_PASSPHRASE_CHARS + 1).collect();
    let longest: String = too_long.chars().take(MAX_PASSPHRASE_CHARS).collect();
    for (passphrase, confirmation, code, message) in [
        (
            "            ",
            "            ",
            "error-passphrase-empty",
            "Geben Sie eine Passphrase ein.",
        ),
        (
            eleven_decomposed,
            eleven_decomposed,
            "error-passphrase-too-short",
            "Die Passphrase muss mindestens 12 Zeichen lang sein.",
        ),
        (
            &too_long,
            &too_long,
            "error-passphrase-too-long",
            "Die Passphrase darf höchstens 1024 Zeichen lang sein.",
        ),
        (
            "äöüßäöüßäöüß",
            "äöüßäöüßäöüß",
            "error-passphrase-weak",
            "Wiederholungen wie „aaa“ oder „abcabc“ sind leicht zu erraten. Nehmen Sie \
             lieber einige verschiedene Wörter.",
        ),
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
            "Bär küsst Ol",
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
    let error = app
        .invoke("import_my_data", json!({ "passphrase": too_long }))
        .expect_err("refused");
    assert_eq!(error["code"], "error-passphrase-too-long");
    assert_eq!(dialogs_shown(&app), [], "no dialog opened");

    // Twelve characters (15 bytes of UTF-8) are enough, and so are twelve typed with
    // combining marks and repeated composed: the same passphrase. A cancelled dialog
    // exports nothing and is no error.
    for (passphrase, confirmation) in [(twelve, twelve), (twelve, twelve_decomposed)] {
        answer_dialog(&app, None);
        assert_eq!(
            app.ok(
                "export_my_data",
                json!({ "passphrase": passphrase, "confirmation": confirmation }),
            ),
            Value::Null
        );
    }
    assert_eq!(dialogs_shown(&app)[0].0, "Ihre Daten speichern");
    assert_eq!(dialogs_shown(&app).len(), 2);
    answer_dialog(&app, None);
    assert_eq!(
        app.ok("import_my_data", json!({ "passphrase": twelve })),
        Value::Null
    );
    assert_eq!(dialogs_shown(&app)[2].0, "Exportdatei wählen");
    // The longest allowed is accepted as entered.
    answer_dialog(&app, None);
    assert_eq!(
        app.ok("import_my_data", json!({ "passphrase": longest })),
        Value::Null
    );
    // The hints name the same minimum as the rule.
    let view = app.ok("get_app_view", Value::Null);
    for locale in ["de", "en"] {
        let view = app.ok("choose_language", json!({ "locale": locale }));
        let hint = crate::support::text(&view, "my-data-passphrase-hint");
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
    let error = import(&other, &dir.path().join("gone.amtsweg"), PASSPHRASE).expect_err("refused");
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
    // The cause in one sentence; the way out is the passphrase offered beside it
    // (`offerPassphrase`), the platform's words a detail.
    let texts = app.ok("get_app_view", Value::Null);
    assert_eq!(
        view["unavailable"],
        crate::support::text(&texts, "error-keychain-unavailable")
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
            "versionsChanged": false,
            "unavailableDetail": null,
            "unfinished": null,
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

    // On a computer without a keychain the key has nowhere to move: refused, nothing
    // is lost, and My data does not offer it. (With a keychain the key moves, drafts and
    // all: tests/keychain.rs.)
    assert_eq!(
        app.ok("my_data_view", Value::Null)["switchToKeychain"],
        false
    );
    assert_eq!(
        app.ok("my_data_view", Value::Null)["changePassphrase"],
        true
    );
    let error = app
        .invoke("use_keychain_keys", Value::Null)
        .expect_err("refused");
    assert_eq!(error["code"], "error-keychain-unavailable");
    assert_eq!(app.ok("list_drafts", Value::Null)["drafts"][0], line);
    assert_eq!(app.ok("my_data_view", Value::Null)["state"], "open");

    // Export, delete all, back to the keychain.
    let file = dir.path().join("moving.amtsweg");
    export(&app, &file, PASSPHRASE).expect("exported");
    let view = app.ok("delete_all_my_data", Value::Null);
    assert!(
        file.exists(),
        "the export the message told the citizen to make stays"
    );
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
    let done = import(&app, &file, PASSPHRASE).expect("imported");
    assert_eq!(done["imported"], 1);
    assert_eq!(app.ok("list_drafts", Value::Null)["drafts"][0], line);
    drop(app);
    only_this_passphrase_opens(dir.path(), other, &line);
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
    assert!(
        file.exists(),
        "the export is the citizen's: deleting all leaves it"
    );
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
fn drafts_whose_key_cannot_be_reached_are_not_put_under_a_new_passphrase() {
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
    // New keys would leave the drafts unreadable; the key itself cannot be reached to
    // be moved (a keychain that answers moves it: tests/keychain.rs).
    assert_eq!(error["code"], "error-vault-key-missing");
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
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/api/fixtures");
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
            Value::String(
                core.drafts()
                    .damaged_text(&DamageReason::Signature.to_string()),
            ),
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
        // "Delete all" while two applications wait (`my_data_applications.rs` has the
        // refusal itself, against the reference server).
        refusals.insert(
            "error-delete-unsent".into(),
            serde_json::to_value(core.ipc_error(&AppError::UnsentApplications(2))).expect("json"),
        );
        let text = serde_json::to_string_pretty(&Value::Object(refusals)).expect("json");
        fs::write(out.join(format!("refusals.{locale}.json")), text + "\n").expect("write fixture");
    }
}

/// The answers of "My data" the UI's tests render: written like the other fixtures.
#[test]
fn export_my_data_fixtures() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/api/fixtures");
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
        for (passphrase, confirmation) in [("", ""), ("short", "short"), (PASSPHRASE, "other")] {
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
        let error = app
            .invoke(
                "change_passphrase",
                json!({ "current": "not the one", "passphrase": PASSPHRASE, "confirmation": PASSPHRASE }),
            )
            .expect_err("wrong current passphrase");
        errors.insert(error["code"].as_str().expect("code").to_owned(), error);
        // The code itself is random, so no fixture holds it: the UI's tests make their own.
        app.ok("create_recovery_code", Value::Null);
        write(
            &format!("my-data.recovery-code.{locale}.json"),
            &app.ok("my_data_view", Value::Null),
        );
        drop(app);
        let app = on_disk(dir.path(), locale);
        write(
            &format!("my-data.locked.{locale}.json"),
            &app.ok("my_data_view", Value::Null),
        );
        for code in [
            "7KQ2-M9XD".to_owned(),
            amtsweg_vault::RecoveryCode::generate()
                .expect("code")
                .to_display()
                .to_string(),
        ] {
            let error = app
                .invoke(
                    "recover_vault",
                    json!({ "code": code, "passphrase": PASSPHRASE, "confirmation": PASSPHRASE }),
                )
                .expect_err("not this vault's code");
            errors.insert(error["code"].as_str().expect("code").to_owned(), error);
        }
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

#[test]
fn a_forgotten_passphrase_is_replaced_with_the_recovery_code_and_the_drafts_stay() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, line) = passphrase_vault_with_a_draft(dir.path(), "en-US");
    let view = app.ok("my_data_view", Value::Null);
    assert_eq!(view["recoveryCode"], false);
    assert_eq!(view["offerRecovery"], false, "nothing is lost yet");
    let shown = app.ok("create_recovery_code", Value::Null);
    let groups: Vec<String> = shown["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g.as_str().expect("group").to_owned())
        .collect();
    assert_eq!(groups.len(), 7);
    assert!(groups.iter().all(|g| g.len() == 4), "{groups:?}");
    assert_eq!(app.ok("my_data_view", Value::Null)["recoveryCode"], true);
    drop(app);

    // The code is stored nowhere Amtsweg writes.
    let joined = groups.concat();
    for path in files_under(dir.path()) {
        let bytes = fs::read(&path).expect("read");
        for shown in [joined.as_str(), &groups.join("-")] {
            assert!(
                !bytes.windows(shown.len()).any(|w| w == shown.as_bytes()),
                "{} holds the recovery code",
                path.display()
            );
        }
    }

    // The passphrase is forgotten: the next start offers the recovery code.
    let app = on_disk(dir.path(), "en-US");
    let view = app.ok("my_data_view", Value::Null);
    assert_eq!(view["state"], "locked");
    assert_eq!(view["offerRecovery"], true);
    assert_eq!(view["recoveryNeedsPassphrase"], true);
    let fresh = "a new passphrase, long enough";
    let typo = format!("{}X", groups.concat());
    let error = app
        .invoke(
            "recover_vault",
            json!({ "code": typo, "passphrase": fresh, "confirmation": fresh }),
        )
        .expect_err("a typo");
    assert_eq!(error["code"], "error-recovery-code-format");
    assert_eq!(error["field"], "recoveryCode");
    let other = amtsweg_vault::RecoveryCode::generate()
        .expect("code")
        .to_display()
        .to_string();
    let error = app
        .invoke(
            "recover_vault",
            json!({ "code": other, "passphrase": fresh, "confirmation": fresh }),
        )
        .expect_err("another vault's code");
    assert_eq!(error["code"], "error-recovery-code-wrong");
    let error = app
        .invoke(
            "recover_vault",
            json!({ "code": groups.join(" "), "passphrase": fresh, "confirmation": "other" }),
        )
        .expect_err("the new passphrase twice differently");
    assert_eq!(error["code"], "error-passphrase-mismatch");
    assert_eq!(app.ok("my_data_view", Value::Null)["state"], "locked");
    // Typed in lower case with spaces: read as meant.
    let view = app.ok(
        "recover_vault",
        json!({
            "code": groups.join(" ").to_lowercase(),
            "passphrase": fresh,
            "confirmation": fresh,
        }),
    );
    assert_eq!(view["state"], "open");
    assert_eq!(view["keys"], "passphrase");
    assert_eq!(app.ok("list_drafts", Value::Null)["drafts"][0], line);
    drop(app);

    // From now on the new passphrase opens them, the old one does not.
    only_this_passphrase_opens(dir.path(), fresh, &line);
}

#[test]
fn the_passphrase_is_changed_after_the_current_one_with_the_drafts_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, line) = passphrase_vault_with_a_draft(dir.path(), "en-US");
    let fresh = "a new passphrase, long enough";
    let error = app
        .invoke(
            "change_passphrase",
            json!({ "current": "not the one", "passphrase": fresh, "confirmation": fresh }),
        )
        .expect_err("wrong current passphrase");
    assert_eq!(error["code"], "error-passphrase-current");
    assert_eq!(error["field"], "current");
    let error = app
        .invoke(
            "change_passphrase",
            json!({ "current": PASSPHRASE, "passphrase": "short", "confirmation": "short" }),
        )
        .expect_err("too short");
    assert_eq!(error["code"], "error-passphrase-too-short");
    app.ok(
        "change_passphrase",
        json!({ "current": PASSPHRASE, "passphrase": fresh, "confirmation": fresh }),
    );
    assert_eq!(app.ok("list_drafts", Value::Null)["drafts"][0], line);
    drop(app);
    only_this_passphrase_opens(dir.path(), fresh, &line);
}

/// A start whose drafts are protected by [`PASSPHRASE`], with one draft; its line in
/// "My drafts".
fn passphrase_vault_with_a_draft(dir: &Path, system: &str) -> (Harness, Value) {
    let app = on_disk(dir, system);
    app.ok(
        "use_passphrase_keys",
        json!({ "passphrase": PASSPHRASE, "confirmation": PASSPHRASE }),
    );
    let draft = app.ok(
        "start_draft",
        json!({ "procedureId": "dog-tax-registration" }),
    );
    let line = app.ok("list_drafts", Value::Null)["drafts"][0].clone();
    assert_eq!(line["draftId"], draft["draftId"]);
    (app, line)
}

/// At the next start the drafts open with `passphrase` and no longer with
/// [`PASSPHRASE`], and "My drafts" lists `line` first.
fn only_this_passphrase_opens(dir: &Path, passphrase: &str, line: &Value) {
    let app = on_disk(dir, "en-US");
    let error = app
        .invoke("unlock_vault", json!({ "passphrase": PASSPHRASE }))
        .expect_err("the old passphrase no longer opens the drafts");
    assert_eq!(error["code"], "error-vault-passphrase");
    app.ok("unlock_vault", json!({ "passphrase": passphrase }));
    assert_eq!(&app.ok("list_drafts", Value::Null)["drafts"][0], line);
}
