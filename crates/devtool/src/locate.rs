//! From a JSON path (`sections[0].pages[2].items[1].kind`, as the engine's errors name
//! places) to a line and column in the file's text, so a finding can say
//! `file:line:column` and an editor jumps there. The text is scanned, not parsed into a
//! tree: serde_json's values carry no positions.

/// 1-based line and column of byte `offset` in `text`; the column counts characters, as
/// rustc's do.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Byte offset of what `path` names in the JSON `text`: the key of an object member
/// (`"kind": …` for `…items[1].kind`), the first byte of an array element, the first
/// value for the empty path. Where the path goes further than the text (a missing
/// property, a wrong index) the deepest part that exists is returned, so a "missing
/// field" points at the object that lacks it. `None` only when `text` is not JSON up
/// to that point.
pub fn locate(text: &str, path: &str) -> Option<usize> {
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        at: 0,
    };
    scanner.whitespace();
    let mut best = scanner.at;
    for segment in segments(path) {
        scanner.whitespace();
        match segment {
            Segment::Key(key) => {
                if !scanner.eat(b'{') {
                    return Some(best);
                }
                let mut found = false;
                loop {
                    scanner.whitespace();
                    if scanner.peek()? == b'}' {
                        break;
                    }
                    let key_start = scanner.at;
                    let name = scanner.string()?;
                    scanner.whitespace();
                    if !scanner.eat(b':') {
                        return None;
                    }
                    scanner.whitespace();
                    if name == key {
                        best = key_start;
                        found = true;
                        break;
                    }
                    scanner.skip_value()?;
                    scanner.whitespace();
                    if !scanner.eat(b',') {
                        break;
                    }
                }
                if !found {
                    return Some(best);
                }
            }
            Segment::Index(index) => {
                if !scanner.eat(b'[') {
                    return Some(best);
                }
                for _ in 0..index {
                    scanner.whitespace();
                    if scanner.peek()? == b']' {
                        return Some(best);
                    }
                    scanner.skip_value()?;
                    scanner.whitespace();
                    if !scanner.eat(b',') {
                        return Some(best);
                    }
                }
                scanner.whitespace();
                if scanner.peek()? == b']' {
                    return Some(best);
                }
                best = scanner.at;
            }
            Segment::Unknown => return Some(best),
        }
    }
    Some(best)
}

#[derive(Debug, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index(usize),
    /// serde_path_to_error writes `?` where it cannot name a step.
    Unknown,
}

/// `a.b[2][0].c` → `a`, `b`, `2`, `0`, `c`. `.` and the empty string are the root.
fn segments(path: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !name.is_empty() {
            out.push(if name == "?" {
                Segment::Unknown
            } else {
                Segment::Key(name.to_owned())
            });
        }
        while let Some(inner) = rest.strip_prefix('[') {
            let Some(end) = inner.find(']') else {
                out.push(Segment::Unknown);
                break;
            };
            out.push(
                inner[..end]
                    .parse()
                    .map_or(Segment::Unknown, Segment::Index),
            );
            rest = &inner[end + 1..];
        }
    }
    out
}

struct Scanner<'t> {
    bytes: &'t [u8],
    at: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn whitespace(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    /// A string token, unescaped.
    fn string(&mut self) -> Option<String> {
        let start = self.at;
        self.skip_string()?;
        let token = std::str::from_utf8(&self.bytes[start..self.at]).ok()?;
        serde_json::from_str(token).ok()
    }

    fn skip_string(&mut self) -> Option<()> {
        if !self.eat(b'"') {
            return None;
        }
        loop {
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(());
                }
                b'\\' => self.at += 2,
                _ => self.at += 1,
            }
        }
    }

    fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.skip_string(),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.skip_string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.at += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.at += 1;
                }
            }
            _ => {
                while self
                    .peek()
                    .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
                {
                    self.at += 1;
                }
                Some(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"{
  "id": "x",
  "sections": [
    { "id": "a", "pages": [] },
    {
      "id": "b",
      "title": "t \" } ] ,",
      "pages": [
        { "id": "p1", "items": [ { "kind": "text", "id": "F1" } ] },
        {
          "id": "p2",
          "items": [
            { "kind": "text" },
            {
              "kind": "slider",
              "values": [1, [2, {"x": 3}], "]"]
            }
          ]
        }
      ]
    }
  ]
}"#;

    fn at(path: &str) -> (usize, usize) {
        line_column(TEXT, locate(TEXT, path).expect("located"))
    }

    #[test]
    fn keys_point_at_the_key_and_elements_at_their_start() {
        assert_eq!(at(""), (1, 1));
        assert_eq!(at("."), (1, 1));
        assert_eq!(at("id"), (2, 3));
        assert_eq!(at("sections"), (3, 3));
        assert_eq!(at("sections[0]"), (4, 5));
        assert_eq!(at("sections[1].id"), (6, 7));
        assert_eq!(at("sections[1].pages[0].items[0].kind"), (9, 36));
        assert_eq!(at("sections[1].pages[1].items[1]"), (14, 13));
        assert_eq!(at("sections[1].pages[1].items[1].kind"), (15, 15));
        assert_eq!(at("sections[1].pages[1].items[1].values[2]"), (16, 44));
    }

    #[test]
    fn strings_with_brackets_and_escapes_do_not_confuse_the_scan() {
        // The title holds `"`, `}`, `]` and `,`; the page after it is still found.
        assert_eq!(at("sections[1].pages"), (8, 7));
    }

    #[test]
    fn a_path_beyond_the_text_stops_at_the_deepest_part_that_exists() {
        // A missing property: its object.
        assert_eq!(at("sections[1].pages[1].items[0].label"), (13, 13));
        // An index past the end: the array's key.
        assert_eq!(at("sections[1].pages[7]"), (8, 7));
        // Into a scalar.
        assert_eq!(at("id.more"), (2, 3));
        assert_eq!(at("sections[?]"), (3, 3));
    }

    #[test]
    fn path_segments() {
        assert_eq!(
            segments("a.b[2][0].c"),
            vec![
                Segment::Key("a".into()),
                Segment::Key("b".into()),
                Segment::Index(2),
                Segment::Index(0),
                Segment::Key("c".into()),
            ]
        );
        assert_eq!(segments("$schema"), vec![Segment::Key("$schema".into())]);
        assert_eq!(
            segments("x[a]"),
            vec![Segment::Key("x".into()), Segment::Unknown]
        );
    }

    #[test]
    fn columns_count_characters() {
        let text = "{\"ä\": 1,\n \"ö\": {\"ü\": 2}}";
        assert_eq!(
            line_column(text, locate(text, "ö.ü").expect("found")),
            (2, 8)
        );
        assert_eq!(line_column(text, text.len() + 5), (2, 16));
    }

    #[test]
    fn keys_with_escapes_are_compared_unescaped() {
        let text = r#"{"a\u0062": {"c": 1}}"#;
        assert_eq!(locate(text, "ab.c"), Some(13));
    }

    #[test]
    fn not_json_gives_none_or_the_last_good_place() {
        assert_eq!(locate("{\"a\" 1}", "a"), None);
        assert_eq!(locate("{\"a\": ", "b"), None);
    }
}
