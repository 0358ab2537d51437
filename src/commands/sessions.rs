//! `isoready sessions list | show ID | delete ID`.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::BadInput;
use crate::assess::{self, Progress, Recommendation};
use crate::cli::{ListFormat, ReportFormat, SessionsCommand};
use crate::model::{Depth, Problems, Questionnaire};
use crate::storage::{Store, Summary};
use crate::text::{cut, local_time, single_line};

/// Runs a `sessions` subcommand; `questionnaire` is the `--questionnaire` file, if given.
pub fn run(
    command: SessionsCommand,
    questionnaire: Option<&Path>,
    store: &Store,
    out: &mut impl Write,
    warnings: &mut impl Write,
) -> anyhow::Result<()> {
    match command {
        SessionsCommand::List { format } => list(
            format,
            &super::load_questionnaire(questionnaire)?,
            store,
            out,
            warnings,
        ),
        SessionsCommand::Show { id, format } => show(
            &id,
            format,
            &super::load_questionnaire(questionnaire)?,
            store,
            out,
        ),
        SessionsCommand::Delete { id, yes } => {
            let stdin = std::io::stdin();
            let mut input = stdin.lock();
            let confirm = if yes {
                Confirm::Yes
            } else if input.is_terminal() && std::io::stdout().is_terminal() {
                Confirm::Ask(&mut input)
            } else {
                Confirm::NoTerminal
            };
            delete(&id, confirm, store, out)
        }
    }
}

/// A session's line in `sessions list --format json`.
#[derive(Debug, Serialize)]
struct Row<'a> {
    id: &'a str,
    client: &'a str,
    assessor: &'a str,
    created: jiff::Timestamp,
    updated: jiff::Timestamp,
    questionnaire: &'a str,
    questionnaire_version: &'a str,
    depth: Depth,
    /// The session this one follows up, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<&'a str>,
    /// Progress figures need the session's questionnaire; `None` under another one.
    asked: Option<usize>,
    answered: Option<usize>,
    progress: Option<f64>,
    recommendation: Option<Recommendation>,
    /// The table shows the stage, as the TUI does.
    #[serde(skip)]
    stage: Option<assess::Stage>,
}

/// A file that is not a readable session.
#[derive(Debug, Serialize)]
struct Unreadable<'a> {
    id: Option<&'a str>,
    file: String,
    reason: &'a str,
}

#[derive(Debug, Serialize)]
struct Listing<'a> {
    sessions: Vec<Row<'a>>,
    unreadable: Vec<Unreadable<'a>>,
}

fn row(summary: &Summary<Option<Progress>>) -> Row<'_> {
    let progress = summary.figures.as_ref();
    Row {
        id: &summary.id,
        client: &summary.client,
        assessor: &summary.assessor,
        created: summary.created,
        updated: summary.updated,
        questionnaire: &summary.questionnaire,
        questionnaire_version: &summary.questionnaire_version,
        depth: summary.depth,
        previous: summary.previous.as_deref(),
        asked: progress.map(|progress| progress.asked),
        answered: progress.map(|progress| progress.answered),
        progress: progress.and_then(Progress::percent),
        recommendation: progress.map(|progress| progress.recommendation),
        stage: progress.map(|progress| progress.stage),
    }
}

/// `sessions list`: client, last change, progress and recommendation of every session, newest
/// first, then the files that cannot be read with their reasons. A listing cache that cannot be
/// updated is said on `warnings`; the listing is right either way.
pub fn list(
    format: ListFormat,
    questionnaire: &Questionnaire,
    store: &Store,
    out: &mut impl Write,
    warnings: &mut impl Write,
) -> anyhow::Result<()> {
    let listed = store.list_with(&Progress::key(questionnaire), |session| {
        Progress::of_session(questionnaire, session)
    })?;
    if let Some(problem) = &listed.cache_problem {
        writeln!(
            warnings,
            "isoready: note: {problem}; listings stay right, only slower"
        )?;
    }
    let listing = Listing {
        sessions: listed.sessions.iter().map(row).collect(),
        unreadable: listed
            .broken
            .iter()
            .map(|broken| Unreadable {
                id: broken.id.as_deref(),
                file: broken.path.display().to_string(),
                reason: &broken.reason,
            })
            .collect(),
    };
    match format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &listing)?;
            writeln!(out)?;
        }
        ListFormat::Table => table(&listing, store.dir(), out)?,
    }
    Ok(())
}

const CLIENT_WIDTH: usize = 32;
const SHORT_ID: usize = 8;

fn table(listing: &Listing, dir: &Path, out: &mut impl Write) -> std::io::Result<()> {
    if listing.sessions.is_empty() && listing.unreadable.is_empty() {
        writeln!(out, "No saved sessions in {}.", dir.display())?;
        return writeln!(
            out,
            "Start one with `isoready new`, or store a file with `isoready import FILE`."
        );
    }
    let mut ids: Vec<&str> = listing.sessions.iter().map(|row| row.id).collect();
    ids.extend(listing.unreadable.iter().filter_map(|file| file.id));
    let id_width = unique_prefix_len(&mut ids);
    let lines: Vec<[String; 6]> = listing
        .sessions
        .iter()
        .map(|row| {
            let client = if row.client.trim().is_empty() {
                "(no client)".to_owned()
            } else {
                cut(&single_line(row.client), CLIENT_WIDTH).into_owned()
            };
            [
                row.id.chars().take(id_width).collect(),
                client,
                local_time(row.updated),
                row.depth.key().to_owned(),
                row.stage
                    .map_or_else(|| "-".to_owned(), |stage| stage.short()),
                row.recommendation.map_or_else(
                    || format!("- (questionnaire {})", single_line(row.questionnaire)),
                    |recommendation| recommendation.short().to_owned(),
                ),
            ]
        })
        .collect();
    if !lines.is_empty() {
        let header = [
            "ID",
            "CLIENT",
            "LAST CHANGE",
            "DEPTH",
            "PROGRESS",
            "RECOMMENDATION",
        ]
        .map(str::to_owned);
        let mut widths = [0; 6];
        for line in std::iter::once(&header).chain(&lines) {
            for (width, cell) in widths.iter_mut().zip(line) {
                *width = (*width).max(cell.width());
            }
        }
        for line in std::iter::once(&header).chain(&lines) {
            let mut text = String::new();
            for (column, (cell, width)) in line.iter().zip(widths).enumerate() {
                let padding = " ".repeat(width - cell.width());
                match column {
                    4 => text.push_str(&format!("{padding}{cell}  ")),
                    5 => text.push_str(cell),
                    _ => text.push_str(&format!("{cell}{padding}  ")),
                }
            }
            writeln!(out, "{}", text.trim_end())?;
        }
    }
    if !listing.unreadable.is_empty() {
        if !lines.is_empty() {
            writeln!(out)?;
        }
        writeln!(out, "Unreadable files (left untouched):")?;
        for file in &listing.unreadable {
            writeln!(
                out,
                "  {}: {}",
                single_line(&file.file),
                single_line(file.reason)
            )?;
        }
    }
    Ok(())
}

/// The shortest prefix length (at least eight) that tells every ID apart.
fn unique_prefix_len(ids: &mut [&str]) -> usize {
    ids.sort_unstable();
    let longest_shared = ids
        .windows(2)
        .map(|pair| {
            pair[0]
                .bytes()
                .zip(pair[1].bytes())
                .take_while(|(a, b)| a == b)
                .count()
        })
        .max()
        .unwrap_or(0);
    (longest_shared + 1).max(SHORT_ID)
}

/// `sessions show ID`: the report of a stored session, evaluated at the session's depth.
/// Reading does not take the lock, so a session open elsewhere can still be shown.
pub fn show(
    query: &str,
    format: ReportFormat,
    questionnaire: &Questionnaire,
    store: &Store,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let id = store.resolve(query)?;
    let mut session = store.load(&id)?;
    session.carry_replaced(questionnaire);
    let doc = session.answers_doc();
    let file = store.path(&id)?.display().to_string();
    Problems::check(&file, doc.validate(questionnaire))?;
    let text = match format {
        // The report, as `assess` gives it.
        ReportFormat::Json => {
            let (report, _warnings) =
                super::assess::evaluate_at(questionnaire, &doc, session.depth);
            super::assess::render(&report, format)?
        }
        // For people: the whole session summary (client, assessor, dates, flags, answers).
        ReportFormat::Md => {
            let export = crate::export::ExportSession::from_session(&session);
            let input = crate::export::ExportInput::new(
                &export,
                questionnaire,
                crate::model::Catalogs::embedded(),
            );
            crate::export::summary::render(&input)
        }
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// How `sessions delete` gets its confirmation.
pub enum Confirm<'a> {
    /// `--yes`: no question.
    Yes,
    /// Ask on the terminal, reading the answer from this input.
    Ask(&'a mut dyn BufRead),
    /// No terminal to ask on and no `--yes`: refuse.
    NoTerminal,
}

/// `sessions delete ID`: deletes a session after confirmation; refuses while it is open for
/// editing elsewhere (exit 1) and without a terminal or `--yes` (exit 2).
pub fn delete(
    query: &str,
    confirm: Confirm,
    store: &Store,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let id = store.resolve(query)?;
    match confirm {
        Confirm::Yes => {}
        Confirm::NoTerminal => {
            return Err(BadInput(format!(
                "not deleting session {id}: there is no terminal to confirm on; add --yes to delete it"
            ))
            .into());
        }
        Confirm::Ask(input) => {
            write!(
                out,
                "Delete session {id} ({})? [y/N] ",
                describe(store, &id)
            )?;
            out.flush()?;
            let mut answer = String::new();
            input.read_line(&mut answer)?;
            if !matches!(answer.trim().to_lowercase().as_str(), "y" | "yes") {
                writeln!(out, "Kept session {id}.")?;
                return Ok(());
            }
        }
    }
    store.delete(&id)?;
    writeln!(out, "Deleted session {id}.")?;
    Ok(())
}

fn describe(store: &Store, id: &str) -> String {
    match store.load(id) {
        Ok(session) => {
            let client = if session.client.trim().is_empty() {
                "no client".to_owned()
            } else {
                cut(&single_line(&session.client), CLIENT_WIDTH).into_owned()
            };
            let changed = local_time(session.updated);
            format!("{client}, last changed {changed}")
        }
        Err(error) => format!("unreadable: {}", single_line(&error.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Session;
    use crate::storage::StorageError;

    fn store_with_session() -> (tempfile::TempDir, Store, String) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(Some(dir.path())).unwrap();
        let questionnaire = crate::commands::load_questionnaire(None).unwrap();
        let mut session = Session::new(
            Store::new_id(),
            &questionnaire,
            Depth::Quick,
            jiff::Timestamp::UNIX_EPOCH,
        );
        session.client = "Acme".to_owned();
        store.save(&session).unwrap();
        (dir, store, session.id)
    }

    #[test]
    fn delete_asks_and_keeps_the_session_unless_told_yes() {
        let (_dir, store, id) = store_with_session();
        let mut out = Vec::new();
        delete(&id, Confirm::Ask(&mut &b"n\n"[..]), &store, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("Acme"), "{text}");
        assert!(text.contains("Kept"), "{text}");
        assert!(store.load(&id).is_ok());

        let mut out = Vec::new();
        delete(&id, Confirm::Ask(&mut &b"yes\n"[..]), &store, &mut out).unwrap();
        assert!(matches!(store.load(&id), Err(StorageError::NotFound(_))));
    }

    #[test]
    fn an_empty_answer_keeps_the_session() {
        let (_dir, store, id) = store_with_session();
        delete(&id, Confirm::Ask(&mut &b""[..]), &store, &mut Vec::new()).unwrap();
        assert!(store.load(&id).is_ok());
    }

    #[test]
    fn prefixes_are_long_enough_to_tell_ids_apart() {
        let mut ids = ["0196aaaa-0000", "0196aaaa-0001", "ffff"];
        assert_eq!(unique_prefix_len(&mut ids), 13);
        assert_eq!(unique_prefix_len(&mut ["a", "b"]), SHORT_ID);
    }
}
