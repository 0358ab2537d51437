//! Answers, notes and exclusions, and their validation against a questionnaire and the catalogs.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use super::answer_value::AnswerValue;
use super::catalog::Catalogs;
use super::exclusions::{Exclusions, validate_exclusions};
use super::problem::{Problem, clip};
use super::questionnaire::{Question, QuestionKind, Questionnaire};

/// Answers by question ID.
pub type Answers = BTreeMap<String, AnswerValue>;

/// Notes by question ID.
pub type Notes = BTreeMap<String, String>;

/// The readiness scale used by every maturity question.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Maturity {
    /// Nothing in place.
    NotStarted,
    /// Decided and planned, not yet in place.
    Planned,
    /// Partly in place.
    Partial,
    /// In place, with evidence.
    Implemented,
    /// Does not apply (needs a justification note for the Statement of Applicability).
    NotApplicable,
    /// Nobody present knows.
    Unknown,
}

impl Maturity {
    /// The scale in display order.
    pub const ALL: [Maturity; 6] = [
        Maturity::NotStarted,
        Maturity::Planned,
        Maturity::Partial,
        Maturity::Implemented,
        Maturity::NotApplicable,
        Maturity::Unknown,
    ];

    /// The stored value.
    pub fn key(self) -> &'static str {
        match self {
            Maturity::NotStarted => "not_started",
            Maturity::Planned => "planned",
            Maturity::Partial => "partial",
            Maturity::Implemented => "implemented",
            Maturity::NotApplicable => "not_applicable",
            Maturity::Unknown => "unknown",
        }
    }

    /// A display label.
    pub fn label(self) -> &'static str {
        match self {
            Maturity::NotStarted => "Not started",
            Maturity::Planned => "Planned",
            Maturity::Partial => "Partly in place",
            Maturity::Implemented => "Implemented",
            Maturity::NotApplicable => "Not applicable",
            Maturity::Unknown => "Don't know",
        }
    }

    /// The allowed values, comma-separated, for error messages.
    pub(crate) fn allowed_values() -> String {
        Maturity::ALL.map(Maturity::key).join(", ")
    }
}

impl fmt::Display for Maturity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Maturity {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Maturity::ALL
            .into_iter()
            .find(|level| level.key() == s)
            .ok_or(())
    }
}

/// An answers file, or the answers part of a session file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnswersDoc {
    /// The questionnaire ID the answers were given to, if stated.
    pub questionnaire: Option<String>,
    /// Answers by question ID (shape-checked, not yet checked against a questionnaire).
    pub answers: Answers,
    /// Notes by question ID.
    pub notes: Notes,
    /// Annex A controls excluded from the Statement of Applicability, each with its
    /// justification (shape-checked, not yet checked against the catalogs).
    pub exclusions: Exclusions,
    /// Warnings about answers carried from questions a later version replaced.
    pub carried: Vec<String>,
}

impl AnswersDoc {
    /// Checks every answer and note against the questionnaire, and every exclusion against the
    /// embedded catalogs; returns every problem.
    pub fn validate(&self, questionnaire: &Questionnaire) -> Vec<Problem> {
        let mut problems = Vec::new();
        if let Some(id) = &self.questionnaire
            && id != &questionnaire.id
        {
            problems.push(Problem::new(
                "questionnaire",
                format!(
                    "answers were given to questionnaire \"{}\", but the questionnaire in use is \"{}\"",
                    clip(id),
                    questionnaire.id
                ),
            ));
        }
        let mut unknown = UnknownIds::new(questionnaire);
        problems.extend(check_answers(&mut unknown, &self.answers));
        for id in self.notes.keys() {
            if questionnaire.question(id).is_none() {
                problems.push(Problem::new(
                    format!("notes[\"{}\"]", clip(id)),
                    unknown.message(id),
                ));
            }
        }
        problems.extend(validate_exclusions(Catalogs::embedded(), &self.exclusions));
        problems
    }
}

/// Checks each answer's question ID, type and values against the questionnaire.
pub fn validate_answers(questionnaire: &Questionnaire, answers: &Answers) -> Vec<Problem> {
    check_answers(&mut UnknownIds::new(questionnaire), answers)
}

fn check_answers(unknown: &mut UnknownIds, answers: &Answers) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (id, answer) in answers {
        let path = answer_path(id);
        let Some(question) = unknown.questionnaire.question(id) else {
            problems.push(Problem::new(path, unknown.message(id)));
            continue;
        };
        let found = answer.describe();
        let message = match (question.kind, answer) {
            (QuestionKind::Single, AnswerValue::Text(value)) => (question.choice(value).is_none())
                .then(|| {
                    format!(
                        "{found} is not an option of {id}; allowed: {}",
                        question.allowed_values()
                    )
                }),
            (QuestionKind::Single, _) => Some(format!(
                "{id} takes one option as a string, found {found}; allowed: {}",
                question.allowed_values()
            )),
            (QuestionKind::Multi, AnswerValue::List(values)) => check_multi(question, values),
            (QuestionKind::Multi, _) => Some(format!(
                "{id} takes a list of options, found {found}; allowed: {}",
                question.allowed_values()
            )),
            (QuestionKind::YesNo, AnswerValue::Bool(_)) => None,
            (QuestionKind::YesNo, _) => Some(format!(
                "{id} is a yes/no question: expected true or false, found {found}"
            )),
            (QuestionKind::Maturity, AnswerValue::Text(value))
                if value.parse::<Maturity>().is_ok() =>
            {
                None
            }
            (QuestionKind::Maturity, _) => Some(format!(
                "{found} is not a readiness level; allowed: {}",
                Maturity::allowed_values()
            )),
            (QuestionKind::Text, AnswerValue::Text(_)) => None,
            (QuestionKind::Text, _) => Some(format!("{id} takes text, found {found}")),
            (QuestionKind::Number, AnswerValue::Number(_)) => None,
            (QuestionKind::Number, _) => Some(format!("{id} takes a number, found {found}")),
        };
        if let Some(message) = message {
            problems.push(Problem::new(path, message));
        }
    }
    problems
}

fn check_multi(question: &Question, values: &[String]) -> Option<String> {
    let id = &question.id;
    if values.is_empty() {
        let none = question
            .options
            .iter()
            .find(|choice| choice.exclusive)
            .map(|choice| format!(" (\"{}\" says none applies)", choice.value))
            .unwrap_or_default();
        return Some(format!(
            "{id} needs at least one option{none}; leave the question out to keep it unanswered; allowed: {}",
            question.allowed_values()
        ));
    }
    if let Some(bad) = values.iter().find(|value| question.choice(value).is_none()) {
        return Some(format!(
            "\"{}\" is not an option of {id}; allowed: {}",
            clip(bad),
            question.allowed_values()
        ));
    }
    if let Some(exclusive) = values.iter().find(|value| {
        question
            .choice(value)
            .is_some_and(|choice| choice.exclusive)
    }) && values.len() > 1
    {
        return Some(format!(
            "\"{exclusive}\" cannot be combined with other options of {id}"
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    values
        .iter()
        .find(|value| !seen.insert(value.as_str()))
        .map(|duplicate| format!("\"{}\" is given twice", clip(duplicate)))
}

/// What a question's answer must be, and its allowed values where it has a fixed list.
pub(super) fn expectation(question: &Question) -> (&'static str, Option<String>) {
    match question.kind {
        QuestionKind::Single => ("one option as a string", Some(question.allowed_values())),
        QuestionKind::Multi => ("a list of options", Some(question.allowed_values())),
        QuestionKind::YesNo => ("true or false", None),
        QuestionKind::Maturity => ("a readiness level", Some(Maturity::allowed_values())),
        QuestionKind::Text => ("text", None),
        QuestionKind::Number => ("a number", None),
    }
}

pub(super) fn answer_path(id: &str) -> String {
    format!("answers[\"{}\"]", clip(id))
}

/// Messages for unknown question IDs of one file. The first [`UnknownIds::SUGGESTED`] suggest
/// the question at most three edits away; past those, comparing each with every question is
/// not worth the time a file of thousands of unknown IDs would take.
pub(super) struct UnknownIds<'q> {
    questionnaire: &'q Questionnaire,
    suggestions_left: usize,
}

impl<'q> UnknownIds<'q> {
    const SUGGESTED: usize = 20;
    const MAX_EDITS: usize = 3;

    pub(super) fn new(questionnaire: &'q Questionnaire) -> Self {
        UnknownIds {
            questionnaire,
            suggestions_left: Self::SUGGESTED,
        }
    }

    /// The message for an unknown question ID.
    pub(super) fn message(&mut self, id: &str) -> String {
        let questionnaire = self.questionnaire;
        let closest = if self.suggestions_left > 0 {
            self.suggestions_left -= 1;
            // The edit distance is at least the difference in length: only IDs of about the
            // same length are compared, so a long ID costs nothing.
            let length = id.chars().count();
            questionnaire
                .questions()
                .map(|(_, question)| question.id.as_str())
                .filter(|candidate| candidate.chars().count().abs_diff(length) <= Self::MAX_EDITS)
                .map(|candidate| (strsim::levenshtein(id, candidate), candidate))
                .min()
                .filter(|(distance, _)| *distance <= Self::MAX_EDITS)
        } else {
            None
        };
        let id = clip(id);
        match closest {
            Some((_, candidate)) => format!(
                "unknown question ID \"{id}\" in questionnaire {} (did you mean \"{candidate}\"?)",
                questionnaire.id
            ),
            None => format!(
                "unknown question ID \"{id}\" in questionnaire {}",
                questionnaire.id
            ),
        }
    }
}

pub(super) fn shape(value: &Value) -> Option<AnswerValue> {
    match value {
        Value::Bool(flag) => Some(AnswerValue::Bool(*flag)),
        Value::Number(number) => number.as_f64().map(AnswerValue::Number),
        Value::String(text) => Some(AnswerValue::Text(text.clone())),
        Value::Array(items) => items
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .map(AnswerValue::List),
        Value::Null | Value::Object(_) => None,
    }
}

pub(super) fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list with a non-string item",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_json_shape_reads_as_its_answer_kind() {
        let answers: Answers = serde_json::from_str(
            r#"{"a": true, "b": 3, "c": -2.5, "d": "partial", "e": ["x", "y"], "f": []}"#,
        )
        .unwrap();
        assert_eq!(answers["a"], AnswerValue::Bool(true));
        assert_eq!(answers["b"], AnswerValue::Number(3.0));
        assert_eq!(answers["c"], AnswerValue::Number(-2.5));
        assert_eq!(answers["d"], AnswerValue::Text("partial".to_owned()));
        assert_eq!(
            answers["e"],
            AnswerValue::List(vec!["x".to_owned(), "y".to_owned()])
        );
        assert_eq!(answers["f"], AnswerValue::List(Vec::new()));
        let text = serde_json::to_string(&answers).unwrap();
        assert_eq!(serde_json::from_str::<Answers>(&text).unwrap(), answers);
    }

    #[test]
    fn other_shapes_are_refused_saying_what_was_expected() {
        for text in [r#"{"a": null}"#, r#"{"a": {}}"#, r#"{"a": [1]}"#] {
            let error = serde_json::from_str::<Answers>(text).unwrap_err();
            assert!(error.to_string().contains("expected"), "{text}: {error}");
        }
    }
}
