//! The accessible plain mode: the same questions, conditions and saving, as line prompts.

mod common;

use common::{app_with, session};
use isoready::model::{AnswerValue, Session};
use isoready::tui::plain::{self, Saver};

#[derive(Default)]
struct Recorder {
    saved: Vec<Session>,
    fail: bool,
}

impl Saver for Recorder {
    fn save(&mut self, session: &Session) -> Result<(), String> {
        if self.fail {
            return Err("disk full".into());
        }
        self.saved.push(session.clone());
        Ok(())
    }
}

fn run(typed: &str, recorder: &mut Recorder) -> (isoready::tui::app::App, String) {
    let mut app = app_with(session());
    let mut out = Vec::new();
    plain::run(&mut app, recorder, &mut typed.as_bytes(), &mut out).expect("plain run");
    (app, String::from_utf8(out).expect("utf-8"))
}

#[test]
fn answers_are_saved_one_by_one_and_conditions_apply() {
    let mut recorder = Recorder::default();
    // sector 1, size 3, certifications none (6), data 1 and 2, AI use 3 → autonomy follows.
    let (app, out) = run("1\n3\n6\n1 2\n3\n4\nq\n", &mut recorder);
    let last = recorder.saved.last().expect("saved");
    assert_eq!(
        last.answers.get("org.sector"),
        Some(&AnswerValue::Text("healthcare".into()))
    );
    assert_eq!(
        last.answers.get("data.categories"),
        Some(&AnswerValue::List(vec![
            "personal".into(),
            "special_category".into()
        ]))
    );
    assert_eq!(
        last.answers.get("ai.autonomy"),
        Some(&AnswerValue::Text("autonomous".into()))
    );
    assert!(
        recorder.saved.len() >= 6,
        "one save per answer: {}",
        recorder.saved.len()
    );
    assert!(
        out.contains("ai.autonomy"),
        "the conditional question is asked:\n{out}"
    );
    assert!(out.contains("Saved. Resume with: isoready resume"));
    assert!(
        out.starts_with("isoready, plain mode.")
            && out.contains("Assessment of Northwind Clinics, quick depth"),
        "{out}"
    );
    assert_eq!(
        app.assessment
            .as_ref()
            .and_then(|a| a.session.position.clone())
            .as_deref(),
        Some("ai.affects_individuals")
    );
}

#[test]
fn bad_input_is_explained_and_back_works_from_an_unanswered_question() {
    let mut recorder = Recorder::default();
    let (_, out) = run("12\n\nb\n2\nq\n", &mut recorder);
    assert!(
        out.contains("\"12\" is not an option number: type 1 to 9."),
        "{out}"
    );
    let last = recorder.saved.last().expect("saved");
    assert_eq!(
        last.answers.get("org.sector"),
        Some(&AnswerValue::Text("finance".into()))
    );
    assert!(
        !last.answers.contains_key("org.size"),
        "skipped question stays open"
    );
}

#[test]
fn an_exclusive_option_cannot_be_combined() {
    let mut recorder = Recorder::default();
    let (_, out) = run("1\n1\n1 6\nq\n", &mut recorder);
    assert!(out.contains("That option stands alone"), "{out}");
}

#[test]
fn a_failed_save_is_reported_and_the_answer_kept() {
    let mut recorder = Recorder {
        fail: true,
        ..Recorder::default()
    };
    let (app, out) = run("1\n", &mut recorder);
    assert!(out.contains("Not saved (disk full)"), "{out}");
    assert_eq!(
        app.assessment
            .as_ref()
            .and_then(|a| a.session.answers.get("org.sector")),
        Some(&AnswerValue::Text("healthcare".into()))
    );
}

#[test]
fn results_are_read_out_in_plain_sentences() {
    let mut recorder = Recorder::default();
    let (_, out) = run("1\n3\n6\n1\n5\n4\nr\n", &mut recorder);
    assert!(
        out.contains("Recommendation: ISO/IEC 27001 (information security)."),
        "{out}"
    );
    assert!(out.contains("Top gaps:"), "{out}");
}

#[test]
fn repeated_numbers_count_once_and_read_only_sessions_refuse_notes() {
    let mut recorder = Recorder::default();
    let (_, _) = run("1\n3\n3,1,1\nq\n", &mut recorder);
    let last = recorder.saved.last().expect("saved");
    assert_eq!(
        last.answers.get("org.certifications"),
        Some(&AnswerValue::List(vec![
            "iso27001".into(),
            "iso27701".into()
        ]))
    );

    let mut app = common::app();
    isoready::tui::update::update(
        &mut app,
        isoready::tui::msg::Msg::Opened {
            session: Box::new(session()),
            read_only: Some("process 7 on host-b".into()),
        },
    );
    let mut recorder = Recorder::default();
    let mut out = Vec::new();
    plain::run(
        &mut app,
        &mut recorder,
        &mut "n\nmy note\nq\n".as_bytes(),
        &mut out,
    )
    .expect("plain run");
    let out = String::from_utf8(out).expect("utf-8");
    assert!(
        recorder.saved.is_empty(),
        "nothing is written to a session another isoready holds"
    );
    assert!(out.contains("Read-only"), "{out}");
}

#[test]
fn the_second_question_of_a_pair_recalls_its_lead_and_shares_its_screen() {
    let mut session = session();
    for (id, value) in [
        ("org.certifications", AnswerValue::List(vec!["none".into()])),
        (
            "data.categories",
            AnswerValue::List(vec!["personal".into()]),
        ),
        ("ai.use", AnswerValue::List(vec!["in_products".into()])),
        ("ai.autonomy", AnswerValue::Text("assistive".into())),
        ("ai.affects_individuals", AnswerValue::Bool(false)),
        ("ai.sensitive_data", AnswerValue::Bool(false)),
        ("drivers.requests", AnswerValue::List(vec!["none".into()])),
    ] {
        session.answers.insert(id.into(), value);
    }
    session.position = Some("ms.context.issues_parties_isms".into());
    let mut app = app_with(session);
    let mut recorder = Recorder::default();
    let mut out = Vec::new();
    plain::run(&mut app, &mut recorder, &mut "3\nq\n".as_bytes(), &mut out).expect("plain run");
    let out = String::from_utf8(out).expect("utf-8");
    let lead = app
        .questionnaire
        .question("ms.context.issues_parties_isms")
        .expect("the lead")
        .prompt
        .clone();
    assert!(
        out.contains("[Context of the organisation · screen 10 of "),
        "{out}"
    );
    assert!(
        out.contains(", part 2] ms.context.issues_parties_aims"),
        "{out}"
    );
    assert!(
        out.contains(&format!("(Follows: {lead} Answered: Partly in place.)")),
        "{out}"
    );
}
