//! Input from outside checked as such: a file answer the webview sends is replaced with
//! the file Rust accepted for that draft and field; the drafts of an import file pass
//! the engine's checks before any is imported.

use serde_json::{Value, json};

use crate::support::{CHEAP_KDF, Harness, Path, config, fs, harness};
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

/// An export file whose one draft (of the dog tax) holds `draft`, made with the vault's
/// own API: the vault seals whatever payload it is given.
fn export_holding(dir: &Path, name: &str, draft: &Value) -> std::path::PathBuf {
    let vault = amtsweg_vault::Vault::in_memory().expect("vault");
    let payload = serde_json::to_vec(draft).expect("json");
    vault
        .save_draft("draft-crafted", "dog-tax-registration", &payload, b"{}")
        .expect("saved");
    let path = dir.join(name);
    vault
        .export(
            &path,
            &amtsweg_vault::Passphrase::new(SECRET).with_params(CHEAP_KDF),
        )
        .expect("exported");
    path
}

const SECRET: &str = "correct horse battery staple";

fn dog_tax_draft(answers: Value) -> Value {
    json!({
        "procedureId": "dog-tax-registration",
        "procedureVersion": "1.0.0",
        "answers": answers,
        "position": { "at": "page", "pageId": "name" },
        "completedPages": [],
        "returnToCheckAnswers": false,
    })
}

#[test]
fn an_import_whose_draft_does_not_fit_its_procedure_imports_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "en-GB", None));
    let import = |path: &Path| {
        app.host.answer(Some(path.to_path_buf()));
        app.invoke("import_my_data", json!({ "passphrase": SECRET }))
    };
    let marker = "MARKER-Erika-Mustermann";
    let mut wrong_page = dog_tax_draft(json!({}));
    wrong_page["position"]["pageId"] = json!("no-such-page");
    let mut other_procedure = dog_tax_draft(json!({}));
    other_procedure["procedureId"] = json!("tree-felling-permit");
    let cases = [
        (
            "an answer of the wrong shape",
            dog_tax_draft(json!({ "F00000045": { "choices": [marker] } })),
        ),
        (
            "an answer too large",
            dog_tax_draft(json!({ "F00000045": { "text": marker.repeat(4000) } })),
        ),
        (
            "an answer to no question",
            dog_tax_draft(json!({ "F99999999": { "text": marker } })),
        ),
        (
            "a payload the parser cannot read, quoting the answer",
            dog_tax_draft(json!({ "F00000045": { "choices": marker } })),
        ),
        ("a page the procedure does not have", wrong_page),
        ("another procedure inside", other_procedure),
    ];
    for (case, draft) in cases {
        let error = import(&export_holding(dir.path(), "crafted.amtsweg", &draft)).expect_err(case);
        assert_eq!(error["code"], "error-export-file", "{case}: {error:#}");
        assert!(!error.to_string().contains("MARKER"), "{case}: {error:#}");
        assert_eq!(
            app.ok("list_drafts", Value::Null)["drafts"],
            json!([]),
            "{case}: nothing imported"
        );
    }

    // The control: the same file with an answer that fits is imported and opens.
    let fits = dog_tax_draft(json!({ "F00000045": { "text": "Erika" } }));
    import(&export_holding(dir.path(), "fits.amtsweg", &fits)).expect("imported");
    let opened = app.ok("resume_draft", json!({ "draftId": "draft-crafted" }));
    assert_eq!(opened["screen"]["view"]["pageId"], "name", "{opened:#}");
    assert_eq!(
        opened["screen"]["view"]["items"][0]["answer"],
        json!({ "text": "Erika" }),
        "{opened:#}"
    );
}
