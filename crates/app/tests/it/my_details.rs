//! My details (issue 20, point 1): the person and contact answers of a submitted
//! application, offered once, kept only when the citizen says yes, filled into the next
//! procedure that asks them (marked, each page still continued by the citizen), changed
//! with the procedures' own checks, deleted, exported, imported and gone with "Delete
//! all".

use std::path::Path;

use serde_json::{Value, json};

use crate::support::{Harness, config, dog_tax_draft, dog_tax_draft_of, harness, stable_draft_ids};

const DEMO_ARS: &str = "066990999999";
const PASSPHRASE: &str = "correct horse battery staple";

/// The app with the demo municipality; its vault in memory, or on disk in `dir/vault`
/// (a computer without a keychain) when `on_disk`. Nothing is sent: the outbox only
/// keeps trying a server that is not there.
fn app(dir: &Path, locale: &str, on_disk: bool) -> Harness {
    let mut config = config(dir, locale, None);
    if on_disk {
        config.vault = amtsweg_app::core::VaultChoice::NoKeychain {
            dir: dir.join("vault"),
        };
    }
    config.applications.endpoint = Some("http://127.0.0.1:9".into());
    let app = harness(config);
    if on_disk {
        app.ok(
            "use_passphrase_keys",
            json!({ "passphrase": PASSPHRASE, "confirmation": PASSPHRASE }),
        );
    }
    app.ok("complete_first_start", json!({}));
    app.ok("choose_municipality", json!({ "ars": DEMO_ARS }));
    app
}

fn submit(app: &Harness, draft: &str) {
    app.ok("submit_application", json!({ "draftId": draft }));
}

/// `path → value` of what My details keep.
fn kept(view: &Value) -> Vec<(String, String)> {
    view["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter(|f| f["value"] != "")
        .map(|f| {
            (
                f["path"].as_str().expect("path").to_owned(),
                f["value"].as_str().expect("value").to_owned(),
            )
        })
        .collect()
}

fn value_of(view: &Value, path: &str) -> String {
    kept(view)
        .into_iter()
        .find(|(p, _)| p == path)
        .map(|(_, v)| v)
        .unwrap_or_default()
}

/// A new dog tax registration's first screen.
fn start_dog_tax(app: &Harness) -> Value {
    app.ok(
        "start_draft",
        json!({ "procedureId": "dog-tax-registration" }),
    )
}

#[test]
fn the_first_submission_offers_them_and_yes_fills_in_the_next_procedure_marked() {
    let dir = tempfile::tempdir().expect("dir");
    let app = app(dir.path(), "en-US", false);
    assert_eq!(app.ok("my_details_offer", json!({})), Value::Null);
    assert_eq!(app.ok("my_details_view", json!({}))["keeping"], "notAsked");
    // Nothing is filled in before the citizen said yes.
    let before = start_dog_tax(&app);
    assert_eq!(before["screen"]["view"]["fromMyDetails"], false);

    submit(&app, &dog_tax_draft(&app, "Bello"));
    let offer = app.ok("my_details_offer", json!({}));
    let offered: Vec<&str> = offer["fields"]
        .as_array()
        .expect("offered")
        .iter()
        .map(|f| f["value"].as_str().expect("value"))
        .collect();
    // What would be kept is named: the person and the address, never the dog.
    for value in [
        "Erika",
        "Mustermann",
        "1985-03-27",
        "Hauptstraße",
        "Musterstadt",
    ] {
        assert!(offered.contains(&value), "{value} not offered: {offer:#}");
    }
    assert!(!offered.contains(&"Bello"), "{offer:#}");
    assert_eq!(offer["fields"][0]["label"], "Given names");

    let view = app.ok("set_my_details_keeping", json!({ "keep": true }));
    assert_eq!(view["keeping"], "on");
    assert_eq!(view["kept"], 7);
    // Asked once: the offer is gone.
    assert_eq!(app.ok("my_details_offer", json!({})), Value::Null);

    let started = start_dog_tax(&app);
    let page = &started["screen"]["view"];
    assert_eq!(page["pageId"], "name");
    assert_eq!(page["fromMyDetails"], true);
    let answer = |items: &Value, key: &str| -> Value {
        items
            .as_array()
            .expect("items")
            .iter()
            .find(|i| i["key"] == key)
            .map(|i| i["answer"].clone())
            .unwrap_or(Value::Null)
    };
    assert_eq!(
        answer(&page["items"], "F00000013"),
        json!({ "text": "Mustermann" })
    );
    // The citizen still continues from each page; the prefilled answers pass.
    let draft = started["draftId"].as_str().expect("id");
    let next = app.ok(
        "continue_page",
        json!({ "draftId": draft, "pageId": "name", "answers": {
            "F00000045": { "text": "Erika" }, "F00000013": { "text": "Mustermann" } } }),
    );
    assert_eq!(next["outcome"], "next");
    assert_eq!(next["view"]["view"]["pageId"], "date-of-birth");
    assert_eq!(next["view"]["view"]["fromMyDetails"], true);
}

#[test]
fn no_is_remembered_and_nothing_is_kept_or_filled_in() {
    let dir = tempfile::tempdir().expect("dir");
    let app = app(dir.path(), "en-US", false);
    submit(&app, &dog_tax_draft(&app, "Bello"));
    let view = app.ok("set_my_details_keeping", json!({ "keep": false }));
    assert_eq!(view["keeping"], "off");
    assert_eq!(view["kept"], 0);
    submit(&app, &dog_tax_draft(&app, "Rex"));
    assert_eq!(app.ok("my_details_offer", json!({})), Value::Null);
    assert_eq!(app.ok("my_details_view", json!({}))["kept"], 0);
    assert_eq!(
        start_dog_tax(&app)["screen"]["view"]["fromMyDetails"],
        false
    );
    // Turned on in My details, the next submission keeps them.
    app.ok("set_my_details_keeping", json!({ "keep": true }));
    submit(&app, &dog_tax_draft(&app, "Rex"));
    assert_eq!(app.ok("my_details_view", json!({}))["kept"], 7);
}

#[test]
fn while_kept_a_later_submission_updates_them() {
    let dir = tempfile::tempdir().expect("dir");
    let app = app(dir.path(), "en-US", false);
    submit(&app, &dog_tax_draft(&app, "Bello"));
    app.ok("set_my_details_keeping", json!({ "keep": true }));
    submit(&app, &dog_tax_draft_of(&app, "Musterfrau", "Rex"));
    let view = app.ok("my_details_view", json!({}));
    assert_eq!(value_of(&view, "F00000013"), "Musterfrau");
    assert_eq!(value_of(&view, "F00000045"), "Erika");
}

#[test]
fn changes_are_checked_like_the_procedures_and_deleting_asks_no_more() {
    let dir = tempfile::tempdir().expect("dir");
    let app = app(dir.path(), "en-US", false);
    let values = json!({
        "F00000045": "Erika",
        "F00000013": "Mustermann",
        "G00000237.G00000113.F00000054": "341",
    });
    let refused = app.ok("save_my_details", json!({ "values": values }));
    let postcode = refused["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .find(|f| f["path"] == "G00000237.G00000113.F00000054")
        .expect("postcode")
        .clone();
    assert_eq!(postcode["value"], "341");
    assert_eq!(
        postcode["error"],
        "Enter a postcode of 5 digits, like 34117"
    );
    // Nothing was saved.
    assert_eq!(app.ok("my_details_view", json!({}))["keeping"], "notAsked");

    let mut values = values;
    values["G00000237.G00000113.F00000054"] = json!("34117");
    let saved = app.ok("save_my_details", json!({ "values": values }));
    assert_eq!(saved["keeping"], "on");
    assert_eq!(saved["kept"], 3);
    assert_eq!(start_dog_tax(&app)["screen"]["view"]["fromMyDetails"], true);

    // An answer My details never keep is refused outright.
    let error = app
        .invoke(
            "save_my_details",
            json!({ "values": { "F99000014": "DE89370400440532013000" } }),
        )
        .expect_err("refused");
    assert_eq!(error["code"], "error-invalid-request", "{error}");

    let deleted = app.ok("delete_my_details", json!({}));
    assert_eq!(deleted["keeping"], "off");
    assert_eq!(deleted["kept"], 0);
    submit(&app, &dog_tax_draft(&app, "Bello"));
    assert_eq!(app.ok("my_details_offer", json!({})), Value::Null);
    assert_eq!(app.ok("my_details_view", json!({}))["kept"], 0);
}

#[test]
fn export_delete_all_and_import_cover_my_details() {
    let dir = tempfile::tempdir().expect("dir");
    let app = app(dir.path(), "en-US", true);
    app.ok(
        "save_my_details",
        json!({ "values": { "F00000045": "Erika", "F00000013": "Mustermann" } }),
    );
    let file = dir.path().join("export.amtsweg");
    app.host.answer(Some(file.clone()));
    let exported = app.ok(
        "export_my_data",
        json!({ "passphrase": PASSPHRASE, "confirmation": PASSPHRASE }),
    );
    assert!(
        exported["message"]
            .as_str()
            .expect("message")
            .contains("My details"),
        "{exported}"
    );

    app.ok("delete_all_my_data", json!({ "confirmUnsent": true }));
    // A new vault after "Delete all": keys in memory for this test's import.
    app.ok(
        "use_passphrase_keys",
        json!({ "passphrase": PASSPHRASE, "confirmation": PASSPHRASE }),
    );
    let emptied = app.ok("my_details_view", json!({}));
    assert_eq!(emptied["keeping"], "notAsked");
    assert_eq!(emptied["kept"], 0);

    app.host.answer(Some(file));
    let imported = app.ok("import_my_data", json!({ "passphrase": PASSPHRASE }));
    assert!(
        imported["message"]
            .as_str()
            .expect("message")
            .contains("My details"),
        "{imported}"
    );
    let back = app.ok("my_details_view", json!({}));
    assert_eq!(back["keeping"], "on");
    assert_eq!(value_of(&back, "F00000013"), "Mustermann");
}

/// The answers the UI's tests render: written like the other fixtures.
#[test]
fn export_my_details_fixtures() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/api/fixtures");
    let write = |name: &str, value: &Value| {
        let text = stable_draft_ids(&serde_json::to_string_pretty(value).expect("json"));
        std::fs::write(out.join(name), text + "\n").expect("write fixture");
    };
    for locale in ["de", "en"] {
        let dir = tempfile::tempdir().expect("dir");
        let app = app(dir.path(), locale, false);
        write(
            &format!("my-details.not-asked.{locale}.json"),
            &app.ok("my_details_view", json!({})),
        );
        submit(&app, &dog_tax_draft(&app, "Bello"));
        write(
            &format!("my-details.offer.{locale}.json"),
            &app.ok("my_details_offer", json!({})),
        );
        write(
            &format!("my-details.kept.{locale}.json"),
            &app.ok("set_my_details_keeping", json!({ "keep": true })),
        );
        let mut values: serde_json::Map<String, Value> =
            kept(&app.ok("my_details_view", json!({})))
                .into_iter()
                .map(|(p, v)| (p, Value::String(v)))
                .collect();
        values.insert("G00000237.G00000113.F00000054".into(), json!("341"));
        write(
            &format!("my-details.refused.{locale}.json"),
            &app.ok("save_my_details", json!({ "values": values })),
        );
        write(
            &format!("my-details.deleted.{locale}.json"),
            &app.ok("delete_my_details", json!({})),
        );
        let started = app.ok(
            "start_draft",
            json!({ "procedureId": "dog-tax-registration" }),
        );
        assert_eq!(started["screen"]["view"]["fromMyDetails"], false);
    }
}
