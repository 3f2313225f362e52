//! What the checker needs from a Fluent file: its messages with their lines, the
//! variables and message references each uses, and its syntax errors with lines.
//!
//! fluent-syntax 0.12 keeps no positions in its tree, but parsing a `&str` makes every
//! identifier a slice of the source, so an identifier's address minus the source's
//! address is its byte offset.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{
    CallArguments, Entry, Expression, InlineExpression, Pattern, PatternElement,
};

use crate::locate::line_column;

/// One message of a file.
#[derive(Debug, Default)]
pub(crate) struct FtlMessage {
    /// Line of the message id.
    pub line: usize,
    /// Attribute names (`.placeholder`).
    pub attributes: BTreeSet<String>,
    /// `$variables` the value and attributes read (not those inside terms).
    pub variables: BTreeSet<String>,
    /// Messages it references (`{ other-message }`).
    pub references: BTreeSet<String>,
}

/// A parsed file.
#[derive(Debug, Default)]
pub(crate) struct FtlFile {
    /// By id; a second definition of the same id in the file is in `duplicates`.
    pub messages: BTreeMap<String, FtlMessage>,
    /// (id, line) of messages defined again in the same file.
    pub duplicates: Vec<(String, usize)>,
    /// (line, column, description) of each syntax error.
    pub errors: Vec<(usize, usize, String)>,
}

pub(crate) fn parse(source: &str) -> FtlFile {
    let (resource, errors) = match fluent_syntax::parser::parse(source) {
        Ok(resource) => (resource, Vec::new()),
        Err((resource, errors)) => (resource, errors),
    };
    let mut file = FtlFile {
        errors: errors
            .iter()
            .map(|e| {
                // The parser notices a problem where it stops, often the next line; the
                // entry it had to skip starts where the author has to look.
                let start = e.slice.as_ref().map_or(e.pos.start, |s| s.start);
                let (line, column) = line_column(source, start);
                (line, column, e.kind.to_string())
            })
            .collect(),
        ..FtlFile::default()
    };
    let base = source.as_ptr().addr();
    for entry in resource.body {
        let Entry::Message(message) = entry else {
            continue;
        };
        let offset = message.id.name.as_ptr().addr().saturating_sub(base);
        let mut info = FtlMessage {
            line: line_column(source, offset).0,
            ..FtlMessage::default()
        };
        if let Some(value) = &message.value {
            pattern(value, &mut info);
        }
        for attribute in &message.attributes {
            info.attributes.insert(attribute.id.name.to_owned());
            pattern(&attribute.value, &mut info);
        }
        let id = message.id.name.to_owned();
        match file.messages.entry(id) {
            std::collections::btree_map::Entry::Occupied(first) => {
                file.duplicates.push((first.key().clone(), info.line));
            }
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(info);
            }
        }
    }
    file
}

fn pattern(pattern: &Pattern<&str>, info: &mut FtlMessage) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            self::expression(expression, info);
        }
    }
}

fn expression(expression: &Expression<&str>, info: &mut FtlMessage) {
    match expression {
        Expression::Select { selector, variants } => {
            inline(selector, info);
            for variant in variants {
                pattern(&variant.value, info);
            }
        }
        Expression::Inline(e) => inline(e, info),
    }
}

fn inline(expression: &InlineExpression<&str>, info: &mut FtlMessage) {
    match expression {
        InlineExpression::StringLiteral { .. } | InlineExpression::NumberLiteral { .. } => {}
        InlineExpression::VariableReference { id } => {
            info.variables.insert(id.name.to_owned());
        }
        InlineExpression::MessageReference { id, .. } => {
            info.references.insert(id.name.to_owned());
        }
        // A term's own variables are its arguments, not the message's; the arguments
        // passed to it may read the message's variables.
        InlineExpression::TermReference { arguments, .. } => {
            if let Some(arguments) = arguments {
                call(arguments, info);
            }
        }
        InlineExpression::FunctionReference { arguments, .. } => call(arguments, info),
        InlineExpression::Placeable { expression } => self::expression(expression, info),
    }
}

fn call(arguments: &CallArguments<&str>, info: &mut FtlMessage) {
    for e in &arguments.positional {
        inline(e, info);
    }
    for named in &arguments.named {
        inline(&named.value, info);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_with_lines_variables_and_references() {
        let file = parse(
            "# comment\n\
             a = Hello { $name }\n\
             \n\
             b =\n    { $count ->\n        [one] One { c }\n       *[other] { NUMBER($count, minimumFractionDigits: 1) } { -brand(case: \"dative\") }\n    }\n    .title = { $title }\n\
             -brand = Amtsweg { $own }\n",
        );
        assert!(file.errors.is_empty(), "{:?}", file.errors);
        let a = &file.messages["a"];
        assert_eq!(a.line, 2);
        assert_eq!(a.variables, BTreeSet::from(["name".to_owned()]));
        let b = &file.messages["b"];
        assert_eq!(b.line, 4);
        assert_eq!(
            b.variables,
            ["count", "title"].map(str::to_owned).into_iter().collect()
        );
        assert_eq!(b.references, BTreeSet::from(["c".to_owned()]));
        assert_eq!(b.attributes, BTreeSet::from(["title".to_owned()]));
        assert!(!file.messages.contains_key("-brand") && !file.messages.contains_key("brand"));
    }

    #[test]
    fn syntax_errors_and_duplicates_have_lines() {
        let file = parse("a = one\nb = { $x\nc = three\na = again\n");
        assert_eq!(file.errors.len(), 1, "{:?}", file.errors);
        assert_eq!(file.errors[0].0, 2);
        assert!(file.messages.contains_key("c"));
        assert_eq!(file.duplicates, vec![("a".to_owned(), 4)]);
    }
}
