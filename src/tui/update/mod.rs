//! `update(&mut App, Msg) -> Vec<Effect>`: every state change, no I/O. The home screen, the
//! question screen and the results have a file each, the windows over them live with the
//! results (`results::overlay`), the driver's reports in `outcomes`; this one dispatches and
//! holds what they share (saving, notes, the read-only check).

mod assessment;
mod exclusions;
mod follow_up;
mod home;
mod notes;
mod outcomes;
mod results;

use crate::model::NoteDraft;

use super::app::{App, Banner, Overlay, Screen};
use super::msg::{Effect, Msg};

pub use exclusions::{NEEDS_JUSTIFICATION, NEEDS_OWN_JUSTIFICATION};

/// Applies a message to the state and returns the effects the driver must perform.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let msg = match outcomes::outcome(app, msg) {
        Ok(effects) => return effects,
        Err(msg) => msg,
    };
    match msg {
        Msg::Quit => return quit(app),
        Msg::NewForm { assessor, depth } => {
            if let Some(assessor) = assessor {
                app.form.assessor = super::text_field::TextField::new(assessor);
            }
            app.form.depth = depth;
            app.screen = Screen::NewSession;
            return Vec::new();
        }
        Msg::Answer(value) => return assessment::answer_current(app, value),
        Msg::SetNote(note) => return note_current(app, &note),
        Msg::Resize { width, height } => {
            app.size = (width, height);
            return Vec::new();
        }
        Msg::Exclude {
            question,
            answer,
            excluded,
            justification,
        } => {
            let outcome = exclusions::exclude(app, &question, answer, &excluded, &justification);
            return refused_in_banner(app, outcome);
        }
        Msg::Justify {
            question,
            justification,
        } => {
            let outcome = exclusions::justify(app, &question, &justification);
            return refused_in_banner(app, outcome);
        }
        _ => {}
    }
    if app.overlay.is_some() {
        return results::overlay(app, msg);
    }
    match app.screen {
        Screen::Home => home::home(app, msg),
        Screen::NewSession => home::new_session(app, msg),
        Screen::Assessment => {
            let before = app.current().map(|(_, question)| question.id.clone());
            let banner = app.banner.clone();
            let effects = assessment::assessment(app, msg);
            let after = app.current().map(|(_, question)| question.id.clone());
            // A banner from before this move was about the question left behind (one this
            // answer raised is shown on the next question); a failed save is about the
            // session and stays until a save succeeds.
            let unsaved = app.assessment.as_ref().is_some_and(|a| a.unsaved);
            if before != after && app.banner == banner && !unsaved {
                app.banner = None;
            }
            effects
        }
        Screen::Results => {
            // What the banner said on arrival has been read by the next key; a failed save
            // stays until a save succeeds.
            let banner = app.banner.clone();
            let effects = results::results(app, msg);
            let unsaved = app.assessment.as_ref().is_some_and(|a| a.unsaved);
            if app.banner == banner && !unsaved {
                app.banner = None;
            }
            effects
        }
    }
}

/// The effects of a change, or none with the reason it was refused in the banner.
fn refused_in_banner(app: &mut App, outcome: Result<Vec<Effect>, String>) -> Vec<Effect> {
    outcome.unwrap_or_else(|reason| {
        app.banner = Some(Banner {
            text: reason,
            error: true,
        });
        Vec::new()
    })
}

fn quit(app: &mut App) -> Vec<Effect> {
    // The final save below carries what these keep.
    let _ = assessment::commit_typed(app);
    let committed = commit_open_note(app);
    let mut effects = save(app);
    effects.extend(committed);
    effects.push(Effect::Quit);
    effects
}

/// A note still open in the editor is kept when the program quits or goes home; the returned
/// effect removes its draft once the save before it has run.
fn commit_open_note(app: &mut App) -> Option<Effect> {
    let Some(Overlay::Notes { question, editor }) = app.overlay.take() else {
        return None;
    };
    store_note(app, question, &editor.lines().join("\n"));
    discard_draft(app)
}

/// Keeps `draft` beside the open session, unless the session is read-only.
pub(super) fn save_draft(app: &App, draft: NoteDraft) -> Option<Effect> {
    app.assessment
        .as_ref()
        .filter(|assessment| assessment.read_only.is_none())
        .map(|assessment| Effect::SaveDraft {
            id: assessment.session.id.clone(),
            draft,
        })
}

/// Removes the open session's note draft, unless the session is read-only (the lock holder
/// owns it).
pub(super) fn discard_draft(app: &App) -> Option<Effect> {
    app.assessment
        .as_ref()
        .filter(|assessment| assessment.read_only.is_none())
        .map(|assessment| Effect::DiscardDraft(assessment.session.id.clone()))
}

/// Stores a note (an empty one removes it); read-only sessions are left alone.
pub(super) fn store_note(app: &mut App, question: String, note: &str) -> bool {
    let Some(assessment) = app.assessment.as_mut() else {
        return false;
    };
    if assessment.read_only.is_some() {
        return false;
    }
    let note = note.trim();
    if note.is_empty() {
        assessment.session.notes.remove(&question);
    } else {
        assessment.session.notes.insert(question, note.to_owned());
    }
    // A note on a not-applicable answer to a control's own question is its justification.
    app.refresh();
    true
}

/// Writes a note on the current question; a read-only session refuses, saying why in the
/// banner.
fn note_current(app: &mut App, note: &str) -> Vec<Effect> {
    let Some(id) = app.current().map(|(_, question)| question.id.clone()) else {
        return Vec::new();
    };
    if refuse_read_only(app) || !store_note(app, id, note) {
        return Vec::new();
    }
    save(app)
}

/// Whether the open session is read-only; if so, says so in the banner.
pub(super) fn refuse_read_only(app: &mut App) -> bool {
    let Some(holder) = app.assessment.as_ref().and_then(|a| a.read_only.clone()) else {
        return false;
    };
    app.banner = Some(Banner {
        text: format!("Read-only, nothing is changed: {holder}"),
        error: true,
    });
    true
}

/// A save of the open session, unless it is read-only.
pub(super) fn save(app: &App) -> Vec<Effect> {
    match app.assessment.as_ref() {
        Some(assessment) if assessment.read_only.is_none() => {
            vec![Effect::Save(Box::new(assessment.session.clone()))]
        }
        _ => Vec::new(),
    }
}

pub(super) fn go_home(app: &mut App) -> Vec<Effect> {
    // The save below carries what these keep.
    let _ = assessment::commit_typed(app);
    let committed = commit_open_note(app);
    let mut effects = save(app);
    effects.extend(committed);
    app.home.follow = app
        .assessment
        .take()
        .map(|assessment| assessment.session.id);
    app.overlay = None;
    app.pending_export = false;
    app.screen = Screen::Home;
    app.banner = None;
    effects.push(Effect::Release);
    effects.push(Effect::LoadSessions);
    effects
}

/// Moves `current` by `delta` within `0..len`.
pub(super) fn step(current: usize, delta: i16, len: usize) -> usize {
    let moved = if delta < 0 {
        current.saturating_sub(usize::from(delta.unsigned_abs()))
    } else {
        current.saturating_add(usize::from(delta.unsigned_abs()))
    };
    moved.min(len.saturating_sub(1))
}
