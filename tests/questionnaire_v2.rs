//! Version 2 of the default questionnaire: management-system clauses asked once per standard
//! (paired on one screen when both are in scope), quick questions of one topic each, a quick
//! assessment that fits a 45-minute call, and answers saved under version 1 IDs carried forward.

mod common;
#[path = "support/profiles.rs"]
mod profiles;
#[path = "support/report_schema.rs"]
mod report_schema;

use std::collections::BTreeMap;
use std::path::Path;

use isoready::assess::{Evaluation, Report};
use isoready::model::{
    Answers, AnswersFile, Catalogs, ControlRef, Depth, ItemKind, Maturity, Questionnaire, Session,
    Standard,
};
use profiles::{QUESTIONNAIRE, assess, profile};
use serde_json::{Value, json};

fn fixture(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} exists", path.display()))
}

/// The default questionnaire as version 1 shipped it.
fn version_1() -> Questionnaire {
    Questionnaire::parse(
        "default-v1.json",
        &fixture("questionnaires/previous/default-v1.json"),
    )
    .expect("version 1 stays valid")
}

/// An organisation that needs both standards, every scoping question answered.
fn both() -> Value {
    profile(json!({
        "org.sector": "healthcare", "org.size": "medium", "org.certifications": ["iso27001"],
        "data.categories": ["personal"], "ai.use": ["internal_operations", "in_products"],
        "ai.autonomy": "human_in_the_loop", "ai.affects_individuals": true,
        "ai.sensitive_data": true, "drivers.requests": ["iso42001"],
    }))
}

fn answers(value: Value) -> Answers {
    serde_json::from_value(value).expect("answers")
}

fn evaluation<'a>(
    questionnaire: &'a Questionnaire,
    given: &Answers,
    depth: Depth,
) -> Evaluation<'a> {
    Evaluation::new(questionnaire, Catalogs::embedded(), given, depth)
}

fn clauses_percent(report: &Report, standard: Standard) -> f64 {
    report.readiness[&standard]
        .domains
        .iter()
        .find(|domain| domain.id == "clauses")
        .expect("a clauses domain")
        .percent
}

/// `both()` with every question mapping an item of `standard` answered implemented, at both
/// depths, and nothing else.
fn implemented_for(standard: Standard) -> Report {
    let mut given = both();
    for (_, question) in QUESTIONNAIRE.questions() {
        if question.maps.iter().any(|m| m.standard == standard) {
            given[question.id.as_str()] = json!("implemented");
        }
    }
    let (report, _) = assess(given);
    assert_eq!(report.readiness.len(), 2, "both standards are reported");
    report
}

#[test]
fn no_question_maps_items_of_both_standards() {
    for (_, question) in QUESTIONNAIRE.questions() {
        let standards: Vec<Standard> = question.maps.iter().map(|m| m.standard).collect();
        assert!(
            standards.windows(2).all(|pair| pair[0] == pair[1]),
            "{} maps both standards",
            question.id
        );
    }
}

#[test]
fn implemented_27001_work_leaves_the_42001_management_system_far_from_ready() {
    let report = implemented_for(Standard::Iso27001);
    assert_eq!(clauses_percent(&report, Standard::Iso27001), 100.0);
    let aims = clauses_percent(&report, Standard::Iso42001);
    assert!(
        aims < 25.0,
        "ISO 42001 clauses {aims}% ready with no AI work"
    );
}

#[test]
fn implemented_42001_work_leaves_the_27001_management_system_far_from_ready() {
    let report = implemented_for(Standard::Iso42001);
    assert_eq!(clauses_percent(&report, Standard::Iso42001), 100.0);
    let isms = clauses_percent(&report, Standard::Iso27001);
    assert!(
        isms < 25.0,
        "ISO 27001 clauses {isms}% ready with no security work"
    );
}

/// Quick screens for a profile: asked questions, a pair counting once.
fn quick_screens(profile: Value) -> usize {
    evaluation(&QUESTIONNAIRE, &answers(profile), Depth::Quick).screens()
}

#[test]
fn a_quick_assessment_of_both_standards_fits_a_45_minute_call() {
    let both = quick_screens(both());
    assert!((55..=70).contains(&both), "{both} quick screens for both");
    let security = quick_screens(profile(json!({"data.categories": ["personal"]})));
    let ai = quick_screens(profile(json!({
        "ai.use": ["in_products"], "ai.autonomy": "assistive", "ai.affects_individuals": false,
    })));
    assert!(security < both && ai < security, "{security} and {ai}");
    eprintln!("quick screens: both {both}, ISO 27001 only {security}, ISO 42001 only {ai}");
}

#[test]
fn a_visible_pair_counts_as_one_screen() {
    let evaluation = evaluation(&QUESTIONNAIRE, &answers(both()), Depth::Quick);
    let pairs = evaluation
        .asked
        .iter()
        .filter_map(|id| QUESTIONNAIRE.question(id))
        .filter(|q| {
            q.pairs_with
                .as_deref()
                .is_some_and(|lead| evaluation.is_asked(lead))
        })
        .count();
    assert!(pairs >= 14, "{pairs} pairs: one per clause topic");
    assert_eq!(evaluation.screens(), evaluation.asked.len() - pairs);
    // Alone, the AI question is a screen of its own.
    let ai_only = profile(json!({
        "ai.use": ["in_products"], "ai.autonomy": "assistive", "ai.affects_individuals": false,
    }));
    let alone = self::evaluation(&QUESTIONNAIRE, &answers(ai_only), Depth::Quick);
    assert_eq!(alone.screens(), alone.asked.len());
}

#[test]
fn no_quick_question_maps_more_than_five_annex_a_controls() {
    let catalogs = Catalogs::embedded();
    for (_, question) in QUESTIONNAIRE.questions() {
        if question.depth != Depth::Quick {
            continue;
        }
        let controls = question
            .maps
            .iter()
            .filter(|m| {
                catalogs
                    .item(m)
                    .is_some_and(|item| item.kind == ItemKind::Control)
            })
            .count();
        assert!(controls <= 5, "{} maps {controls} controls", question.id);
    }
}

#[test]
fn every_clause_question_of_the_ai_management_system_pairs_with_its_security_twin() {
    for (section, question) in QUESTIONNAIRE.questions() {
        let clause_of = |standard| {
            question.maps.iter().any(|m| {
                m.standard == standard
                    && Catalogs::embedded()
                        .item(m)
                        .is_some_and(|item| item.kind == ItemKind::Clause)
            })
        };
        if !section.id.starts_with("ms.") || !clause_of(Standard::Iso42001) {
            continue;
        }
        let Some(lead) = question.pairs_with.as_deref() else {
            // 6.1.4 and 8.4 have no security twin; they live with the impact assessment.
            panic!("{} has no security twin", question.id);
        };
        let lead = QUESTIONNAIRE.question(lead).expect("lead exists");
        assert!(
            lead.maps.iter().all(|m| m.standard == Standard::Iso27001),
            "{}",
            lead.id
        );
    }
}

// --- Answers saved under version 1 IDs --------------------------------------------------------

fn v1_session() -> Session {
    serde_json::from_str(&fixture("sessions/questionnaire-v1.json")).expect("a session")
}

/// Each assessable item's level under a questionnaire.
fn levels(questionnaire: &Questionnaire, session: &Session) -> BTreeMap<ControlRef, Maturity> {
    evaluation(questionnaire, &session.answers, session.depth)
        .statuses
        .into_iter()
        .filter_map(|(reference, status)| Some((reference, status.level?)))
        .collect()
}

#[test]
fn a_version_1_session_is_carried_to_version_2_ids_with_a_warning_for_each() {
    let mut session = v1_session();
    let before = session.clone();
    let warnings = session.carry_replaced(&QUESTIONNAIRE);
    assert!(
        session.answers_doc().validate(&QUESTIONNAIRE).is_empty(),
        "carried answers fit version 2"
    );
    for old in before
        .answers
        .keys()
        .filter(|id| QUESTIONNAIRE.question(id).is_none())
    {
        let replacing: Vec<&str> = QUESTIONNAIRE
            .replacing(old)
            .iter()
            .map(|q| q.id.as_str())
            .collect();
        assert!(!replacing.is_empty(), "{old} is replaced");
        let warning = warnings
            .iter()
            .find(|w| w.starts_with(&format!("answers[\"{old}\"]")))
            .unwrap_or_else(|| panic!("a warning for {old}"));
        for new in replacing {
            assert!(warning.contains(new), "{warning} names {new}");
        }
    }
    // Notes, flags and the resume position move too.
    assert_eq!(
        session.notes["ms.leadership.direction_isms"],
        before.notes["sec.org.governance"]
    );
    assert_eq!(
        session.notes["sec.tech.logging_monitoring"],
        before.notes["sec.tech.resilience_logging"]
    );
    assert!(session.flagged.contains("ms.performance.audit_isms"));
    assert!(session.flagged.contains("ms.performance.audit_aims"));
    assert_eq!(
        session.position.as_deref(),
        Some("aims.transparency.user_information")
    );
    assert!(
        session
            .answers
            .keys()
            .all(|id| QUESTIONNAIRE.question(id).is_some())
    );
}

#[test]
fn carried_answers_give_each_item_the_status_version_1_gave_it() {
    let before = v1_session();
    let mut after = before.clone();
    after.carry_replaced(&QUESTIONNAIRE);
    let old = levels(&version_1(), &before);
    let new = levels(&QUESTIONNAIRE, &after);
    let mut differ = Vec::new();
    for (reference, level) in &old {
        match new.get(reference) {
            Some(same) if same == level => {}
            other => differ.push(format!(
                "{reference}: {level} → {}",
                other.map_or("none".to_owned(), |l| l.to_string())
            )),
        }
    }
    // Where version 2 asks one question for what two version 1 questions asked differently,
    // the first ID it replaces gives the answer (and the warning says so): security policy
    // and roles now follow the leadership answer rather than the Annex A governance one,
    // equipment upkeep the premises answer rather than the equipment and media one, and the
    // AI policy clause the AI policy answer rather than the leadership one. Every other item
    // keeps its status.
    assert_eq!(
        differ,
        [
            "iso27001:A.5.1: partial → planned",
            "iso27001:A.5.2: partial → planned",
            "iso27001:A.5.4: partial → planned",
            "iso27001:A.7.13: partial → unknown",
            "iso27001:A.7.8: partial → unknown",
            "iso42001:5.2: planned → not_started",
        ]
    );
    assert!(
        old.len() > 100,
        "the fixture answers most items: {}",
        old.len()
    );
    let gained: Vec<String> = new
        .iter()
        .filter(|(reference, _)| !old.contains_key(*reference))
        .map(|(reference, level)| format!("{reference}: {level}"))
        .collect();
    // A version 2 question that took in a topic another version 1 question asked about gives
    // its carried answer to that topic's controls too, when that other question was left
    // unanswered: compliance checks follow the internal audit and
    // monitoring answers, operating procedures the documents answer, security in projects the
    // secure development answer, awareness training the support answer, remote working the
    // devices-off-site answer and event reporting the incident answer.
    assert_eq!(
        gained,
        [
            "iso27001:A.5.36: not_started",
            "iso27001:A.5.37: unknown",
            "iso27001:A.5.8: partial",
            "iso27001:A.6.3: partial",
            "iso27001:A.6.7: partial",
            "iso27001:A.6.8: planned",
        ]
    );
}

#[test]
fn an_id_nothing_replaces_is_still_an_unknown_question() {
    let text = json!({"questionnaire": "isoready-default",
                      "answers": {"ms.planning.risk": "partial", "ms.planning.riks": "partial"}})
    .to_string();
    let problems = match AnswersFile::load("typo.json", &text, &QUESTIONNAIRE) {
        Err(isoready::model::Problems::Invalid { problems, .. }) => problems,
        other => panic!("expected an invalid file, got {other:?}"),
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "answers[\"ms.planning.riks\"]");
    assert!(problems[0].message.contains("unknown question ID"));
}

fn isoready(data: &Path) -> assert_cmd::Command {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("isoready");
    command
        .env("NO_COLOR", "1")
        .env_remove("ISOREADY_QUESTIONNAIRE")
        .arg("--data-dir")
        .arg(data);
    command
}

fn fixture_path(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

#[test]
fn assess_and_import_read_version_1_ids_and_say_where_each_answer_went() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = fixture_path("sessions/questionnaire-v1.json");
    let output = isoready(tmp.path())
        .arg("assess")
        .arg("--answers")
        .arg(&file)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8(output.stderr).expect("text");
    assert!(
        stderr.contains(&format!(
            "warning: {}: answers[\"ms.planning.risk\"] is for a question that questionnaire isoready-default version 2 replaced: its answer carried to ms.planning.risk_isms and ms.planning.risk_aims",
            file.display()
        )),
        "{stderr}"
    );
    let output = isoready(tmp.path())
        .arg("import")
        .arg(&file)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8(output.stderr).expect("text");
    assert!(stderr.contains("sec.tech.secure_development"), "{stderr}");
    let stored = std::fs::read_dir(tmp.path())
        .expect("data dir")
        .filter_map(Result::ok)
        .find(|entry| entry.path().extension().is_some_and(|e| e == "json"))
        .expect("a stored session");
    let session: Session =
        serde_json::from_str(&std::fs::read_to_string(stored.path()).expect("readable"))
            .expect("a session");
    let unknown: Vec<&String> = session
        .answers
        .keys()
        .chain(session.notes.keys())
        .chain(&session.flagged)
        .filter(|id| QUESTIONNAIRE.question(id).is_none())
        .collect();
    assert!(unknown.is_empty(), "stored with old IDs: {unknown:?}");
    // The eleven secure development controls were one question; the three that replace it
    // (and the one taking projects along) each carry its answer.
    for id in [
        "sec.tech.secure_design",
        "sec.tech.code",
        "sec.tech.environments_change",
    ] {
        assert_eq!(
            session.answers[id].as_maturity(),
            Some(Maturity::Partial),
            "{id}"
        );
    }
}

#[test]
fn an_unknown_id_in_a_version_1_file_is_still_bad_input_naming_it() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("answers.json");
    let text = json!({"questionnaire": "isoready-default",
                      "answers": {"sec.org.assets": "partial", "sec.org.asets": "partial"}});
    std::fs::write(&file, text.to_string()).expect("written");
    let output = isoready(tmp.path())
        .arg("assess")
        .arg("--answers")
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).expect("text");
    assert!(
        stderr.contains("answers[\"sec.org.asets\"]: unknown question ID"),
        "{stderr}"
    );
    assert!(!stderr.contains("answers[\"sec.org.assets\"]"), "{stderr}");
}

#[test]
fn opening_a_version_1_session_saves_it_with_version_2_ids() {
    use isoready::tui::msg::{Effect, Msg};
    let mut app = common::app();
    let effects = isoready::tui::update::update(
        &mut app,
        Msg::Opened {
            session: Box::new(v1_session()),
            read_only: None,
        },
    );
    let saved = effects
        .iter()
        .find_map(|effect| match effect {
            Effect::Save(session) => Some(session),
            _ => None,
        })
        .expect("saved at once");
    assert!(
        saved
            .answers
            .keys()
            .all(|id| QUESTIONNAIRE.question(id).is_some())
    );
    assert_eq!(
        saved.answers["ms.context.issues_parties_aims"],
        saved.answers["ms.context.issues_parties_isms"]
    );
    let banner = app.banner.as_ref().expect("a banner");
    assert!(
        banner
            .text
            .starts_with("Updated to questionnaire version 2"),
        "{}",
        banner.text
    );
    // Resumes where the session was left: the question that replaced the saved position.
    let (_, current) = app.current().expect("a question");
    assert_eq!(current.id, "aims.transparency.user_information");
}
