//! The one way into the state: messages go through `update` first in, first out, and effects
//! are performed in the order `update` gives them, by whatever performs them (here a fake that
//! records each effect and answers with scripted messages).

mod common;

use common::{app, session};
use isoready::model::NoteDraft;
use isoready::tui::app::{App, Overlay};
use isoready::tui::driver::{Perform, drive};
use isoready::tui::msg::{Effect, Msg};

/// Records every effect; opening a session answers with the session and then a note draft,
/// in that order, as the store-backed driver does.
#[derive(Default)]
struct Fake {
    performed: Vec<Effect>,
}

impl Perform for Fake {
    fn perform(&mut self, effect: Effect, _app: &App) -> Vec<Msg> {
        self.performed.push(effect.clone());
        match effect {
            Effect::Open(_) => vec![
                Msg::Opened {
                    session: Box::new(session()),
                    read_only: None,
                },
                Msg::DraftFound(NoteDraft {
                    question: "org.size".into(),
                    text: "about 60 staff".into(),
                }),
            ],
            Effect::Save(_) => vec![Msg::Saved],
            _ => Vec::new(),
        }
    }
}

fn kinds(effects: &[Effect]) -> Vec<&'static str> {
    effects
        .iter()
        .map(|effect| match effect {
            Effect::Save(_) => "save",
            Effect::Open(_) => "open",
            Effect::Release => "release",
            Effect::LoadSessions => "load",
            Effect::DiscardDraft(_) => "discard draft",
            Effect::SaveDraft { .. } => "save draft",
            Effect::Quit => "quit",
            _ => "other",
        })
        .collect()
}

#[test]
fn outcomes_are_handled_in_the_order_they_were_reported() {
    let mut app = app();
    let mut fake = Fake::default();
    // The draft can only reopen once the session it belongs to is open: handled last in,
    // first out it would find no session and be lost.
    let outcome = fake.perform(Effect::Open(session().id), &app);
    drive(&mut app, &mut fake, outcome);
    assert!(
        matches!(&app.overlay, Some(Overlay::Notes { question, .. }) if question == "org.size"),
        "{:?}",
        app.overlay
    );
}

#[test]
fn going_home_releases_the_lock_explicitly_after_saving() {
    let mut app = common::app_with(session());
    let mut fake = Fake::default();
    drive(&mut app, &mut fake, [Msg::Pick(1)]);
    fake.performed.clear();
    drive(&mut app, &mut fake, [Msg::Home]);
    assert_eq!(kinds(&fake.performed), ["save", "release", "load"]);

    let mut app = common::app_with(session());
    let mut fake = Fake::default();
    drive(&mut app, &mut fake, [Msg::Notes]);
    assert!(drive(&mut app, &mut fake, [Msg::Quit]));
    assert_eq!(
        kinds(&fake.performed),
        ["save", "discard draft"],
        "a note open at quit is saved before its draft goes"
    );
}

#[test]
fn quitting_stops_after_the_save_it_asked_for() {
    let mut app = common::app_with(session());
    let mut fake = Fake::default();
    let quit = drive(&mut app, &mut fake, [Msg::Quit, Msg::Next]);
    assert!(quit);
    assert_eq!(
        kinds(&fake.performed),
        ["save"],
        "nothing after the quit is handled"
    );
}
