//! Every bundled procedure through the real engine: its walk (crates/procedure/tests/walks,
//! the first branch that reaches check your answers) replayed in a session over the whole
//! bundled catalog, its summary rendered and read back with `pdftotext`.

use std::collections::BTreeMap;

use amtsweg_printout::{Copy, Facts, render};
use amtsweg_procedure::{
    Answers, Catalog, Continue, Date, ProcedureScreen, Session, Summary, SummaryItem,
};
use serde::Deserialize;
use serde_json::Value;

use crate::support::{pdftotext, repo_root, texts};

#[derive(Deserialize)]
struct Walk {
    procedure: String,
    branches: Vec<Branch>,
}

#[derive(Deserialize)]
struct Branch {
    pages: Vec<Step>,
    ends: String,
}

#[derive(Deserialize)]
struct Step {
    page: String,
    #[serde(default)]
    answers: Option<Value>,
}

fn today() -> Date {
    Date::new(2026, 12, 6).expect("a date")
}

/// `{{today}}`, `{{today+14d}}`, `{{today-400d}}` as ISO dates.
fn expand(value: &Value) -> Value {
    match value {
        Value::String(s) => {
            let mut out = String::new();
            let mut rest = s.as_str();
            while let Some(at) = rest.find("{{") {
                out.push_str(&rest[..at]);
                let after = &rest[at + 2..];
                let end = after.find("}}").expect("closed placeholder");
                let inner = after[..end].trim().strip_prefix("today").expect("today");
                let days: i64 = if inner.is_empty() {
                    0
                } else {
                    inner.trim_end_matches('d').parse().expect("days")
                };
                let date = today()
                    .checked_add(jiff::Span::new().days(days))
                    .expect("date");
                out.push_str(&date.to_string());
                rest = &after[end + 2..];
            }
            out.push_str(rest);
            Value::String(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(expand).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), expand(v))).collect())
        }
        other => other.clone(),
    }
}

fn catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
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
                files.push((
                    format!("procedures/{name}"),
                    std::fs::read(&path).expect("read"),
                ));
            }
        }
        files.sort();
        Catalog::load(
            files.iter().map(|(n, b)| (n.as_str(), b.as_slice())),
            texts(),
            &["de", "en"],
        )
        .unwrap_or_else(|_| panic!("the bundled catalog loads"))
    })
}

/// Per bundled procedure: its summary in German and in English, from its walk.
pub fn summaries() -> BTreeMap<String, (Summary, Summary)> {
    let mut out = BTreeMap::new();
    let dir = repo_root().join("crates/procedure/tests/walks");
    for entry in std::fs::read_dir(dir).expect("walks") {
        let path = entry.expect("entry").path();
        let walk: Walk =
            serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("walk JSON");
        let branch = walk
            .branches
            .iter()
            .find(|b| b.ends == "checkAnswers")
            .expect("a branch to check your answers");
        let s = Session::new(catalog(), texts(), "de", today());
        let pid = walk.procedure.as_str();
        let mut draft = s.start(pid).expect("start");
        let mut screen = s.screen(&draft).expect("screen");
        for step in &branch.pages {
            if let ProcedureScreen::TaskList(_) = screen {
                s.go_to(&mut draft, &step.page).expect("task");
            }
            let answers: Answers = match &step.answers {
                Some(v) => serde_json::from_value(expand(v)).expect("answers"),
                None => Answers::new(),
            };
            screen = match s
                .continue_(&mut draft, &step.page, answers)
                .expect("continue")
            {
                Continue::Next(next) => next,
                Continue::Invalid(_) => panic!("{pid}: page {} not valid", step.page),
            };
        }
        let de = s.summary(&draft).expect("summary");
        assert!(
            de.can_submit,
            "{pid}: the walk must reach a complete application"
        );
        let en = Session::new(catalog(), texts(), "en", today())
            .summary(&draft)
            .expect("summary in English");
        out.insert(pid.to_owned(), (de, en));
    }
    assert!(out.len() >= 12, "every bundled procedure has a walk");
    out
}

pub fn facts_for(summary: &Summary) -> Facts {
    Facts {
        municipality: "Musterstadt (Demo)".into(),
        procedure_title: summary.title.clone(),
        leika: "urn:de:fim:leika:leistung:99000000000000".into(),
        application_date: "2026-12-06".into(),
        case_number: Some("MS-2026-0042".into()),
        received_at: None,
        attachments: Vec::new(),
    }
}

/// Every text the check page shows: section titles, labels, answers, instance labels.
pub fn texts_of(summary: &Summary) -> Vec<String> {
    fn items(list: &[SummaryItem], out: &mut Vec<String>) {
        for item in list {
            match item {
                SummaryItem::Row(row) => {
                    out.push(row.label.clone());
                    out.extend(row.value.iter().cloned());
                }
                SummaryItem::Group {
                    label, instances, ..
                } => {
                    out.push(label.clone());
                    for i in instances {
                        if !i.label.is_empty() {
                            out.push(i.label.clone());
                        }
                        items(&i.items, out);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for section in &summary.sections {
        out.push(section.title.clone());
        items(&section.items, &mut out);
    }
    out.into_iter()
        .map(|t| t.replace(['\u{2068}', '\u{2069}'], ""))
        .filter(|t| !t.trim().is_empty())
        .collect()
}

/// Whitespace collapsed: wrapping is the printout's business, words are not.
pub fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_bundled_procedure_reads_back_with_every_label_and_answer() {
    let mut missing = Vec::new();
    let mut umlauts = 0;
    for (pid, (de, en)) in summaries() {
        for copy in [
            Copy::Authority,
            Copy::Citizen {
                locale: "en",
                summary: &en,
            },
        ] {
            let pdf = render(&de, &facts_for(&de), copy, texts()).expect("renders");
            let text = pdftotext(&pdf, &[]);
            assert!(
                !text.contains(['\u{2068}', '\u{2069}']),
                "{pid}: isolation marks in the PDF's text"
            );
            let flat = words(&text);
            for expected in texts_of(&de) {
                umlauts += expected.chars().filter(|c| "äöüÄÖÜß".contains(*c)).count();
                if !flat.contains(&words(&expected)) {
                    missing.push(format!("{pid}: {expected:?}"));
                }
            }
            assert!(flat.contains("MS-2026-0042"), "{pid}: the case number");
            assert!(flat.contains("6. Dezember 2026"), "{pid}: the date");
        }
    }
    assert!(umlauts > 50, "the walks' texts have umlauts and ß to check");
    assert!(
        missing.is_empty(),
        "not in the PDF:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_citizens_copy_has_both_languages_and_the_authoritys_only_german() {
    let all = summaries();
    let (de, en) = &all["dog-tax-registration"];
    let citizen = words(&pdftotext(
        &render(
            de,
            &facts_for(de),
            Copy::Citizen {
                locale: "en",
                summary: en,
            },
            texts(),
        )
        .expect("renders"),
        &[],
    ));
    let authority = words(&pdftotext(
        &render(de, &facts_for(de), Copy::Authority, texts()).expect("renders"),
        &[],
    ));
    let german = texts_of(de);
    let english: Vec<String> = texts_of(en)
        .into_iter()
        .filter(|t| !german.contains(t) && t.chars().count() > 3)
        .collect();
    assert!(
        english.len() > 10,
        "English labels that differ from German: {english:?}"
    );
    for t in &english {
        assert!(citizen.contains(&words(t)), "citizen's copy lacks {t:?}");
        assert!(
            !authority.contains(&words(t)),
            "authority's copy has English {t:?}"
        );
    }
    for t in [
        "Antrag",
        "Application",
        "Seite 1 von",
        "Page 1 of",
        "Your copy",
    ] {
        assert!(citizen.contains(t), "citizen's copy lacks {t:?}");
    }
    for t in ["Application", "Page 1 of", "Case number", "Receipt"] {
        assert!(!authority.contains(t), "authority's copy has {t:?}");
    }
    assert!(authority.contains("Empfangsbestätigung"));
}
