//! Non-interactive command handlers: `(args, context, out) -> Result`.

pub mod assess;
pub mod compare;
pub mod completions;
pub mod controls;
pub mod export;
pub mod import;
pub mod questionnaire;
pub mod sessions;

use std::io::Read;
use std::path::Path;

use anyhow::Context as _;

use crate::model::encoding::decode;
use crate::model::{AnswersFile, Problems, Questionnaire};
use crate::storage::StorageError;

/// Input the user must correct (exit code 2), as opposed to a failure at run time (exit 1).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

/// Whether an error is bad input (exit 2): a file, named by the user or stored, that is invalid
/// or newer than this build reads, or an argument that names nothing. Anything else, such as
/// I/O or a lock, is a failure at run time (exit 1).
pub fn is_bad_input(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause.is::<Problems>()
            || cause.is::<BadInput>()
            || cause
                .downcast_ref::<StorageError>()
                .is_some_and(StorageError::is_bad_input)
    })
}

/// The largest answers, session or questionnaire file read (the default questionnaire is
/// about 300 KiB): a link to an endless device is refused instead of read without end.
const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a file the user named as UTF-8 text; another encoding, or a file over 64 MiB, is bad
/// input saying where.
pub(crate) fn read_input(path: &Path) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(BadInput(format!(
            "{}: larger than {} MiB; an answers, session or questionnaire file is far smaller",
            path.display(),
            MAX_INPUT_BYTES / 1024 / 1024
        ))
        .into());
    }
    Ok(decode(&path.display().to_string(), &bytes)?.to_owned())
}

/// Reads an answers or session file the user named and checks it against the questionnaire: the
/// one way `assess`, `export --answers` and `import` read such a file.
pub fn load_answers_file(
    path: &Path,
    questionnaire: &Questionnaire,
) -> anyhow::Result<AnswersFile> {
    let text = read_input(path)?;
    Ok(AnswersFile::load(
        &path.display().to_string(),
        &text,
        questionnaire,
    )?)
}

/// The questionnaire in use: the file given with `--questionnaire`, or the embedded default.
pub fn load_questionnaire(path: Option<&Path>) -> anyhow::Result<Questionnaire> {
    match path {
        Some(path) => {
            let text = read_input(path)?;
            Ok(Questionnaire::parse(&path.display().to_string(), &text)?)
        }
        None => Ok(Questionnaire::parse(
            "embedded default questionnaire",
            Questionnaire::embedded_text(),
        )?),
    }
}
