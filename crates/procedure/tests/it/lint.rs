//! The inspection API the catalog checker builds on: where messages are used and with
//! which variables, which pages no route reaches, which exits no branch uses.

use amtsweg_procedure::{ErrorKind, Procedure, ProcedureError};
use serde_json::{Value, json};

use crate::support::{dog_tax, every_kind};

/// Three pages in two sections, an exit, and a field with every kind of message use.
fn base() -> Value {
    json!({
        "format": 1, "id": "t", "version": "1.0.0",
        "leika": {"key": "urn:de:fim:leika:leistung:99000000000000", "verified": false, "source": "a test", "local": {"reason": "not a real service"}},
        "title": "t-title",
        "start": {"summary": "t-s", "whoMayApply": "t-w", "whatYouNeed": ["t-need"],
                  "duration": "t-d", "fees": "t-f", "legalBasis": "t-l"},
        "sections": [
            {"id": "s1", "title": "t-s1", "pages": [
                {"id": "one", "title": "t-one", "items": [
                    {"kind": "yesNo", "id": "F00000001", "label": "t-1"},
                    {"kind": "text", "id": "F00000002", "label": "t-2", "optional": true,
                     "messages": {"too-long": "t-2-long"},
                     "checks": [{"rule": true, "message": "t-2-check"}]}
                ]},
                {"id": "two", "items": [
                    {"kind": "group", "id": "G00000001", "label": "t-g", "max": 3,
                     "instanceLabel": "t-g-instance", "items": [
                        {"kind": "select", "id": "F00000003", "label": "t-3", "codeList": "C00000001"}
                    ]}
                ]}
            ]},
            {"id": "s2", "title": "t-s2", "pages": [
                {"id": "three", "items": [{"kind": "integer", "id": "F00000004", "label": "t-4"}]}
            ]}
        ],
        "exits": [{"id": "stop", "title": "t-stop", "body": "t-stop-body"}],
        "codeLists": [{"id": "C00000001", "entries": [{"code": "a", "label": "t-a"}]}]
    })
}

fn load(value: &Value) -> Procedure {
    try_load(value).expect("the definition loads")
}

fn try_load(value: &Value) -> Result<Procedure, ProcedureError> {
    Procedure::load(
        "procedures/t.json",
        &serde_json::to_vec_pretty(value).expect("JSON"),
    )
}

fn unreachable(value: &Value) -> Vec<String> {
    load(value)
        .unreachable_pages()
        .into_iter()
        .map(|p| format!("{} {}", p.page, p.path))
        .collect()
}

#[test]
fn message_uses_name_the_property_and_the_variables_the_engine_passes() {
    let procedure = load(&base());
    let uses: Vec<(String, String, Vec<&str>)> = procedure
        .message_uses()
        .into_iter()
        .map(|u| (u.id.to_string(), u.path, u.variables.to_vec()))
        .collect();
    let find = |id: &str| {
        uses.iter()
            .find(|(i, _, _)| i == id)
            .unwrap_or_else(|| panic!("{id} in {uses:?}"))
    };
    assert_eq!(find("t-title").1, "title");
    assert_eq!(find("t-need").1, "start.whatYouNeed[0]");
    assert_eq!(find("t-a").1, "codeLists[0].entries[0].label");
    assert_eq!(find("t-stop-body").1, "exits[0].body");
    assert_eq!(find("t-s2").1, "sections[1].title");
    assert_eq!(find("t-one").1, "sections[0].pages[0].title");
    assert_eq!(find("t-2").1, "sections[0].pages[0].items[1].label");
    let long = find("t-2-long");
    assert_eq!(long.1, "sections[0].pages[0].items[1].messages.too-long");
    assert_eq!(long.2, ["label", "max"]);
    let check = find("t-2-check");
    assert_eq!(check.1, "sections[0].pages[0].items[1].checks[0].message");
    assert_eq!(check.2, ["label"]);
    let instance = find("t-g-instance");
    assert_eq!(instance.1, "sections[0].pages[1].items[0].instanceLabel");
    assert_eq!(instance.2, ["number"]);
    assert_eq!(
        find("t-3").1,
        "sections[0].pages[1].items[0].items[0].label"
    );
    assert!(find("t-4").2.is_empty());

    // The same set as message_ids, which the shell and tests already use.
    let mut ids: Vec<String> = uses.iter().map(|(i, _, _)| i.clone()).collect();
    ids.sort();
    ids.dedup();
    let expected: Vec<String> = procedure
        .message_ids()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(ids, expected);
}

#[test]
fn error_kind_arguments() {
    assert_eq!(ErrorKind::TooLong.arguments(), ["max"]);
    assert_eq!(ErrorKind::IbanLength.arguments(), ["country", "length"]);
    assert_eq!(ErrorKind::FileType.arguments(), ["types"]);
    assert!(ErrorKind::Required.arguments().is_empty());
}

#[test]
fn the_bundled_definitions_have_no_unreachable_pages_or_unused_exits() {
    for procedure in [dog_tax(), every_kind()] {
        assert!(
            procedure.unreachable_pages().is_empty(),
            "{:?}",
            procedure.id()
        );
        assert!(procedure.unused_exits().is_empty(), "{:?}", procedure.id());
    }
}

#[test]
fn every_page_of_the_base_is_reachable_and_its_exit_unused() {
    let procedure = load(&base());
    assert!(procedure.unreachable_pages().is_empty());
    assert_eq!(
        procedure
            .unused_exits()
            .into_iter()
            .map(|(id, path)| format!("{id} {path}"))
            .collect::<Vec<_>>(),
        ["stop exits[0]"]
    );
}

#[test]
fn a_constant_false_visibility_hides_a_page_or_a_section() {
    let mut value = base();
    value["sections"][0]["pages"][1]["visible"] = json!(false);
    let found = load(&value).unreachable_pages();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].path, "sections[0].pages[1]");
    assert!(
        found[0].reason.contains("`visible` rule never holds"),
        "{}",
        found[0].reason
    );

    // Folded: `and` with a constant false, `!` of a constant true, arithmetic.
    for rule in [
        json!({"and": [{"var": "F00000001"}, false]}),
        json!({"!": [{"or": [{"var": "F00000001"}, 1]}]}),
        json!({"==": [{"+": [1, 1]}, 3]}),
    ] {
        let mut value = base();
        value["sections"][1]["visible"] = rule.clone();
        assert_eq!(
            unreachable(&value),
            ["three sections[1].pages[0]"],
            "{rule}"
        );
    }

    // A rule that reads an answer may hold.
    let mut value = base();
    value["sections"][1]["visible"] = json!({"==": [{"var": "F00000001"}, true]});
    value["sections"][0]["pages"][1]["visible"] = json!({"!": {"var": "F00000001"}});
    assert!(unreachable(&value).is_empty());
}

#[test]
fn a_branch_that_always_matches_skips_the_pages_it_passes() {
    let mut value = base();
    value["sections"][0]["pages"][0]["next"] = json!([{"when": true, "goto": "three"}]);
    assert_eq!(unreachable(&value), ["two sections[0].pages[1]"]);

    // Always to an exit: nothing after it is reachable.
    let mut value = base();
    value["sections"][0]["pages"][0]["next"] = json!([{"when": 1, "goto": "stop"}]);
    assert_eq!(
        unreachable(&value),
        ["two sections[0].pages[1]", "three sections[1].pages[0]"]
    );

    // A branch that may match leaves both ways open; one that never matches is ignored.
    let mut value = base();
    value["sections"][0]["pages"][0]["next"] = json!([
        {"when": false, "goto": "stop"},
        {"when": {"var": "F00000001"}, "goto": "three"}
    ]);
    assert!(unreachable(&value).is_empty());
    assert_eq!(load(&value).unused_exits().len(), 1);
}

#[test]
fn a_page_behind_a_hidden_page_is_still_reached() {
    let mut value = base();
    value["sections"][0]["pages"][0]["visible"] = json!(false);
    // Page "one" is the first page: hidden, the route starts at "two".
    assert_eq!(unreachable(&value), ["one sections[0].pages[0]"]);
}

#[test]
fn an_unknown_field_kind_is_reported_at_the_kind() {
    let mut value = base();
    value["sections"][0]["pages"][0]["items"][0]["kind"] = json!("slider");
    match try_load(&value) {
        Err(ProcedureError::Malformed { path, message, .. }) => {
            assert_eq!(path, "sections[0].pages[0].items[0].kind");
            assert!(
                message.starts_with("unknown field kind `slider`"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
}
