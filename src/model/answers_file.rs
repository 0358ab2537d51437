//! Answers files and session files as a user names them to `assess`, `export --answers` and
//! `import`: one path from text to a document checked against the questionnaire, so a file is
//! accepted or refused with the same message whatever the command.
//!
//! A file with a `schema_version` is a session file of any version this build reads (a newer
//! one is refused before anything else is judged); its fields are typed as a stored session's,
//! but the ID and dates may be missing, as in the JSON export of a plain answers file. A file
//! without one is an answers file: `questionnaire`, `answers`, `notes` and `exclusions` only.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use serde_json::Value;

use super::answers::{
    Answers, AnswersDoc, Notes, UnknownIds, answer_path, expectation, json_kind, shape,
};
use super::exclusions::exclusion_shapes;
use super::migrate_answers::{Saved, carry};
use super::problem::{Problem, Problems, parse_json};
use super::questionnaire::{Depth, Questionnaire};
use super::session::{V0_DEPTH, schema_version};

/// What a session file says beyond its answers part.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionFields {
    /// The session ID, if the file has one.
    pub id: Option<String>,
    /// The client or organisation assessed.
    pub client: String,
    /// Who ran the assessment.
    pub assessor: String,
    /// When the session was created, if the file says.
    pub created: Option<jiff::Timestamp>,
    /// When anything last changed, if the file says.
    pub updated: Option<jiff::Timestamp>,
    /// The questionnaire's version when the session was created ("" when not said).
    pub questionnaire_version: String,
    /// Quick or full.
    pub depth: Depth,
    /// Questions flagged for follow-up.
    pub flagged: BTreeSet<String>,
    /// The question to resume at.
    pub position: Option<String>,
    /// The session this one follows up, if any.
    pub previous: Option<String>,
}

/// An answers file or a session file.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswersFile {
    /// The answers part: questionnaire, answers, notes and exclusions.
    pub doc: AnswersDoc,
    /// The rest of a session file; `None` for an answers file.
    pub session: Option<SessionFields>,
}

/// An answer no question could take: its question ID and the kind of JSON value found.
type Misshapen = (String, &'static str);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswersFile {
    #[serde(default)]
    questionnaire: Option<String>,
    #[serde(default)]
    answers: BTreeMap<String, Value>,
    #[serde(default)]
    notes: Notes,
    #[serde(default)]
    exclusions: Option<Value>,
}

/// A session file's fields, typed as [`super::Session`]'s; others (such as the report of a JSON
/// export) are ignored.
#[derive(Deserialize)]
struct RawSessionFile {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    client: String,
    #[serde(default)]
    assessor: String,
    #[serde(default)]
    created: Option<jiff::Timestamp>,
    #[serde(default)]
    updated: Option<jiff::Timestamp>,
    #[serde(default)]
    questionnaire: Option<String>,
    #[serde(default)]
    questionnaire_version: String,
    #[serde(default)]
    depth: Option<Depth>,
    #[serde(default)]
    answers: BTreeMap<String, Value>,
    #[serde(default)]
    notes: Notes,
    #[serde(default)]
    exclusions: Option<Value>,
    #[serde(default)]
    flagged: BTreeSet<String>,
    #[serde(default)]
    position: Option<String>,
    #[serde(default)]
    previous: Option<String>,
}

impl AnswersFile {
    /// Parses an answers or session file, checking the shape of each answer but not the
    /// questionnaire.
    pub fn parse(file: &str, text: &str) -> Result<AnswersFile, Problems> {
        let (parsed, misshapen, mut problems) = parse_shapes(file, text)?;
        let answer_problems = misshapen.into_iter().map(|(id, found)| {
            Problem::new(
                answer_path(&id),
                format!(
                    "expected a string, a list of strings, true/false or a number, found {found}"
                ),
            )
        });
        problems.splice(0..0, answer_problems);
        Problems::check(file, problems)?;
        Ok(parsed)
    }

    /// Parses and checks a file against the questionnaire, reporting every problem at once:
    /// answers of the wrong shape along with unknown IDs, values outside the options, notes on
    /// unknown questions and a session's unknown flags and resume position, in the order of
    /// the file's sections and question IDs. Answers, notes and flags of questions the
    /// questionnaire replaced are carried forward first ([`AnswersDoc::carried`] says what
    /// moved).
    pub fn load(
        file: &str,
        text: &str,
        questionnaire: &Questionnaire,
    ) -> Result<AnswersFile, Problems> {
        let (mut parsed, misshapen, shapes) = parse_shapes(file, text)?;
        parsed.carry_replaced(questionnaire);
        let mut problems = parsed.doc.validate(questionnaire);
        problems.extend(shapes);
        let mut unknown = UnknownIds::new(questionnaire);
        for (id, found) in misshapen {
            let message = match questionnaire.question(&id) {
                Some(question) => {
                    let (what, allowed) = expectation(question);
                    let allowed = allowed.map(|values| format!("; allowed: {values}"));
                    format!(
                        "{id} takes {what}, found {found}{}",
                        allowed.unwrap_or_default()
                    )
                }
                None => unknown.message(&id),
            };
            problems.push(Problem::new(answer_path(&id), message));
        }
        if let Some(session) = &parsed.session {
            let flags = session.flagged.iter().map(|id| ("flagged", id));
            for (path, id) in flags.chain(session.position.iter().map(|id| ("position", id))) {
                if questionnaire.question(id).is_none() {
                    problems.push(Problem::new(path, unknown.message(id)));
                }
            }
        }
        let group = |problem: &Problem| match problem.path.split('[').next() {
            Some("questionnaire") => 0,
            Some("answers") => 1,
            Some("notes") => 2,
            Some("exclusions") => 3,
            _ => 4,
        };
        problems.sort_by(|a, b| (group(a), &a.path).cmp(&(group(b), &b.path)));
        Problems::check(file, problems)?;
        Ok(parsed)
    }

    /// Carries answers, notes, flags and the resume position of replaced IDs forward; the
    /// warnings go to [`AnswersDoc::carried`].
    fn carry_replaced(&mut self, questionnaire: &Questionnaire) {
        let (flagged, position) = match &mut self.session {
            Some(session) => (Some(&mut session.flagged), Some(&mut session.position)),
            None => (None, None),
        };
        let saved = Saved {
            answers: &mut self.doc.answers,
            notes: &mut self.doc.notes,
            flagged,
            position,
        };
        let warnings = carry(questionnaire, saved);
        self.doc.carried.extend(warnings);
    }
}

impl AnswersDoc {
    /// The answers part of an answers or session file ([`AnswersFile::parse`]).
    pub fn parse(file: &str, text: &str) -> Result<AnswersDoc, Problems> {
        AnswersFile::parse(file, text).map(|parsed| parsed.doc)
    }
}

/// The file without the answers and exclusions of a shape none can take, for each such answer
/// its ID and what was found, and the problems of the exclusions' shape.
fn parse_shapes(
    file: &str,
    text: &str,
) -> Result<(AnswersFile, Vec<Misshapen>, Vec<Problem>), Problems> {
    let value: Value = parse_json(file, text)?;
    let Value::Object(map) = &value else {
        return Err(Problems::Invalid {
            file: file.to_owned(),
            problems: vec![Problem::new(
                "$",
                format!(
                    "expected a JSON object with \"answers\" (and optionally \"questionnaire\", \"notes\" and \"exclusions\"), found {}",
                    if value.is_array() {
                        "a list"
                    } else {
                        json_kind(&value)
                    }
                ),
            )],
        });
    };
    let (questionnaire, raw, notes, exclusions, session) = match map.get("schema_version") {
        None => {
            let raw: RawAnswersFile = parse_json(file, text)?;
            (
                raw.questionnaire,
                raw.answers,
                raw.notes,
                raw.exclusions,
                None,
            )
        }
        Some(version) => {
            // A newer file is refused before its content is judged by this build's rules.
            let version = schema_version(Some(version)).map_err(|error| Problems::Invalid {
                file: file.to_owned(),
                problems: vec![Problem::new("schema_version", error.to_string())],
            })?;
            let raw: RawSessionFile = parse_json(file, text)?;
            let session = SessionFields {
                id: raw.id,
                client: raw.client,
                assessor: raw.assessor,
                created: raw.created,
                updated: raw.updated,
                questionnaire_version: raw.questionnaire_version,
                depth: raw.depth.unwrap_or(if version == 0 {
                    V0_DEPTH
                } else {
                    Depth::default()
                }),
                flagged: raw.flagged,
                position: raw.position,
                previous: raw.previous,
            };
            let session = Some(session);
            (
                raw.questionnaire,
                raw.answers,
                raw.notes,
                raw.exclusions,
                session,
            )
        }
    };
    let (exclusions, shapes) = exclusion_shapes(exclusions);
    let mut misshapen = Vec::new();
    let mut answers = Answers::new();
    for (id, value) in raw {
        match shape(&value) {
            Some(answer) => {
                answers.insert(id, answer);
            }
            None => misshapen.push((id, json_kind(&value))),
        }
    }
    let doc = AnswersDoc {
        questionnaire,
        answers,
        notes,
        exclusions,
        carried: Vec::new(),
    };
    Ok((AnswersFile { doc, session }, misshapen, shapes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_file_without_a_depth_has_its_versions_default() {
        let depth = |text: &str| {
            AnswersFile::parse("s.json", text)
                .unwrap()
                .session
                .map(|session| session.depth)
        };
        assert_eq!(depth(r#"{"schema_version": 0}"#), Some(V0_DEPTH));
        assert_eq!(depth(r#"{"schema_version": 1}"#), Some(Depth::Quick));
        assert_eq!(
            depth(r#"{"schema_version": 0, "depth": "quick"}"#),
            Some(Depth::Quick)
        );
        assert_eq!(depth(r#"{"answers": {}}"#), None);
    }

    #[test]
    fn an_answers_file_takes_no_session_field() {
        let error = AnswersFile::parse("a.json", r#"{"answers": {}, "client": "Acme"}"#);
        let Err(Problems::Syntax { message, .. }) = error else {
            panic!("{error:?}");
        };
        assert!(message.starts_with("unknown field `client`"), "{message}");
    }

    #[test]
    fn an_over_long_id_or_value_is_cut_short_where_it_is_echoed() {
        let questionnaire =
            Questionnaire::parse("default", Questionnaire::embedded_text()).unwrap();
        let long = "q".repeat(10_000);
        let mut file = serde_json::json!({"schema_version": 1, "answers": {"org.sector": long},
            "flagged": [long], "position": long, "questionnaire": long});
        file["answers"][&long] = "partial".into();
        file["notes"] = serde_json::json!({});
        file["notes"][&long] = "a note".into();
        file["exclusions"] = serde_json::json!({});
        file["exclusions"][format!("iso27001:A.{long}")] = "x".into();
        file["exclusions"][&long] = "x".into();
        let error = AnswersFile::load("long.json", &file.to_string(), &questionnaire);
        let Err(Problems::Invalid { problems, .. }) = error else {
            panic!("{error:?}");
        };
        let paths: Vec<&str> = problems
            .iter()
            .map(|problem| problem.path.as_str())
            .collect();
        let clipped = format!("{}…", "q".repeat(60));
        assert_eq!(
            paths,
            [
                "questionnaire".to_owned(),
                "answers[\"org.sector\"]".to_owned(),
                format!("answers[\"{clipped}\"]"),
                format!("notes[\"{clipped}\"]"),
                format!("exclusions[\"iso27001:A.{}…\"]", "q".repeat(49)),
                format!("exclusions[\"{clipped}\"]"),
                "flagged".to_owned(),
                "position".to_owned(),
            ]
        );
        for problem in &problems {
            let text = problem.to_string();
            assert!(text.len() < 400 && text.contains("qqq…"), "{text}");
        }
    }

    #[test]
    fn an_over_long_value_in_a_json_error_is_cut_short() {
        let long = "q".repeat(10_000);
        for text in [
            serde_json::json!({"schema_version": 1, "depth": long}),
            serde_json::json!({"answers": {}, &long: 1}),
        ] {
            let error = AnswersFile::parse("long.json", &text.to_string()).unwrap_err();
            let message = error.to_string();
            assert!(message.len() < 500 && message.contains("qqq…"), "{message}");
            assert!(message.starts_with("long.json:1:"), "{message}");
        }
    }

    #[test]
    fn only_the_first_unknown_ids_get_a_suggestion() {
        let questionnaire =
            Questionnaire::parse("default", Questionnaire::embedded_text()).unwrap();
        let typos: serde_json::Map<String, Value> = (0..100)
            .map(|n| (format!("ai.autonomy{n:02}"), Value::from("a note")))
            .collect();
        let file = serde_json::json!({"answers": typos, "notes": typos});
        let error = AnswersFile::load("typos.json", &file.to_string(), &questionnaire);
        let Err(Problems::Invalid { problems, .. }) = error else {
            panic!("{error:?}");
        };
        let suggested: Vec<bool> = problems
            .iter()
            .map(|problem| problem.message.contains("did you mean \"ai.autonomy\"?"))
            .collect();
        assert_eq!(suggested.len(), 200);
        assert_eq!(suggested.iter().filter(|yes| **yes).count(), 20);
        assert!(suggested[..20].iter().all(|yes| *yes), "{problems:?}");
    }
}
