//! The catalog in use: the procedures the citizen can start and the municipality
//! directory — the bundled catalog, or a signed one verified at start — and one engine
//! `Session` per call (catalog, texts, locale and today bound together).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use amtsweg_catalog::{
    CatalogError, CatalogFiles, CatalogStore, Directory, Municipality, MunicipalityView,
    TrustedKeys, VerifiedCatalog,
};
use amtsweg_l10n::{Args, CatalogText, Localizer, Value};
use amtsweg_procedure::{
    Catalog, CatalogEntry, Date, LifeSituation, Session, StartPage, TextArg, Texts,
};
use include_dir::{Dir, include_dir};
use serde::Serialize;
use ts_rs::TS;

use super::frame::Frame;
use crate::error::AppError;

/// The bundled catalog: definitions and the municipality directory. Their texts are
/// embedded with the locales by the l10n crate.
static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../procedures");

/// The engine's texts, from the same Fluent bundles as the rest of the app.
#[derive(Debug)]
pub struct FluentTexts<'a>(pub &'a Localizer);

impl Texts for FluentTexts<'_> {
    fn text(&self, locale: &str, id: &str, args: &[(&str, TextArg<'_>)]) -> String {
        let mut fluent = Args::new();
        for (name, arg) in args {
            match arg {
                TextArg::Str(s) => fluent.set(*name, Value::from(*s)),
                TextArg::Int(n) => fluent.set(*name, Value::from(*n)),
            }
        }
        self.0.format(locale, id, Some(&fluent))
    }
}

/// The lowest catalog sequence this release accepts, stored or offered: raise it with
/// each release to the sequence of the newest published catalog, so that an older
/// signed catalog cannot be replayed onto a fresh installation (which has no stored
/// sequence to compare with).
pub const MINIMUM_CATALOG_SEQUENCE: u64 = 1;

/// What happened to signed catalogs at this start, for the citizen's notices.
#[derive(Debug)]
pub(super) enum CatalogNotice {
    /// A new catalog was verified and is now in use.
    Updated { sequence: u64 },
    /// A catalog was refused; the last good one stays in use.
    Refused(CatalogError),
    /// The stored catalog could not be used; the bundled one is in use.
    StoredUnusable(String),
    /// The stored catalog's signed expiry has passed; the bundled one is in use.
    StoredExpired { expires: String },
}

impl CatalogNotice {
    pub(super) fn code_and_args(&self, args: &mut Args<'_>) -> &'static str {
        match self {
            Self::Updated { sequence } => {
                args.set("sequence", *sequence);
                "notice-catalog-updated"
            }
            Self::Refused(CatalogError::Unsigned) => "notice-catalog-refused-unsigned",
            Self::Refused(CatalogError::Altered { .. }) => "notice-catalog-refused-altered",
            Self::Refused(CatalogError::UnknownKey { .. }) => "notice-catalog-refused-unknown-key",
            Self::Refused(CatalogError::NotNewer { sequence, in_use }) => {
                args.set("sequence", *sequence);
                args.set("inUse", *in_use);
                "notice-catalog-refused-older"
            }
            Self::Refused(CatalogError::Expired { expires }) => {
                args.set("expires", expires.clone());
                "notice-catalog-refused-expired"
            }
            Self::Refused(other) => {
                args.set("reason", other.to_string());
                "notice-catalog-refused"
            }
            Self::StoredUnusable(reason) => {
                args.set("reason", reason.clone());
                "notice-catalog-stored-unusable"
            }
            Self::StoredExpired { expires } => {
                args.set("expires", expires.clone());
                "notice-catalog-stored-expired"
            }
        }
    }
}

/// The signed catalog to use instead of the bundled one, if any, and what to say.
#[derive(Debug, Default)]
pub(super) struct External {
    pub(super) catalog: Option<VerifiedCatalog>,
    notices: Vec<CatalogNotice>,
}

/// Reads the last good signed catalog from the data folder and, when a new catalog file
/// is offered, verifies it against the pinned publisher keys and the sequence in use.
/// A refused file changes nothing: the last good catalog (or the bundled one) stays.
pub(super) fn external_catalog(data_dir: &Path, offered: Option<&Path>) -> External {
    let store = catalog_store(data_dir);
    let mut external = External::default();
    match store.load() {
        Ok(stored) => external.catalog = stored,
        Err(CatalogError::Expired { expires }) => {
            tracing::warn!(%expires, "stored catalog expired; using the bundled one");
            external
                .notices
                .push(CatalogNotice::StoredExpired { expires });
        }
        Err(error) => {
            tracing::warn!(%error, "stored catalog unusable; using the bundled one");
            external
                .notices
                .push(CatalogNotice::StoredUnusable(error.to_string()));
        }
    }
    let Some(path) = offered else { return external };
    let accepted = std::fs::read(path)
        .map_err(|e| CatalogError::Malformed(format!("cannot read {}: {e}", path.display())))
        .and_then(|bytes| accept(&store, &bytes));
    match accepted {
        Ok(catalog) => {
            tracing::info!(sequence = catalog.sequence(), "signed catalog accepted");
            external.notices.push(CatalogNotice::Updated {
                sequence: catalog.sequence(),
            });
            external.catalog = Some(catalog);
        }
        Err(error) => {
            tracing::warn!(file = %path.display(), %error, "signed catalog refused");
            external.notices.push(CatalogNotice::Refused(error));
        }
    }
    external
}

/// Where the last good signed catalog is kept in the data folder.
pub(super) fn catalog_store(data_dir: &Path) -> CatalogStore {
    CatalogStore::new(data_dir.join("catalog"), TrustedKeys::pinned())
        .with_minimum_sequence(MINIMUM_CATALOG_SEQUENCE)
}

/// Verifies `bytes` as a signed catalog (pinned key, this release's minimum sequence,
/// expiry, newer than the stored one, content) and keeps it as the last good catalog;
/// the same rules whether the package came from a file or the municipality's server.
pub(super) fn accept(store: &CatalogStore, bytes: &[u8]) -> Result<VerifiedCatalog, CatalogError> {
    store.accept_checked(bytes, check_procedures)
}

/// A signed catalog is only taken over when every procedure in it loads, its Fluent
/// files define only their own procedure's messages, and every destination root it
/// names is an X.509 certificate (a root that cannot be used would leave that
/// municipality's applications waiting with no clue why).
fn check_procedures(catalog: &VerifiedCatalog) -> Result<(), CatalogError> {
    let files = catalog.files();
    if let Ok(directory) = catalog.directory() {
        for m in directory.municipalities() {
            for root in m.destination_roots() {
                amtsweg_outbox::TrustAnchors::from_pem(root).map_err(|_| {
                    CatalogError::ContentRefused(format!(
                        "a destination root of {} is not an X.509 certificate",
                        m.ars()
                    ))
                })?;
            }
        }
    }
    for (path, bytes) in files.procedure_definitions() {
        amtsweg_procedure::Procedure::load(path, bytes)
            .map_err(|e| CatalogError::ContentRefused(e.to_string()))?;
    }
    for locale in files.locales() {
        for (path, bytes) in files.procedure_texts(locale) {
            let procedure = amtsweg_l10n::procedure_of_text(path);
            let text = String::from_utf8_lossy(bytes);
            if let Some(id) = amtsweg_l10n::foreign_message_ids(procedure, &text).first() {
                return Err(CatalogError::ForeignMessage {
                    path: path.to_owned(),
                    id: id.clone(),
                    prefix: format!("{procedure}-"),
                });
            }
        }
    }
    Ok(())
}

/// The procedure texts of a signed catalog, for the localizer.
pub(super) fn catalog_texts(catalog: &VerifiedCatalog) -> Vec<CatalogText> {
    let files = catalog.files();
    files
        .locales()
        .into_iter()
        .flat_map(|locale| {
            files
                .procedure_texts(locale)
                .map(move |(path, bytes)| CatalogText {
                    locale: locale.to_owned(),
                    path: path.to_owned(),
                    text: String::from_utf8_lossy(bytes).into_owned(),
                })
        })
        .collect()
}

/// The catalog in use and its municipality directory.
struct InUse {
    catalog: Catalog,
    /// The signed catalog's sequence; `None` for the bundled one.
    sequence: Option<u64>,
    /// `None` only when the bundled directory itself was refused (a defect of the build).
    directory: Option<Directory>,
    notices: Vec<CatalogNotice>,
}

/// The catalog in use: the signed external one when there is one and it loads with
/// its texts and directory, else the bundled one (which is trusted with the binary).
fn catalog(l10n: &Localizer, external: External) -> InUse {
    let External {
        catalog,
        mut notices,
    } = external;
    if let Some(verified) = catalog {
        let files = verified.files();
        let loaded = load(l10n, files.procedure_definitions())
            .and_then(|catalog| Ok((catalog, files.directory().map_err(|e| e.to_string())?)));
        match loaded {
            Ok((catalog, directory)) => {
                return InUse {
                    catalog,
                    sequence: Some(verified.sequence()),
                    directory: Some(directory),
                    notices,
                };
            }
            Err(reason) => notices.push(CatalogNotice::StoredUnusable(reason)),
        }
    }
    let bundled = CatalogFiles::from_embedded(&BUNDLED, "procedures");
    let catalog = match &bundled {
        Ok(files) => load(l10n, files.procedure_definitions()),
        Err(error) => Err(error.to_string()),
    };
    // The bundled catalog is checked by the tests of every build, so a refusal here is
    // a defect of the build: logged, and the catalog stays empty rather than stopping.
    let catalog = catalog.unwrap_or_else(|reason| {
        tracing::error!(%reason, "the bundled catalog was refused");
        empty_catalog(l10n)
    });
    let directory = bundled
        .map_err(|e| e.to_string())
        .and_then(|files| files.directory().map_err(|e| e.to_string()))
        .inspect_err(|reason| tracing::error!(%reason, "the bundled directory was refused"))
        .ok();
    InUse {
        catalog,
        sequence: None,
        directory,
        notices,
    }
}

fn load<'f>(
    l10n: &Localizer,
    definitions: impl Iterator<Item = (&'f str, &'f [u8])>,
) -> Result<Catalog, String> {
    let texts = FluentTexts(l10n);
    let locales: Vec<String> = l10n.locales().into_iter().map(|l| l.code).collect();
    let locales: Vec<&str> = locales.iter().map(String::as_str).collect();
    Catalog::load(definitions, &texts, &locales).map_err(|errors| {
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    })
}

fn empty_catalog(l10n: &Localizer) -> Catalog {
    Catalog::new(Vec::new(), &FluentTexts(l10n), &[])
        .expect("an empty catalog has nothing to refuse")
}

/// The procedures of one life situation in the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CatalogGroup {
    /// The life situation's code (`pets`, …; `other` for procedures without one).
    pub code: String,
    /// Its name in the citizen's language.
    pub title: String,
    pub entries: Vec<CatalogEntry>,
}

/// How many municipalities a search answers with at most: enough for any postcode or
/// name prefix, few enough for a list a screen reader can go through.
const MUNICIPALITY_HITS: usize = 20;

/// The catalog and directory in use for this run. It asks the frame for the locale and
/// the chosen municipality; it changes nothing but reads what the citizen may start.
#[derive(Debug)]
pub struct CatalogInUse {
    catalog: Catalog,
    /// The signed catalog's sequence; `None` while the bundled catalog is in use.
    sequence: Option<u64>,
    /// `None` only when the bundled directory itself was refused (a defect of the build).
    directory: Option<Directory>,
    frame: Arc<Frame>,
}

impl CatalogInUse {
    /// The signed `external` catalog when it loads, else the bundled one; with what the
    /// citizen is told about it at this start. The frame's localizer must already hold
    /// the external catalog's texts ([`catalog_texts`]).
    pub(super) fn start(frame: Arc<Frame>, external: External) -> (Self, Vec<CatalogNotice>) {
        let InUse {
            catalog,
            sequence,
            directory,
            notices,
        } = catalog(frame.l10n(), external);
        let in_use = Self {
            catalog,
            sequence,
            directory,
            frame,
        };
        (in_use, notices)
    }

    /// The catalog built into this binary.
    pub fn bundled(frame: Arc<Frame>) -> Self {
        Self::start(frame, External::default()).0
    }

    fn today() -> Date {
        jiff::ZonedDateTime::now().date()
    }

    /// Runs `f` with an engine session in the citizen's language.
    pub fn with_session<T>(&self, f: impl FnOnce(&Session<'_>) -> T) -> T {
        let locale = self.frame.locale();
        let texts = FluentTexts(self.frame.l10n());
        let session = Session::new(&self.catalog, &texts, &locale, Self::today());
        f(&session)
    }

    /// Runs `f` with an engine session in `locale` (the printout's German summary beside
    /// the citizen's language).
    pub(super) fn with_session_in<T>(&self, locale: &str, f: impl FnOnce(&Session<'_>) -> T) -> T {
        let texts = FluentTexts(self.frame.l10n());
        let session = Session::new(&self.catalog, &texts, locale, Self::today());
        f(&session)
    }

    /// The LeiKa key of procedure `procedure_id`, if the catalog has it.
    pub(super) fn leika(&self, procedure_id: &str) -> Option<String> {
        self.catalog
            .get(procedure_id)
            .map(|p| p.leika().to_string())
    }

    /// The chosen municipality, while the directory in use still lists it.
    pub fn municipality(&self) -> Option<&Municipality> {
        let ars = self.frame.settings().municipality_ars.clone()?;
        self.directory.as_ref()?.get(&ars)
    }

    /// The sequence of the signed catalog in use; `None` while the bundled one is.
    pub fn signed_sequence(&self) -> Option<u64> {
        self.sequence
    }

    /// The root certificates (PEM) that the chosen municipality's destination keys must
    /// chain to, as the directory in use names them; none while no municipality is
    /// chosen or the directory names none.
    pub fn destination_roots(&self) -> Vec<String> {
        self.municipality()
            .map(|m| m.destination_roots().to_vec())
            .unwrap_or_default()
    }

    /// The municipality with regional key `ars`, if the directory lists it.
    pub fn find_municipality(&self, ars: &str) -> Result<&Municipality, AppError> {
        self.directory
            .as_ref()
            .and_then(|d| d.get(ars))
            .ok_or_else(|| AppError::UnknownMunicipality(ars.chars().take(40).collect()))
    }

    /// Municipalities whose name or postcode matches `query` (search as you type).
    pub fn search_municipalities(&self, query: &str) -> Vec<MunicipalityView> {
        self.directory
            .as_ref()
            .map(|d| d.search(query))
            .unwrap_or_default()
            .into_iter()
            .take(MUNICIPALITY_HITS)
            .map(Municipality::view)
            .collect()
    }

    /// The procedures the chosen municipality offers (all of them while none is chosen),
    /// or those of them matching a search-as-you-type query, best match first.
    pub fn procedures(&self, query: Option<&str>) -> Vec<CatalogEntry> {
        let locale = self.frame.locale();
        let entries = match query.map(str::trim).filter(|q| !q.is_empty()) {
            Some(query) => self.catalog.search(&locale, query),
            None => self.catalog.list(&locale),
        };
        match self.municipality() {
            Some(m) => entries
                .into_iter()
                .filter(|e| m.offers(&e.procedure_id))
                .collect(),
            None => entries,
        }
    }

    /// [`Self::procedures`] grouped by life situation: groups in a fixed order
    /// ("other services" last), entries within a group in the list's order.
    pub fn groups(&self, query: Option<&str>) -> Vec<CatalogGroup> {
        let mut groups: BTreeMap<Option<LifeSituation>, Vec<CatalogEntry>> = BTreeMap::new();
        for entry in self.procedures(query) {
            let situation = self
                .catalog
                .get(&entry.procedure_id)
                .and_then(|p| p.life_situation());
            groups.entry(situation).or_default().push(entry);
        }
        // `None` sorts first in a BTreeMap; "other services" goes last.
        let other = groups.remove(&None);
        groups
            .into_iter()
            .filter_map(|(situation, entries)| situation.map(|s| (s.code(), entries)))
            .chain(other.map(|entries| ("other", entries)))
            .map(|(code, entries)| CatalogGroup {
                code: code.to_owned(),
                title: self.frame.text(&format!("life-situation-{code}"), None),
                entries,
            })
            .collect()
    }

    pub fn start_page(&self, procedure_id: &str) -> Result<StartPage, AppError> {
        Ok(self.with_session(|s| s.start_page(procedure_id))?)
    }

    /// Every procedure's title in the citizen's language, by id (from the catalog's
    /// index, rather than a start page per procedure).
    pub fn titles(&self) -> HashMap<String, String> {
        self.catalog
            .list(&self.frame.locale())
            .into_iter()
            .map(|e| (e.procedure_id, e.title))
            .collect()
    }
}
