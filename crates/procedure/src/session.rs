//! The facade the shell's commands call: a `Session` binds catalog, texts, locale and
//! today; each method takes a `Draft` and returns what the UI renders next.
//!
//! Navigation follows the route (the pages the answers lead through), not a history
//! stack: "Back" is the previous page on the route, so it stays right after answers
//! change, and it never loses input because answers are kept for hidden pages too.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::answer::{Answer, Answers};
use crate::catalog::Catalog;
use crate::eval::{End, Evaluation};
use crate::procedure::{NodeItem, Procedure};
use crate::rule::NodeId;
use crate::texts::Texts;
use crate::view::{
    self, Localize, PageBuilder, PageView, ProcedureScreen, SectionStatus, Summary, SummaryLayout,
    TaskListSection, TaskListView,
};
use crate::{Date, MAX_ANSWER_BYTES, ProcedureError};
use amtsweg_redact::{Excerpt, Redacted};

/// Where a draft stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "at", rename_all = "camelCase")]
#[ts(export)]
pub enum Position {
    Start,
    TaskList,
    #[serde(rename_all = "camelCase")]
    Page {
        page_id: String,
    },
    #[serde(rename_all = "camelCase")]
    Exit {
        page_id: String,
    },
    CheckAnswers,
}

/// A citizen's work on one procedure. It holds answers only; it cannot be submitted
/// (a `Submission` is made from it after every check passed). The vault stores it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Draft {
    procedure_id: String,
    /// The definition version the draft was started with.
    procedure_version: String,
    answers: Answers,
    position: Position,
    /// Pages the citizen continued from without errors.
    completed_pages: BTreeSet<String>,
    /// Came from a "Change" link: "Continue" and "Back" return to check your answers.
    return_to_check_answers: bool,
    /// Top-level answers filled in from My details and not changed since
    /// ([`Session::prefill`]); their pages say so.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    #[ts(optional, as = "Option<Vec<String>>")]
    from_my_details: BTreeSet<String>,
}

impl Draft {
    pub fn procedure_id(&self) -> &str {
        &self.procedure_id
    }

    pub fn procedure_version(&self) -> &str {
        &self.procedure_version
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    pub fn position(&self) -> &Position {
        &self.position
    }

    /// Takes answers filled in from My details (a new draft's: nothing is overwritten
    /// that the citizen gave) and marks their top-level keys.
    pub(crate) fn fill_from_my_details(&mut self, answers: Answers, keys: BTreeSet<String>) {
        for (key, answer) in answers {
            self.answers.entry(key).or_insert(answer);
        }
        self.from_my_details.extend(keys);
    }

    /// Whether any of the page's top-level answers was filled in from My details and
    /// not changed since.
    fn page_from_my_details(&self, procedure: &Procedure, page: usize) -> bool {
        procedure.pages[page]
            .items
            .iter()
            .any(|&n| self.from_my_details.contains(&procedure.nodes[n].key))
    }
}

/// The result of "Continue".
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "outcome", content = "view", rename_all = "camelCase")]
#[ts(export)]
pub enum Continue {
    /// The page again, with its error summary and inline errors; answers were kept.
    Invalid(PageView),
    /// The next screen: a page, an exit page, the task list, or check your answers.
    Next(ProcedureScreen),
}

/// What is sent: data keyed by FIM ids and the JSON Schema it satisfies. `Debug` shows
/// the data's size only.
#[derive(Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Submission {
    pub procedure_id: String,
    pub procedure_version: String,
    pub leika: String,
    pub data: serde_json::Value,
    pub schema: serde_json::Value,
}

impl std::fmt::Debug for Submission {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Submission")
            .field("procedure_id", &self.procedure_id)
            .field("procedure_version", &self.procedure_version)
            .field("leika", &self.leika)
            .field("data", &Redacted(self.data.to_string().len()))
            .finish_non_exhaustive()
    }
}

/// Catalog, texts, locale and today, bound for the calls of one command.
#[derive(Clone, Copy)]
pub struct Session<'a> {
    catalog: &'a Catalog,
    l: Localize<'a>,
    today: Date,
}

impl std::fmt::Debug for Session<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("locale", &self.l.locale)
            .field("today", &self.today)
            .finish()
    }
}

impl<'a> Session<'a> {
    pub fn new(catalog: &'a Catalog, texts: &'a dyn Texts, locale: &'a str, today: Date) -> Self {
        Session {
            catalog,
            l: Localize { texts, locale },
            today,
        }
    }

    pub(crate) fn catalog(&self) -> &'a Catalog {
        self.catalog
    }

    pub(crate) fn today(&self) -> Date {
        self.today
    }

    pub(crate) fn localize(&self) -> Localize<'a> {
        self.l
    }

    fn procedure(&self, id: &str) -> Result<&'a Procedure, ProcedureError> {
        self.catalog
            .get(id)
            .ok_or_else(|| ProcedureError::UnknownProcedure(Excerpt(id).owned()))
    }

    fn of(&self, draft: &Draft) -> Result<&'a Procedure, ProcedureError> {
        self.procedure(&draft.procedure_id)
    }

    /// The start page of a procedure.
    pub fn start_page(&self, procedure_id: &str) -> Result<view::StartPage, ProcedureError> {
        Ok(view::start_page(self.procedure(procedure_id)?, self.l))
    }

    /// "Start now": a new draft at the first page (or the task list).
    pub fn start(&self, procedure_id: &str) -> Result<Draft, ProcedureError> {
        let procedure = self.procedure(procedure_id)?;
        let answers = Answers::new();
        let eval = Evaluation::new(procedure, &answers, self.today);
        let position = if procedure.task_list {
            Position::TaskList
        } else {
            match eval.route.pages.first() {
                Some(&p) => Position::Page {
                    page_id: procedure.pages[p].id.to_string(),
                },
                None => Position::CheckAnswers,
            }
        };
        Ok(Draft {
            procedure_id: procedure.id.to_string(),
            procedure_version: procedure.version.clone(),
            answers,
            position,
            completed_pages: BTreeSet::new(),
            return_to_check_answers: false,
            from_my_details: BTreeSet::new(),
        })
    }

    /// What to show for the draft where it stands.
    pub fn screen(&self, draft: &Draft) -> Result<ProcedureScreen, ProcedureError> {
        let procedure = self.of(draft)?;
        Ok(match &draft.position {
            Position::Start => ProcedureScreen::Start(view::start_page(procedure, self.l)),
            Position::TaskList => ProcedureScreen::TaskList(self.task_list(draft)?),
            Position::Page { page_id } => {
                ProcedureScreen::Question(self.page_view(draft, page_id)?)
            }
            Position::Exit { page_id } => {
                let exit = procedure
                    .exit_index(page_id)
                    .ok_or_else(|| unknown_page(procedure, page_id))?;
                let eval = Evaluation::new(procedure, &draft.answers, self.today);
                ProcedureScreen::Exit(view::exit_page(&eval, exit, self.l))
            }
            Position::CheckAnswers => {
                ProcedureScreen::CheckAnswers(self.summary_in(draft, SummaryLayout::Short)?)
            }
        })
    }

    /// Where the draft stands on the citizen's route, as "My drafts" shows it: on a
    /// question page, its step `(current, total)`; elsewhere `None`. Saving a draft
    /// needs only this, so no page (and none of its texts) is built for it.
    pub fn progress(&self, draft: &Draft) -> Result<Option<(u32, u32)>, ProcedureError> {
        let Position::Page { page_id } = &draft.position else {
            return Ok(None);
        };
        let procedure = self.of(draft)?;
        let page = procedure
            .page_index(page_id)
            .ok_or_else(|| unknown_page(procedure, page_id))?;
        let eval = Evaluation::new(procedure, &draft.answers, self.today);
        let route = &eval.route.pages;
        let current = route.iter().position(|&p| p == page).map_or(0, |i| i + 1);
        Ok(Some((current as u32, route.len() as u32)))
    }

    /// A question page with the draft's answers, without errors (as first shown).
    pub fn page_view(&self, draft: &Draft, page_id: &str) -> Result<PageView, ProcedureError> {
        self.build_page(draft, page_id, false)
    }

    /// A question page with its errors, as after "Continue"; for checking as one types.
    pub fn validated_page_view(
        &self,
        draft: &Draft,
        page_id: &str,
    ) -> Result<PageView, ProcedureError> {
        self.build_page(draft, page_id, true)
    }

    fn build_page(
        &self,
        draft: &Draft,
        page_id: &str,
        show_errors: bool,
    ) -> Result<PageView, ProcedureError> {
        let procedure = self.of(draft)?;
        let page = procedure
            .page_index(page_id)
            .ok_or_else(|| unknown_page(procedure, page_id))?;
        let mut eval = Evaluation::new(procedure, &draft.answers, self.today);
        let mut view = PageBuilder {
            eval: &mut eval,
            l: self.l,
            show_errors,
        }
        .page(page);
        view.from_my_details = draft.page_from_my_details(procedure, page);
        Ok(view)
    }

    /// Stores the answers of one page exactly as given (autosave; no validation).
    /// `answers` holds the page's questions by FIM id; questions left out keep their
    /// stored answers. Answers to other pages are refused. A typed answer longer than
    /// [`MAX_ANSWER_BYTES`] (a huge paste) is stored cut to that size: validation then
    /// says the field's own limit ("… must be 120 characters or fewer") beside the field,
    /// and neither the draft nor the page sent back holds the whole paste. Other
    /// absurdly large answers (thousands of codes, a file name of megabytes) are refused.
    pub fn set_answers(
        &self,
        draft: &mut Draft,
        page_id: &str,
        mut answers: Answers,
    ) -> Result<(), ProcedureError> {
        for answer in answers.values_mut() {
            cut_typed_text(answer);
        }
        let procedure = self.of(draft)?;
        let page = procedure
            .page_index(page_id)
            .ok_or_else(|| unknown_page(procedure, page_id))?;
        for (key, answer) in &answers {
            let node = procedure.pages[page]
                .items
                .iter()
                .copied()
                .find(|&n| &procedure.nodes[n].key == key)
                .ok_or_else(|| ProcedureError::UnknownAnswer {
                    page: page_id.to_owned(),
                    key: Excerpt(key).owned(),
                })?;
            check_shape(procedure, node, key, answer)?;
        }
        // An answer the citizen changed is theirs now, not My details'.
        for (key, answer) in &answers {
            if draft.answers.get(key) != Some(answer) {
                draft.from_my_details.remove(key);
            }
        }
        draft.answers.extend(answers);
        Ok(())
    }

    /// Whether a draft from outside this session (the vault, an import file) is one
    /// this engine could have made: its answers pass the checks `set_answers` applies
    /// (each to a question of the procedure, of the question's shape, within the size
    /// limits), and where it stands and what it completed are pages of the procedure.
    pub fn check_draft(&self, draft: &Draft) -> Result<(), ProcedureError> {
        let procedure = self.of(draft)?;
        for (key, answer) in &draft.answers {
            let node = procedure
                .pages
                .iter()
                .flat_map(|page| page.items.iter().copied())
                .find(|&n| &procedure.nodes[n].key == key)
                .ok_or_else(|| ProcedureError::UnknownAnswer {
                    page: String::new(),
                    key: Excerpt(key).owned(),
                })?;
            check_shape(procedure, node, key, answer)?;
        }
        match &draft.position {
            Position::Page { page_id } if procedure.page_index(page_id).is_none() => {
                return Err(unknown_page(procedure, page_id));
            }
            Position::Exit { page_id } if procedure.exit_index(page_id).is_none() => {
                return Err(unknown_page(procedure, page_id));
            }
            _ => {}
        }
        if let Some(page_id) = draft
            .completed_pages
            .iter()
            .find(|id| procedure.page_index(id).is_none())
        {
            return Err(unknown_page(procedure, page_id));
        }
        if let Some(key) = draft
            .from_my_details
            .iter()
            .find(|key| !draft.answers.contains_key(*key))
        {
            return Err(ProcedureError::UnknownAnswer {
                page: String::new(),
                key: Excerpt(key).owned(),
            });
        }
        Ok(())
    }

    /// "Continue" on a page: stores its answers, validates it, and moves on when valid.
    pub fn continue_(
        &self,
        draft: &mut Draft,
        page_id: &str,
        answers: Answers,
    ) -> Result<Continue, ProcedureError> {
        self.set_answers(draft, page_id, answers)?;
        let procedure = self.of(draft)?;
        let page = procedure
            .page_index(page_id)
            .ok_or_else(|| unknown_page(procedure, page_id))?;
        let mut eval = Evaluation::new(procedure, &draft.answers, self.today);
        let Some(at) = eval.route.pages.iter().position(|&p| p == page) else {
            // The page is no longer on the route (an earlier answer changed): show where
            // the draft stands instead of validating a page that no longer counts.
            return Ok(Continue::Next(self.screen(draft)?));
        };
        if !eval.page_issues(page).is_empty() {
            draft.position = Position::Page {
                page_id: page_id.to_owned(),
            };
            let mut view = PageBuilder {
                eval: &mut eval,
                l: self.l,
                show_errors: true,
            }
            .page(page);
            view.from_my_details = draft.page_from_my_details(procedure, page);
            return Ok(Continue::Invalid(view));
        }
        draft.completed_pages.insert(page_id.to_owned());
        let route = eval.route.pages.clone();
        let next = route.get(at + 1).copied();
        draft.position = if draft.return_to_check_answers {
            // After a change, go through new or unfinished pages, then back to the summary.
            let pending = route[at + 1..].iter().copied().find(|&p| {
                !draft
                    .completed_pages
                    .contains(procedure.pages[p].id.as_str())
                    || !eval.page_issues(p).is_empty()
            });
            match (pending, &eval.route.end) {
                (Some(p), _) => Position::Page {
                    page_id: procedure.pages[p].id.to_string(),
                },
                (None, End::Exit(e)) => Position::Exit {
                    page_id: procedure.exits[*e].id.to_string(),
                },
                (None, End::CheckAnswers) => {
                    draft.return_to_check_answers = false;
                    Position::CheckAnswers
                }
            }
        } else {
            match (next, &eval.route.end) {
                (Some(p), _)
                    if procedure.task_list
                        && procedure.pages[p].section != procedure.pages[page].section =>
                {
                    Position::TaskList
                }
                (Some(p), _) => Position::Page {
                    page_id: procedure.pages[p].id.to_string(),
                },
                (None, End::Exit(e)) => Position::Exit {
                    page_id: procedure.exits[*e].id.to_string(),
                },
                (None, End::CheckAnswers) if procedure.task_list => Position::TaskList,
                (None, End::CheckAnswers) => Position::CheckAnswers,
            }
        };
        Ok(Continue::Next(self.screen(draft)?))
    }

    /// "Back": the previous page on the route (or the task list, or the start page).
    pub fn back(&self, draft: &mut Draft) -> Result<ProcedureScreen, ProcedureError> {
        let procedure = self.of(draft)?;
        let eval = Evaluation::new(procedure, &draft.answers, self.today);
        let route = &eval.route.pages;
        let page_position = |p: usize| Position::Page {
            page_id: procedure.pages[p].id.to_string(),
        };
        let home = if procedure.task_list {
            Position::TaskList
        } else {
            Position::Start
        };
        draft.position = match &draft.position {
            Position::Page { .. } if draft.return_to_check_answers => {
                draft.return_to_check_answers = false;
                Position::CheckAnswers
            }
            Position::Page { page_id } => {
                let page = procedure.page_index(page_id);
                match route.iter().position(|&p| Some(p) == page) {
                    Some(i) if i > 0 => {
                        let previous = route[i - 1];
                        if procedure.task_list
                            && Some(procedure.pages[previous].section)
                                != page.map(|p| procedure.pages[p].section)
                        {
                            Position::TaskList
                        } else {
                            page_position(previous)
                        }
                    }
                    _ => home,
                }
            }
            Position::Exit { .. } => route.last().map_or(home, |&p| page_position(p)),
            Position::CheckAnswers if procedure.task_list => Position::TaskList,
            Position::CheckAnswers => route.last().map_or(home, |&p| page_position(p)),
            Position::TaskList | Position::Start => Position::Start,
        };
        self.screen(draft)
    }

    /// Opens a page directly: a "Change" link of the summary, a task of the task list,
    /// a link of the error summary. From check your answers, "Continue" comes back there.
    pub fn go_to(
        &self,
        draft: &mut Draft,
        page_id: &str,
    ) -> Result<ProcedureScreen, ProcedureError> {
        let procedure = self.of(draft)?;
        let page = procedure
            .page_index(page_id)
            .ok_or_else(|| unknown_page(procedure, page_id))?;
        let eval = Evaluation::new(procedure, &draft.answers, self.today);
        if !eval.on_route(page) {
            return Err(unknown_page(procedure, page_id));
        }
        draft.return_to_check_answers = matches!(draft.position, Position::CheckAnswers);
        draft.position = Position::Page {
            page_id: page_id.to_owned(),
        };
        self.screen(draft)
    }

    /// Opens check your answers (from the task list).
    pub fn check_answers(&self, draft: &mut Draft) -> Result<Summary, ProcedureError> {
        draft.position = Position::CheckAnswers;
        draft.return_to_check_answers = false;
        self.summary_in(draft, SummaryLayout::Short)
    }

    /// The task list: sections and their status.
    pub fn task_list(&self, draft: &Draft) -> Result<TaskListView, ProcedureError> {
        let procedure = self.of(draft)?;
        let mut eval = Evaluation::new(procedure, &draft.answers, self.today);
        let route = eval.route.pages.clone();
        let mut statuses: Vec<Option<SectionStatus>> = vec![None; procedure.sections.len()];
        let mut sections = Vec::new();
        for (s, section) in procedure.sections.iter().enumerate() {
            let pages: Vec<usize> = route
                .iter()
                .copied()
                .filter(|&p| procedure.pages[p].section == s)
                .collect();
            let Some(&first) = pages.first() else {
                continue;
            };
            let completed = pages.iter().all(|&p| {
                draft
                    .completed_pages
                    .contains(procedure.pages[p].id.as_str())
                    && eval.page_issues(p).is_empty()
            });
            let started = pages.iter().any(|&p| {
                draft
                    .completed_pages
                    .contains(procedure.pages[p].id.as_str())
                    || procedure.pages[p]
                        .items
                        .iter()
                        .any(|&n| draft.answers.contains_key(&procedure.nodes[n].key))
            });
            let blocked = section
                .after
                .iter()
                .any(|&a| statuses[a] != Some(SectionStatus::Completed) && statuses[a].is_some());
            let status = if blocked {
                SectionStatus::CannotStartYet
            } else if completed {
                SectionStatus::Completed
            } else if started {
                SectionStatus::InProgress
            } else {
                SectionStatus::NotStarted
            };
            statuses[s] = Some(status);
            let status_id = match status {
                SectionStatus::NotStarted => "procedure-status-not-started",
                SectionStatus::InProgress => "procedure-status-in-progress",
                SectionStatus::Completed => "procedure-status-completed",
                SectionStatus::CannotStartYet => "procedure-status-cannot-start-yet",
            };
            sections.push(TaskListSection {
                section_id: section.id.to_string(),
                title: self.l.get(section.title.as_str()),
                status,
                status_text: self.l.get(status_id),
                first_page_id: (status != SectionStatus::CannotStartYet)
                    .then(|| procedure.pages[first].id.to_string()),
            });
        }
        let completed = sections
            .iter()
            .filter(|s| s.status == SectionStatus::Completed)
            .count() as u32;
        let total = sections.len() as u32;
        Ok(TaskListView {
            procedure_id: procedure.id.to_string(),
            title: self.l.get(procedure.title.as_str()),
            sections,
            completed,
            total,
            can_check_answers: completed == total && matches!(eval.route.end, End::CheckAnswers),
        })
    }

    /// Every answer on the route, by section, each on its own row: what the printout
    /// shows (check your answers shows the same answers shorter).
    pub fn summary(&self, draft: &Draft) -> Result<Summary, ProcedureError> {
        self.summary_in(draft, SummaryLayout::Full)
    }

    fn summary_in(&self, draft: &Draft, layout: SummaryLayout) -> Result<Summary, ProcedureError> {
        let procedure = self.of(draft)?;
        let mut eval = Evaluation::new(procedure, &draft.answers, self.today);
        Ok(view::summary(&mut eval, self.l, layout))
    }

    /// Every open problem of the whole application, with the page to fix each on.
    pub fn validate(&self, draft: &Draft) -> Result<Vec<view::ErrorLink>, ProcedureError> {
        let procedure = self.of(draft)?;
        let mut eval = Evaluation::new(procedure, &draft.answers, self.today);
        Ok(view::all_errors(&mut eval, self.l))
    }

    /// The data to submit and its schema; only for a complete, valid application.
    pub fn submission(&self, draft: &Draft) -> Result<Submission, ProcedureError> {
        let procedure = self.of(draft)?;
        let mut eval = Evaluation::new(procedure, &draft.answers, self.today);
        if let End::Exit(e) = eval.route.end {
            return Err(ProcedureError::Exited(procedure.exits[e].id.to_string()));
        }
        let errors = view::all_errors(&mut eval, self.l);
        if !errors.is_empty() {
            return Err(ProcedureError::Incomplete {
                count: errors.len(),
            });
        }
        Ok(Submission {
            procedure_id: procedure.id.to_string(),
            procedure_version: procedure.version.clone(),
            leika: procedure.leika.to_string(),
            data: crate::submission::data(&mut eval),
            schema: procedure.data_schema(),
        })
    }
}

fn unknown_page(procedure: &Procedure, page: &str) -> ProcedureError {
    ProcedureError::UnknownPage {
        procedure: procedure.id.to_string(),
        page: Excerpt(page).owned(),
    }
}

/// Cuts every typed text of an answer (inside group instances too) to at most
/// [`MAX_ANSWER_BYTES`], at a character boundary.
fn cut_typed_text(answer: &mut Answer) {
    match answer {
        Answer::Text(text) if text.len() > MAX_ANSWER_BYTES => {
            let mut end = MAX_ANSWER_BYTES;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.truncate(end);
        }
        Answer::Group(instances) => {
            for instance in instances {
                for child in instance.values_mut() {
                    cut_typed_text(child);
                }
            }
        }
        Answer::Text(_) | Answer::Choices(_) | Answer::File(_) => {}
    }
}

/// Refuses answers that cannot belong to the question at all, before they are stored.
fn check_shape(
    procedure: &Procedure,
    node: NodeId,
    key: &str,
    answer: &Answer,
) -> Result<(), ProcedureError> {
    use crate::definition::FieldKind;
    let shape = |problem: &str| ProcedureError::AnswerShape {
        key: key.to_owned(),
        problem: problem.to_owned(),
    };
    let too_large = |bytes: usize| ProcedureError::AnswerTooLarge {
        key: key.to_owned(),
        bytes,
        limit: MAX_ANSWER_BYTES,
    };
    match (&procedure.nodes[node].item, answer) {
        (NodeItem::Group(group), Answer::Group(instances)) => {
            if instances.len() > group.max as usize {
                return Err(shape(&format!(
                    "{} instances, at most {} allowed",
                    instances.len(),
                    group.max
                )));
            }
            if !group.repeatable() && instances.len() != 1 {
                return Err(shape(
                    "a group that does not repeat has exactly one instance",
                ));
            }
            for instance in instances {
                for (child_key, child) in instance {
                    let child_node = group
                        .children
                        .iter()
                        .copied()
                        .find(|&c| &procedure.nodes[c].key == child_key)
                        .ok_or_else(|| {
                            shape(&format!("the group has no question {}", Excerpt(child_key)))
                        })?;
                    check_shape(procedure, child_node, &format!("{key}.{child_key}"), child)?;
                }
            }
            Ok(())
        }
        (NodeItem::Group(_), _) => Err(shape("a group takes a list of instances")),
        (NodeItem::Field(field), answer) => match (&field.kind, answer) {
            (FieldKind::ReadOnly { .. } | FieldKind::Calculated { .. }, _) => {
                Err(shape("this field takes no answer"))
            }
            (FieldKind::MultipleChoice { .. }, Answer::Choices(codes)) => {
                let bytes: usize = codes.iter().map(String::len).sum();
                if bytes > MAX_ANSWER_BYTES || codes.len() > 1_000 {
                    return Err(too_large(bytes));
                }
                Ok(())
            }
            (FieldKind::File { .. }, Answer::File(file)) => {
                let bytes = file.id.len() + file.name.len() + file.media_type.len();
                if bytes > MAX_ANSWER_BYTES {
                    Err(too_large(bytes))
                } else {
                    Ok(())
                }
            }
            (FieldKind::MultipleChoice { .. }, _) => {
                Err(shape("a multiple-choice field takes a list of codes"))
            }
            (FieldKind::File { .. }, _) => Err(shape("a file field takes a file")),
            (_, Answer::Text(text)) if text.len() > MAX_ANSWER_BYTES => Err(too_large(text.len())),
            (_, Answer::Text(_)) => Ok(()),
            (_, _) => Err(shape("this field takes text")),
        },
    }
}
