//! How far an assessment has got, told so that it never falls as questions are answered.
//!
//! The scoping answers (certifications, data, AI use and its follow-ups) decide how many
//! questions are asked (no AI hides the AI controls; AI in products adds them), so a single
//! "answered of asked" share would jump back each time a scoping answer opens more questions.
//! Progress therefore comes in two stages: scoping first, counted over the scoping questions
//! (one that the answers given have hidden counts as done), then every other question, whose
//! number the scoping answers have fixed.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use crate::model::{Answers, Depth, Question, Questionnaire, SCOPING_IDS, Session};

use super::{Recommendation, recommend, visibility};

/// The stage an assessment is at, with its counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "stage")]
pub enum Stage {
    /// Some scoping question is still open.
    Scoping {
        /// Scoping questions answered, or hidden by an answer.
        done: usize,
        /// Every scoping question.
        total: usize,
    },
    /// Scoping is done: the other questions.
    Readiness {
        /// Questions answered, scoping aside.
        answered: usize,
        /// Questions asked, scoping aside.
        asked: usize,
    },
}

impl Stage {
    /// Where an assessment stands, from the IDs of the questions `asked` now and the answers.
    pub fn of<'q>(
        questionnaire: &Questionnaire,
        asked: impl IntoIterator<Item = &'q str>,
        answers: &Answers,
    ) -> Stage {
        let scoping: Vec<&Question> = questionnaire
            .questions()
            .map(|(_, question)| question)
            .filter(|question| SCOPING_IDS.contains(&question.id.as_str()))
            .collect();
        let asked: HashSet<&str> = asked.into_iter().collect();
        let is_scoping = |id: &str| scoping.iter().any(|question| question.id == id);
        // Done: answered, or hidden by answers already given (not merely waiting for the
        // answer its condition reads, which may still open it).
        let done = scoping
            .iter()
            .filter(|question| {
                if asked.contains(question.id.as_str()) {
                    answers.contains_key(&question.id)
                } else {
                    question.when.as_ref().is_none_or(|condition| {
                        condition
                            .questions()
                            .iter()
                            .all(|id| answers.contains_key(*id))
                    })
                }
            })
            .count();
        let (mut answered, mut readiness) = (0, 0);
        for id in asked.iter().filter(|id| !is_scoping(id)) {
            readiness += 1;
            answered += usize::from(answers.contains_key(*id));
        }
        if done < scoping.len() {
            Stage::Scoping {
                done,
                total: scoping.len(),
            }
        } else {
            Stage::Readiness {
                answered,
                asked: readiness,
            }
        }
    }

    /// The stage's share done, in whole percent rounded down (100 only when all is done).
    pub fn percent(&self) -> u8 {
        let (done, total) = match *self {
            Stage::Scoping { done, total } => (done, total),
            Stage::Readiness { answered, asked } => (answered, asked),
        };
        if total == 0 {
            return 100;
        }
        u8::try_from(done * 100 / total).unwrap_or(100)
    }

    /// "scoping 4 of 6" or "25%": short, for lists.
    pub fn short(&self) -> String {
        match *self {
            Stage::Scoping { done, total } => format!("scoping {done} of {total}"),
            Stage::Readiness { .. } => format!("{}%", self.percent()),
        }
    }

    /// One sentence for a progress bar.
    pub fn describe(&self) -> String {
        match *self {
            Stage::Scoping { done, total } => {
                format!("Scope: {done} of {total} deciding questions answered · the rest follow")
            }
            Stage::Readiness { answered, asked } => format!(
                "{}% answered · {} of {asked} open",
                self.percent(),
                asked - answered
            ),
        }
    }
}

/// How far an assessment has got, as a listing of many sessions shows it: the part of an
/// [`super::Evaluation`] that needs no item statuses, so it is cheap to compute for each
/// session (and kept in the listing cache).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Questions asked at this depth, given the answers.
    pub asked: usize,
    /// Asked questions that have an answer.
    pub answered: usize,
    /// The stage: scoping, or readiness with its own counts.
    pub stage: Stage,
    /// The recommendation so far.
    pub recommendation: Recommendation,
}

impl Progress {
    /// Decides scope and visibility only. Answers saved for questions the questionnaire
    /// replaced count for the questions replacing them, as they will once the session is opened.
    pub fn new(questionnaire: &Questionnaire, answers: &Answers, depth: Depth) -> Progress {
        let answers = crate::model::migrate_answers::carried_answers(questionnaire, answers);
        let answers = answers.as_ref();
        let (scope, asked) = visibility(questionnaire, answers, depth);
        Progress {
            asked: asked.len(),
            answered: asked.iter().filter(|id| answers.contains_key(**id)).count(),
            stage: Stage::of(questionnaire, asked.iter().copied(), answers),
            recommendation: recommend(&scope),
        }
    }

    /// The progress of `session` under `questionnaire`; `None` when it was answered under
    /// another questionnaire, whose questions these figures would not count.
    pub fn of_session(questionnaire: &Questionnaire, session: &Session) -> Option<Progress> {
        (session.questionnaire == questionnaire.id)
            .then(|| Progress::new(questionnaire, &session.answers, session.depth))
    }

    /// Names everything [`Progress::of_session`] depends on besides the session: this
    /// program's version and the questionnaire's content (a questionnaire file edited without
    /// a new version still counts differently).
    pub fn key(questionnaire: &Questionnaire) -> String {
        let mut hasher = std::hash::DefaultHasher::new();
        serde_json::to_string(questionnaire)
            .unwrap_or_default()
            .hash(&mut hasher);
        format!(
            "progress/{}/{}/{}/{:016x}",
            env!("CARGO_PKG_VERSION"),
            questionnaire.id,
            questionnaire.version,
            hasher.finish()
        )
    }

    /// Answered among all questions asked, in percent with one decimal; `None` when nothing is
    /// asked.
    pub fn percent(&self) -> Option<f64> {
        (self.asked > 0).then(|| super::round1(100.0 * self.answered as f64 / self.asked as f64))
    }
}
