//! Shared helpers of the TUI tests.
#![allow(dead_code)]

use isoready::model::{Depth, Questionnaire, Session};
use isoready::tui::app::App;
use isoready::tui::keymap;
use isoready::tui::msg::{Effect, Msg};
use isoready::tui::theme::Theme;
use isoready::tui::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The embedded default questionnaire.
pub fn questionnaire() -> Questionnaire {
    Questionnaire::parse("default", Questionnaire::embedded_text()).expect("default questionnaire")
}

/// A fresh quick session for a fixed client at a fixed time.
pub fn session() -> Session {
    let created: jiff::Timestamp = "2026-11-28T10:00:00Z".parse().expect("timestamp");
    let mut session = Session::new(
        "01900000-0000-7000-8000-000000000001".to_owned(),
        &questionnaire(),
        Depth::Quick,
        created,
    );
    session.client = "Northwind Clinics".to_owned();
    session.assessor = "A. Auditor".to_owned();
    session
}

/// An app on the home screen with the monochrome theme.
pub fn app() -> App {
    App::new(questionnaire(), Theme::monochrome(), "A. Auditor")
}

/// An app with `session` open on the question screen.
pub fn app_with(session: Session) -> App {
    let mut app = app();
    update(
        &mut app,
        Msg::Opened {
            session: Box::new(session),
            read_only: None,
        },
    );
    app
}

/// Presses keys (as typed text; `<Enter>`-style names for special keys) and collects effects.
pub fn press(app: &mut App, keys: &[&str]) -> Vec<Effect> {
    let mut effects = Vec::new();
    for key in keys {
        let event = match *key {
            "<Enter>" => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            "<Esc>" => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            "<Tab>" => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
            "<BackTab>" => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
            "<Left>" => KeyEvent::new(KeyCode::Left, KeyModifiers::NONE),
            "<Right>" => KeyEvent::new(KeyCode::Right, KeyModifiers::NONE),
            "<Up>" => KeyEvent::new(KeyCode::Up, KeyModifiers::NONE),
            "<Down>" => KeyEvent::new(KeyCode::Down, KeyModifiers::NONE),
            "<PageDown>" => KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE),
            "<PageUp>" => KeyEvent::new(KeyCode::PageUp, KeyModifiers::NONE),
            "<Home>" => KeyEvent::new(KeyCode::Home, KeyModifiers::NONE),
            "<End>" => KeyEvent::new(KeyCode::End, KeyModifiers::NONE),
            "<S-Down>" => KeyEvent::new(KeyCode::Down, KeyModifiers::SHIFT),
            "<F1>" => KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE),
            "<C-c>" => KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
            "<C-n>" => KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL),
            text => {
                for c in text.chars() {
                    let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
                    if let Some(msg) = keymap::to_msg(app, event) {
                        effects.extend(update(app, msg));
                    }
                }
                continue;
            }
        };
        if let Some(msg) = keymap::to_msg(app, event) {
            effects.extend(update(app, msg));
        }
    }
    effects
}

/// The current question's ID.
pub fn current_id(app: &App) -> String {
    app.current().map(|(_, q)| q.id.clone()).unwrap_or_default()
}

/// Renders the app into a test buffer.
pub fn render(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The buffer as text, trailing spaces removed.
pub fn text(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width);
    buffer
        .content
        .chunks(width)
        .map(|row| {
            row.iter()
                .map(|cell| cell.symbol())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A session whose scoping answers put ISO 27001 in scope (sensitive data, no AI).
pub fn scoped_session() -> Session {
    use isoready::model::AnswerValue;
    let mut session = session();
    for (id, value) in [
        ("org.certifications", vec!["none"]),
        ("data.categories", vec!["personal"]),
        ("ai.use", vec!["none"]),
        ("drivers.requests", vec!["none"]),
    ] {
        session.answers.insert(
            id.into(),
            AnswerValue::List(value.into_iter().map(str::to_owned).collect()),
        );
    }
    session
}

/// An app on question `id` of a session that uses AI in the given way.
pub fn app_at_with_ai(ai_use: &str, id: &str) -> App {
    use isoready::model::AnswerValue;
    let mut session = session();
    session
        .answers
        .insert("ai.use".into(), AnswerValue::List(vec![ai_use.to_owned()]));
    let mut app = app_with(session);
    assert!(app.go_to_question(id), "{id} is asked");
    app
}
