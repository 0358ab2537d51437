//! Every parser of user and stored files, fed arbitrary bytes and truncated or corrupted copies
//! of valid files: none panics, and every refusal is bad input that names the file and a place.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use isoready::commands;
use isoready::model::{Problems, Questionnaire};
use isoready::storage::{StorageError, Store};
use proptest::prelude::*;

const ID: &str = "0196f2a0-1c2b-7a3d-8e4f-5a6b7c8d9e0f";

static QUESTIONNAIRE: LazyLock<Questionnaire> = LazyLock::new(|| {
    Questionnaire::parse("default", Questionnaire::embedded_text()).expect("valid default")
});

fn read(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

static ANSWERS: LazyLock<Vec<u8>> =
    LazyLock::new(|| read("tests/fixtures/answers/healthcare.json"));
static SESSION: LazyLock<Vec<u8>> = LazyLock::new(|| read("tests/fixtures/sessions/v1.json"));
static DEFAULT: LazyLock<Vec<u8>> = LazyLock::new(|| read("questionnaires/default.json"));

/// `bytes` cut short, or with one byte replaced.
fn damaged(bytes: &'static [u8]) -> impl Strategy<Value = Vec<u8>> {
    let len = bytes.len();
    prop_oneof![
        (0..len).prop_map(move |cut| bytes[..cut].to_vec()),
        (0..len, any::<u8>()).prop_map(move |(at, byte)| {
            let mut copy = bytes.to_vec();
            copy[at] = byte;
            copy
        }),
    ]
}

/// Arbitrary bytes, or a damaged copy of one of `valid`.
fn input(valid: &[&'static [u8]]) -> impl Strategy<Value = Vec<u8>> {
    let copies: Vec<BoxedStrategy<Vec<u8>>> =
        valid.iter().map(|file| damaged(file).boxed()).collect();
    prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..64),
        4 => proptest::strategy::Union::new(copies),
    ]
}

/// `bytes` written to a file of its own.
fn file_with(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.json");
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// A refusal of a file the user named: bad input whose message starts with the file and says
/// where (a line and column, or a JSON path for each problem).
fn assert_located(error: &anyhow::Error, path: &Path) {
    let file = path.display().to_string();
    let message = format!("{error:#}");
    assert!(commands::is_bad_input(error), "not bad input: {message}");
    assert!(message.starts_with(&file), "{message}");
    match error.downcast_ref::<Problems>() {
        Some(Problems::Syntax { line, column, .. }) => {
            assert!(*line >= 1 && *column >= 1, "{message}");
        }
        Some(Problems::Invalid { problems, .. }) => {
            assert!(!problems.is_empty(), "{message}");
            assert!(
                problems.iter().all(|problem| !problem.path.is_empty()),
                "{message}"
            );
        }
        None => panic!("not a problem of the file: {message}"),
    }
}

/// Whether a stored session's reason starts with where: "at line L, column C: ", "not valid
/// JSON at line L, column C: ", "at <JSON path>: " or "at the top level: ".
fn says_where(reason: &str) -> bool {
    let rest = reason
        .strip_prefix("not valid JSON at ")
        .or_else(|| reason.strip_prefix("at "));
    rest.and_then(|rest| rest.split_once(": "))
        .is_some_and(|(place, _)| !place.is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn an_answers_or_session_file_is_loaded_or_refused_saying_where(
        bytes in input(&[ANSWERS.as_slice(), SESSION.as_slice()]),
    ) {
        let (_dir, path) = file_with(&bytes);
        if let Err(error) = commands::load_answers_file(&path, &QUESTIONNAIRE) {
            assert_located(&error, &path);
        }
    }

    #[test]
    fn a_stored_session_is_loaded_or_refused_saying_where(bytes in input(&[SESSION.as_slice()])) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(Some(&dir.path().join("data"))).unwrap();
        let path = store.dir().join(format!("{ID}.json"));
        std::fs::write(&path, &bytes).unwrap();
        if let Err(error) = store.load(ID) {
            let message = error.to_string();
            prop_assert!(error.is_bad_input(), "{error:?}");
            prop_assert!(message.starts_with(&path.display().to_string()), "{message}");
            match &error {
                StorageError::Corrupt { reason, .. } => {
                    prop_assert!(says_where(reason), "{reason}");
                }
                StorageError::Newer { reason, .. } => {
                    prop_assert!(reason.contains("session schema version"), "{reason}");
                }
                other => prop_assert!(false, "{other:?}"),
            }
        }
    }
}

proptest! {
    // The default questionnaire is large: fewer cases.
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_questionnaire_is_loaded_or_refused_saying_where(bytes in input(&[DEFAULT.as_slice()])) {
        let (_dir, path) = file_with(&bytes);
        if let Err(error) = commands::load_questionnaire(Some(&path)) {
            assert_located(&error, &path);
        }
    }
}
