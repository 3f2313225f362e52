//! The JSON Schema generated from a definition accepts the engine's complete data and
//! rejects each kind of wrong data.

use amtsweg_procedure::{Answer, Draft, ProcedureError, Session, Submission};
use serde_json::{Value, json};

use crate::support::{answers, catalog, file, text, texts, today};

fn complete() -> (Draft, Submission) {
    let s = Session::new(catalog(), texts(), "de", today());
    let mut draft = s.start("every-kind").expect("draft");
    let pages = [
        (
            "texts",
            answers([
                ("F00000001", text("AB-123")),
                ("F00000002", text("zwei\nZeilen")),
            ]),
        ),
        (
            "numbers",
            answers([
                ("F00000003", text("7")),
                ("F00000004", text("2,25")),
                ("F00000005", text("234,5")),
            ]),
        ),
        (
            "dates",
            answers([
                ("F00000006", text("29.02.2024")),
                ("F00000008", text("2025-12-24")),
            ]),
        ),
        (
            "choices",
            answers([
                ("F00000009", text("ja")),
                ("F00000010", text("red")),
                ("F00000011", text("green")),
                ("F00000012", Answer::Choices(vec!["a".into(), "c".into()])),
            ]),
        ),
        (
            "contact",
            answers([
                ("F00000013", text("erika@example.org")),
                ("F00000015", text("01067")),
            ]),
        ),
        (
            "bank",
            answers([
                ("F00000016", text("DE89 3704 0044 0532 0130 00")),
                ("F00000017", text("86095742719")),
            ]),
        ),
        (
            "files",
            answers([("F00000018", file("scan.pdf", "application/pdf", 1000))]),
        ),
        (
            "people",
            answers([(
                "G00000001",
                Answer::Group(vec![
                    answers([
                        ("F00000021", text("Ada")),
                        ("F00000022", text("yes")),
                        ("F00000023", text("shown")),
                    ]),
                    answers([
                        ("F00000021", text("Bob")),
                        ("F00000022", text("no")),
                        ("F00000023", text("hidden, not sent")),
                    ]),
                ]),
            )]),
        ),
        (
            "nested",
            answers([(
                "G00000002",
                Answer::Group(vec![answers([(
                    "G00000003",
                    Answer::Group(vec![answers([])]),
                )])]),
            )]),
        ),
        ("extra", answers([("F00000025", text("extra"))])),
    ];
    for (page, given) in pages {
        s.set_answers(&mut draft, page, given).expect("stored");
    }
    let open = s.validate(&draft).expect("validates");
    assert!(open.is_empty(), "{open:#?}");
    let submission = s.submission(&draft).expect("complete and valid");
    (draft, submission)
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft202012::new(schema).expect("a valid 2020-12 schema")
}

#[test]
fn complete_data_is_typed_and_valid() {
    let (_, submission) = complete();
    let data = &submission.data;
    let expected = json!({
        "F00000001": "AB-123",
        "F00000002": "zwei\nZeilen",
        "F00000003": 7,
        "F00000004": 2.25,
        "F00000005": "234.50",
        "F00000006": "2024-02-29",
        "F00000008": "2025-12-24",
        "F00000009": true,
        "F00000010": "red",
        "F00000011": "green",
        "F00000012": ["a", "c"],
        "F00000013": "erika@example.org",
        "F00000015": "01067",
        "F00000016": "DE89370400440532013000",
        "F00000017": "86095742719",
        "F00000018": {"id": "vault-scan.pdf", "name": "scan.pdf", "mediaType": "application/pdf", "size": 1000},
        "F00000020": 14,
        "G00000001": [
            {"F00000021": "Ada", "F00000022": true, "F00000023": "shown"},
            {"F00000021": "Bob", "F00000022": false}
        ],
        "G00000002": {"G00000003": {}},
        "F00000025": "extra"
    });
    assert_eq!(data, &expected);
    assert_eq!(submission.leika, "urn:de:fim:leika:leistung:99000000000000");
    let errors: Vec<String> = validator(&submission.schema)
        .iter_errors(data)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn each_kind_of_wrong_data_is_rejected() {
    let (_, submission) = complete();
    let validator = validator(&submission.schema);
    let cases: Vec<(&str, Value)> = vec![
        ("missing required", json!({"F00000001": null})),
        ("wrong type", json!({"F00000003": "7"})),
        ("integer with a fraction", json!({"F00000003": 7.5})),
        ("above the maximum", json!({"F00000003": 21})),
        ("bad code", json!({"F00000010": "blue"})),
        ("bad code in a list", json!({"F00000012": ["a", "z"]})),
        ("duplicate choices", json!({"F00000012": ["a", "a"]})),
        ("money as a number", json!({"F00000005": 1234.5})),
        ("money with one decimal", json!({"F00000005": "1234.5"})),
        (
            "date in German notation",
            json!({"F00000006": "29.02.2024"}),
        ),
        ("postcode as a number", json!({"F00000015": 1067})),
        (
            "IBAN with spaces",
            json!({"F00000016": "DE89 3704 0044 0532 0130 00"}),
        ),
        (
            "file too large",
            json!({"F00000018": {"id": "v", "name": "a.pdf", "mediaType": "application/pdf", "size": 2_000_000}}),
        ),
        (
            "file of a wrong type",
            json!({"F00000018": {"id": "v", "name": "a.gif", "mediaType": "image/gif", "size": 10}}),
        ),
        (
            "too many group instances",
            json!({"G00000001": [{"F00000021": "a", "F00000022": true}, {"F00000021": "b", "F00000022": true}, {"F00000021": "c", "F00000022": true}, {"F00000021": "d", "F00000022": true}]}),
        ),
        (
            "missing required inside a group",
            json!({"G00000001": [{"F00000022": true}]}),
        ),
        ("unknown property", json!({"F99999999": "x"})),
        ("empty text", json!({"F00000001": ""})),
    ];
    for (what, change) in cases {
        let mut data = submission.data.clone();
        for (key, value) in change.as_object().expect("object") {
            if value.is_null() {
                data.as_object_mut().expect("object").remove(key);
            } else {
                data[key] = value.clone();
            }
        }
        assert!(
            !validator.is_valid(&data),
            "the schema accepts data with {what}: {data}"
        );
    }
}

#[test]
fn hidden_answers_are_kept_in_the_draft_but_not_submitted() {
    let (draft, submission) = complete();
    let Some(Answer::Group(people)) = draft.answers().get("G00000001") else {
        panic!()
    };
    assert_eq!(people[1].get("F00000023"), Some(&text("hidden, not sent")));
    assert_eq!(submission.data["G00000001"][1].get("F00000023"), None);
}

#[test]
fn an_incomplete_draft_cannot_be_submitted() {
    let s = Session::new(catalog(), texts(), "de", today());
    let draft = s.start("every-kind").expect("draft");
    let Err(ProcedureError::Incomplete { count }) = s.submission(&draft) else {
        panic!("incomplete")
    };
    let errors = s.validate(&draft).expect("errors");
    assert_eq!(count, errors.len());
    assert_eq!(errors[0].page_id, "texts");
    assert_eq!(
        errors[0].message,
        "Geben Sie „every-kind-F00000001-label“ an"
    );
}
