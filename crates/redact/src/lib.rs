//! What logs and `Debug` output may show of the citizen's data and of input from
//! outside. An answer, a file's bytes or a record's plaintext shows its size only
//! ([`Redacted`]); a string from the webview or a file shows at most
//! [`QUOTE_LIMIT`] characters, escaped, and its length ([`Quoted`]). Every crate uses
//! these two, so no type decides on its own how much of what it holds is printed.

use std::fmt;

/// How much a value holds, for [`Redacted`]: its bytes, and how many items it has
/// where it has several.
pub trait Measure {
    fn bytes(&self) -> usize;
    fn items(&self) -> Option<usize> {
        None
    }
}

impl Measure for str {
    fn bytes(&self) -> usize {
        self.len()
    }
}

impl Measure for String {
    fn bytes(&self) -> usize {
        self.len()
    }
}

impl Measure for [u8] {
    fn bytes(&self) -> usize {
        self.len()
    }
}

impl Measure for Vec<u8> {
    fn bytes(&self) -> usize {
        self.len()
    }
}

impl Measure for [String] {
    fn bytes(&self) -> usize {
        self.iter().map(String::len).sum()
    }
    fn items(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl Measure for Vec<String> {
    fn bytes(&self) -> usize {
        self.as_slice().bytes()
    }
    fn items(&self) -> Option<usize> {
        self.as_slice().items()
    }
}

/// A size known already (a count of records, the length of plaintext held elsewhere).
impl Measure for usize {
    fn bytes(&self) -> usize {
        *self
    }
}

impl<T: Measure + ?Sized> Measure for &T {
    fn bytes(&self) -> usize {
        (**self).bytes()
    }
    fn items(&self) -> Option<usize> {
        (**self).items()
    }
}

/// Shows a value's size, never its contents: `<5 bytes>`, or `<3 items, 12 bytes>`.
/// Wrap a field in `Debug` (`.field("answer", &Redacted(&self.answer))`) or a value
/// in a log line.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Redacted<T>(pub T);

impl<T: Measure> fmt::Debug for Redacted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.items() {
            Some(items) => write!(f, "<{items} items, {} bytes>", self.0.bytes()),
            None => write!(f, "<{} bytes>", self.0.bytes()),
        }
    }
}

impl<T: Measure> fmt::Display for Redacted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// How many characters of a string from outside a log line or error text quotes.
pub const QUOTE_LIMIT: usize = 64;

/// A string from outside (an id the webview sent, a name in a file) as a log line or an
/// error text may quote it: in quotes, control characters, quotes and backslashes
/// escaped (no forged log line, no terminal escape), at most [`QUOTE_LIMIT`] characters
/// and, when cut, its full length: `"draft-1…" (1048576 bytes)`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Quoted<'a>(pub &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", Excerpt(self.0))?;
        if self.0.chars().nth(QUOTE_LIMIT).is_some() {
            write!(f, " ({} bytes)", self.0.len())?;
        }
        Ok(())
    }
}

/// [`Quoted`] without the quotes and the length, for a text that puts its own marks
/// around it: escaped, at most [`QUOTE_LIMIT`] characters, `…` where it was cut.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Excerpt<'a>(pub &'a str);

impl Excerpt<'_> {
    /// The excerpt as an owned string, for an error that keeps what it quotes.
    pub fn owned(self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut chars = self.0.chars();
        for c in chars.by_ref().take(QUOTE_LIMIT) {
            write!(f, "{}", c.escape_debug())?;
        }
        if chars.next().is_some() {
            f.write_str("…")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Debug for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacted_shows_sizes_only() {
        let answer = "Erika Mustermann".to_owned();
        assert_eq!(format!("{:?}", Redacted(&answer)), "<16 bytes>");
        assert_eq!(format!("{}", Redacted(&answer)), "<16 bytes>");
        let codes = vec!["dog".to_owned(), "cat".to_owned()];
        assert_eq!(format!("{:?}", Redacted(&codes)), "<2 items, 6 bytes>");
        assert_eq!(format!("{:?}", Redacted(&b"%PDF"[..])), "<4 bytes>");
    }

    #[test]
    fn quoted_is_escaped_and_cut_with_its_length() {
        assert_eq!(Quoted("draft-1").to_string(), "\"draft-1\"");
        let forged = "x\nINFO forged line \u{1b}[31m\"";
        let shown = Quoted(forged).to_string();
        assert_eq!(shown, "\"x\\nINFO forged line \\u{1b}[31m\\\"\"");
        assert!(!shown.chars().any(char::is_control), "{shown}");
        let huge = "a".repeat(1 << 20);
        let shown = Quoted(&huge).to_string();
        assert_eq!(
            shown,
            format!("\"{}…\" (1048576 bytes)", "a".repeat(QUOTE_LIMIT))
        );
        // Characters, not bytes: a cut never splits one.
        let umlauts = "ä".repeat(QUOTE_LIMIT + 1);
        assert!(
            Quoted(&umlauts)
                .to_string()
                .starts_with(&format!("\"{}…", "ä".repeat(QUOTE_LIMIT)))
        );
        assert_eq!(Excerpt("page\n`one`").owned(), "page\\n`one`");
        assert_eq!(
            Excerpt(&huge).owned(),
            format!("{}…", "a".repeat(QUOTE_LIMIT))
        );
    }
}
