//! The municipality directory, `procedures/municipalities.json`: which places Amtsweg
//! serves, where each sends submissions, and which procedures each offers. Its JSON
//! Schema (`procedures/municipalities.schema.json`) is generated from these types.
//!
//! The procedures the catalog knows are listed once at the top of the file; a
//! municipality names the ones it offers, or `"all"`, so adding a procedure is one line
//! at the top (and one in each municipality that lists its offer).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::CatalogError;
pub(crate) use amtsweg_procedure::fold_for_search as fold;

/// Where the directory lives in a catalog.
pub const DIRECTORY_PATH: &str = "procedures/municipalities.json";

/// The directory format this build reads.
pub const DIRECTORY_FORMAT: u32 = 1;

/// The directory file, as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "Amtsweg municipality directory, format 1")]
struct DirectoryFile {
    /// The JSON Schema an editor validates this file with: `./municipalities.schema.json`.
    #[serde(rename = "$schema", default)]
    #[allow(dead_code)] // For editors only.
    schema: Option<String>,
    /// Format version of this file; this build reads format 1.
    #[allow(dead_code)] // Checked while parsing.
    format: FormatVersion,
    /// Free text for maintainers (where the data comes from, what is assumed).
    #[serde(default)]
    #[allow(dead_code)] // For maintainers only.
    note: Option<String>,
    /// Every procedure id of the catalog, once. Municipalities offer from this list.
    procedures: Vec<ProcedureId>,
    /// The municipalities, each with a unique ARS.
    municipalities: Vec<MunicipalityEntry>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MunicipalityEntry {
    /// Official name as the citizen knows it ("Kassel", "Fuldabrück").
    #[schemars(length(min = 1, max = 100))]
    name: String,
    /// Every postcode of the municipality, as strings (leading zeros matter).
    #[schemars(length(min = 1))]
    postcodes: Vec<Postcode>,
    /// Amtlicher Regionalschlüssel: Land 2, Regierungsbezirk 1, Kreis 2,
    /// Gemeindeverband 4, Gemeinde 3 digits.
    ars: Ars,
    /// Base URL of the submission endpoint (FIT-Connect relay). HTTPS; plain HTTP only
    /// on loopback for a demo municipality.
    endpoint: Endpoint,
    /// The procedure ids offered here, or "all".
    procedures: Offered,
    /// The endpoint is not a real municipality's (demo server or placeholder).
    #[serde(default)]
    demo: bool,
    /// The ARS and postcodes were checked against a public source (see `source`).
    #[serde(default)]
    verified: bool,
    /// Where the ARS and postcodes come from.
    #[serde(default)]
    source: Option<String>,
    /// The root certificates (PEM, one `CERTIFICATE` block each) that the certificate
    /// chain of this municipality's destination encryption key must lead to: for
    /// production FIT-Connect the Verwaltungs-PKI's root. None given: no destination key
    /// of this municipality is trusted (outside test builds), so its applications wait.
    #[serde(default)]
    #[schemars(length(max = 8))]
    destination_roots: Vec<PemCertificate>,
}

/// How many roots a municipality may name: a PKI has one, two during a change of root.
pub const MAX_DESTINATION_ROOTS: usize = 8;

/// The largest PEM text of one root certificate (a root is 1–2 KB).
const MAX_ROOT_PEM_BYTES: usize = 16 * 1024;

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(try_from = "u32")]
#[schemars(with = "FormatVersionSchema")]
struct FormatVersion;

#[derive(JsonSchema)]
#[allow(dead_code)] // Only its schema is used.
struct FormatVersionSchema(#[schemars(range(min = 1, max = 1))] u32);

impl TryFrom<u32> for FormatVersion {
    type Error = String;

    fn try_from(value: u32) -> Result<Self, String> {
        if value == DIRECTORY_FORMAT {
            Ok(FormatVersion)
        } else {
            Err(format!(
                "format {value} is not understood by this Amtsweg, which reads format {DIRECTORY_FORMAT}"
            ))
        }
    }
}

macro_rules! checked_string {
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
                let check: fn(&str) -> Result<(), String> = $check;
                match check(&value) {
                    Ok(()) => Ok(Self(value)),
                    Err(why) => Err(format!("{:?} is not {}: {why}", shorten(&value), $what)),
                }
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
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

checked_string!(
    /// Amtlicher Regionalschlüssel: 12 digits, the first two a Land (01–16).
    Ars,
    "an ARS (12 digits: Land 01–16, Regierungsbezirk 1, Kreis 2, Gemeindeverband 4, Gemeinde 3)",
    "^(0[1-9]|1[0-6])[0-9]{10}$",
    |s| {
        if s.len() != 12 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err("it must be exactly 12 digits".to_owned());
        }
        match s[..2].parse::<u8>() {
            Ok(1..=16) => Ok(()),
            _ => Err(format!("{} is not a Land code (01–16)", &s[..2])),
        }
    }
);
checked_string!(
    /// A German postcode: 5 digits, kept as text so leading zeros stay.
    Postcode,
    "a postcode (5 digits)",
    "^[0-9]{5}$",
    |s| {
        if s.len() == 5 && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(())
        } else {
            Err("it must be exactly 5 digits".to_owned())
        }
    }
);
checked_string!(
    /// A procedure id as the procedure engine defines it: lower-case letters, digits and
    /// single hyphens, at most 64 characters.
    ProcedureId,
    "a procedure id",
    "^[a-z][a-z0-9]*(-[a-z0-9]+)*$",
    |s| {
        let b = s.as_bytes();
        let ok = (1..=64).contains(&b.len())
            && b[0].is_ascii_lowercase()
            && s.split('-').all(|g| {
                !g.is_empty() && g.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
        if ok {
            Ok(())
        } else {
            Err("use lower-case letters, digits and single hyphens".to_owned())
        }
    }
);

checked_string!(
    /// One X.509 certificate in PEM: a single `CERTIFICATE` block of base64 lines, at
    /// most 16 KiB. Whether it is a valid certificate is checked by the app's content
    /// check, which parses it as a trust anchor.
    PemCertificate,
    "one PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)",
    "^-----BEGIN CERTIFICATE-----\\r?\\n[A-Za-z0-9+/=\\r\\n]+-----END CERTIFICATE-----\\r?\\n?$",
    |s| {
        if s.len() > MAX_ROOT_PEM_BYTES {
            return Err(format!("it is longer than {MAX_ROOT_PEM_BYTES} bytes"));
        }
        let body = s
            .strip_prefix("-----BEGIN CERTIFICATE-----")
            .and_then(|rest| rest.trim_end().strip_suffix("-----END CERTIFICATE-----"))
            .ok_or_else(|| "it must be one CERTIFICATE block".to_owned())?;
        let base64 = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=');
        if body.trim().is_empty()
            || !body
                .bytes()
                .all(|b| base64(b) || matches!(b, b'\r' | b'\n'))
        {
            return Err("its body must be base64 lines".to_owned());
        }
        Ok(())
    }
);

impl Ars {
    /// The Land (`06` Hessen).
    pub fn land(&self) -> &str {
        &self.0[..2]
    }

    /// The 8-digit Amtlicher Gemeindeschlüssel: Land, Regierungsbezirk, Kreis, Gemeinde.
    pub fn ags(&self) -> String {
        format!("{}{}", &self.0[..5], &self.0[9..])
    }
}

/// A submission endpoint: an HTTPS URL, or HTTP on loopback (the demo server).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Endpoint(url::Url);

impl Endpoint {
    pub fn new(value: &str) -> Result<Self, String> {
        Self::try_from(value.to_owned())
    }

    pub fn url(&self) -> &url::Url {
        &self.0
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The host is this machine (127.0.0.0/8, ::1, localhost).
    pub fn is_loopback(&self) -> bool {
        match self.0.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            Some(url::Host::Domain(d)) => d == "localhost",
            None => false,
        }
    }

    /// The host is under a top-level domain reserved for examples and tests (RFC 2606,
    /// RFC 6761), so it can never reach a real authority.
    pub fn is_placeholder(&self) -> bool {
        let Some(url::Host::Domain(domain)) = self.0.host() else {
            return false;
        };
        let tld = domain
            .trim_end_matches('.')
            .rsplit('.')
            .next()
            .unwrap_or_default();
        matches!(tld, "example" | "test" | "invalid" | "localhost")
    }
}

impl TryFrom<String> for Endpoint {
    type Error = String;

    fn try_from(value: String) -> Result<Self, String> {
        let url = url::Url::parse(&value)
            .map_err(|e| format!("{:?} is not a URL: {e}", shorten(&value)))?;
        let endpoint = Endpoint(url);
        let url = &endpoint.0;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(format!("{:?} must not carry credentials", shorten(&value)));
        }
        if url.host().is_none() {
            return Err(format!("{:?} has no host", shorten(&value)));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(format!(
                "{:?} must not have a query or fragment",
                shorten(&value)
            ));
        }
        match url.scheme() {
            "https" => Ok(endpoint),
            "http" if endpoint.is_loopback() => Ok(endpoint),
            "http" => Err(format!(
                "{:?} must use HTTPS: plain HTTP is allowed only on loopback (127.0.0.1, ::1, localhost)",
                shorten(&value)
            )),
            other => Err(format!(
                "{:?}: scheme {other} is not HTTPS",
                shorten(&value)
            )),
        }
    }
}

impl From<Endpoint> for String {
    fn from(endpoint: Endpoint) -> String {
        endpoint.0.into()
    }
}

impl JsonSchema for Endpoint {
    fn schema_name() -> Cow<'static, str> {
        "Endpoint".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "uri",
            "pattern": "^(https://[^/?#@]+|http://(127\\.0\\.0\\.1|\\[::1\\]|localhost)(:[0-9]+)?)(/[^?#]*)?$",
            "description": "Must be an HTTPS URL without credentials, query or fragment; plain HTTP only on loopback for a demo municipality."
        })
    }
}

/// What a municipality offers: named procedures, or every procedure of the catalog.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "OfferedRaw")]
enum Offered {
    All,
    Some(Vec<ProcedureId>),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OfferedRaw {
    Keyword(String),
    List(Vec<String>),
}

impl TryFrom<OfferedRaw> for Offered {
    type Error = String;

    fn try_from(raw: OfferedRaw) -> Result<Self, String> {
        match raw {
            OfferedRaw::Keyword(k) if k == "all" => Ok(Offered::All),
            OfferedRaw::Keyword(k) => Err(format!(
                "{:?}: expected \"all\" or a list of procedure ids",
                shorten(&k)
            )),
            OfferedRaw::List(ids) => ids
                .into_iter()
                .map(ProcedureId::try_from)
                .collect::<Result<_, _>>()
                .map(Offered::Some),
        }
    }
}

impl JsonSchema for Offered {
    fn schema_name() -> Cow<'static, str> {
        "Offered".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let id = generator.subschema_for::<ProcedureId>();
        json_schema!({
            "description": "\"all\" for every procedure of the catalog, or the offered procedure ids.",
            "oneOf": [
                { "const": "all" },
                { "type": "array", "items": id, "uniqueItems": true }
            ]
        })
    }
}

/// One municipality, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Municipality {
    name: String,
    postcodes: Vec<Postcode>,
    ars: Ars,
    endpoint: Endpoint,
    procedures: Vec<String>,
    demo: bool,
    verified: bool,
    source: Option<String>,
    destination_roots: Vec<String>,
}

impl Municipality {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn postcodes(&self) -> &[Postcode] {
        &self.postcodes
    }

    pub fn ars(&self) -> &Ars {
        &self.ars
    }

    /// Where submissions go.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The procedure ids offered, in the directory's order.
    pub fn procedures(&self) -> &[String] {
        &self.procedures
    }

    pub fn offers(&self, procedure_id: &str) -> bool {
        self.procedures.iter().any(|p| p == procedure_id)
    }

    /// The endpoint is not a real municipality's.
    pub fn is_demo(&self) -> bool {
        self.demo
    }

    /// The ARS and postcodes were checked against a public source.
    pub fn is_verified(&self) -> bool {
        self.verified
    }

    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// The roots (PEM) its destination keys' certificate chains must lead to; empty when
    /// the directory names none.
    pub fn destination_roots(&self) -> &[String] {
        &self.destination_roots
    }

    /// What the municipality-choice screen shows.
    pub fn view(&self) -> MunicipalityView {
        MunicipalityView {
            name: self.name.clone(),
            postcodes: self.postcodes.iter().map(|p| p.to_string()).collect(),
            ars: self.ars.to_string(),
            demo: self.demo,
            procedures: self.procedures.clone(),
        }
    }
}

/// A municipality as the UI shows it in the municipality choice and settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MunicipalityView {
    pub name: String,
    /// Postcodes as text (leading zeros kept).
    pub postcodes: Vec<String>,
    /// The 12-digit regional key; the setting that fixes catalog and destination.
    pub ars: String,
    /// Not a real municipality's endpoint; the UI marks it.
    pub demo: bool,
    /// Ids of the procedures offered here.
    pub procedures: Vec<String>,
}

#[derive(Debug, Clone)]
struct SearchKey {
    /// Name words folded two ways: umlauts as base letters ("fuldabruck") and spelled out
    /// ("fuldabrueck"); a query word matches either.
    words: [Vec<String>; 2],
    sort_key: String,
}

/// The checked directory with its search index.
#[derive(Debug, Clone)]
pub struct Directory {
    procedures: Vec<String>,
    municipalities: Vec<Municipality>,
    keys: Vec<SearchKey>,
}

impl Directory {
    /// Reads and checks a directory file; errors name the place in the file.
    pub fn from_json(bytes: &[u8]) -> Result<Self, CatalogError> {
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        let file: DirectoryFile =
            serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
                let at = e.path().to_string();
                let inner = e.into_inner();
                CatalogError::InvalidDirectory {
                    at: if at == "." { "the file".to_owned() } else { at },
                    problem: inner.to_string(),
                }
            })?;
        Self::build(file)
    }

    fn build(file: DirectoryFile) -> Result<Self, CatalogError> {
        let invalid = |at: String, problem: String| CatalogError::InvalidDirectory { at, problem };

        let mut known = BTreeSet::new();
        for (i, id) in file.procedures.iter().enumerate() {
            if !known.insert(id.as_str()) {
                return Err(invalid(
                    format!("procedures[{i}]"),
                    format!("{id} is listed twice"),
                ));
            }
        }
        let all: Vec<String> = file.procedures.iter().map(|p| p.to_string()).collect();

        let mut by_ars: BTreeMap<String, String> = BTreeMap::new();
        let mut municipalities = Vec::with_capacity(file.municipalities.len());
        for (i, m) in file.municipalities.into_iter().enumerate() {
            let at = format!("municipalities[{i}] ({})", shorten(&m.name));
            if m.name.trim().is_empty() || m.name.chars().count() > 100 {
                return Err(invalid(
                    at,
                    "the name must have 1 to 100 characters".to_owned(),
                ));
            }
            if m.postcodes.is_empty() {
                return Err(invalid(at, "at least one postcode is needed".to_owned()));
            }
            if let Some(p) = duplicate(m.postcodes.iter()) {
                return Err(invalid(at, format!("postcode {p} is listed twice")));
            }
            if let Some(first) = by_ars.insert(m.ars.to_string(), m.name.clone()) {
                return Err(CatalogError::DuplicateArs {
                    ars: m.ars.to_string(),
                    first,
                    second: m.name,
                });
            }
            if m.endpoint.url().scheme() == "http" && !m.demo {
                return Err(invalid(
                    at,
                    format!(
                        "endpoint {} uses plain HTTP on loopback, which only a demo municipality \
                         (\"demo\": true) may",
                        m.endpoint.as_str()
                    ),
                ));
            }
            if m.endpoint.is_placeholder() && !m.demo {
                return Err(invalid(
                    at,
                    format!(
                        "endpoint {} is a reserved example host; mark the municipality \"demo\": true",
                        m.endpoint.as_str()
                    ),
                ));
            }
            if m.destination_roots.len() > MAX_DESTINATION_ROOTS {
                return Err(invalid(
                    at,
                    format!("at most {MAX_DESTINATION_ROOTS} destination roots"),
                ));
            }
            if duplicate(m.destination_roots.iter()).is_some() {
                return Err(invalid(at, "a destination root is listed twice".to_owned()));
            }
            let procedures = match m.procedures {
                Offered::All => all.clone(),
                Offered::Some(ids) => {
                    if let Some(id) = duplicate(ids.iter()) {
                        return Err(invalid(at, format!("procedure {id} is listed twice")));
                    }
                    if let Some(id) = ids.iter().find(|id| !known.contains(id.as_str())) {
                        return Err(invalid(
                            at,
                            format!("procedure {id} is not in the directory's procedures list"),
                        ));
                    }
                    ids.into_iter().map(String::from).collect()
                }
            };
            municipalities.push(Municipality {
                name: m.name,
                postcodes: m.postcodes,
                ars: m.ars,
                endpoint: m.endpoint,
                procedures,
                demo: m.demo,
                verified: m.verified,
                source: m.source,
                destination_roots: m.destination_roots.into_iter().map(String::from).collect(),
            });
        }

        let keys = municipalities
            .iter()
            .map(|m| SearchKey {
                words: [words(&fold(&m.name, false)), words(&fold(&m.name, true))],
                sort_key: fold(&m.name, false),
            })
            .collect();
        Ok(Self {
            procedures: all,
            municipalities,
            keys,
        })
    }

    /// Every municipality, in the file's order.
    pub fn municipalities(&self) -> &[Municipality] {
        &self.municipalities
    }

    /// Every procedure id the directory knows.
    pub fn procedures(&self) -> &[String] {
        &self.procedures
    }

    pub fn get(&self, ars: &str) -> Option<&Municipality> {
        self.municipalities.iter().find(|m| m.ars.as_str() == ars)
    }

    /// Municipalities matching every word of `query`: a word of digits matches the start
    /// of a postcode (`341` finds Kassel, `34117` exactly its postcode); other words match
    /// the start of a word of the name, regardless of case, accents and umlauts
    /// (`fuldabruck`, `fuldabrueck` and `Fuldabrück` alike). Names matched on their first
    /// word come first, then by name. An empty query matches nothing.
    pub fn search(&self, query: &str) -> Vec<&Municipality> {
        let tokens = words(&fold(query, false));
        if tokens.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(bool, &str, &Municipality)> = self
            .municipalities
            .iter()
            .zip(&self.keys)
            .filter_map(|(m, key)| {
                let mut first_word = false;
                for (n, token) in tokens.iter().enumerate() {
                    if token.bytes().all(|b| b.is_ascii_digit()) {
                        if token.len() > 5 || !m.postcodes.iter().any(|p| p.0.starts_with(token)) {
                            return None;
                        }
                    } else {
                        let matches = |words: &Vec<String>| {
                            words.iter().position(|w| w.starts_with(token.as_str()))
                        };
                        let position = key.words.iter().filter_map(matches).min()?;
                        first_word |= n == 0 && position == 0;
                    }
                }
                Some((!first_word, key.sort_key.as_str(), m))
            })
            .collect();
        hits.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        hits.into_iter().map(|(_, _, m)| m).collect()
    }
}

/// JSON Schema of the directory format (what `procedures/municipalities.schema.json`
/// holds).
pub fn directory_schema() -> serde_json::Value {
    let mut settings = schemars::generate::SchemaSettings::draft2020_12();
    settings.meta_schema = Some("https://json-schema.org/draft/2020-12/schema".into());
    let schema = settings
        .into_generator()
        .into_root_schema_for::<DirectoryFile>();
    serde_json::to_value(schema).unwrap_or_default()
}

fn duplicate<T: Ord + fmt::Display>(items: impl Iterator<Item = T>) -> Option<T> {
    let mut seen = BTreeSet::new();
    let mut found = None;
    for item in items {
        if seen.contains(&item) {
            found = Some(item);
            break;
        }
        seen.insert(item);
    }
    found
}

fn words(folded: &str) -> Vec<String> {
    folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A value quoted in an error is cut, so a huge wrong value cannot flood a log.
fn shorten(value: &str) -> Cow<'_, str> {
    match value.char_indices().nth(40) {
        Some((end, _)) => Cow::Owned(format!("{}…", &value[..end])),
        None => Cow::Borrowed(value),
    }
}
