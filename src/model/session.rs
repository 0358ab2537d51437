//! A saved assessment: who, when, which questionnaire, and every answer, note, exclusion and flag.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::answers::{Answers, AnswersDoc, Notes};
use super::exclusions::Exclusions;
use super::questionnaire::{Depth, Questionnaire};

/// The session file format this build writes. Older formats are migrated on load.
pub const SCHEMA_VERSION: u32 = 1;

/// A note being typed and not yet saved with its session, kept beside the session so that a
/// closed terminal or a killed process does not lose it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteDraft {
    /// The question the note belongs to.
    pub question: String,
    /// The text typed so far.
    pub text: String,
}

/// One assessment, stored as one JSON file (a superset of the answers file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// Format version of this file.
    pub schema_version: u32,
    /// A uuid v7, also the file name.
    pub id: String,
    /// The client or organisation assessed.
    #[serde(default)]
    pub client: String,
    /// Who ran the assessment.
    #[serde(default)]
    pub assessor: String,
    /// When the session was created.
    pub created: jiff::Timestamp,
    /// When anything last changed.
    pub updated: jiff::Timestamp,
    /// The questionnaire ID.
    pub questionnaire: String,
    /// The questionnaire's version when the session was created.
    #[serde(default)]
    pub questionnaire_version: String,
    /// Quick or full.
    #[serde(default)]
    pub depth: Depth,
    /// Answers by question ID.
    #[serde(default)]
    pub answers: Answers,
    /// Notes by question ID.
    #[serde(default)]
    pub notes: Notes,
    /// Annex A controls excluded from the Statement of Applicability, with their justifications.
    #[serde(default, skip_serializing_if = "Exclusions::is_empty")]
    pub exclusions: Exclusions,
    /// Questions flagged for follow-up.
    #[serde(default)]
    pub flagged: BTreeSet<String>,
    /// The question to resume at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
}

impl Session {
    /// A new, empty session for a questionnaire, created at `now`.
    pub fn new(
        id: String,
        questionnaire: &Questionnaire,
        depth: Depth,
        now: jiff::Timestamp,
    ) -> Session {
        Session {
            schema_version: SCHEMA_VERSION,
            id,
            client: String::new(),
            assessor: String::new(),
            created: now,
            updated: now,
            questionnaire: questionnaire.id.clone(),
            questionnaire_version: questionnaire.version.clone(),
            depth,
            answers: Answers::new(),
            notes: Notes::new(),
            exclusions: Exclusions::new(),
            flagged: BTreeSet::new(),
            position: None,
        }
    }

    /// The answers part, for assessment and export.
    pub fn answers_doc(&self) -> AnswersDoc {
        AnswersDoc {
            questionnaire: Some(self.questionnaire.clone()),
            answers: self.answers.clone(),
            notes: self.notes.clone(),
            exclusions: self.exclusions.clone(),
            carried: Vec::new(),
        }
    }
}
