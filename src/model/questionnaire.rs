//! The questionnaire file format: sections of questions with conditions and control mappings.

use std::collections::HashMap;
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::condition::Condition;
use super::problem::{Problems, parse_json};
use super::standard::{ControlRef, Standard};

/// A versioned questionnaire.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// The JSON Schema the file follows, so that editors complete and check it; not used otherwise.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Stable ID recorded in answers and session files, e.g. "isoready-default".
    pub id: String,
    /// Version of this questionnaire's content.
    pub version: String,
    /// Display title.
    pub title: String,
    /// Sections in the order they are asked.
    pub sections: Vec<Section>,
    /// Question ID → (section, position), built on the first look-up.
    #[serde(skip)]
    index: OnceLock<HashMap<String, (usize, usize)>>,
    /// Replaced ID of an earlier version → the (section, position) of each question replacing
    /// it, in order; built on the first look-up.
    #[serde(skip)]
    replaced: OnceLock<HashMap<String, Vec<(usize, usize)>>>,
}

/// A group of questions shown together.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Stable, unique section ID.
    pub id: String,
    /// Display title.
    pub title: String,
    /// One or two sentences shown at the top of the section.
    #[serde(default)]
    pub intro: String,
    /// The whole section is skipped when this is false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// Questions in the order they are asked.
    pub questions: Vec<Question>,
}

/// The kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// One option.
    Single,
    /// Several options; an exclusive option stands alone.
    Multi,
    /// `true` or `false`.
    YesNo,
    /// The readiness scale (not_started … implemented, not_applicable, unknown).
    Maturity,
    /// Free text.
    Text,
    /// A number.
    Number,
}

impl QuestionKind {
    /// The kind as written in questionnaire files.
    pub fn name(self) -> &'static str {
        match self {
            QuestionKind::Single => "single",
            QuestionKind::Multi => "multi",
            QuestionKind::YesNo => "yes_no",
            QuestionKind::Maturity => "maturity",
            QuestionKind::Text => "text",
            QuestionKind::Number => "number",
        }
    }

    /// Whether the kind takes a list of options.
    pub(crate) fn has_options(self) -> bool {
        matches!(self, QuestionKind::Single | QuestionKind::Multi)
    }
}

/// Which assessments ask a question.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Depth {
    /// Grouped questions for a 45-minute call (asked at both depths).
    #[default]
    Quick,
    /// One question per clause and control (asked at full depth only).
    Full,
}

impl Depth {
    /// "quick" or "full", as stored and shown.
    pub fn key(self) -> &'static str {
        match self {
            Depth::Quick => "quick",
            Depth::Full => "full",
        }
    }

    /// Whether a question of depth `self` is asked in an assessment of depth `assessment`.
    pub fn asked_at(self, assessment: Depth) -> bool {
        self <= assessment
    }
}

/// An option of a single or multi question.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Stored value.
    pub value: String,
    /// Display label.
    pub label: String,
    /// In a multi question, this option cannot be combined with others (e.g. "none").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exclusive: bool,
}

/// One question.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable dotted ID, e.g. "ai.use".
    pub id: String,
    /// Kind of answer.
    pub kind: QuestionKind,
    /// The question as read to the client.
    pub prompt: String,
    /// Why it matters, in plain words.
    #[serde(default)]
    pub help: String,
    /// What "implemented" looks like: the evidence an auditor asks for.
    #[serde(default)]
    pub guidance: String,
    /// Options of a single or multi question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// Asked only when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// The clauses and controls this question assesses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub maps: Vec<ControlRef>,
    /// Quick or full.
    #[serde(default)]
    pub depth: Depth,
    /// The standards this question serves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standards: Vec<Standard>,
    /// The question immediately before this one (same section and depth) that this one is
    /// asked together with: when both are asked, the screen shows the lead's prompt and answer
    /// above this one, and the pair counts as one screen. The lead may not itself be paired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pairs_with: Option<String>,
    /// IDs of questions of earlier versions that this one replaces: an answer, note or flag
    /// saved for such an ID is carried to every question that replaces it, unless that
    /// question has its own. An ID may not be a current question, and the questions replacing
    /// one ID may not map the same item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
}

impl Question {
    /// The option with this value.
    pub(crate) fn choice(&self, value: &str) -> Option<&Choice> {
        self.options.iter().find(|choice| choice.value == value)
    }

    /// Whether this question shares its lead's screen: it pairs with a question that is asked.
    pub(crate) fn joins_lead(&self, is_asked: impl Fn(&str) -> bool) -> bool {
        self.pairs_with.as_deref().is_some_and(is_asked)
    }

    /// The option values, comma-separated, for error messages.
    pub(crate) fn allowed_values(&self) -> String {
        self.options
            .iter()
            .map(|choice| choice.value.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

static DEFAULT_TEXT: &str = include_str!("../../questionnaires/default.json");

impl Questionnaire {
    /// The embedded default questionnaire as shipped (validated by the test suite).
    pub fn embedded_text() -> &'static str {
        DEFAULT_TEXT
    }

    /// Parses and validates a questionnaire, reporting every problem found.
    pub fn parse(file: &str, text: &str) -> Result<Questionnaire, Problems> {
        let questionnaire: Questionnaire = parse_json(file, text)?;
        Problems::check(file, super::validate::questionnaire(&questionnaire))?;
        Ok(questionnaire)
    }

    /// Every question with its section, in order.
    pub fn questions(&self) -> impl Iterator<Item = (&Section, &Question)> {
        self.sections
            .iter()
            .flat_map(|section| section.questions.iter().map(move |q| (section, q)))
    }

    /// The question with this ID (the first, should a file repeat it).
    ///
    /// Looked up through an index built on the first call: change `sections` only before the
    /// first look-up.
    pub fn question(&self, id: &str) -> Option<&Question> {
        let index = self.index.get_or_init(|| {
            let mut index = HashMap::new();
            for (s, section) in self.sections.iter().enumerate() {
                for (q, question) in section.questions.iter().enumerate() {
                    index.entry(question.id.clone()).or_insert((s, q));
                }
            }
            index
        });
        index
            .get(id)
            .and_then(|&(s, q)| self.sections.get(s)?.questions.get(q))
            .filter(|question| question.id == id)
    }

    /// The questions that replace an ID of an earlier version, in questionnaire order; empty
    /// when the ID is a current question or nothing replaces it.
    ///
    /// Looked up through an index built on the first call, as [`Questionnaire::question`].
    pub fn replacing(&self, old: &str) -> Vec<&Question> {
        if self.question(old).is_some() {
            return Vec::new();
        }
        let replaced = self.replaced.get_or_init(|| {
            let mut replaced: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
            for (s, section) in self.sections.iter().enumerate() {
                for (q, question) in section.questions.iter().enumerate() {
                    for id in &question.replaces {
                        let at = replaced.entry(id.clone()).or_default();
                        if !at.contains(&(s, q)) {
                            at.push((s, q));
                        }
                    }
                }
            }
            replaced
        });
        replaced
            .get(old)
            .into_iter()
            .flatten()
            .filter_map(|&(s, q)| self.sections.get(s)?.questions.get(q))
            .collect()
    }
}
