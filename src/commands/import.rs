//! `isoready import FILE`: store an answers file or a session file as a new session.

use std::io::Write;
use std::path::Path;

use crate::assess;
use crate::model::{AnswersFile, Questionnaire, Session};
use crate::storage::Store;

/// Validates the file against the questionnaire and saves it under a new ID. Whatever the file
/// says its ID is, the session gets a fresh one, so its content cannot choose where it is
/// written. Answers, notes and exclusions are kept; from a session file also the client,
/// assessor, depth, flags, resume position and creation time. Answers, notes and flags of
/// questions the questionnaire replaced are carried to the questions replacing them, with a
/// warning on `err` for each.
pub fn run(
    file: &Path,
    questionnaire: &Questionnaire,
    store: &Store,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<()> {
    let name = file.display().to_string();
    let loaded = super::load_answers_file(file, questionnaire)?;
    let (session, carried) = new_session(
        loaded,
        questionnaire,
        Store::new_id(),
        jiff::Timestamp::now(),
    );
    for warning in carried {
        writeln!(err, "warning: {name}: {warning}")?;
    }
    // Read before saving, so the new session does not name itself.
    let namesakes = same_client(store, &session.client);
    store.save(&session)?;
    writeln!(out, "Imported {name} as session {}.", session.id)?;
    if !namesakes.is_empty() {
        writeln!(
            out,
            "Note: {} already has {} (last changed {}); both are kept. Delete one with `isoready sessions delete ID` if it is a copy.",
            crate::text::single_line(&session.client),
            namesakes
                .iter()
                .map(|(id, _)| format!("session {}", &id[..8.min(id.len())]))
                .collect::<Vec<_>>()
                .join(", "),
            namesakes
                .iter()
                .map(|(_, updated)| crate::text::local_time(*updated))
                .collect::<Vec<_>>()
                .join(", "),
        )?;
    }
    Ok(())
}

/// The stored sessions of `client` (ignoring case and spacing), with their last change; none
/// for an unnamed client. A listing that fails only loses this note.
fn same_client(store: &Store, client: &str) -> Vec<(String, jiff::Timestamp)> {
    let key = |name: &str| {
        name.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let wanted = key(client);
    if wanted.is_empty() {
        return Vec::new();
    }
    store
        .list()
        .map(|listing| listing.sessions)
        .unwrap_or_default()
        .into_iter()
        .filter(|summary| key(&summary.client) == wanted)
        .map(|summary| (summary.id, summary.updated))
        .collect()
}

/// The session a loaded file becomes, with ID `id`, updated `now` and created then unless the
/// file says when; and the warnings about carried answers.
fn new_session(
    loaded: AnswersFile,
    questionnaire: &Questionnaire,
    id: String,
    now: jiff::Timestamp,
) -> (Session, Vec<String>) {
    let AnswersFile {
        doc,
        session: fields,
    } = loaded;
    let depth = match &fields {
        Some(fields) => fields.depth,
        None => assess::implied_depth(questionnaire, &doc.answers),
    };
    let mut session = Session::new(id, questionnaire, depth, now);
    if let Some(fields) = fields {
        session.client = fields.client;
        session.assessor = fields.assessor;
        session.created = fields.created.unwrap_or(now);
        if !fields.questionnaire_version.is_empty() {
            session.questionnaire_version = fields.questionnaire_version;
        }
        session.flagged = fields.flagged;
        session.position = fields.position;
        session.previous = fields.previous;
    }
    session.answers = doc.answers;
    session.notes = doc.notes;
    session.exclusions = doc.exclusions;
    (session, doc.carried)
}
