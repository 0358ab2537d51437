//! What moved between two assessments of the same client, computed from their answers alone:
//! shared by `compare`, the "Progress since" section of a follow-up's exports and the TUI.

use std::collections::BTreeMap;

use super::{ExportInput, ExportSession};
use crate::assess::compare::{CompareInput, Comparison, compare};
use crate::model::migrate_answers::carried_sources;
use crate::model::{Catalogs, Questionnaire, Session};

/// One assessment to compare, carried forward to the questionnaire in use.
#[derive(Debug, Clone)]
pub struct Assessed {
    /// The session or file, answers carried forward.
    pub session: ExportSession,
    /// For each carried answer, the replaced question it was saved under.
    pub carried_from: BTreeMap<String, String>,
    /// The questionnaire version it records, if it records one.
    pub questionnaire_version: Option<String>,
}

impl Assessed {
    /// A session, its answers carried forward to `questionnaire`.
    pub fn of_session(session: &Session, questionnaire: &Questionnaire) -> Assessed {
        let carried_from = carried_sources(questionnaire, &session.answers);
        let mut export = ExportSession::from_session(session);
        export.carry_replaced(questionnaire);
        Assessed {
            session: export,
            carried_from,
            questionnaire_version: recorded(&session.questionnaire_version),
        }
    }
}

/// A recorded questionnaire version; none when the file records none.
pub(crate) fn recorded(version: &str) -> Option<String> {
    (!version.is_empty()).then(|| version.to_owned())
}

/// Compares two assessments, each evaluated at its own depth as its export would be.
pub fn comparison(old: &Assessed, new: &Assessed, questionnaire: &Questionnaire) -> Comparison {
    let catalogs = Catalogs::embedded();
    let old_input = ExportInput::new(&old.session, questionnaire, catalogs);
    let new_input = ExportInput::new(&new.session, questionnaire, catalogs);
    let (old_date, new_date) = (assessed_on(&old.session), assessed_on(&new.session));
    compare(
        &side(old, &old_input, old_date.as_deref()),
        &side(new, &new_input, new_date.as_deref()),
        questionnaire,
    )
}

/// The date an assessment was made: when its session was created (a call may be finished
/// days later, or the file imported months later); its last change when that is all it says.
pub(crate) fn assessed_on(session: &ExportSession) -> Option<String> {
    session.created.or(session.updated).map(super::iso_date)
}

fn side<'a>(
    assessed: &'a Assessed,
    input: &'a ExportInput,
    date: Option<&'a str>,
) -> CompareInput<'a> {
    let session = &assessed.session;
    CompareInput {
        id: session.id.as_deref(),
        date,
        questionnaire_version: assessed.questionnaire_version.as_deref(),
        answers: &session.answers,
        notes: &session.notes,
        asked: &input.evaluation.asked,
        carried_from: &assessed.carried_from,
        report: &input.report,
    }
}
