//! Drafts kept in the vault (in memory here; the vault crate's own tests and the
//! end-to-end test cover the database and the real keychain).
use serde_json::{Value, json};

use crate::support::{config, harness};

fn answers_name() -> Value {
    json!({ "F00000045": {"text": "Erika"}, "F00000013": {"text": "Mustermann"} })
}

#[test]
fn every_change_is_kept_and_my_drafts_lists_it_where_the_citizen_left() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "en-US", None));
    assert_eq!(
        app.ok("list_drafts", Value::Null),
        json!({ "drafts": [], "unavailable": null, "unavailableDetail": null, "versionsChanged": false, "unfinished": null })
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
        "Step \u{2068}1\u{2069} of \u{2068}8\u{2069}"
    );
    assert_eq!(list["drafts"][0]["damaged"], Value::Null);
    // The catalog tells a citizen coming back, in Fluent's plural form for one.
    assert_eq!(
        list["unfinished"],
        "You have \u{2068}1 unfinished application\u{2069}"
    );
    app.ok(
        "start_draft",
        json!({ "procedureId": "dog-tax-registration" }),
    );
    assert_eq!(
        app.ok("list_drafts", Value::Null)["unfinished"],
        "You have \u{2068}\u{2068}2\u{2069} unfinished applications\u{2069}"
    );
    let second = app.ok("list_drafts", Value::Null)["drafts"]
        .as_array()
        .expect("drafts")
        .iter()
        .find(|d| d["draftId"] != id.as_str())
        .and_then(|d| d["draftId"].as_str())
        .expect("the second draft")
        .to_owned();
    app.ok("delete_draft", json!({ "draftId": second }));

    let next = app.ok(
        "continue_page",
        json!({ "draftId": id, "pageId": "name", "answers": answers_name() }),
    );
    assert_eq!(next["outcome"], "next", "{next:#}");
    let list = app.ok("list_drafts", Value::Null);
    assert_eq!(
        list["drafts"][0]["progress"],
        "Step \u{2068}2\u{2069} of \u{2068}8\u{2069}"
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
        "Step \u{2068}1\u{2069} of \u{2068}8\u{2069}"
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
