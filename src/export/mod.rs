//! Pure renderers of reports and sessions: no clock, no file system.
//!
//! Every export is built from one [`ExportInput`]: the session (or answers file) being exported,
//! the evaluation of its answers and the report.

pub mod compare_md;
pub mod csv;
pub mod follow_up;
mod format;
pub mod html;
pub mod json;
pub mod markdown;
pub mod oscal;
mod progress;
pub mod soa;
pub mod summary;
pub mod xlsx;

use std::collections::BTreeSet;

pub use format::{Format, Naming, RenderError, default_file_name, render};

use serde::Serialize;

use crate::assess::compare::Comparison;
use crate::assess::{self, Evaluation, Report};
use crate::model::{
    AnswerValue, Answers, AnswersDoc, AnswersFile, Catalogs, Depth, Exclusions, Notes,
    QuestionKind, Questionnaire, Session,
};

/// The session part of an export: a stored session, a session file, or a plain answers file
/// (which has no ID, names or dates), with its exclusions.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ExportSession {
    /// The session ID; none for a plain answers file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The client or organisation assessed ("" when unknown).
    pub client: String,
    /// Who ran the assessment ("" when unknown).
    pub assessor: String,
    /// When the session was created; none for a plain answers file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<jiff::Timestamp>,
    /// When anything last changed; none for a plain answers file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<jiff::Timestamp>,
    /// The questionnaire ID.
    pub questionnaire: String,
    /// The questionnaire's version.
    pub questionnaire_version: String,
    /// Quick or full.
    pub depth: Depth,
    /// Answers by question ID.
    pub answers: Answers,
    /// Notes by question ID.
    pub notes: Notes,
    /// Annex A controls excluded from the Statement of Applicability, with their justifications.
    #[serde(skip_serializing_if = "Exclusions::is_empty")]
    pub exclusions: Exclusions,
    /// Questions flagged for follow-up.
    pub flagged: BTreeSet<String>,
    /// The question to resume at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// The session this one follows up, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// Warnings about answers carried from questions a later version replaced (not exported).
    #[serde(skip)]
    pub carried: Vec<String>,
    /// For a follow-up session, what moved since the session it follows up, when that one
    /// could be read: the "Progress since" section of the Markdown, HTML and workbook exports.
    #[serde(skip)]
    pub progress: Option<Comparison>,
}

impl ExportSession {
    /// A stored session or session file, with every field.
    pub fn from_session(session: &Session) -> ExportSession {
        ExportSession {
            id: Some(session.id.clone()),
            client: session.client.clone(),
            assessor: session.assessor.clone(),
            created: Some(session.created),
            updated: Some(session.updated),
            questionnaire: session.questionnaire.clone(),
            questionnaire_version: session.questionnaire_version.clone(),
            depth: session.depth,
            answers: session.answers.clone(),
            notes: session.notes.clone(),
            exclusions: session.exclusions.clone(),
            flagged: session.flagged.clone(),
            position: session.position.clone(),
            previous: session.previous.clone(),
            carried: Vec::new(),
            progress: None,
        }
    }

    /// A plain answers file: no ID, names, dates or flags.
    pub fn from_answers(doc: &AnswersDoc, questionnaire: &Questionnaire) -> ExportSession {
        ExportSession {
            id: None,
            client: String::new(),
            assessor: String::new(),
            created: None,
            updated: None,
            questionnaire: doc
                .questionnaire
                .clone()
                .unwrap_or_else(|| questionnaire.id.clone()),
            questionnaire_version: questionnaire.version.clone(),
            depth: assess::implied_depth(questionnaire, &doc.answers),
            answers: doc.answers.clone(),
            notes: doc.notes.clone(),
            exclusions: doc.exclusions.clone(),
            flagged: BTreeSet::new(),
            position: None,
            previous: None,
            carried: doc.carried.clone(),
            progress: None,
        }
    }

    /// An answers or session file as [`AnswersFile::load`] read it: a session file keeps what
    /// it says, a plain answers file is read as [`ExportSession::from_answers`].
    pub fn from_file(file: &AnswersFile, questionnaire: &Questionnaire) -> ExportSession {
        let (doc, Some(fields)) = (&file.doc, &file.session) else {
            return ExportSession::from_answers(&file.doc, questionnaire);
        };
        ExportSession {
            id: fields.id.clone(),
            client: fields.client.clone(),
            assessor: fields.assessor.clone(),
            created: fields.created,
            updated: fields.updated,
            questionnaire: doc
                .questionnaire
                .clone()
                .unwrap_or_else(|| questionnaire.id.clone()),
            questionnaire_version: fields.questionnaire_version.clone(),
            depth: fields.depth,
            answers: doc.answers.clone(),
            notes: doc.notes.clone(),
            exclusions: doc.exclusions.clone(),
            flagged: fields.flagged.clone(),
            position: fields.position.clone(),
            previous: fields.previous.clone(),
            carried: doc.carried.clone(),
            progress: None,
        }
    }

    /// The answers part, for validation and assessment.
    pub fn answers_doc(&self) -> AnswersDoc {
        AnswersDoc {
            questionnaire: Some(self.questionnaire.clone()),
            answers: self.answers.clone(),
            notes: self.notes.clone(),
            exclusions: self.exclusions.clone(),
            carried: self.carried.clone(),
        }
    }

    /// Carries answers, notes, flags and the resume position of questions the questionnaire
    /// replaced to the questions replacing them; the warnings go to [`ExportSession::carried`].
    pub fn carry_replaced(&mut self, questionnaire: &Questionnaire) {
        let warnings = crate::model::migrate_answers::carry(
            questionnaire,
            crate::model::migrate_answers::Saved {
                answers: &mut self.answers,
                notes: &mut self.notes,
                flagged: Some(&mut self.flagged),
                position: Some(&mut self.position),
            },
        );
        self.carried.extend(warnings);
    }

    /// The assessment date shown in exports (the last change, UTC), if known.
    pub fn date(&self) -> Option<String> {
        self.updated.or(self.created).map(iso_date)
    }

    /// A note, if one was written and is not blank.
    pub fn note(&self, id: &str) -> Option<&str> {
        self.notes
            .get(id)
            .map(String::as_str)
            .filter(|note| !note.trim().is_empty())
    }
}

/// A timestamp's calendar date in UTC, "2026-01-15".
pub(crate) fn iso_date(timestamp: jiff::Timestamp) -> String {
    timestamp.strftime("%Y-%m-%d").to_string()
}

/// Everything a renderer needs: the session, the evaluation of its answers and the report.
pub struct ExportInput<'a> {
    /// The session being exported.
    pub session: &'a ExportSession,
    /// The evaluation of its answers (item statuses for the SoA and OSCAL).
    pub evaluation: Evaluation<'a>,
    /// The report, as `assess --format json` gives it.
    pub report: Report,
}

impl<'a> ExportInput<'a> {
    /// Evaluates the session's answers exactly as `assess` does.
    pub fn new(
        session: &'a ExportSession,
        questionnaire: &'a Questionnaire,
        catalogs: &'a Catalogs,
    ) -> ExportInput<'a> {
        // A session's own depth (an answers file's was implied when it was read), so an
        // export reports the same open questions as `sessions show`.
        let evaluation = Evaluation::with_justifications(
            questionnaire,
            catalogs,
            &session.answers,
            &session.notes,
            &session.exclusions,
            session.depth,
        );
        let report = assess::build_report(&evaluation);
        ExportInput {
            session,
            evaluation,
            report,
        }
    }

    /// The questionnaire the answers were given to.
    pub fn questionnaire(&self) -> &'a Questionnaire {
        self.evaluation.questionnaire
    }

    /// Both catalogs.
    pub fn catalogs(&self) -> &'a Catalogs {
        self.evaluation.catalogs
    }

    /// Warnings about the answers (ignored answers, not-applicable answers that exclude nothing).
    pub fn warnings(&self) -> Vec<String> {
        self.evaluation.warnings(&self.session.answers_doc())
    }

    /// The prompt of a question, or its ID when the questionnaire does not know it.
    pub fn prompt<'q>(&self, id: &'q str) -> &'q str
    where
        'a: 'q,
    {
        self.questionnaire()
            .question(id)
            .map_or(id, |question| question.prompt.as_str())
    }

    /// An answer in words: option labels, yes/no, the readiness level or the text.
    pub(crate) fn answer_text(&self, id: &str) -> Option<String> {
        let answer = self.session.answers.get(id)?;
        Some(answer_words(self.questionnaire(), id, answer))
    }

    /// The answered questions in questionnaire order, with their section titles.
    pub fn answered(&self) -> impl Iterator<Item = (&'a str, &'a str)> + '_ {
        self.questionnaire()
            .questions()
            .filter(|(_, question)| self.session.answers.contains_key(&question.id))
            .map(|(section, question)| (section.title.as_str(), question.id.as_str()))
    }

    /// A title for the document: "Readiness assessment — Client" or without a client.
    pub fn title(&self) -> String {
        if self.session.client.trim().is_empty() {
            "Readiness assessment: ISO/IEC 27001 and ISO/IEC 42001".to_owned()
        } else {
            format!("Readiness assessment — {}", self.session.client.trim())
        }
    }
}

/// An answer to question `id` in words: option labels, yes/no, the readiness level or the text.
pub(crate) fn answer_words(
    questionnaire: &Questionnaire,
    id: &str,
    answer: &AnswerValue,
) -> String {
    let question = questionnaire.question(id);
    let label = |value: &str| {
        question
            .and_then(|question| question.choice(value))
            .map_or_else(|| value.to_owned(), |choice| choice.label.clone())
    };
    match answer {
        AnswerValue::Bool(true) => "Yes".to_owned(),
        AnswerValue::Bool(false) => "No".to_owned(),
        AnswerValue::Number(number) => number.to_string(),
        AnswerValue::List(values) => values
            .iter()
            .map(|value| label(value))
            .collect::<Vec<_>>()
            .join("; "),
        AnswerValue::Text(text) => match question.map(|question| question.kind) {
            Some(QuestionKind::Maturity) => answer
                .as_maturity()
                .map_or_else(|| text.clone(), |level| level.label().to_owned()),
            Some(QuestionKind::Single) => label(text),
            _ => text.clone(),
        },
    }
}
