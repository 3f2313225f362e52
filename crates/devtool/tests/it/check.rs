//! `check_folder` on the repository's catalog and on one broken fixture per kind of
//! finding: each reported at the right file and line.

use std::path::{Path, PathBuf};

use amtsweg_dev::{Finding, Kind, Severity, check_folder};

pub fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(case)
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn findings(case: &str) -> Vec<Finding> {
    check_folder(&fixture(case)).expect("the fixture is readable")
}

/// The errors of a fixture as `file:line kind`.
fn errors(case: &str) -> Vec<String> {
    findings(case)
        .into_iter()
        .filter(Finding::is_error)
        .map(|f| format!("{} {}", f.place(), f.kind.name()))
        .collect()
}

fn the_error(case: &str) -> Finding {
    let all = findings(case);
    let errors: Vec<&Finding> = all.iter().filter(|f| f.is_error()).collect();
    assert_eq!(errors.len(), 1, "{case}: {all:#?}");
    errors[0].clone()
}

#[test]
fn the_repository_catalog_has_no_errors() {
    // Whatever procedures are in the repository when the test runs.
    let findings = check_folder(&repo_root()).expect("the repository catalog is readable");
    let errors: Vec<String> = findings
        .iter()
        .filter(|f| f.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn the_good_fixture_has_no_findings() {
    assert_eq!(findings("good"), vec![]);
}

#[test]
fn malformed_json_is_reported_where_the_parser_stopped() {
    // The comma is missing at the end of line 6; the parser notices at line 7.
    let f = the_error("malformed-json");
    assert_eq!(
        (f.place(), f.column, f.kind),
        ("procedures/demo.json:7".into(), 3, Kind::Malformed)
    );
    assert_eq!(f.message, "expected `,` or `}`");
}

#[test]
fn an_unknown_field_kind_points_at_the_kind() {
    let f = the_error("unknown-kind");
    assert_eq!(
        (f.place(), f.column, f.kind),
        ("procedures/demo.json:28".into(), 15, Kind::Malformed)
    );
    assert!(
        f.message.contains("unknown field kind `slider`"),
        "{}",
        f.message
    );
}

#[test]
fn a_rule_naming_a_missing_field_points_at_the_rule() {
    let f = the_error("rule-missing-field");
    assert_eq!(
        (f.place(), f.kind),
        ("procedures/demo.json:27".into(), Kind::Invalid)
    );
    assert!(
        f.message.contains("`F00000099` names no field"),
        "{}",
        f.message
    );
}

#[test]
fn a_missing_message_points_at_its_use_and_names_the_locale() {
    let f = the_error("missing-message");
    assert_eq!(
        (f.place(), f.kind),
        ("procedures/demo.json:28".into(), Kind::MissingMessage)
    );
    assert_eq!(
        f.message,
        "message `demo-F99000001-label` is missing in locale `en`"
    );
}

#[test]
fn an_unused_message_points_at_its_line_in_the_ftl_file() {
    let f = the_error("unused-message");
    assert_eq!(
        (f.place(), f.kind),
        (
            "locales/en/procedures/demo.ftl:12".into(),
            Kind::UnusedMessage
        )
    );
    assert!(f.message.contains("`demo-leftover`"), "{}", f.message);
}

#[test]
fn a_fluent_syntax_error_has_its_line_and_leaves_the_message_missing() {
    assert_eq!(
        errors("ftl-syntax"),
        [
            "locales/en/procedures/demo.ftl:6 fluent-syntax",
            // The broken message is left out, so its use finds nothing.
            "procedures/demo.json:11 missing-message",
        ]
    );
}

#[test]
fn a_variable_the_engine_does_not_pass_is_reported_in_the_ftl_file() {
    let f = the_error("unknown-variable");
    assert_eq!(
        (f.place(), f.kind),
        (
            "locales/en/procedures/demo.ftl:9".into(),
            Kind::UnknownVariable
        )
    );
    assert!(f.message.contains("`$person`"), "{}", f.message);
}

#[test]
fn an_example_its_field_refuses_points_at_the_example() {
    // "0" for a number of dogs of at least 1: the hint would show a refused answer.
    let f = the_error("refused-example");
    assert_eq!(
        (f.place(), f.kind),
        ("procedures/demo.json:28".into(), Kind::RefusedExample)
    );
    assert!(
        f.message.contains("\"0\"") && f.message.contains("too-small"),
        "{}",
        f.message
    );
}

#[test]
fn an_unreachable_page_points_at_the_page() {
    let f = the_error("unreachable-page");
    assert_eq!(
        (f.place(), f.kind),
        ("procedures/demo.json:31".into(), Kind::UnreachablePage)
    );
    assert!(
        f.message.contains("page `proof` can never be shown"),
        "{}",
        f.message
    );
}

#[test]
fn a_leika_key_neither_verified_nor_local_is_a_warning() {
    let all = findings("unchecked-service-key");
    assert_eq!(all.len(), 1, "{all:#?}");
    let f = &all[0];
    assert_eq!(
        (f.place(), f.severity, f.kind),
        (
            "procedures/demo.json:5".into(),
            Severity::Warning,
            Kind::UncheckedServiceKey
        )
    );
    assert!(f.message.contains("99000000000000"), "{}", f.message);
}

#[test]
fn the_repository_catalogs_service_keys_are_verified_or_local() {
    // A local key with its reason is no finding; nor is a verified federal one.
    let findings = check_folder(&repo_root()).expect("the repository catalog is readable");
    let unchecked: Vec<String> = findings
        .iter()
        .filter(|f| f.kind == Kind::UncheckedServiceKey)
        .map(ToString::to_string)
        .collect();
    assert!(unchecked.is_empty(), "{}", unchecked.join("\n"));
}

#[test]
fn attachments_over_the_cap_or_without_media_types_are_errors() {
    let f = the_error("attachment-over-cap");
    assert_eq!(
        (f.place(), f.kind),
        ("procedures/demo.json:41".into(), Kind::AttachmentLimit)
    );
    assert!(f.message.contains("52428800"), "{}", f.message);

    // The format itself refuses an empty list.
    let f = the_error("attachment-without-types");
    assert_eq!(
        (f.place(), f.kind),
        ("procedures/demo.json:41".into(), Kind::Invalid)
    );
    assert!(
        f.message.contains("at least one media type"),
        "{}",
        f.message
    );
}

#[test]
fn a_directory_naming_a_missing_procedure_points_at_the_name() {
    let f = the_error("directory-unknown-procedure");
    assert_eq!(
        (f.place(), f.kind),
        (
            "procedures/municipalities.json:5".into(),
            Kind::UnknownProcedure
        )
    );
    assert!(f.message.contains("`ghost`"), "{}", f.message);
}

#[test]
fn findings_render_compiler_style() {
    let f = the_error("missing-message");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(
        f.render(Path::new("cat")),
        format!(
            "cat{}procedures/demo.json:28:53: error: message `demo-F99000001-label` is missing in locale `en` [missing-message]",
            std::path::MAIN_SEPARATOR
        )
    );
}

#[test]
fn a_folder_without_procedures_is_refused() {
    let empty = tempfile::tempdir().expect("temporary folder");
    assert!(check_folder(empty.path()).is_err());
}
