//! The frame: first start, language, municipality, catalog, text size, attachments,
//! the window's title, settings that cannot be saved or read, and the UI's fixtures.

use crate::support::*;

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
        &fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../procedures/municipalities.json"),
        )
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
    use amtsweg_app::core::AttachmentRule;
    use amtsweg_app::error::AppError;
    let dir = tempfile::tempdir().expect("tempdir");
    let core = AppCore::start(
        config(dir.path(), "de-DE", None),
        Arc::new(ScriptedHost::default()),
    );
    let draft = core
        .drafts()
        .start("tree-felling-permit")
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
        .attachments()
        .accept(&draft, "F99000012", &rule, &pdf)
        .expect("accepted");
    assert_eq!(file.name, "plan.pdf");
    assert_eq!(file.media_type, "application/pdf");
    assert!(file.id.starts_with("file-") && file.id.len() == "file-".len() + 32);
    assert_eq!(
        core.attachments()
            .bytes(&file.id)
            .map(|b| b.len() as u64)
            .ok(),
        Some(file.size)
    );

    // A JPEG named .pdf is refused by its content, naming what is allowed.
    let fake = dir.path().join("photo.pdf");
    fs::write(&fake, b"\xff\xd8\xff\xe0\x00\x10JFIF\x00").expect("write");
    let error = core
        .attachments()
        .accept(&draft, "F99000012", &rule, &fake)
        .expect_err("refused");
    assert_eq!(error.code().fluent_id(), "error-attachment-type");
    assert_eq!(error.to_string(), "application/pdf, image/png");
    // Plain text is no PDF either.
    let text = dir.path().join("notes.pdf");
    fs::write(&text, b"just some text").expect("write");
    assert_eq!(
        core.attachments()
            .accept(&draft, "F99000012", &rule, &text)
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
        .attachments()
        .accept(&draft, "F99000012", &rule, &big)
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
    let missing =
        core.attachments()
            .accept(&draft, "F99000012", &rule, &dir.path().join("gone.pdf"));
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
    let started = core.drafts().start("tree-felling-permit").expect("started");
    let rule = core
        .attachments()
        .rule(&started.draft_id, "F99000012")
        .expect("a file field on the first page");
    assert!(
        rule.media_types.iter().any(|m| m == "application/pdf"),
        "{rule:?}"
    );
    assert!(rule.max_bytes > 0);
    let not_file = core.attachments().rule(&started.draft_id, "F99000011");
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

#[test]
fn a_release_build_reading_an_override_folder_says_so_for_as_long_as_it_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("locales");
    fs::create_dir_all(folder.join("en")).expect("mkdir");
    fs::write(folder.join("en/app.ftl"), "first-start-continue = Go on\n").expect("write");
    let release = |override_dir: Option<PathBuf>| {
        let mut config = config(&dir.path().join("config"), "en-US", override_dir);
        config.developer = false;
        harness(config)
    };

    let app = release(Some(folder.clone()));
    let view = app.ok("get_app_view", Value::Null);
    assert_eq!(
        text(&view, "first-start-continue"),
        "Go on",
        "the folder is in use"
    );
    let notice = &view["overrideNotice"];
    assert_eq!(notice["code"], "notice-translations-overridden", "{view}");
    let message = notice["message"].as_str().expect("text");
    assert!(message.contains(&folder.display().to_string()), "{message}");
    // It is not one of this start's notices: "Delete all my data" does not end it.
    app.ok("delete_all_my_data", Value::Null);
    let after = app.ok("get_app_view", Value::Null);
    assert_eq!(after["overrideNotice"], view["overrideNotice"]);

    // Without the folder, nothing to say; a developer's build reads folders quietly.
    let plain = release(None).ok("get_app_view", Value::Null);
    assert!(plain["overrideNotice"].is_null(), "{plain}");
    let developer = harness(config(&dir.path().join("config"), "en-US", Some(folder)))
        .ok("get_app_view", Value::Null);
    assert!(developer["overrideNotice"].is_null(), "{developer}");
}

/// Writes the UI's mocked-IPC fixtures from real command answers. Paths and times that
/// differ per run are replaced by stable ones, so the committed files only change when
/// the answers do (CI fails when they are stale).
#[test]
fn export_ui_fixtures() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/api/fixtures");
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
    // Newest first: the second draft must be saved in a later millisecond than the
    // first, or their order falls to their random ids and the fixture changes by chance.
    let first_saved = app.ok("list_drafts", Value::Null)["drafts"][0]["updatedMs"]
        .as_i64()
        .expect("the first draft's save time");
    let now_ms = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64)
    };
    while now_ms() <= first_saved {
        std::hint::spin_loop();
    }
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
