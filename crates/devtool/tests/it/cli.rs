//! The built binary: exit status and output of `catalog check`, and a sign → verify
//! round trip with the committed test key.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::check::{fixture, repo_root};

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_amtsweg-dev"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn test_key() -> PathBuf {
    repo_root().join("crates/catalog/test-keys/test-publisher.TEST-ONLY-NOT-SECRET.key")
}

fn fixtures_dir() -> PathBuf {
    fixture("")
}

#[test]
fn check_prints_compiler_style_lines_and_fails_on_errors() {
    let output = run(
        &["catalog", "check", "--root", "missing-message"],
        &fixtures_dir(),
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "missing-message/procedures/demo.json:28:53: error: message `demo-F99000001-label` is missing in locale `en` [missing-message]\n"
    );
}

#[test]
fn every_broken_fixture_fails() {
    for case in [
        "malformed-json",
        "unknown-kind",
        "rule-missing-field",
        "missing-message",
        "unused-message",
        "ftl-syntax",
        "unknown-variable",
        "unreachable-page",
        "attachment-over-cap",
        "attachment-without-types",
        "directory-unknown-procedure",
    ] {
        let output = run(&["catalog", "check", "--root", case], &fixtures_dir());
        assert_eq!(output.status.code(), Some(1), "{case}: {}", stdout(&output));
        assert!(
            stdout(&output).starts_with(&format!("{case}/"))
                && stdout(&output).contains(": error: "),
            "{case}: {}",
            stdout(&output)
        );
    }
}

#[test]
fn check_passes_on_a_good_catalog_found_from_inside_it() {
    // No --root: the nearest folder upwards with procedures/ and locales/.
    let output = run(&["catalog", "check"], &fixture("good").join("locales/en"));
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), "");
}

#[test]
fn sign_then_verify_round_trips_with_the_test_key() {
    let out = tempfile::tempdir().expect("temporary folder");
    let package = out.path().join("catalog.json");
    let key = test_key();
    let signed = run(
        &[
            "catalog",
            "sign",
            "--key",
            key.to_str().expect("UTF-8 path"),
            "--sequence",
            "7",
            "--out",
            package.to_str().expect("UTF-8 path"),
            "--root",
            "good",
        ],
        &fixtures_dir(),
    );
    assert_eq!(
        signed.status.code(),
        Some(0),
        "{}{}",
        stdout(&signed),
        String::from_utf8_lossy(&signed.stderr)
    );
    assert!(
        stdout(&signed).contains("with key 7fe70ec13b5cec59 as sequence 7"),
        "{}",
        stdout(&signed)
    );

    let path = package.to_str().expect("UTF-8 path");
    let verified = run(&["catalog", "verify", path], out.path());
    assert_eq!(verified.status.code(), Some(0), "{}", stdout(&verified));
    let text = stdout(&verified);
    for expected in [
        "verified",
        "key id:     7fe70ec13b5cec59",
        "sequence:   7",
        "procedures: demo",
        "locales:    de, en",
        "directory:  1 municipalities",
        "  locales/en/procedures/demo.ftl (",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }

    // A device that has seen sequence 7 refuses it as a replay.
    let replay = run(
        &["catalog", "verify", path, "--last-sequence", "7"],
        out.path(),
    );
    assert_eq!(replay.status.code(), Some(1));
    assert!(
        stdout(&replay)
            .contains("refused: the catalog has sequence 7, not newer than the one in use (7)"),
        "{}",
        stdout(&replay)
    );
    assert_eq!(
        run(
            &["catalog", "verify", path, "--last-sequence", "6"],
            out.path()
        )
        .status
        .code(),
        Some(0)
    );

    // One byte changed: refused.
    let mut bytes = std::fs::read(&package).expect("package");
    let at = bytes
        .windows(4)
        .position(|w| w == b"Fami")
        .expect("a text to alter");
    bytes[at] = b'G';
    std::fs::write(&package, bytes).expect("write");
    let altered = run(&["catalog", "verify", path], out.path());
    assert_eq!(altered.status.code(), Some(1));
    assert!(
        stdout(&altered).contains("refused: the catalog was altered"),
        "{}",
        stdout(&altered)
    );
}

#[test]
fn sign_refuses_a_catalog_that_fails_the_check() {
    let out = tempfile::tempdir().expect("temporary folder");
    let package = out.path().join("catalog.json");
    let key = test_key();
    let output = run(
        &[
            "catalog",
            "sign",
            "--key",
            key.to_str().expect("UTF-8 path"),
            "--sequence",
            "8",
            "--out",
            package.to_str().expect("UTF-8 path"),
            "--root",
            "unreachable-page",
        ],
        &fixtures_dir(),
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("[unreachable-page]"),
        "{}",
        stdout(&output)
    );
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("the catalog has 1 error(s); fix them before signing"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!package.exists());
}

#[test]
fn keygen_writes_a_private_secret_and_never_overwrites() {
    let out = tempfile::tempdir().expect("temporary folder");
    let dir = out.path().join("keys");
    let dir_arg = dir.to_str().expect("UTF-8 path");
    let output = run(
        &["catalog", "keygen", "--out", dir_arg, "--name", "kassel"],
        out.path(),
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout(&output).contains("PRODUCTION_KEYS"),
        "{}",
        stdout(&output)
    );
    let secret = dir.join("kassel.key");
    assert!(dir.join("kassel.pub").is_file());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&secret)
            .expect("secret")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let before = std::fs::read(&secret).expect("secret");
    let again = run(
        &["catalog", "keygen", "--out", dir_arg, "--name", "kassel"],
        out.path(),
    );
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(std::fs::read(&secret).expect("secret"), before);

    // A package signed with the new key verifies only when its public key is trusted.
    let package = out.path().join("catalog.json");
    let signed = run(
        &[
            "catalog",
            "sign",
            "--key",
            secret.to_str().expect("UTF-8"),
            "--sequence",
            "1",
            "--out",
            package.to_str().expect("UTF-8"),
            "--root",
            fixture("good").to_str().expect("UTF-8"),
        ],
        out.path(),
    );
    assert_eq!(
        signed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&signed.stderr)
    );
    let untrusted = run(
        &["catalog", "verify", package.to_str().expect("UTF-8")],
        out.path(),
    );
    assert_eq!(untrusted.status.code(), Some(1));
    assert!(
        stdout(&untrusted).contains("which this build does not trust"),
        "{}",
        stdout(&untrusted)
    );
    let trusted = run(
        &[
            "catalog",
            "verify",
            package.to_str().expect("UTF-8"),
            "--trust",
            dir.join("kassel.pub").to_str().expect("UTF-8"),
        ],
        out.path(),
    );
    assert_eq!(trusted.status.code(), Some(0), "{}", stdout(&trusted));
}

#[test]
fn bad_arguments_exit_with_2() {
    let output = run(&["catalog", "sign", "--sequence", "x"], &fixtures_dir());
    assert_eq!(output.status.code(), Some(2));
}
