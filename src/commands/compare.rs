//! `isoready compare OLD NEW [--format md|json]`: what moved between two assessments; and the
//! progress of a stored follow-up session since the session it follows up, for its exports.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use super::BadInput;
use crate::assess::compare::{CompareInput, Comparison, compare};
use crate::cli::{CompareArgs, ReportFormat};
use crate::export::{ExportInput, ExportSession};
use crate::model::migrate_answers::carried_sources;
use crate::model::{AnswersFile, Catalogs, Problems, Questionnaire, Session};
use crate::storage::Store;

/// One assessment to compare, read and carried forward to the questionnaire in use.
pub struct Assessed {
    /// The session or file, answers carried forward.
    pub session: ExportSession,
    /// For each carried answer, the replaced question it was saved under.
    pub carried_from: BTreeMap<String, String>,
    /// The questionnaire version it records, if it records one.
    pub questionnaire_version: Option<String>,
}

impl Assessed {
    /// A stored session, checked against the questionnaire as `sessions show` checks it.
    pub fn stored(
        session: &Session,
        store: &Store,
        questionnaire: &Questionnaire,
    ) -> anyhow::Result<Assessed> {
        let carried_from = carried_sources(questionnaire, &session.answers);
        let mut export = ExportSession::from_session(session);
        export.carry_replaced(questionnaire);
        let file = store.path(&session.id)?.display().to_string();
        Problems::check(&file, export.answers_doc().validate(questionnaire))?;
        Ok(Assessed {
            session: export,
            carried_from,
            questionnaire_version: recorded(&session.questionnaire_version),
        })
    }

    /// An answers or session file the user named.
    pub fn file(path: &Path, questionnaire: &Questionnaire) -> anyhow::Result<Assessed> {
        let name = path.display().to_string();
        let text = super::read_input(path)?;
        // Which answers were saved under replaced questions is known only before carrying.
        let raw = AnswersFile::parse(&name, &text)?;
        let carried_from = carried_sources(questionnaire, &raw.doc.answers);
        let loaded = AnswersFile::load(&name, &text, questionnaire)?;
        let questionnaire_version = loaded
            .session
            .as_ref()
            .and_then(|fields| recorded(&fields.questionnaire_version));
        Ok(Assessed {
            session: ExportSession::from_file(&loaded, questionnaire),
            carried_from,
            questionnaire_version,
        })
    }
}

fn recorded(version: &str) -> Option<String> {
    (!version.is_empty()).then(|| version.to_owned())
}

/// Runs `compare`: reads both assessments, compares them and prints Markdown or JSON.
/// `store` is needed unless both arguments are files ([`needs_store`]).
pub fn run(
    args: &CompareArgs,
    store: Option<&Store>,
    questionnaire: &Questionnaire,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let old = load("OLD", &args.old, store, questionnaire)?;
    let new = load("NEW", &args.new, store, questionnaire)?;
    let comparison = comparison(&old, &new, questionnaire);
    let text = match args.format {
        ReportFormat::Json => {
            let mut text = serde_json::to_string_pretty(&comparison)?;
            text.push('\n');
            text
        }
        ReportFormat::Md => {
            crate::export::compare_md::render(&comparison, questionnaire, Catalogs::embedded())
        }
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// Reads one side: an existing file as that file, anything else as a stored session.
fn load(
    label: &str,
    argument: &str,
    store: Option<&Store>,
    questionnaire: &Questionnaire,
) -> anyhow::Result<Assessed> {
    if is_file(argument) {
        return Assessed::file(Path::new(argument), questionnaire);
    }
    let store = store.ok_or_else(|| BadInput(format!("{label} \"{argument}\": no such file")))?;
    let id = store.resolve(argument).with_context(|| {
        format!("{label} \"{argument}\" is no file, so it was looked up as a saved session")
    })?;
    Assessed::stored(&store.load(&id)?, store, questionnaire)
}

/// What moved since the session that a stored follow-up session follows up, for the
/// "Progress since" section of its exports; none when it follows up nothing. When that
/// session cannot be read (it was deleted, say), a one-line note goes to `err` and there is
/// no progress section.
pub fn progress(
    session: &Session,
    store: &Store,
    questionnaire: &Questionnaire,
    err: &mut impl Write,
) -> anyhow::Result<Option<Comparison>> {
    let Some(previous) = &session.previous else {
        return Ok(None);
    };
    let earlier = store
        .load(previous)
        .map_err(anyhow::Error::from)
        .and_then(|earlier| Assessed::stored(&earlier, store, questionnaire));
    match earlier {
        Ok(earlier) => {
            let current = Assessed::stored(session, store, questionnaire)?;
            Ok(Some(comparison(&earlier, &current, questionnaire)))
        }
        Err(error) => {
            writeln!(
                err,
                "note: session {previous}, which this one follows up, cannot be read, so the export shows no progress since then ({error:#})"
            )?;
            Ok(None)
        }
    }
}

/// Whether `argument` names a file (an existing path) rather than a stored session.
pub fn is_file(argument: &str) -> bool {
    Path::new(argument).exists()
}

/// Whether `compare` needs the session store: unless both arguments are files.
pub fn needs_store(args: &CompareArgs) -> bool {
    !is_file(&args.old) || !is_file(&args.new)
}

/// Compares two assessments, each evaluated at its own depth as its export would be.
pub fn comparison(old: &Assessed, new: &Assessed, questionnaire: &Questionnaire) -> Comparison {
    let catalogs = Catalogs::embedded();
    let old_input = ExportInput::new(&old.session, questionnaire, catalogs);
    let new_input = ExportInput::new(&new.session, questionnaire, catalogs);
    let (old_date, new_date) = (old.session.date(), new.session.date());
    compare(
        &side(old, &old_input, old_date.as_deref()),
        &side(new, &new_input, new_date.as_deref()),
        questionnaire,
    )
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
