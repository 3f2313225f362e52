//! Input from outside checked as such: a file answer the webview sends is replaced with
//! the file Rust accepted for that draft and field.

use serde_json::{Value, json};

use crate::support::{Harness, config, fs, harness};
use amtsweg_app::core::AttachmentRule;

const PDF: &[u8] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n";

fn tree_draft(app: &Harness) -> String {
    let started = app.ok(
        "start_draft",
        json!({ "procedureId": "tree-felling-permit" }),
    );
    started["draftId"].as_str().expect("id").to_owned()
}

/// The file the draft stores as the answer to F99000012, as its page shows it.
fn stored_file(app: &Harness, draft_id: &str) -> Value {
    let screen = app.ok(
        "go_to_page",
        json!({ "draftId": draft_id, "pageId": "applicant-role" }),
    );
    let items = screen["view"]["items"].as_array().expect("items").clone();
    items
        .into_iter()
        .find(|item| item["fieldId"] == "F99000012")
        .map(|item| item["answer"]["file"].clone())
        .unwrap_or_else(|| panic!("no file field: {screen:#}"))
}

fn set_file(
    app: &Harness,
    draft_id: &str,
    field: &str,
    page: &str,
    file: Value,
) -> Result<Value, Value> {
    app.invoke(
        "set_answers",
        json!({ "draftId": draft_id, "pageId": page, "answers": { field: { "file": file } } }),
    )
}

#[test]
fn a_forged_file_reference_is_replaced_or_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "en-GB", None));
    let mine = tree_draft(&app);
    let other = tree_draft(&app);
    let pdf = dir.path().join("plan.pdf");
    fs::write(&pdf, PDF).expect("write");
    let rule = AttachmentRule {
        media_types: vec!["application/pdf".into()],
        max_bytes: 1024,
    };
    let accepted = app
        .core
        .attachments()
        .accept(&mine, "F99000012", &rule, &pdf)
        .expect("accepted");
    let accepted = serde_json::to_value(&accepted).expect("json");

    // Another name, type and size for the accepted id: the draft keeps what Rust accepted.
    let forged = json!({
        "id": accepted["id"],
        "name": "<img src=x onerror=alert(1)>.exe",
        "mediaType": "application/x-msdownload",
        "size": 1,
    });
    set_file(&app, &mine, "F99000012", "applicant-role", forged.clone()).expect("bound");
    assert_eq!(stored_file(&app, &mine), accepted);

    // The same id in another draft is refused, and that draft stores no file.
    let error = set_file(
        &app,
        &other,
        "F99000012",
        "applicant-role",
        accepted.clone(),
    )
    .expect_err("another draft's file");
    assert_eq!(error["code"], "error-invalid-request");
    assert_eq!(stored_file(&app, &other), Value::Null);

    // An id never accepted, and the file given to another file field, are refused.
    let mut unknown = accepted.clone();
    unknown["id"] = json!("file-00000000000000000000000000000000");
    let error =
        set_file(&app, &mine, "F99000012", "applicant-role", unknown).expect_err("never accepted");
    assert_eq!(error["code"], "error-invalid-request");
    let error = set_file(&app, &mine, "F99000030", "site-plan", accepted.clone())
        .expect_err("accepted for another field");
    assert_eq!(error["code"], "error-invalid-request");

    // In a later session the binding comes from the vault (the draft's own attachments).
    app.core.drafts().forget_all();
    app.ok("resume_draft", json!({ "draftId": mine }));
    app.ok("resume_draft", json!({ "draftId": other }));
    set_file(&app, &mine, "F99000012", "applicant-role", forged).expect("bound");
    assert_eq!(stored_file(&app, &mine), accepted);
    let error = set_file(&app, &other, "F99000012", "applicant-role", accepted)
        .expect_err("another draft's file");
    assert_eq!(error["code"], "error-invalid-request");
}
