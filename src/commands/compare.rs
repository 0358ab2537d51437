//! `isoready compare OLD NEW [--format md|json]`: what moved between two assessments; and the
//! progress of a stored follow-up session since the session it follows up, for its exports.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use super::BadInput;
use crate::assess::compare::Comparison;
use crate::cli::{CompareArgs, ReportFormat};
use crate::export::ExportSession;
use crate::export::follow_up::{Assessed, comparison, recorded};
use crate::model::migrate_answers::carried_sources;
use crate::model::{AnswersFile, Catalogs, Problems, Questionnaire, Session};
use crate::storage::Store;

/// A stored session, checked against the questionnaire as `sessions show` checks it.
pub(crate) fn stored(
    session: &Session,
    store: &Store,
    questionnaire: &Questionnaire,
) -> anyhow::Result<Assessed> {
    let assessed = Assessed::of_session(session, questionnaire);
    let file = store.path(&session.id)?.display().to_string();
    Problems::check(
        &file,
        assessed.session.answers_doc().validate(questionnaire),
    )?;
    Ok(assessed)
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
        return file(Path::new(argument), questionnaire);
    }
    let store = store.ok_or_else(|| BadInput(format!("{label} \"{argument}\": no such file")))?;
    let id = store.resolve(argument).with_context(|| {
        format!("{label} \"{argument}\" is no file, so it was looked up as a saved session")
    })?;
    stored(&store.load(&id)?, store, questionnaire)
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
        .and_then(|earlier| stored(&earlier, store, questionnaire));
    match earlier {
        Ok(earlier) => {
            let current = stored(session, store, questionnaire)?;
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
pub(crate) fn is_file(argument: &str) -> bool {
    Path::new(argument).exists()
}

/// Whether `compare` needs the session store: unless both arguments are files.
pub fn needs_store(args: &CompareArgs) -> bool {
    !is_file(&args.old) || !is_file(&args.new)
}
