//! A checked procedure: read from bytes, every reference resolved, every rule walked.
//! Fields and groups become nodes of one flat table, so rules point at them by index.

use std::collections::{BTreeMap, HashMap, HashSet};

use regex::Regex;

use crate::definition::{
    AttachmentDef, CalculatedType, CodeListDef, DateBound, Definition, ExampleDef, FieldCommon,
    FieldKind, GroupDef, ItemDef, ItemParts, Leika, LifeSituation, StartFacts,
};
use crate::ids::{
    AttachmentId, CodeListId, FimSchemaId, LeikaKey, MessageId, PageId, ProcedureId, SectionId,
};
use crate::rule::{Expr, NodeId, Rule, visit_vars};
use crate::{Date, ProcedureError};

/// Most instances a repeatable group may allow.
pub const MAX_GROUP_INSTANCES: u32 = 100;
/// Groups nest at most this deep.
const MAX_GROUP_DEPTH: usize = 4;
/// Longest `maxLength` an author may allow; the per-kind defaults are smaller.
const MAX_TEXT_LIMIT: u32 = 100_000;
/// Default character limits (GOV.UK-style: generous, but bounded).
pub(crate) const TEXT_LIMIT: u32 = 1_000;
pub(crate) const LONG_TEXT_LIMIT: u32 = 10_000;

/// A procedure read and checked; immutable.
#[derive(Debug)]
pub struct Procedure {
    pub(crate) id: ProcedureId,
    pub(crate) version: String,
    pub(crate) leika: LeikaKey,
    pub(crate) leika_verified: bool,
    pub(crate) leika_source: String,
    /// Why the key is local (not in the federal register); `None` for a federal key.
    pub(crate) leika_local: Option<String>,
    pub(crate) fim_schema: Option<(FimSchemaId, bool)>,
    pub(crate) title: MessageId,
    pub(crate) keywords: Option<MessageId>,
    pub(crate) life_situation: Option<LifeSituation>,
    pub(crate) start: StartFacts,
    pub(crate) task_list: bool,
    pub(crate) sections: Vec<Section>,
    pub(crate) pages: Vec<Page>,
    pub(crate) exits: Vec<Exit>,
    pub(crate) nodes: Vec<Node>,
    pub(crate) code_lists: HashMap<CodeListId, CodeListDef>,
    /// Code list ids in the file's order, so a finding can name `codeLists[i]`.
    pub(crate) code_list_order: Vec<CodeListId>,
    pub(crate) attachments: HashMap<AttachmentId, AttachmentDef>,
}

#[derive(Debug)]
pub(crate) struct Section {
    pub(crate) id: SectionId,
    pub(crate) title: MessageId,
    pub(crate) visible: Option<Rule>,
    pub(crate) after: Vec<usize>,
    pub(crate) pages: std::ops::Range<usize>,
}

#[derive(Debug)]
pub(crate) struct Page {
    pub(crate) id: PageId,
    pub(crate) section: usize,
    pub(crate) title: Option<MessageId>,
    pub(crate) hint: Option<MessageId>,
    pub(crate) visible: Option<Rule>,
    /// Top-level items of the page, in order.
    pub(crate) items: Vec<NodeId>,
    pub(crate) next: Vec<(Rule, Target)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Page(usize),
    Exit(usize),
}

#[derive(Debug)]
pub(crate) struct Exit {
    pub(crate) id: PageId,
    pub(crate) title: MessageId,
    pub(crate) body: MessageId,
}

#[derive(Debug)]
pub(crate) struct Node {
    /// The FIM id: key in answers and data.
    pub(crate) key: String,
    pub(crate) page: usize,
    /// Enclosing groups, outermost first.
    pub(crate) groups: Vec<NodeId>,
    pub(crate) item: NodeItem,
    /// Where in the file, for errors.
    pub(crate) location: String,
    /// Another item on the same page shows, hides or calculates from this one, so the
    /// page must be shown again when its answer changes (GOV.UK's conditional reveal).
    pub(crate) updates_page: bool,
}

#[derive(Debug)]
pub(crate) enum NodeItem {
    Field(Box<Field>),
    Group(Group),
}

#[derive(Debug)]
pub(crate) struct Field {
    pub(crate) common: FieldCommon,
    pub(crate) kind: FieldKind,
    pub(crate) pattern: Option<Regex>,
    pub(crate) earliest: Option<Bound>,
    pub(crate) latest: Option<Bound>,
    pub(crate) example: Option<Example>,
}

/// A field's example answer, checked.
#[derive(Debug, Clone)]
pub(crate) enum Example {
    /// As the citizen would type it.
    Typed(String),
    /// A date, fixed or relative to today.
    Date(Bound),
}

impl Field {
    /// The example as the citizen would type it on `today` (a date in ISO form, as a
    /// date input sends it).
    pub(crate) fn example_answer(&self, today: Date) -> Option<String> {
        match self.example.as_ref()? {
            Example::Typed(text) => Some(text.clone()),
            Example::Date(bound) => Some(bound.resolve(today).to_string()),
        }
    }
}

/// A date limit, checked.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Bound {
    Fixed(Date),
    DaysFromToday(i32),
}

impl Bound {
    pub(crate) fn resolve(self, today: Date) -> Date {
        match self {
            Bound::Fixed(d) => d,
            Bound::DaysFromToday(n) => today
                .checked_add(jiff::Span::new().days(i64::from(n)))
                .unwrap_or(if n < 0 { Date::MIN } else { Date::MAX }),
        }
    }
}

#[derive(Debug)]
pub(crate) struct Group {
    pub(crate) label: MessageId,
    pub(crate) hint: Option<MessageId>,
    pub(crate) visible: Option<Rule>,
    pub(crate) min: u32,
    pub(crate) max: u32,
    pub(crate) instance_label: Option<MessageId>,
    pub(crate) add_label: Option<MessageId>,
    pub(crate) children: Vec<NodeId>,
}

impl Group {
    pub(crate) fn repeatable(&self) -> bool {
        self.max > 1
    }
}

impl Node {
    pub(crate) fn field(&self) -> Option<&Field> {
        match &self.item {
            NodeItem::Field(f) => Some(f),
            NodeItem::Group(_) => None,
        }
    }

    pub(crate) fn group(&self) -> Option<&Group> {
        match &self.item {
            NodeItem::Group(g) => Some(g),
            NodeItem::Field(_) => None,
        }
    }
}

impl Procedure {
    /// Reads and checks a definition. `file_name` only names the file in errors.
    pub fn load(file_name: &str, bytes: &[u8]) -> Result<Procedure, ProcedureError> {
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        let definition: Definition =
            serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                let (path, message) = merge_path(
                    if path == "." { String::new() } else { path },
                    &strip_position(&inner.to_string()),
                );
                ProcedureError::Malformed {
                    file: file_name.to_owned(),
                    path,
                    line: inner.line(),
                    column: inner.column(),
                    message,
                }
            })?;
        Builder::new(file_name).build(definition)
    }

    pub fn id(&self) -> &ProcedureId {
        &self.id
    }

    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn leika(&self) -> &LeikaKey {
        &self.leika
    }

    /// Whether the LeiKa key was found in the federal register of services (PVOG).
    pub fn leika_verified(&self) -> bool {
        self.leika_verified
    }

    /// Where the LeiKa key was found.
    pub fn leika_source(&self) -> &str {
        &self.leika_source
    }

    /// Why the LeiKa key is a local one (not in the federal register); `None` for a
    /// federal key.
    pub fn leika_local_reason(&self) -> Option<&str> {
        self.leika_local.as_deref()
    }

    /// The FIM schema the procedure follows and whether that was checked.
    pub fn fim_schema(&self) -> Option<(&FimSchemaId, bool)> {
        self.fim_schema
            .as_ref()
            .map(|(id, verified)| (id, *verified))
    }

    pub fn title(&self) -> &MessageId {
        &self.title
    }

    /// The life situation the catalog lists it under, if the definition names one.
    pub fn life_situation(&self) -> Option<LifeSituation> {
        self.life_situation
    }

    /// Every message id the definition uses, for the translators' checker and tests.
    pub fn message_ids(&self) -> Vec<MessageId> {
        let mut ids: Vec<MessageId> = self.message_uses().into_iter().map(|u| u.id).collect();
        ids.sort();
        ids.dedup();
        ids
    }

    pub(crate) fn page_index(&self, id: &str) -> Option<usize> {
        self.pages.iter().position(|p| p.id.as_str() == id)
    }

    pub(crate) fn exit_index(&self, id: &str) -> Option<usize> {
        self.exits.iter().position(|p| p.id.as_str() == id)
    }
}

/// Errors inside an item come as `visible: message` (see `ItemDef`'s reader); their
/// path goes to the path.
fn merge_path(mut path: String, message: &str) -> (String, String) {
    let mut rest = message;
    while let Some((head, tail)) = rest.split_once(": ") {
        let is_path = !head.is_empty()
            && head
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "[]._$".contains(c));
        if !is_path {
            break;
        }
        path = if path.is_empty() {
            head.to_owned()
        } else {
            format!("{path}.{head}")
        };
        rest = tail;
    }
    (path, rest.to_owned())
}

/// serde_json appends " at line L column C"; the error carries those separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Where a rule sits: which page (and whether it may read that page itself) and in
/// which group instances it is evaluated.
struct RuleOwner {
    page: usize,
    same_page: bool,
    groups: Vec<NodeId>,
    /// The node whose visibility or value this rule decides (for the cycle check).
    node: Option<NodeId>,
}

struct Builder {
    file: String,
    nodes: Vec<Node>,
    roots: BTreeMap<String, NodeId>,
    code_lists: HashMap<CodeListId, CodeListDef>,
    code_list_order: Vec<CodeListId>,
    attachments: HashMap<AttachmentId, AttachmentDef>,
    prefix: String,
    /// Rules waiting for their vars to be resolved: (location, owner) in the order seen.
    dependencies: Vec<Vec<NodeId>>,
}

impl Builder {
    fn new(file: &str) -> Self {
        Builder {
            file: file.to_owned(),
            nodes: Vec::new(),
            roots: BTreeMap::new(),
            code_lists: HashMap::new(),
            code_list_order: Vec::new(),
            attachments: HashMap::new(),
            prefix: String::new(),
            dependencies: Vec::new(),
        }
    }

    fn error(&self, path: impl Into<String>, problem: impl Into<String>) -> ProcedureError {
        ProcedureError::Invalid {
            file: self.file.clone(),
            path: path.into(),
            problem: problem.into(),
        }
    }

    fn message(&self, path: &str, id: &MessageId) -> Result<(), ProcedureError> {
        // Procedure texts share one Fluent namespace per locale; the prefix keeps
        // procedures from overriding each other's (or the app's) messages.
        if id.as_str().starts_with(&self.prefix) || id.as_str().starts_with("validation-") {
            Ok(())
        } else {
            Err(self.error(
                path,
                format!("message id `{id}` must start with `{}`", self.prefix),
            ))
        }
    }

    /// Every key says where it was found; a local key says why, and cannot have been
    /// verified in a register that does not list it.
    fn leika(&self, leika: &Leika) -> Result<(), ProcedureError> {
        if leika.source.trim().is_empty() {
            return Err(self.error(
                "leika.source",
                "say where the LeiKa key was found (the register entry, or where a local key comes from)",
            ));
        }
        if let Some(local) = &leika.local {
            if local.reason.trim().is_empty() {
                return Err(self.error(
                    "leika.local.reason",
                    "say why the key is local: why no key of the federal register fits",
                ));
            }
            if leika.verified {
                return Err(self.error(
                    "leika.verified",
                    "a local key is not in the federal register, so it cannot be verified there: set verified to false",
                ));
            }
        }
        Ok(())
    }

    fn build(mut self, def: Definition) -> Result<Procedure, ProcedureError> {
        self.prefix = format!("{}-", def.id);
        let expected = format!("{}.json", def.id);
        let base = self.file.rsplit(['/', '\\']).next().unwrap_or(&self.file);
        if base != expected {
            return Err(self.error(
                "id",
                format!(
                    "the file of procedure `{}` must be named {expected}",
                    def.id
                ),
            ));
        }
        self.leika(&def.leika)?;
        self.message("title", &def.title)?;
        if let Some(k) = &def.keywords {
            self.message("keywords", k)?;
        }
        let s = &def.start;
        for (name, id) in [
            ("start.summary", &s.summary),
            ("start.whoMayApply", &s.who_may_apply),
            ("start.duration", &s.duration),
            ("start.fees", &s.fees),
            ("start.legalBasis", &s.legal_basis),
        ] {
            self.message(name, id)?;
        }
        for (i, id) in s.what_you_need.iter().enumerate() {
            self.message(&format!("start.whatYouNeed[{i}]"), id)?;
        }
        if let Some(url) = &s.easy_language_url
            && !url.starts_with("https://")
        {
            return Err(self.error("start.easyLanguageUrl", "must be an https:// address"));
        }

        for (i, list) in def.code_lists.into_iter().enumerate() {
            let path = format!("codeLists[{i}]");
            if list.entries.is_empty() {
                return Err(self.error(path, "a code list needs at least one entry"));
            }
            let mut seen = HashSet::new();
            for (j, entry) in list.entries.iter().enumerate() {
                self.message(&format!("{path}.entries[{j}].label"), &entry.label)?;
                if entry.code.is_empty() || entry.code.len() > 100 {
                    return Err(self.error(
                        format!("{path}.entries[{j}].code"),
                        "a code has 1 to 100 characters",
                    ));
                }
                if !seen.insert(entry.code.clone()) {
                    return Err(self.error(
                        format!("{path}.entries[{j}].code"),
                        format!("code `{}` appears twice", entry.code),
                    ));
                }
            }
            if self.code_lists.contains_key(&list.id) {
                return Err(self.error(path, format!("code list {} is defined twice", list.id)));
            }
            self.code_list_order.push(list.id.clone());
            self.code_lists.insert(list.id.clone(), list);
        }
        for (i, attachment) in def.attachments.into_iter().enumerate() {
            let path = format!("attachments[{i}]");
            if attachment.media_types.is_empty() {
                return Err(self.error(path, "list at least one media type"));
            }
            if let Some(bad) = attachment.media_types.iter().find(|m| !is_media_type(m)) {
                return Err(self.error(
                    format!("{path}.mediaTypes"),
                    format!("`{bad}` is not a media type such as application/pdf"),
                ));
            }
            if attachment.max_bytes == 0 {
                return Err(self.error(format!("{path}.maxBytes"), "must be more than 0"));
            }
            if self.attachments.contains_key(&attachment.id) {
                return Err(self.error(
                    path,
                    format!("attachment {} is defined twice", attachment.id),
                ));
            }
            self.attachments.insert(attachment.id.clone(), attachment);
        }

        // Pages and exits share one id space, so a branch target is unambiguous.
        let mut page_ids: HashMap<String, String> = HashMap::new();
        let mut section_ids: HashMap<String, usize> = HashMap::new();
        if def.sections.is_empty() {
            return Err(self.error("sections", "a procedure needs at least one section"));
        }
        for (si, section) in def.sections.iter().enumerate() {
            if section_ids.insert(section.id.to_string(), si).is_some() {
                return Err(self.error(
                    format!("sections[{si}].id"),
                    format!("section `{}` appears twice", section.id),
                ));
            }
            if section.pages.is_empty() {
                return Err(self.error(
                    format!("sections[{si}].pages"),
                    "a section needs at least one page",
                ));
            }
            for (pi, page) in section.pages.iter().enumerate() {
                let path = format!("sections[{si}].pages[{pi}]");
                if let Some(first) = page_ids.insert(page.id.to_string(), path.clone()) {
                    return Err(self.error(
                        format!("{path}.id"),
                        format!("page `{}` is already used by {first}", page.id),
                    ));
                }
            }
        }
        for (ei, exit) in def.exits.iter().enumerate() {
            let path = format!("exits[{ei}]");
            if let Some(first) = page_ids.insert(exit.id.to_string(), path.clone()) {
                return Err(self.error(
                    format!("{path}.id"),
                    format!("page `{}` is already used by {first}", exit.id),
                ));
            }
            self.message(&format!("{path}.title"), &exit.title)?;
            self.message(&format!("{path}.body"), &exit.body)?;
        }

        let mut sections = Vec::new();
        let mut pages = Vec::new();
        let mut page_rules: Vec<(String, RuleSlot)> = Vec::new();
        for (si, section) in def.sections.into_iter().enumerate() {
            let spath = format!("sections[{si}]");
            self.message(&format!("{spath}.title"), &section.title)?;
            let mut after = Vec::new();
            for (ai, id) in section.after.iter().enumerate() {
                match section_ids.get(id.as_str()) {
                    Some(&i) if i < si => after.push(i),
                    _ => {
                        return Err(self.error(
                            format!("{spath}.after[{ai}]"),
                            format!("`{id}` is not an earlier section"),
                        ));
                    }
                }
            }
            let first_page = pages.len();
            for (pi, page) in section.pages.into_iter().enumerate() {
                let ppath = format!("{spath}.pages[{pi}]");
                let index = pages.len();
                if let Some(t) = &page.title {
                    self.message(&format!("{ppath}.title"), t)?;
                }
                if let Some(h) = &page.hint {
                    self.message(&format!("{ppath}.hint"), h)?;
                }
                if page.items.is_empty() {
                    return Err(self.error(
                        format!("{ppath}.items"),
                        "a page needs at least one question",
                    ));
                }
                let mut items = Vec::new();
                let mut keys = HashMap::new();
                for (ii, item) in page.items.into_iter().enumerate() {
                    let id = self.add_item(
                        item,
                        &format!("{ppath}.items[{ii}]"),
                        index,
                        &[],
                        &mut keys,
                    )?;
                    items.push(id);
                }
                let title_count = items.len();
                if page.title.is_none() && title_count != 1 {
                    return Err(self.error(
                        format!("{ppath}.title"),
                        "a page with more than one question needs a title",
                    ));
                }
                pages.push(Page {
                    id: page.id,
                    section: si,
                    title: page.title,
                    hint: page.hint,
                    visible: None,
                    items,
                    next: Vec::new(),
                });
                if let Some(rule) = page.visible {
                    page_rules.push((
                        format!("{ppath}.visible"),
                        RuleSlot::PageVisible(index, rule),
                    ));
                }
                for (bi, branch) in page.next.into_iter().enumerate() {
                    let bpath = format!("{ppath}.next[{bi}]");
                    page_rules.push((
                        format!("{bpath}.when"),
                        RuleSlot::Branch(index, branch.when, branch.goto, format!("{bpath}.goto")),
                    ));
                }
            }
            sections.push(Section {
                id: section.id,
                title: section.title,
                visible: None,
                after,
                pages: first_page..pages.len(),
            });
            if let Some(rule) = section.visible {
                page_rules.push((
                    format!("{spath}.visible"),
                    RuleSlot::SectionVisible(si, rule),
                ));
            }
        }

        let exits: Vec<Exit> = def
            .exits
            .into_iter()
            .map(|e| Exit {
                id: e.id,
                title: e.title,
                body: e.body,
            })
            .collect();

        // Resolve the rules of fields and groups.
        self.dependencies = vec![Vec::new(); self.nodes.len()];
        for node in 0..self.nodes.len() {
            self.resolve_node_rules(node)?;
        }
        // Then those of pages and sections.
        for (path, slot) in page_rules {
            match slot {
                RuleSlot::PageVisible(p, mut rule) => {
                    let owner = RuleOwner {
                        page: p,
                        same_page: false,
                        groups: vec![],
                        node: None,
                    };
                    self.resolve(&mut rule, &owner, &path)?;
                    pages[p].visible = Some(rule);
                }
                RuleSlot::SectionVisible(s, mut rule) => {
                    let owner = RuleOwner {
                        page: sections[s].pages.start,
                        same_page: false,
                        groups: vec![],
                        node: None,
                    };
                    self.resolve(&mut rule, &owner, &path)?;
                    sections[s].visible = Some(rule);
                }
                RuleSlot::Branch(p, mut rule, goto, goto_path) => {
                    let owner = RuleOwner {
                        page: p,
                        same_page: true,
                        groups: vec![],
                        node: None,
                    };
                    self.resolve(&mut rule, &owner, &path)?;
                    let target = if let Some(t) = pages.iter().position(|x| x.id == goto) {
                        if t <= p {
                            return Err(self.error(goto_path, format!("`{goto}` is not later than this page; branches only go forward, so no route can loop")));
                        }
                        Target::Page(t)
                    } else if let Some(e) = exits.iter().position(|x| x.id == goto) {
                        Target::Exit(e)
                    } else {
                        return Err(self.error(goto_path, format!("no page or exit page `{goto}`")));
                    };
                    pages[p].next.push((rule, target));
                }
            }
        }
        self.check_cycles()?;
        for node in 0..self.nodes.len() {
            let page = self.nodes[node].page;
            for &read in &self.dependencies[node] {
                if self.nodes[read].page == page {
                    self.nodes[read].updates_page = true;
                }
            }
        }

        Ok(Procedure {
            id: def.id,
            version: def.version.as_str().to_owned(),
            leika: def.leika.key,
            leika_verified: def.leika.verified,
            leika_source: def.leika.source,
            leika_local: def.leika.local.map(|l| l.reason),
            fim_schema: def.fim_schema.map(|f| (f.id, f.verified)),
            title: def.title,
            keywords: def.keywords,
            life_situation: def.life_situation,
            start: def.start,
            task_list: def.task_list,
            sections,
            pages,
            exits,
            nodes: self.nodes,
            code_lists: self.code_lists,
            code_list_order: self.code_list_order,
            attachments: self.attachments,
        })
    }

    fn add_item(
        &mut self,
        item: ItemDef,
        path: &str,
        page: usize,
        groups: &[NodeId],
        page_keys: &mut HashMap<String, String>,
    ) -> Result<NodeId, ProcedureError> {
        let (key, item) = match item.into_parts() {
            ItemParts::Field(common, kind) => {
                let key = common.id.to_string();
                (key, self.check_field(common, kind, path)?)
            }
            ItemParts::Group(group) => {
                self.check_group_head(&group, path, groups)?;
                (group.id.to_string(), PendingItem::Group(group))
            }
        };
        // Keys are unique per level of the data: at the root across the whole procedure,
        // inside a group within the group.
        let first = if groups.is_empty() {
            self.roots
                .get(&key)
                .map(|&n| self.nodes[n].location.clone())
        } else {
            page_keys.get(&key).cloned()
        };
        if let Some(first) = first {
            return Err(self.error(
                format!("{path}.id"),
                format!("{key} is already used by {first} at the same level of the data"),
            ));
        }
        let id = self.nodes.len();
        if groups.is_empty() {
            self.roots.insert(key.clone(), id);
        } else {
            page_keys.insert(key.clone(), path.to_owned());
        }
        match item {
            PendingItem::Field(field) => {
                self.nodes.push(Node {
                    key,
                    page,
                    groups: groups.to_vec(),
                    item: NodeItem::Field(field),
                    location: path.to_owned(),
                    updates_page: false,
                });
            }
            PendingItem::Group(group) => {
                self.nodes.push(Node {
                    key,
                    page,
                    groups: groups.to_vec(),
                    item: NodeItem::Group(Group {
                        label: group.label,
                        hint: group.hint,
                        visible: group.visible,
                        min: group.min,
                        max: group.max,
                        instance_label: group.instance_label,
                        add_label: group.add_label,
                        children: Vec::new(),
                    }),
                    location: path.to_owned(),
                    updates_page: false,
                });
                let mut inner_groups = groups.to_vec();
                inner_groups.push(id);
                let mut inner_keys = HashMap::new();
                let mut children = Vec::new();
                for (i, child) in group.items.into_iter().enumerate() {
                    children.push(self.add_item(
                        child,
                        &format!("{path}.items[{i}]"),
                        page,
                        &inner_groups,
                        &mut inner_keys,
                    )?);
                }
                if let NodeItem::Group(g) = &mut self.nodes[id].item {
                    g.children = children;
                }
            }
        }
        Ok(id)
    }

    fn check_group_head(
        &self,
        group: &GroupDef,
        path: &str,
        groups: &[NodeId],
    ) -> Result<(), ProcedureError> {
        self.message(&format!("{path}.label"), &group.label)?;
        for (name, id) in [
            ("hint", &group.hint),
            ("instanceLabel", &group.instance_label),
            ("addLabel", &group.add_label),
        ] {
            if let Some(id) = id {
                self.message(&format!("{path}.{name}"), id)?;
            }
        }
        if group.max == 0 || group.min > group.max {
            return Err(self.error(
                path,
                format!(
                    "min {} and max {} do not make a range (max at least 1)",
                    group.min, group.max
                ),
            ));
        }
        if group.max > MAX_GROUP_INSTANCES {
            return Err(self.error(
                format!("{path}.max"),
                format!("at most {MAX_GROUP_INSTANCES} instances"),
            ));
        }
        if groups.len() >= MAX_GROUP_DEPTH {
            return Err(self.error(path, format!("groups nest at most {MAX_GROUP_DEPTH} deep")));
        }
        if group.items.is_empty() {
            return Err(self.error(
                format!("{path}.items"),
                "a group needs at least one question",
            ));
        }
        Ok(())
    }

    fn check_field(
        &self,
        common: FieldCommon,
        kind: FieldKind,
        path: &str,
    ) -> Result<PendingItem, ProcedureError> {
        self.message(&format!("{path}.label"), &common.label)?;
        if let Some(h) = &common.hint {
            self.message(&format!("{path}.hint"), h)?;
        }
        for (i, check) in common.checks.iter().enumerate() {
            self.message(&format!("{path}.checks[{i}].message"), &check.message)?;
        }
        for (kind, id) in &common.messages {
            self.message(
                &format!(
                    "{path}.messages.{}",
                    kind.message_id().trim_start_matches("validation-")
                ),
                id,
            )?;
        }
        if common.required_if.is_some() && !common.optional {
            return Err(self.error(
                format!("{path}.requiredIf"),
                "only an optional field can be required-if; this one is always required",
            ));
        }
        if let Some(a) = &common.autocomplete
            && (a.is_empty()
                || a.len() > 60
                || !a.bytes().all(|b| {
                    b.is_ascii_lowercase() || b == b'-' || b == b' ' || b.is_ascii_digit()
                }))
        {
            return Err(self.error(
                format!("{path}.autocomplete"),
                "an HTML autocomplete token such as `family-name`",
            ));
        }
        let takes_no_answer = matches!(
            kind,
            FieldKind::ReadOnly { .. } | FieldKind::Calculated { .. }
        );
        if takes_no_answer
            && (common.optional || common.required_if.is_some() || !common.checks.is_empty())
        {
            return Err(self.error(
                path,
                "read-only and calculated fields take no answer: no optional, requiredIf or checks",
            ));
        }
        let mut pattern = None;
        let (mut earliest, mut latest) = (None, None);
        let length =
            |min: &Option<u32>, max: &Option<u32>, default: u32| -> Result<(), ProcedureError> {
                let max_value = max.unwrap_or(default);
                if max_value == 0 || max_value > MAX_TEXT_LIMIT {
                    return Err(self.error(
                        format!("{path}.maxLength"),
                        format!("between 1 and {MAX_TEXT_LIMIT}"),
                    ));
                }
                if min.is_some_and(|m| m > max_value) {
                    return Err(self.error(format!("{path}.minLength"), "greater than maxLength"));
                }
                Ok(())
            };
        match &kind {
            FieldKind::Text {
                min_length,
                max_length,
                pattern: p,
            } => {
                length(min_length, max_length, TEXT_LIMIT)?;
                if let Some(p) = p {
                    pattern = Some(
                        regex::RegexBuilder::new(&format!("^(?:{p})$"))
                            .size_limit(1 << 20)
                            .build()
                            .map_err(|e| {
                                self.error(
                                    format!("{path}.pattern"),
                                    format!("not a valid pattern: {e}"),
                                )
                            })?,
                    );
                }
            }
            FieldKind::LongText {
                min_length,
                max_length,
            } => length(min_length, max_length, LONG_TEXT_LIMIT)?,
            FieldKind::Integer { min, max } => {
                if let (Some(a), Some(b)) = (min, max)
                    && a > b
                {
                    return Err(self.error(format!("{path}.min"), "greater than max"));
                }
            }
            FieldKind::Decimal { min, max, .. } => {
                if let (Some(a), Some(b)) = (min, max)
                    && a > b
                {
                    return Err(self.error(format!("{path}.min"), "greater than max"));
                }
            }
            FieldKind::Money {
                min_cents,
                max_cents,
            } => {
                if let (Some(a), Some(b)) = (min_cents, max_cents)
                    && a > b
                {
                    return Err(self.error(format!("{path}.minCents"), "greater than maxCents"));
                }
            }
            FieldKind::Date {
                earliest: e,
                latest: l,
            } => {
                earliest = e
                    .as_ref()
                    .map(|b| self.bound(b, &format!("{path}.earliest")))
                    .transpose()?;
                latest = l
                    .as_ref()
                    .map(|b| self.bound(b, &format!("{path}.latest")))
                    .transpose()?;
            }
            FieldKind::Select { code_list } | FieldKind::Radio { code_list } => {
                self.code_list(code_list, path)?;
            }
            FieldKind::MultipleChoice {
                code_list,
                min_choices,
                max_choices,
            } => {
                let entries = self.code_list(code_list, path)?;
                if let (Some(a), Some(b)) = (min_choices, max_choices)
                    && a > b
                {
                    return Err(self.error(format!("{path}.minChoices"), "greater than maxChoices"));
                }
                if min_choices.is_some_and(|m| m as usize > entries) {
                    return Err(self.error(
                        format!("{path}.minChoices"),
                        "more than the code list has entries",
                    ));
                }
            }
            FieldKind::File { attachment } => {
                if !self.attachments.contains_key(attachment) {
                    return Err(self.error(
                        format!("{path}.attachment"),
                        format!("no attachment `{attachment}` in `attachments`"),
                    ));
                }
            }
            FieldKind::ReadOnly { text } => self.message(&format!("{path}.text"), text)?,
            FieldKind::Calculated { value_type, .. } => {
                let _: CalculatedType = *value_type;
            }
            FieldKind::YesNo {}
            | FieldKind::Email {}
            | FieldKind::Phone {}
            | FieldKind::Postcode {}
            | FieldKind::Iban {}
            | FieldKind::TaxId {} => {}
        }
        let example = self.example(&common, &kind, path)?;
        Ok(PendingItem::Field(Box::new(Field {
            common,
            kind,
            pattern,
            earliest,
            latest,
            example,
        })))
    }

    /// Only answers the citizen types have an example; relative ones only for dates.
    /// Whether the field accepts it is checked against a day (`Procedure::refused_examples`).
    fn example(
        &self,
        common: &FieldCommon,
        kind: &FieldKind,
        path: &str,
    ) -> Result<Option<Example>, ProcedureError> {
        let Some(example) = &common.example else {
            return Ok(None);
        };
        let at = format!("{path}.example");
        match (kind, example) {
            (
                FieldKind::YesNo {}
                | FieldKind::Select { .. }
                | FieldKind::Radio { .. }
                | FieldKind::MultipleChoice { .. }
                | FieldKind::File { .. }
                | FieldKind::ReadOnly { .. }
                | FieldKind::Calculated { .. },
                _,
            ) => Err(self.error(
                at,
                "only a question the citizen types an answer into has an example",
            )),
            (FieldKind::Date { .. }, ExampleDef::Answer(date)) => self
                .bound(&DateBound::Word(date.clone()), &at)
                .map(|b| Some(Example::Date(b))),
            (FieldKind::Date { .. }, ExampleDef::Relative { days_from_today }) => self
                .bound(
                    &DateBound::Relative {
                        days_from_today: *days_from_today,
                    },
                    &at,
                )
                .map(|b| Some(Example::Date(b))),
            (_, ExampleDef::Relative { .. }) => Err(self.error(
                at,
                "daysFromToday is for date fields; write the answer as typed",
            )),
            (_, ExampleDef::Answer(text)) if text.trim().is_empty() || text.len() > 200 => {
                Err(self.error(at, "an example answer has 1 to 200 characters"))
            }
            (_, ExampleDef::Answer(text)) => Ok(Some(Example::Typed(text.clone()))),
        }
    }

    fn code_list(&self, id: &CodeListId, path: &str) -> Result<usize, ProcedureError> {
        self.code_lists
            .get(id)
            .map(|l| l.entries.len())
            .ok_or_else(|| {
                self.error(
                    format!("{path}.codeList"),
                    format!("no code list {id} in `codeLists`"),
                )
            })
    }

    fn bound(&self, bound: &DateBound, path: &str) -> Result<Bound, ProcedureError> {
        match bound {
            DateBound::Word(w) if w == "today" => Ok(Bound::DaysFromToday(0)),
            DateBound::Word(w) => w
                .parse::<Date>()
                .ok()
                .filter(|_| w.len() == 10)
                .map(Bound::Fixed)
                .ok_or_else(|| {
                    self.error(
                        path,
                        format!("`{w}` is neither \"today\" nor a date YYYY-MM-DD"),
                    )
                }),
            DateBound::Relative { days_from_today }
                if days_from_today.unsigned_abs() <= 365 * 200 =>
            {
                Ok(Bound::DaysFromToday(*days_from_today))
            }
            DateBound::Relative { .. } => {
                Err(self.error(path, "daysFromToday reaches more than 200 years"))
            }
        }
    }

    fn resolve_node_rules(&mut self, node: NodeId) -> Result<(), ProcedureError> {
        let page = self.nodes[node].page;
        let location = self.nodes[node].location.clone();
        // Rules of a field inside a group are evaluated in the group instance; a group's
        // own visibility is decided outside its instances.
        let mut groups = self.nodes[node].groups.clone();
        // The rules are taken out while they are resolved (the node itself must stay
        // in the table, it may be read by its own checks) and put back after.
        let blank = || Rule {
            expr: Expr::Lit(crate::rule::Val::Null),
        };
        let (mut visible, mut calculation, mut required_if, mut checks) = match &mut self.nodes
            [node]
            .item
        {
            NodeItem::Field(f) => (
                f.common.visible.take(),
                match &mut f.kind {
                    FieldKind::Calculated { rule, .. } => Some(std::mem::replace(rule, blank())),
                    _ => None,
                },
                f.common.required_if.take(),
                std::mem::take(&mut f.common.checks),
            ),
            NodeItem::Group(g) => {
                groups.pop();
                (g.visible.take(), None, None, Vec::new())
            }
        };
        let decides = RuleOwner {
            page,
            same_page: true,
            groups: groups.clone(),
            node: Some(node),
        };
        let reads = RuleOwner {
            page,
            same_page: true,
            groups,
            node: None,
        };
        if let Some(rule) = &mut visible {
            self.resolve(rule, &decides, &format!("{location}.visible"))?;
        }
        if let Some(rule) = &mut calculation {
            self.resolve(rule, &decides, &format!("{location}.rule"))?;
        }
        if let Some(rule) = &mut required_if {
            self.resolve(rule, &reads, &format!("{location}.requiredIf"))?;
            // Whether this question is required (and so whether "optional" stands beside
            // its label) follows the answers the rule reads: on the same page, the page
            // must be shown again when they change.
            let mut read = Vec::new();
            let _ = visit_vars::<()>(rule.expr_mut(), &mut Vec::new(), &mut |expr, _, _| {
                if let Expr::Var {
                    target: Some(target),
                    ..
                } = expr
                {
                    read.push(*target);
                }
                Ok(())
            });
            for target in read {
                if target != node && self.nodes[target].page == page {
                    self.nodes[target].updates_page = true;
                }
            }
        }
        for (i, check) in checks.iter_mut().enumerate() {
            self.resolve(
                &mut check.rule,
                &reads,
                &format!("{location}.checks[{i}].rule"),
            )?;
        }
        match &mut self.nodes[node].item {
            NodeItem::Field(f) => {
                f.common.visible = visible;
                f.common.required_if = required_if;
                f.common.checks = checks;
                if let (FieldKind::Calculated { rule, .. }, Some(calculation)) =
                    (&mut f.kind, calculation)
                {
                    *rule = calculation;
                }
            }
            NodeItem::Group(g) => g.visible = visible,
        }
        Ok(())
    }

    /// Resolves every `var` of `rule` to a node, enforcing the reading rules of
    /// docs/procedure-format.md, and records what the owner's node depends on.
    fn resolve(
        &mut self,
        rule: &mut Rule,
        owner: &RuleOwner,
        path: &str,
    ) -> Result<(), ProcedureError> {
        let mut deps = Vec::new();
        let nodes = &self.nodes;
        let roots = &self.roots;
        let result = visit_vars(
            rule.expr_mut(),
            &mut Vec::new(),
            &mut |expr, quantifiers, is_quantified_group| {
                let Expr::Var {
                    path: var, target, ..
                } = expr
                else {
                    return Ok(());
                };
                let node = resolve_path(nodes, roots, var, owner, quantifiers)?;
                let target_node = &nodes[node];
                if let Some(group) = target_node.group() {
                    if !group.repeatable() {
                        return Err(format!(
                            "`{var}` is a group that does not repeat; name a field inside it"
                        ));
                    }
                } else if is_quantified_group {
                    return Err(format!(
                        "`{var}` is not a repeatable group, so it cannot be used with some/all/none"
                    ));
                }
                if let Some(f) = target_node.field()
                    && matches!(f.kind, FieldKind::ReadOnly { .. })
                {
                    return Err(format!("`{var}` is read-only text and has no value"));
                }
                let allowed = if owner.same_page {
                    target_node.page <= owner.page
                } else {
                    target_node.page < owner.page
                };
                if !allowed {
                    return Err(format!(
                        "`{var}` is on a later page ({}); a rule may read only its own page and earlier ones{}",
                        target_node.location,
                        if owner.same_page {
                            ""
                        } else {
                            " (page and section rules: earlier pages only)"
                        }
                    ));
                }
                deps.push(node);
                *target = Some(node);
                Ok(())
            },
        );
        result.map_err(|problem| self.error(path, problem))?;
        if let Some(node) = owner.node {
            self.dependencies[node].extend(deps);
        }
        Ok(())
    }

    /// Visibility and calculated values read other fields; a cycle among them would
    /// have no answer.
    fn check_cycles(&self) -> Result<(), ProcedureError> {
        // Reading a field also depends on the groups around it being shown.
        let edges = |n: NodeId| -> Vec<NodeId> {
            let mut e = self.dependencies[n].clone();
            e.extend(self.nodes[n].groups.iter().copied());
            e
        };
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Active,
            Done,
        }
        let mut marks = vec![Mark::New; self.nodes.len()];
        for start in 0..self.nodes.len() {
            if marks[start] != Mark::New {
                continue;
            }
            // Iterative depth-first search; `stack` holds (node, next edge index).
            let mut stack: Vec<(NodeId, usize, Vec<NodeId>)> = vec![(start, 0, edges(start))];
            marks[start] = Mark::Active;
            while let Some((node, next, out)) = stack.last_mut() {
                if *next < out.len() {
                    let to = out[*next];
                    *next += 1;
                    match marks[to] {
                        Mark::New => {
                            marks[to] = Mark::Active;
                            let e = edges(to);
                            stack.push((to, 0, e));
                        }
                        Mark::Active => {
                            let mut cycle: Vec<String> = stack
                                .iter()
                                .skip_while(|(n, _, _)| *n != to)
                                .map(|(n, _, _)| self.nodes[*n].key.clone())
                                .collect();
                            cycle.push(self.nodes[to].key.clone());
                            return Err(self.error(
                                self.nodes[to].location.clone(),
                                format!("rules form a cycle: {}", cycle.join(" → ")),
                            ));
                        }
                        Mark::Done => {}
                    }
                } else {
                    marks[*node] = Mark::Done;
                    stack.pop();
                }
            }
        }
        Ok(())
    }
}

enum PendingItem {
    Field(Box<Field>),
    Group(GroupDef),
}

enum RuleSlot {
    PageVisible(usize, Rule),
    SectionVisible(usize, Rule),
    Branch(usize, Rule, PageId, String),
}

/// Resolves a dotted path of FIM ids. Absolute from the root of the data, except inside
/// some/all/none, where it is relative to an instance of the quantified group.
fn resolve_path(
    nodes: &[Node],
    roots: &BTreeMap<String, NodeId>,
    path: &str,
    owner: &RuleOwner,
    quantifiers: &[NodeId],
) -> Result<NodeId, String> {
    let mut current: Option<NodeId> = quantifiers.last().copied();
    let mut walked = Vec::new();
    for segment in path.split('.') {
        let children: Vec<NodeId> = match current {
            None => roots.get(segment).copied().into_iter().collect(),
            Some(g) => match nodes[g].group() {
                Some(group) => group
                    .children
                    .iter()
                    .copied()
                    .filter(|&c| nodes[c].key == segment)
                    .collect(),
                None => {
                    return Err(format!(
                        "`{path}`: {} is a field, not a group",
                        nodes[g].key
                    ));
                }
            },
        };
        let Some(&next) = children.first() else {
            let place = match current {
                None if quantifiers.is_empty() => "in the procedure".to_owned(),
                None => "in the procedure".to_owned(),
                Some(g) => format!("in group {}", nodes[g].key),
            };
            return Err(format!(
                "`{path}` names no field: there is no {segment} {place}"
            ));
        };
        // Walking into a repeatable group is allowed only where an instance is bound:
        // the rule's own group instance, or the instance of an enclosing some/all/none.
        if let Some(g) = current
            && nodes[g].group().is_some_and(Group::repeatable)
            && !owner.groups.contains(&g)
            && !quantifiers.contains(&g)
        {
            return Err(format!(
                "`{path}` reads inside the repeatable group {} from outside it; use some/all/none or count",
                nodes[g].key
            ));
        }
        walked.push(next);
        current = Some(next);
    }
    current.ok_or_else(|| format!("`{path}` names no field"))
}

fn is_media_type(m: &str) -> bool {
    let mut parts = m.split('/');
    let ok = |p: Option<&str>| {
        p.is_some_and(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"+-.".contains(&b))
        })
    };
    ok(parts.next()) && ok(parts.next()) && parts.next().is_none()
}
