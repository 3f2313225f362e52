//! What crosses the IPC boundary. TypeScript types are generated from these by ts-rs
//! (`cargo test` writes them to `ui/src/api/bindings/`), committed, and checked in CI.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

/// Which screen the UI shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Screen {
    FirstStart,
    /// Choosing the municipality: after the first start, and whenever none is chosen
    /// (or the directory in use no longer lists the chosen one).
    Municipality,
    Catalog,
}

/// When the page reached each step to its first paint, in milliseconds since its
/// navigation began (`performance.now()`): for the start-up figures' phases.
#[derive(Debug, Clone, Copy, PartialEq, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PaintPhases {
    /// The page's script ran (its chunk loaded, parsed and evaluated).
    pub script_ms: f64,
    /// The first view arrived over IPC.
    pub view_ms: f64,
    /// The first screen was painted (two animation frames after it rendered).
    pub painted_ms: f64,
}

/// What the first paint showed, as the UI reports it: one of Rust's screens, or the
/// error shown when the first view could not be loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum PaintedScreen {
    FirstStart,
    Municipality,
    Catalog,
    Error,
}

/// `dir` of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub enum TextDirection {
    #[serde(rename = "ltr")]
    Ltr,
    #[serde(rename = "rtl")]
    Rtl,
}

impl From<amtsweg_l10n::Direction> for TextDirection {
    fn from(direction: amtsweg_l10n::Direction) -> Self {
        match direction {
            amtsweg_l10n::Direction::LeftToRight => Self::Ltr,
            amtsweg_l10n::Direction::RightToLeft => Self::Rtl,
        }
    }
}

/// The texts of the UI in one locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct UiLocale {
    pub locale: String,
    pub direction: TextDirection,
    /// Message id (or `id.attribute`) to text, fallbacks applied.
    pub messages: BTreeMap<String, String>,
}

/// One language the citizen can choose, named in itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LanguageOption {
    pub code: String,
    pub self_name: String,
    pub direction: TextDirection,
}

/// The developer settings: debug builds only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DeveloperView {
    /// The pseudo-locale generated from German (accented, lengthened, every text marked
    /// `⟦…⟧`): chosen like any language, but never offered to citizens.
    pub pseudo_locale: LanguageOption,
}

/// Something the citizen should know about this start (settings reset, a broken
/// translation file), already in their language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Notice {
    /// The Fluent id the message was made from.
    pub code: String,
    pub message: String,
}

/// Everything the UI renders: the screen, its texts, the languages, the notices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppView {
    pub screen: Screen,
    /// The citizen's municipality, once chosen.
    pub municipality: Option<amtsweg_catalog::MunicipalityView>,
    /// The in-app text size in percent of the OS's; the UI scales its root font size.
    pub text_scale: u16,
    /// The text sizes the settings offer, in percent.
    pub text_scales: Vec<u16>,
    pub ui: UiLocale,
    /// The languages a citizen can choose (never the pseudo-locale).
    pub languages: Vec<LanguageOption>,
    pub notices: Vec<Notice>,
    /// Release builds reading texts from a translators' override folder say so on every
    /// screen for as long as it is in use, so that nobody can quietly change what the
    /// app says. Not cleared like `notices`: it lasts as long as the folder is read.
    pub override_notice: Option<Notice>,
    /// Debug builds only: the developer settings. Release builds have none and neither
    /// offer nor accept the pseudo-locale.
    pub developer: Option<DeveloperView>,
}
