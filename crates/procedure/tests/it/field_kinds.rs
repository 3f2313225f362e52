//! Every field kind with valid and invalid answers, through the facade, using the
//! test-only definition `tests/fixtures/every-kind.json`.

use amtsweg_procedure::{
    Answer, Answers, Continue, ErrorKind, FieldView, ItemView, PageView, ProcedureScreen,
    SectionStatus, Session,
};

use crate::support::{answers, catalog, file, text, texts, today};

fn session() -> Session<'static> {
    Session::new(catalog(), texts(), "en", today())
}

fn fields(items: &[ItemView]) -> Vec<&FieldView> {
    let mut out = Vec::new();
    for item in items {
        match item {
            ItemView::Field(f) => out.push(f),
            ItemView::Group(g) => {
                for instance in &g.instances {
                    out.extend(fields(&instance.items));
                }
            }
        }
    }
    out
}

fn validated(page: &str, given: Answers) -> PageView {
    let s = session();
    let mut draft = s.start("every-kind").expect("draft");
    s.set_answers(&mut draft, page, given).expect("stored");
    s.validated_page_view(&draft, page).expect("view")
}

/// The error kind of field `key` on `page` when it alone is answered with `raw`.
fn error_of(page: &str, key: &str, answer: Answer) -> Option<ErrorKind> {
    let view = validated(page, answers([(key, answer)]));
    let field = fields(&view.items)
        .into_iter()
        .find(|f| f.key == key)
        .unwrap_or_else(|| panic!("{key} on {page}"));
    field.error.as_ref().map(|e| e.kind)
}

fn assert_kinds(page: &str, key: &str, cases: &[(&str, Option<ErrorKind>)]) {
    for (raw, expected) in cases {
        assert_eq!(error_of(page, key, text(raw)), *expected, "{key} = {raw:?}");
    }
}

#[test]
fn text_with_pattern_and_long_text_with_limit() {
    assert_kinds(
        "texts",
        "F00000001",
        &[
            ("AB-123", None),
            ("  AB-123 ", None),
            ("ab-123", Some(ErrorKind::Pattern)),
            ("", Some(ErrorKind::Required)),
            ("   ", Some(ErrorKind::Required)),
            (&"x".repeat(1_001), Some(ErrorKind::TooLong)),
        ],
    );
    assert_kinds(
        "texts",
        "F00000002",
        &[
            ("", None),
            (&"ä".repeat(50), None),
            (&"ä".repeat(51), Some(ErrorKind::TooLong)),
        ],
    );
    // The field overrides the pattern message.
    let view = validated("texts", answers([("F00000001", text("nope"))]));
    assert_eq!(view.errors[0].message, "every-kind-F00000001-pattern");
}

#[test]
fn numbers_and_money() {
    assert_kinds(
        "numbers",
        "F00000003",
        &[
            ("7", None),
            (" 20 ", None),
            ("0", None),
            ("21", Some(ErrorKind::TooLarge)),
            ("-1", Some(ErrorKind::TooSmall)),
            ("7,5", Some(ErrorKind::Integer)),
            ("seven", Some(ErrorKind::Integer)),
        ],
    );
    assert_kinds(
        "numbers",
        "F00000004",
        &[
            ("12,5", None),
            ("12.25", None),
            ("1.234,5", None),
            ("0,4", Some(ErrorKind::TooSmall)),
            ("1,234", Some(ErrorKind::TooManyDecimals)),
            ("1,2,3", Some(ErrorKind::Decimal)),
        ],
    );
    assert_kinds(
        "numbers",
        "F00000005",
        &[
            ("999,99", None),
            ("12,50 €", None),
            ("1.234,56", Some(ErrorKind::TooLarge)),
            ("1000", None),
            ("1000,01", Some(ErrorKind::TooLarge)),
            ("12,505", Some(ErrorKind::TooManyDecimals)),
            ("zwölf", Some(ErrorKind::Money)),
        ],
    );
    let view = validated("numbers", answers([("F00000005", text("1000,01"))]));
    let money = view
        .errors
        .iter()
        .find(|e| e.key == "F00000005")
        .expect("money error");
    assert_eq!(
        money.message,
        "“every-kind-F00000005-label” must be €1,000.00 or less"
    );
}

#[test]
fn dates_in_both_notations_with_limits_relative_to_today() {
    // today() is 15 June 2025.
    assert_kinds(
        "dates",
        "F00000006",
        &[
            ("29.02.2024", None),
            ("2024-02-29", None),
            ("29.02.2023", Some(ErrorKind::DateNotReal)),
            ("2023-02-29", Some(ErrorKind::DateNotReal)),
            ("29.02.23", Some(ErrorKind::DateYear)),
            ("next week", Some(ErrorKind::Date)),
        ],
    );
    assert_kinds(
        "dates",
        "F00000007",
        &[
            ("14.06.2025", None),
            ("15.06.2025", Some(ErrorKind::DateTooLate)),
        ],
    );
    assert_kinds(
        "dates",
        "F00000008",
        &[
            ("15.06.2025", None),
            ("14.06.2025", Some(ErrorKind::DateTooEarly)),
            ("31.12.2030", None),
            ("01.01.2031", Some(ErrorKind::DateTooLate)),
        ],
    );
    let view = validated("dates", answers([("F00000007", text("2025-06-20"))]));
    let message = &fields(&view.items)[1]
        .error
        .as_ref()
        .expect("error")
        .message;
    assert_eq!(
        message,
        "“every-kind-F00000007-label” must be on or before 14 June 2025"
    );
}

#[test]
fn yes_no_select_radio_and_multiple_choice() {
    assert_kinds(
        "choices",
        "F00000009",
        &[
            ("yes", None),
            ("Nein", None),
            ("maybe", Some(ErrorKind::YesNo)),
            ("", Some(ErrorKind::Required)),
        ],
    );
    assert_kinds(
        "choices",
        "F00000010",
        &[
            ("red", None),
            ("blue", Some(ErrorKind::Option)),
            ("", Some(ErrorKind::Required)),
        ],
    );
    assert_kinds(
        "choices",
        "F00000011",
        &[("green", None), ("RED", Some(ErrorKind::Option))],
    );
    let choices = |codes: &[&str]| Answer::Choices(codes.iter().map(|c| (*c).to_owned()).collect());
    assert_eq!(error_of("choices", "F00000012", choices(&["a", "c"])), None);
    assert_eq!(
        error_of("choices", "F00000012", choices(&[])),
        None,
        "optional"
    );
    assert_eq!(
        error_of("choices", "F00000012", choices(&["a", "b", "c"])),
        Some(ErrorKind::TooManyChoices)
    );
    assert_eq!(
        error_of("choices", "F00000012", choices(&["z"])),
        Some(ErrorKind::Option)
    );
    // Select and yes/no say "Select", not "Enter", when unanswered.
    let view = validated("choices", answers([]));
    assert_eq!(
        view.errors[0].message,
        "Select an answer for “every-kind-F00000009-label”"
    );
    let f = fields(&view.items);
    assert_eq!(
        f[0].options
            .iter()
            .map(|o| o.label.as_str())
            .collect::<Vec<_>>(),
        ["Yes", "No"]
    );
    assert_eq!(
        f[1].options
            .iter()
            .map(|o| o.code.as_str())
            .collect::<Vec<_>>(),
        ["red", "green", "stop"]
    );
}

#[test]
fn email_phone_postcode() {
    assert_kinds(
        "contact",
        "F00000013",
        &[
            ("erika@example.org", None),
            ("erika@example", Some(ErrorKind::Email)),
            ("erika example.org", Some(ErrorKind::Email)),
        ],
    );
    assert_kinds(
        "contact",
        "F00000014",
        &[
            ("+49 561 787-0", None),
            ("0561/7870", None),
            ("12", Some(ErrorKind::Phone)),
            ("call", Some(ErrorKind::Phone)),
        ],
    );
    assert_kinds(
        "contact",
        "F00000015",
        &[
            ("01067", None),
            ("34 117", None),
            ("1067", Some(ErrorKind::Postcode)),
            ("340117", Some(ErrorKind::Postcode)),
            ("D-3411", Some(ErrorKind::Postcode)),
        ],
    );
}

#[test]
fn iban_and_tax_id() {
    assert_kinds(
        "bank",
        "F00000016",
        &[
            ("DE89 3704 0044 0532 0130 00", None),
            ("DE89370400440532013000", None),
            ("de89 3704 0044 0532 0130 00", None),
            ("DE89 3704 0044 0532 0130 01", Some(ErrorKind::IbanChecksum)),
            ("DE88 3704 0044 0532 0130 00", Some(ErrorKind::IbanChecksum)),
            ("DE89 3704 0044 0532 0130 0", Some(ErrorKind::IbanLength)),
            ("3704 0044 0532 0130 00", Some(ErrorKind::IbanFormat)),
        ],
    );
    assert_kinds(
        "bank",
        "F00000017",
        &[
            ("86095742719", None),
            ("86 095 742 719", None),
            ("86095742710", Some(ErrorKind::TaxIdChecksum)),
            ("12345678901", Some(ErrorKind::TaxIdDigits)),
            ("1234567890", Some(ErrorKind::TaxIdFormat)),
        ],
    );
    let view = validated(
        "bank",
        answers([("F00000016", text("DE89 3704 0044 0532 0130"))]),
    );
    assert_eq!(
        view.errors[0].message,
        "An IBAN from DE has 22 characters. Check for missing or extra characters"
    );
}

#[test]
fn file_read_only_and_calculated() {
    assert_eq!(
        error_of(
            "files",
            "F00000018",
            file("scan.pdf", "application/pdf", 1_048_576)
        ),
        None
    );
    assert_eq!(
        error_of(
            "files",
            "F00000018",
            file("scan.pdf", "application/pdf", 1_048_577)
        ),
        Some(ErrorKind::FileSize)
    );
    assert_eq!(
        error_of("files", "F00000018", file("scan.gif", "image/gif", 10)),
        Some(ErrorKind::FileType)
    );
    assert_eq!(
        error_of(
            "files",
            "F00000018",
            file("../../etc/passwd", "application/pdf", 10)
        ),
        Some(ErrorKind::AnswerShape)
    );
    let s = session();
    let mut draft = s.start("every-kind").expect("draft");
    s.set_answers(&mut draft, "numbers", answers([("F00000003", text("7"))]))
        .expect("stored");
    let view = s.validated_page_view(&draft, "files").expect("view");
    let f = fields(&view.items);
    assert_eq!(f[0].accept, ["application/pdf", "image/png"]);
    assert_eq!(f[0].max_bytes, Some(1_048_576));
    assert_eq!(f[1].display.as_deref(), Some("every-kind-F00000019-text"));
    assert_eq!(f[1].error, None);
    assert_eq!(
        f[2].display.as_deref(),
        Some("14"),
        "calculated from F00000003"
    );
    let message = &view.errors[0].message;
    assert_eq!(message, "Upload “every-kind-F00000018-label”");
    // Neither read-only nor calculated fields take answers.
    let refused = s.set_answers(&mut draft, "files", answers([("F00000020", text("99"))]));
    assert!(
        matches!(
            refused,
            Err(amtsweg_procedure::ProcedureError::AnswerShape { .. })
        ),
        "{refused:?}"
    );
}

#[test]
fn repeatable_group_with_visibility_per_instance() {
    let s = session();
    let mut draft = s.start("every-kind").expect("draft");
    // An empty optional repeatable group shows one blank instance to start from.
    let view = s.page_view(&draft, "people").expect("view");
    let ItemView::Group(group) = &view.items[0] else {
        panic!()
    };
    assert_eq!(group.instances.len(), 1);
    assert_eq!(
        fields(&view.items).len(),
        2,
        "F00000023 hidden until F00000022 is yes"
    );
    let people = Answer::Group(vec![
        answers([("F00000021", text("Ada")), ("F00000022", text("yes"))]),
        answers([
            ("F00000021", text("Bob")),
            ("F00000022", text("no")),
            ("F00000023", text("kept")),
        ]),
    ]);
    s.set_answers(&mut draft, "people", answers([("G00000001", people)]))
        .expect("stored");
    let view = s.validated_page_view(&draft, "people").expect("view");
    let keys: Vec<&str> = fields(&view.items).iter().map(|f| f.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "G00000001.0.F00000021",
            "G00000001.0.F00000022",
            "G00000001.0.F00000023",
            "G00000001.1.F00000021",
            "G00000001.1.F00000022"
        ]
    );
    assert_eq!(
        view.errors
            .iter()
            .map(|e| e.key.as_str())
            .collect::<Vec<_>>(),
        ["G00000001.0.F00000023"]
    );
    let ItemView::Group(group) = &view.items[0] else {
        panic!()
    };
    assert!(group.can_add && group.instances[1].can_remove);
    // F00000022 shows or hides F00000023 on this very page, so the UI must show the
    // page again when it changes; the others change nothing else on the page.
    let updates: Vec<(&str, bool)> = fields(&view.items)
        .iter()
        .map(|f| (f.key.as_str(), f.updates_page))
        .collect();
    assert_eq!(
        updates,
        [
            ("G00000001.0.F00000021", false),
            ("G00000001.0.F00000022", true),
            ("G00000001.0.F00000023", false),
            ("G00000001.1.F00000021", false),
            ("G00000001.1.F00000022", true)
        ]
    );
    // F00000009 decides whether a later section is shown, not anything on its own page.
    let choices = s.page_view(&draft, "choices").expect("view");
    let f9 = fields(&choices.items)
        .into_iter()
        .find(|f| f.key == "F00000009")
        .expect("F00000009 on the choices page");
    assert!(!f9.updates_page);
    // The hidden answer of the second person is kept in the draft, not lost.
    let Some(Answer::Group(stored)) = draft.answers().get("G00000001") else {
        panic!()
    };
    assert_eq!(stored[1].get("F00000023"), Some(&text("kept")));
    // Too many instances are refused before they are stored.
    let four = Answer::Group(vec![answers([("F00000021", text("x"))]); 4]);
    assert!(
        s.set_answers(&mut draft, "people", answers([("G00000001", four)]))
            .is_err()
    );
}

#[test]
fn task_list_statuses_and_section_visibility() {
    let s = session();
    let mut draft = s.start("every-kind").expect("draft");
    assert!(matches!(s.screen(&draft), Ok(ProcedureScreen::TaskList(_))));
    let list = s.task_list(&draft).expect("task list");
    let statuses: Vec<(&str, SectionStatus)> = list
        .sections
        .iter()
        .map(|s| (s.section_id.as_str(), s.status))
        .collect();
    assert_eq!(
        statuses,
        [
            ("basics", SectionStatus::NotStarted),
            ("contact", SectionStatus::CannotStartYet)
        ],
        "extra is hidden"
    );
    assert_eq!(list.sections[1].first_page_id, None);
    assert_eq!(list.sections[1].status_text, "Cannot start yet");

    s.go_to(&mut draft, "texts").expect("open section");
    let Continue::Next(ProcedureScreen::Question(next)) = s
        .continue_(
            &mut draft,
            "texts",
            answers([("F00000001", text("AB-123"))]),
        )
        .expect("continue")
    else {
        panic!()
    };
    assert_eq!(next.page_id, "numbers");
    let list = s.task_list(&draft).expect("task list");
    assert_eq!(list.sections[0].status, SectionStatus::InProgress);
    for (page, given) in [
        ("numbers", answers([("F00000003", text("3"))])),
        ("dates", answers([("F00000006", text("01.01.2020"))])),
        (
            "choices",
            answers([
                ("F00000009", text("yes")),
                ("F00000010", text("red")),
                ("F00000011", text("green")),
            ]),
        ),
    ] {
        s.continue_(&mut draft, page, given).expect("continue");
    }
    // The last page of a section returns to the task list.
    assert!(matches!(s.screen(&draft), Ok(ProcedureScreen::TaskList(_))));
    let list = s.task_list(&draft).expect("task list");
    let statuses: Vec<(&str, SectionStatus)> = list
        .sections
        .iter()
        .map(|s| (s.section_id.as_str(), s.status))
        .collect();
    assert_eq!(
        statuses,
        [
            ("basics", SectionStatus::Completed),
            ("contact", SectionStatus::NotStarted),
            ("extra", SectionStatus::NotStarted)
        ],
        "yes to F00000009 shows the extra section"
    );
    assert_eq!(
        (list.completed, list.total, list.can_check_answers),
        (1, 3, false)
    );
}

#[test]
fn a_branch_to_an_exit_page() {
    let s = session();
    let mut draft = s.start("every-kind").expect("draft");
    let given = answers([
        ("F00000009", text("no")),
        ("F00000010", text("stop")),
        ("F00000011", text("red")),
    ]);
    let Continue::Next(ProcedureScreen::Exit(exit)) =
        s.continue_(&mut draft, "choices", given).expect("continue")
    else {
        panic!("exit expected")
    };
    assert_eq!(exit.page_id, "stopped");
    assert_eq!(exit.back_page_id.as_deref(), Some("choices"));
}

#[test]
fn markup_in_answers_stays_text() {
    let s = session();
    let mut draft = s.start("every-kind").expect("draft");
    let script = "<img src=x onerror=alert(1)>";
    s.set_answers(&mut draft, "texts", answers([("F00000002", text(script))]))
        .expect("stored");
    let view = s.page_view(&draft, "texts").expect("view");
    assert_eq!(fields(&view.items)[1].answer, Some(text(script)));
    let summary = s.summary(&draft).expect("summary");
    let json = serde_json::to_string(&summary).expect("serializes");
    assert!(
        json.contains(r#""value":["<img src=x onerror=alert(1)>"]"#),
        "carried verbatim as a string: {json}"
    );
}
