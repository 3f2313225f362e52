//! "Download PDF" and "Print": the print folder's files are the user's alone and go at
//! quit, at the next start and with "Delete all my data".

use std::path::Path;

use crate::support::{config, harness};

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
