//! The definition format, version 1, as Rust types: what an author writes in
//! `procedures/<procedure-id>.json`. `procedures/procedure.schema.json` is generated from
//! these types by a test, so the schema an author's editor checks against cannot drift
//! from what the engine reads. Doc comments here become the schema's descriptions.
//!
//! Unknown properties are errors (a typo such as `"optinal"` must not silently make a
//! question required), except `$schema`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{
    AttachmentId, CodeListId, FieldId, FimSchemaId, GroupId, LeikaKey, MessageId, PageId,
    ProcedureId, SectionId,
};
use crate::rule::Rule;

/// The one format version this engine reads.
pub const FORMAT_VERSION: u32 = 1;

/// A procedure definition, as written in its JSON file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "Amtsweg procedure definition, format 1")]
pub struct Definition {
    /// The JSON Schema an editor validates this file with: `./procedure.schema.json`.
    #[serde(rename = "$schema", default)]
    pub schema: Option<String>,
    /// Format version of this file; this engine reads format 1.
    pub format: FormatVersion,
    /// Stable id; also the file name and the prefix of every message id of the procedure.
    pub id: ProcedureId,
    /// Version of this definition (`major.minor.patch`); drafts remember it.
    pub version: DefinitionVersion,
    /// The federal service key.
    pub leika: Leika,
    /// The FIM schema (Stammdatenschema) whose field ids this procedure uses, if one exists.
    #[serde(default)]
    pub fim_schema: Option<FimSchema>,
    /// The procedure's name in the catalog and on its start page.
    pub title: MessageId,
    /// Comma-separated search words (synonyms) for the catalog search.
    #[serde(default)]
    pub keywords: Option<MessageId>,
    /// The life situation the catalog lists the procedure under; its text is the app's
    /// `life-situation-<code>` message. Without it the procedure is listed under "other".
    #[serde(default)]
    pub life_situation: Option<LifeSituation>,
    /// Facts shown on the start page.
    pub start: StartFacts,
    /// Show the sections as a task list (for long procedures) instead of one sequence.
    #[serde(default)]
    pub task_list: bool,
    /// The sections in order; a short procedure has one.
    pub sections: Vec<SectionDef>,
    /// Pages that end the procedure early ("you cannot apply here because …").
    #[serde(default)]
    pub exits: Vec<ExitDef>,
    /// Code lists for select, radio and multiple-choice fields.
    #[serde(default)]
    pub code_lists: Vec<CodeListDef>,
    /// Rules for file attachments.
    #[serde(default)]
    pub attachments: Vec<AttachmentDef>,
}

/// Life situations by which the catalog groups its procedures (the app ships a text for
/// each, `life-situation-<code>`, so a signed catalog cannot name one without a text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LifeSituation {
    /// Living and moving: registering a residence, certificates of registration.
    Moving,
    /// Keeping animals: dog tax.
    Pets,
    /// Roads, vehicles and parking.
    Traffic,
    /// Waste, trees and the environment.
    Environment,
    /// Running a business.
    Business,
    /// Certificates, documents and lost property.
    Documents,
}

impl LifeSituation {
    /// The code as written in definitions, also the suffix of its message id.
    pub fn code(self) -> &'static str {
        match self {
            Self::Moving => "moving",
            Self::Pets => "pets",
            Self::Traffic => "traffic",
            Self::Environment => "environment",
            Self::Business => "business",
            Self::Documents => "documents",
        }
    }
}

/// The format version; only 1 is accepted, with a clear error for newer files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(try_from = "u32")]
#[schemars(with = "FormatVersionSchema")]
pub struct FormatVersion;

#[derive(JsonSchema)]
#[allow(dead_code)] // Only its schema is used.
struct FormatVersionSchema(#[schemars(range(min = 1, max = 1))] u32);

impl TryFrom<u32> for FormatVersion {
    type Error = String;

    fn try_from(value: u32) -> Result<Self, String> {
        if value == FORMAT_VERSION {
            Ok(FormatVersion)
        } else {
            Err(format!(
                "format {value} is not understood by this Amtsweg, which reads format {FORMAT_VERSION}"
            ))
        }
    }
}

/// `major.minor.patch`, each a number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "String", into = "String")]
#[schemars(with = "DefinitionVersionSchema")]
pub struct DefinitionVersion(String);

#[derive(JsonSchema)]
#[allow(dead_code)] // Only its schema is used.
struct DefinitionVersionSchema(#[schemars(regex(pattern = r"^\d{1,6}\.\d{1,6}\.\d{1,6}$"))] String);

impl TryFrom<String> for DefinitionVersion {
    type Error = String;

    fn try_from(value: String) -> Result<Self, String> {
        let parts: Vec<&str> = value.split('.').collect();
        let ok = parts.len() == 3
            && parts
                .iter()
                .all(|p| (1..=6).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
        if ok {
            Ok(Self(value))
        } else {
            Err(format!("version {value:?} is not major.minor.patch"))
        }
    }
}

impl From<DefinitionVersion> for String {
    fn from(v: DefinitionVersion) -> String {
        v.0
    }
}

impl DefinitionVersion {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The service key (LeiKa) a submission is routed by: a municipality's destination
/// offers the keys it accepts, so a wrong key sends the citizen's application nowhere.
/// Each key says where it was found, and a key the federal register does not list says
/// so (`local`) with the reason.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Leika {
    pub key: LeikaKey,
    /// `true`: the key was found in the federal register of services (PVOG) as `source`
    /// names. `false`: it was not: a local key, or one from a secondary source that
    /// still awaits checking. A local key is never verified.
    pub verified: bool,
    /// Where the key was found: the register entry with its German name and when it was
    /// retrieved, or, for a local key, where it comes from.
    #[schemars(length(min = 1))]
    pub source: String,
    /// Present for a local key: one the federal register does not list, which each
    /// municipality maps to a service of its own. Absent for a federal key.
    #[serde(default)]
    pub local: Option<LocalKey>,
}

/// Why a key is local rather than federal.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LocalKey {
    /// Why no federal key fits (what was searched, what the nearest key is and why it
    /// does not fit), so a municipality knows what to map it to.
    #[schemars(length(min = 1))]
    pub reason: String,
}

/// The FIM schema a procedure follows, and whether that was checked.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FimSchema {
    pub id: FimSchemaId,
    pub verified: bool,
}

/// The start page: what the procedure is, who may apply, what you need.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StartFacts {
    pub summary: MessageId,
    pub who_may_apply: MessageId,
    /// One message per item of the "what you need" list.
    #[serde(default)]
    pub what_you_need: Vec<MessageId>,
    pub duration: MessageId,
    pub fees: MessageId,
    pub legal_basis: MessageId,
    /// The same information in Leichte Sprache, if the municipality publishes it (https only).
    #[serde(default)]
    pub easy_language_url: Option<String>,
}

/// A section: a task of the task list, and a heading of the check-your-answers page.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SectionDef {
    pub id: SectionId,
    pub title: MessageId,
    /// Shown only when this rule holds; it may read fields of earlier sections only.
    #[serde(default)]
    pub visible: Option<Rule>,
    /// Sections that must be completed first ("cannot start yet" until then).
    #[serde(default)]
    pub after: Vec<SectionId>,
    pub pages: Vec<PageDef>,
}

/// One page: one question or one small group of questions.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PageDef {
    pub id: PageId,
    /// The page heading; without one, a page with a single question uses its label.
    #[serde(default)]
    pub title: Option<MessageId>,
    #[serde(default)]
    pub hint: Option<MessageId>,
    /// Shown only when this rule holds; it may read fields of earlier pages only.
    #[serde(default)]
    pub visible: Option<Rule>,
    pub items: Vec<ItemDef>,
    /// Branches taken on "Continue", first match wins; else the next shown page.
    #[serde(default)]
    pub next: Vec<BranchDef>,
}

/// "When this holds, go to that page (later in the procedure) or exit page."
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BranchDef {
    pub when: Rule,
    pub goto: PageId,
}

/// A page that ends the procedure: why the citizen cannot apply here, what to do instead.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExitDef {
    pub id: PageId,
    pub title: MessageId,
    pub body: MessageId,
}

/// A code list (FIM: Codeliste), inline.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CodeListDef {
    pub id: CodeListId,
    /// The XRepository identity of the list, where there is one.
    #[serde(default)]
    pub canonical_uri: Option<String>,
    pub entries: Vec<CodeEntryDef>,
}

/// One code and its label.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CodeEntryDef {
    /// The value submitted.
    #[schemars(length(min = 1, max = 100))]
    pub code: String,
    pub label: MessageId,
}

/// Which files an attachment field accepts.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttachmentDef {
    pub id: AttachmentId,
    /// Media types such as `application/pdf`, `image/jpeg`.
    #[schemars(length(min = 1))]
    pub media_types: Vec<String>,
    /// Largest accepted file in bytes.
    #[schemars(range(min = 1))]
    pub max_bytes: u64,
}

/// A date limit: `"today"`, a fixed date `"2024-01-31"`, or `{"daysFromToday": -1}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum DateBound {
    /// `"today"` or a fixed ISO date.
    Word(String),
    /// Relative to the day the answers are checked: negative is the past.
    Relative {
        #[serde(rename = "daysFromToday")]
        days_from_today: i32,
    },
}

/// A field's example answer: as typed (`"DE89 3704 0044 0532 0130 00"`, `"HRB 12345"`),
/// for a date field a fixed ISO date (`"1985-03-27"`), or, for a date that must lie near
/// the day the form is filled in, `{"daysFromToday": -14}`. The hint shows a date as it
/// is typed (`01.04.2025`), a number or amount with the language's decimal separator.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ExampleDef {
    /// The answer as typed; for a date field an ISO date `YYYY-MM-DD`.
    Answer(String),
    /// For a date field: this many days from the day the page is shown (negative: in
    /// the past), so the example stays inside limits such as "at most a year ago".
    Relative {
        #[serde(rename = "daysFromToday")]
        days_from_today: i32,
    },
}

/// A cross-field check on a field: when its rule does not hold, the message is shown.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckDef {
    pub rule: Rule,
    /// What to do to fix it, e.g. "The date you got the dog must be before the start date".
    pub message: MessageId,
}

/// The kinds of validation error; each has a shared message `validation-<kind>` in
/// `locales/<lang>/procedures/_validation.ftl`, which a field can override.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum ErrorKind {
    Required,
    TooShort,
    TooLong,
    Pattern,
    Integer,
    Decimal,
    TooManyDecimals,
    TooSmall,
    TooLarge,
    Money,
    Date,
    DateNotReal,
    DateYear,
    DateTooEarly,
    DateTooLate,
    YesNo,
    Option,
    TooFewChoices,
    TooManyChoices,
    Email,
    Phone,
    Postcode,
    IbanFormat,
    IbanLength,
    IbanChecksum,
    TaxIdFormat,
    TaxIdDigits,
    TaxIdChecksum,
    FileType,
    FileSize,
    TooManyInstances,
    Check,
    AnswerShape,
}

impl ErrorKind {
    /// The shared message id.
    pub fn message_id(self) -> String {
        let kebab = serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        format!("validation-{kebab}")
    }
}

/// The type of a calculated value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum CalculatedType {
    Integer,
    Decimal,
    /// Euros; stored as cents, rounded half away from zero.
    Money,
    Text,
    YesNo,
}

/// Properties every question has. Generated into each field kind's struct, because
/// serde cannot combine `flatten` with refusing unknown properties.
macro_rules! field_kinds {
    ($(
        $(#[$vdoc:meta])*
        $variant:ident ($def:ident) { $( $(#[$fdoc:meta])* $field:ident : $ty:ty ),* $(,)? }
    ),* $(,)?) => {
        $(
            $(#[$vdoc])*
            #[derive(Debug, Clone, Deserialize, JsonSchema)]
            #[serde(rename_all = "camelCase", deny_unknown_fields)]
            pub struct $def {
                /// The FIM field id: the answer's key in the submitted data.
                pub id: FieldId,
                /// The question (or label).
                pub label: MessageId,
                /// Help shown under the label.
                #[serde(default)]
                pub hint: Option<MessageId>,
                /// Questions are required unless marked optional (no asterisks: the UI
                /// shows "optional" beside the label).
                #[serde(default)]
                pub optional: bool,
                /// An optional question becomes required when this rule holds.
                #[serde(default)]
                pub required_if: Option<Rule>,
                /// Shown (and validated and submitted) only when this rule holds.
                #[serde(default)]
                pub visible: Option<Rule>,
                /// Cross-field checks, run once the answer itself is valid.
                #[serde(default)]
                pub checks: Vec<CheckDef>,
                /// Messages that replace the shared ones for this field, by error kind.
                #[serde(default)]
                pub messages: BTreeMap<ErrorKind, MessageId>,
                /// The HTML autocomplete token (`family-name`, `postal-code`, …), so browsers
                /// and assistive technology can fill it (WCAG 1.3.5).
                #[serde(default)]
                pub autocomplete: Option<String>,
                /// An answer the field accepts, which its hint shows as `{ $example }`
                /// ("For example, { $example }"); the checker and the tests make sure the
                /// field's own checks accept it. Only for answers typed by the citizen.
                #[serde(default)]
                pub example: Option<ExampleDef>,
                $( $(#[$fdoc])* pub $field: $ty, )*
            }
        )*

        /// A question or a group of questions on a page.
        #[derive(Debug, Clone, JsonSchema)]
        #[serde(tag = "kind", rename_all = "camelCase")]
        pub enum ItemDef {
            $( $(#[$vdoc])* $variant($def), )*
            /// A group of questions (FIM: Datenfeldgruppe), repeatable with `min`/`max`.
            Group(GroupDef),
        }

        // By hand rather than serde's internally tagged enums, whose errors stop at the
        // item: this one names the property inside it (`items[1].visible: …`).
        impl<'de> Deserialize<'de> for ItemDef {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use serde::de::Error;
                let mut value = serde_json::Value::deserialize(deserializer)?;
                let kind = match value.as_object_mut().map(|o| o.remove("kind")) {
                    Some(Some(serde_json::Value::String(kind))) => kind,
                    Some(Some(_)) => return Err(D::Error::custom("`kind` must be a string")),
                    Some(None) => return Err(D::Error::missing_field("kind")),
                    None => return Err(D::Error::custom("an item must be an object with a `kind`")),
                };
                let kinds = [$( lower_first(stringify!($variant)), )* "group".to_owned()];
                $(
                    if kind == lower_first(stringify!($variant)) {
                        return inner::<$def, D::Error>(value).map(ItemDef::$variant);
                    }
                )*
                if kind == "group" {
                    return inner::<GroupDef, D::Error>(value).map(ItemDef::Group);
                }
                // `kind: ` puts the property into the error's path, so tools point at it.
                Err(D::Error::custom(format!(
                    "kind: unknown field kind `{}`, expected one of {}",
                    kind.chars().take(40).collect::<String>(),
                    kinds.join(", ")
                )))
            }
        }

        /// What kind of answer a field takes, with its kind's constraints.
        #[derive(Debug, Clone)]
        pub(crate) enum FieldKind {
            $( $variant { $( $field: $ty, )* }, )*
        }

        /// The properties all field kinds share, after reading.
        #[derive(Debug, Clone)]
        pub(crate) struct FieldCommon {
            pub(crate) id: FieldId,
            pub(crate) label: MessageId,
            pub(crate) hint: Option<MessageId>,
            pub(crate) optional: bool,
            pub(crate) required_if: Option<Rule>,
            pub(crate) visible: Option<Rule>,
            pub(crate) checks: Vec<CheckDef>,
            pub(crate) messages: BTreeMap<ErrorKind, MessageId>,
            pub(crate) autocomplete: Option<String>,
            pub(crate) example: Option<ExampleDef>,
        }

        pub(crate) enum ItemParts {
            Field(FieldCommon, FieldKind),
            Group(GroupDef),
        }

        impl ItemDef {
            pub(crate) fn into_parts(self) -> ItemParts {
                match self {
                    $( ItemDef::$variant(d) => ItemParts::Field(
                        FieldCommon {
                            id: d.id,
                            label: d.label,
                            hint: d.hint,
                            optional: d.optional,
                            required_if: d.required_if,
                            visible: d.visible,
                            checks: d.checks,
                            messages: d.messages,
                            autocomplete: d.autocomplete,
                            example: d.example,
                        },
                        FieldKind::$variant { $( $field: d.$field, )* },
                    ), )*
                    ItemDef::Group(g) => ItemParts::Group(g),
                }
            }
        }
    };
}

field_kinds! {
    /// One line of text (at most 1 000 characters).
    Text(TextFieldDef) {
        #[serde(default)] min_length: Option<u32>,
        #[serde(default)] max_length: Option<u32>,
        /// A regular expression (Rust `regex` syntax, anchored by the engine) the trimmed
        /// answer must match; say what is expected in a `messages.pattern` override.
        #[serde(default)] pattern: Option<String>,
    },
    /// Several lines of text (at most 10 000 characters).
    LongText(LongTextFieldDef) {
        #[serde(default)] min_length: Option<u32>,
        #[serde(default)] max_length: Option<u32>,
    },
    /// A whole number.
    Integer(IntegerFieldDef) {
        #[serde(default)] min: Option<i64>,
        #[serde(default)] max: Option<i64>,
    },
    /// A number with decimals ("12,5" or "12.5").
    Decimal(DecimalFieldDef) {
        #[serde(default)] min: Option<f64>,
        #[serde(default)] max: Option<f64>,
        /// Most digits after the decimal separator (default 6).
        #[serde(default)] max_decimals: Option<u8>,
    },
    /// An amount in euros ("12,50", "12.50", "1.234,56"), kept as cents.
    Money(MoneyFieldDef) {
        #[serde(default)] min_cents: Option<i64>,
        #[serde(default)] max_cents: Option<i64>,
    },
    /// A date ("2024-02-29" from a date input, or "29.02.2024").
    Date(DateFieldDef) {
        #[serde(default)] earliest: Option<DateBound>,
        #[serde(default)] latest: Option<DateBound>,
    },
    /// Yes or no.
    YesNo(YesNoFieldDef) {},
    /// One code from a code list, as a drop-down.
    Select(SelectFieldDef) { code_list: CodeListId },
    /// One code from a code list, as radio buttons.
    Radio(RadioFieldDef) { code_list: CodeListId },
    /// Any number of codes from a code list, as checkboxes.
    MultipleChoice(MultipleChoiceFieldDef) {
        code_list: CodeListId,
        #[serde(default)] min_choices: Option<u32>,
        #[serde(default)] max_choices: Option<u32>,
    },
    /// An email address.
    Email(EmailFieldDef) {},
    /// A phone number.
    Phone(PhoneFieldDef) {},
    /// A German postcode (5 digits, kept as text so a leading zero stays).
    Postcode(PostcodeFieldDef) {},
    /// An IBAN, checked by its mod-97 checksum and country length.
    Iban(IbanFieldDef) {},
    /// A German tax identification number (Steuer-IdNr., 11 digits, § 139b AO).
    TaxId(TaxIdFieldDef) {},
    /// A file, checked against an attachment rule; the vault holds the file itself.
    File(FileFieldDef) { attachment: AttachmentId },
    /// Text shown between questions; takes no answer and is not submitted.
    ReadOnly(ReadOnlyFieldDef) { text: MessageId },
    /// A value the engine calculates from other answers, shown read-only and submitted.
    Calculated(CalculatedFieldDef) {
        value_type: CalculatedType,
        rule: Rule,
    },
}

/// A group of questions; repeatable when `max` > 1 (several dogs).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GroupDef {
    /// The FIM group id: the key of the group's object (or array) in the submitted data.
    pub id: GroupId,
    /// The legend.
    pub label: MessageId,
    #[serde(default)]
    pub hint: Option<MessageId>,
    #[serde(default)]
    pub visible: Option<Rule>,
    /// Fewest instances (FIM `anzahl` "min:max"); 0 makes the group optional.
    #[serde(default = "one")]
    pub min: u32,
    /// Most instances.
    #[serde(default = "one")]
    pub max: u32,
    /// Heading of one instance, with `$number` ("Dog { $number }").
    #[serde(default)]
    pub instance_label: Option<MessageId>,
    /// The "add another" button of a repeatable group.
    #[serde(default)]
    pub add_label: Option<MessageId>,
    pub items: Vec<ItemDef>,
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// Reads a part of an item, keeping the path inside it in the error.
fn inner<T: serde::de::DeserializeOwned, E: serde::de::Error>(
    value: serde_json::Value,
) -> Result<T, E> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path == "." {
            E::custom(inner)
        } else {
            E::custom(format!("{path}: {inner}"))
        }
    })
}

fn one() -> u32 {
    1
}
