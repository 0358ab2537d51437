//! `isoready import FILE`: store an answers file or a session file as a new session.

use std::io::Write;
use std::path::Path;

use serde_json::Value;

use super::BadInput;
use crate::assess;
use crate::model::problem::parse_json;
use crate::model::session::SCHEMA_VERSION;
use crate::model::{AnswersDoc, Problem, Problems, Questionnaire, Session};
use crate::storage::Store;
use crate::storage::migrate::{self, Fallback, SchemaError};

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
    let text = super::read_input(file)?;
    let value: Value = parse_json(&name, &text)?;
    let now = jiff::Timestamp::now();
    let id = Store::new_id();
    let (session, carried) = match value.get("schema_version") {
        Some(_) => from_session_file(&name, &text, value, questionnaire, &id, now)?,
        None => from_answers_file(&name, &text, questionnaire, id, now)?,
    };
    for warning in carried {
        writeln!(err, "warning: {name}: {warning}")?;
    }
    store.save(&session)?;
    writeln!(out, "Imported {name} as session {}.", session.id)?;
    Ok(())
}

fn from_answers_file(
    name: &str,
    text: &str,
    questionnaire: &Questionnaire,
    id: String,
    now: jiff::Timestamp,
) -> anyhow::Result<(Session, Vec<String>)> {
    let mut doc = AnswersDoc::parse(name, text)?;
    let carried = doc.carry_replaced(questionnaire);
    Problems::check(name, doc.validate(questionnaire))?;
    let depth = assess::implied_depth(questionnaire, &doc.answers);
    let mut session = Session::new(id, questionnaire, depth, now);
    session.answers = doc.answers;
    session.notes = doc.notes;
    session.exclusions = doc.exclusions;
    Ok((session, carried))
}

fn from_session_file(
    name: &str,
    text: &str,
    mut value: Value,
    questionnaire: &Questionnaire,
    id: &str,
    now: jiff::Timestamp,
) -> anyhow::Result<(Session, Vec<String>)> {
    // A newer file is refused before its content is judged by this build's rules.
    if let Some(found) = value
        .get("schema_version")
        .and_then(Value::as_u64)
        .filter(|found| *found > u64::from(SCHEMA_VERSION))
    {
        return Err(BadInput(format!("{name}: {}", SchemaError::Newer { found })).into());
    }
    let doc = AnswersDoc::parse(name, text)?;
    if let Value::Object(map) = &mut value {
        map.insert("id".to_owned(), Value::String(id.to_owned()));
    }
    let fallback = Fallback {
        id: id.to_owned(),
        time: now,
    };
    let mut session =
        migrate::upgrade(value, &fallback).map_err(|error| BadInput(format!("{name}: {error}")))?;
    session.answers = doc.answers;
    session.notes = doc.notes;
    session.exclusions = doc.exclusions;
    let carried = session.carry_replaced(questionnaire);
    let mut problems = AnswersDoc {
        // The questionnaire the file names, if it names one.
        questionnaire: doc.questionnaire,
        answers: session.answers.clone(),
        notes: session.notes.clone(),
        exclusions: session.exclusions.clone(),
        carried: Vec::new(),
    }
    .validate(questionnaire);
    for flag in &session.flagged {
        if questionnaire.question(flag).is_none() {
            problems.push(Problem::new(
                "flagged",
                format!(
                    "unknown question ID \"{flag}\" in questionnaire {}",
                    questionnaire.id
                ),
            ));
        }
    }
    if let Some(position) = &session.position
        && questionnaire.question(position).is_none()
    {
        problems.push(Problem::new(
            "position",
            format!(
                "unknown question ID \"{position}\" in questionnaire {}",
                questionnaire.id
            ),
        ));
    }
    Problems::check(name, problems)?;
    session.id = id.to_owned();
    session.questionnaire.clone_from(&questionnaire.id);
    if session.questionnaire_version.is_empty() {
        session
            .questionnaire_version
            .clone_from(&questionnaire.version);
    }
    session.updated = now;
    Ok((session, carried))
}
