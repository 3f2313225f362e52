//! Every text Amtsweg shows comes from here: Fluent bundles per locale, built from the
//! locales embedded in the binary and, on top, an optional override folder in which
//! translators work. Locale negotiation picks what the citizen's system asks for when
//! Amtsweg ships it, else the reference locale, German.
//!
//! A broken override file never stops the program: it is left out whole, its problem
//! (file, line, what is wrong) is reported, and its messages resolve along the fallback
//! chain (the shipped translation of that locale, then German).
//!
//! Developer builds can add a pseudo-locale generated from German (`pseudo`): accented,
//! lengthened and marked, so tests see text that did not come from Fluent and layouts
//! that break with longer translations.

mod layers;
mod pseudo;

pub use pseudo::{PSEUDO_CLOSE, PSEUDO_LOCALE, PSEUDO_OPEN, accent};

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentError, FluentResource};
use unic_langid::{CharacterDirection, LanguageIdentifier};

pub use fluent_bundle::{FluentArgs as Args, FluentValue as Value};

/// The reference locale: every message exists here, every chain ends here.
pub const REFERENCE_LOCALE: &str = "de";

/// The message every locale uses to name itself in its own language.
pub const SELF_NAME_MESSAGE: &str = "locale-self-name";

/// This crate's one error type.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum L10nError {
    /// The caller asked for a locale that neither the binary nor the override folder has.
    #[error("the locale {0:?} is not available")]
    UnknownLocale(String),
}

/// A problem found in an override file. The file's messages are not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationProblem {
    /// The file as found on disk.
    pub file: PathBuf,
    /// 1-based line of the first error in the file.
    pub line: usize,
    /// What is wrong, in the parser's (English) words; for the log, not for citizens.
    pub description: String,
}

/// One `.ftl` file of a signed catalog: procedure texts, never the app's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogText {
    pub locale: String,
    /// Its path in the catalog, for problems and logs.
    pub path: String,
    pub text: String,
}

/// The message and term ids in a catalog's Fluent `text` for procedure `procedure_id`
/// that are not the procedure's own (`<procedure_id>-…`). A catalog may define only
/// these: the app's texts, and the engine's and validation texts shared by all
/// procedures, are the app's, so a catalog cannot change what the app says elsewhere.
/// Terms are reported with their leading `-`.
pub fn foreign_message_ids(procedure_id: &str, text: &str) -> Vec<String> {
    let prefix = format!("{procedure_id}-");
    let resource = fluent_syntax::parser::parse(text).unwrap_or_else(|(resource, _)| resource);
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(("", m.id.name)),
            fluent_syntax::ast::Entry::Term(t) => Some(("-", t.id.name)),
            _ => None,
        })
        .filter(|(_, name)| procedure_id.is_empty() || !name.starts_with(&prefix))
        .map(|(sigil, name)| format!("{sigil}{name}"))
        .collect()
}

/// The procedure id a catalog's Fluent file is for: its file name without `.ftl`.
pub fn procedure_of_text(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".ftl").unwrap_or(name)
}

/// Writing direction of a locale, for `dir` on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    LeftToRight,
    RightToLeft,
}

/// A locale the citizen can choose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocaleInfo {
    /// BCP 47 code, such as `de` or `en`.
    pub code: String,
    /// The locale's name in itself ("Deutsch", "English", "Türkçe").
    pub self_name: String,
    pub direction: Direction,
    /// The pseudo-locale (developer builds only), not a language for citizens.
    pub pseudo: bool,
}

/// What a [`Localizer`] is built from, besides the locales embedded in the binary.
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalizerConfig<'a> {
    /// A translators' folder laid out like `locales/`, read on top of everything else.
    pub override_dir: Option<&'a Path>,
    /// The procedure texts of a signed catalog that replaces the bundled one.
    pub catalog_texts: &'a [CatalogText],
    /// Whether to generate the pseudo-locale [`PSEUDO_LOCALE`] from German. Developer
    /// builds only: without it the pseudo-locale is neither listed nor accepted.
    pub pseudo_locale: bool,
}

type Bundle = FluentBundle<Arc<FluentResource>>;

struct Locale {
    id: LanguageIdentifier,
    bundle: Bundle,
    /// Generated from German by `pseudo`.
    pseudo: bool,
    /// Message ids (and `id.attribute` keys) this locale defines, because Fluent bundles
    /// cannot list their own messages.
    keys: BTreeSet<String>,
    /// The subset of `keys` from the app's own files (see `layers::Source::app_texts`).
    app_keys: BTreeSet<String>,
}

/// The loaded locales. Cheap to share behind an `Arc`; immutable once built.
pub struct Localizer {
    locales: Vec<Locale>,
    problems: Vec<TranslationProblem>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field(
                "locales",
                &self
                    .locales
                    .iter()
                    .map(|l| l.id.to_string())
                    .collect::<Vec<_>>(),
            )
            .field("problems", &self.problems)
            .finish()
    }
}

impl Localizer {
    /// Only the locales embedded in the binary.
    pub fn embedded() -> Self {
        Self::new(None, &[])
    }

    /// The embedded locales with the files of `override_dir` (laid out like `locales/`:
    /// `<dir>/<code>/**/*.ftl`) on top. Never fails: what cannot be read is a problem.
    pub fn with_override(override_dir: &Path) -> Self {
        Self::new(Some(override_dir), &[])
    }

    /// The embedded locales, then `catalog_texts` (the procedure texts of a signed
    /// catalog that replaces the bundled one), then the override folder on top.
    pub fn new(override_dir: Option<&Path>, catalog_texts: &[CatalogText]) -> Self {
        Self::build(LocalizerConfig {
            override_dir,
            catalog_texts,
            pseudo_locale: false,
        })
    }

    /// The embedded locales, then the catalog's texts, then the override folder, and,
    /// when asked for, the pseudo-locale generated from the German of all three.
    pub fn build(config: LocalizerConfig<'_>) -> Self {
        let mut problems = Vec::new();
        let mut sources = layers::embedded();
        sources.extend(layers::from_catalog(config.catalog_texts, &mut problems));
        if let Some(dir) = config.override_dir {
            sources.extend(layers::from_folder(dir, &mut problems));
        }
        let pseudo_id = pseudo::locale_id();
        // An override folder named like the pseudo-locale would be mixed into it.
        sources.retain(|s| s.locale != pseudo_id);
        if config.pseudo_locale {
            let reference: LanguageIdentifier = REFERENCE_LOCALE
                .parse()
                .expect("the reference locale is a valid language identifier");
            let generated = pseudo::sources(&sources, &reference);
            sources.extend(generated);
        }

        let mut locales: Vec<Locale> = Vec::new();
        for source in sources {
            let position = match locales.iter().position(|l| l.id == source.locale) {
                Some(p) => p,
                None => {
                    let mut bundle = Bundle::new_concurrent(vec![source.locale.clone()]);
                    // Isolation marks keep right-to-left names and numbers readable inside
                    // left-to-right sentences and the other way round.
                    bundle.set_use_isolating(true);
                    locales.push(Locale {
                        pseudo: source.locale == pseudo_id,
                        id: source.locale.clone(),
                        bundle,
                        keys: BTreeSet::new(),
                        app_keys: BTreeSet::new(),
                    });
                    locales.len() - 1
                }
            };
            let locale = &mut locales[position];
            for entry in source.resource.entries() {
                if let fluent_syntax::ast::Entry::Message(message) = entry {
                    let id = message.id.name;
                    let mut keys = vec![id.to_owned()];
                    keys.extend(
                        message
                            .attributes
                            .iter()
                            .map(|a| format!("{id}.{}", a.id.name)),
                    );
                    if source.app_texts {
                        locale.app_keys.extend(keys.iter().cloned());
                    }
                    locale.keys.extend(keys);
                }
            }
            // Later sources (the override folder) replace what earlier ones defined.
            locale.bundle.add_resource_overriding(source.resource);
        }

        // The reference locale first, the pseudo-locale last, the rest in a stable order.
        locales.sort_by(|a, b| {
            let rank = |l: &Locale| (l.id != REFERENCE_LOCALE, l.pseudo);
            (rank(a), a.id.to_string()).cmp(&(rank(b), b.id.to_string()))
        });

        for problem in &problems {
            tracing::warn!(
                file = %problem.file.display(),
                line = problem.line,
                "translation file left out: {}",
                problem.description
            );
        }
        Self { locales, problems }
    }

    /// Problems met in the override folder, in the order found.
    pub fn problems(&self) -> &[TranslationProblem] {
        &self.problems
    }

    /// The locales that can be chosen, the reference locale first; the pseudo-locale
    /// (last) only when the localizer was built with it.
    pub fn locales(&self) -> Vec<LocaleInfo> {
        self.locales
            .iter()
            .map(|locale| {
                let self_name = locale
                    .bundle
                    .get_message(SELF_NAME_MESSAGE)
                    .and_then(|m| m.value())
                    .map(|pattern| {
                        let mut errors = Vec::new();
                        locale
                            .bundle
                            .format_pattern(pattern, None, &mut errors)
                            .into_owned()
                    })
                    .unwrap_or_else(|| locale.id.to_string());
                LocaleInfo {
                    code: locale.id.to_string(),
                    self_name,
                    direction: if locale.pseudo {
                        Direction::LeftToRight
                    } else {
                        direction_of(&locale.id)
                    },
                    pseudo: locale.pseudo,
                }
            })
            .collect()
    }

    /// Whether `code` names a loaded locale exactly.
    pub fn has_locale(&self, code: &str) -> bool {
        self.find(code).is_some()
    }

    /// The loaded locale that best serves `requested` (most wanted first), e.g. the
    /// system's `["en-US", "fr-FR"]`; the reference locale when none fits.
    pub fn negotiate<S: AsRef<str>>(&self, requested: &[S]) -> String {
        let requested: Vec<LanguageIdentifier> = requested
            .iter()
            .filter_map(|r| parse_system_locale(r.as_ref()))
            .collect();
        // The pseudo-locale is chosen on purpose, never negotiated.
        let available: Vec<LanguageIdentifier> = self
            .locales
            .iter()
            .filter(|l| !l.pseudo)
            .map(|l| l.id.clone())
            .collect();
        let reference: LanguageIdentifier = REFERENCE_LOCALE
            .parse()
            .unwrap_or_else(|_| LanguageIdentifier::default());
        let chosen = fluent_langneg::negotiate_languages(
            &requested,
            &available,
            Some(&reference),
            fluent_langneg::NegotiationStrategy::Lookup,
        );
        chosen
            .first()
            .map_or_else(|| REFERENCE_LOCALE.to_owned(), |id| id.to_string())
    }

    /// Checks that `code` is loaded and returns it in canonical form.
    pub fn resolve(&self, code: &str) -> Result<String, L10nError> {
        self.find(code)
            .map(|l| l.id.to_string())
            .ok_or_else(|| L10nError::UnknownLocale(code.to_owned()))
    }

    /// Formats one message (or `id.attribute`) for `locale`, falling back to the
    /// reference locale; the id itself when no locale has it, so a gap is visible.
    pub fn format(&self, locale: &str, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        for candidate in self.chain(locale) {
            if let Some((text, errors)) = format_in(candidate, id, args) {
                if !errors.is_empty() {
                    tracing::debug!(locale = %candidate.id, id, ?errors, "message formatted with errors");
                }
                return text;
            }
        }
        tracing::warn!(locale, id, "message missing in every locale of the chain");
        id.to_owned()
    }

    /// Every message and attribute of the app's own files (not the procedures') that
    /// needs no arguments, formatted for `locale` with the fallback chain applied: what
    /// the UI renders its static texts from.
    pub fn messages(&self, locale: &str) -> BTreeMap<String, String> {
        let chain = self.chain(locale);
        let keys: BTreeSet<&String> = chain.iter().flat_map(|l| l.app_keys.iter()).collect();
        let mut out = BTreeMap::new();
        for key in keys {
            if let Some((text, errors)) = chain.iter().find_map(|l| format_in(l, key, None))
                && errors.is_empty()
            {
                out.insert(key.clone(), text);
            }
        }
        out
    }

    /// Writing direction of a locale code (right-to-left for Arabic, Persian …).
    pub fn direction(&self, code: &str) -> Direction {
        code.parse::<LanguageIdentifier>()
            .map_or(Direction::LeftToRight, |id| direction_of(&id))
    }

    fn find(&self, code: &str) -> Option<&Locale> {
        let id: LanguageIdentifier = code.parse().ok()?;
        self.locales.iter().find(|l| l.id == id)
    }

    fn chain(&self, locale: &str) -> Vec<&Locale> {
        let mut chain = Vec::with_capacity(2);
        if let Some(l) = self.find(locale) {
            chain.push(l);
        }
        if let Some(reference) = self.find(REFERENCE_LOCALE)
            && !chain.iter().any(|l| l.id == reference.id)
        {
            chain.push(reference);
        }
        chain
    }
}

fn format_in(
    locale: &Locale,
    key: &str,
    args: Option<&FluentArgs<'_>>,
) -> Option<(String, Vec<FluentError>)> {
    let (id, attribute) = match key.split_once('.') {
        Some((id, attribute)) => (id, Some(attribute)),
        None => (key, None),
    };
    let message = locale.bundle.get_message(id)?;
    let pattern = match attribute {
        Some(name) => message.get_attribute(name)?.value(),
        None => message.value()?,
    };
    let mut errors = Vec::new();
    let text = locale
        .bundle
        .format_pattern(pattern, args, &mut errors)
        .into_owned();
    Some((text, errors))
}

fn direction_of(id: &LanguageIdentifier) -> Direction {
    match id.character_direction() {
        CharacterDirection::RTL => Direction::RightToLeft,
        _ => Direction::LeftToRight,
    }
}

/// Reads a system locale as POSIX (`en_US.UTF-8`, `de_DE@euro`) or BCP 47 (`en-US`)
/// writes it. `C` and `POSIX` name no language.
pub fn parse_system_locale(raw: &str) -> Option<LanguageIdentifier> {
    let base = raw.split(['.', '@']).next()?.trim();
    if base.is_empty() || base.eq_ignore_ascii_case("c") || base.eq_ignore_ascii_case("posix") {
        return None;
    }
    base.replace('_', "-").parse().ok()
}

#[cfg(test)]
mod tests;
