//! The accessible plain mode: the same questions, conditions and saving, as line prompts.

mod common;

use common::{app_with, session};
use isoready::model::{AnswerValue, Session};
use isoready::tui::app::App;
use isoready::tui::driver::Perform;
use isoready::tui::msg::{Effect, Msg};
use isoready::tui::plain;

/// A performer that keeps every session saved (or fails every save) and does nothing else.
#[derive(Default)]
struct Recorder {
    saved: Vec<Session>,
    fail: bool,
}

impl Perform for Recorder {
    fn perform(&mut self, effect: Effect, _app: &App) -> Vec<Msg> {
        match effect {
            Effect::Save(_) if self.fail => vec![Msg::SaveFailed("disk full".into())],
            Effect::Save(session) => {
                self.saved.push(*session);
                vec![Msg::Saved]
            }
            _ => Vec::new(),
        }
    }
}

fn run(typed: &str, recorder: &mut Recorder) -> (App, String) {
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
    assert!(
        out.contains("\"None of these\" stands alone: pick it without the others."),
        "{out}"
    );
}

#[test]
fn n_answers_no_on_a_yes_no_question_and_every_answer_is_confirmed() {
    let mut recorder = Recorder::default();
    // Sector, size, certifications none, data personal, AI use internal operations, autonomy,
    // then "n" on the yes/no question whether AI affects people.
    let (app, out) = run("1\n3\n6\n1\n2\n1\nn\nq\n", &mut recorder);
    assert_eq!(
        app.assessment
            .as_ref()
            .and_then(|a| a.session.answers.get("ai.affects_individuals")),
        Some(&AnswerValue::Bool(false)),
        "{out}"
    );
    assert!(
        out.contains("Answered: Healthcare and life sciences."),
        "{out}"
    );
    assert!(
        out.contains("(All that apply: type every number that fits"),
        "{out}"
    );
    assert!(!out.contains("Note (one line"), "n opened no note: {out}");
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

/// Runs the plain mode from question `at` of a session with ISO 27001 in scope.
fn run_at(
    at: &str,
    depth: isoready::model::Depth,
    prepare: impl FnOnce(&mut Session),
    typed: &str,
    recorder: &mut Recorder,
) -> (isoready::tui::app::App, String) {
    let mut session = common::scoped_session();
    session.depth = depth;
    session.position = Some(at.to_owned());
    prepare(&mut session);
    let mut app = app_with(session);
    let mut out = Vec::new();
    plain::run(&mut app, recorder, &mut typed.as_bytes(), &mut out).expect("plain run");
    (app, String::from_utf8(out).expect("utf-8"))
}

fn na() -> AnswerValue {
    AnswerValue::Text("not_applicable".into())
}

const PREMISES: &str = "sec.physical.perimeters_entry";

#[test]
fn a_grouped_not_applicable_asks_which_controls_are_excluded_and_why() {
    let mut recorder = Recorder::default();
    let typed = "5\n9\n1 3\n\nShared floor, the landlord runs the building\nb\nq\n";
    let (_, out) = run_at(
        PREMISES,
        isoready::model::Depth::Quick,
        |_| {},
        typed,
        &mut recorder,
    );
    assert!(
        out.contains("  3) A.7.3 Securing offices, rooms and facilities"),
        "{out}"
    );
    assert!(
        out.contains(
            "Which of these are excluded? (numbers separated by spaces, 'all', or Enter for none)"
        ),
        "{out}"
    );
    assert!(
        out.contains("\"9\" is not a control number: type 1 to 3"),
        "{out}"
    );
    assert!(
        out.contains("Why? (one justification for all of them)"),
        "{out}"
    );
    assert!(
        out.contains(isoready::tui::update::NEEDS_JUSTIFICATION),
        "an empty justification is asked again: {out}"
    );
    // The answer and the exclusions arrive in the same save.
    let first = recorder
        .saved
        .iter()
        .find(|saved| saved.answers.contains_key(PREMISES))
        .expect("saved");
    assert_eq!(first.answers.get(PREMISES), Some(&na()));
    let justification = "Shared floor, the landlord runs the building";
    assert_eq!(
        first.exclusions,
        [
            ("iso27001:A.7.1".to_owned(), justification.to_owned()),
            ("iso27001:A.7.3".to_owned(), justification.to_owned()),
        ]
        .into()
    );
    // Back on the question, its exclusions are read out.
    let back = out.rfind(&format!("] {PREMISES}")).expect("asked again");
    assert!(
        out[back..].contains(&format!("Excluded: A.7.1, A.7.3 — {justification}")),
        "{}",
        &out[back..]
    );
    assert!(out[back..].contains("Current answer: Not applicable"));
}

#[test]
fn no_control_excluded_keeps_the_answer_and_b_cancels() {
    let mut recorder = Recorder::default();
    let (app, out) = run_at(
        PREMISES,
        isoready::model::Depth::Quick,
        |_| {},
        "5\nb\n5\n\nq\n",
        &mut recorder,
    );
    assert!(out.contains("Cancelled: the answer is as it was."), "{out}");
    let session = &app.assessment.as_ref().expect("open").session;
    assert_eq!(session.answers.get(PREMISES), Some(&na()));
    assert!(session.exclusions.is_empty());
    assert!(
        !out.contains("Why?"),
        "no justification is asked when nothing is excluded: {out}"
    );
}

#[test]
fn x_edits_the_exclusions_and_keeps_the_answer() {
    let mut recorder = Recorder::default();
    let (app, out) = run_at(
        PREMISES,
        isoready::model::Depth::Quick,
        |session| {
            session
                .answers
                .insert(PREMISES.into(), AnswerValue::Text("partial".into()));
            session
                .exclusions
                .insert("iso27001:A.7.2".into(), "No cameras needed".into());
        },
        "x\nall\n\nq\n",
        &mut recorder,
    );
    assert!(out.contains("(excluded now)"), "{out}");
    assert!(
        out.contains("Current justification: No cameras needed"),
        "{out}"
    );
    let session = &app.assessment.as_ref().expect("open").session;
    assert_eq!(
        session.answers.get(PREMISES),
        Some(&AnswerValue::Text("partial".into()))
    );
    assert_eq!(session.exclusions.len(), 3);
    assert!(
        session
            .exclusions
            .values()
            .all(|text| text == "No cameras needed")
    );
}

#[test]
fn a_per_control_not_applicable_asks_for_the_justification_as_the_note() {
    let id = "sec.physical.monitoring";
    let mut recorder = Recorder::default();
    let (app, out) = run_at(
        id,
        isoready::model::Depth::Full,
        |_| {},
        "5\n\nNo premises of our own to monitor\nb\nq\n",
        &mut recorder,
    );
    assert!(out.contains("Why does it not apply here?"), "{out}");
    assert!(
        out.contains(isoready::tui::update::NEEDS_OWN_JUSTIFICATION),
        "{out}"
    );
    let saved = recorder
        .saved
        .iter()
        .find(|saved| saved.answers.contains_key(id))
        .expect("saved");
    assert_eq!(saved.answers.get(id), Some(&na()));
    assert_eq!(
        saved.notes.get(id).map(String::as_str),
        Some("No premises of our own to monitor")
    );
    assert_eq!(
        app.assessment
            .as_ref()
            .and_then(|a| a.session.position.as_deref()),
        Some(id),
        "b went back to it"
    );
}

#[test]
fn enter_on_a_full_depth_question_takes_the_grouped_answer() {
    let id = "sec.physical.perimeters";
    let mut recorder = Recorder::default();
    let (_, out) = run_at(
        id,
        isoready::model::Depth::Full,
        |session| {
            session
                .answers
                .insert(PREMISES.into(), AnswerValue::Text("partial".into()));
        },
        "\nq\n",
        &mut recorder,
    );
    assert!(
        out.contains("Enter takes the grouped answer, Partly in place."),
        "{out}"
    );
    let last = recorder.saved.last().expect("saved");
    assert_eq!(
        last.answers.get(id),
        Some(&AnswerValue::Text("partial".into()))
    );
}

#[test]
fn names_and_notes_from_a_file_cannot_drive_the_terminal() {
    let mut hostile = session();
    hostile.client = "Evil\u{1b}]0;owned\u{7}\u{9b}2J Co".to_owned();
    hostile
        .notes
        .insert("org.sector".to_owned(), "note\u{1b}c".to_owned());
    let mut app = app_with(hostile);
    let mut out = Vec::new();
    plain::run(
        &mut app,
        &mut Recorder::default(),
        &mut "?\nq\n".as_bytes(),
        &mut out,
    )
    .expect("plain run");
    let out = String::from_utf8(out).expect("utf-8");
    assert!(out.contains("Evil]0;owned2J Co"), "{out}");
    assert!(
        !out.contains(|c: char| c.is_control() && c != '\n' && c != '\t'),
        "{out:?}"
    );
}

#[test]
fn a_session_open_elsewhere_says_so_first_and_ends_without_claiming_a_save() {
    let mut app = common::app();
    isoready::tui::update::update(
        &mut app,
        Msg::Opened {
            session: Box::new(session()),
            read_only: Some("process 7 on host-b".into()),
        },
    );
    let mut out = Vec::new();
    plain::run(
        &mut app,
        &mut Recorder::default(),
        &mut "q\n".as_bytes(),
        &mut out,
    )
    .expect("plain run");
    let out = String::from_utf8(out).expect("utf-8");
    let notice = out.find("Read-only: process 7 on host-b").expect(&out);
    let question = out.find("org.sector").expect(&out);
    assert!(
        notice < question,
        "the notice comes before the first question: {out}"
    );
    assert!(out.contains("Nothing was changed"), "{out}");
    assert!(!out.contains("Saved."), "{out}");
}
