//! The two embedded faces (DejaVu Sans and DejaVu Sans Bold, `fonts/`, licence beside
//! them), their advance widths for measuring text, and subsetting.
//!
//! printpdf subsets only with its HTML layout stack turned on, which we leave off; so the
//! font bytes are cut down to the glyphs a document uses (allsorts, the subsetter printpdf
//! itself uses) before printpdf ever sees them, and printpdf embeds what it is given.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile};
use printpdf::ParsedFont;

use crate::PrintoutError;

pub(crate) const REGULAR_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
pub(crate) const BOLD_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// What is drawn in a character the fonts do not have (DejaVu has it).
pub(crate) const REPLACEMENT: char = '\u{FFFD}';

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Face {
    Regular,
    Bold,
}

impl Face {
    pub(crate) fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR_TTF,
            Face::Bold => BOLD_TTF,
        }
    }
}

/// A face's character map and advance widths: all layout needs.
#[derive(Debug)]
pub(crate) struct Metrics {
    glyphs: HashMap<char, u16>,
    widths: Vec<u16>,
    units_per_em: f32,
}

impl Metrics {
    /// Parses a whole face (the benchmark's "font alone").
    pub(crate) fn parse(bytes: &[u8]) -> Result<Self, PrintoutError> {
        let font = ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or(PrintoutError::Font)?;
        let glyphs = font
            .codepoint_to_glyph
            .iter()
            .filter_map(|(&cp, &gid)| char::from_u32(cp).map(|c| (c, gid)))
            .collect();
        let count = font
            .glyph_widths
            .keys()
            .max()
            .map_or(0, |&g| usize::from(g) + 1);
        let mut widths = vec![0; count];
        for (&gid, &w) in &font.glyph_widths {
            widths[usize::from(gid)] = w;
        }
        Ok(Metrics {
            glyphs,
            widths,
            units_per_em: f32::from(font.units_per_em.max(1)),
        })
    }

    pub(crate) fn has(&self, c: char) -> bool {
        self.glyphs.contains_key(&c)
    }

    pub(crate) fn glyph(&self, c: char) -> u16 {
        self.glyphs.get(&c).copied().unwrap_or(0)
    }

    /// The advance of `text` at `size` points (no kerning: printpdf draws none either).
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                let gid = usize::from(self.glyph(c));
                u32::from(self.widths.get(gid).copied().unwrap_or(0))
            })
            .sum();
        units as f32 / self.units_per_em * size
    }
}

/// Both faces, parsed once per process.
pub(crate) fn metrics(face: Face) -> Result<&'static Metrics, PrintoutError> {
    static REGULAR: OnceLock<Option<Metrics>> = OnceLock::new();
    static BOLD: OnceLock<Option<Metrics>> = OnceLock::new();
    let cell = match face {
        Face::Regular => &REGULAR,
        Face::Bold => &BOLD,
    };
    cell.get_or_init(|| Metrics::parse(face.bytes()).ok())
        .as_ref()
        .ok_or(PrintoutError::Font)
}

/// The face cut down to the glyphs of `chars`, parsed for printpdf.
pub(crate) fn subset(face: Face, chars: &BTreeSet<char>) -> Result<ParsedFont, PrintoutError> {
    let metrics = metrics(face)?;
    // .notdef first, then every used glyph once (allsorts requires both).
    let used: BTreeSet<u16> = chars.iter().map(|&c| metrics.glyph(c)).collect();
    let ids: Vec<u16> = std::iter::once(0)
        .chain(used.into_iter().filter(|&g| g != 0))
        .collect();
    let scope = ReadScope::new(face.bytes());
    let data = scope
        .read::<FontData<'_>>()
        .map_err(|e| PrintoutError::Subset(e.to_string()))?;
    let provider = data
        .table_provider(0)
        .map_err(|e| PrintoutError::Subset(e.to_string()))?;
    let bytes = allsorts::subset::subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| PrintoutError::Subset(e.to_string()))?;
    let mut font = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()).ok_or(PrintoutError::Font)?;
    // The subset's own cmap says the same; set it from the known renumbering (glyph i of
    // the subset is ids[i]) so no character can fall back to .notdef unnoticed.
    let new_id: BTreeMap<u16, u16> = ids
        .iter()
        .enumerate()
        .filter_map(|(i, &g)| u16::try_from(i).ok().map(|i| (g, i)))
        .collect();
    for &c in chars {
        if let Some(&gid) = new_id.get(&metrics.glyph(c)) {
            font.set_codepoint_mapping(u32::from(c), gid);
        }
    }
    Ok(font)
}
