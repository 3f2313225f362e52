//! The bundled dog tax procedure, driven through the facade alone, as the shell does.

use amtsweg_procedure::{
    Answer, Continue, ErrorKind, ItemView, Position, ProcedureScreen, Session, SummaryItem,
};

use crate::support::{answers, catalog, dog_tax, file, text, texts, today};

fn session(locale: &'static str) -> Session<'static> {
    Session::new(catalog(), texts(), locale, today())
}

fn next(outcome: Continue) -> ProcedureScreen {
    match outcome {
        Continue::Next(screen) => screen,
        Continue::Invalid(view) => {
            panic!("unexpected errors on {}: {:#?}", view.page_id, view.errors)
        }
    }
}

fn page_id(screen: &ProcedureScreen) -> String {
    match screen {
        ProcedureScreen::Question(view) => view.page_id.clone(),
        ProcedureScreen::Exit(view) => format!("exit:{}", view.page_id),
        ProcedureScreen::CheckAnswers(_) => "check-answers".into(),
        ProcedureScreen::TaskList(_) => "task-list".into(),
        ProcedureScreen::Start(_) => "start".into(),
    }
}

fn dog(name: &str, breed: &str, acquired: &str, dangerous: &str) -> amtsweg_procedure::Answers {
    answers([
        ("F99000005", text(name)),
        ("F99000006", text(breed)),
        ("F99000007", text(acquired)),
        ("F99000008", text(dangerous)),
    ])
}

#[test]
fn every_text_of_the_procedure_exists_in_german_and_english() {
    let procedure = dog_tax();
    for locale in ["de", "en"] {
        let mut defined = std::collections::BTreeSet::new();
        for file in ["dog-tax-registration.ftl", "_validation.ftl"] {
            let path =
                crate::support::repo_root().join(format!("locales/{locale}/procedures/{file}"));
            let source = String::from_utf8(crate::support::read(&path)).expect("UTF-8");
            defined.extend(
                source
                    .lines()
                    .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_owned())),
            );
        }
        let missing: Vec<_> = procedure
            .message_ids()
            .into_iter()
            .filter(|id| !defined.contains(id.as_str()))
            .collect();
        assert!(missing.is_empty(), "{locale}: {missing:?}");
    }
    assert!(
        procedure.leika_verified() && procedure.leika_source().starts_with("PVOG"),
        "the LeiKa key is marked as found in the federal register"
    );
}

#[test]
fn from_the_first_page_to_valid_submission_data() {
    let s = session("en");
    let start = s.start_page("dog-tax-registration").expect("start page");
    assert_eq!(start.title, "Register a dog for dog tax");
    assert_eq!(start.what_you_need.len(), 3);

    let mut draft = s.start("dog-tax-registration").expect("draft");
    assert_eq!(
        draft.position(),
        &Position::Page {
            page_id: "name".into()
        }
    );
    let ProcedureScreen::Question(first) = s.screen(&draft).expect("screen") else {
        panic!("a question first")
    };
    assert_eq!(first.heading, "What is your name?");
    assert_eq!(first.step.text, "Step 1 of 8");
    assert_eq!(first.back_page_id, None);

    let screen = next(
        s.continue_(
            &mut draft,
            "name",
            answers([
                ("F00000045", text("Erika")),
                ("F00000013", text("Mustermann")),
            ]),
        )
        .expect("continue"),
    );
    assert_eq!(page_id(&screen), "date-of-birth");
    let ProcedureScreen::Question(dob) = &screen else {
        panic!()
    };
    assert!(dob.heading_is_label);
    assert_eq!(dob.heading, "What is your date of birth?");
    assert_eq!(dob.back_page_id.as_deref(), Some("name"));

    let screen = next(
        s.continue_(
            &mut draft,
            "date-of-birth",
            answers([("F99000001", text("27.03.1985"))]),
        )
        .expect("continue"),
    );
    assert_eq!(page_id(&screen), "address");
    let address = answers([(
        "G00000237",
        Answer::Group(vec![answers([
            (
                "G00000040",
                Answer::Group(vec![answers([
                    ("F00000053", text("Obere Königsstraße")),
                    ("F00000016", text("8")),
                ])]),
            ),
            (
                "G00000113",
                Answer::Group(vec![answers([
                    ("F00000054", text("34117")),
                    ("F00000035", text("Kassel")),
                ])]),
            ),
        ])]),
    )]);
    let screen = next(
        s.continue_(&mut draft, "address", address)
            .expect("continue"),
    );
    assert_eq!(page_id(&screen), "contact");
    let screen = next(
        s.continue_(&mut draft, "contact", answers([]))
            .expect("optional page"),
    );
    assert_eq!(page_id(&screen), "start-date");
    let screen = next(
        s.continue_(
            &mut draft,
            "start-date",
            answers([("F99000004", text("2025-07-01"))]),
        )
        .expect("continue"),
    );
    assert_eq!(page_id(&screen), "dogs");

    let dogs = answers([(
        "G99000001",
        Answer::Group(vec![
            dog("Bello", "mixed-breed", "2025-05-01", "no"),
            dog("Luna", "dachshund", "10.06.2025", "no"),
        ]),
    )]);
    let screen = next(s.continue_(&mut draft, "dogs", dogs).expect("continue"));
    // No dangerous dog: the permit and the insurance pages are skipped.
    assert_eq!(page_id(&screen), "fee");
    let ProcedureScreen::Question(fee) = &screen else {
        panic!()
    };
    assert_eq!(
        fee.step.text, "Step 7 of 8",
        "the permit and insurance pages are not counted"
    );
    let ItemView::Field(fee_field) = &fee.items[0] else {
        panic!()
    };
    assert_eq!(
        fee_field.display.as_deref(),
        Some("€252.00"),
        "96 + 156 for two dogs"
    );

    let screen = next(
        s.continue_(&mut draft, "fee", answers([]))
            .expect("continue"),
    );
    assert_eq!(page_id(&screen), "payment");
    let payment = answers([
        ("F99000012", text("yes")),
        ("F99000013", text("Erika Mustermann")),
        ("F99000014", text("DE89 3704 0044 0532 0130 00")),
    ]);
    let ProcedureScreen::CheckAnswers(summary) = next(
        s.continue_(&mut draft, "payment", payment)
            .expect("continue"),
    ) else {
        panic!("check your answers last")
    };
    assert!(summary.can_submit, "{:#?}", summary.errors);
    assert_eq!(summary.submit_label, "Submit application");
    assert_eq!(
        summary
            .sections
            .iter()
            .map(|s| s.section_id.as_str())
            .collect::<Vec<_>>(),
        ["keeper", "dogs", "payment"]
    );
    let rows = rows(&summary.sections[0].items);
    assert!(
        rows.iter()
            .any(|(label, value)| label == "What is your date of birth?"
                && value == &vec!["27 March 1985".to_owned()]),
        "{rows:?}"
    );
    assert!(rows.iter().any(
        |(label, value)| label == "Email address" && value == &vec!["Not provided".to_owned()]
    ));
    let payment_rows = rows_of(&summary.sections[2].items);
    assert!(
        payment_rows
            .iter()
            .any(|(l, v)| l == "IBAN" && v == &vec!["DE89 3704 0044 0532 0130 00".to_owned()]),
        "{payment_rows:?}"
    );

    let submission = s.submission(&draft).expect("complete");
    let data = &submission.data;
    assert_eq!(data["F00000013"], "Mustermann");
    assert_eq!(data["F99000001"], "1985-03-27");
    assert_eq!(data["G00000237"]["G00000113"]["F00000054"], "34117");
    assert_eq!(
        data["G99000001"][1]["F99000007"], "2025-06-10",
        "German date stored as ISO"
    );
    assert_eq!(data["G99000001"][1]["F99000008"], false);
    assert_eq!(data["F99000010"], "252.00");
    assert_eq!(data["F99000014"], "DE89370400440532013000");
    assert!(
        data.get("F99000002").is_none(),
        "unanswered optional left out"
    );
    assert!(
        data.get("F99000011").is_none(),
        "read-only text is not data"
    );
    let validator = jsonschema::draft202012::new(&submission.schema).expect("valid schema");
    let errors: Vec<String> = validator.iter_errors(data).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

fn rows_of(items: &[SummaryItem]) -> Vec<(String, Vec<String>)> {
    rows(items)
}

fn rows(items: &[SummaryItem]) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for item in items {
        match item {
            SummaryItem::Row(row) => out.push((row.label.clone(), row.value.clone())),
            SummaryItem::Group { instances, .. } => {
                for instance in instances {
                    out.extend(rows(&instance.items));
                }
            }
        }
    }
    out
}

#[test]
fn a_dangerous_dog_without_permit_ends_at_the_exit_page_and_back_returns() {
    let s = session("de");
    let mut draft = s.start("dog-tax-registration").expect("draft");
    s.set_answers(
        &mut draft,
        "start-date",
        answers([("F99000004", text("01.07.2025"))]),
    )
    .expect("stored");
    let dogs = answers([(
        "G99000001",
        Answer::Group(vec![dog("Rex", "pit-bull-terrier", "2025-05-01", "ja")]),
    )]);
    s.go_to(&mut draft, "dogs").expect("page on the route");
    let screen = next(s.continue_(&mut draft, "dogs", dogs).expect("continue"));
    assert_eq!(page_id(&screen), "dangerous-dog-permit");
    let screen = next(
        s.continue_(
            &mut draft,
            "dangerous-dog-permit",
            answers([("F99000009", text("nein"))]),
        )
        .expect("continue"),
    );
    let ProcedureScreen::Exit(exit) = &screen else {
        panic!("exit page, got {screen:?}")
    };
    assert_eq!(
        exit.title,
        "Sie können den gefährlichen Hund noch nicht online anmelden"
    );
    assert_eq!(exit.back_page_id.as_deref(), Some("dangerous-dog-permit"));
    assert_eq!(
        s.submission(&draft),
        Err(amtsweg_procedure::ProcedureError::Exited(
            "dangerous-dog-permit-needed".into()
        ))
    );
    // Back keeps the answer the citizen gave.
    let ProcedureScreen::Question(permit) = s.back(&mut draft).expect("back") else {
        panic!()
    };
    let ItemView::Field(field) = &permit.items[0] else {
        panic!()
    };
    assert_eq!(field.answer, Some(text("nein")));
    // With a permit, the insurance proof becomes required.
    next(
        s.continue_(
            &mut draft,
            "dangerous-dog-permit",
            answers([("F99000009", text("ja"))]),
        )
        .expect("continue"),
    );
    let Continue::Invalid(view) = s
        .continue_(&mut draft, "insurance", answers([]))
        .expect("continue")
    else {
        panic!("proof required for a dangerous dog")
    };
    assert_eq!(view.errors.len(), 1);
    assert_eq!(
        view.errors[0].message,
        "Laden Sie „Nachweis der Haftpflichtversicherung“ hoch"
    );
    let Continue::Invalid(view) = s
        .continue_(
            &mut draft,
            "insurance",
            answers([(
                "F00000600",
                file("police.exe", "application/x-msdownload", 10),
            )]),
        )
        .expect("continue")
    else {
        panic!("wrong type refused")
    };
    assert_eq!(view.items.len(), 1);
    let ItemView::Field(proof) = &view.items[0] else {
        panic!()
    };
    assert_eq!(
        proof.error.as_ref().map(|e| e.kind),
        Some(ErrorKind::FileType)
    );
    assert_eq!(proof.accept, ["application/pdf", "image/jpeg", "image/png"]);
    let screen = next(
        s.continue_(
            &mut draft,
            "insurance",
            answers([("F00000600", file("police.pdf", "application/pdf", 200_000))]),
        )
        .expect("continue"),
    );
    assert_eq!(page_id(&screen), "fee");
}

#[test]
fn a_listed_breed_must_be_marked_dangerous_and_dates_must_fit() {
    let s = session("en");
    let mut draft = s.start("dog-tax-registration").expect("draft");
    s.set_answers(
        &mut draft,
        "start-date",
        answers([("F99000004", text("2025-07-01"))]),
    )
    .expect("stored");
    let dogs = answers([(
        "G99000001",
        Answer::Group(vec![dog("Rex", "bullterrier", "2025-08-01", "no")]),
    )]);
    let Continue::Invalid(view) = s.continue_(&mut draft, "dogs", dogs).expect("continue") else {
        panic!("errors expected")
    };
    let messages: Vec<&str> = view.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "“When did you get this dog?” must be on or before 15 June 2025",
            "This breed counts as a dangerous dog. Choose \"Yes\"",
        ]
    );
    assert_eq!(view.errors[0].key, "G99000001.0.F99000007");
    // The raw input is never cleared or rewritten.
    let ItemView::Group(group) = &view.items[0] else {
        panic!()
    };
    let ItemView::Field(acquired) = &group.instances[0].items[2] else {
        panic!()
    };
    assert_eq!(acquired.answer, Some(text("2025-08-01")));
    assert_eq!(group.instances[0].label.as_deref(), Some("Dog 1"));
    assert!(group.can_add);
    assert!(!group.instances[0].can_remove, "at least one dog");
}

#[test]
fn direct_debit_makes_the_iban_required() {
    let s = session("en");
    let mut draft = s.start("dog-tax-registration").expect("draft");
    let view = s.page_view(&draft, "payment").expect("page");
    // Not asked before direct debit is chosen.
    assert_eq!(view.items.len(), 1);
    let Continue::Invalid(view) = s
        .continue_(&mut draft, "payment", answers([("F99000012", text("yes"))]))
        .expect("continue")
    else {
        panic!()
    };
    assert_eq!(
        view.errors
            .iter()
            .map(|e| e.key.as_str())
            .collect::<Vec<_>>(),
        ["F99000013", "F99000014"]
    );
    let ItemView::Field(iban) = &view.items[2] else {
        panic!()
    };
    assert_eq!(iban.optional_marker, None);
    let Continue::Invalid(view) = s
        .continue_(
            &mut draft,
            "payment",
            answers([
                ("F99000013", text("E. M.")),
                ("F99000014", text("DE89 3704 0044 0532 0130 01")),
            ]),
        )
        .expect("continue")
    else {
        panic!()
    };
    assert_eq!(
        view.errors[0].message,
        "This IBAN is not valid. Check each character, for example against your bank card or statement"
    );
}

#[test]
fn the_summary_change_link_returns_to_check_your_answers() {
    let s = session("en");
    let mut draft = complete_draft(&s);
    assert!(matches!(s.check_answers(&mut draft), Ok(summary) if summary.can_submit));
    let ProcedureScreen::Question(view) = s.go_to(&mut draft, "name").expect("change") else {
        panic!()
    };
    assert_eq!(view.page_id, "name");
    let screen = next(
        s.continue_(
            &mut draft,
            "name",
            answers([("F00000045", text("Erika Maria"))]),
        )
        .expect("continue"),
    );
    assert_eq!(page_id(&screen), "check-answers");
    // Adding a dangerous dog from the summary leads through the new page first.
    s.go_to(&mut draft, "dogs").expect("change");
    let dogs = answers([(
        "G99000001",
        Answer::Group(vec![dog("Rex", "pit-bull-terrier", "2025-05-01", "yes")]),
    )]);
    let screen = next(s.continue_(&mut draft, "dogs", dogs).expect("continue"));
    assert_eq!(page_id(&screen), "dangerous-dog-permit");
}

pub fn complete_draft(s: &Session<'_>) -> amtsweg_procedure::Draft {
    let mut draft = s.start("dog-tax-registration").expect("draft");
    let pages = [
        (
            "name",
            answers([
                ("F00000045", text("Erika")),
                ("F00000013", text("Mustermann")),
            ]),
        ),
        (
            "date-of-birth",
            answers([("F99000001", text("1985-03-27"))]),
        ),
        (
            "address",
            answers([(
                "G00000237",
                Answer::Group(vec![answers([
                    (
                        "G00000040",
                        Answer::Group(vec![answers([
                            ("F00000053", text("Hauptstraße")),
                            ("F00000016", text("1")),
                        ])]),
                    ),
                    (
                        "G00000113",
                        Answer::Group(vec![answers([
                            ("F00000054", text("01067")),
                            ("F00000035", text("Dresden")),
                        ])]),
                    ),
                ])]),
            )]),
        ),
        ("contact", answers([])),
        ("start-date", answers([("F99000004", text("2025-07-01"))])),
        (
            "dogs",
            answers([(
                "G99000001",
                Answer::Group(vec![dog("Bello", "mixed-breed", "2025-05-01", "no")]),
            )]),
        ),
        ("fee", answers([])),
        ("payment", answers([("F99000012", text("no"))])),
    ];
    for (page, page_answers) in pages {
        next(
            s.continue_(&mut draft, page, page_answers)
                .expect("continue"),
        );
    }
    draft
}

#[test]
fn postcode_keeps_its_leading_zero_and_the_fee_follows_the_number_of_dogs() {
    let s = session("de");
    let draft = complete_draft(&s);
    let submission = s.submission(&draft).expect("complete");
    assert_eq!(
        submission.data["G00000237"]["G00000113"]["F00000054"],
        "01067"
    );
    assert_eq!(submission.data["F99000010"], "96.00");
    let summary = s.summary(&draft).expect("summary");
    let fee = rows(&summary.sections[2].items);
    assert!(
        fee.iter()
            .any(|(l, v)| l == "Hundesteuer im Jahr" && v == &vec!["96,00 €".to_owned()]),
        "{fee:?}"
    );
}

#[test]
fn the_draft_round_trips_through_json_as_the_vault_stores_it() {
    let s = session("de");
    let draft = complete_draft(&s);
    let json = serde_json::to_string(&draft).expect("serializes");
    let back: amtsweg_procedure::Draft = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(back, draft);
    assert_eq!(back.procedure_version(), "1.0.0");
}

/// Every row of `items`, instances' rows included: (key, value, "Change" focus).
fn row_keys(items: &[SummaryItem]) -> Vec<(String, Vec<String>, Option<String>)> {
    let mut out = Vec::new();
    for item in items {
        match item {
            SummaryItem::Row(row) => {
                out.push((row.key.clone(), row.value.clone(), row.change_focus.clone()))
            }
            SummaryItem::Group { instances, .. } => {
                for instance in instances {
                    out.extend(row_keys(&instance.items));
                }
            }
        }
    }
    out
}

#[test]
fn check_your_answers_shows_the_address_as_one_row_and_each_dog_as_one_block() {
    let s = session("en");
    let mut draft = complete_draft(&s);
    let summary = s.check_answers(&mut draft).expect("summary");
    let keeper = row_keys(&summary.sections[0].items);
    let street = "G00000237.0.G00000040.0.F00000053";
    assert!(
        keeper.contains(&(
            "G00000237".to_owned(),
            vec!["Hauptstraße 1".to_owned(), "01067 Dresden".to_owned()],
            Some(street.to_owned()),
        )),
        "the address is one row, on its lines, and Change focuses the street: {keeper:?}"
    );
    assert!(
        keeper
            .iter()
            .all(|(key, ..)| !key.starts_with("G00000237.")),
        "no row per address field: {keeper:?}"
    );
    let SummaryItem::Row(address) = summary.sections[0]
        .items
        .iter()
        .find(|i| matches!(i, SummaryItem::Row(r) if r.key == "G00000237"))
        .expect("address row")
    else {
        panic!()
    };
    assert_eq!(address.label, "What is your address?");
    assert_eq!(address.change_page_id.as_deref(), Some("address"));
    assert!(!address.not_provided);

    let dogs = summary.sections[1]
        .items
        .iter()
        .find_map(|i| match i {
            SummaryItem::Group { key, instances, .. } if key == "G99000001" => Some(instances),
            _ => None,
        })
        .expect("dogs");
    assert_eq!(
        dogs.iter()
            .map(|d| (d.label.as_str(), d.change_focus.as_deref()))
            .collect::<Vec<_>>(),
        [("Dog 1", Some("G99000001.0.F99000005"))],
        "each dog one block whose Change focuses its name"
    );

    // The printout keeps every answer on its own row, the address's too.
    let full = s.summary(&draft).expect("printout summary");
    let keeper = row_keys(&full.sections[0].items);
    assert!(
        keeper
            .iter()
            .any(|(key, value, _)| key == street && value == &vec!["Hauptstraße".to_owned()]),
        "{keeper:?}"
    );
    assert!(keeper.iter().all(|(key, ..)| key != "G00000237"));
}
