//! The pseudo-locale: German turned into something a developer can still read but can
//! tell apart from any real text. It is generated at load time from the German
//! resources (the app's own, the procedures', the override folder's), so it always has
//! exactly German's messages. Every literal piece of text is accented (a → á), each
//! message and attribute is lengthened by about 40 % and wrapped in `⟦ ⟧` (every
//! paragraph of it), so that a test finds text on screen that did not come from Fluent,
//! and longer translations show where the layout breaks.
//!
//! Only the text pieces of the Fluent AST change: variables, message and term
//! references, function calls, string literals, variant keys and term attributes (which
//! selectors read) stay as they are, so every placeable keeps working.

use std::collections::HashMap;
use std::sync::Arc;

use fluent_bundle::FluentResource;
use fluent_syntax::ast::{
    Attribute, CallArguments, Entry, Expression, Identifier, InlineExpression, Message,
    NamedArgument, Pattern, PatternElement, Resource, Term, Variant, VariantKey,
};
use unic_langid::LanguageIdentifier;

use crate::layers::Source;

/// The pseudo-locale's tag, as the settings store it and the UI sends it. `qps` is from
/// the private-use range `qaa`–`qtz` of BCP 47 language subtags, so it can never name a
/// real language; `qps-ploc` is the tag Windows and its tools use for their accented,
/// lengthened pseudo-locale. `Ploc` parses as a script subtag, which BCP 47 writes in
/// title case.
pub const PSEUDO_LOCALE: &str = "qps-Ploc";

/// Opens every pseudo-localized message (and every paragraph of it).
pub const PSEUDO_OPEN: char = '⟦';
/// Closes every pseudo-localized message (and every paragraph of it).
pub const PSEUDO_CLOSE: char = '⟧';

/// How much longer a message gets: German translated into other languages grows by up to
/// this share (more for short strings, which the padding's minimum of one word covers).
const LENGTHEN_BY: f64 = 0.4;

/// Readable, accented filler words, so lengthened text wraps like words do.
const FILLER: &str = "ĺóŕéṁ íṗšúṁ ďóĺóŕ šíť áṁéť çóñšéçťéťúŕ áďíṗíšçíñĝ éĺíť šéď ďó éíúšṁóď ";

pub(crate) fn locale_id() -> LanguageIdentifier {
    PSEUDO_LOCALE
        .parse()
        .expect("the pseudo-locale's tag is a valid language identifier")
}

/// Every source of `reference` (German) as a pseudo-localized source, in the same order,
/// so that later sources override earlier ones exactly as they do in German.
pub(crate) fn sources(all: &[Source], reference: &LanguageIdentifier) -> Vec<Source> {
    let german: Vec<&Source> = all.iter().filter(|s| &s.locale == reference).collect();
    // Terms count towards the length of the messages that use them.
    let mut terms = HashMap::new();
    for source in &german {
        for entry in source.resource.entries() {
            if let Entry::Term(term) = entry {
                let length = literal_length(&term.value, &terms);
                terms.insert(term.id.name.to_owned(), length);
            }
        }
    }
    let id = locale_id();
    german
        .into_iter()
        .map(|source| {
            let text = fluent_syntax::serializer::serialize(&resource(&source.resource, &terms));
            let resource = FluentResource::try_new(text).unwrap_or_else(|(resource, errors)| {
                // A defect of this module, not of the German text: logged, the rest kept.
                tracing::error!(?errors, "the pseudo-locale of a German file has errors");
                resource
            });
            Source {
                locale: id.clone(),
                resource: Arc::new(resource),
                app_texts: source.app_texts,
            }
        })
        .collect()
}

/// Accents every ASCII letter that has a precomposed accented form which Unicode
/// decomposes back to it, so accent-insensitive search still finds "Hund" in "Ĥúñď".
pub fn accent(text: &str) -> String {
    text.chars().map(accented).collect()
}

fn accented(c: char) -> char {
    match c {
        'a' => 'á',
        'b' => 'ḃ',
        'c' => 'ç',
        'd' => 'ď',
        'e' => 'é',
        'f' => 'ḟ',
        'g' => 'ĝ',
        'h' => 'ĥ',
        'i' => 'í',
        'j' => 'ĵ',
        'k' => 'ķ',
        'l' => 'ĺ',
        'm' => 'ṁ',
        'n' => 'ñ',
        'o' => 'ó',
        'p' => 'ṗ',
        'r' => 'ŕ',
        's' => 'š',
        't' => 'ť',
        'u' => 'ú',
        'v' => 'ṽ',
        'w' => 'ŵ',
        'x' => 'ẋ',
        'y' => 'ý',
        'z' => 'ž',
        'A' => 'Á',
        'B' => 'Ḃ',
        'C' => 'Ç',
        'D' => 'Ď',
        'E' => 'É',
        'F' => 'Ḟ',
        'G' => 'Ĝ',
        'H' => 'Ĥ',
        'I' => 'Í',
        'J' => 'Ĵ',
        'K' => 'Ķ',
        'L' => 'Ĺ',
        'M' => 'Ṁ',
        'N' => 'Ñ',
        'O' => 'Ó',
        'P' => 'Ṗ',
        'R' => 'Ŕ',
        'S' => 'Š',
        'T' => 'Ť',
        'U' => 'Ú',
        'V' => 'Ṽ',
        'W' => 'Ŵ',
        'X' => 'Ẋ',
        'Y' => 'Ý',
        'Z' => 'Ž',
        // q has no such form; umlauts, ß, digits and punctuation stay.
        other => other,
    }
}

/// The filler that lengthens a text of `length` characters by about 40 %.
fn padding(length: usize) -> String {
    if length == 0 {
        return String::new();
    }
    // Rounded up: a two-letter word gets a word of filler too.
    let count = (length as f64 * LENGTHEN_BY).ceil() as usize;
    let mut out = String::from(" ");
    out.extend(FILLER.chars().cycle().take(count));
    out.truncate(out.trim_end().len());
    out
}

/// Characters of literal text in `pattern` (a select counts its default variant, a term
/// reference its term's length; variables count nothing, their length is unknown).
fn literal_length(pattern: &Pattern<&str>, terms: &HashMap<String, usize>) -> usize {
    pattern
        .elements
        .iter()
        .map(|element| match element {
            PatternElement::TextElement { value } => value.chars().count(),
            PatternElement::Placeable { expression } => match expression {
                Expression::Select { variants, .. } => variants
                    .iter()
                    .find(|v| v.default)
                    .map_or(0, |v| literal_length(&v.value, terms)),
                Expression::Inline(InlineExpression::TermReference { id, .. }) => {
                    terms.get(id.name).copied().unwrap_or(0)
                }
                Expression::Inline(_) => 0,
            },
        })
        .sum()
}

fn resource(source: &FluentResource, terms: &HashMap<String, usize>) -> Resource<String> {
    let body = source
        .entries()
        .filter_map(|entry| match entry {
            Entry::Message(message) => Some(Entry::Message(Message {
                id: ident(&message.id),
                value: message.value.as_ref().map(|p| marked(p, terms)),
                attributes: message
                    .attributes
                    .iter()
                    .map(|a| Attribute {
                        id: ident(&a.id),
                        value: marked(&a.value, terms),
                    })
                    .collect(),
                comment: None,
            })),
            // A term is only ever shown inside a message, which marks and pads it.
            // Its attributes are read by selectors and must keep their values.
            Entry::Term(term) => Some(Entry::Term(Term {
                id: ident(&term.id),
                value: accented_pattern(&term.value),
                attributes: term
                    .attributes
                    .iter()
                    .map(|a| Attribute {
                        id: ident(&a.id),
                        value: owned_pattern(&a.value),
                    })
                    .collect(),
                comment: None,
            })),
            _ => None,
        })
        .collect();
    Resource { body }
}

/// A message's pattern: accented, padded, and every paragraph between `⟦` and `⟧`.
fn marked(pattern: &Pattern<&str>, terms: &HashMap<String, usize>) -> Pattern<String> {
    let mut elements = vec![PatternElement::TextElement {
        value: PSEUDO_OPEN.to_string(),
    }];
    elements.extend(accented_pattern(pattern).elements);
    elements.push(PatternElement::TextElement {
        value: format!("{}{PSEUDO_CLOSE}", padding(literal_length(pattern, terms))),
    });

    // Runs of text become one piece, so that a paragraph break (a blank line) can be
    // found and marked; then each piece is cut after every line feed again, because
    // the serializer indents only at the start of a piece.
    let mut merged: Vec<PatternElement<String>> = Vec::with_capacity(elements.len());
    for element in elements {
        match (merged.last_mut(), element) {
            (
                Some(PatternElement::TextElement { value: last }),
                PatternElement::TextElement { value },
            ) => last.push_str(&value),
            (_, element) => merged.push(element),
        }
    }
    let paragraph = format!("{PSEUDO_CLOSE}\n\n{PSEUDO_OPEN}");
    let elements = merged
        .into_iter()
        .flat_map(|element| match element {
            PatternElement::TextElement { value } => value
                .replace("\n\n", &paragraph)
                .split_inclusive('\n')
                .map(|line| PatternElement::TextElement {
                    value: line.to_owned(),
                })
                .collect::<Vec<_>>(),
            placeable => vec![placeable],
        })
        .collect();
    Pattern { elements }
}

fn accented_pattern(pattern: &Pattern<&str>) -> Pattern<String> {
    Pattern {
        elements: pattern
            .elements
            .iter()
            .map(|element| match element {
                PatternElement::TextElement { value } => PatternElement::TextElement {
                    value: accent(value),
                },
                PatternElement::Placeable { expression } => PatternElement::Placeable {
                    expression: match expression {
                        Expression::Select { selector, variants } => Expression::Select {
                            selector: inline(selector),
                            variants: variants
                                .iter()
                                .map(|v| Variant {
                                    key: variant_key(&v.key),
                                    value: accented_pattern(&v.value),
                                    default: v.default,
                                })
                                .collect(),
                        },
                        other => owned_expression(other),
                    },
                },
            })
            .collect(),
    }
}

// What follows copies AST nodes unchanged into owned strings.

fn owned_pattern(pattern: &Pattern<&str>) -> Pattern<String> {
    Pattern {
        elements: pattern
            .elements
            .iter()
            .map(|element| match element {
                PatternElement::TextElement { value } => PatternElement::TextElement {
                    value: (*value).to_owned(),
                },
                PatternElement::Placeable { expression } => PatternElement::Placeable {
                    expression: owned_expression(expression),
                },
            })
            .collect(),
    }
}

fn owned_expression(expression: &Expression<&str>) -> Expression<String> {
    match expression {
        Expression::Select { selector, variants } => Expression::Select {
            selector: inline(selector),
            variants: variants
                .iter()
                .map(|v| Variant {
                    key: variant_key(&v.key),
                    value: owned_pattern(&v.value),
                    default: v.default,
                })
                .collect(),
        },
        Expression::Inline(expression) => Expression::Inline(inline(expression)),
    }
}

fn inline(expression: &InlineExpression<&str>) -> InlineExpression<String> {
    match expression {
        InlineExpression::StringLiteral { value } => InlineExpression::StringLiteral {
            value: (*value).to_owned(),
        },
        InlineExpression::NumberLiteral { value } => InlineExpression::NumberLiteral {
            value: (*value).to_owned(),
        },
        InlineExpression::FunctionReference { id, arguments } => {
            InlineExpression::FunctionReference {
                id: ident(id),
                arguments: call_arguments(arguments),
            }
        }
        InlineExpression::MessageReference { id, attribute } => {
            InlineExpression::MessageReference {
                id: ident(id),
                attribute: attribute.as_ref().map(ident),
            }
        }
        InlineExpression::TermReference {
            id,
            attribute,
            arguments,
        } => InlineExpression::TermReference {
            id: ident(id),
            attribute: attribute.as_ref().map(ident),
            arguments: arguments.as_ref().map(call_arguments),
        },
        InlineExpression::VariableReference { id } => {
            InlineExpression::VariableReference { id: ident(id) }
        }
        InlineExpression::Placeable { expression } => InlineExpression::Placeable {
            expression: Box::new(owned_expression(expression)),
        },
    }
}

fn call_arguments(arguments: &CallArguments<&str>) -> CallArguments<String> {
    CallArguments {
        positional: arguments.positional.iter().map(inline).collect(),
        named: arguments
            .named
            .iter()
            .map(|n| NamedArgument {
                name: ident(&n.name),
                value: inline(&n.value),
            })
            .collect(),
    }
}

fn variant_key(key: &VariantKey<&str>) -> VariantKey<String> {
    match key {
        VariantKey::Identifier { name } => VariantKey::Identifier {
            name: (*name).to_owned(),
        },
        VariantKey::NumberLiteral { value } => VariantKey::NumberLiteral {
            value: (*value).to_owned(),
        },
    }
}

fn ident(id: &Identifier<&str>) -> Identifier<String> {
    Identifier {
        name: id.name.to_owned(),
    }
}
