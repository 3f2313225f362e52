//! Identifiers of the definition format. Each is a string checked once, when a definition
//! is read, so the rest of the engine never sees a malformed one.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $what:literal, $pattern:literal, $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Checks `value`; the error says what was expected.
            pub fn new(value: impl Into<String>) -> Result<Self, String> {
                Self::try_from(value.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;

            fn try_from(value: String) -> Result<Self, String> {
                let check: fn(&str) -> bool = $check;
                if check(&value) {
                    Ok(Self(value))
                } else {
                    Err(format!("{:?} is not {} (expected {})", shorten(&value), $what, $pattern))
                }
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "type": "string",
                    "pattern": $pattern,
                    "description": concat!("Must be ", $what, ".")
                })
            }
        }
    };
}

/// A value quoted in an error is cut, so a huge wrong value cannot flood a log.
fn shorten(value: &str) -> Cow<'_, str> {
    match value.char_indices().nth(40) {
        Some((end, _)) => Cow::Owned(format!("{}…", &value[..end])),
        None => Cow::Borrowed(value),
    }
}

fn is_slug(s: &str) -> bool {
    let b = s.as_bytes();
    (1..=64).contains(&b.len())
        && b[0].is_ascii_lowercase()
        && !s.ends_with('-')
        && !s.contains("--")
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

fn is_prefixed_digits(s: &str, prefix: char, digits: usize) -> bool {
    s.len() == digits + 1 && s.starts_with(prefix) && s[1..].bytes().all(|c| c.is_ascii_digit())
}

id_type!(
    /// The stable id of a procedure, also the name of its file and of its Fluent file.
    ProcedureId,
    "a procedure id: lower-case letters, digits and single hyphens, at most 64 characters",
    "^[a-z][a-z0-9]*(-[a-z0-9]+)*$",
    is_slug
);
id_type!(
    /// A page or an exit page, unique within its procedure.
    PageId,
    "a page id: lower-case letters, digits and single hyphens",
    "^[a-z][a-z0-9]*(-[a-z0-9]+)*$",
    is_slug
);
id_type!(
    /// A section of the task list.
    SectionId,
    "a section id: lower-case letters, digits and single hyphens",
    "^[a-z][a-z0-9]*(-[a-z0-9]+)*$",
    is_slug
);
id_type!(
    /// An attachment rule (allowed media types, maximum size).
    AttachmentId,
    "an attachment id: lower-case letters, digits and single hyphens",
    "^[a-z][a-z0-9]*(-[a-z0-9]+)*$",
    is_slug
);
id_type!(
    /// A FIM data field (Datenfeld), the field's key in the submitted data.
    FieldId,
    "a FIM field id: F and 8 digits",
    "^F[0-9]{8}$",
    |s| is_prefixed_digits(s, 'F', 8)
);
id_type!(
    /// A FIM field group (Datenfeldgruppe), the group's key in the submitted data.
    GroupId,
    "a FIM group id: G and 8 digits",
    "^G[0-9]{8}$",
    |s| is_prefixed_digits(s, 'G', 8)
);
id_type!(
    /// A code list, FIM style.
    CodeListId,
    "a code list id: C and 8 digits",
    "^C[0-9]{8}$",
    |s| is_prefixed_digits(s, 'C', 8)
);
id_type!(
    /// The FIM schema (Stammdatenschema) a procedure follows.
    FimSchemaId,
    "a FIM schema id: S and 8 digits",
    "^S[0-9]{8}$",
    |s| is_prefixed_digits(s, 'S', 8)
);
id_type!(
    /// The federal service key (LeiKa) as a URN.
    LeikaKey,
    "a LeiKa key: urn:de:fim:leika:leistung: and 14 digits",
    "^urn:de:fim:leika:leistung:[0-9]{14}$",
    |s| s
        .strip_prefix("urn:de:fim:leika:leistung:")
        .is_some_and(|d| d.len() == 14 && d.bytes().all(|c| c.is_ascii_digit()))
);
id_type!(
    /// A Fluent message id. Every text of a definition is one; the text lives in
    /// `locales/<lang>/procedures/<procedure-id>.ftl`.
    MessageId,
    "a Fluent message id: a letter, then letters, digits, hyphens or underscores",
    "^[a-zA-Z][a-zA-Z0-9_-]*$",
    |s| {
        let b = s.as_bytes();
        (1..=200).contains(&b.len())
            && b[0].is_ascii_alphabetic()
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_')
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked() {
        assert!(FieldId::new("F00000013").is_ok());
        assert!(FieldId::new("F0000013").is_err());
        assert!(FieldId::new("G00000013").is_err());
        assert!(GroupId::new("G00000771").is_ok());
        assert!(LeikaKey::new("urn:de:fim:leika:leistung:99102013104000").is_ok());
        assert!(LeikaKey::new("urn:de:fim:leika:leistung:9910201310400").is_err());
        assert!(LeikaKey::new("99102013104000").is_err());
        assert!(ProcedureId::new("dog-tax-registration").is_ok());
        for bad in ["", "Dog", "dog-", "dog--tax", "1dog", "dog_tax"] {
            assert!(ProcedureId::new(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn errors_quote_long_values_shortened() {
        let long = "x".repeat(10_000);
        let error = FieldId::new(long).expect_err("not a field id");
        assert!(error.len() < 200, "{error}");
    }
}
