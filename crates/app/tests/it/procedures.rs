use serde_json::{Value, json};

use crate::support::{config, harness};

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
        "Step \u{2068}1\u{2069} of \u{2068}8\u{2069}"
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

    // A huge paste is no banner: the field's own error, with its limit, as for any
    // answer over the limit; the page sent back holds no more than the engine keeps.
    let huge = "x".repeat(10 * 1024 * 1024);
    let too_long = app.ok(
        "continue_page",
        json!({
            "draftId": draft,
            "pageId": "name",
            "answers": { "F00000045": text(&huge), "F00000013": text("Mustermann") },
        }),
    );
    assert_eq!(too_long["outcome"], "invalid", "{}", too_long["outcome"]);
    let errors = too_long["view"]["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["key"], "F00000045");
    // The first name's limit in dog-tax-registration.json.
    let message = errors[0]["message"].as_str().expect("text");
    assert!(message.contains("\u{2068}120\u{2069}"), "{message}");
    assert!(too_long.to_string().len() < 200_000);

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
