//! Session file versions and the steps that bring an older file up to the current one.
//!
//! - **Version 0** has no `schema_version`: the answers file (`questionnaire`,
//!   `answers`, `notes`), as written before sessions existed, optionally with session fields
//!   (`id`, `client`, `assessor`, `created`, `updated`, `depth`, `flagged`, `position`).
//!   It gains `schema_version: 1`; what it does not say is filled in: the ID from its file name,
//!   `created` and `updated` from the file's modification time, the questionnaire
//!   `isoready-default` (the one answers files name by default), and depth `full`, because such
//!   a file does not record its depth and at full depth every question is asked, so no answer
//!   it holds is ignored.
//! - **Version 1** is [`Session`] as this build writes it.
//!
//! A file with a `schema_version` above [`SCHEMA_VERSION`] was written by a newer isoready and is
//! refused, never rewritten. Migration happens in memory; the file on disk becomes the current
//! version the next time the session is saved.

use serde_json::{Map, Value};

use crate::model::Session;
use crate::model::problem::clip;
use crate::model::session::{SCHEMA_VERSION, V0_DEPTH, VersionError, schema_version};

/// The questionnaire a version 0 file without a `questionnaire` field was written for.
pub const V0_QUESTIONNAIRE: &str = "isoready-default";

/// What a file may not say about itself, supplied by whoever read it.
#[derive(Debug, Clone)]
pub struct Fallback {
    /// The session ID (from the file name, or a fresh one on import).
    pub id: String,
    /// The time to record as created and updated (the file's modification time, or now).
    pub time: jiff::Timestamp,
}

/// Why a file could not be brought up to the current version.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchemaError {
    /// The top level is not a JSON object.
    #[error("at the top level: expected a JSON object")]
    NotAnObject,
    /// `schema_version` is not a whole number, or is newer than this build reads.
    #[error("at schema_version: {0}")]
    Version(#[from] VersionError),
    /// A field does not have the expected shape.
    #[error("{0}")]
    Invalid(String),
}

/// One step: turns a file of version N into version N + 1.
type Step = fn(&mut Map<String, Value>, &Fallback);

/// `STEPS[n]` migrates version n to n + 1; there is one step per version below the current.
const STEPS: [Step; SCHEMA_VERSION as usize] = [v0_to_v1];

/// Reads a session file's JSON of any known version as a current [`Session`].
pub fn upgrade(value: Value, fallback: &Fallback) -> Result<Session, SchemaError> {
    let Value::Object(mut map) = value else {
        return Err(SchemaError::NotAnObject);
    };
    let version = schema_version(map.get("schema_version"))?;
    for step in STEPS
        .iter()
        .skip(usize::try_from(version).unwrap_or(usize::MAX))
    {
        step(&mut map, fallback);
    }
    let deserializer = Value::Object(map);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = match error.path().to_string() {
            root if root == "." => "the top level".to_owned(),
            path => clip(&path).into_owned(),
        };
        SchemaError::Invalid(format!("at {path}: {}", error.into_inner()))
    })
}

fn v0_to_v1(map: &mut Map<String, Value>, fallback: &Fallback) {
    let time = Value::String(fallback.time.to_string());
    map.insert("schema_version".to_owned(), Value::from(1));
    map.entry("id")
        .or_insert_with(|| Value::String(fallback.id.clone()));
    let created = map.entry("created").or_insert(time).clone();
    map.entry("updated").or_insert(created);
    map.entry("questionnaire")
        .or_insert_with(|| Value::String(V0_QUESTIONNAIRE.to_owned()));
    map.entry("depth")
        .or_insert_with(|| serde_json::to_value(V0_DEPTH).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Depth;

    fn fallback() -> Fallback {
        Fallback {
            id: "01960000-0000-7000-8000-000000000000".to_owned(),
            time: "2025-04-01T10:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn version_0_gains_the_fields_it_lacks() {
        let value = serde_json::json!({"answers": {"org.size": "small"}, "client": "Acme"});
        let session = upgrade(value, &fallback()).unwrap();
        assert_eq!(session.schema_version, SCHEMA_VERSION);
        assert_eq!(session.id, fallback().id);
        assert_eq!(session.created, fallback().time);
        assert_eq!(session.updated, fallback().time);
        assert_eq!(session.questionnaire, V0_QUESTIONNAIRE);
        assert_eq!(session.depth, Depth::Full);
        assert_eq!(session.client, "Acme");
    }

    #[test]
    fn version_0_keeps_what_it_says() {
        let value = serde_json::json!({"depth": "quick", "created": "2024-01-01T00:00:00Z",
                                       "questionnaire": "custom"});
        let session = upgrade(value, &fallback()).unwrap();
        assert_eq!(session.depth, Depth::Quick);
        assert_eq!(session.updated, "2024-01-01T00:00:00Z".parse().unwrap());
        assert_eq!(session.questionnaire, "custom");
    }

    #[test]
    fn version_1_is_read_as_is() {
        let value = serde_json::json!({"schema_version": 1, "id": "x", "created": "2024-01-01T00:00:00Z",
                                       "updated": "2024-01-02T00:00:00Z", "questionnaire": "q"});
        let session = upgrade(value, &fallback()).unwrap();
        assert_eq!(session.id, "x");
        assert_eq!(session.depth, Depth::Quick);
    }

    #[test]
    fn newer_and_malformed_versions_are_refused() {
        let newer = serde_json::json!({"schema_version": 2});
        assert_eq!(
            upgrade(newer, &fallback()),
            Err(SchemaError::Version(VersionError::Newer { found: 2 }))
        );
        let text = serde_json::json!({"schema_version": "1"});
        assert!(matches!(
            upgrade(text, &fallback()),
            Err(SchemaError::Version(VersionError::NotANumber(_)))
        ));
        assert_eq!(
            upgrade(serde_json::json!([]), &fallback()),
            Err(SchemaError::NotAnObject)
        );
    }

    #[test]
    fn a_bad_field_is_named() {
        let value = serde_json::json!({"schema_version": 1, "id": "x", "created": "yesterday",
                                       "updated": "2024-01-02T00:00:00Z", "questionnaire": "q"});
        let Err(SchemaError::Invalid(message)) = upgrade(value, &fallback()) else {
            panic!("expected an invalid field");
        };
        assert!(message.starts_with("at created:"), "{message}");
    }
}
