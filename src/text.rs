//! Text on its way to a terminal: cut and padded to a width in columns, and never able to
//! drive the terminal.
//!
//! A client name, a note or a value read from an imported file can hold control characters:
//! `ESC c` resets a terminal, OSC sequences retitle it, C1 `CSI` (U+009B) starts a command
//! without an escape, and bidirectional overrides make text read other than it is. Everything
//! isoready prints to stdout or stderr, and every export, goes through [`strip_controls`] or a
//! [`ControlFilter`], which keep tab and newline (and a CR that ends a CSV line) and drop every
//! other C0 character, DEL, C1, the bidirectional controls and the line and paragraph
//! separators. The full-screen interface needs no filter: ratatui drops control characters
//! when it lays text into its buffer, and the same strip is applied to what it shows.

use std::borrow::Cow;
use std::io::{self, Write};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Whether `c` must not reach a terminal or a document: C0 other than tab and newline, DEL,
/// C1, a bidirectional control (embeddings, overrides, isolates and marks, which can make text
/// read in another order than it is stored), or a line or paragraph separator.
pub(crate) fn is_unsafe_control(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Whether `c` shows as something: not a space, a control character, or a character of no
/// width that only joins, breaks or marks (zero-width space and joiners, word joiner, soft
/// hyphen, byte order mark).
pub(crate) fn is_visible(c: char) -> bool {
    !c.is_whitespace()
        && !is_unsafe_control(c)
        && !matches!(
            c,
            '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
        )
}

/// `text` without the control characters a terminal would act on (see [`is_unsafe_control`]),
/// except a CR directly before LF (CSV lines end in CRLF).
pub fn strip_controls(text: &str) -> Cow<'_, str> {
    if !has_lone_controls(text) {
        return Cow::Borrowed(text);
    }
    let mut kept = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !is_unsafe_control(c) || (c == '\r' && chars.peek() == Some(&'\n')) {
            kept.push(c);
        }
    }
    Cow::Owned(kept)
}

/// Whether `text` holds a control character other than the CR of a CRLF pair.
fn has_lone_controls(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_unsafe_control(c) && !(c == '\r' && chars.peek() == Some(&'\n')) {
            return true;
        }
    }
    false
}

/// A moment in the local time zone, to the minute: "2026-12-02 14:05".
pub(crate) fn local_time(timestamp: jiff::Timestamp) -> String {
    timestamp
        .to_zoned_datetime(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// `text` on one line, for a table cell: every control character, tab and newline included,
/// becomes a space.
pub(crate) fn single_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// `text` cut to `width` terminal columns, ending in "…" when cut.
pub fn cut(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        let columns = c.width().unwrap_or(0);
        if used + columns + 1 > width {
            break;
        }
        kept.push(c);
        used += columns;
    }
    if width > 0 {
        kept.push('…');
    }
    Cow::Owned(kept)
}

/// `text` cut to `width` terminal columns (see [`cut`]) and padded with spaces to fill them.
pub fn fit(text: &str, width: usize) -> String {
    let cut = cut(text, width);
    let fill = width.saturating_sub(cut.width());
    format!("{cut}{}", " ".repeat(fill))
}

/// A writer that drops, from UTF-8 text written through it, what [`strip_controls`] drops.
///
/// Writes may split a character or a CRLF pair anywhere; the filter keeps the bytes it cannot
/// decide yet (at most a character's and a CR) and decides them with the next write. Bytes that
/// are not valid UTF-8 are passed through unchanged.
#[derive(Debug)]
pub struct ControlFilter<W: Write> {
    inner: W,
    /// The end of the last write that is not decided yet: an incomplete character, or a CR.
    pending: Vec<u8>,
}

impl<W: Write> ControlFilter<W> {
    /// Filters what is written to `inner`.
    pub fn new(inner: W) -> Self {
        ControlFilter {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes what can be decided of `bytes` (after what was pending) and keeps the rest.
    fn filter(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut data = std::mem::take(&mut self.pending);
        data.extend_from_slice(bytes);
        let mut rest = data.as_slice();
        while !rest.is_empty() {
            let (valid, after) = match std::str::from_utf8(rest) {
                Ok(text) => (text, &rest[rest.len()..]),
                Err(error) => {
                    let (valid, after) = rest.split_at(error.valid_up_to());
                    // Checked by from_utf8 up to valid_up_to.
                    let valid = std::str::from_utf8(valid).unwrap_or_default();
                    (valid, after)
                }
            };
            // A CR at the end may start a CRLF pair: decided with the next write.
            let (decided, cr) = match valid.strip_suffix('\r') {
                Some(head) if after.is_empty() => (head, true),
                _ => (valid, false),
            };
            self.inner.write_all(strip_controls(decided).as_bytes())?;
            if cr {
                self.pending.push(b'\r');
                return Ok(());
            }
            match std::str::from_utf8(after) {
                Ok(_) => return Ok(()),
                Err(error) => match error.error_len() {
                    // An incomplete character at the end: wait for the rest of it.
                    None => {
                        self.pending.extend_from_slice(after);
                        return Ok(());
                    }
                    // Not UTF-8: passed through as it is.
                    Some(len) => {
                        self.inner.write_all(&after[..len])?;
                        rest = &after[len..];
                    }
                },
            }
        }
        Ok(())
    }
}

impl<W: Write> Write for ControlFilter<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.filter(bytes)?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // Pending bytes wait for the next write (see `drop`).
        self.inner.flush()
    }
}

impl<W: Write> Drop for ControlFilter<W> {
    fn drop(&mut self) {
        // A lone CR at the very end is dropped; an incomplete character is passed through.
        let pending = std::mem::take(&mut self.pending);
        if pending != b"\r" {
            let _ = self.inner.write_all(&pending);
        }
        let _ = self.inner.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ATTACKS: &str =
        "A\x1bcB\x1b]0;owned\x07C\u{9b}2JD\x7fE\rF\x00G\u{85}H\u{202E}I\u{2066}J\u{2028}K";

    fn filtered(chunks: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut filter = ControlFilter::new(&mut out);
            for chunk in chunks {
                filter.write_all(chunk).unwrap();
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strip_controls_keeps_tab_and_newline_and_drops_the_rest() {
        assert_eq!(strip_controls(ATTACKS), "AcB]0;ownedC2JDEFGHIJK");
        assert_eq!(strip_controls("\u{feff}a\u{200d}b"), "\u{feff}a\u{200d}b");
        assert_eq!(strip_controls("a\tb\nc\r\n"), "a\tb\nc\r\n");
        assert_eq!(strip_controls("a\r\r\nb\r"), "a\r\nb");
        assert!(matches!(strip_controls("plain ü"), Cow::Borrowed(_)));
    }

    #[test]
    fn single_line_turns_controls_and_line_breaks_into_spaces() {
        assert_eq!(single_line("Acme\x1b[2J\nLtd\tCo"), "Acme [2J Ltd Co");
    }

    #[test]
    fn cut_and_fit_count_columns_not_bytes() {
        assert_eq!(cut("Acme", 10), "Acme");
        assert_eq!(cut("株式会社アクメ", 7), "株式会…");
        assert_eq!(fit("株式会社アクメ", 7).width(), 7);
        assert_eq!(fit("Acme", 6), "Acme  ");
        assert_eq!(fit("Müller GmbH", 5), "Müll…");
        assert_eq!(fit("anything", 0), "");
    }

    #[test]
    fn filter_matches_strip_controls_on_whole_text() {
        assert_eq!(filtered(&[ATTACKS.as_bytes()]), strip_controls(ATTACKS));
    }

    #[test]
    fn filter_decides_split_characters_with_the_next_write() {
        for cut in 0..=ATTACKS.len() {
            let (head, tail) = ATTACKS.as_bytes().split_at(cut);
            assert_eq!(
                filtered(&[head, tail]),
                strip_controls(ATTACKS),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn filter_keeps_crlf_line_ends_even_when_split() {
        assert_eq!(filtered(&[b"a,b\r", b"\nc,d\r\n"]), "a,b\r\nc,d\r\n");
        assert_eq!(filtered(&[b"a\rb\r"]), "ab");
    }

    #[test]
    fn filter_keeps_latin1_letters_after_the_c1_lead_byte() {
        // U+00A0..=U+00BF share the lead byte with C1 and must survive a split.
        let text = "caf\u{e9} \u{a3}5 \u{bd}";
        assert_eq!(
            filtered(&[&text.as_bytes()[..6], &text.as_bytes()[6..]]),
            text
        );
    }

    #[test]
    fn filter_passes_a_lead_byte_that_ends_the_output() {
        let mut out = Vec::new();
        ControlFilter::new(&mut out).write_all(b"x\xC2").unwrap();
        assert_eq!(out, b"x\xC2");
    }
}
