//! One evaluation of a procedure over a set of answers: the route through the pages,
//! what is shown, each field's derived value and its problems. Everything is computed
//! on demand and remembered for the evaluation's lifetime; the load-time checks
//! (rules read only their own and earlier pages, no cycles) make that terminate.
//!
//! A field that is not shown reads as `null` in rules, is not validated and is not
//! submitted, but its answer stays in the draft: hiding never loses input.

use std::collections::HashMap;

use crate::Date;
use crate::answer::{Answer, Answers, Problem, Typed, derive};
use crate::definition::{CalculatedType, ErrorKind, FieldKind};
use crate::ids::MessageId;
use crate::procedure::{NodeItem, Procedure, Target};
use crate::rule::{Env, NodeId, Rule, Scope, Val, eval};

/// Instance indices of a node's enclosing groups, outermost first.
pub(crate) type Instance = Vec<u32>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum End {
    CheckAnswers,
    Exit(usize),
}

#[derive(Debug, Clone)]
pub(crate) struct Route {
    pub(crate) pages: Vec<usize>,
    pub(crate) end: End,
}

/// What is wrong with one answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Issue {
    Problem(Problem),
    /// A cross-field check failed; its message.
    Check(MessageId),
}

pub(crate) struct Evaluation<'a> {
    pub(crate) procedure: &'a Procedure,
    pub(crate) answers: &'a Answers,
    pub(crate) today: Date,
    on_route: Vec<bool>,
    section_shown: Vec<Option<bool>>,
    shown: HashMap<(NodeId, Instance), bool>,
    derived: HashMap<(NodeId, Instance), Result<Option<Typed>, Problem>>,
    calculated: HashMap<(NodeId, Instance), Option<Typed>>,
    pub(crate) route: Route,
}

impl<'a> Evaluation<'a> {
    pub(crate) fn new(procedure: &'a Procedure, answers: &'a Answers, today: Date) -> Self {
        let mut evaluation = Evaluation {
            procedure,
            answers,
            today,
            on_route: vec![false; procedure.pages.len()],
            section_shown: vec![None; procedure.sections.len()],
            shown: HashMap::new(),
            derived: HashMap::new(),
            calculated: HashMap::new(),
            route: Route {
                pages: Vec::new(),
                end: End::CheckAnswers,
            },
        };
        evaluation.route = evaluation.compute_route();
        evaluation
    }

    fn compute_route(&mut self) -> Route {
        let procedure = self.procedure;
        let mut pages = Vec::new();
        let mut p = 0;
        while p < procedure.pages.len() {
            let section = procedure.pages[p].section;
            if !self.section_shown(section) {
                p = procedure.sections[section].pages.end;
                continue;
            }
            let page = &procedure.pages[p];
            if let Some(rule) = &page.visible
                && !self.rule(rule, &mut Vec::new()).truthy()
            {
                p += 1;
                continue;
            }
            self.on_route[p] = true;
            pages.push(p);
            let mut taken = None;
            for (rule, target) in &page.next {
                if self.rule(rule, &mut Vec::new()).truthy() {
                    taken = Some(*target);
                    break;
                }
            }
            match taken {
                Some(Target::Page(t)) => p = t,
                Some(Target::Exit(e)) => {
                    return Route {
                        pages,
                        end: End::Exit(e),
                    };
                }
                None => p += 1,
            }
        }
        Route {
            pages,
            end: End::CheckAnswers,
        }
    }

    fn section_shown(&mut self, section: usize) -> bool {
        if let Some(shown) = self.section_shown[section] {
            return shown;
        }
        let shown = match &self.procedure.sections[section].visible {
            Some(rule) => self.rule(rule, &mut Vec::new()).truthy(),
            None => true,
        };
        self.section_shown[section] = Some(shown);
        shown
    }

    pub(crate) fn on_route(&self, page: usize) -> bool {
        self.on_route[page]
    }

    pub(crate) fn rule(&mut self, rule: &Rule, scope: &mut Scope) -> Val {
        eval(&rule.expr, self, scope)
    }

    fn scope_of(&self, node: NodeId, instance: &[u32]) -> Scope {
        self.procedure.nodes[node]
            .groups
            .iter()
            .copied()
            .zip(instance.iter().copied())
            .collect()
    }

    /// The raw answer of a node in an instance, if the citizen gave one.
    pub(crate) fn raw(&self, node: NodeId, instance: &[u32]) -> Option<&'a Answer> {
        let nodes = &self.procedure.nodes;
        let mut map: &'a Answers = self.answers;
        for (depth, group) in nodes[node].groups.iter().enumerate() {
            match map.get(&nodes[*group].key)? {
                Answer::Group(instances) => map = instances.get(*instance.get(depth)? as usize)?,
                _ => return None,
            }
        }
        map.get(&nodes[node].key)
    }

    /// How many instances a group has: one unless it repeats; then as many as answered.
    pub(crate) fn instance_count(&self, group: NodeId, instance: &[u32]) -> u32 {
        let Some(g) = self.procedure.nodes[group].group() else {
            return 0;
        };
        if !g.repeatable() {
            return 1;
        }
        match self.raw(group, instance) {
            Some(Answer::Group(instances)) => (instances.len() as u32).min(g.max),
            _ => 0,
        }
    }

    /// Instances validated and submitted: a repeatable group has at least its minimum,
    /// blank ones included, so their questions say what is missing.
    pub(crate) fn validated_count(&self, group: NodeId, instance: &[u32]) -> u32 {
        let min = self.procedure.nodes[group]
            .group()
            .map_or(0, |g| if g.repeatable() { g.min } else { 1 });
        self.instance_count(group, instance).max(min)
    }

    /// Instances shown: also one blank instance of an empty optional group to start from.
    pub(crate) fn displayed_count(&self, group: NodeId, instance: &[u32]) -> u32 {
        self.validated_count(group, instance).max(1)
    }

    /// Whether a node is shown in an instance: its page is on the route, its groups are
    /// shown and hold the instance, and its own rule holds.
    pub(crate) fn shown(&mut self, node: NodeId, instance: &[u32]) -> bool {
        let key = (node, instance.to_vec());
        if let Some(&shown) = self.shown.get(&key) {
            return shown;
        }
        let procedure = self.procedure;
        let n = &procedure.nodes[node];
        let mut shown = self.on_route[n.page];
        for (depth, &group) in n.groups.iter().enumerate() {
            if !shown {
                break;
            }
            let outer = &instance[..depth];
            shown =
                self.shown(group, outer) && instance[depth] < self.displayed_count(group, outer);
        }
        if shown {
            let rule = match &n.item {
                NodeItem::Field(f) => f.common.visible.as_ref(),
                NodeItem::Group(g) => g.visible.as_ref(),
            };
            if let Some(rule) = rule {
                let mut scope = self.scope_of(node, instance);
                shown = self.rule(rule, &mut scope).truthy();
            }
        }
        self.shown.insert(key, shown);
        shown
    }

    /// The derived value of an input field, or what is wrong with its answer.
    pub(crate) fn derived(
        &mut self,
        node: NodeId,
        instance: &[u32],
    ) -> Result<Option<Typed>, Problem> {
        let key = (node, instance.to_vec());
        if let Some(d) = self.derived.get(&key) {
            return d.clone();
        }
        let procedure = self.procedure;
        let result = match procedure.nodes[node].field() {
            Some(field) => derive(procedure, field, self.raw(node, instance), self.today),
            None => Ok(None),
        };
        self.derived.insert(key, result.clone());
        result
    }

    /// The value of a calculated field, typed as declared.
    pub(crate) fn calculated(&mut self, node: NodeId, instance: &[u32]) -> Option<Typed> {
        let key = (node, instance.to_vec());
        if let Some(v) = self.calculated.get(&key) {
            return v.clone();
        }
        let procedure = self.procedure;
        let Some(FieldKind::Calculated { value_type, rule }) =
            procedure.nodes[node].field().map(|f| &f.kind)
        else {
            return None;
        };
        let mut scope = self.scope_of(node, instance);
        let value = self.rule(rule, &mut scope);
        let typed = match (value_type, value) {
            (CalculatedType::Money, Val::Num(euros)) if euros.abs() < 1e13 => {
                Some(Typed::Money((euros * 100.0).round() as i64))
            }
            (CalculatedType::Integer, Val::Num(n)) if n.abs() < 1e15 => {
                Some(Typed::Integer(n.round() as i64))
            }
            (CalculatedType::Decimal, Val::Num(n)) => {
                Some(Typed::Decimal(n, crate::answer::format_plain(n)))
            }
            (CalculatedType::Text, Val::Str(s)) => Some(Typed::Text(s)),
            (CalculatedType::Text, Val::Num(n)) => {
                Some(Typed::Text(crate::answer::format_plain(n)))
            }
            (CalculatedType::YesNo, v @ (Val::Bool(_) | Val::Num(_))) => {
                Some(Typed::Bool(v.truthy()))
            }
            _ => None,
        };
        self.calculated.insert(key, typed.clone());
        typed
    }

    /// The value to show and submit: derived for inputs, calculated for calculations.
    pub(crate) fn value(&mut self, node: NodeId, instance: &[u32]) -> Option<Typed> {
        match self.procedure.nodes[node].field().map(|f| &f.kind) {
            Some(FieldKind::Calculated { .. }) => self.calculated(node, instance),
            Some(_) => self.derived(node, instance).ok().flatten(),
            None => None,
        }
    }

    pub(crate) fn required(&mut self, node: NodeId, instance: &[u32]) -> bool {
        let Some(field) = self.procedure.nodes[node].field() else {
            return false;
        };
        if !field.common.optional {
            return true;
        }
        match &field.common.required_if {
            Some(rule) => {
                let mut scope = self.scope_of(node, instance);
                self.rule(rule, &mut scope).truthy()
            }
            None => false,
        }
    }

    /// What is wrong with a shown field's answer, if anything.
    pub(crate) fn issue(&mut self, node: NodeId, instance: &[u32]) -> Option<Issue> {
        if !self.shown(node, instance) {
            return None;
        }
        let field = self.procedure.nodes[node].field()?;
        if matches!(
            field.kind,
            FieldKind::ReadOnly { .. } | FieldKind::Calculated { .. }
        ) {
            return None;
        }
        match self.derived(node, instance) {
            Err(problem) => Some(Issue::Problem(problem)),
            Ok(None) if self.required(node, instance) => Some(Issue::Problem(Problem {
                kind: ErrorKind::Required,
                args: Vec::new(),
            })),
            Ok(None) => None,
            Ok(Some(_)) => {
                for check in &field.common.checks {
                    let mut scope = self.scope_of(node, instance);
                    if !self.rule(&check.rule, &mut scope).truthy() {
                        return Some(Issue::Check(check.message.clone()));
                    }
                }
                None
            }
        }
    }

    /// What is wrong with a shown repeatable group's number of instances.
    pub(crate) fn group_issue(&mut self, node: NodeId, instance: &[u32]) -> Option<Issue> {
        let group = self.procedure.nodes[node].group()?;
        if !group.repeatable() || !self.shown(node, instance) {
            return None;
        }
        let stored = match self.raw(node, instance) {
            Some(Answer::Group(v)) => v.len() as u32,
            _ => 0,
        };
        if stored > group.max {
            return Some(Issue::Problem(Problem {
                kind: ErrorKind::TooManyInstances,
                args: vec![("max", crate::answer::Arg::Int(i64::from(group.max)))],
            }));
        }
        None
    }

    /// Every (node, instance) below `items` that is shown, depth first, in page order.
    pub(crate) fn walk(
        &mut self,
        items: &[NodeId],
        instance: &[u32],
        out: &mut Vec<(NodeId, Instance)>,
    ) {
        for &node in items {
            if !self.shown(node, instance) {
                continue;
            }
            out.push((node, instance.to_vec()));
            if let Some(group) = self.procedure.nodes[node].group() {
                let children = group.children.clone();
                for i in 0..self.validated_count(node, instance) {
                    let mut inner = instance.to_vec();
                    inner.push(i);
                    self.walk(&children, &inner, out);
                }
            }
        }
    }

    /// Problems on one page, in page order.
    pub(crate) fn page_issues(&mut self, page: usize) -> Vec<(NodeId, Instance, Issue)> {
        let mut shown = Vec::new();
        let items = self.procedure.pages[page].items.clone();
        self.walk(&items, &[], &mut shown);
        shown
            .into_iter()
            .filter_map(|(node, instance)| {
                let issue = match self.procedure.nodes[node].item {
                    NodeItem::Field(_) => self.issue(node, &instance),
                    NodeItem::Group(_) => self.group_issue(node, &instance),
                };
                issue.map(|i| (node, instance, i))
            })
            .collect()
    }
}

impl Env for Evaluation<'_> {
    fn value(&mut self, node: NodeId, scope: &mut Scope) -> Val {
        let instance = instance_in(self.procedure, node, scope);
        if !self.shown(node, &instance) {
            return Val::Null;
        }
        if self.procedure.nodes[node].group().is_some() {
            return Val::Group(self.instance_count(node, &instance));
        }
        match Evaluation::value(self, node, &instance) {
            Some(typed) => to_val(typed),
            None => Val::Null,
        }
    }

    fn instances(&mut self, group: NodeId, scope: &mut Scope) -> u32 {
        let instance = instance_in(self.procedure, group, scope);
        if self.shown(group, &instance) {
            self.instance_count(group, &instance)
        } else {
            0
        }
    }
}

/// The instance of `node` that `scope` binds; groups the scope does not bind do not
/// repeat (checked at load), so their instance is 0.
fn instance_in(procedure: &Procedure, node: NodeId, scope: &Scope) -> Instance {
    procedure.nodes[node]
        .groups
        .iter()
        .map(|g| {
            scope
                .iter()
                .rev()
                .find(|(s, _)| s == g)
                .map_or(0, |(_, i)| *i)
        })
        .collect()
}

pub(crate) fn to_val(typed: Typed) -> Val {
    match typed {
        Typed::Text(s) | Typed::Code(s) => Val::Str(s),
        Typed::Integer(n) => Val::Num(n as f64),
        Typed::Decimal(n, _) => Val::Num(n),
        Typed::Money(cents) => Val::Num(cents as f64 / 100.0),
        Typed::Date(d) => Val::Str(d.to_string()),
        Typed::Bool(b) => Val::Bool(b),
        Typed::Codes(c) => Val::List(c.into_iter().map(Val::Str).collect()),
        Typed::File(f) => Val::Str(f.id),
    }
}
