//! No personal data in logs or `Debug` output: a failed command logs its code, not the
//! error's words (a parser quotes the answer); types that hold answers or file names
//! print sizes; a string from the webview is quoted cut short and escaped.

use serde_json::json;

use crate::support::{config, harness};
use crate::thread_log::logged_on_this_thread;
use amtsweg_procedure::{Answer, FileRef};

const MARKER: &str = "MARKER-Erika-Mustermann";

#[test]
fn a_failed_command_logs_its_code_not_the_answer_the_parser_quoted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "en-GB", None));
    let draft = app.ok(
        "start_draft",
        json!({ "procedureId": "dog-tax-registration" }),
    );
    let mut refused = None;
    let log = logged_on_this_thread(|| {
        refused = Some(app.invoke(
            "set_answers",
            json!({
                "draftId": draft["draftId"],
                "pageId": "name",
                // A text where a list of codes belongs: serde's message quotes it.
                "answers": { "F00000045": { "choices": MARKER } },
            }),
        ));
    });
    let error = refused.expect("called").expect_err("malformed answers");
    assert_eq!(error["code"], "error-invalid-request");
    assert!(log.contains("command failed"), "{log}");
    assert!(log.contains("error-invalid-request"), "{log}");
    assert!(!log.contains(MARKER), "{log}");
    // Nor does the message the UI gets quote it (it is shown, and may be reported).
    assert!(!error.to_string().contains(MARKER), "{error:#}");
}

#[test]
fn a_huge_string_from_the_webview_is_quoted_cut_short_and_escaped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "en-GB", None));
    let forged = format!(
        "draft-x\nINFO forged line \u{1b}[31m{}",
        "a".repeat(1 << 20)
    );
    let mut refused = None;
    let log = logged_on_this_thread(|| {
        refused = Some(app.invoke("draft_screen", json!({ "draftId": forged })))
    });
    let error = refused.expect("called").expect_err("no such draft");
    assert_eq!(error["code"], "error-unknown-draft");
    assert!(log.len() < 1024, "{} bytes logged", log.len());
    assert!(!log.contains("forged line"), "{log}");
    // The error's own text quotes the id escaped and cut, with its length.
    let unknown = amtsweg_app::error::AppError::UnknownDraft(forged.clone()).to_string();
    assert!(unknown.len() < 200, "{unknown}");
    assert!(!unknown.chars().any(char::is_control), "{unknown:?}");
    assert!(
        unknown.contains(r"draft-x\nINFO forged line \u{1b}[31m"),
        "{unknown}"
    );
    assert!(
        unknown.contains(&format!("({} bytes)", forged.len())),
        "{unknown}"
    );
    for text in [&error["message"], &error["detail"]] {
        let text = text.as_str().unwrap_or_default();
        assert!(text.len() < 1024 && !text.contains('\u{1b}'), "{text:?}");
    }
}

#[test]
fn debug_output_of_what_holds_answers_shows_sizes_only() {
    let text = Answer::Text(MARKER.into());
    assert_eq!(format!("{text:?}"), "Text(<23 bytes>)");
    let file = FileRef {
        id: "file-1".into(),
        name: format!("{MARKER}.pdf"),
        media_type: "application/pdf".into(),
        size: 41,
    };
    let shown = format!("{:?}", Answer::File(file));
    assert!(
        !shown.contains(MARKER) && shown.contains("<27 bytes>"),
        "{shown}"
    );

    // The drafts open in a session, answers and all, as a log line would print them.
    let dir = tempfile::tempdir().expect("tempdir");
    let app = harness(config(dir.path(), "en-GB", None));
    let draft = app.ok(
        "start_draft",
        json!({ "procedureId": "dog-tax-registration" }),
    );
    app.ok(
        "set_answers",
        json!({
            "draftId": draft["draftId"],
            "pageId": "name",
            "answers": { "F00000045": { "text": MARKER } },
        }),
    );
    let screen = app.ok("draft_screen", json!({ "draftId": draft["draftId"] }));
    assert!(screen.to_string().contains(MARKER), "the answer is kept");
    let shown = format!("{:?}", app.core.drafts());
    assert!(shown.contains("F00000045"), "{shown}");
    assert!(!shown.contains(MARKER), "{shown}");
}
