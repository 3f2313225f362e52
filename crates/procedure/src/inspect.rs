//! Inspection of a loaded procedure for authoring tools (`amtsweg-dev catalog check`):
//! where each message id is used and which variables the engine passes it, and which
//! pages no route can reach. Nothing here runs while a citizen fills in a form.
//!
//! Places are JSON paths in the definition's file (`sections[0].pages[2].title`), the
//! same paths load errors use, so a tool maps both to lines the same way.

use crate::Date;
use crate::answer::{Answer, derive};
use crate::definition::{ErrorKind, FieldKind};
use crate::eval::to_val;
use crate::ids::{MessageId, PageId};
use crate::procedure::{NodeItem, Procedure, Target};
use crate::rule::{Env, Expr, NodeId, Op, Scope, Val, eval, visit_vars};

/// One place where a definition names a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageUse {
    pub id: MessageId,
    /// JSON path of the property that names the message.
    pub path: String,
    /// The Fluent variables the engine passes when it formats the message here; a
    /// message reading any other variable shows an error marker instead of a value.
    pub variables: &'static [&'static str],
}

/// A field's example answer that the field itself refuses on some day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedExample {
    /// The field's FIM id.
    pub field: String,
    /// JSON path of the example (`sections[1].pages[0].items[0].example`).
    pub path: String,
    /// The day on which it is refused.
    pub today: Date,
    /// The example as the citizen would type it that day.
    pub answer: String,
    /// What refuses it: the error kind (`date-too-early`) or the check's message id.
    pub reason: String,
}

/// A page that no answers can bring onto the route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreachablePage {
    pub page: PageId,
    /// JSON path of the page (`sections[1].pages[0]`).
    pub path: String,
    /// Why, in an author's words.
    pub reason: String,
}

impl ErrorKind {
    /// The Fluent variables the engine passes to this kind's message besides `$label`
    /// (`validation-too-long` gets `$max`). An author's replacement message (`messages`)
    /// may use these and `$label`.
    pub fn arguments(self) -> &'static [&'static str] {
        match self {
            ErrorKind::TooShort | ErrorKind::TooSmall | ErrorKind::TooFewChoices => &["min"],
            ErrorKind::TooLong
            | ErrorKind::TooManyDecimals
            | ErrorKind::TooLarge
            | ErrorKind::TooManyChoices
            | ErrorKind::FileSize
            | ErrorKind::TooManyInstances => &["max"],
            ErrorKind::DateTooEarly | ErrorKind::DateTooLate => &["date"],
            ErrorKind::FileType => &["types"],
            ErrorKind::IbanLength => &["country", "length"],
            ErrorKind::Required
            | ErrorKind::Pattern
            | ErrorKind::Integer
            | ErrorKind::Decimal
            | ErrorKind::Money
            | ErrorKind::Date
            | ErrorKind::DateNotReal
            | ErrorKind::DateYear
            | ErrorKind::YesNo
            | ErrorKind::Option
            | ErrorKind::Email
            | ErrorKind::Phone
            | ErrorKind::Postcode
            | ErrorKind::IbanFormat
            | ErrorKind::IbanChecksum
            | ErrorKind::TaxIdFormat
            | ErrorKind::TaxIdDigits
            | ErrorKind::TaxIdChecksum
            | ErrorKind::Check
            | ErrorKind::AnswerShape => &[],
        }
    }
}

/// `$label` plus the kind's own arguments, as one static list per kind.
fn error_variables(kind: ErrorKind) -> &'static [&'static str] {
    match kind.arguments() {
        ["min"] => &["label", "min"],
        ["max"] => &["label", "max"],
        ["date"] => &["label", "date"],
        ["types"] => &["label", "types"],
        ["country", "length"] => &["label", "country", "length"],
        _ => &["label"],
    }
}

const NONE: &[&str] = &[];

/// Rules read only the one field whose example is checked; every other field is
/// unanswered.
struct OnlyExample {
    node: NodeId,
    value: Val,
}

impl Env for OnlyExample {
    fn value(&mut self, node: NodeId, _: &mut Scope) -> Val {
        if node == self.node {
            self.value.clone()
        } else {
            Val::Null
        }
    }

    fn instances(&mut self, _: NodeId, _: &mut Scope) -> u32 {
        0
    }
}

impl Procedure {
    /// Examples (`example`) a field refuses on one of `todays`: by its kind and limits
    /// (earliest and latest date, length, pattern, range) and by those of its checks
    /// that read no other field (a check comparing with another answer cannot be
    /// decided from the example alone).
    pub fn refused_examples(&self, todays: &[Date]) -> Vec<RefusedExample> {
        let mut out = Vec::new();
        for (node, n) in self.nodes.iter().enumerate() {
            let Some(field) = n.field() else {
                continue;
            };
            for &today in todays {
                let Some(answer) = field.example_answer(today) else {
                    break;
                };
                let refuse = |reason: String| RefusedExample {
                    field: n.key.clone(),
                    path: format!("{}.example", n.location),
                    today,
                    answer: answer.clone(),
                    reason,
                };
                let typed = match derive(self, field, Some(&Answer::Text(answer.clone())), today) {
                    Ok(Some(typed)) => typed,
                    Ok(None) => {
                        out.push(refuse("it is empty".into()));
                        continue;
                    }
                    Err(problem) => {
                        let id = problem.kind.message_id();
                        out.push(refuse(id.trim_start_matches("validation-").to_owned()));
                        continue;
                    }
                };
                for check in &field.common.checks {
                    let mut rule = check.rule.clone();
                    let mut own = true;
                    let _ = visit_vars::<()>(rule.expr_mut(), &mut Vec::new(), &mut |e, _, _| {
                        if let Expr::Var { target, .. } = e {
                            own &= *target == Some(node);
                        }
                        Ok(())
                    });
                    let mut env = OnlyExample {
                        node,
                        value: to_val(typed.clone()),
                    };
                    if own && !eval(&rule.expr, &mut env, &mut Vec::new()).truthy() {
                        out.push(refuse(format!("check `{}`", check.message)));
                    }
                }
            }
        }
        out
    }

    /// Every place the definition names a message, in file order (start facts, code
    /// lists, exits, then sections with their pages and questions).
    pub fn message_uses(&self) -> Vec<MessageUse> {
        let mut uses = Vec::new();
        let mut add = |id: &MessageId, path: String, variables: &'static [&'static str]| {
            uses.push(MessageUse {
                id: id.clone(),
                path,
                variables,
            });
        };
        add(&self.title, "title".into(), NONE);
        if let Some(k) = &self.keywords {
            add(k, "keywords".into(), NONE);
        }
        let s = &self.start;
        for (name, id) in [
            ("summary", &s.summary),
            ("whoMayApply", &s.who_may_apply),
            ("duration", &s.duration),
            ("fees", &s.fees),
            ("legalBasis", &s.legal_basis),
        ] {
            add(id, format!("start.{name}"), NONE);
        }
        for (i, id) in s.what_you_need.iter().enumerate() {
            add(id, format!("start.whatYouNeed[{i}]"), NONE);
        }
        for (i, list_id) in self.code_list_order.iter().enumerate() {
            if let Some(list) = self.code_lists.get(list_id) {
                for (j, entry) in list.entries.iter().enumerate() {
                    add(
                        &entry.label,
                        format!("codeLists[{i}].entries[{j}].label"),
                        NONE,
                    );
                }
            }
        }
        for (i, exit) in self.exits.iter().enumerate() {
            add(&exit.title, format!("exits[{i}].title"), NONE);
            add(&exit.body, format!("exits[{i}].body"), NONE);
        }
        for (si, section) in self.sections.iter().enumerate() {
            add(&section.title, format!("sections[{si}].title"), NONE);
            for p in section.pages.clone() {
                let page = &self.pages[p];
                let path = self.page_path(p);
                if let Some(t) = &page.title {
                    add(t, format!("{path}.title"), NONE);
                }
                if let Some(h) = &page.hint {
                    add(h, format!("{path}.hint"), NONE);
                }
                // Nodes are stored depth first in file order, page by page.
                for node in self.nodes.iter().filter(|n| n.page == p) {
                    let at = &node.location;
                    match &node.item {
                        NodeItem::Field(f) => {
                            add(&f.common.label, format!("{at}.label"), NONE);
                            if let Some(h) = &f.common.hint {
                                let variables = if f.example.is_some() {
                                    &["example"][..]
                                } else {
                                    NONE
                                };
                                add(h, format!("{at}.hint"), variables);
                            }
                            for (i, check) in f.common.checks.iter().enumerate() {
                                add(
                                    &check.message,
                                    format!("{at}.checks[{i}].message"),
                                    &["label"],
                                );
                            }
                            for (kind, id) in &f.common.messages {
                                let key = kind.message_id();
                                let key = key.trim_start_matches("validation-");
                                add(id, format!("{at}.messages.{key}"), error_variables(*kind));
                            }
                            if let FieldKind::ReadOnly { text } = &f.kind {
                                add(text, format!("{at}.text"), NONE);
                            }
                        }
                        NodeItem::Group(g) => {
                            add(&g.label, format!("{at}.label"), NONE);
                            if let Some(h) = &g.hint {
                                add(h, format!("{at}.hint"), NONE);
                            }
                            if let Some(l) = &g.instance_label {
                                add(l, format!("{at}.instanceLabel"), &["number"]);
                            }
                            if let Some(l) = &g.add_label {
                                add(l, format!("{at}.addLabel"), NONE);
                            }
                        }
                    }
                }
            }
        }
        uses
    }

    /// Pages that no answers can bring onto the route, by a sound approximation: a page
    /// reported here is never shown, but not every such page is found.
    ///
    /// Rules without `var` are evaluated (`false`, `{"==": [1, 2]}`), and `and`/`or`/`!`
    /// fold around such constants (`{"and": [{"var": "F1"}, false]}` never holds); every
    /// other rule is taken as "may hold or not". Then every way through the pages is
    /// followed: sections and pages that may be hidden both ways, every branch that may
    /// match (and falling through unless an earlier branch always matches). A page none
    /// of these ways reaches is unreachable: hidden by a constant rule, skipped by a
    /// branch that always matches, or only after a page whose branches always lead to
    /// an exit page. Not found: rules that cannot hold for other reasons
    /// (`{"and": [{"==": [{"var": "F1"}, 1]}, {"==": [{"var": "F1"}, 2]}]}`, a field
    /// compared with a code its list lacks, a branch contradicting a visibility rule).
    pub fn unreachable_pages(&self) -> Vec<UnreachablePage> {
        let n = self.pages.len();
        let section_truth: Vec<Option<bool>> = self
            .sections
            .iter()
            .map(|s| s.visible.as_ref().map_or(Some(true), |r| truth(&r.expr)))
            .collect();
        let page_truth: Vec<Option<bool>> = self
            .pages
            .iter()
            .map(|p| p.visible.as_ref().map_or(Some(true), |r| truth(&r.expr)))
            .collect();

        // `at[p]`: the route computation may arrive at page p (before its visibility is
        // decided); `shown[p]`: p may be on the route. Branches only go forward, so one
        // pass in page order sees every arrival at p before leaving p.
        let mut at = vec![false; n + 1];
        let mut shown = vec![false; n];
        if n > 0 {
            at[0] = true;
        }
        for p in 0..n {
            if !at[p] {
                continue;
            }
            let page = &self.pages[p];
            let section = page.section;
            // Arriving in a hidden section (at its start or by a branch into it), the
            // route jumps to the section's end.
            if section_truth[section] != Some(true) {
                at[self.sections[section].pages.end] = true;
            }
            if section_truth[section] == Some(false) {
                continue;
            }
            match page_truth[p] {
                Some(false) => {
                    at[p + 1] = true;
                    continue;
                }
                None => at[p + 1] = true,
                Some(true) => {}
            }
            shown[p] = true;
            let mut always_taken = false;
            for (rule, target) in &page.next {
                match truth(&rule.expr) {
                    Some(false) => continue,
                    certain => {
                        if let Target::Page(t) = target {
                            at[*t] = true;
                        }
                        if certain == Some(true) {
                            always_taken = true;
                            break;
                        }
                    }
                }
            }
            if !always_taken {
                at[p + 1] = true;
            }
        }

        (0..n)
            .filter(|&p| !shown[p])
            .map(|p| {
                let page = &self.pages[p];
                let section = page.section;
                let reason = if section_truth[section] == Some(false) {
                    format!(
                        "its section `{}` has a `visible` rule that never holds",
                        self.sections[section].id
                    )
                } else if page_truth[p] == Some(false) {
                    "its `visible` rule never holds".to_owned()
                } else {
                    "no route leads to it: the pages before it always branch past it or to an exit page".to_owned()
                };
                UnreachablePage {
                    page: page.id.clone(),
                    path: self.page_path(p),
                    reason: format!("page `{}` can never be shown: {reason}", page.id),
                }
            })
            .collect()
    }

    /// Exit pages no branch that may match leads to, as (id, JSON path): a leftover, a
    /// `goto` naming another exit by mistake, or a branch whose rule never holds.
    pub fn unused_exits(&self) -> Vec<(PageId, String)> {
        self.exits
            .iter()
            .enumerate()
            .filter(|(e, _)| {
                !self
                    .pages
                    .iter()
                    .flat_map(|p| &p.next)
                    .any(|(rule, t)| *t == Target::Exit(*e) && truth(&rule.expr) != Some(false))
            })
            .map(|(e, exit)| (exit.id.clone(), format!("exits[{e}]")))
            .collect()
    }

    fn page_path(&self, p: usize) -> String {
        let section = self.pages[p].section;
        format!(
            "sections[{section}].pages[{}]",
            p - self.sections[section].pages.start
        )
    }
}

/// Whether a rule always holds (`Some(true)`), never holds (`Some(false)`) or depends on
/// answers (`None`).
fn truth(expr: &Expr) -> Option<bool> {
    if !reads_answers(expr) {
        return Some(eval(expr, &mut NoAnswers, &mut Scope::new()).truthy());
    }
    match expr {
        // `and` gives its first falsy operand (or the last): one operand that is always
        // falsy makes the whole falsy, whichever operand is returned.
        Expr::Op(Op::And, args) => {
            if args.iter().any(|a| truth(a) == Some(false)) {
                Some(false)
            } else {
                None
            }
        }
        Expr::Op(Op::Or, args) => {
            if args.iter().any(|a| truth(a) == Some(true)) {
                Some(true)
            } else {
                None
            }
        }
        Expr::Op(Op::Not, args) if args.len() == 1 => truth(&args[0]).map(|t| !t),
        Expr::Op(Op::Truthy, args) if args.len() == 1 => truth(&args[0]),
        _ => None,
    }
}

fn reads_answers(expr: &Expr) -> bool {
    match expr {
        Expr::Lit(_) => false,
        Expr::Var { .. } | Expr::Quant { .. } => true,
        Expr::List(items) | Expr::Op(_, items) => items.iter().any(reads_answers),
    }
}

/// The answers of a rule without `var`: there are none to read.
struct NoAnswers;

impl Env for NoAnswers {
    fn value(&mut self, _: NodeId, _: &mut Scope) -> Val {
        Val::Null
    }

    fn instances(&mut self, _: NodeId, _: &mut Scope) -> u32 {
        0
    }
}
