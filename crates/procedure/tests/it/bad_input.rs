//! Bad definitions and bad answers: each a clear error naming what is wrong, never a
//! panic.

use std::time::{Duration, Instant};

use amtsweg_procedure::{
    Answer, Catalog, Continue, Date, ErrorKind, ItemView, Procedure, ProcedureError, Session,
    TextArg,
};
use serde_json::{Value, json};

use crate::support::{answers, text};

/// A small valid definition to break in one place.
fn base() -> Value {
    json!({
        "format": 1, "id": "t", "version": "1.0.0",
        "leika": {"key": "urn:de:fim:leika:leistung:99000000000000", "verified": false, "source": "a test", "local": {"reason": "a test service"}},
        "title": "t-title",
        "start": {"summary": "t-s", "whoMayApply": "t-w", "duration": "t-d", "fees": "t-f", "legalBasis": "t-l"},
        "sections": [{"id": "s", "title": "t-s", "pages": [
            {"id": "one", "title": "t-one", "items": [
                {"kind": "integer", "id": "F00000001", "label": "t-1"},
                {"kind": "text", "id": "F00000002", "label": "t-2", "optional": true}
            ]},
            {"id": "two", "items": [
                {"kind": "group", "id": "G00000001", "label": "t-g", "max": 3, "items": [
                    {"kind": "yesNo", "id": "F00000003", "label": "t-3"}
                ]}
            ]}
        ]}],
        "codeLists": [{"id": "C00000001", "entries": [{"code": "a", "label": "t-a"}]}]
    })
}

fn load(value: &Value) -> Result<Procedure, ProcedureError> {
    Procedure::load(
        "procedures/t.json",
        &serde_json::to_vec_pretty(value).expect("JSON"),
    )
}

fn invalid(change: impl FnOnce(&mut Value)) -> (String, String) {
    let mut value = base();
    change(&mut value);
    match load(&value) {
        Err(ProcedureError::Invalid {
            file,
            path,
            problem,
        }) => {
            assert_eq!(file, "procedures/t.json");
            (path, problem)
        }
        other => panic!("expected a definition error, got {other:?}"),
    }
}

fn malformed(bytes: &[u8]) -> ProcedureError {
    let error = Procedure::load("procedures/t.json", bytes).expect_err("rejected");
    assert!(
        matches!(error, ProcedureError::Malformed { .. }),
        "{error:?}"
    );
    error
}

#[test]
fn the_base_definition_loads() {
    load(&base()).expect("valid");
}

#[test]
fn broken_json_names_line_and_column() {
    let error = malformed(b"{\n  \"format\": 1,\n  \"id\": \"t\",\n  \"version\": \n}");
    let ProcedureError::Malformed { line, column, .. } = &error else {
        unreachable!()
    };
    assert_eq!((*line, *column), (5, 1));
    assert!(
        error.to_string().starts_with("procedures/t.json: "),
        "{error}"
    );
}

#[test]
fn wrong_types_name_the_json_path() {
    let mut value = base();
    value["sections"][0]["pages"][0]["id"] = json!(7);
    let text = serde_json::to_vec_pretty(&value).expect("JSON");
    let error = malformed(&text);
    let ProcedureError::Malformed {
        path,
        line,
        message,
        ..
    } = &error
    else {
        unreachable!()
    };
    assert_eq!(path, "sections[0].pages[0].id");
    assert!(*line > 1);
    assert!(message.contains("invalid type: integer `7`"), "{message}");
    assert!(
        error.to_string().contains("sections[0].pages[0].id"),
        "{error}"
    );
}

#[test]
fn an_unknown_field_kind_or_property_is_named() {
    let mut value = base();
    value["sections"][0]["pages"][0]["items"][0]["kind"] = json!("colour");
    let error = malformed(&serde_json::to_vec(&value).expect("JSON")).to_string();
    assert!(
        error.contains("sections[0].pages[0].items[0]")
            && error.contains("unknown field kind `colour`, expected one of text, longText"),
        "{error}"
    );

    let mut value = base();
    value["sections"][0]["pages"][0]["items"][1]["optinal"] = json!(false);
    let error = malformed(&serde_json::to_vec(&value).expect("JSON")).to_string();
    assert!(error.contains("unknown field `optinal`"), "{error}");
}

#[test]
fn a_newer_format_is_refused_clearly() {
    let mut value = base();
    value["format"] = json!(2);
    let error = malformed(&serde_json::to_vec(&value).expect("JSON")).to_string();
    assert!(
        error.contains("format: ") && error.contains("format 2 is not understood"),
        "{error}"
    );
}

#[test]
fn an_unknown_rule_operator_is_a_load_error() {
    let mut value = base();
    value["sections"][0]["pages"][0]["items"][1]["visible"] =
        json!({"method": ["F00000001", "toString"]});
    let error = malformed(&serde_json::to_vec(&value).expect("JSON")).to_string();
    assert!(
        error.contains("sections[0].pages[0].items[1].visible: ")
            && error.contains("unknown rule operator `method`"),
        "{error}"
    );
}

#[test]
fn a_leika_key_without_its_source_is_refused() {
    let mut value = base();
    value["leika"]
        .as_object_mut()
        .expect("leika")
        .remove("source");
    let error = malformed(&serde_json::to_vec_pretty(&value).expect("JSON"));
    let ProcedureError::Malformed { path, message, .. } = &error else {
        unreachable!()
    };
    assert_eq!(path, "leika");
    assert!(message.contains("missing field `source`"), "{message}");

    let (path, problem) = invalid(|v| v["leika"]["source"] = json!("  "));
    assert_eq!(path, "leika.source");
    assert!(
        problem.contains("where the LeiKa key was found"),
        "{problem}"
    );
}

#[test]
fn a_local_leika_key_needs_its_reason_and_is_never_verified() {
    let mut value = base();
    value["leika"]["local"] = json!({});
    let error = malformed(&serde_json::to_vec_pretty(&value).expect("JSON"));
    let ProcedureError::Malformed { path, message, .. } = &error else {
        unreachable!()
    };
    assert_eq!(path, "leika.local");
    assert!(message.contains("missing field `reason`"), "{message}");

    let (path, problem) = invalid(|v| v["leika"]["local"]["reason"] = json!(""));
    assert_eq!(path, "leika.local.reason");
    assert!(problem.contains("why the key is local"), "{problem}");

    let (path, problem) = invalid(|v| v["leika"]["verified"] = json!(true));
    assert_eq!(path, "leika.verified");
    assert!(problem.contains("cannot be verified"), "{problem}");

    // A federal key (no `local`) may be verified.
    let mut value = base();
    value["leika"]
        .as_object_mut()
        .expect("leika")
        .remove("local");
    value["leika"]["verified"] = json!(true);
    load(&value).expect("a verified federal key loads");
}

#[test]
fn a_rule_naming_a_missing_field() {
    let (path, problem) = invalid(|v| {
        v["sections"][0]["pages"][0]["items"][1]["visible"] =
            json!({"==": [{"var": "F00000099"}, 1]})
    });
    assert_eq!(path, "sections[0].pages[0].items[1].visible");
    assert!(problem.contains("`F00000099` names no field"), "{problem}");
}

#[test]
fn a_rule_reading_a_later_page() {
    let (path, problem) = invalid(|v| {
        v["sections"][0]["pages"][0]["items"][1]["requiredIf"] =
            json!({"count": {"var": "G00000001"}})
    });
    assert_eq!(path, "sections[0].pages[0].items[1].requiredIf");
    assert!(problem.contains("later page"), "{problem}");
}

#[test]
fn a_rule_reading_inside_a_repeatable_group_from_outside() {
    let (path, problem) = invalid(|v| {
        v["sections"][0]["pages"].as_array_mut().expect("pages").push(json!(
            {"id": "three", "items": [{"kind": "text", "id": "F00000004", "label": "t-4", "visible": {"var": "G00000001.F00000003"}}]}
        ));
    });
    assert_eq!(path, "sections[0].pages[2].items[0].visible");
    assert!(problem.contains("use some/all/none or count"), "{problem}");
}

#[test]
fn a_cycle_of_calculated_values() {
    let (path, problem) = invalid(|v| {
        let items = v["sections"][0]["pages"][0]["items"]
            .as_array_mut()
            .expect("items");
        items.push(json!({"kind": "calculated", "id": "F00000010", "label": "t-10", "valueType": "integer", "rule": {"+": [{"var": "F00000011"}, 1]}}));
        items.push(json!({"kind": "calculated", "id": "F00000011", "label": "t-11", "valueType": "integer", "rule": {"+": [{"var": "F00000010"}, 1]}}));
    });
    assert!(path.starts_with("sections[0].pages[0].items["), "{path}");
    assert!(
        problem.contains("rules form a cycle: F00000010 → F00000011 → F00000010")
            || problem.contains("F00000011 → F00000010 → F00000011"),
        "{problem}"
    );
}

#[test]
fn a_cycle_through_visibility() {
    let (_, problem) = invalid(|v| {
        let items = v["sections"][0]["pages"][0]["items"]
            .as_array_mut()
            .expect("items");
        items[0]["visible"] = json!({"var": "F00000002"});
        items[1]["visible"] = json!({"var": "F00000001"});
    });
    assert!(problem.contains("rules form a cycle"), "{problem}");
}

#[test]
fn a_missing_code_list_attachment_or_branch_target() {
    let (path, problem) = invalid(|v| {
        v["sections"][0]["pages"][0]["items"][1] =
            json!({"kind": "select", "id": "F00000002", "label": "t-2", "codeList": "C00000009"})
    });
    assert_eq!(
        (path.as_str(), problem.as_str()),
        (
            "sections[0].pages[0].items[1].codeList",
            "no code list C00000009 in `codeLists`"
        )
    );
    let (path, problem) = invalid(|v| {
        v["sections"][0]["pages"][0]["items"][1] =
            json!({"kind": "file", "id": "F00000002", "label": "t-2", "attachment": "proof"})
    });
    assert_eq!(
        (path.as_str(), problem.as_str()),
        (
            "sections[0].pages[0].items[1].attachment",
            "no attachment `proof` in `attachments`"
        )
    );
    let (path, problem) =
        invalid(|v| v["sections"][0]["pages"][1]["next"] = json!([{"when": true, "goto": "one"}]));
    assert_eq!(path, "sections[0].pages[1].next[0].goto");
    assert!(problem.contains("branches only go forward"), "{problem}");
}

#[test]
fn duplicate_keys_foreign_message_ids_and_misnamed_files() {
    let (path, problem) =
        invalid(|v| v["sections"][0]["pages"][0]["items"][1]["id"] = json!("F00000001"));
    assert_eq!(path, "sections[0].pages[0].items[1].id");
    assert!(
        problem.contains("F00000001 is already used by sections[0].pages[0].items[0]"),
        "{problem}"
    );
    let (path, problem) = invalid(|v| v["title"] = json!("app-title"));
    assert_eq!(
        (path.as_str(), problem.as_str()),
        ("title", "message id `app-title` must start with `t-`")
    );
    let error = Procedure::load(
        "procedures/other.json",
        &serde_json::to_vec(&base()).expect("JSON"),
    )
    .expect_err("misnamed");
    assert!(
        error.to_string().contains("must be named t.json"),
        "{error}"
    );
    let (path, problem) =
        invalid(|v| v["sections"][0]["pages"][0]["items"][0]["requiredIf"] = json!(true));
    assert_eq!(path, "sections[0].pages[0].items[0].requiredIf");
    assert!(
        problem.contains("only an optional field can be required-if"),
        "{problem}"
    );
}

#[test]
fn a_bad_pattern_or_limit_is_a_load_error() {
    let (path, problem) =
        invalid(|v| v["sections"][0]["pages"][0]["items"][1]["pattern"] = json!("(unclosed"));
    assert_eq!(path, "sections[0].pages[0].items[1].pattern");
    assert!(problem.starts_with("not a valid pattern"), "{problem}");
    let (path, _) = invalid(|v| v["sections"][0]["pages"][1]["items"][0]["max"] = json!(1000));
    assert_eq!(path, "sections[0].pages[1].items[0].max");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let _ = Procedure::load("procedures/t.json", &bytes);
        }

        /// The valid definition with one byte changed: loads or is refused, never panics.
        #[test]
        fn one_byte_changed(position in 0usize..2000, byte in any::<u8>()) {
            let mut bytes = serde_json::to_vec(&base()).expect("JSON");
            let i = position % bytes.len();
            bytes[i] = byte;
            let _ = Procedure::load("procedures/t.json", &bytes);
        }
    }
}

fn plain(_: &str, id: &str, _: &[(&str, TextArg<'_>)]) -> String {
    id.to_owned()
}

fn today() -> Date {
    Date::new(2025, 6, 15).expect("date")
}

#[test]
fn markup_in_definition_texts_is_carried_as_text() {
    let texts = |_: &str, id: &str, _: &[(&str, TextArg<'_>)]| {
        if id == "t-1" {
            "<img src=x onerror=alert(1)>".to_owned()
        } else {
            id.to_owned()
        }
    };
    let catalog =
        Catalog::new(vec![load(&base()).expect("valid")], &texts, &["de"]).expect("catalog");
    let s = Session::new(&catalog, &texts, "de", today());
    let draft = s.start("t").expect("draft");
    let view = s.page_view(&draft, "one").expect("view");
    let json = serde_json::to_value(&view).expect("serializes");
    assert_eq!(json["items"][0]["label"], "<img src=x onerror=alert(1)>");
}

#[test]
fn a_ten_megabyte_paste_is_cut_and_said_too_long_beside_its_field() {
    let catalog =
        Catalog::new(vec![load(&base()).expect("valid")], &plain, &["de"]).expect("catalog");
    let s = Session::new(&catalog, &plain, "de", today());
    let mut draft = s.start("t").expect("draft");
    let huge = "a".repeat(10 * 1024 * 1024);
    let started = Instant::now();
    // Stored, but cut to the cap: the draft never holds the whole paste.
    s.set_answers(&mut draft, "one", answers([("F00000002", text(&huge))]))
        .expect("stored");
    let Some(Answer::Text(kept)) = draft.answers().get("F00000002") else {
        panic!("the answer is kept")
    };
    assert_eq!(kept.len(), amtsweg_procedure::MAX_ANSWER_BYTES);
    // "Continue" says what is wrong beside the field and in the error summary, as for
    // any answer over the field's limit, naming the limit (1 000 for a text field).
    let outcome = s
        .continue_(&mut draft, "one", answers([("F00000001", text("12"))]))
        .expect("no banner: a validation error");
    let Continue::Invalid(view) = outcome else {
        panic!("a paste of 10 MB is too long for any field")
    };
    assert_eq!(view.errors.len(), 1);
    assert_eq!(view.errors[0].key, "F00000002");
    let field = view
        .items
        .iter()
        .find_map(|i| match i {
            ItemView::Field(f) if f.field_id == "F00000002" => Some(f),
            _ => None,
        })
        .expect("the field");
    assert_eq!(
        field.error.as_ref().map(|e| e.kind),
        Some(ErrorKind::TooLong)
    );
    assert_eq!(field.max_length, Some(1000));
    // The page sent back holds the cut answer, not the paste.
    let sent = serde_json::to_string(&view).expect("JSON");
    assert!(
        sent.len() < 2 * amtsweg_procedure::MAX_ANSWER_BYTES,
        "{}",
        sent.len()
    );
    // Cut at a character boundary, inside a group too.
    let wide = "ä".repeat(40 * 1024);
    s.set_answers(
        &mut draft,
        "two",
        answers([(
            "G00000001",
            Answer::Group(vec![answers([("F00000003", text(&wide))])]),
        )]),
    )
    .expect("stored");
    let Some(Answer::Group(instances)) = draft.answers().get("G00000001") else {
        panic!("the group is kept")
    };
    let Some(Answer::Text(kept)) = instances[0].get("F00000003") else {
        panic!("the answer is kept")
    };
    assert!(
        kept.len() <= amtsweg_procedure::MAX_ANSWER_BYTES
            && kept.len() + 2 > amtsweg_procedure::MAX_ANSWER_BYTES
    );
    assert!(kept.chars().all(|c| c == 'ä'));
    // A huge answer that reached a draft some other way (an old vault record) is a
    // validation error, not a panic, and costs no more than reading it once.
    let mut json = serde_json::to_value(&draft).expect("draft JSON");
    json["answers"] = json!({"F00000002": {"text": huge}, "F00000001": {"text": "12"}});
    let smuggled: amtsweg_procedure::Draft = serde_json::from_value(json).expect("draft");
    let view = s.validated_page_view(&smuggled, "one").expect("view");
    assert_eq!(view.errors.len(), 1);
    assert_eq!(view.errors[0].key, "F00000002");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn answers_that_do_not_fit_are_refused_by_name() {
    let catalog =
        Catalog::new(vec![load(&base()).expect("valid")], &plain, &["de"]).expect("catalog");
    let s = Session::new(&catalog, &plain, "de", today());
    let mut draft = s.start("t").expect("draft");
    let cases = [
        (
            "one",
            answers([("F00000099", text("x"))]),
            "page `one` has no question `F00000099`",
        ),
        (
            "one",
            answers([("F00000003", text("x"))]),
            "page `one` has no question `F00000003`",
        ),
        (
            "one",
            answers([("F00000001", Answer::Choices(vec![]))]),
            "the answer to F00000001 does not fit its question: this field takes text",
        ),
        (
            "two",
            answers([("G00000001", text("x"))]),
            "the answer to G00000001 does not fit its question: a group takes a list of instances",
        ),
        (
            "nowhere",
            answers([]),
            "procedure `t` has no page `nowhere`",
        ),
    ];
    for (page, given, expected) in cases {
        let error = s.set_answers(&mut draft, page, given).expect_err("refused");
        assert_eq!(error.to_string(), expected);
    }
    let other = Session::new(&catalog, &plain, "de", today());
    assert_eq!(
        other.start("unknown").expect_err("unknown").code(),
        "procedure-error-unknown-procedure"
    );
}
