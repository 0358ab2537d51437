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
    /// The session this one follows up, if it was started from an earlier one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
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
            previous: None,
        }
    }

    /// A follow-up of this session: a new session `id` created at `now`, for the same client
    /// and assessor at the same depth, holding a copy of its answers, notes, exclusions and
    /// flags, with `previous` naming this session. Answers saved under questions that
    /// `questionnaire` replaced are carried to the questions replacing them, so the follow-up
    /// holds current IDs only; it starts at the first question.
    pub fn follow_up(
        &self,
        id: String,
        questionnaire: &Questionnaire,
        now: jiff::Timestamp,
    ) -> Session {
        let mut session = Session::new(id, questionnaire, self.depth, now);
        session.client.clone_from(&self.client);
        session.assessor.clone_from(&self.assessor);
        session.answers.clone_from(&self.answers);
        session.notes.clone_from(&self.notes);
        session.exclusions.clone_from(&self.exclusions);
        session.flagged.clone_from(&self.flagged);
        session.previous = Some(self.id.clone());
        session.carry_replaced(questionnaire);
        session
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AnswerValue;

    fn questionnaire() -> Questionnaire {
        Questionnaire::parse("default", Questionnaire::embedded_text()).expect("default")
    }

    #[test]
    fn a_follow_up_copies_the_answers_and_names_the_session_it_follows() {
        let questionnaire = questionnaire();
        let created: jiff::Timestamp = "2026-03-01T09:00:00Z".parse().expect("time");
        let mut first = Session::new("first".into(), &questionnaire, Depth::Full, created);
        first.client = "Northwind".into();
        first.assessor = "A. Consultant".into();
        first.questionnaire_version = "1".into();
        // Saved under a question that version 2 replaced.
        first.answers.insert(
            "ms.planning.risk".into(),
            AnswerValue::Text("partial".into()),
        );
        first.notes.insert("ai.use".into(), "a triage pilot".into());
        first.flagged.insert("ai.use".into());
        first.position = Some("ai.use".into());
        let now: jiff::Timestamp = "2026-06-01T09:00:00Z".parse().expect("time");
        let next = first.follow_up("second".into(), &questionnaire, now);
        assert_eq!(next.id, "second");
        assert_eq!(next.previous.as_deref(), Some("first"));
        assert_eq!((next.created, next.updated), (now, now));
        assert_eq!(
            (next.client.as_str(), next.assessor.as_str()),
            ("Northwind", "A. Consultant")
        );
        assert_eq!(next.depth, Depth::Full);
        assert_eq!(next.questionnaire_version, questionnaire.version);
        assert_eq!(
            next.answers["ms.planning.risk_isms"],
            AnswerValue::Text("partial".into())
        );
        assert!(!next.answers.contains_key("ms.planning.risk"));
        assert_eq!(next.notes, first.notes);
        assert_eq!(next.flagged, first.flagged);
        assert_eq!(next.position, None, "a follow-up starts at the beginning");
        assert_eq!(first.previous, None);
    }

    #[test]
    fn previous_is_written_only_when_set_and_old_files_still_load() {
        let questionnaire = questionnaire();
        let mut session = Session::new(
            "id".into(),
            &questionnaire,
            Depth::Quick,
            jiff::Timestamp::UNIX_EPOCH,
        );
        let text = serde_json::to_string(&session).expect("serialises");
        assert!(!text.contains("previous"));
        let read: Session = serde_json::from_str(&text).expect("a file without previous loads");
        assert_eq!(read.previous, None);
        session.previous = Some("earlier".into());
        let text = serde_json::to_string(&session).expect("serialises");
        let read: Session = serde_json::from_str(&text).expect("loads");
        assert_eq!(read.previous.as_deref(), Some("earlier"));
    }
}
