//! TUI cost per keystroke (update + render) on the longest section, and time to the first frame.

use criterion::{Criterion, criterion_group, criterion_main};
use isoready::assess::{Recommendation, Stage};
use isoready::model::{AnswerValue, Depth, Questionnaire, Session};
use isoready::tui::app::App;
use isoready::tui::msg::{Msg, RowState, SessionRow};
use isoready::tui::theme::Theme;
use isoready::tui::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

fn questionnaire() -> Questionnaire {
    Questionnaire::parse("default", Questionnaire::embedded_text()).expect("default questionnaire")
}

/// A full-depth session with the scoping block answered so every section is asked.
fn session(questionnaire: &Questionnaire) -> Session {
    let created: jiff::Timestamp = "2026-11-28T10:00:00Z".parse().expect("timestamp");
    let mut session = Session::new("bench".into(), questionnaire, Depth::Full, created);
    for (id, value) in [
        ("org.sector", AnswerValue::Text("finance".into())),
        ("org.size", AnswerValue::Text("large".into())),
        ("org.certifications", AnswerValue::List(vec!["none".into()])),
        (
            "data.categories",
            AnswerValue::List(vec!["personal".into()]),
        ),
        ("ai.use", AnswerValue::List(vec!["develops".into()])),
        ("ai.autonomy", AnswerValue::Text("autonomous".into())),
        ("ai.affects_individuals", AnswerValue::Bool(true)),
        ("ai.sensitive_data", AnswerValue::Bool(true)),
        ("drivers.requests", AnswerValue::List(vec!["none".into()])),
    ] {
        session.answers.insert(id.into(), value);
    }
    session
}

/// The first question of the section with the most questions.
fn longest_section_start(questionnaire: &Questionnaire) -> String {
    let section = questionnaire
        .sections
        .iter()
        .max_by_key(|section| section.questions.len())
        .expect("a section");
    section.questions[0].id.clone()
}

fn keystroke(c: &mut Criterion) {
    let questionnaire = questionnaire();
    let start = longest_section_start(&questionnaire);
    for (width, height) in [(120, 40), (200, 60)] {
        let mut app = App::new(questionnaire.clone(), Theme::color(), "");
        update(&mut app, Msg::Resize { width, height });
        update(
            &mut app,
            Msg::Opened {
                session: Box::new(session(&questionnaire)),
                read_only: None,
            },
        );
        assert!(app.go_to_question(&start));
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        c.bench_function(
            &format!("keystroke: move + render at {width}x{height}"),
            |b| {
                b.iter(|| {
                    update(&mut app, Msg::Down);
                    terminal
                        .draw(|frame| frame.render_widget(&app, frame.area()))
                        .expect("draw");
                })
            },
        );
        c.bench_function(
            &format!("keystroke: answer + render at {width}x{height}"),
            |b| {
                let mut level = 0;
                b.iter(|| {
                    level = (level % 4) + 1;
                    update(&mut app, Msg::Pick(level));
                    update(&mut app, Msg::Prev);
                    terminal
                        .draw(|frame| frame.render_widget(&app, frame.area()))
                        .expect("draw");
                })
            },
        );
    }
}

/// The home screen over 10,000 sessions: a filter keystroke (and its undo) with a render, and a
/// page down the list with a render.
fn home_of_an_archive(c: &mut Criterion) {
    let mut app = App::new(questionnaire(), Theme::color(), "");
    update(
        &mut app,
        Msg::Resize {
            width: 120,
            height: 40,
        },
    );
    let rows = (0..10_000)
        .map(|index| SessionRow {
            id: format!("01900000-0000-7000-8000-{index:012}"),
            client: format!("Client {index} Holdings"),
            state: RowState::Readable {
                updated: "2026-11-28 10:00".to_owned(),
                stage: Stage::Readiness {
                    answered: 40,
                    asked: 54,
                },
                recommendation: Recommendation::Both,
                follow_up: false,
            },
        })
        .collect();
    update(&mut app, Msg::SessionsLoaded(rows));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    update(&mut app, Msg::Filter);
    c.bench_function("home, 10000 sessions: filter keystroke + render", |b| {
        b.iter(|| {
            update(&mut app, Msg::Edit(KeyEvent::from(KeyCode::Char('9'))));
            update(&mut app, Msg::Edit(KeyEvent::from(KeyCode::Backspace)));
            terminal
                .draw(|frame| frame.render_widget(&app, frame.area()))
                .expect("draw");
        })
    });
    update(&mut app, Msg::Back);
    c.bench_function("home, 10000 sessions: move + render", |b| {
        b.iter(|| {
            update(&mut app, Msg::Down);
            terminal
                .draw(|frame| frame.render_widget(&app, frame.area()))
                .expect("draw");
        })
    });
}

fn first_frame(c: &mut Criterion) {
    let text = Questionnaire::embedded_text();
    c.bench_function(
        "first frame: parse questionnaire, open session, render 120x40",
        |b| {
            b.iter(|| {
                let questionnaire = Questionnaire::parse("default", text).expect("questionnaire");
                let session = session(&questionnaire);
                let mut app = App::new(questionnaire, Theme::color(), "");
                update(
                    &mut app,
                    Msg::Opened {
                        session: Box::new(session),
                        read_only: None,
                    },
                );
                let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
                terminal
                    .draw(|frame| frame.render_widget(&app, frame.area()))
                    .expect("draw");
            })
        },
    );
}

criterion_group!(benches, keystroke, home_of_an_archive, first_frame);
criterion_main!(benches);
