//! Integration tests of the procedure engine, driving it through its public API with
//! the real bundled definitions and the real Fluent files.

mod support;

mod dog_tax;
mod format_schema;
