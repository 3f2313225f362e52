//! Blocks of wrapped lines on A4 pages, and the PDF written from them.
//!
//! A document is a list of blocks (a heading, a note, a label with its answer); pages are
//! cut between blocks, never inside one unless it is taller than a page. A heading is kept
//! with what follows it. A label and the first line of its answer share a line, so they
//! are never on different pages.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Color, FontId, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rgb,
    TextItem,
};

use crate::PrintoutError;
use crate::fonts::{self, Face, Metrics, REPLACEMENT};

const PAGE_W: f32 = 595.276; // 210 mm
const PAGE_H: f32 = 841.89; // 297 mm
const MARGIN: f32 = 56.7; // 20 mm
const BODY_TOP: f32 = PAGE_H - MARGIN;
const BODY_BOTTOM: f32 = 64.0;
const FOOTER_Y: f32 = 36.0;
const LABEL_W: f32 = 180.0;
const GUTTER: f32 = 14.0;
const INDENT: f32 = 10.0;
const VALUE_X: f32 = MARGIN + LABEL_W + GUTTER;
const VALUE_W: f32 = PAGE_W - MARGIN - VALUE_X;
const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;
const GREY: f32 = 0.35;

/// Whether a language is written right to left: its lines go to the right edge of their
/// column. (Glyph order and shaping of such scripts is not done yet: see ARCHITECTURE.md.)
pub(crate) fn right_to_left(locale: &str) -> bool {
    let language = locale.split(['-', '_']).next().unwrap_or(locale);
    matches!(
        language,
        "ar" | "he" | "fa" | "ur" | "ps" | "yi" | "dv" | "ckb"
    )
}

/// The text as drawn: no bidi controls (Fluent isolates every argument in U+2068/U+2069,
/// which a PDF reader would copy out or show as boxes), no control characters but line
/// breaks.
pub(crate) fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{2066}'..='\u{2069}' | '\u{202A}'..='\u{202E}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
            )
        })
        .map(|c| if c != '\n' && c.is_control() { ' ' } else { c })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Title,
    Subtitle,
    Section,
    Group,
    Instance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    Small,
    Mono,
    Second,
}

/// One paragraph in the answer column.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    text: String,
    kind: Kind,
}

impl Cell {
    pub(crate) fn plain(text: &str) -> Self {
        Cell {
            text: text.to_owned(),
            kind: Kind::Plain,
        }
    }
    pub(crate) fn small(text: &str) -> Self {
        Cell {
            text: text.to_owned(),
            kind: Kind::Small,
        }
    }
    pub(crate) fn mono(text: &str) -> Self {
        Cell {
            text: text.to_owned(),
            kind: Kind::Mono,
        }
    }
    /// The citizen's language under a German text: smaller and grey.
    pub(crate) fn second(text: &str) -> Self {
        Cell {
            text: text.to_owned(),
            kind: Kind::Second,
        }
    }
}

#[derive(Debug, Clone)]
struct Frag {
    x: f32,
    text: String,
    face: Face,
    size: f32,
    grey: bool,
}

/// Lines that share a baseline: a label line and an answer line.
#[derive(Debug, Clone, Default)]
struct LineRow {
    height: f32,
    frags: Vec<Frag>,
}

#[derive(Debug, Clone, Default)]
struct Block {
    rows: Vec<LineRow>,
    keep_with_next: bool,
    gap_before: f32,
    gap_after: f32,
    page_break: bool,
}

impl Block {
    fn height(&self) -> f32 {
        self.rows.iter().map(|r| r.height).sum()
    }
}

/// A line of text before it is placed in a column.
struct Line {
    text: String,
    face: Face,
    size: f32,
    grey: bool,
    second: bool,
}

impl Line {
    fn leading(&self) -> f32 {
        self.size * 1.3
    }
}

pub(crate) struct Doc {
    regular: &'static Metrics,
    bold: &'static Metrics,
    blocks: Vec<Block>,
    second_rtl: bool,
}

impl Doc {
    pub(crate) fn new(second_rtl: bool) -> Result<Self, PrintoutError> {
        Ok(Doc {
            regular: fonts::metrics(Face::Regular)?,
            bold: fonts::metrics(Face::Bold)?,
            blocks: Vec::new(),
            second_rtl,
        })
    }

    fn metrics(&self, face: Face) -> &'static Metrics {
        match face {
            Face::Regular => self.regular,
            Face::Bold => self.bold,
        }
    }

    /// The text as drawn in `face`: clean, and characters the face lacks as U+FFFD.
    fn drawable(&self, text: &str, face: Face) -> String {
        let m = self.metrics(face);
        clean(text)
            .chars()
            .map(|c| {
                if c == '\n' || m.has(c) {
                    c
                } else {
                    REPLACEMENT
                }
            })
            .collect()
    }

    /// Greedy wrapping at spaces by measured width; a word wider than the column is cut.
    fn wrap(&self, text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
        let m = self.metrics(face);
        let mut out = Vec::new();
        for paragraph in self.drawable(text, face).split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if m.width(&candidate, size) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                }
                // A word alone too wide (a long URL, a hash): cut it where it must.
                for c in word.chars() {
                    line.push(c);
                    if m.width(&line, size) > width && line.chars().count() > 1 {
                        line.pop();
                        out.push(std::mem::take(&mut line));
                        line.push(c);
                    }
                }
            }
            out.push(line);
        }
        out
    }

    fn lines(&self, out: &mut Vec<Line>, text: &str, kind: Kind, width: f32) {
        let (face, size, grey, second) = match kind {
            Kind::Plain => (Face::Regular, 10.0, false, false),
            Kind::Small => (Face::Regular, 8.5, true, false),
            Kind::Mono => (Face::Regular, 9.0, false, false),
            Kind::Second => (Face::Regular, 8.5, true, true),
        };
        for text in self.wrap(text, face, size, width) {
            out.push(Line {
                text,
                face,
                size,
                grey,
                second,
            });
        }
    }

    /// Each line as a row of its own across the text width.
    fn full_width_rows(&self, lines: Vec<Line>) -> Vec<LineRow> {
        lines
            .into_iter()
            .map(|l| LineRow {
                height: l.leading(),
                frags: vec![self.frag(l, MARGIN, TEXT_W)],
            })
            .collect()
    }

    fn frag(&self, line: Line, x: f32, width: f32) -> Frag {
        let x = if line.second && self.second_rtl {
            x + width - self.metrics(line.face).width(&line.text, line.size)
        } else {
            x
        };
        Frag {
            x,
            text: line.text,
            face: line.face,
            size: line.size,
            grey: line.grey,
        }
    }

    /// A heading (and its translation under it), kept with what follows.
    pub(crate) fn heading(
        &mut self,
        style: Style,
        text: &str,
        other: Option<String>,
    ) -> Result<(), PrintoutError> {
        let (size, before, after) = match style {
            Style::Title => (18.0, 0.0, 6.0),
            Style::Subtitle => (13.0, 0.0, 4.0),
            Style::Section => (13.0, 14.0, 6.0),
            Style::Group => (11.0, 6.0, 4.0),
            Style::Instance => (10.0, 4.0, 3.0),
        };
        let mut lines = Vec::new();
        for t in self.wrap(text, Face::Bold, size, TEXT_W) {
            lines.push(Line {
                text: t,
                face: Face::Bold,
                size,
                grey: false,
                second: false,
            });
        }
        if let Some(o) = other.filter(|o| clean(o) != clean(text)) {
            self.lines(&mut lines, &o, Kind::Second, TEXT_W);
        }
        let rows = self.full_width_rows(lines);
        self.blocks.push(Block {
            rows,
            keep_with_next: true,
            gap_before: before,
            gap_after: after,
            page_break: false,
        });
        Ok(())
    }

    /// A paragraph across the page (and its translation under it).
    pub(crate) fn note(&mut self, text: &str, other: Option<String>) -> Result<(), PrintoutError> {
        let mut lines = Vec::new();
        self.lines(&mut lines, text, Kind::Plain, TEXT_W);
        if let Some(o) = other.filter(|o| clean(o) != clean(text)) {
            self.lines(&mut lines, &o, Kind::Second, TEXT_W);
        }
        let rows = self.full_width_rows(lines);
        self.blocks.push(Block {
            rows,
            gap_before: 2.0,
            gap_after: 8.0,
            ..Block::default()
        });
        Ok(())
    }

    /// A label (German, and the citizen's language under it) beside its answer.
    pub(crate) fn row(
        &mut self,
        depth: u8,
        label: &(String, Option<String>),
        cells: &[Cell],
    ) -> Result<(), PrintoutError> {
        let indent = f32::from(depth.min(4)) * INDENT;
        let label_x = MARGIN + indent;
        let label_w = LABEL_W - indent;
        let mut left = Vec::new();
        for t in self.wrap(&label.0, Face::Bold, 9.5, label_w) {
            left.push(Line {
                text: t,
                face: Face::Bold,
                size: 9.5,
                grey: false,
                second: false,
            });
        }
        if let Some(o) = label.1.as_deref().filter(|o| clean(o) != clean(&label.0)) {
            self.lines(&mut left, o, Kind::Second, label_w);
        }
        let mut right = Vec::new();
        for cell in cells {
            self.lines(&mut right, &cell.text, cell.kind, VALUE_W);
        }
        let count = left.len().max(right.len());
        let mut left = left.into_iter();
        let mut right = right.into_iter();
        let mut rows = Vec::with_capacity(count);
        for _ in 0..count {
            let mut row = LineRow::default();
            if let Some(l) = left.next() {
                row.height = row.height.max(l.leading());
                row.frags.push(self.frag(l, label_x, label_w));
            }
            if let Some(r) = right.next() {
                row.height = row.height.max(r.leading());
                row.frags.push(self.frag(r, VALUE_X, VALUE_W));
            }
            rows.push(row);
        }
        self.blocks.push(Block {
            rows,
            gap_after: 6.0,
            ..Block::default()
        });
        Ok(())
    }

    /// The recovery code: large, in groups, wrapped between groups only.
    pub(crate) fn code(&mut self, groups: &[String]) -> Result<(), PrintoutError> {
        let size = 20.0;
        let m = self.bold;
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for group in groups {
            let group = self.drawable(group, Face::Bold);
            let candidate = if line.is_empty() {
                group.clone()
            } else {
                format!("{line}   {group}")
            };
            if !line.is_empty() && m.width(&candidate, size) > TEXT_W {
                lines.push(std::mem::replace(&mut line, group));
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        let rows = lines
            .into_iter()
            .map(|text| LineRow {
                height: size * 1.6,
                frags: vec![Frag {
                    x: MARGIN,
                    text,
                    face: Face::Bold,
                    size,
                    grey: false,
                }],
            })
            .collect();
        self.blocks.push(Block {
            rows,
            gap_before: 10.0,
            gap_after: 14.0,
            ..Block::default()
        });
        Ok(())
    }

    pub(crate) fn new_page(&mut self) {
        self.blocks.push(Block {
            page_break: true,
            ..Block::default()
        });
    }

    /// The height a block needs at the bottom of a page to start there.
    fn need(block: &Block) -> f32 {
        if block.height() <= BODY_TOP - BODY_BOTTOM {
            block.height()
        } else {
            block.rows.first().map_or(0.0, |r| r.height)
        }
    }

    fn paginate(&self) -> Vec<Vec<(f32, Frag)>> {
        let mut pages: Vec<Vec<(f32, Frag)>> = vec![Vec::new()];
        let mut y = BODY_TOP;
        let mut empty = true;
        for (i, block) in self.blocks.iter().enumerate() {
            if block.page_break {
                if !empty {
                    pages.push(Vec::new());
                    y = BODY_TOP;
                    empty = true;
                }
                continue;
            }
            // A heading starts a page rather than end one: it needs room for what it
            // heads (and that may be another heading).
            let mut need = block.gap_before + Self::need(block);
            let mut chained = block.keep_with_next;
            let mut gap_after = block.gap_after;
            for next in &self.blocks[i + 1..] {
                if !chained || next.page_break {
                    break;
                }
                need += gap_after + next.gap_before + Self::need(next);
                chained = next.keep_with_next;
                gap_after = next.gap_after;
            }
            if !empty && y - need < BODY_BOTTOM {
                pages.push(Vec::new());
                y = BODY_TOP;
                empty = true;
            }
            if !empty {
                y -= block.gap_before;
            }
            for row in &block.rows {
                if !empty && y - row.height < BODY_BOTTOM {
                    pages.push(Vec::new());
                    y = BODY_TOP;
                }
                let baseline = y - row.height * 0.78;
                if let Some(page) = pages.last_mut() {
                    for f in &row.frags {
                        page.push((baseline, f.clone()));
                    }
                }
                y -= row.height;
                empty = false;
            }
            y -= block.gap_after;
        }
        pages
    }

    /// Paginates, adds the footer ("Seite 2 von 5") and writes the PDF; `date` is the
    /// document's date as PDF wants it ("20261206").
    pub(crate) fn finish(
        self,
        title: &str,
        language: &str,
        footer: &str,
        date: Option<&str>,
        page_text: impl Fn(u32, u32) -> String,
    ) -> Result<Vec<u8>, PrintoutError> {
        let mut pages = self.paginate();
        let count = u32::try_from(pages.len()).unwrap_or(u32::MAX);
        for (n, page) in (1..).zip(pages.iter_mut()) {
            let number = self.drawable(&page_text(n, count), Face::Regular);
            let number_w = self.regular.width(&number, 8.0);
            page.push((
                FOOTER_Y,
                Frag {
                    x: PAGE_W - MARGIN - number_w,
                    text: number,
                    face: Face::Regular,
                    size: 8.0,
                    grey: false,
                },
            ));
            let room = TEXT_W - number_w - 20.0;
            let mut left = self.drawable(footer, Face::Regular);
            if self.regular.width(&left, 8.0) > room {
                while !left.is_empty() && self.regular.width(&format!("{left}…"), 8.0) > room {
                    left.pop();
                }
                left.push('…');
            }
            if !left.trim().is_empty() {
                page.push((
                    FOOTER_Y,
                    Frag {
                        x: MARGIN,
                        text: left,
                        face: Face::Regular,
                        size: 8.0,
                        grey: true,
                    },
                ));
            }
        }

        // Only the glyphs drawn go into the file.
        let mut used: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
        for (_, f) in pages.iter().flatten() {
            used.entry(f.face).or_default().extend(f.text.chars());
        }
        let mut pdf = PdfDocument::new(&clean(title));
        pdf.metadata.info.producer = "Amtsweg".to_owned();
        pdf.metadata.info.creator = "Amtsweg".to_owned();
        let mut ids: BTreeMap<Face, FontId> = BTreeMap::new();
        for (face, chars) in &used {
            let font = fonts::subset(*face, chars)?;
            ids.insert(*face, pdf.add_font(&font));
        }

        let black = Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None));
        let grey = Color::Rgb(Rgb::new(GREY, GREY, GREY, None));
        let mut out_pages = Vec::with_capacity(pages.len());
        for page in pages {
            let mut ops = vec![Op::StartTextSection];
            let (mut font, mut colour) = (None, None);
            // `Td` moves relative to the start of the current line.
            let (mut lx, mut ly) = (0.0, 0.0);
            for (y, f) in page {
                let Some(id) = ids.get(&f.face) else { continue };
                if font != Some((f.face, f.size.to_bits())) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(id.clone()),
                        size: Pt(f.size),
                    });
                    font = Some((f.face, f.size.to_bits()));
                }
                if colour != Some(f.grey) {
                    ops.push(Op::SetFillColor {
                        col: if f.grey { grey.clone() } else { black.clone() },
                    });
                    colour = Some(f.grey);
                }
                ops.push(Op::SetTextCursor {
                    pos: Point {
                        x: Pt(f.x - lx),
                        y: Pt(y - ly),
                    },
                });
                (lx, ly) = (f.x, y);
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(f.text)],
                });
            }
            ops.push(Op::EndTextSection);
            out_pages.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
        }
        pdf.pages = out_pages;

        let options = PdfSaveOptions::default();
        let mut warnings = Vec::new();
        let mut lo = pdf.to_lopdf_document(&options, &mut warnings);
        // printpdf has no setting for the document's language; readers and screen
        // readers take it from the catalog.
        lo.catalog_mut()
            .map_err(|e| PrintoutError::Write(e.to_string()))?
            .set("Lang", lopdf::Object::string_literal(language));
        // printpdf writes 1970-01-01 for both dates; the application's date is the true
        // one (a recovery code sheet has none to give).
        let info = lo
            .trailer
            .get(b"Info")
            .and_then(lopdf::Object::as_reference)
            .ok();
        if let Some(info) = info
            && let Ok(dict) = lo.get_object_mut(info).and_then(lopdf::Object::as_dict_mut)
        {
            for key in [b"CreationDate".as_slice(), b"ModDate".as_slice()] {
                match date {
                    Some(d) => dict.set(key, lopdf::Object::string_literal(format!("D:{d}"))),
                    None => {
                        dict.remove(key);
                    }
                }
            }
        }
        lo.compress();
        let mut bytes = Vec::new();
        lo.save_to(&mut bytes)
            .map_err(|e| PrintoutError::Write(e.to_string()))?;
        Ok(bytes)
    }
}
