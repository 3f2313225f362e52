//! "Delete all my data" beyond the vault (`my_data.rs` has the drafts and keys): the
//! settings but the language, the stored signed catalog and the webview's data go, and
//! Amtsweg is at its first start again — now and after a restart — in the same language.
use std::fs;
use std::path::Path;

use amtsweg_catalog::sign;
use serde_json::{Value, json};

use crate::signed_catalogs::{changed_catalog, dog_tax_title, notice_codes, start, test_key};

const KASSEL: &str = "066110000000";

fn names_under(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn delete_all_returns_to_the_first_start_in_the_language_in_use_keeping_nothing_else() {
    let dir = tempfile::tempdir().expect("tempdir");
    let offered = dir.path().join("catalog-7.json");
    fs::write(
        &offered,
        sign(&changed_catalog(), 7, &test_key()).as_bytes(),
    )
    .expect("write");
    // The system speaks English; the citizen chose German.
    let app = start(dir.path(), Some(offered));
    assert_eq!(dog_tax_title(&app), "Register a dog (catalog 7)");
    assert_eq!(notice_codes(&app), ["notice-catalog-updated"]);
    app.ok("choose_language", json!({ "locale": "de" }));
    app.ok("complete_first_start", Value::Null);
    app.ok("choose_municipality", json!({ "ars": KASSEL }));
    let before = app.ok("set_text_scale", json!({ "scale": 150 }));
    assert_eq!(before["screen"], "catalog");
    let config = dir.path().join("config");
    // Settings an earlier start found damaged, kept aside: they name the municipality too.
    let aside = config.join("settings.json.damaged-1700000000");
    fs::write(&aside, format!("{{\"municipalityArs\": \"{KASSEL}\"")).expect("write");
    let catalog = dir.path().join("data").join("catalog");
    assert_eq!(names_under(&catalog), ["catalog.signed.json"]);
    assert_eq!(app.host.browsing_data_cleared(), 0);

    app.ok("delete_all_my_data", Value::Null);

    let view = app.ok("get_app_view", Value::Null);
    assert_eq!(view["screen"], "firstStart", "{view:#}");
    assert_eq!(view["ui"]["locale"], "de");
    assert_eq!(view["municipality"], Value::Null);
    assert_eq!(view["textScale"], 100);
    assert_eq!(
        view["notices"],
        json!([]),
        "what was said of this start is over"
    );
    assert_eq!(app.host.browsing_data_cleared(), 1);
    assert_eq!(names_under(&config), ["settings.json"]);
    let saved: Value =
        serde_json::from_slice(&fs::read(config.join("settings.json")).expect("settings"))
            .expect("JSON");
    assert_eq!(
        saved,
        json!({ "version": 1, "locale": "de", "firstStartDone": false, "localesOverrideDir": null })
    );
    assert_eq!(names_under(&catalog), Vec::<String>::new());

    // A restart is at the first start too, in German, with the bundled catalog.
    let again = start(dir.path(), None);
    let view = again.ok("get_app_view", Value::Null);
    assert_eq!(view["screen"], "firstStart");
    assert_eq!(view["ui"]["locale"], "de");
    assert_eq!(notice_codes(&again), Vec::<String>::new());
    again.ok("choose_language", json!({ "locale": "en" }));
    assert_eq!(dog_tax_title(&again), "Register a dog for dog tax");
}
