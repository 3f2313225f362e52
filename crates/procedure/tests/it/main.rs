//! Integration tests of the procedure engine, driving it through its public API with
//! the real bundled definitions and the real Fluent files.

mod support;

mod bad_input;
mod catalog;
mod dog_tax;
mod field_kinds;
mod format_schema;
mod lint;
mod service_keys;
mod submission_schema;
mod ui_fixtures;
mod walk_findings;
mod walks;
