use std::collections::BTreeMap;
use std::path::Path;

use super::*;
use crate::answer::Answer;
use crate::catalog::Catalog;
use crate::procedure::NodeItem;
use crate::texts::TextArg;
use crate::view::ProcedureScreen;

fn ids(_: &str, id: &str, _: &[(&str, TextArg<'_>)]) -> String {
    id.to_owned()
}

fn bundled() -> Vec<Procedure> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../procedures");
    let mut procedures = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("the bundled procedures") {
        let path = entry.expect("an entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if !name.ends_with(".json") || name.contains("schema") || name == "municipalities.json" {
            continue;
        }
        let bytes = std::fs::read(&path).expect("readable");
        procedures.push(Procedure::load(name, &bytes).expect("a bundled procedure loads"));
    }
    assert!(procedures.len() >= 10, "the bundled procedures were found");
    procedures
}

fn catalog() -> Catalog {
    Catalog::new(bundled(), &ids, &["de"]).expect("the catalog builds")
}

fn today() -> crate::Date {
    crate::Date::new(2026, 6, 15).expect("a date")
}

/// What a field's answer must look like: its kind with every constraint, its own
/// checks and visibility. Whether it is optional may differ (a phone number may be
/// required by one procedure and not another): an empty detail is never kept.
fn meaning(field: &Field) -> String {
    format!(
        "{:?} checks={} visible={} pattern={:?}",
        field.kind,
        field.common.checks.len(),
        field.common.visible.is_some(),
        field.pattern.as_ref().map(|p| p.as_str().to_owned()),
    )
}

#[test]
fn every_kept_detail_means_the_same_everywhere() {
    let procedures = bundled();
    for detail in &DETAILS {
        let mut meanings: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for p in &procedures {
            if let Some((_, field)) = field_at(p, detail.path) {
                meanings
                    .entry(meaning(field))
                    .or_default()
                    .push(p.id.to_string());
            }
        }
        assert!(
            !meanings.is_empty(),
            "{} is asked by no bundled procedure",
            detail.path
        );
        assert_eq!(
            meanings.len(),
            1,
            "{} is asked in different ways: {meanings:#?}",
            detail.path
        );
    }
}

#[test]
fn the_person_and_address_are_asked_by_most_procedures() {
    let procedures = bundled();
    for path in ["F00000045", "F00000013", "G00000237.G00000113.F00000054"] {
        let asking = procedures
            .iter()
            .filter(|p| field_at(p, path).is_some())
            .count();
        assert!(asking >= 10, "{path}: {asking}");
    }
}

/// Every answer a procedure could hold, each a valid example where one is known.
fn every_answer(procedure: &Procedure) -> Answers {
    fn fill(procedure: &Procedure, node: NodeId) -> Answer {
        match &procedure.nodes[node].item {
            NodeItem::Group(g) => Answer::Group(vec![
                g.children
                    .iter()
                    .map(|&c| (procedure.nodes[c].key.clone(), fill(procedure, c)))
                    .collect(),
            ]),
            NodeItem::Field(f) => Answer::Text(
                match &f.kind {
                    crate::definition::FieldKind::Date { .. } => "1980-05-17",
                    crate::definition::FieldKind::Email {} => "a@example.org",
                    crate::definition::FieldKind::Phone {} => "0561 1234",
                    crate::definition::FieldKind::Postcode {} => "34117",
                    crate::definition::FieldKind::Iban {} => "DE89370400440532013000",
                    _ => "Abc",
                }
                .to_owned(),
            ),
        }
    }
    procedure
        .pages
        .iter()
        .flat_map(|p| p.items.iter().copied())
        .map(|n| (procedure.nodes[n].key.clone(), fill(procedure, n)))
        .collect()
}

#[test]
fn nothing_but_the_listed_details_is_ever_kept() {
    let catalog = catalog();
    let session = Session::new(&catalog, &ids, "de", today());
    for procedure in catalog.procedures() {
        let mut draft = session.start(procedure.id.as_str()).expect("starts");
        draft.fill_from_my_details(every_answer(procedure), Default::default());
        let kept = session.details_of(&draft);
        for path in kept.keys() {
            assert!(is_detail(path), "{}: {path} was kept", procedure.id);
        }
        let iban = "DE89370400440532013000";
        assert!(
            !kept.values().any(|v| v == iban),
            "{}: a bank detail was kept",
            procedure.id
        );
    }
    // The dog tax asks given and family name, birth date and the address: all kept.
    let mut dog = session.start("dog-tax-registration").expect("starts");
    dog.fill_from_my_details(
        every_answer(catalog.get("dog-tax-registration").expect("bundled")),
        Default::default(),
    );
    let kept = session.details_of(&dog);
    for path in [
        "F00000045",
        "F00000013",
        "F99000001",
        "G00000237.G00000040.F00000053",
        "G00000237.G00000113.F00000054",
        "F99000002",
        "F99000003",
    ] {
        assert!(kept.contains_key(path), "{path} not kept: {kept:?}");
    }
    // A previous keeper's name (the same FIM ids inside another group) is not the
    // citizen's own.
    let mut dereg = session.start("dog-tax-deregistration").expect("starts");
    let mut answers = every_answer(catalog.get("dog-tax-deregistration").expect("bundled"));
    if let Some(Answer::Group(instances)) = answers.get_mut("G99001001") {
        instances[0].insert("F00000045".into(), Answer::Text("Previous".into()));
    }
    dereg.fill_from_my_details(answers, Default::default());
    assert!(!session.details_of(&dereg).values().any(|v| v == "Previous"));
}

#[test]
fn details_kept_from_one_procedure_prefill_another_and_mark_its_pages() {
    let catalog = catalog();
    let session = Session::new(&catalog, &ids, "de", today());
    let mut done = session.start("lost-property-report").expect("starts");
    done.fill_from_my_details(
        every_answer(catalog.get("lost-property-report").expect("bundled")),
        Default::default(),
    );
    let details = session.details_of(&done);

    let mut dog = session.start("dog-tax-registration").expect("starts");
    let filled = session.prefill(&mut dog, &details);
    assert!(filled >= 8, "{filled} filled");
    assert_eq!(
        text_at(dog.answers(), "G00000237.G00000113.F00000054"),
        Some("34117")
    );
    let ProcedureScreen::Question(first) = session.screen(&dog).expect("a screen") else {
        panic!("the first page")
    };
    assert_eq!(first.page_id, "name");
    assert!(first.from_my_details);
    // Filled in but not done: the draft still stands at its first page.
    assert_eq!(
        dog.position(),
        &crate::session::Position::Page {
            page_id: "name".into()
        }
    );
    assert!(session.check_draft(&dog).is_ok());

    // Changing a prefilled answer takes the mark off that page.
    let mut change = Answers::new();
    change.insert("F00000045".into(), Answer::Text("Other".into()));
    change.insert(
        "F00000013".into(),
        dog.answers().get("F00000013").cloned().expect("prefilled"),
    );
    session
        .set_answers(&mut dog, "name", change.clone())
        .expect("stored");
    assert!(
        session
            .page_view(&dog, "name")
            .expect("page")
            .from_my_details,
        "the family name is still from My details"
    );
    change.insert("F00000013".into(), Answer::Text("Changed".into()));
    session
        .set_answers(&mut dog, "name", change)
        .expect("stored");
    assert!(
        !session
            .page_view(&dog, "name")
            .expect("page")
            .from_my_details
    );
}

#[test]
fn an_invalid_or_unlisted_detail_is_not_filled_in() {
    let catalog = catalog();
    let session = Session::new(&catalog, &ids, "de", today());
    let mut details = Details::new();
    details.insert("F99000001".into(), "not a date".into());
    details.insert("F99000014".into(), "DE89370400440532013000".into());
    details.insert("F00000013".into(), "Muster".into());
    let mut dog = session.start("dog-tax-registration").expect("starts");
    assert_eq!(session.prefill(&mut dog, &details), 1);
    assert!(dog.answers().get("F99000001").is_none());
    assert!(dog.answers().get("F99000014").is_none());
}

#[test]
fn a_detail_is_checked_with_the_procedures_rules() {
    let catalog = catalog();
    let session = Session::new(&catalog, &ids, "de", today());
    assert_eq!(
        session.check_detail("G00000237.G00000113.F00000054", "34117"),
        None
    );
    assert_eq!(
        session.check_detail("G00000237.G00000113.F00000054", "341"),
        Some("validation-postcode".into())
    );
    assert!(session.check_detail("F99000001", "2999-01-01").is_some());
    assert_eq!(session.check_detail("F99000001", ""), None);
    assert!(
        session
            .check_detail("F99000014", "DE89370400440532013000")
            .is_some()
    );
}
