//! The text of a file read as bytes: UTF-8 only, with a leading byte order mark skipped, and
//! any other encoding refused saying where.

use super::problem::Problems;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The bytes of `file` as UTF-8 text, without a leading UTF-8 byte order mark (Windows editors
/// write one). UTF-16 and invalid UTF-8 are refused with their line and column, counted in
/// characters as an editor shows them.
pub(crate) fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Problems> {
    if is_utf16(bytes) {
        return Err(problem(file, 1, 1, "encoded as UTF-16; save it as UTF-8"));
    }
    let skipped = if bytes.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    };
    let text = &bytes[skipped..];
    std::str::from_utf8(text).map_err(|error| {
        let valid = &text[..error.valid_up_to()];
        let line_start = valid
            .iter()
            .rposition(|byte| *byte == b'\n')
            .map_or(0, |newline| newline + 1);
        let line = 1 + valid.iter().filter(|byte| **byte == b'\n').count();
        // Every byte of valid UTF-8 that is not a continuation byte starts a character.
        let column = 1 + valid[line_start..]
            .iter()
            .filter(|byte| **byte & 0xC0 != 0x80)
            .count();
        let bad = text.get(error.valid_up_to()).copied().unwrap_or_default();
        let offset = skipped + error.valid_up_to();
        problem(
            file,
            line,
            column,
            &format!("not valid UTF-8 (byte 0x{bad:02X} at offset {offset}); save it as UTF-8"),
        )
    })
}

/// A UTF-16 byte order mark, or the NULs that alternate with ASCII in UTF-16 text: JSON starts
/// with ASCII (`{`, `[` or white space), so its first characters show the encoding.
fn is_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return true;
    }
    let head = &bytes[..bytes.len().min(32) & !1];
    let nul_at = |parity: usize| {
        !head.is_empty()
            && head
                .iter()
                .enumerate()
                .all(|(at, byte)| (*byte == 0) == (at % 2 == parity))
    };
    nul_at(0) || nul_at(1)
}

fn problem(file: &str, line: usize, column: usize, message: &str) -> Problems {
    Problems::Syntax {
        file: file.to_owned(),
        line,
        column,
        path: String::new(),
        message: message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(bytes: &[u8]) -> (usize, usize, String) {
        match decode("f.json", bytes) {
            Err(Problems::Syntax {
                line,
                column,
                message,
                ..
            }) => (line, column, message),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn utf8_is_read_as_is_and_a_byte_order_mark_is_skipped() {
        assert_eq!(
            decode("f.json", b"{\"a\": \"\xC3\xA9\"}"),
            Ok("{\"a\": \"é\"}")
        );
        assert_eq!(decode("f.json", b"\xEF\xBB\xBF{}"), Ok("{}"));
        assert_eq!(decode("f.json", b""), Ok(""));
        // A NUL in UTF-8 text is left for the JSON parser to refuse.
        assert_eq!(decode("f.json", b"{}\0"), Ok("{}\0"));
    }

    #[test]
    fn utf16_is_recognised_with_or_without_its_byte_order_mark() {
        for bytes in [
            &b"\xFF\xFE{\0}\0"[..],
            b"\xFE\xFF\0{\0}",
            b"{\0\"\0a\0",
            b"\0{\0\"\0a",
            b"\n\0",
        ] {
            let (line, column, message) = place(bytes);
            assert_eq!((line, column), (1, 1), "{bytes:?}");
            assert_eq!(message, "encoded as UTF-16; save it as UTF-8");
        }
    }

    #[test]
    fn invalid_utf8_is_placed_by_line_character_and_byte() {
        let (line, column, message) = place(b"{\n\"\xC3\xA9\xE9\"}");
        assert_eq!((line, column), (2, 3));
        assert_eq!(
            message,
            "not valid UTF-8 (byte 0xE9 at offset 5); save it as UTF-8"
        );
        let (line, column, message) = place(b"\xEF\xBB\xBF\xC3");
        assert_eq!((line, column), (1, 1));
        assert!(message.contains("byte 0xC3 at offset 3"), "{message}");
    }
}
