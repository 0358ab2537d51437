//! The results' gap detail at 80×24: it scrolls with Shift-↑↓ to its end and no further, says
//! how much is left, and starts at the top again on another gap.

mod common;

use common::{app_with, press, questionnaire, render, session, text};
use isoready::model::{AnswerValue, QuestionKind};
use isoready::tui::app::App;
use isoready::tui::msg::Msg;
use isoready::tui::update::update;

/// A session with long notes on every readiness question, so that gap details run long.
fn results_at_80x24() -> App {
    let mut session = session();
    let text = |value: &str| AnswerValue::Text(value.to_owned());
    for (id, value) in [
        ("org.sector", text("healthcare")),
        ("org.size", text("medium")),
        ("org.certifications", AnswerValue::List(vec!["none".into()])),
        (
            "data.categories",
            AnswerValue::List(vec!["personal".into()]),
        ),
        ("ai.use", AnswerValue::List(vec!["none".into()])),
    ] {
        session.answers.insert(id.to_owned(), value);
    }
    for (_, question) in questionnaire().questions() {
        if question.kind == QuestionKind::Maturity {
            session.answers.insert(question.id.clone(), text("partial"));
            session.notes.insert(
                question.id.clone(),
                "Discussed at length with the IT lead and the practice manager: a draft exists, \
                 nobody owns it, and the board has not seen it yet."
                    .to_owned(),
            );
        }
    }
    let mut app = app_with(session);
    update(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    press(&mut app, &["r", "<Tab>"]);
    app
}

fn screen(app: &App) -> String {
    text(&render(app, 80, 24))
}

fn scroll(app: &App) -> u16 {
    app.assessment.as_ref().unwrap().detail_scroll
}

#[test]
fn a_long_gap_detail_scrolls_to_its_end_and_resets_on_another_gap() {
    let mut app = results_at_80x24();
    let first = screen(&app);
    assert!(first.contains("Detail · Shift-↑↓ scrolls ("), "{first}");
    press(&mut app, &["<S-Down>", "<S-Down>"]);
    assert_eq!(scroll(&app), 2);
    let scrolled = screen(&app);
    assert_ne!(first, scrolled, "the detail moved");
    // No further than its end: the title then says nothing is left.
    for _ in 0..200 {
        press(&mut app, &["<S-Down>"]);
    }
    let end = screen(&app);
    assert!(end.contains("scrolls (0 more)"), "{end}");
    let at_end = scroll(&app);
    press(&mut app, &["<S-Down>"]);
    assert_eq!(scroll(&app), at_end);
    // Another gap starts at the top of its own detail.
    press(&mut app, &["<Down>"]);
    assert_eq!(scroll(&app), 0);
}
