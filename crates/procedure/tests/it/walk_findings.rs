//! Defects a citizen's walk through the bundled procedures found (issue 20), each
//! checked on the real definitions and texts: "optional" beside a question an answer on
//! the same page makes required, hint examples the field itself refuses, a page shown
//! although nothing on it applies, and a huge paste that got a banner instead of the
//! field's own error.

use std::sync::OnceLock;

use amtsweg_procedure::{Answers, Catalog, Date, FieldView, ItemView, PageView, Session};

use crate::support::{answers, read, repo_root, text, texts};

/// Every bundled procedure, as the app ships them.
fn bundled() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(repo_root().join("procedures")).expect("procedures") {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_owned();
            if name.ends_with(".json")
                && !name.ends_with(".schema.json")
                && name != "municipalities.json"
            {
                files.push((format!("procedures/{name}"), read(&path)));
            }
        }
        files.sort();
        Catalog::load(
            files.iter().map(|(n, b)| (n.as_str(), b.as_slice())),
            texts(),
            &["de", "en"],
        )
        .unwrap_or_else(|errors| panic!("the bundled catalog does not load: {errors:?}"))
    })
}

fn today() -> Date {
    Date::new(2025, 6, 15).expect("a real date")
}

fn session(locale: &'static str) -> Session<'static> {
    Session::new(bundled(), texts(), locale, today())
}

/// The field with this FIM id on the page (at its top level).
fn field<'v>(view: &'v PageView, id: &str) -> &'v FieldView {
    view.items
        .iter()
        .find_map(|item| match item {
            ItemView::Field(f) if f.field_id == id => Some(f),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{} has no question {id}", view.page_id))
}

fn page(procedure: &str, page_id: &str, given: Answers) -> PageView {
    let s = session("en");
    let mut draft = s.start(procedure).expect("draft");
    s.set_answers(&mut draft, page_id, given).expect("stored");
    s.page_view(&draft, page_id).expect("page")
}

// --- "(optional)" follows the rule that makes a question required ---

#[test]
fn direct_debit_reveals_account_holder_and_iban_as_required_questions() {
    let no = page(
        "dog-tax-registration",
        "payment",
        answers([("F99000012", text("no"))]),
    );
    let yes = page(
        "dog-tax-registration",
        "payment",
        answers([("F99000012", text("yes"))]),
    );
    let shown = |view: &PageView| -> Vec<String> {
        view.items
            .iter()
            .filter_map(|item| match item {
                ItemView::Field(f) => Some(f.field_id.clone()),
                _ => None,
            })
            .collect()
    };
    // Paying by transfer asks for no account: nothing "(optional)" that means nothing.
    assert_eq!(shown(&no), ["F99000012"]);
    assert_eq!(shown(&yes), ["F99000012", "F99000013", "F99000014"]);
    for id in ["F99000013", "F99000014"] {
        assert_eq!(field(&yes, id).optional_marker, None, "{id} after Yes");
    }
    // The answer the rule reads shows the page again when it changes, so the questions
    // appear as soon as the citizen chooses, not only after "Continue".
    assert!(field(&yes, "F99000012").updates_page);
}

#[test]
fn lost_property_contact_asks_for_at_least_one_before_continue() {
    let none = page("lost-property-report", "contact", Answers::new());
    // Neither is optional while both are empty: one of them is needed.
    for id in ["F99000002", "F99000003"] {
        let f = field(&none, id);
        assert_eq!(f.optional_marker, None, "{id} with nothing given");
        assert!(f.updates_page, "{id} decides whether the other is needed");
    }
    // Said on the page before "Continue", in both languages.
    assert!(
        none.hint
            .as_deref()
            .is_some_and(|h| h.contains("at least one")),
        "{:?}",
        none.hint
    );
    let s = session("de");
    let draft = s.start("lost-property-report").expect("draft");
    let german = s.page_view(&draft, "contact").expect("page");
    assert!(
        german
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("mindestens")),
        "{:?}",
        german.hint
    );

    let email = page(
        "lost-property-report",
        "contact",
        answers([("F99000002", text("erika@example.org"))]),
    );
    assert_eq!(field(&email, "F99000002").optional_marker, None);
    assert_eq!(
        field(&email, "F99000003").optional_marker.as_deref(),
        Some("(optional)")
    );
    let phone = page(
        "lost-property-report",
        "contact",
        answers([("F99000003", text("0561 787 0"))]),
    );
    assert_eq!(
        field(&phone, "F99000002").optional_marker.as_deref(),
        Some("(optional)")
    );
    assert_eq!(field(&phone, "F99000003").optional_marker, None);
}

/// In every bundled procedure: an answer a `requiredIf` reads on the same page shows the
/// page again when it changes, and the marker follows the rule on the stored answers.
#[test]
fn every_required_if_on_a_page_updates_that_page() {
    let s = session("en");
    let mut checked = 0;
    for procedure in bundled().procedures() {
        let id = procedure.id().as_str();
        let definition: serde_json::Value =
            serde_json::from_slice(&read(&repo_root().join(format!("procedures/{id}.json"))))
                .expect("JSON");
        for section in definition["sections"].as_array().expect("sections") {
            for p in section["pages"].as_array().expect("pages") {
                let items = p["items"].as_array().expect("items");
                let on_page: Vec<&str> = items.iter().filter_map(|i| i["id"].as_str()).collect();
                for item in items {
                    let Some(rule) = item.get("requiredIf") else {
                        continue;
                    };
                    let rule = rule.to_string();
                    let draft = s.start(id).expect("draft");
                    let view = s
                        .page_view(&draft, p["id"].as_str().expect("page id"))
                        .expect("page");
                    for other in &on_page {
                        if rule.contains(&format!("\"{other}\"")) {
                            // A page off an empty draft's route shows no questions.
                            let Some(reader) = view.items.iter().find_map(|i| match i {
                                ItemView::Field(f) if f.field_id == *other => Some(f),
                                _ => None,
                            }) else {
                                continue;
                            };
                            assert!(
                                reader.updates_page,
                                "{id}: {other} decides whether {} is required",
                                item["id"]
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(checked >= 10, "only {checked} rules read their own page");
}

// --- a page shown although nothing on it applies ---

fn dogs(dangerous: &str) -> Answers {
    answers([(
        "G99000001",
        amtsweg_procedure::Answer::Group(vec![answers([
            ("F99000005", text("Bello")),
            ("F99000006", text("mixed-breed")),
            ("F99000007", text("2025-03-01")),
            ("F99000008", text(dangerous)),
        ])]),
    )])
}

#[test]
fn the_insurance_page_is_shown_only_for_a_dangerous_dog() {
    let s = session("en");
    let mut draft = s.start("dog-tax-registration").expect("draft");
    s.set_answers(&mut draft, "dogs", dogs("no"))
        .expect("stored");
    assert!(
        s.go_to(&mut draft, "insurance").is_err(),
        "no listed dog: the insurance page is not on the route"
    );
    s.set_answers(&mut draft, "dogs", dogs("yes"))
        .expect("stored");
    s.set_answers(
        &mut draft,
        "dangerous-dog-permit",
        answers([("F99000009", text("yes"))]),
    )
    .expect("stored");
    match s.go_to(&mut draft, "insurance").expect("on the route") {
        amtsweg_procedure::ProcedureScreen::Question(view) => {
            assert_eq!(field(&view, "F00000600").optional_marker, None);
        }
        other => panic!("not the insurance page: {other:?}"),
    }
}

/// No bundled page asks only questions that are optional unless a rule makes them
/// required: such a page belongs on the route only when the rule holds.
#[test]
fn no_page_asks_only_for_what_a_rule_may_not_need() {
    let mut found = Vec::new();
    for procedure in bundled().procedures() {
        let id = procedure.id().as_str();
        let definition: serde_json::Value =
            serde_json::from_slice(&read(&repo_root().join(format!("procedures/{id}.json"))))
                .expect("JSON");
        for section in definition["sections"].as_array().expect("sections") {
            for p in section["pages"].as_array().expect("pages") {
                let asks: Vec<&serde_json::Value> = p["items"]
                    .as_array()
                    .expect("items")
                    .iter()
                    .filter(|i| !matches!(i["kind"].as_str(), Some("readOnly" | "calculated")))
                    .collect();
                let on_page: Vec<String> = asks
                    .iter()
                    .filter_map(|i| i["id"].as_str().map(|id| format!("\"{id}\"")))
                    .collect();
                // Required only by answers of earlier pages (one of two on the page, each
                // required unless the other is given, is a different matter).
                let by_earlier_pages = |i: &&&serde_json::Value| {
                    i.get("requiredIf").is_some_and(|rule| {
                        let rule = rule.to_string();
                        !on_page.iter().any(|id| rule.contains(id.as_str()))
                    })
                };
                if !asks.is_empty() && asks.iter().all(|i| by_earlier_pages(&i)) {
                    found.push(format!("{id}: {}", p["id"]));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

// --- hint examples the field itself accepts ---

/// Days across years, a leap day and the turn of a year: examples relative to today
/// and fixed ones must fit every field's limits on each.
fn todays() -> Vec<Date> {
    [
        (2025, 6, 15),
        (2024, 2, 29),
        (2025, 12, 31),
        (2026, 1, 1),
        (2027, 3, 1),
        (2030, 9, 30),
    ]
    .iter()
    .map(|&(y, m, d)| Date::new(y, m, d).expect("a real date"))
    .collect()
}

#[test]
fn every_example_passes_its_own_field_in_every_bundled_procedure() {
    let mut examples = 0;
    for procedure in bundled().procedures() {
        let refused = procedure.refused_examples(&todays());
        assert!(refused.is_empty(), "{}: {refused:#?}", procedure.id());
        let file = repo_root().join(format!("procedures/{}.json", procedure.id()));
        examples += String::from_utf8(read(&file))
            .expect("UTF-8")
            .matches("\"example\":")
            .count();
    }
    // Every date, IBAN, register number, number plate and amount a hint shows.
    assert!(examples >= 27, "{examples}");
}

#[test]
fn an_example_outside_the_fields_limits_is_named() {
    // The walk's finding: "For example, 01.04.2025" as a fixed date, while the start
    // date may lie at most 365 days back.
    let path = repo_root().join("procedures/dog-tax-registration.json");
    let mut definition: serde_json::Value = serde_json::from_slice(&read(&path)).expect("JSON");
    let start = &mut definition["sections"][1]["pages"][0]["items"][0];
    assert_eq!(start["id"], "F99000004");
    start["example"] = serde_json::json!("2025-04-01");
    let procedure = amtsweg_procedure::Procedure::load(
        "dog-tax-registration.json",
        definition.to_string().as_bytes(),
    )
    .expect("loads");
    let refused = procedure.refused_examples(&[
        Date::new(2025, 6, 15).expect("date"),
        Date::new(2026, 6, 15).expect("date"),
    ]);
    assert_eq!(refused.len(), 1, "{refused:#?}");
    assert_eq!(refused[0].field, "F99000004");
    assert_eq!(refused[0].today, Date::new(2026, 6, 15).expect("date"));
    assert_eq!(refused[0].reason, "date-too-early");
    assert_eq!(refused[0].path, "sections[1].pages[0].items[0].example");
}

#[test]
fn the_start_date_hint_shows_an_example_the_page_accepts() {
    for (locale, expected) in [
        (
            "en",
            "Tax is due from the month after this date. For example, 01.06.2025",
        ),
        (
            "de",
            "Die Steuerpflicht beginnt mit dem Monat nach diesem Datum. Zum Beispiel 01.06.2025",
        ),
    ] {
        let s = session(locale);
        let mut draft = s.start("dog-tax-registration").expect("draft");
        let view = s.page_view(&draft, "start-date").expect("page");
        assert_eq!(field(&view, "F99000004").hint.as_deref(), Some(expected));
        // Typed exactly as shown, it is accepted.
        let outcome = s
            .continue_(
                &mut draft,
                "start-date",
                answers([("F99000004", text("01.06.2025"))]),
            )
            .expect("continue");
        assert!(
            matches!(outcome, amtsweg_procedure::Continue::Next(_)),
            "{outcome:?}"
        );
    }
    // An IBAN is shown as written, an amount with the language's separators.
    let payment = page(
        "dog-tax-registration",
        "payment",
        answers([("F99000012", text("yes"))]),
    );
    assert_eq!(
        field(&payment, "F99000014").hint.as_deref(),
        Some("For example, DE89 3704 0044 0532 0130 00")
    );
}

/// No hint writes an example date by hand any more: it would be refused one day.
#[test]
fn no_hint_writes_an_example_date_by_hand() {
    let date = regex::Regex::new(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b").expect("regex");
    let mut found = Vec::new();
    for locale in ["de", "en"] {
        let dir = repo_root().join(format!("locales/{locale}/procedures"));
        for entry in std::fs::read_dir(dir).expect("locale folder") {
            let path = entry.expect("entry").path();
            let source = String::from_utf8(read(&path)).expect("UTF-8");
            for line in source.lines() {
                if let Some((id, text)) = line.split_once(" = ")
                    && id.ends_with("-hint")
                    && date.is_match(text)
                {
                    found.push(format!("{locale}: {id}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
