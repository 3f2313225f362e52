//! Answers as the citizen gave them, and what each field kind derives from them.
//!
//! The raw answer is stored exactly as typed and is never rewritten; validation derives a
//! normalised, typed value from it (the GOV.UK rule: be lenient about spaces and
//! hyphens, say how to fix what cannot be understood, never clear the input).

use std::collections::BTreeMap;

use amtsweg_redact::Redacted;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Date;
use crate::definition::{ErrorKind, FieldKind};
use crate::procedure::{Field, LONG_TEXT_LIMIT, Procedure, TEXT_LIMIT};

/// One answer as the UI sends it and the draft stores it. `Debug` shows its size only
/// (drafts, pages and errors print their answers through it).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Answer {
    /// What was typed or chosen (text fields, numbers, dates, yes/no as `yes`/`no`,
    /// select and radio as the code).
    Text(String),
    /// Codes ticked in a multiple-choice field.
    Choices(Vec<String>),
    /// A file the vault holds.
    File(FileRef),
    /// The instances of a group, each a set of answers by FIM id; a group that does not
    /// repeat has one.
    Group(Vec<Answers>),
}

impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Answer::Text(text) => f.debug_tuple("Text").field(&Redacted(text)).finish(),
            Answer::Choices(codes) => f.debug_tuple("Choices").field(&Redacted(codes)).finish(),
            Answer::File(file) => f.debug_tuple("File").field(file).finish(),
            Answer::Group(instances) => f.debug_tuple("Group").field(instances).finish(),
        }
    }
}

/// Answers by FIM id (`F…` for fields, `G…` for groups).
pub type Answers = BTreeMap<String, Answer>;

/// A file attachment: the vault keeps the bytes; the engine checks type and size.
/// `Debug` shows the name's size only (a file name often names its owner).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FileRef {
    /// The vault's id of the stored file.
    pub id: String,
    /// The file name as chosen, for display only.
    pub name: String,
    pub media_type: String,
    #[ts(type = "number")]
    pub size: u64,
}

impl std::fmt::Debug for FileRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileRef")
            .field("id", &self.id)
            .field("name", &Redacted(&self.name))
            .field("media_type", &self.media_type)
            .field("size", &self.size)
            .finish()
    }
}

/// A value derived from a valid answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Typed {
    Text(String),
    Integer(i64),
    /// The number and its normalised text ("1234.5").
    Decimal(f64, String),
    Money(i64),
    Date(Date),
    Bool(bool),
    Code(String),
    Codes(Vec<String>),
    File(FileRef),
}

/// Why an answer is not valid, with the arguments its message needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Problem {
    pub(crate) kind: ErrorKind,
    pub(crate) args: Vec<(&'static str, Arg)>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Arg {
    Int(i64),
    Text(String),
    Date(Date),
    Money(i64),
    Bytes(u64),
}

fn problem(kind: ErrorKind) -> Problem {
    Problem {
        kind,
        args: Vec::new(),
    }
}

fn problem_with(kind: ErrorKind, name: &'static str, arg: Arg) -> Problem {
    Problem {
        kind,
        args: vec![(name, arg)],
    }
}

/// Spaces of every kind (including no-break and thin spaces pasted from documents).
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{00a0}' || c == '\u{202f}'
}

fn without(s: &str, drop: impl Fn(char) -> bool) -> String {
    s.chars().filter(|&c| !drop(c)).collect()
}

/// Parses and checks one answer of a field. `Ok(None)`: not answered.
pub(crate) fn derive(
    procedure: &Procedure,
    field: &Field,
    answer: Option<&Answer>,
    today: Date,
) -> Result<Option<Typed>, Problem> {
    let Some(answer) = answer else {
        return Ok(None);
    };
    match (&field.kind, answer) {
        (
            FieldKind::MultipleChoice {
                code_list,
                min_choices,
                max_choices,
            },
            Answer::Choices(codes),
        ) => {
            if codes.is_empty() {
                return Ok(None);
            }
            let list = &procedure.code_lists[code_list];
            let mut chosen: Vec<String> = Vec::new();
            for code in codes {
                if !list.entries.iter().any(|e| &e.code == code) {
                    return Err(problem(ErrorKind::Option));
                }
                if !chosen.contains(code) {
                    chosen.push(code.clone());
                }
            }
            let n = chosen.len() as i64;
            if let Some(min) = min_choices
                && n < i64::from(*min)
            {
                return Err(problem_with(
                    ErrorKind::TooFewChoices,
                    "min",
                    Arg::Int(i64::from(*min)),
                ));
            }
            if let Some(max) = max_choices
                && n > i64::from(*max)
            {
                return Err(problem_with(
                    ErrorKind::TooManyChoices,
                    "max",
                    Arg::Int(i64::from(*max)),
                ));
            }
            Ok(Some(Typed::Codes(chosen)))
        }
        (FieldKind::File { attachment }, Answer::File(file)) => {
            let rule = &procedure.attachments[attachment];
            let bad_name = file.name.is_empty()
                || file.name.chars().count() > 255
                || file
                    .name
                    .chars()
                    .any(|c| c == '/' || c == '\\' || c.is_control())
                || file.id.is_empty()
                || file.id.len() > 200;
            if bad_name {
                return Err(problem(ErrorKind::AnswerShape));
            }
            if !rule
                .media_types
                .iter()
                .any(|m| m.eq_ignore_ascii_case(&file.media_type))
            {
                return Err(problem_with(
                    ErrorKind::FileType,
                    "types",
                    Arg::Text(rule.media_types.join(", ")),
                ));
            }
            if file.size > rule.max_bytes {
                return Err(problem_with(
                    ErrorKind::FileSize,
                    "max",
                    Arg::Bytes(rule.max_bytes),
                ));
            }
            Ok(Some(Typed::File(file.clone())))
        }
        (FieldKind::ReadOnly { .. } | FieldKind::Calculated { .. }, _) => Ok(None),
        (kind, Answer::Text(raw)) => {
            if raw.chars().all(is_space) {
                return Ok(None);
            }
            derive_text(procedure, field, kind, raw, today).map(Some)
        }
        _ => Err(problem(ErrorKind::AnswerShape)),
    }
}

fn derive_text(
    procedure: &Procedure,
    field: &Field,
    kind: &FieldKind,
    raw: &str,
    today: Date,
) -> Result<Typed, Problem> {
    // Cut off absurd input before any work that grows with its length.
    let limit = match kind {
        FieldKind::LongText { max_length, .. } => max_length.unwrap_or(LONG_TEXT_LIMIT),
        FieldKind::Text { max_length, .. } => max_length.unwrap_or(TEXT_LIMIT),
        _ => 200,
    };
    // An answer that reached the size the draft keeps was cut there (see
    // `Session::set_answers`): whatever its field allows, it was longer.
    if raw.len() > limit as usize * 4 + 64 || raw.len() + 4 > crate::MAX_ANSWER_BYTES {
        return Err(problem_with(
            ErrorKind::TooLong,
            "max",
            Arg::Int(i64::from(limit)),
        ));
    }
    let text = raw.trim_matches(is_space);
    match kind {
        FieldKind::Text {
            min_length,
            max_length,
            ..
        }
        | FieldKind::LongText {
            min_length,
            max_length,
        } => {
            let n = text.chars().count() as i64;
            let max = i64::from(max_length.unwrap_or(limit));
            if n > max {
                return Err(problem_with(ErrorKind::TooLong, "max", Arg::Int(max)));
            }
            if let Some(min) = min_length
                && n < i64::from(*min)
            {
                return Err(problem_with(
                    ErrorKind::TooShort,
                    "min",
                    Arg::Int(i64::from(*min)),
                ));
            }
            if let Some(pattern) = &field.pattern
                && !pattern.is_match(text)
            {
                return Err(problem(ErrorKind::Pattern));
            }
            Ok(Typed::Text(text.to_owned()))
        }
        FieldKind::Integer { min, max } => {
            let n = parse_integer(text).ok_or(problem(ErrorKind::Integer))?;
            range(
                n as f64,
                min.map(|m| m as f64),
                max.map(|m| m as f64),
                |v| Arg::Int(v as i64),
            )?;
            Ok(Typed::Integer(n))
        }
        FieldKind::Decimal {
            min,
            max,
            max_decimals,
        } => {
            let places = max_decimals.unwrap_or(6);
            let (units, decimals) = parse_amount(text, places).map_err(|kind| match kind {
                AmountError::Format => problem(ErrorKind::Decimal),
                AmountError::Decimals => problem_with(
                    ErrorKind::TooManyDecimals,
                    "max",
                    Arg::Int(i64::from(places)),
                ),
            })?;
            let normal = if decimals.is_empty() {
                units.clone()
            } else {
                format!("{units}.{decimals}")
            };
            let value: f64 = normal.parse().map_err(|_| problem(ErrorKind::Decimal))?;
            range(value, *min, *max, |v| Arg::Text(format_plain(v)))?;
            Ok(Typed::Decimal(value, normal))
        }
        FieldKind::Money {
            min_cents,
            max_cents,
        } => {
            let cents = parse_money(text)?;
            let min = min_cents.unwrap_or(0);
            if cents < min {
                return Err(problem_with(ErrorKind::TooSmall, "min", Arg::Money(min)));
            }
            if let Some(max) = max_cents
                && cents > *max
            {
                return Err(problem_with(ErrorKind::TooLarge, "max", Arg::Money(*max)));
            }
            Ok(Typed::Money(cents))
        }
        FieldKind::Date { .. } => {
            let date = parse_date(text)?;
            if let Some(earliest) = field.earliest.map(|b| b.resolve(today))
                && date < earliest
            {
                return Err(problem_with(
                    ErrorKind::DateTooEarly,
                    "date",
                    Arg::Date(earliest),
                ));
            }
            if let Some(latest) = field.latest.map(|b| b.resolve(today))
                && date > latest
            {
                return Err(problem_with(
                    ErrorKind::DateTooLate,
                    "date",
                    Arg::Date(latest),
                ));
            }
            Ok(Typed::Date(date))
        }
        FieldKind::YesNo {} => match text.to_lowercase().as_str() {
            "yes" | "ja" | "true" | "y" | "j" => Ok(Typed::Bool(true)),
            "no" | "nein" | "false" | "n" => Ok(Typed::Bool(false)),
            _ => Err(problem(ErrorKind::YesNo)),
        },
        FieldKind::Select { code_list } | FieldKind::Radio { code_list } => {
            let list = &procedure.code_lists[code_list];
            list.entries
                .iter()
                .find(|e| e.code == text)
                .map(|e| Typed::Code(e.code.clone()))
                .ok_or(problem(ErrorKind::Option))
        }
        FieldKind::Email {} => parse_email(text)
            .map(Typed::Text)
            .ok_or(problem(ErrorKind::Email)),
        FieldKind::Phone {} => parse_phone(text)
            .map(Typed::Text)
            .ok_or(problem(ErrorKind::Phone)),
        FieldKind::Postcode {} => {
            let code = without(text, |c| is_space(c) || c == '-');
            if code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit()) {
                Ok(Typed::Text(code))
            } else {
                Err(problem(ErrorKind::Postcode))
            }
        }
        FieldKind::Iban {} => parse_iban(text).map(Typed::Text),
        FieldKind::TaxId {} => parse_tax_id(text).map(Typed::Text),
        FieldKind::MultipleChoice { .. } | FieldKind::File { .. } => {
            Err(problem(ErrorKind::AnswerShape))
        }
        FieldKind::ReadOnly { .. } | FieldKind::Calculated { .. } => {
            Err(problem(ErrorKind::AnswerShape))
        }
    }
}

fn range(
    value: f64,
    min: Option<f64>,
    max: Option<f64>,
    arg: impl Fn(f64) -> Arg,
) -> Result<(), Problem> {
    if let Some(min) = min
        && value < min
    {
        return Err(problem_with(ErrorKind::TooSmall, "min", arg(min)));
    }
    if let Some(max) = max
        && value > max
    {
        return Err(problem_with(ErrorKind::TooLarge, "max", arg(max)));
    }
    Ok(())
}

pub(crate) fn format_plain(v: f64) -> String {
    let s = format!("{v}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

/// "1234", "1.234", "1 234", "-5".
fn parse_integer(text: &str) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start_matches(is_space)),
        None => (false, text),
    };
    let digits = without(digits, is_space);
    let digits = if digits.contains('.') && grouped(&digits, '.') {
        without(&digits, |c| c == '.')
    } else {
        digits
    };
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = digits.parse().ok()?;
    Some(if negative { -n } else { n })
}

/// Whether `s` is digits in groups of three after the first (1 to 3) split by `sep`.
fn grouped(s: &str, sep: char) -> bool {
    let mut parts = s.split(sep);
    let first = parts.next().unwrap_or("");
    (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && parts.all(|p| p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

enum AmountError {
    Format,
    Decimals,
}

/// Splits an unsigned amount written the German or the English way into whole units
/// and decimals: "1.234,56", "1,234.56", "1234,5", "12.50", "1.234" (German thousands).
fn parse_amount(text: &str, max_decimals: u8) -> Result<(String, String), AmountError> {
    let s = without(text, |c| is_space(c) || c == '\'');
    if s.is_empty()
        || s.len() > 40
        || !s
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return Err(AmountError::Format);
    }
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    let (whole, fraction): (&str, &str) = match (commas, dots) {
        (0, 0) => (&s, ""),
        (_, 0) if commas == 1 => s.split_once(',').unwrap_or((&s, "")),
        (0, 1) => {
            let (w, f) = s.split_once('.').unwrap_or((&s, ""));
            // "1.234" is German for one thousand two hundred and thirty-four.
            if f.len() == 3 && grouped(&s, '.') {
                (&s, "")
            } else {
                (w, f)
            }
        }
        _ => {
            let last = s.rfind([',', '.']).unwrap_or(0);
            (&s[..last], &s[last + 1..])
        }
    };
    let decimal_sep = if fraction.is_empty() && !s.ends_with([',', '.']) {
        None
    } else {
        s[whole.len()..].chars().next()
    };
    let group_sep = match decimal_sep {
        Some(',') => '.',
        Some(_) => ',',
        None if commas > 0 => ',',
        None => '.',
    };
    if whole.is_empty() || (decimal_sep.is_some() && fraction.is_empty()) {
        return Err(AmountError::Format);
    }
    let other_sep = if group_sep == '.' { ',' } else { '.' };
    if whole.contains([',', '.']) && (whole.contains(other_sep) || !grouped(whole, group_sep)) {
        return Err(AmountError::Format);
    }
    if fraction.contains([',', '.']) {
        return Err(AmountError::Format);
    }
    let units = without(whole, |c| c == group_sep);
    if units.len() > 15 {
        return Err(AmountError::Format);
    }
    if fraction.len() > usize::from(max_decimals) {
        return Err(AmountError::Decimals);
    }
    let units = units.trim_start_matches('0');
    Ok((
        if units.is_empty() {
            "0".to_owned()
        } else {
            units.to_owned()
        },
        fraction.to_owned(),
    ))
}

/// Euros to cents: "12,50", "12.50 €", "EUR 1.234,56".
pub(crate) fn parse_money(text: &str) -> Result<i64, Problem> {
    let mut s = text.trim_matches(is_space);
    for affix in ["€", "EUR", "Euro", "eur", "euro"] {
        s = s.strip_prefix(affix).unwrap_or(s).trim_matches(is_space);
        s = s.strip_suffix(affix).unwrap_or(s).trim_matches(is_space);
    }
    let (units, decimals) = parse_amount(s, 2).map_err(|e| match e {
        AmountError::Format => problem(ErrorKind::Money),
        AmountError::Decimals => problem_with(ErrorKind::TooManyDecimals, "max", Arg::Int(2)),
    })?;
    let units: i64 = units.parse().map_err(|_| problem(ErrorKind::Money))?;
    let cents: i64 = format!("{decimals:0<2}")
        .parse()
        .map_err(|_| problem(ErrorKind::Money))?;
    units
        .checked_mul(100)
        .and_then(|u| u.checked_add(cents))
        .ok_or(problem(ErrorKind::Money))
}

/// "2024-02-29" (a date input) or "29.02.2024" / "29.2.2024" / "29. 2. 2024".
pub(crate) fn parse_date(text: &str) -> Result<Date, Problem> {
    let s = without(text, is_space);
    let numbers = |parts: Vec<&str>| -> Option<Vec<(usize, i64)>> {
        parts
            .iter()
            .map(|p| {
                (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| (p.len(), p.parse().unwrap_or(0)))
            })
            .collect()
    };
    let (year, month, day) = if s.contains('-') {
        match numbers(s.split('-').collect()).as_deref() {
            Some(&[(4, y), (1..=2, m), (1..=2, d)]) => (y, m, d),
            _ => return Err(problem(ErrorKind::Date)),
        }
    } else {
        match numbers(s.split('.').collect()).as_deref() {
            Some(&[(1..=2, d), (1..=2, m), (4, y)]) => (y, m, d),
            Some(&[(1..=2, _), (1..=2, _), (_, _)]) => return Err(problem(ErrorKind::DateYear)),
            _ => return Err(problem(ErrorKind::Date)),
        }
    };
    if !(1000..=9999).contains(&year) {
        return Err(problem(ErrorKind::DateYear));
    }
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(problem(ErrorKind::DateNotReal));
    }
    // Ranges checked above, so the casts cannot truncate.
    Date::new(year as i16, month as i8, day as i8).map_err(|_| problem(ErrorKind::DateNotReal))
}

fn parse_email(text: &str) -> Option<String> {
    if text.len() > 254 || text.chars().any(is_space) {
        return None;
    }
    let (local, domain) = text.split_once('@')?;
    let labels_ok = domain.split('.').count() >= 2
        && domain.split('.').all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    (labels_ok && local_ok).then(|| format!("{local}@{}", domain.to_lowercase()))
}

/// "+49 561 787-0", "0561 / 7870", "(0561) 787 0": kept as `+` and digits.
fn parse_phone(text: &str) -> Option<String> {
    let (plus, rest) = match text.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if !rest
        .chars()
        .all(|c| c.is_ascii_digit() || is_space(c) || "-/().".contains(c))
    {
        return None;
    }
    let digits = without(rest, |c| !c.is_ascii_digit());
    ((5..=15).contains(&digits.len())).then(|| if plus { format!("+{digits}") } else { digits })
}

/// The SEPA scheme countries by IBAN country code, with their IBAN length: the EPC's list
/// as data, with its source and date in the file.
const SEPA_COUNTRIES: &str = include_str!("../data/sepa-countries.tsv");

/// The lines of [`SEPA_COUNTRIES`]: IBAN country code, IBAN length, example, country.
fn sepa_countries() -> impl Iterator<Item = [&'static str; 4]> {
    SEPA_COUNTRIES
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let mut columns = line.split('\t');
            Some([
                columns.next()?,
                columns.next()?,
                columns.next()?,
                columns.next()?,
            ])
        })
}

/// The IBAN length of a SEPA country, `None` for a country outside SEPA.
fn sepa_iban_length(country: &str) -> Option<usize> {
    sepa_countries()
        .find(|[code, ..]| *code == country)
        .and_then(|[_, length, ..]| length.parse().ok())
}

/// An IBAN of a SEPA country: its length (said to the citizen with the expected one),
/// then the country's format and the mod-97 checksum (ISO 13616) by `iban_validate`.
pub(crate) fn parse_iban(text: &str) -> Result<String, Problem> {
    let iban = without(text, |c| is_space(c) || c == '-').to_ascii_uppercase();
    let b = iban.as_bytes();
    let shape = b.len() >= 5
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..4].iter().all(u8::is_ascii_digit)
        && b.iter().all(u8::is_ascii_alphanumeric);
    if !shape {
        return Err(problem(ErrorKind::IbanFormat));
    }
    let country = &iban[..2];
    let Some(length) = sepa_iban_length(country) else {
        return Err(problem(ErrorKind::IbanFormat));
    };
    if b.len() != length {
        return Err(Problem {
            kind: ErrorKind::IbanLength,
            args: vec![
                ("country", Arg::Text(country.to_owned())),
                ("length", Arg::Int(length as i64)),
            ],
        });
    }
    match iban.parse::<iban::Iban>() {
        Ok(_) => Ok(iban),
        Err(iban::ParseIbanError::InvalidBaseIban {
            source: iban::ParseBaseIbanError::InvalidChecksum,
        }) => Err(problem(ErrorKind::IbanChecksum)),
        // Letters where the country's format has digits (or the other way round).
        Err(_) => Err(problem(ErrorKind::IbanFormat)),
    }
}

pub(crate) fn parse_tax_id(text: &str) -> Result<String, Problem> {
    let id = without(text, |c| is_space(c) || c == '/' || c == '-');
    let d = id.as_bytes();
    if d.len() != 11 || !d.iter().all(u8::is_ascii_digit) || d[0] == b'0' {
        return Err(problem(ErrorKind::TaxIdFormat));
    }
    let digits: Vec<u32> = d.iter().map(|b| u32::from(b - b'0')).collect();
    // § 139b AO / BZSt: in the first ten digits exactly one digit occurs twice or three
    // times, every other at most once, and no digit three times in a row.
    let mut counts = [0u8; 10];
    for &x in &digits[..10] {
        counts[x as usize] += 1;
    }
    let repeated = counts.iter().filter(|&&c| c >= 2).count();
    let triple_run = digits[..10]
        .windows(3)
        .any(|w| w[0] == w[1] && w[1] == w[2]);
    if repeated != 1 || counts.iter().any(|&c| c > 3) || triple_run {
        return Err(problem(ErrorKind::TaxIdDigits));
    }
    // ISO 7064 MOD 11,10.
    let mut product = 10;
    for &x in &digits[..10] {
        let mut sum = (x + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    let check = (11 - product) % 10;
    if check == digits[10] {
        Ok(id)
    } else {
        Err(problem(ErrorKind::TaxIdChecksum))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_in_german_and_english_notation() {
        for (input, cents) in [
            ("12,50", 1250),
            ("12.50", 1250),
            ("1.234,56", 123_456),
            ("1,234.56", 123_456),
            ("1.234", 123_400),
            ("1234", 123_400),
            ("1 234,5", 123_450),
            ("12,5 €", 1250),
            ("EUR 0,99", 99),
            ("0", 0),
            ("1.234.567,89", 123_456_789),
        ] {
            assert_eq!(parse_money(input).map_err(|p| p.kind), Ok(cents), "{input}");
        }
        for (input, kind) in [
            ("12,505", ErrorKind::TooManyDecimals),
            ("12,5,0", ErrorKind::Money),
            ("1.23.4", ErrorKind::Money),
            ("abc", ErrorKind::Money),
            ("-5", ErrorKind::Money),
            ("12,", ErrorKind::Money),
            (",5", ErrorKind::Money),
            ("99999999999999999999", ErrorKind::Money),
        ] {
            assert_eq!(parse_money(input).map_err(|p| p.kind), Err(kind), "{input}");
        }
    }

    #[test]
    fn dates_iso_and_german() {
        let d = |y, m, dd| Date::new(y, m, dd).expect("valid date");
        assert_eq!(parse_date("2024-02-29").ok(), Some(d(2024, 2, 29)));
        assert_eq!(parse_date("29.02.2024").ok(), Some(d(2024, 2, 29)));
        assert_eq!(parse_date("1.3.2024").ok(), Some(d(2024, 3, 1)));
        assert_eq!(parse_date(" 29. 02. 2024 ").ok(), Some(d(2024, 2, 29)));
        assert_eq!(
            parse_date("29.02.2023").map_err(|p| p.kind),
            Err(ErrorKind::DateNotReal)
        );
        assert_eq!(
            parse_date("31.04.2024").map_err(|p| p.kind),
            Err(ErrorKind::DateNotReal)
        );
        assert_eq!(
            parse_date("13.13.2024").map_err(|p| p.kind),
            Err(ErrorKind::DateNotReal)
        );
        assert_eq!(
            parse_date("29.02.24").map_err(|p| p.kind),
            Err(ErrorKind::DateYear)
        );
        assert_eq!(
            parse_date("yesterday").map_err(|p| p.kind),
            Err(ErrorKind::Date)
        );
        assert_eq!(
            parse_date("2024/02/29").map_err(|p| p.kind),
            Err(ErrorKind::Date)
        );
    }

    #[test]
    fn iban_checksum_length_and_spaces() {
        assert_eq!(
            parse_iban("DE89 3704 0044 0532 0130 00").ok().as_deref(),
            Some("DE89370400440532013000")
        );
        assert!(parse_iban("de89-3704-0044-0532-0130-00").is_ok());
        assert_eq!(
            parse_iban("DE89 3704 0044 0532 0130 01").map_err(|p| p.kind),
            Err(ErrorKind::IbanChecksum)
        );
        assert_eq!(
            parse_iban("DE89 3704 0044 0532 0130").map_err(|p| p.kind),
            Err(ErrorKind::IbanLength)
        );
        assert!(parse_iban("AT61 1904 3002 3457 3201").is_ok());
        assert_eq!(
            parse_iban("XX89370400440532013000").map_err(|p| p.kind),
            Err(ErrorKind::IbanFormat)
        );
        assert_eq!(
            parse_iban("DE89 3704 0044 0532 0130 0!").map_err(|p| p.kind),
            Err(ErrorKind::IbanFormat)
        );
    }

    /// Every line of the SEPA list: its example is accepted, has the listed length, and
    /// one character less is refused with that length. So the list and the crate's
    /// per-country formats agree, and no listed country is refused.
    #[test]
    fn every_listed_sepa_country_is_accepted() {
        let mut codes = Vec::new();
        for [code, length, example, country] in sepa_countries() {
            let length: usize = length.parse().expect("a length");
            assert_eq!(
                example.len(),
                length,
                "{country}: example and length differ"
            );
            assert_eq!(&example[..2], code, "{country}: example of another country");
            assert_eq!(
                parse_iban(example).as_deref(),
                Ok(example),
                "{country}'s example IBAN is refused"
            );
            let short = parse_iban(&example[..length - 1]).map_err(|p| (p.kind, p.args));
            assert_eq!(
                short,
                Err((
                    ErrorKind::IbanLength,
                    vec![
                        ("country", Arg::Text(code.to_owned())),
                        ("length", Arg::Int(length as i64)),
                    ]
                )),
                "{country}"
            );
            codes.push(code);
        }
        // The four the hand-written table lacked, among the 41 IBAN codes of the list.
        for added in ["AL", "MD", "ME", "MK"] {
            assert!(codes.contains(&added), "{added} is not listed");
        }
        assert_eq!(codes.len(), 41);
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, codes, "the list is sorted and has no code twice");
    }

    #[test]
    fn the_new_sepa_countries_and_their_formats() {
        // North Macedonia, Albania, Moldova, Montenegro: spaced as printed on a card.
        for iban in [
            "MK07 2501 2000 0058 984",
            "AL47 2121 1009 0000 0002 3569 8741",
            "MD24 AG00 0225 1000 1310 4168",
            "ME25 5050 0001 2345 6789 51",
        ] {
            assert!(parse_iban(iban).is_ok(), "{iban} is refused");
        }
        // A valid IBAN of a country outside SEPA (Türkiye) is not accepted.
        assert_eq!(
            parse_iban("TR33 0006 1005 1978 6457 8413 26").map_err(|p| p.kind),
            Err(ErrorKind::IbanFormat)
        );
        // The crate's per-country format: a Dutch IBAN has the bank's letters where a
        // German one has digits; digits there are refused although the checksum holds.
        assert_eq!(
            parse_iban("NL28 0000 0417 1643 00").map_err(|p| p.kind),
            Err(ErrorKind::IbanFormat)
        );
    }

    #[test]
    fn tax_id_checksum_and_digit_rule() {
        assert_eq!(
            parse_tax_id("86095742719").ok().as_deref(),
            Some("86095742719")
        );
        assert!(parse_tax_id("86 095 742 719").is_ok());
        assert_eq!(
            parse_tax_id("86095742718").map_err(|p| p.kind),
            Err(ErrorKind::TaxIdChecksum)
        );
        assert_eq!(
            parse_tax_id("8609574271").map_err(|p| p.kind),
            Err(ErrorKind::TaxIdFormat)
        );
        assert_eq!(
            parse_tax_id("06095742719").map_err(|p| p.kind),
            Err(ErrorKind::TaxIdFormat)
        );
        // All ten digits different: no digit repeats.
        assert_eq!(
            parse_tax_id("12345678901").map_err(|p| p.kind),
            Err(ErrorKind::TaxIdDigits)
        );
        // Three of one digit in a row.
        assert_eq!(
            parse_tax_id("11123456780").map_err(|p| p.kind),
            Err(ErrorKind::TaxIdDigits)
        );
    }

    #[test]
    fn integers_phone_email() {
        assert_eq!(parse_integer("1.000"), Some(1000));
        assert_eq!(parse_integer("- 5"), Some(-5));
        assert_eq!(parse_integer("1.00"), None);
        assert_eq!(parse_integer("12a"), None);
        assert_eq!(parse_phone("+49 561 787-0").as_deref(), Some("+495617870"));
        assert_eq!(parse_phone("(0561) 787 0").as_deref(), Some("05617870"));
        assert_eq!(parse_phone("call me"), None);
        assert_eq!(parse_email(" a@b.de".trim()).as_deref(), Some("a@b.de"));
        assert_eq!(
            parse_email("Erika.Muster@Kassel.DE").as_deref(),
            Some("Erika.Muster@kassel.de")
        );
        for bad in ["a@b", "@b.de", "a b@c.de", "a@@b.de", "a@b..de", "a@-b.de"] {
            assert_eq!(parse_email(bad), None, "{bad}");
        }
    }
}
