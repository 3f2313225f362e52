//! Writes the wizard's mocked-IPC fixtures (`ui/src/api/fixtures/wizard/*.json`) from the
//! real engine, the real bundled definitions and the real Fluent texts.
//!
//! Each file is one branch of a walk (`tests/walks/<procedure>.json`) in one locale: the
//! first screen, then for every page the view as reached (empty), as after "Continue"
//! with nothing typed (with errors), the answers given, the view after storing them
//! (filled) and the screen "Continue" leads to; at the end check your answers and a
//! "Change" round trip. Pages with a repeatable group also get the view after "Add
//! another" (an empty instance appended) and after removing the last instance.
//!
//! `today` is fixed, so the committed files only change when the engine's answers do
//! (a stale file shows up in `git diff` after `cargo test`).

use std::path::{Path, PathBuf};

use amtsweg_procedure::{
    Answer, Answers, Catalog, Continue, Date, Procedure, ProcedureScreen, Session,
};
use serde_json::{Value, json};

use crate::support::{read, repo_root, texts};

/// The fixed today of every fixture.
fn today() -> Date {
    Date::new(2025, 6, 15).expect("a real date")
}

fn catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| {
        let procedures = ["dog-tax-registration", "business-registration"]
            .iter()
            .map(|id| {
                let name = format!("procedures/{id}.json");
                Procedure::load(&name, &read(&repo_root().join(&name))).expect("loads")
            })
            .collect();
        Catalog::new(procedures, texts(), &["de", "en"]).expect("catalog builds")
    })
}

fn out_dir() -> PathBuf {
    repo_root().join("ui/src/api/fixtures/wizard")
}

/// `{{today}}`, `{{today+Nd}}`, `{{today-Nd}}` to ISO dates from the fixed today.
fn expand(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let end = after.find("}}").expect("closed placeholder");
        let inner = after[..end].trim();
        let days: i64 = match inner.strip_prefix("today").expect("a today placeholder") {
            "" => 0,
            n => n
                .strip_suffix('d')
                .and_then(|n| n.parse().ok())
                .expect("±Nd"),
        };
        let mut date = today();
        for _ in 0..days.unsigned_abs() {
            date = if days > 0 {
                date.tomorrow().expect("date")
            } else {
                date.yesterday().expect("date")
            };
        }
        out.push_str(&date.to_string());
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

fn expand_value(value: &Value) -> Value {
    match value {
        Value::String(s) => Value::String(expand(s)),
        Value::Array(a) => Value::Array(a.iter().map(expand_value).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| (k.clone(), expand_value(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The pages and answers of one named branch of a walk file.
fn branch(procedure: &str, name: &str) -> Vec<(String, Answers)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/walks/{procedure}.json"));
    let walk: Value = serde_json::from_slice(&read(&path)).expect("walk JSON");
    let branch = walk["branches"]
        .as_array()
        .expect("branches")
        .iter()
        .find(|b| b["name"] == name)
        .unwrap_or_else(|| panic!("{procedure}: no branch {name:?}"));
    branch["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .map(|step| {
            let answers = step
                .get("answers")
                .map(expand_value)
                .unwrap_or_else(|| json!({}));
            (
                step["page"].as_str().expect("page id").to_owned(),
                serde_json::from_value(answers).expect("engine answers"),
            )
        })
        .collect()
}

fn to_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("serializes")
}

/// The view of `page` after storing `answers` on a copy of the draft.
fn page_with(
    s: &Session<'_>,
    draft: &amtsweg_procedure::Draft,
    page: &str,
    answers: Answers,
) -> Value {
    let mut copy = draft.clone();
    s.set_answers(&mut copy, page, answers)
        .expect("answers stored");
    to_json(&s.page_view(&copy, page).expect("page view"))
}

/// Group answers with their instance lists changed by `edit`, for each repeatable
/// group of the page's answers; `None` when no group was changed.
fn edit_groups(
    answers: &Answers,
    filled: &Value,
    edit: impl Fn(&mut Vec<Answers>, &Value) -> bool,
) -> Option<Answers> {
    let mut changed = false;
    let mut out = answers.clone();
    for (key, answer) in out.iter_mut() {
        let group = filled["items"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|item| {
                item["type"] == "group"
                    && item["repeatable"] == true
                    && item["groupId"] == key.as_str()
            });
        if let (Answer::Group(instances), Some(group)) = (answer, group) {
            changed |= edit(instances, group);
        }
    }
    changed.then_some(out)
}

fn generate(procedure: &str, branch_name: &str, file: &str, locale: &'static str) {
    let s = Session::new(catalog(), texts(), locale, today());
    let mut draft = s.start(procedure).expect("draft");
    let first = s.screen(&draft).expect("screen");
    // Check your answers before anything was answered: every open problem listed.
    let incomplete = to_json(&s.check_answers(&mut draft.clone()).expect("summary"));
    let mut screen = first.clone();
    let mut steps = Vec::new();
    for (page, answers) in branch(procedure, branch_name) {
        let task_list = match &screen {
            ProcedureScreen::TaskList(list) => {
                let list = to_json(list);
                screen = s.go_to(&mut draft, &page).expect("task opens");
                Some(list)
            }
            _ => None,
        };
        let ProcedureScreen::Question(empty) = &screen else {
            panic!("{procedure}: expected page {page}")
        };
        assert_eq!(empty.page_id, page);
        let invalid = match s
            .continue_(&mut draft.clone(), &page, Answers::new())
            .expect("continue")
        {
            Continue::Invalid(view) => Some(to_json(&view)),
            Continue::Next(_) => None,
        };
        let filled = page_with(&s, &draft, &page, answers.clone());
        // "Add another": one empty instance more; "Remove": the last one less.
        let added = edit_groups(&answers, &filled, |instances, group| {
            group["canAdd"] == true && {
                instances.push(Answers::new());
                true
            }
        })
        .map(|a| page_with(&s, &draft, &page, a));
        let removed = edit_groups(&answers, &filled, |instances, group| {
            group["min"].as_u64().unwrap_or(0) < instances.len() as u64
                && instances.len() > 1
                && instances.pop().is_some()
        })
        .map(|a| page_with(&s, &draft, &page, a));
        let next = match s
            .continue_(&mut draft, &page, answers.clone())
            .expect("continue")
        {
            Continue::Next(next) => next,
            Continue::Invalid(view) => panic!("{procedure}/{page}: {:#?}", view.errors),
        };
        steps.push(json!({
            "page": page,
            "taskList": task_list,
            "empty": to_json(empty),
            "invalid": invalid,
            "answers": to_json(&answers),
            "filled": filled,
            "added": added,
            "removed": removed,
            "next": to_json(&next),
        }));
        screen = next;
    }
    let end = screen.clone();
    let (check_answers, change) = match &end {
        ProcedureScreen::CheckAnswers(_) | ProcedureScreen::TaskList(_) => {
            let summary = s.check_answers(&mut draft).expect("check answers");
            // A "Change" link on the first page, and "Continue" back to the summary.
            let (page, answers) = branch(procedure, branch_name)
                .into_iter()
                .next()
                .expect("a first page");
            let opened = s.go_to(&mut draft, &page).expect("change opens");
            let back = match s.continue_(&mut draft, &page, answers).expect("continue") {
                Continue::Next(next) => next,
                Continue::Invalid(view) => panic!("{:#?}", view.errors),
            };
            assert!(
                matches!(back, ProcedureScreen::CheckAnswers(_)),
                "{procedure}: Continue after Change returns to check your answers"
            );
            (
                Some(to_json(&summary)),
                Some(json!({ "page": page, "screen": to_json(&opened), "next": to_json(&back) })),
            )
        }
        _ => (None, None),
    };
    let fixture = json!({
        "procedureId": procedure,
        "branch": branch_name,
        "locale": locale,
        "today": today().to_string(),
        "draftId": format!("draft-{file}"),
        "first": to_json(&first),
        "steps": steps,
        "end": to_json(&end),
        "checkAnswers": check_answers,
        "checkAnswersIncomplete": incomplete,
        "change": change,
    });
    let text = serde_json::to_string_pretty(&fixture).expect("json") + "\n";
    std::fs::create_dir_all(out_dir()).expect("fixtures folder");
    std::fs::write(out_dir().join(format!("{file}.{locale}.json")), text).expect("write");
}

#[test]
fn export_wizard_fixtures() {
    for locale in ["de", "en"] {
        generate(
            "dog-tax-registration",
            "two dogs, direct debit",
            "dog-tax-registration",
            locale,
        );
        generate(
            "dog-tax-registration",
            "dangerous dog without permit leads to the exit page",
            "dog-tax-registration.exit",
            locale,
        );
        generate(
            "business-registration",
            "sole trader, no permit, business at the home address",
            "business-registration",
            locale,
        );
    }
}
