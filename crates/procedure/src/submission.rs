//! The submitted data (JSON keyed by FIM ids) and the JSON Schema (2020-12) generated
//! from a definition that such data satisfies.
//!
//! Types in the data: integers and decimals as JSON numbers, money as a string of euros
//! with two decimals (`"96.00"`, exact, no binary fractions), dates as ISO strings,
//! yes/no as booleans, codes as strings, multiple choice as arrays of codes, files as
//! `{id, name, mediaType, size}`, a group as an object, a repeatable group as an array
//! of objects. Unanswered optional questions and hidden questions are left out.
//!
//! The schema checks shape and types. What depends on rules (a question shown only for
//! some answers, required-if, cross-field checks) cannot be required by a static
//! schema; the engine checks it before it makes a submission.

use serde_json::{Map, Value, json};

use crate::answer::Typed;
use crate::definition::{CalculatedType, FieldKind};
use crate::eval::Evaluation;
use crate::procedure::{NodeItem, Procedure};
use crate::rule::NodeId;

pub(crate) fn data(eval: &mut Evaluation<'_>) -> Value {
    let procedure = eval.procedure;
    let roots: Vec<NodeId> = procedure
        .pages
        .iter()
        .flat_map(|p| p.items.iter().copied())
        .collect();
    Value::Object(object(eval, &roots, &[]))
}

fn object(eval: &mut Evaluation<'_>, items: &[NodeId], instance: &[u32]) -> Map<String, Value> {
    let procedure = eval.procedure;
    let mut out = Map::new();
    for &node in items {
        if !eval.shown(node, instance) {
            continue;
        }
        let key = procedure.nodes[node].key.clone();
        match &procedure.nodes[node].item {
            NodeItem::Field(_) => {
                if let Some(value) = eval.value(node, instance) {
                    out.insert(key, typed_json(value));
                }
            }
            NodeItem::Group(group) => {
                let children = group.children.clone();
                let mut instances = Vec::new();
                for i in 0..eval.validated_count(node, instance) {
                    let mut inner = instance.to_vec();
                    inner.push(i);
                    instances.push(Value::Object(object(eval, &children, &inner)));
                }
                let value = if group.repeatable() {
                    Value::Array(instances)
                } else {
                    instances.pop().unwrap_or_else(|| Value::Object(Map::new()))
                };
                out.insert(key, value);
            }
        }
    }
    out
}

fn money_text(cents: i64) -> String {
    format!(
        "{}{}.{:02}",
        if cents < 0 { "-" } else { "" },
        (cents / 100).abs(),
        (cents % 100).abs()
    )
}

fn typed_json(value: Typed) -> Value {
    match value {
        Typed::Text(s) | Typed::Code(s) => Value::String(s),
        Typed::Integer(n) => json!(n),
        Typed::Decimal(n, _) => json!(n),
        Typed::Money(cents) => Value::String(money_text(cents)),
        Typed::Date(d) => Value::String(d.to_string()),
        Typed::Bool(b) => Value::Bool(b),
        Typed::Codes(codes) => json!(codes),
        Typed::File(f) => {
            json!({"id": f.id, "name": f.name, "mediaType": f.media_type, "size": f.size})
        }
    }
}

const MONEY_PATTERN: &str = r"^-?(0|[1-9][0-9]{0,14})\.[0-9]{2}$";

impl Procedure {
    /// JSON Schema (2020-12) of this procedure's submission data.
    pub fn data_schema(&self) -> Value {
        // A page is certain to be on every route when nothing can hide or skip it.
        let certain: Vec<bool> = (0..self.pages.len())
            .map(|p| {
                let page = &self.pages[p];
                page.visible.is_none()
                    && self.sections[page.section].visible.is_none()
                    && !self.pages[..p].iter().enumerate().any(|(from, earlier)| {
                        earlier.next.iter().any(|(_, target)| matches!(target, crate::procedure::Target::Page(t) if *t > p && from < p))
                    })
            })
            .collect();
        let roots: Vec<NodeId> = self
            .pages
            .iter()
            .flat_map(|p| p.items.iter().copied())
            .collect();
        let mut schema = self.object_schema(&roots, &|node| certain[self.nodes[node].page]);
        let object = schema
            .as_object_mut()
            .map(std::mem::take)
            .unwrap_or_default();
        let mut root = Map::new();
        root.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        root.insert(
            "$id".into(),
            json!(format!(
                "urn:amtsweg:procedure:{}:{}",
                self.id, self.version
            )),
        );
        root.insert(
            "title".into(),
            json!(format!("{} {} ({})", self.id, self.version, self.leika)),
        );
        root.extend(object);
        Value::Object(root)
    }

    fn object_schema(&self, items: &[NodeId], certain: &dyn Fn(NodeId) -> bool) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        for &node in items {
            let n = &self.nodes[node];
            let (schema, always) = match &n.item {
                NodeItem::Field(field) => {
                    let Some(schema) = self.field_schema(&field.kind) else {
                        continue;
                    };
                    let always = !field.common.optional
                        && field.common.visible.is_none()
                        && !matches!(field.kind, FieldKind::Calculated { .. });
                    (schema, always)
                }
                NodeItem::Group(group) => {
                    let instance = self.object_schema(&group.children, &|_| true);
                    let schema = if group.repeatable() {
                        json!({"type": "array", "items": instance, "minItems": group.min, "maxItems": group.max})
                    } else {
                        instance
                    };
                    (schema, group.visible.is_none())
                }
            };
            if always && certain(node) {
                required.push(Value::String(n.key.clone()));
            }
            properties.insert(n.key.clone(), schema);
        }
        json!({
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": false
        })
    }

    fn field_schema(&self, kind: &FieldKind) -> Option<Value> {
        let codes = |list| -> Vec<String> {
            self.code_lists[list]
                .entries
                .iter()
                .map(|e| e.code.clone())
                .collect()
        };
        Some(match kind {
            FieldKind::Text {
                min_length,
                max_length,
                pattern,
            } => {
                let mut s = json!({
                    "type": "string",
                    "minLength": min_length.unwrap_or(1).max(1),
                    "maxLength": max_length.unwrap_or(crate::procedure::TEXT_LIMIT),
                });
                if let Some(p) = pattern {
                    s["pattern"] = json!(format!("^(?:{p})$"));
                }
                s
            }
            FieldKind::LongText {
                min_length,
                max_length,
            } => json!({
                "type": "string",
                "minLength": min_length.unwrap_or(1).max(1),
                "maxLength": max_length.unwrap_or(crate::procedure::LONG_TEXT_LIMIT),
            }),
            FieldKind::Integer { min, max } => {
                let mut s = json!({"type": "integer"});
                if let Some(m) = min {
                    s["minimum"] = json!(m);
                }
                if let Some(m) = max {
                    s["maximum"] = json!(m);
                }
                s
            }
            FieldKind::Decimal { min, max, .. } => {
                let mut s = json!({"type": "number"});
                if let Some(m) = min {
                    s["minimum"] = json!(m);
                }
                if let Some(m) = max {
                    s["maximum"] = json!(m);
                }
                s
            }
            FieldKind::Money { .. } => {
                json!({"type": "string", "pattern": MONEY_PATTERN, "description": "euros with two decimals"})
            }
            FieldKind::Date { .. } => {
                json!({"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})
            }
            FieldKind::YesNo {} => json!({"type": "boolean"}),
            FieldKind::Select { code_list } | FieldKind::Radio { code_list } => {
                json!({"type": "string", "enum": codes(code_list)})
            }
            FieldKind::MultipleChoice {
                code_list,
                min_choices,
                max_choices,
            } => {
                let mut s = json!({
                    "type": "array",
                    "items": {"type": "string", "enum": codes(code_list)},
                    "uniqueItems": true,
                    "minItems": min_choices.unwrap_or(1).max(1),
                });
                if let Some(m) = max_choices {
                    s["maxItems"] = json!(m);
                }
                s
            }
            FieldKind::Email {} => {
                json!({"type": "string", "maxLength": 254, "pattern": r"^[^@\s]+@[^@\s]+\.[^@\s]+$"})
            }
            FieldKind::Phone {} => json!({"type": "string", "pattern": r"^\+?[0-9]{5,15}$"}),
            FieldKind::Postcode {} => json!({"type": "string", "pattern": "^[0-9]{5}$"}),
            FieldKind::Iban {} => {
                json!({"type": "string", "pattern": "^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$"})
            }
            FieldKind::TaxId {} => json!({"type": "string", "pattern": "^[1-9][0-9]{10}$"}),
            FieldKind::File { attachment } => {
                let rule = &self.attachments[attachment];
                json!({
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "minLength": 1},
                        "name": {"type": "string", "minLength": 1, "maxLength": 255},
                        "mediaType": {"type": "string", "enum": rule.media_types},
                        "size": {"type": "integer", "minimum": 0, "maximum": rule.max_bytes}
                    },
                    "required": ["id", "name", "mediaType", "size"],
                    "additionalProperties": false
                })
            }
            FieldKind::ReadOnly { .. } => return None,
            FieldKind::Calculated { value_type, .. } => match value_type {
                CalculatedType::Integer => json!({"type": "integer"}),
                CalculatedType::Decimal => json!({"type": "number"}),
                CalculatedType::Money => json!({"type": "string", "pattern": MONEY_PATTERN}),
                CalculatedType::Text => json!({"type": "string"}),
                CalculatedType::YesNo => json!({"type": "boolean"}),
            },
        })
    }
}
