//! `procedures/procedure.schema.json` is generated here from the definition types; the
//! file is committed, and this test fails (rewriting it for review) when it is stale.

use amtsweg_procedure::definition_schema;
use serde_json::Value;

use crate::support::{read, repo_root};

fn schema() -> Value {
    definition_schema()
}

#[test]
fn the_committed_format_schema_is_current() {
    let path = repo_root().join("procedures/procedure.schema.json");
    let fresh = serde_json::to_string_pretty(&schema()).expect("schema serializes") + "\n";
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != fresh {
        // Rewritten for the developer to review and commit; the test fails either way,
        // and CI (a fresh clone) with it.
        std::fs::write(&path, &fresh).expect("write procedure.schema.json");
        panic!(
            "{} was not what the definition types generate; it has been rewritten: review and commit it",
            path.display()
        );
    }
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).expect("the format schema is a valid JSON Schema")
}

#[test]
fn bundled_definitions_and_the_fixture_satisfy_the_format_schema() {
    let validator = validator();
    let mut files = vec![
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/every-kind.json"),
    ];
    for entry in std::fs::read_dir(repo_root().join("procedures")).expect("procedures folder") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        // Beside the definitions live the schemas and the municipality directory.
        let definition = name.ends_with(".json")
            && !name.ends_with(".schema.json")
            && name != "municipalities.json";
        if definition {
            files.push(path);
        }
    }
    assert!(files.len() >= 2);
    for path in files {
        let value: Value = serde_json::from_slice(&read(&path)).expect("JSON");
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

#[test]
fn the_format_schema_catches_what_an_author_gets_wrong() {
    let validator = validator();
    let base: Value = serde_json::from_slice(&read(
        &repo_root().join("procedures/dog-tax-registration.json"),
    ))
    .expect("JSON");
    type Breakage = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Breakage)> = vec![
        (
            "typo in a property",
            Box::new(|v| v["sections"][0]["pages"][0]["items"][0]["optinal"] = true.into()),
        ),
        (
            "unknown field kind",
            Box::new(|v| v["sections"][0]["pages"][0]["items"][0]["kind"] = "colour".into()),
        ),
        (
            "bad FIM id",
            Box::new(|v| v["sections"][0]["pages"][0]["items"][0]["id"] = "F123".into()),
        ),
        (
            "bad LeiKa key",
            Box::new(|v| v["leika"]["key"] = "99102013104000".into()),
        ),
        (
            "LeiKa key without its source",
            Box::new(|v| {
                v["leika"].as_object_mut().expect("leika").remove("source");
            }),
        ),
        (
            "local LeiKa key without its reason",
            Box::new(|v| v["leika"]["local"] = serde_json::json!({})),
        ),
        ("format 2", Box::new(|v| v["format"] = 2.into())),
        (
            "unknown rule operator",
            Box::new(|v| {
                v["sections"][0]["pages"][0]["items"][0]["visible"] =
                    serde_json::json!({"eval": "x"})
            }),
        ),
        (
            "codeList on a text field",
            Box::new(|v| v["sections"][0]["pages"][0]["items"][0]["codeList"] = "C99000001".into()),
        ),
    ];
    for (what, break_it) in cases {
        let mut value = base.clone();
        break_it(&mut value);
        assert!(
            !validator.is_valid(&value),
            "the schema accepts a definition with {what}"
        );
    }
}
