//! Errors in user-supplied files that name the file, the place and what was expected.

use std::borrow::Cow;
use std::fmt;

/// One problem at one place of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: a JSON path such as `sections[2].questions[0].maps[1].id`.
    pub path: String,
    /// What is wrong and what was expected.
    pub message: String,
}

impl Problem {
    /// Builds a problem.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A file that could not be used: malformed, or invalid with one or more problems.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problems {
    /// The file is not well-formed JSON or has a value of the wrong type.
    #[error("{file}:{line}:{column}: {message}{}", at_path(path))]
    Syntax {
        /// The file as named by the user.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// JSON path where known.
        path: String,
        /// What was expected.
        message: String,
    },
    /// The file parsed but its content is invalid.
    #[error("{file}: {} problem{}:{}", problems.len(), plural(problems.len()), list(problems))]
    Invalid {
        /// The file as named by the user.
        file: String,
        /// Every problem found.
        problems: Vec<Problem>,
    },
}

fn at_path(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(" (at {path})")
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|problem| format!("\n  {problem}"))
        .collect()
}

impl Problems {
    /// Wraps a list of problems, or `Ok` when the list is empty.
    pub fn check(file: &str, problems: Vec<Problem>) -> Result<(), Problems> {
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Problems::Invalid {
                file: file.to_owned(),
                problems,
            })
        }
    }
}

/// Parses one JSON document into `T`, reporting line, column and JSON path on failure. Only
/// whitespace may follow the document.
pub fn parse_json<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, Problems> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let result: Result<T, _> = serde_path_to_error::deserialize(&mut deserializer);
    let value = result.map_err(|error| {
        // A syntax error can stop inside a value whose key was not read yet ("sections[0].?").
        let path = error.path().to_string();
        let path = path.trim_end_matches('?').trim_end_matches('.').to_owned();
        let inner = error.into_inner();
        Problems::Syntax {
            file: file.to_owned(),
            line: inner.line(),
            // serde_json says column 0 when the character at fault is a line's newline.
            column: inner.column().max(1),
            path: shorten(&path),
            message: shorten(&strip_position(&inner.to_string())),
        }
    })?;
    deserializer.end().map_err(|error| Problems::Syntax {
        file: file.to_owned(),
        line: error.line(),
        column: error.column().max(1),
        path: String::new(),
        message: "trailing characters after the JSON document".to_owned(),
    })?;
    Ok(value)
}

/// serde_json appends " at line L column C"; the position is reported separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message.to_owned(),
    }
}

/// Text from a file as a message echoes it (an ID, a key, a value): its first 60 characters and
/// "…" when longer, so that an over-long one cannot bury the message.
pub(crate) fn clip(text: &str) -> Cow<'_, str> {
    const SHOWN: usize = 60;
    match text.char_indices().nth(SHOWN) {
        Some((cut, _)) => Cow::Owned(format!("{}…", &text[..cut])),
        None => Cow::Borrowed(text),
    }
}

/// A parser's message or path, which may quote the file at any length: a long one keeps its
/// start and its end, which says what was expected.
fn shorten(text: &str) -> String {
    const HEAD: usize = 60;
    const TAIL: usize = 100;
    let count = text.chars().count();
    if count <= HEAD + TAIL {
        return text.to_owned();
    }
    let head: String = text.chars().take(HEAD).collect();
    let tail: String = text.chars().skip(count - TAIL).collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(text: &str) -> (usize, usize, String) {
        match parse_json::<serde_json::Value>("f.json", text) {
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
    fn a_syntax_error_is_placed_at_a_line_and_a_column_from_1() {
        let (line, column, _) = place("");
        assert_eq!((line, column), (1, 1));
        let (line, column, message) = place("{\"a\": \"x\n\"}");
        assert_eq!((line, column), (2, 1));
        assert!(message.starts_with("control character"), "{message}");
        let (line, column, message) = place("{}\n\n  x");
        assert_eq!(
            (line, column, message.as_str()),
            (3, 3, "trailing characters after the JSON document")
        );
    }

    #[test]
    fn clip_keeps_60_characters() {
        assert_eq!(clip("short"), "short");
        let long = "é".repeat(61);
        assert_eq!(clip(&long), format!("{}…", "é".repeat(60)));
        assert_eq!(clip(&long[..120]), long[..120]);
    }
}
