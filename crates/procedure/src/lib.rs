//! Procedures are data; this crate interprets them. It reads and checks definitions
//! (`procedures/<id>.json`, format documented in `docs/procedure-format.md`), evaluates
//! their rules (a whitelisted JSONLogic subset, no code), validates answers, and
//! describes every screen of a procedure as a plain view model the UI renders: start
//! page, task list, question pages, exit pages, check your answers. It emits the
//! submission data keyed by FIM ids with a JSON Schema generated from the definition.
//!
//! No I/O, no clock, no tauri: the caller passes bytes, "today", and a source of texts.

mod answer;
mod catalog;
mod definition;
mod details;
mod eval;
mod ids;
mod inspect;
mod procedure;
mod rule;
mod session;
mod submission;
mod texts;
mod view;

pub use answer::{Answer, Answers, FileRef};
pub use catalog::{Catalog, CatalogEntry, fold as fold_for_search};
pub use definition::{Definition, ErrorKind, ExampleDef, FORMAT_VERSION, LifeSituation};
pub use details::{DETAILS, Detail, Details, is_detail};
pub use ids::{
    AttachmentId, CodeListId, FieldId, FimSchemaId, GroupId, LeikaKey, MessageId, PageId,
    ProcedureId, SectionId,
};
pub use inspect::{MessageUse, RefusedExample, UnreachablePage};
pub use procedure::{MAX_GROUP_INSTANCES, Procedure};
pub use rule::{MAX_RULE_DEPTH, OPERATORS, Rule};
pub use session::{Continue, Draft, Position, Session, Submission};
pub use texts::{TextArg, Texts};
pub use view::{
    ErrorLink, ExitPageView, FieldError, FieldView, FieldViewKind, GroupInstanceView, GroupView,
    ItemView, OptionView, PageView, ProcedureScreen, SectionStatus, StartPage, Step, Summary,
    SummaryGroupInstance, SummaryItem, SummaryRow, SummarySection, TaskListSection, TaskListView,
};

/// A calendar date; the caller passes today's, the engine has no clock.
pub use jiff::civil::Date;

/// JSON Schema of the definition format itself (what `procedures/procedure.schema.json`
/// holds).
pub fn definition_schema() -> serde_json::Value {
    let mut settings = schemars::generate::SchemaSettings::draft2020_12();
    settings.meta_schema = Some("https://json-schema.org/draft/2020-12/schema".into());
    let schema = settings
        .into_generator()
        .into_root_schema_for::<Definition>();
    serde_json::to_value(schema).unwrap_or_default()
}

/// Largest raw answer `Session::set_answers` stores, in bytes. Field limits are far
/// smaller and give validation errors; this cap only keeps absurd input (a pasted
/// 10 MB file) out of the draft and off the page sent back: a longer typed answer is
/// stored cut to it, and its field says "too long" with its own limit.
pub const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// This crate's one error type. Definition errors name the file, the place in it and
/// what is wrong; the rest name what the caller asked for that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProcedureError {
    /// The file is not JSON, or not the shape of a definition.
    #[error("{file}: {}line {line}, column {column}: {message}", if path.is_empty() { String::new() } else { format!("{path}: ") })]
    Malformed {
        file: String,
        /// JSON path, e.g. `sections[0].pages[2].items[0].kind`; empty at the top.
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// The file reads, but breaks a rule of the format.
    #[error("{file}: {path}: {problem}")]
    Invalid {
        file: String,
        path: String,
        problem: String,
    },
    #[error("two files define procedure `{0}`")]
    DuplicateProcedure(String),
    #[error("no procedure `{0}` in the catalog")]
    UnknownProcedure(String),
    #[error("procedure `{procedure}` has no page `{page}`")]
    UnknownPage { procedure: String, page: String },
    #[error("page `{page}` has no question `{key}`")]
    UnknownAnswer { page: String, key: String },
    #[error("the answer to {key} does not fit its question: {problem}")]
    AnswerShape { key: String, problem: String },
    #[error("the answer to {key} is {bytes} bytes; at most {limit} are accepted")]
    AnswerTooLarge {
        key: String,
        bytes: usize,
        limit: usize,
    },
    #[error("the draft belongs to procedure `{draft}`, not `{procedure}`")]
    WrongProcedure { draft: String, procedure: String },
    #[error("the application is not complete: {count} answers are missing or invalid")]
    Incomplete { count: usize },
    #[error("the procedure ends at exit page `{0}`; there is nothing to submit")]
    Exited(String),
}

impl ProcedureError {
    /// A Fluent id for the UI (`{code, message}` over IPC); the messages live in
    /// `locales/<lang>/procedures/_engine.ftl`.
    pub fn code(&self) -> &'static str {
        match self {
            ProcedureError::Malformed { .. }
            | ProcedureError::Invalid { .. }
            | ProcedureError::DuplicateProcedure(_) => "procedure-error-definition",
            ProcedureError::UnknownProcedure(_) => "procedure-error-unknown-procedure",
            ProcedureError::UnknownPage { .. } | ProcedureError::WrongProcedure { .. } => {
                "procedure-error-navigation"
            }
            ProcedureError::UnknownAnswer { .. } | ProcedureError::AnswerShape { .. } => {
                "procedure-error-answer"
            }
            ProcedureError::AnswerTooLarge { .. } => "procedure-error-answer-too-large",
            ProcedureError::Incomplete { .. } => "procedure-error-incomplete",
            ProcedureError::Exited(_) => "procedure-error-exited",
        }
    }
}
