//! Exclusions: single Annex A controls left out of the Statement of Applicability, each with its
//! own justification, keyed `<standard>:<control id>`; their shape in a file and their checks
//! against the catalogs.

use std::collections::BTreeMap;

use serde_json::Value;

use super::answers::json_kind;
use super::catalog::{Catalogs, ItemKind};
use super::problem::{Problem, clip};
use super::standard::{ControlRef, Standard};

/// Annex A controls excluded from the Statement of Applicability: the justification of each,
/// keyed `<standard>:<control id>` ("iso27001:A.7.4").
pub type Exclusions = BTreeMap<String, String>;

/// The Annex A control an exclusion key names, if the key is well formed and names one in the
/// catalogs (clauses, headings and unknown IDs give `None`; [`validate_exclusions`] says why).
pub(crate) fn excluded_control(catalogs: &Catalogs, key: &str) -> Option<ControlRef> {
    let (standard, id) = split_exclusion_key(key)?;
    let item = catalogs.catalog(standard).item(id)?;
    (item.kind == ItemKind::Control).then(|| ControlRef::new(standard, id))
}

/// `(standard, id)` of a key `<standard>:<id>` whose standard is spelt as in files.
fn split_exclusion_key(key: &str) -> Option<(Standard, &str)> {
    let (standard, id) = key.split_once(':')?;
    let standard = Standard::ALL
        .into_iter()
        .find(|candidate| candidate.key() == standard)?;
    Some((standard, id))
}

/// Whether a justification says something: it has a visible character, not only spaces,
/// control characters or invisible marks.
pub(crate) fn is_justified(justification: &str) -> bool {
    justification.chars().any(crate::text::is_visible)
}

/// Checks every exclusion: its key names an Annex A control of a known standard (clauses 4–10
/// cannot be excluded), and its justification is not blank.
pub(crate) fn validate_exclusions(catalogs: &Catalogs, exclusions: &Exclusions) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (key, justification) in exclusions {
        let path = exclusion_path(key);
        if let Some(message) = key_problem(catalogs, key) {
            problems.push(Problem::new(path, message));
        } else if !is_justified(justification) {
            problems.push(Problem::new(
                path,
                format!(
                    "the justification of exclusion \"{key}\" is empty: say why the control does not apply to this organisation (it is the justification in the Statement of Applicability)"
                ),
            ));
        }
    }
    problems
}

/// What is wrong with an exclusion key, if anything.
fn key_problem(catalogs: &Catalogs, key: &str) -> Option<String> {
    let expected = "expected \"<standard>:<Annex A control>\" such as \"iso27001:A.7.4\" or \"iso42001:A.6.2.8\"";
    let shown = clip(key);
    let Some((standard, id)) = key.split_once(':') else {
        return Some(format!(
            "exclusion key \"{shown}\" does not name its standard: {expected}"
        ));
    };
    let Some((standard, id)) = split_exclusion_key(key) else {
        return Some(format!(
            "exclusion key \"{shown}\" names an unknown standard \"{}\" (expected iso27001 or iso42001): {expected}; the control was \"{}\"",
            clip(standard),
            clip(id)
        ));
    };
    let catalog = catalogs.catalog(standard);
    match catalog.item(id) {
        Some(item) if item.kind == ItemKind::Clause => Some(format!(
            "exclusion \"{key}\" names clause {id} of {}: clauses 4–10 are required for certification and cannot be excluded; only Annex A controls can",
            catalog.name
        )),
        Some(_) => None,
        None => {
            let prefixed = format!("A.{id}");
            let hint = match catalog.item(&prefixed) {
                Some(item) if item.kind == ItemKind::Control => {
                    format!(" (did you mean \"{standard}:{prefixed}\"?)")
                }
                _ => String::new(),
            };
            Some(format!(
                "exclusion \"{shown}\" names no Annex A control of {}{hint}: {expected}",
                catalog.name
            ))
        }
    }
}

fn exclusion_path(key: &str) -> String {
    format!("exclusions[\"{}\"]", clip(key))
}

/// The exclusions block as found, and the problems of its shape: an object whose values are
/// strings. `null` counts as no block.
pub(super) fn exclusion_shapes(value: Option<Value>) -> (Exclusions, Vec<Problem>) {
    let mut exclusions = Exclusions::new();
    let mut problems = Vec::new();
    match value {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (key, value) in map {
                match value {
                    Value::String(justification) => {
                        exclusions.insert(key, justification);
                    }
                    other => problems.push(Problem::new(
                        exclusion_path(&key),
                        format!(
                            "exclusion \"{}\" takes its justification as text, found {}",
                            clip(&key),
                            json_kind(&other)
                        ),
                    )),
                }
            }
        }
        Some(other) => problems.push(Problem::new(
            "exclusions",
            format!(
                "expected an object of \"<standard>:<Annex A control>\": \"justification\" pairs, such as {{\"iso27001:A.7.4\": \"No premises of our own\"}}, found {}",
                if other.is_array() { "a list" } else { json_kind(&other) }
            ),
        )),
    }
    (exclusions, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::answers::AnswersDoc;
    use crate::model::problem::Problems;

    fn exclusion_problems(key: &str, justification: &str) -> Vec<Problem> {
        let exclusions = Exclusions::from([(key.to_owned(), justification.to_owned())]);
        validate_exclusions(Catalogs::embedded(), &exclusions)
    }

    #[test]
    fn an_annex_a_control_of_either_standard_can_be_excluded() {
        for key in ["iso27001:A.7.4", "iso42001:A.2.2", "iso42001:A.10.4"] {
            assert!(exclusion_problems(key, "Not ours").is_empty(), "{key}");
            assert!(
                excluded_control(Catalogs::embedded(), key).is_some(),
                "{key}"
            );
        }
        assert_eq!(
            excluded_control(Catalogs::embedded(), "iso27001:A.7.4"),
            Some(ControlRef::new(Standard::Iso27001, "A.7.4"))
        );
    }

    #[test]
    fn every_bad_exclusion_names_its_place_and_what_was_expected() {
        for (key, justification, expected) in [
            (
                "iso27001:A.9.9",
                "x",
                "names no Annex A control of ISO/IEC 27001:2022",
            ),
            (
                "iso27001:6.1.2",
                "x",
                "clauses 4–10 are required for certification",
            ),
            ("iso42001:4.3", "x", "cannot be excluded"),
            ("iso27001:5.24", "x", "did you mean \"iso27001:A.5.24\"?"),
            ("A.7.4", "x", "does not name its standard"),
            ("iso9001:A.7.4", "x", "unknown standard \"iso9001\""),
            ("ISO27001:A.7.4", "x", "unknown standard"),
            (
                "iso42001:A.6.1",
                "x",
                "names no Annex A control of ISO/IEC 42001:2023",
            ),
            (
                "iso27001:A.7.4",
                "  \n\t",
                "justification of exclusion \"iso27001:A.7.4\" is empty",
            ),
            (
                "iso27001:A.7.4",
                "\u{1b}\u{0} \u{200b}\u{202e}",
                "justification of exclusion \"iso27001:A.7.4\" is empty",
            ),
        ] {
            let problems = exclusion_problems(key, justification);
            assert_eq!(problems.len(), 1, "{key}");
            assert_eq!(problems[0].path, format!("exclusions[\"{key}\"]"));
            assert!(
                problems[0].message.contains(expected),
                "{key}: {}",
                problems[0].message
            );
            assert!(
                excluded_control(Catalogs::embedded(), key).is_none()
                    || !is_justified(justification)
            );
        }
    }

    #[test]
    fn an_exclusions_block_of_the_wrong_shape_is_refused_where_it_is() {
        let problems = |text: &str| match AnswersDoc::parse("a.json", text) {
            Err(Problems::Invalid { problems, .. }) => problems,
            other => panic!("{text}: {other:?}"),
        };
        let found = problems(r#"{"answers": {}, "exclusions": ["iso27001:A.7.4"]}"#);
        assert_eq!(found[0].path, "exclusions");
        assert!(
            found[0].message.ends_with("found a list"),
            "{}",
            found[0].message
        );
        let found = problems(
            r#"{"answers": {}, "exclusions": {"iso27001:A.7.4": 5, "iso27001:A.7.5": "ok"}}"#,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "exclusions[\"iso27001:A.7.4\"]");
        assert!(
            found[0]
                .message
                .contains("justification as text, found a number")
        );
        let doc = AnswersDoc::parse("a.json", r#"{"answers": {}, "exclusions": null}"#).unwrap();
        assert!(doc.exclusions.is_empty());
    }
}
