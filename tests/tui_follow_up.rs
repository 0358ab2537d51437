//! A follow-up call in the TUI: `f` on the home screen starts one, the question screen shows
//! what the client said last time once the answer differs, `c` walks the answers still to
//! confirm, and the results show what moved.

mod common;

use common::{app, app_with, current_id, press, questionnaire, render, session, text};
use isoready::model::{AnswerValue, QuestionKind, Session, Standard};
use isoready::tui::app::App;
use isoready::tui::msg::{Effect, Msg, RowState, SessionRow};
use isoready::tui::update::update;

/// The first call: scoping answered (no AI), the first readiness questions "partial".
fn first_call() -> Session {
    let mut session = session();
    let text = |value: &str| AnswerValue::Text(value.to_owned());
    let list = |value: &str| AnswerValue::List(vec![value.to_owned()]);
    for (id, value) in [
        ("org.sector", text("technology")),
        ("org.size", text("small")),
        ("org.certifications", list("none")),
        ("data.categories", list("personal")),
        ("ai.use", list("none")),
    ] {
        session.answers.insert(id.to_owned(), value);
    }
    let questionnaire = questionnaire();
    let readiness: Vec<String> = questionnaire
        .questions()
        .map(|(_, question)| question)
        .filter(|question| question.kind == QuestionKind::Maturity)
        .filter(|question| question.depth.asked_at(session.depth))
        .take(4)
        .map(|question| question.id.clone())
        .collect();
    for id in readiness {
        session.answers.insert(id, text("not_started"));
    }
    session.created = "2026-09-01T10:00:00Z".parse().unwrap();
    session.updated = "2026-09-02T16:00:00Z".parse().unwrap();
    session
}

/// The follow-up of `first_call`, opened with its previous session found.
fn follow_up_app() -> (App, Session) {
    let previous = first_call();
    let follow_up = previous.follow_up(
        "01900000-0000-7000-8000-0000000000f2".to_owned(),
        &questionnaire(),
        "2026-12-01T10:00:00Z".parse().unwrap(),
    );
    let mut app = app_with(follow_up);
    update(&mut app, Msg::PreviousFound(Box::new(previous.clone())));
    (app, previous)
}

fn screen(app: &App) -> String {
    text(&render(app, 120, 40))
}

#[test]
fn f_on_the_home_screen_starts_a_follow_up_of_the_highlighted_session() {
    let mut app = app();
    let row = |id: &str, client: &str| SessionRow {
        id: id.to_owned(),
        client: client.to_owned(),
        state: RowState::Unreadable("not a session".to_owned()),
    };
    update(
        &mut app,
        Msg::SessionsLoaded(vec![row("id-one", "Acme"), row("id-two", "Globex")]),
    );
    assert_eq!(press(&mut app, &["f"]), [], "nothing is highlighted yet");
    let effects = press(&mut app, &["<Down>", "<Down>", "f"]);
    assert_eq!(
        effects,
        [Effect::FollowUp {
            from: "id-two".to_owned(),
            client: None,
            assessor: None,
            depth: None,
        }]
    );
}

#[test]
fn the_previous_answer_shows_once_the_answer_differs() {
    let (mut app, previous) = follow_up_app();
    let banner = app.banner.as_ref().unwrap().text.clone();
    assert!(
        banner.contains("follow-up of the call of 2026-09-01"),
        "{banner}"
    );
    let first = press(&mut app, &["c"]);
    assert!(first.is_empty());
    let id = current_id(&app);
    assert_eq!(
        app.assessment.as_ref().unwrap().session.answers.get(&id),
        previous.answers.get(&id),
        "c lands on an answer unchanged since the first call"
    );
    assert!(!screen(&app).contains("↺"), "{}", screen(&app));

    // The client has shrunk: "micro" (the first option) instead of "small".
    assert!(app.go_to_question("org.size"));
    let id = current_id(&app);
    let changed = press(&mut app, &["1"]);
    assert!(
        matches!(changed.first(), Some(Effect::Save(_))),
        "{changed:?}"
    );
    assert!(app.go_to_question("org.size"));
    let shown = screen(&app);
    let then = previous.answers.get(&id).unwrap();
    let label = app
        .questionnaire
        .question(&id)
        .unwrap()
        .options
        .iter()
        .find(|option| AnswerValue::Text(option.value.clone()) == *then)
        .unwrap()
        .label
        .clone();
    assert!(shown.contains("↺ changed since 2026-09-01"), "{shown}");
    assert!(shown.contains(&format!("{label}  ↺ 2026-09-01")), "{shown}");
}

#[test]
fn c_walks_the_answers_unchanged_since_the_last_call_and_counts_them() {
    let (mut app, previous) = follow_up_app();
    let mut visited = Vec::new();
    for _ in 0..previous.answers.len() {
        press(&mut app, &["c"]);
        visited.push(current_id(&app));
    }
    // The answers of questions still asked (the AI ones stay hidden without AI).
    let asked: Vec<String> = app
        .assessment
        .as_ref()
        .unwrap()
        .visible
        .iter()
        .map(|&flat| app.entry(flat).1.id.clone())
        .collect();
    let mut expected: Vec<String> = previous
        .answers
        .keys()
        .filter(|id| asked.contains(id))
        .cloned()
        .collect();
    expected.sort();
    let mut seen = visited.clone();
    seen.sort();
    seen.dedup();
    assert_eq!(
        seen, expected,
        "every answer from the first call, once each"
    );
    let banner = app.banner.as_ref().unwrap().text.clone();
    assert!(
        banner.starts_with(&format!(
            "{} answers unchanged since 2026-09-01:",
            expected.len()
        )),
        "{banner}"
    );
}

#[test]
fn c_outside_a_follow_up_says_how_to_start_one() {
    let mut app = app_with(first_call());
    let before = current_id(&app);
    press(&mut app, &["c"]);
    assert_eq!(current_id(&app), before);
    assert!(app.banner.as_ref().unwrap().text.contains("follow-up"));
}

#[test]
fn the_results_show_what_moved_and_mark_new_gaps() {
    let (mut app, _) = follow_up_app();
    assert!(app.go_to_question("ai.use"));
    // AI comes into scope (in products): ISO 42001 work opens, so new gaps appear.
    update(
        &mut app,
        Msg::Answer(Some(AnswerValue::List(vec!["in_products".to_owned()]))),
    );
    let comparison = app
        .comparison()
        .expect("a follow-up has a comparison")
        .clone();
    assert_eq!(comparison.old.date.as_deref(), Some("2026-09-01"));
    // Adding AI closes nothing and opens AI-management work only.
    assert!(comparison.gaps.closed.is_empty());
    assert!(!comparison.gaps.opened.is_empty());
    assert!(
        comparison
            .gaps
            .opened
            .iter()
            .all(|gap| gap.standards.contains(&Standard::Iso42001)),
        "{:?}",
        comparison.gaps.opened
    );
    press(&mut app, &["r"]);
    let summary = screen(&app);
    assert!(
        summary.contains(&format!(
            "Since 2026-09-01: 0 gaps closed, {} new",
            comparison.gaps.opened.len()
        )),
        "{summary}"
    );
    assert!(summary.contains("+ new: "), "{summary}");
    press(&mut app, &["<Tab>"]);
    let gaps = screen(&app);
    assert!(
        gaps.contains(&format!(
            "+{} new since the last call",
            comparison.gaps.opened.len()
        )),
        "{gaps}"
    );
    let marked = gaps
        .lines()
        .filter(|line| {
            let row = line.trim_start_matches('│').trim_start();
            row.chars().find(|c| !c.is_ascii_digit()) == Some('+')
        })
        .count();
    assert!(marked > 0, "new gaps carry a + after their rank: {gaps}");
}

#[test]
fn answers_given_again_on_the_call_are_confirmed_and_the_walk_ends() {
    let (mut app, _) = follow_up_app();
    press(&mut app, &["c"]);
    let banner = app.banner.as_ref().unwrap().text.clone();
    let total: usize = banner
        .split(' ')
        .next()
        .and_then(|count| count.parse().ok())
        .unwrap_or_else(|| panic!("{banner}"));
    for left in (1..=total).rev() {
        // The client confirms: the same answer again.
        let id = current_id(&app);
        let same = app.assessment.as_ref().unwrap().session.answers[&id].clone();
        update(&mut app, Msg::Answer(Some(same)));
        press(&mut app, &["c"]);
        let banner = app.banner.as_ref().unwrap().text.clone();
        if left > 1 {
            let expected = match left - 1 {
                1 => "1 answer unchanged".to_owned(),
                more => format!("{more} answers unchanged"),
            };
            assert!(banner.starts_with(&expected), "{banner}");
        } else {
            assert!(banner.starts_with("Nothing left to confirm"), "{banner}");
        }
    }
}
