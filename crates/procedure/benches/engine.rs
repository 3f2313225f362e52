//! Engine benchmarks on generated data, each beside a baseline measured in the same run:
//! - a 300-field procedure with 50 rules: page view model, whole-application
//!   validation, check-your-answers summary; baseline: serde parse of its definition;
//! - a catalog of 600 generated procedures: load (parse + check) and index; baseline:
//!   the same files parsed by serde alone into the definition types, no checks;
//! - search-as-you-type over that catalog with typical prefixes.
//!
//! Run: `cargo bench -p amtsweg-procedure --bench engine`. Figures and machine go into
//! docs/performance.md ("Procedure engine").

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

use amtsweg_procedure::{
    Answer, Answers, Catalog, Date, Definition, Procedure, Session, TextArg, Texts,
};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};

const PAGES: usize = 30;
const FIELDS_PER_PAGE: usize = 10;

/// Kinds cycled through on every page; index 0 is a yes/no that later rules read.
const KINDS: [&str; 10] = [
    "yesNo", "text", "integer", "date", "select", "money", "email", "postcode", "iban", "longText",
];

fn field_id(page: usize, slot: usize) -> String {
    format!("F{:08}", page * FIELDS_PER_PAGE + slot + 1)
}

/// 300 fields on 30 pages, 50 rules: 20 visibility rules, 10 required-if, 10 checks,
/// 5 page visibility rules, 5 calculations.
fn big_procedure(id: &str) -> Value {
    let mut pages = Vec::new();
    let mut rules = 0;
    let mut visibility_rules = 0;
    for p in 0..PAGES {
        let mut items = Vec::new();
        for (s, kind) in KINDS.iter().copied().enumerate() {
            let fid = field_id(p, s);
            let mut item = json!({"kind": kind, "id": fid, "label": format!("{id}-{fid}-label")});
            match kind {
                "select" => item["codeList"] = json!("C00000001"),
                "integer" => {
                    item["min"] = json!(0);
                    item["max"] = json!(1000);
                }
                _ => {}
            }
            let previous_yes_no = field_id(p.saturating_sub(1), 0);
            if p > 0 && s == 1 && visibility_rules < 20 {
                item["visible"] = json!({"==": [{"var": previous_yes_no}, true]});
                rules += 1;
                visibility_rules += 1;
            }
            if p > 0 && s == 9 && visibility_rules < 20 {
                item["visible"] = json!({"!": {"var": previous_yes_no}});
                rules += 1;
                visibility_rules += 1;
            }
            if s == 6 && p < 10 {
                item["optional"] = json!(true);
                item["requiredIf"] = json!({"==": [{"var": field_id(p, 0)}, true]});
                rules += 1;
            }
            if s == 2 && p < 10 {
                item["checks"] = json!([{"rule": {"<=": [{"var": fid}, 500]}, "message": format!("{id}-check")}]);
                rules += 1;
            }
            items.push(item);
        }
        if p % 6 == 5 {
            items.push(json!({
                "kind": "calculated", "id": format!("F9{:07}", p), "label": format!("{id}-calc"),
                "valueType": "money",
                "rule": {"+": [{"var": field_id(p, 5)}, {"*": [{"var": field_id(p, 2)}, 0.5]}]}
            }));
            rules += 1;
        }
        let mut page =
            json!({"id": format!("page-{p}"), "title": format!("{id}-page"), "items": items});
        if p % 6 == 3 {
            page["visible"] = json!({"!=": [{"var": field_id(p - 1, 2)}, 999]});
            rules += 1;
        }
        pages.push(page);
    }
    assert_eq!(rules, 50, "the benchmark promises 50 rules");
    json!({
        "format": 1, "id": id, "version": "1.0.0",
        "leika": {"key": "urn:de:fim:leika:leistung:99000000000000", "verified": false, "source": "a benchmark", "local": {"reason": "not a real service"}},
        "title": format!("{id}-title"), "keywords": format!("{id}-keywords"),
        "start": {"summary": format!("{id}-s"), "whoMayApply": format!("{id}-w"), "duration": format!("{id}-d"),
                  "fees": format!("{id}-f"), "legalBasis": format!("{id}-l")},
        "sections": (0..3).map(|s| json!({
            "id": format!("section-{s}"), "title": format!("{id}-section"),
            "pages": pages[s * 10..(s + 1) * 10]
        })).collect::<Vec<_>>(),
        "codeLists": [{"id": "C00000001", "entries": (0..20).map(|i| json!({"code": format!("c{i}"), "label": format!("{id}-c{i}")})).collect::<Vec<_>>()}]
    })
}

fn big_answers() -> Answers {
    let mut answers = Answers::new();
    for p in 0..PAGES {
        for (s, kind) in KINDS.iter().enumerate() {
            let raw = match *kind {
                "yesNo" => if p % 2 == 0 { "ja" } else { "nein" }.to_owned(),
                "text" => format!("Antwort {p}"),
                "integer" => format!("{}", p * 10),
                "date" => "29.02.2024".to_owned(),
                "select" => format!("c{}", p % 20),
                "money" => "1.234,56".to_owned(),
                "email" => "erika@example.org".to_owned(),
                "postcode" => "01067".to_owned(),
                "iban" => "DE89 3704 0044 0532 0130 00".to_owned(),
                _ => "Zeile eins\nZeile zwei".to_owned(),
            };
            answers.insert(field_id(p, s), Answer::Text(raw));
        }
    }
    answers
}

/// Procedure titles for the catalog: plausible German service names, some with umlauts.
const WORDS: [&str; 24] = [
    "Hundesteuer",
    "Sperrmüll",
    "Anwohnerparken",
    "Gewerbe",
    "Meldebescheinigung",
    "Führungszeugnis",
    "Baugenehmigung",
    "Fischereischein",
    "Straßenfest",
    "Wohngeld",
    "Kita-Platz",
    "Personalausweis",
    "Reisepass",
    "Kfz-Zulassung",
    "Müllabfuhr",
    "Grundsteuer",
    "Bewohnerparkausweis",
    "Eheschließung",
    "Geburtsurkunde",
    "Sondernutzung",
    "Plakatierung",
    "Feuerwerk",
    "Gaststättenerlaubnis",
    "Schwerbehindertenausweis",
];
const ACTIONS: [&str; 5] = ["anmelden", "abmelden", "beantragen", "ändern", "verlängern"];

fn small_procedure(i: usize) -> (String, Vec<u8>) {
    let id = format!("service-{i:03}");
    let items: Vec<Value> = (0..10)
        .map(|s| {
            let fid = format!("F{:08}", s + 1);
            json!({"kind": KINDS[s], "id": fid, "label": format!("{id}-{fid}"), "codeList": if KINDS[s] == "select" { json!("C00000001") } else { Value::Null }})
        })
        .map(|mut v| {
            if v["codeList"].is_null() {
                v.as_object_mut().map(|o| o.remove("codeList"));
            }
            v
        })
        .collect();
    let mut definition = big_procedure(&id);
    definition["sections"] = json!([{"id": "main", "title": format!("{id}-section"), "pages": [
        {"id": "one", "title": format!("{id}-page"), "items": items[..5]},
        {"id": "two", "title": format!("{id}-page"), "items": items[5..],
         "visible": {"==": [{"var": "F00000001"}, true]}}
    ]}]);
    (
        format!("procedures/{id}.json"),
        serde_json::to_vec_pretty(&definition).unwrap_or_default(),
    )
}

struct GeneratedTexts(HashMap<String, String>);

impl Texts for GeneratedTexts {
    fn text(&self, _: &str, id: &str, _: &[(&str, TextArg<'_>)]) -> String {
        self.0.get(id).cloned().unwrap_or_else(|| id.to_owned())
    }
}

fn catalog_texts() -> GeneratedTexts {
    let mut texts = HashMap::new();
    for i in 0..600 {
        let id = format!("service-{i:03}");
        let title = format!(
            "{} {} ({i})",
            WORDS[i % WORDS.len()],
            ACTIONS[(i / WORDS.len()) % ACTIONS.len()]
        );
        texts.insert(format!("{id}-title"), title);
        texts.insert(
            format!("{id}-keywords"),
            format!("Antrag, Bürgerservice, Nummer {i}"),
        );
    }
    GeneratedTexts(texts)
}

fn configured() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30)
}

fn procedure_300(c: &mut Criterion) {
    let bytes = serde_json::to_vec_pretty(&big_procedure("big")).unwrap_or_default();
    let plain = |_: &str, id: &str, _: &[(&str, TextArg<'_>)]| id.to_owned();
    let procedure =
        Procedure::load("procedures/big.json", &bytes).unwrap_or_else(|e| panic!("{e}"));
    let catalog = Catalog::new(vec![procedure], &plain, &["de"]).unwrap_or_else(|e| panic!("{e}"));
    let today = Date::new(2025, 6, 15).unwrap_or_else(|e| panic!("{e}"));
    let session = Session::new(&catalog, &plain, "de", today);
    let mut draft = session.start("big").unwrap_or_else(|e| panic!("{e}"));
    let answers = big_answers();
    for p in 0..PAGES {
        let page: Answers = answers
            .iter()
            .filter(|(k, _)| (k[1..].parse::<usize>().unwrap_or(0) - 1) / FIELDS_PER_PAGE == p)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        session
            .set_answers(&mut draft, &format!("page-{p}"), page)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let open = session.validate(&draft).unwrap_or_else(|e| panic!("{e}"));
    assert!(open.is_empty(), "generated answers are valid: {open:?}");

    let mut group = c.benchmark_group("procedure-300-fields-50-rules");
    group.bench_function("baseline: serde parse of the definition", |b| {
        b.iter(|| black_box(serde_json::from_slice::<Definition>(black_box(&bytes)).is_ok()))
    });
    group.bench_function("load and check the definition", |b| {
        b.iter(|| black_box(Procedure::load("procedures/big.json", black_box(&bytes)).is_ok()))
    });
    group.bench_function("page view model (last page, whole route evaluated)", |b| {
        b.iter(|| black_box(session.validated_page_view(&draft, "page-29").is_ok()))
    });
    group.bench_function("validate the whole application", |b| {
        b.iter(|| black_box(session.validate(&draft).map(|e| e.len())))
    });
    group.bench_function("check-your-answers summary (300 answers)", |b| {
        b.iter(|| black_box(session.summary(&draft).is_ok()))
    });
    group.bench_function("submission data + schema", |b| {
        b.iter(|| black_box(session.submission(&draft).is_ok()))
    });
    group.finish();
}

fn catalog_600(c: &mut Criterion) {
    let files: Vec<(String, Vec<u8>)> = (0..600).map(small_procedure).collect();
    let texts = catalog_texts();
    let borrowed = || files.iter().map(|(n, b)| (n.as_str(), b.as_slice()));
    let catalog =
        Catalog::load(borrowed(), &texts, &["de", "en"]).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(catalog.len(), 600);
    assert!(!catalog.search("de", "hundest").is_empty());

    let mut group = c.benchmark_group("catalog-600-procedures");
    group.bench_function("baseline: serde parse of 600 definitions", |b| {
        b.iter(|| {
            for (_, bytes) in &files {
                black_box(serde_json::from_slice::<Definition>(bytes).is_ok());
            }
        })
    });
    group.bench_function("load, check and index 600 definitions (2 locales)", |b| {
        b.iter(|| {
            black_box(
                Catalog::load(borrowed(), &texts, &["de", "en"])
                    .map(|c| c.len())
                    .is_ok(),
            )
        })
    });
    group.finish();

    let mut group = c.benchmark_group("catalog-search-600");
    for query in ["h", "hu", "hund", "sperrmuell", "müll", "steuer anm", "zzz"] {
        group.bench_function(format!("search {query:?}"), |b| {
            b.iter(|| black_box(catalog.search("de", black_box(query)).len()))
        });
    }
    group.bench_function("baseline: list (clone all 600 entries)", |b| {
        b.iter(|| black_box(catalog.list("de").len()))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = configured();
    targets = procedure_300, catalog_600
}
criterion_main!(benches);
