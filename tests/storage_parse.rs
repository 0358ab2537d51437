//! Stored session files that are not clean UTF-8 JSON documents: refused, saying where, and left
//! as they are.

use std::path::{Path, PathBuf};

use isoready::storage::{StorageError, Store};

const V1_ID: &str = "0196f2a0-1c2b-7a3d-8e4f-5a6b7c8d9e0f";

fn v1() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sessions/v1.json"))
        .unwrap()
}

/// A store holding `bytes` as the file of session [`V1_ID`].
fn store_with(bytes: &[u8]) -> (tempfile::TempDir, Store, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(Some(&dir.path().join("data"))).unwrap();
    let path = store.dir().join(format!("{V1_ID}.json"));
    std::fs::write(&path, bytes).unwrap();
    (dir, store, path)
}

/// Loads the session, expecting a corrupt file; returns the message, checked to name the file.
fn corrupt(bytes: &[u8]) -> String {
    let (_dir, store, path) = store_with(bytes);
    let error = store.load(V1_ID).unwrap_err();
    assert!(matches!(error, StorageError::Corrupt { .. }), "{error:?}");
    assert!(error.is_bad_input(), "{error:?}");
    let message = error.to_string();
    assert!(
        message.starts_with(&path.display().to_string()),
        "{message}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "left as it was");
    message
}

#[test]
fn trailing_data_after_a_stored_session_is_refused_where_it_starts() {
    let line = v1().iter().filter(|byte| **byte == b'\n').count() + 1;
    for tail in [&b"garbage"[..], b"{}", b"\0"] {
        let message = corrupt(&[v1().as_slice(), tail].concat());
        assert!(
            message.ends_with(&format!(
                ": not valid JSON at line {line}, column 1: trailing characters after the JSON document"
            )),
            "{message}"
        );
    }
    let (_dir, store, _) = store_with(&[v1().as_slice(), b"\n\t \r\n"].concat());
    assert_eq!(store.load(V1_ID).unwrap().id, V1_ID);
}

#[test]
fn a_stored_session_with_a_utf8_byte_order_mark_loads() {
    let (_dir, store, _) = store_with(&[&b"\xEF\xBB\xBF"[..], &v1()].concat());
    assert_eq!(store.load(V1_ID).unwrap().client, "Northwind Clinics");
}

#[test]
fn a_stored_session_in_utf16_or_not_utf8_is_refused_saying_where() {
    let text = String::from_utf8(v1()).unwrap();
    let utf16: Vec<u8> = "\u{FEFF}"
        .encode_utf16()
        .chain(text.encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect();
    let message = corrupt(&utf16);
    assert!(
        message.ends_with(": at line 1, column 1: encoded as UTF-16; save it as UTF-8"),
        "{message}"
    );
    let latin1 = text.replace("Northwind", "Nörthwind").replace('ö', "\u{1}");
    let mut bytes = latin1.into_bytes();
    let at = bytes.iter().position(|byte| *byte == 1).unwrap();
    bytes[at] = 0xF6;
    let message = corrupt(&bytes);
    assert!(
        message.ends_with(&format!(
            ": at line 4, column 15: not valid UTF-8 (byte 0xF6 at offset {at}); save it as UTF-8"
        )),
        "{message}"
    );
}

#[test]
fn every_reason_a_stored_session_is_refused_starts_with_where() {
    let v1 = String::from_utf8(v1()).unwrap();
    for (bytes, reason) in [
        ("0".to_owned(), "at the top level: expected a JSON object"),
        (
            v1.replace("\"id\": \"0", "\"id\": \" "),
            "at id: the file holds session \" 196f2a0-",
        ),
        (
            v1.replace("\"created\"", "\"made\""),
            "at the top level: missing field `created`",
        ),
        (
            v1.replace("\"depth\": \"quick\"", "\"depth\": 1"),
            "at depth: invalid type: integer `1`",
        ),
        (
            v1.replace("\"schema_version\": 1", "\"schema_version\": \"1\""),
            "at schema_version: expected a whole number, found \"1\"",
        ),
        (
            v1.replace("\"client\": \"", "\"client\": \"\n"),
            "not valid JSON at line 5, column 1: control character",
        ),
    ] {
        let message = corrupt(bytes.as_bytes());
        assert!(message.contains(&format!(".json: {reason}")), "{message}");
    }
}
