//! A saved assessment: who, when, which questionnaire, and every answer, note, exclusion and flag.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::answers::{Answers, AnswersDoc, Notes};
use super::exclusions::Exclusions;
use super::problem::clip;
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

/// The depth of a version 0 file, which does not record one: full, because at full depth every
/// question is asked, so no answer the file holds is ignored.
pub const V0_DEPTH: Depth = Depth::Full;

/// Why this build cannot read a file's `schema_version`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VersionError {
    /// The version is not a whole number.
    #[error("expected a whole number, found {0}")]
    NotANumber(String),
    /// The file was written by a newer isoready.
    #[error(
        "written by a newer isoready (session schema version {found}; this build reads versions up to {SCHEMA_VERSION}): upgrade isoready to open it"
    )]
    Newer {
        /// The version found.
        found: u64,
    },
}

/// The version a file's `schema_version` declares (0 when it has none), if this build reads it.
pub fn schema_version(value: Option<&serde_json::Value>) -> Result<u64, VersionError> {
    let version = match value {
        None => 0,
        Some(value) => value
            .as_u64()
            .ok_or_else(|| VersionError::NotANumber(clip(&value.to_string()).into_owned()))?,
    };
    if version > u64::from(SCHEMA_VERSION) {
        return Err(VersionError::Newer { found: version });
    }
    Ok(version)
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
