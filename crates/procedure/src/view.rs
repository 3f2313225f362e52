//! View models: everything a screen shows, already decided and localized. The UI renders
//! them and decides nothing. Every text is a plain string (answers and definition texts
//! alike), never markup: the UI must put them into the page as text.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Date;
use crate::answer::{Answer, Arg, Problem, Typed};
use crate::definition::{ErrorKind, FieldKind};
use crate::eval::{End, Evaluation, Issue};
use crate::procedure::{Field, NodeItem, Procedure};
use crate::rule::NodeId;
use crate::texts::{TextArg, Texts};

/// Formats texts for one locale.
#[derive(Clone, Copy)]
pub(crate) struct Localize<'a> {
    pub(crate) texts: &'a dyn Texts,
    pub(crate) locale: &'a str,
}

impl Localize<'_> {
    pub(crate) fn get(&self, id: &str) -> String {
        self.texts.text(self.locale, id, &[])
    }

    pub(crate) fn with(&self, id: &str, args: &[(&str, TextArg<'_>)]) -> String {
        self.texts.text(self.locale, id, args)
    }

    fn number(&self, whole: i64, decimals: Option<&str>) -> String {
        let digits = whole.unsigned_abs().to_string();
        let group = self.get("procedure-group-separator");
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(&group);
            }
            out.push(c);
        }
        if whole < 0 {
            out.insert(0, '-');
        }
        if let Some(d) = decimals {
            out.push_str(&self.get("procedure-decimal-separator"));
            out.push_str(d);
        }
        out
    }

    pub(crate) fn money(&self, cents: i64) -> String {
        let amount = self.number(cents / 100, Some(&format!("{:02}", (cents % 100).abs())));
        self.with("procedure-money", &[("amount", TextArg::Str(&amount))])
    }

    pub(crate) fn date(&self, date: Date) -> String {
        let month_name = self.get(&format!("procedure-month-{}", date.month()));
        self.with(
            "procedure-date",
            &[
                ("day", TextArg::Int(i64::from(date.day()))),
                ("month", TextArg::Int(i64::from(date.month()))),
                ("monthName", TextArg::Str(&month_name)),
                ("year", TextArg::Int(i64::from(date.year()))),
            ],
        )
    }
}

/// The start page of a procedure.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StartPage {
    pub procedure_id: String,
    pub title: String,
    pub summary: String,
    pub who_may_apply: String,
    pub what_you_need: Vec<String>,
    pub duration: String,
    pub fees: String,
    pub legal_basis: String,
    pub easy_language_url: Option<String>,
    pub has_task_list: bool,
    /// The LeiKa URN, for the record.
    pub leika: String,
    pub version: String,
}

/// "Step 2 of 5", counting only pages on the citizen's route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Step {
    pub current: u32,
    pub total: u32,
    pub text: String,
}

/// One question page.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PageView {
    pub procedure_id: String,
    pub procedure_title: String,
    pub page_id: String,
    pub section_id: String,
    pub section_title: String,
    /// The `<h1>`.
    pub heading: String,
    /// The heading is the only question's label: render the label (or legend) as the
    /// `<h1>` and do not repeat it.
    pub heading_is_label: bool,
    pub hint: Option<String>,
    pub step: Step,
    pub items: Vec<ItemView>,
    /// The error summary, in page order; empty unless "Continue" found problems.
    pub errors: Vec<ErrorLink>,
    /// The page "Back" leads to; `None`: the start page or the task list.
    pub back_page_id: Option<String>,
    /// Answers on this page were filled in from My details and not changed since: the
    /// page says so.
    pub from_my_details: bool,
}

/// A question or a group on a page.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "type", rename_all = "camelCase")]
#[ts(export)]
pub enum ItemView {
    Field(FieldView),
    Group(GroupView),
}

/// How a field is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum FieldViewKind {
    Text,
    LongText,
    Integer,
    Decimal,
    Money,
    Date,
    YesNo,
    Select,
    Radio,
    MultipleChoice,
    Email,
    Phone,
    Postcode,
    Iban,
    TaxId,
    File,
    ReadOnly,
    Calculated,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FieldView {
    /// Unique on the page (`G00000100.0.F00000013` inside a group instance): element ids,
    /// error-summary links.
    pub key: String,
    /// The FIM id: the key of this answer in the answers sent back.
    pub field_id: String,
    pub kind: FieldViewKind,
    pub label: String,
    pub hint: Option<String>,
    /// "optional", shown beside the label of an optional question.
    pub optional_marker: Option<String>,
    /// The answer exactly as given.
    pub answer: Option<Answer>,
    /// Read-only text, or a calculated value formatted for display.
    pub display: Option<String>,
    pub error: Option<FieldError>,
    /// Choices of select, radio, multiple-choice and yes/no fields.
    pub options: Vec<OptionView>,
    /// Accepted media types of a file field.
    pub accept: Vec<String>,
    #[ts(type = "number | null")]
    pub max_bytes: Option<u64>,
    pub max_length: Option<u32>,
    pub autocomplete: Option<String>,
    /// `inputmode` for on-screen keyboards.
    pub input_mode: Option<String>,
    /// Other questions on this page appear, disappear or are calculated from this
    /// answer: the UI stores it and shows the page again as soon as it changes.
    pub updates_page: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OptionView {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FieldError {
    pub kind: ErrorKind,
    /// How to fix it, e.g. "Enter a real date, like 29.02.2024".
    pub message: String,
}

/// A line of the error summary, linking to the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ErrorLink {
    pub key: String,
    pub message: String,
    /// The page the field is on (for whole-application checks).
    pub page_id: String,
}

/// A group of questions, possibly repeatable.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GroupView {
    pub key: String,
    pub group_id: String,
    pub label: String,
    pub hint: Option<String>,
    pub repeatable: bool,
    pub min: u32,
    pub max: u32,
    pub instances: Vec<GroupInstanceView>,
    pub can_add: bool,
    pub add_label: String,
    pub error: Option<FieldError>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GroupInstanceView {
    pub index: u32,
    /// "Dog 2".
    pub label: Option<String>,
    pub items: Vec<ItemView>,
    pub can_remove: bool,
    pub remove_label: String,
}

/// A page that ends the procedure early.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExitPageView {
    pub procedure_id: String,
    pub procedure_title: String,
    pub page_id: String,
    pub title: String,
    pub body: String,
    pub back_page_id: Option<String>,
}

/// Section status in the task list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum SectionStatus {
    NotStarted,
    InProgress,
    Completed,
    CannotStartYet,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TaskListSection {
    pub section_id: String,
    pub title: String,
    pub status: SectionStatus,
    pub status_text: String,
    /// Where "start" or "change" leads; `None` while it cannot start yet.
    pub first_page_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TaskListView {
    pub procedure_id: String,
    pub title: String,
    pub sections: Vec<TaskListSection>,
    pub completed: u32,
    pub total: u32,
    /// All sections completed: "Check your answers" is open.
    pub can_check_answers: bool,
}

/// Check your answers. Deserialize: an application keeps its summaries for the
/// citizen's PDF after it left the drafts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Summary {
    pub procedure_id: String,
    pub title: String,
    pub sections: Vec<SummarySection>,
    /// Problems still open (each links to its page); submission needs none.
    pub errors: Vec<ErrorLink>,
    pub can_submit: bool,
    /// The submit button names the action ("Submit application").
    pub submit_label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SummarySection {
    pub section_id: String,
    pub title: String,
    pub items: Vec<SummaryItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "camelCase")]
#[ts(export)]
pub enum SummaryItem {
    Row(SummaryRow),
    Group {
        key: String,
        label: String,
        instances: Vec<SummaryGroupInstance>,
        // serde's `rename_all` on an enum renames the variants, not their fields.
        #[serde(rename = "changePageId")]
        change_page_id: String,
    },
}

/// One instance of a group in the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SummaryGroupInstance {
    /// "Dog 1"; empty for a group that does not repeat.
    pub label: String,
    pub items: Vec<SummaryItem>,
    /// Check your answers: the instance is one block with one "Change" (its rows have
    /// none), which focuses this field, the instance's first. `None` in the printout,
    /// which shows every answer on its own, and for a group that does not repeat.
    #[serde(default)]
    pub change_focus: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SummaryRow {
    pub key: String,
    pub label: String,
    /// The answer formatted for display, one entry per line.
    pub value: Vec<String>,
    /// Shown as "Not provided" (the text is in `value`).
    pub not_provided: bool,
    /// The page with the "Change" link; `None` for calculated values.
    pub change_page_id: Option<String>,
    /// The field "Change" focuses on that page: the row's own, or the first of a group
    /// shown as one row (an address). Absent in summaries stored before it existed.
    #[serde(default)]
    pub change_focus: Option<String>,
}

/// How much of each answer a summary shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SummaryLayout {
    /// The printout: every answer on its own row, for the clerk and the keepsake.
    Full,
    /// Check your answers: a group of short answers (an address) is one row, and each
    /// instance of a repeating group (each dog) one block, each with one "Change", so the
    /// page is short and the submit button few keys away.
    Short,
}

/// What the UI shows for a draft at its position.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "screen", content = "view", rename_all = "camelCase")]
#[ts(export)]
pub enum ProcedureScreen {
    Start(StartPage),
    TaskList(TaskListView),
    Question(PageView),
    Exit(ExitPageView),
    CheckAnswers(Summary),
}

pub(crate) fn start_page(procedure: &Procedure, l: Localize<'_>) -> StartPage {
    let s = &procedure.start;
    StartPage {
        procedure_id: procedure.id.to_string(),
        title: l.get(procedure.title.as_str()),
        summary: l.get(s.summary.as_str()),
        who_may_apply: l.get(s.who_may_apply.as_str()),
        what_you_need: s.what_you_need.iter().map(|m| l.get(m.as_str())).collect(),
        duration: l.get(s.duration.as_str()),
        fees: l.get(s.fees.as_str()),
        legal_basis: l.get(s.legal_basis.as_str()),
        easy_language_url: s.easy_language_url.clone(),
        has_task_list: procedure.task_list,
        leika: procedure.leika.to_string(),
        version: procedure.version.clone(),
    }
}

pub(crate) fn key_of(procedure: &Procedure, node: NodeId, instance: &[u32]) -> String {
    let n = &procedure.nodes[node];
    let mut key = String::new();
    for (group, index) in n.groups.iter().zip(instance) {
        key.push_str(&procedure.nodes[*group].key);
        key.push('.');
        key.push_str(&index.to_string());
        key.push('.');
    }
    key.push_str(&n.key);
    key
}

fn arg_text(arg: &Arg, l: Localize<'_>) -> String {
    match arg {
        Arg::Int(n) => n.to_string(),
        Arg::Text(s) => s.clone(),
        Arg::Date(d) => l.date(*d),
        Arg::Money(c) => l.money(*c),
        Arg::Bytes(b) => {
            let mb = *b as f64 / 1_048_576.0;
            let whole = mb.trunc() as i64;
            let tenth = ((mb - mb.trunc()) * 10.0).round() as i64;
            if tenth == 0 {
                l.number(whole, None)
            } else {
                l.number(whole, Some(&tenth.to_string()))
            }
        }
    }
}

pub(crate) fn error_text(
    procedure: &Procedure,
    node: NodeId,
    issue: &Issue,
    l: Localize<'_>,
) -> FieldError {
    let n = &procedure.nodes[node];
    let label = match &n.item {
        NodeItem::Field(f) => l.get(f.common.label.as_str()),
        NodeItem::Group(g) => l.get(g.label.as_str()),
    };
    match issue {
        Issue::Check(message) => FieldError {
            kind: ErrorKind::Check,
            message: l.with(message.as_str(), &[("label", TextArg::Str(&label))]),
        },
        Issue::Problem(Problem { kind, args }) => {
            let id = n
                .field()
                .and_then(|f| f.common.messages.get(kind))
                .map(|m| m.as_str().to_owned())
                .unwrap_or_else(|| required_message(n.field(), *kind));
            let texts: Vec<(&str, String)> = args
                .iter()
                .map(|(name, arg)| (*name, arg_text(arg, l)))
                .collect();
            let mut all: Vec<(&str, TextArg<'_>)> = vec![("label", TextArg::Str(&label))];
            all.extend(texts.iter().map(|(name, text)| (*name, TextArg::Str(text))));
            FieldError {
                kind: *kind,
                message: l.with(&id, &all),
            }
        }
    }
}

/// "Enter …" for typed answers, "Select …" for choices, "Upload …" for files.
fn required_message(field: Option<&Field>, kind: ErrorKind) -> String {
    if kind == ErrorKind::Required {
        match field.map(|f| &f.kind) {
            Some(
                FieldKind::Select { .. }
                | FieldKind::Radio { .. }
                | FieldKind::MultipleChoice { .. }
                | FieldKind::YesNo {},
            ) => {
                return "validation-required-choice".to_owned();
            }
            Some(FieldKind::File { .. }) => return "validation-required-file".to_owned(),
            _ => {}
        }
    }
    kind.message_id()
}

pub(crate) struct PageBuilder<'e, 'a> {
    pub(crate) eval: &'e mut Evaluation<'a>,
    pub(crate) l: Localize<'a>,
    pub(crate) show_errors: bool,
}

impl PageBuilder<'_, '_> {
    pub(crate) fn page(&mut self, page: usize) -> PageView {
        let procedure = self.eval.procedure;
        let l = self.l;
        let p = &procedure.pages[page];
        let section = &procedure.sections[p.section];
        let route = self.eval.route.pages.clone();
        let position = route.iter().position(|&x| x == page);
        let total = route.len() as u32;
        let current = position.map_or(0, |i| i as u32 + 1);
        let items: Vec<ItemView> = p
            .items
            .iter()
            .filter_map(|&node| self.item(node, &[]))
            .collect();
        let mut errors = Vec::new();
        if self.show_errors {
            collect_errors(&items, p.id.as_str(), &mut errors);
        }
        let single = (p.items.len() == 1).then(|| p.items[0]);
        let (heading, heading_is_label) = match (&p.title, single) {
            (Some(title), _) => (l.get(title.as_str()), false),
            (None, Some(node)) => (
                match &procedure.nodes[node].item {
                    NodeItem::Field(f) => l.get(f.common.label.as_str()),
                    NodeItem::Group(g) => l.get(g.label.as_str()),
                },
                true,
            ),
            // Checked at load: a page without title has exactly one item.
            (None, None) => (String::new(), false),
        };
        let back_page_id = match position {
            Some(i) if i > 0 => {
                let previous = route[i - 1];
                // In a task list, "Back" from a section's first page returns to the list.
                (!procedure.task_list || procedure.pages[previous].section == p.section)
                    .then(|| procedure.pages[previous].id.to_string())
            }
            _ => None,
        };
        PageView {
            procedure_id: procedure.id.to_string(),
            procedure_title: l.get(procedure.title.as_str()),
            page_id: p.id.to_string(),
            section_id: section.id.to_string(),
            section_title: l.get(section.title.as_str()),
            heading,
            heading_is_label,
            hint: p.hint.as_ref().map(|h| l.get(h.as_str())),
            step: Step {
                current,
                total,
                text: l.with(
                    "procedure-step",
                    &[
                        ("current", TextArg::Int(i64::from(current))),
                        ("total", TextArg::Int(i64::from(total))),
                    ],
                ),
            },
            items,
            errors,
            back_page_id,
            from_my_details: false,
        }
    }

    fn item(&mut self, node: NodeId, instance: &[u32]) -> Option<ItemView> {
        if !self.eval.shown(node, instance) {
            return None;
        }
        let procedure = self.eval.procedure;
        let l = self.l;
        let key = key_of(procedure, node, instance);
        match &procedure.nodes[node].item {
            NodeItem::Group(group) => {
                let count = self.eval.displayed_count(node, instance);
                let mut instances = Vec::new();
                for i in 0..count {
                    let mut inner = instance.to_vec();
                    inner.push(i);
                    let items = group
                        .children
                        .iter()
                        .filter_map(|&c| self.item(c, &inner))
                        .collect();
                    let number = i64::from(i) + 1;
                    instances.push(GroupInstanceView {
                        index: i,
                        label: group.repeatable().then(|| match &group.instance_label {
                            Some(id) => l.with(id.as_str(), &[("number", TextArg::Int(number))]),
                            None => l.with(
                                "procedure-group-instance",
                                &[("number", TextArg::Int(number))],
                            ),
                        }),
                        items,
                        can_remove: group.repeatable() && count > group.min,
                        remove_label: remove_label(l, group.instance_label.as_ref(), number),
                    });
                }
                let error = if self.show_errors {
                    self.eval
                        .group_issue(node, instance)
                        .map(|i| error_text(procedure, node, &i, l))
                } else {
                    None
                };
                Some(ItemView::Group(GroupView {
                    key,
                    group_id: procedure.nodes[node].key.clone(),
                    label: l.get(group.label.as_str()),
                    hint: group.hint.as_ref().map(|h| l.get(h.as_str())),
                    repeatable: group.repeatable(),
                    min: group.min,
                    max: group.max,
                    instances,
                    can_add: group.repeatable() && count < group.max,
                    add_label: l.get(
                        group
                            .add_label
                            .as_ref()
                            .map_or("procedure-group-add", |m| m.as_str()),
                    ),
                    error,
                }))
            }
            NodeItem::Field(field) => {
                let error = if self.show_errors {
                    self.eval
                        .issue(node, instance)
                        .map(|i| error_text(procedure, node, &i, l))
                } else {
                    None
                };
                Some(ItemView::Field(
                    self.field(node, field, instance, key, error),
                ))
            }
        }
    }

    fn field(
        &mut self,
        node: NodeId,
        field: &Field,
        instance: &[u32],
        key: String,
        error: Option<FieldError>,
    ) -> FieldView {
        let procedure = self.eval.procedure;
        let l = self.l;
        let c = &field.common;
        let example = example_text(procedure, field, self.eval.today, l);
        let mut view = FieldView {
            key,
            field_id: c.id.to_string(),
            kind: view_kind(&field.kind),
            label: l.get(c.label.as_str()),
            hint: c.hint.as_ref().map(|h| match &example {
                Some(example) => l.with(h.as_str(), &[("example", TextArg::Str(example))]),
                None => l.get(h.as_str()),
            }),
            optional_marker: None,
            answer: self.eval.raw(node, instance).cloned(),
            display: None,
            error,
            options: Vec::new(),
            accept: Vec::new(),
            max_bytes: None,
            max_length: None,
            autocomplete: c.autocomplete.clone(),
            input_mode: None,
            updates_page: procedure.nodes[node].updates_page,
        };
        let takes_answer = !matches!(
            field.kind,
            FieldKind::ReadOnly { .. } | FieldKind::Calculated { .. }
        );
        if takes_answer && !self.eval.required(node, instance) {
            view.optional_marker = Some(l.get("procedure-optional"));
        }
        let options = |list: &crate::ids::CodeListId| -> Vec<OptionView> {
            procedure.code_lists[list]
                .entries
                .iter()
                .map(|e| OptionView {
                    code: e.code.clone(),
                    label: l.get(e.label.as_str()),
                })
                .collect()
        };
        match &field.kind {
            FieldKind::Select { code_list }
            | FieldKind::Radio { code_list }
            | FieldKind::MultipleChoice { code_list, .. } => {
                view.options = options(code_list);
            }
            FieldKind::YesNo {} => {
                view.options = vec![
                    OptionView {
                        code: "yes".into(),
                        label: l.get("procedure-yes"),
                    },
                    OptionView {
                        code: "no".into(),
                        label: l.get("procedure-no"),
                    },
                ];
            }
            FieldKind::File { attachment } => {
                let rule = &procedure.attachments[attachment];
                view.accept = rule.media_types.clone();
                view.max_bytes = Some(rule.max_bytes);
            }
            FieldKind::ReadOnly { text } => view.display = Some(l.get(text.as_str())),
            FieldKind::Calculated { .. } => {
                view.display = self
                    .eval
                    .calculated(node, instance)
                    .map(|t| display(procedure, &field.kind, &t, l).join("\n"));
            }
            FieldKind::Text { max_length, .. } => {
                view.max_length = Some(max_length.unwrap_or(crate::procedure::TEXT_LIMIT))
            }
            FieldKind::LongText { max_length, .. } => {
                view.max_length = Some(max_length.unwrap_or(crate::procedure::LONG_TEXT_LIMIT));
            }
            FieldKind::Integer { .. } | FieldKind::Postcode {} | FieldKind::TaxId {} => {
                view.input_mode = Some("numeric".into())
            }
            FieldKind::Decimal { .. } | FieldKind::Money { .. } => {
                view.input_mode = Some("decimal".into())
            }
            FieldKind::Email {} => view.input_mode = Some("email".into()),
            FieldKind::Phone {} => view.input_mode = Some("tel".into()),
            FieldKind::Date { .. } | FieldKind::Iban {} => {}
        }
        view
    }
}

/// A field's example as its hint shows it (`$example`): a date as it is typed
/// (`01.04.2025`, in German and English alike), a number or amount with the language's
/// separators, anything else as written in the definition.
pub(crate) fn example_text(
    procedure: &Procedure,
    field: &Field,
    today: Date,
    l: Localize<'_>,
) -> Option<String> {
    let answer = field.example_answer(today)?;
    let typed = crate::answer::derive(procedure, field, Some(&Answer::Text(answer.clone())), today);
    Some(match typed {
        Ok(Some(Typed::Date(d))) => format!("{:02}.{:02}.{:04}", d.day(), d.month(), d.year()),
        Ok(Some(Typed::Decimal(_, text))) => {
            let (whole, decimals) = text
                .split_once('.')
                .map_or((text.as_str(), None), |(w, d)| (w, Some(d)));
            l.number(whole.parse().unwrap_or(0), decimals)
        }
        Ok(Some(Typed::Money(cents))) if cents % 100 == 0 => l.number(cents / 100, None),
        Ok(Some(Typed::Money(cents))) => {
            l.number(cents / 100, Some(&format!("{:02}", (cents % 100).abs())))
        }
        // As written, also when refused: the checker names a refused example.
        _ => answer,
    })
}

fn collect_errors(items: &[ItemView], page_id: &str, out: &mut Vec<ErrorLink>) {
    for item in items {
        match item {
            ItemView::Field(f) => {
                if let Some(e) = &f.error {
                    out.push(ErrorLink {
                        key: f.key.clone(),
                        message: e.message.clone(),
                        page_id: page_id.to_owned(),
                    });
                }
            }
            ItemView::Group(g) => {
                if let Some(e) = &g.error {
                    out.push(ErrorLink {
                        key: g.key.clone(),
                        message: e.message.clone(),
                        page_id: page_id.to_owned(),
                    });
                }
                for instance in &g.instances {
                    collect_errors(&instance.items, page_id, out);
                }
            }
        }
    }
}

fn view_kind(kind: &FieldKind) -> FieldViewKind {
    match kind {
        FieldKind::Text { .. } => FieldViewKind::Text,
        FieldKind::LongText { .. } => FieldViewKind::LongText,
        FieldKind::Integer { .. } => FieldViewKind::Integer,
        FieldKind::Decimal { .. } => FieldViewKind::Decimal,
        FieldKind::Money { .. } => FieldViewKind::Money,
        FieldKind::Date { .. } => FieldViewKind::Date,
        FieldKind::YesNo {} => FieldViewKind::YesNo,
        FieldKind::Select { .. } => FieldViewKind::Select,
        FieldKind::Radio { .. } => FieldViewKind::Radio,
        FieldKind::MultipleChoice { .. } => FieldViewKind::MultipleChoice,
        FieldKind::Email {} => FieldViewKind::Email,
        FieldKind::Phone {} => FieldViewKind::Phone,
        FieldKind::Postcode {} => FieldViewKind::Postcode,
        FieldKind::Iban {} => FieldViewKind::Iban,
        FieldKind::TaxId {} => FieldViewKind::TaxId,
        FieldKind::File { .. } => FieldViewKind::File,
        FieldKind::ReadOnly { .. } => FieldViewKind::ReadOnly,
        FieldKind::Calculated { .. } => FieldViewKind::Calculated,
    }
}

/// A value formatted for reading, one entry per line.
pub(crate) fn display(
    procedure: &Procedure,
    kind: &FieldKind,
    value: &Typed,
    l: Localize<'_>,
) -> Vec<String> {
    match value {
        Typed::Text(s) => match kind {
            FieldKind::Iban {} => vec![
                s.as_bytes()
                    .chunks(4)
                    .map(|c| String::from_utf8_lossy(c).into_owned())
                    .collect::<Vec<_>>()
                    .join(" "),
            ],
            _ => s.lines().map(str::to_owned).collect(),
        },
        Typed::Integer(n) => vec![l.number(*n, None)],
        Typed::Decimal(_, text) => {
            let (whole, decimals) = text
                .split_once('.')
                .map_or((text.as_str(), None), |(w, d)| (w, Some(d)));
            vec![l.number(whole.parse().unwrap_or(0), decimals)]
        }
        Typed::Money(cents) => vec![l.money(*cents)],
        Typed::Date(d) => vec![l.date(*d)],
        Typed::Bool(b) => vec![l.get(if *b { "procedure-yes" } else { "procedure-no" })],
        Typed::Code(code) => vec![code_label(procedure, kind, code, l)],
        Typed::Codes(codes) => codes
            .iter()
            .map(|c| code_label(procedure, kind, c, l))
            .collect(),
        Typed::File(f) => vec![f.name.clone()],
    }
}

fn code_label(procedure: &Procedure, kind: &FieldKind, code: &str, l: Localize<'_>) -> String {
    let list = match kind {
        FieldKind::Select { code_list }
        | FieldKind::Radio { code_list }
        | FieldKind::MultipleChoice { code_list, .. } => code_list,
        _ => return code.to_owned(),
    };
    procedure.code_lists[list]
        .entries
        .iter()
        .find(|e| e.code == code)
        .map_or_else(|| code.to_owned(), |e| l.get(e.label.as_str()))
}

pub(crate) fn exit_page(eval: &Evaluation<'_>, exit: usize, l: Localize<'_>) -> ExitPageView {
    let procedure = eval.procedure;
    let e = &procedure.exits[exit];
    ExitPageView {
        procedure_id: procedure.id.to_string(),
        procedure_title: l.get(procedure.title.as_str()),
        page_id: e.id.to_string(),
        title: l.get(e.title.as_str()),
        body: l.get(e.body.as_str()),
        back_page_id: eval
            .route
            .pages
            .last()
            .map(|&p| procedure.pages[p].id.to_string()),
    }
}

/// Every open problem on the route, in order, with the page to fix it on.
pub(crate) fn all_errors(eval: &mut Evaluation<'_>, l: Localize<'_>) -> Vec<ErrorLink> {
    let procedure = eval.procedure;
    let mut out = Vec::new();
    for page in eval.route.pages.clone() {
        for (node, instance, issue) in eval.page_issues(page) {
            out.push(ErrorLink {
                key: key_of(procedure, node, &instance),
                message: error_text(procedure, node, &issue, l).message,
                page_id: procedure.pages[page].id.to_string(),
            });
        }
    }
    out
}

pub(crate) fn summary(
    eval: &mut Evaluation<'_>,
    l: Localize<'_>,
    layout: SummaryLayout,
) -> Summary {
    let procedure = eval.procedure;
    let mut sections: Vec<SummarySection> = Vec::new();
    for page in eval.route.pages.clone() {
        let p = &procedure.pages[page];
        let section = &procedure.sections[p.section];
        if sections
            .last()
            .is_none_or(|s| s.section_id != section.id.as_str())
        {
            sections.push(SummarySection {
                section_id: section.id.to_string(),
                title: l.get(section.title.as_str()),
                items: Vec::new(),
            });
        }
        let items: Vec<SummaryItem> = p
            .items
            .iter()
            .filter_map(|&node| summary_item(eval, node, &[], p.id.as_str(), l, layout))
            .collect();
        if let Some(last) = sections.last_mut() {
            last.items.extend(items);
        }
    }
    let errors = all_errors(eval, l);
    let exited = matches!(eval.route.end, End::Exit(_));
    Summary {
        procedure_id: procedure.id.to_string(),
        title: l.get(procedure.title.as_str()),
        sections,
        can_submit: errors.is_empty() && !exited,
        errors,
        submit_label: l.get("procedure-submit"),
    }
}

fn summary_item(
    eval: &mut Evaluation<'_>,
    node: NodeId,
    instance: &[u32],
    page_id: &str,
    l: Localize<'_>,
    layout: SummaryLayout,
) -> Option<SummaryItem> {
    if !eval.shown(node, instance) {
        return None;
    }
    let procedure = eval.procedure;
    let key = key_of(procedure, node, instance);
    if layout == SummaryLayout::Short
        && let NodeItem::Group(group) = &procedure.nodes[node].item
        && !group.repeatable()
        && let Some(short) = short_group(eval, node, instance, l)
    {
        let label = l.get(group.label.as_str());
        let not_provided = short.lines.is_empty();
        let value = if not_provided {
            vec![l.get("procedure-not-provided")]
        } else {
            short.lines
        };
        return Some(SummaryItem::Row(SummaryRow {
            key,
            label,
            value,
            not_provided,
            change_page_id: Some(page_id.to_owned()),
            change_focus: short.first,
        }));
    }
    match &procedure.nodes[node].item {
        NodeItem::Field(field) => {
            if matches!(field.kind, FieldKind::ReadOnly { .. }) {
                return None;
            }
            let calculated = matches!(field.kind, FieldKind::Calculated { .. });
            let value = eval.value(node, instance);
            let (value, not_provided) = match value {
                Some(v) => (display(procedure, &field.kind, &v, l), false),
                None => (vec![l.get("procedure-not-provided")], true),
            };
            Some(SummaryItem::Row(SummaryRow {
                label: l.get(field.common.label.as_str()),
                value,
                not_provided,
                change_page_id: (!calculated).then(|| page_id.to_owned()),
                change_focus: (!calculated).then(|| key.clone()),
                key,
            }))
        }
        NodeItem::Group(group) => {
            let mut instances = Vec::new();
            for i in 0..eval.validated_count(node, instance) {
                let mut inner = instance.to_vec();
                inner.push(i);
                let items = group
                    .children
                    .iter()
                    .filter_map(|&c| summary_item(eval, c, &inner, page_id, l, layout))
                    .collect::<Vec<_>>();
                let change_focus = (layout == SummaryLayout::Short && group.repeatable())
                    .then(|| first_change_focus(&items))
                    .flatten();
                let number = i64::from(i) + 1;
                let label = match (&group.instance_label, group.repeatable()) {
                    (Some(id), _) => l.with(id.as_str(), &[("number", TextArg::Int(number))]),
                    (None, true) => l.with(
                        "procedure-group-instance",
                        &[("number", TextArg::Int(number))],
                    ),
                    (None, false) => String::new(),
                };
                instances.push(SummaryGroupInstance {
                    label,
                    items,
                    change_focus,
                });
            }
            Some(SummaryItem::Group {
                key,
                label: l.get(group.label.as_str()),
                instances,
                change_page_id: page_id.to_owned(),
            })
        }
    }
}

/// "Remove 1st dog": the `.remove` attribute of the group's instance label names the item
/// (with its ordinal); a label without one gets the engine's "Remove entry 1".
fn remove_label(
    l: Localize<'_>,
    instance_label: Option<&crate::ids::MessageId>,
    number: i64,
) -> String {
    let args = [("number", TextArg::Int(number))];
    if let Some(id) = instance_label {
        let attribute = format!("{}.remove", id.as_str());
        let text = l.with(&attribute, &args);
        // A missing message formats as its own id.
        if text != attribute {
            return text;
        }
    }
    l.with("procedure-group-remove", &args)
}

/// A group shown as one row on check your answers: its answers' lines.
struct ShortGroup {
    /// One line per run of fields ("Musterstraße 1") and per inner group ("12345
    /// Musterstadt"); answers not given are left out.
    lines: Vec<String>,
    /// The group's first field, which "Change" focuses.
    first: Option<String>,
}

/// `group` (one instance, at `instance`) as one row, when every answer in it is short
/// text that reads without its label, as an address does; `None` otherwise (a yes/no,
/// a date or a choice needs its question beside it).
fn short_group(
    eval: &mut Evaluation<'_>,
    group: NodeId,
    instance: &[u32],
    l: Localize<'_>,
) -> Option<ShortGroup> {
    let procedure = eval.procedure;
    let NodeItem::Group(g) = &procedure.nodes[group].item else {
        return None;
    };
    if g.repeatable() || eval.validated_count(group, instance) != 1 {
        return None;
    }
    let mut inner = instance.to_vec();
    inner.push(0);
    let mut short = ShortGroup {
        lines: Vec::new(),
        first: None,
    };
    // Fields next to each other make one line: street, house number and addition.
    let mut run: Vec<String> = Vec::new();
    for &child in &g.children {
        if !eval.shown(child, &inner) {
            continue;
        }
        match &procedure.nodes[child].item {
            NodeItem::Field(field) => {
                if matches!(field.kind, FieldKind::ReadOnly { .. }) {
                    continue;
                }
                if !reads_alone(&field.kind) {
                    return None;
                }
                if short.first.is_none() {
                    short.first = Some(key_of(procedure, child, &inner));
                }
                if let Some(value) = eval.value(child, &inner) {
                    run.extend(display(procedure, &field.kind, &value, l));
                }
            }
            NodeItem::Group(_) => {
                let nested = short_group(eval, child, &inner, l)?;
                if !run.is_empty() {
                    short.lines.push(run.join(" "));
                    run.clear();
                }
                if short.first.is_none() {
                    short.first = nested.first;
                }
                short.lines.extend(nested.lines);
            }
        }
    }
    if !run.is_empty() {
        short.lines.push(run.join(" "));
    }
    Some(short)
}

/// An answer that is understood without its question beside it: a short name, a
/// street, a postcode, an email address, a phone number.
fn reads_alone(kind: &FieldKind) -> bool {
    match kind {
        FieldKind::Text { max_length, .. } => max_length.is_some_and(|m| m <= SHORT_TEXT),
        FieldKind::Postcode {} | FieldKind::Email {} | FieldKind::Phone {} => true,
        _ => false,
    }
}

/// The longest text answer that still fits a line of a group's row (an authority's name).
const SHORT_TEXT: u32 = 200;

/// The field a group instance's "Change" focuses: its first that can be changed.
fn first_change_focus(items: &[SummaryItem]) -> Option<String> {
    items.iter().find_map(|item| match item {
        SummaryItem::Row(row) => row.change_focus.clone(),
        SummaryItem::Group { instances, .. } => {
            instances.iter().find_map(|i| first_change_focus(&i.items))
        }
    })
}
