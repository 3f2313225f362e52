//! "Download PDF" and "Print": the print folder's files are the user's alone and go at
//! quit, at the next start and with "Delete all my data".

use std::path::Path;

use amtsweg_app::host::DialogPurpose;
use serde_json::{Value, json};

use crate::support::{Harness, config, harness};

/// The text of a PDF as `pdftotext` reads it (in reading order, `-layout` off).
pub fn pdftotext(path: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// A dog tax draft whose first page is answered with umlauts and ß; its id.
fn dog_draft(app: &Harness) -> String {
    let started = app.ok(
        "start_draft",
        json!({ "procedureId": "dog-tax-registration" }),
    );
    let id = started["draftId"].as_str().expect("id").to_owned();
    let next = app.ok(
        "continue_page",
        json!({
            "draftId": id,
            "pageId": "name",
            "answers": { "F00000045": {"text": "Jürgen"}, "F00000013": {"text": "Weiß-Öztürk"} },
        }),
    );
    assert_eq!(next["outcome"], "next", "{next:#}");
    id
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn download_pdf_writes_the_citizen_s_bilingual_copy_where_the_dialog_says() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = harness(config(&dir.path().join("app"), "en-US", None));
    app.ok("choose_municipality", json!({ "ars": "066110000000" }));
    let draft = dog_draft(&app);
    let chosen = dir.path().join("saved").join("my application.pdf");
    std::fs::create_dir_all(chosen.parent().expect("folder")).expect("folder");
    app.host.answer(Some(chosen.clone()));

    let done = app.ok("download_application_pdf", json!({ "draftId": draft }));
    assert_eq!(done["fileName"], "my application.pdf");
    assert!(
        done["message"]
            .as_str()
            .expect("message")
            .contains("my application.pdf")
    );
    let shown = app.host.shown();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].purpose, DialogPurpose::SavePrintout);
    assert_eq!(shown[0].extensions, ["pdf"]);
    let today = jiff::ZonedDateTime::now().date().to_string();
    assert!(
        shown[0].file_name.starts_with("Antrag-")
            && shown[0].file_name.ends_with(&format!("-{today}.pdf")),
        "{:?}",
        shown[0].file_name
    );
    // Nothing but the PDF in the chosen folder: the temporary file was renamed.
    assert_eq!(
        files_in(chosen.parent().expect("folder")),
        ["my application.pdf"]
    );
    let bytes = std::fs::read(&chosen).expect("written");
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdftotext(&chosen);
    // German with the citizen's English under it.
    for expected in ["Jürgen", "Weiß-Öztürk", "Kassel", "Vorname", "First name"] {
        assert!(text.contains(expected), "{expected:?} missing in:\n{text}");
    }
    assert!(!text.contains('\u{2068}') && !text.contains('\u{2069}'));
    #[cfg(unix)]
    assert_eq!(mode(&chosen), 0o600);
}

#[test]
fn a_cancelled_save_dialog_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = harness(config(&dir.path().join("app"), "de-DE", None));
    let draft = dog_draft(&app);
    app.host.answer(None);
    let done = app.ok("download_application_pdf", json!({ "draftId": draft }));
    assert_eq!(done, Value::Null);
    assert_eq!(app.host.shown().len(), 1);
    assert!(files_in(app.core.printouts().print_folder().dir()).is_empty());
    let mut everything = Vec::new();
    let mut pending = vec![dir.path().to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).expect("listed") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                everything.push(path);
            }
        }
    }
    assert!(
        everything
            .iter()
            .all(|p| p.extension().is_none_or(|e| e != "pdf" && e != "part")),
        "{everything:?}"
    );
}

#[test]
fn print_hands_a_pdf_in_the_print_folder_to_the_viewer_and_quitting_removes_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = harness(config(dir.path(), "de-DE", None));
    let draft = dog_draft(&app);
    let done = app.ok("print_application", json!({ "draftId": draft }));
    let opened = app.host.opened();
    assert_eq!(opened.len(), 1);
    let pdf = &opened[0];
    assert_eq!(
        pdf.parent(),
        Some(app.core.printouts().print_folder().dir())
    );
    assert_eq!(
        done["fileName"],
        pdf.file_name().expect("name").to_string_lossy().as_ref()
    );
    #[cfg(unix)]
    assert_eq!(mode(pdf), 0o600);
    let text = pdftotext(pdf);
    assert!(
        text.contains("Jürgen") && text.contains("Weiß-Öztürk"),
        "{text}"
    );
    // German only: the app speaks German.
    assert!(
        text.contains("Vorname") && !text.contains("First name"),
        "{text}"
    );
    assert!(app.host.shown().is_empty(), "printing asks for no place");

    app.core.printouts().quit();
    assert!(!pdf.exists());
}

#[test]
fn the_printed_recovery_code_reads_back_the_same() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = harness(config(dir.path(), "en-US", None));
    let groups = ["7KQ2", "M9XD", "A4BC", "ZZ99", "K2M4", "QQ7R", "W3E5"];
    app.ok("print_recovery_code", json!({ "groups": groups }));
    let opened = app.host.opened();
    assert_eq!(opened.len(), 1);
    let text = pdftotext(&opened[0]);
    let compact: String = text.split_whitespace().collect();
    assert!(
        compact.contains(&groups.concat()) || compact.contains(&groups.join("-")),
        "{text}"
    );

    // Anything but seven groups of four is not a code the app showed.
    let refused = app
        .invoke("print_recovery_code", json!({ "groups": ["7KQ2", "<b>"] }))
        .expect_err("refused");
    assert_eq!(refused["code"], "error-invalid-request");
    assert_eq!(app.host.opened().len(), 1);
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn the_print_folder_s_files_are_the_user_s_alone_and_go_at_quit_and_at_the_next_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = harness(config(dir.path(), "de-DE", None));
    let folder = app.core.printouts().print_folder().clone();
    assert_eq!(folder.dir(), dir.path().join("print"));

    let written = folder
        .write("Antrag.pdf", b"%PDF-1.7 one")
        .expect("written");
    assert_eq!(std::fs::read(&written).expect("read"), b"%PDF-1.7 one");
    assert_eq!(written.parent(), Some(folder.dir()));
    #[cfg(unix)]
    {
        assert_eq!(mode(&written), 0o600, "the PDF is the user's alone");
        assert_eq!(mode(folder.dir()), 0o700, "so is its folder");
    }
    // The same name again replaces the file, and nothing half-written stays beside it.
    folder
        .write("Antrag.pdf", b"%PDF-1.7 two")
        .expect("written again");
    assert_eq!(std::fs::read(&written).expect("read"), b"%PDF-1.7 two");
    let names: Vec<_> = std::fs::read_dir(folder.dir())
        .expect("listed")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["Antrag.pdf"]);

    app.core.printouts().quit();
    assert!(!folder.dir().exists(), "quitting removes the print folder");

    // A run that never quit (a crash) left a PDF: the next start removes it.
    folder
        .write("Antrag.pdf", b"%PDF-1.7 left")
        .expect("written");
    drop(app);
    let _next = harness(config(dir.path(), "de-DE", None));
    assert!(
        !folder.dir().exists(),
        "the next start removes the print folder"
    );
}

#[test]
fn delete_all_my_data_removes_the_print_folder_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = harness(config(dir.path(), "en-US", None));
    let folder = app.core.printouts().print_folder().clone();
    folder.write("Antrag.pdf", b"%PDF-1.7").expect("written");
    app.ok("delete_all_my_data", serde_json::json!({}));
    assert!(!folder.dir().exists());
}

#[cfg(unix)]
#[test]
fn a_print_folder_others_may_read_is_not_written_into() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = amtsweg_app::core::PrintFolder::new(dir.path().join("amtsweg-print"));
    // In a shared temporary folder, someone else made it first, open to all.
    std::fs::create_dir(folder.dir()).expect("made");
    std::fs::set_permissions(folder.dir(), std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let refused = folder
        .write("Antrag.pdf", b"%PDF-1.7")
        .expect_err("refused");
    assert!(
        matches!(refused, amtsweg_app::error::AppError::PrintoutWrite(_)),
        "{refused:?}"
    );
    assert!(!folder.dir().join("Antrag.pdf").exists());
}

/// What "Download PDF" and "Print" answer, for the UI's tests and the accessibility
/// checks (`ui/src/api/fixtures/printout.*.json`). File names that carry no date, so the
/// fixtures stay the same from day to day.
#[test]
fn printout_fixtures() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/api/fixtures");
    for locale in ["de", "en"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let app = harness(config(&dir.path().join("app"), locale, None));
        let draft = dog_draft(&app);
        let chosen = dir.path().join("Antrag.pdf");
        app.host.answer(Some(chosen));
        let saved = app.ok("download_application_pdf", json!({ "draftId": draft }));
        let groups = ["7KQ2", "M9XD", "A4BC", "ZZ99", "K2M4", "QQ7R", "W3E5"];
        let opened = app.ok("print_recovery_code", json!({ "groups": groups }));
        for (name, value) in [("saved", saved), ("opened", opened)] {
            let text = serde_json::to_string_pretty(&value).expect("json") + "\n";
            std::fs::write(out.join(format!("printout.{name}.{locale}.json")), text)
                .expect("write fixture");
        }
    }
}
