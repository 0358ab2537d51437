//! A follow-up call: walking the client through the answers unchanged since the session
//! followed up, to confirm each one. An answer given again on this call, unchanged or not, is
//! confirmed (for as long as the session stays open).

use crate::tui::app::{App, Banner};

/// Moves to the next question after the current one (wrapping) whose answer is still the one
/// the session followed up gave and was not given again on this call, and says how many of
/// those are left.
pub(super) fn next_to_confirm(app: &mut App) {
    let Some(assessment) = app.assessment.as_ref() else {
        return;
    };
    let Some(previous) = assessment.previous.as_ref() else {
        app.banner = Some(Banner {
            text: "c jumps to answers unchanged since the last call: start a follow-up with f on the home screen.".to_owned(),
            error: false,
        });
        return;
    };
    let unchanged: Vec<usize> = (0..assessment.visible.len())
        .filter(|&position| {
            let (_, question) = app.entry(assessment.visible[position]);
            let now = assessment.session.answers.get(&question.id);
            now.is_some()
                && now == previous.assessed.session.answers.get(&question.id)
                && !assessment.reviewed.contains(&question.id)
        })
        .collect();
    let date = previous.date.clone();
    let next = unchanged
        .iter()
        .position(|&position| position > assessment.cursor)
        .or((!unchanged.is_empty()).then_some(0));
    let Some(index) = next else {
        app.banner = Some(Banner {
            text: format!(
                "Nothing left to confirm: every answer from {date} was changed or given again on this call."
            ),
            error: false,
        });
        return;
    };
    let position = unchanged[index];
    if let Some(assessment) = app.assessment.as_mut() {
        assessment.cursor = position;
    }
    app.sync_cursor();
    app.banner = Some(Banner {
        text: format!(
            "{} answer{} unchanged since {date}: answer again to confirm, c for the next.",
            unchanged.len(),
            if unchanged.len() == 1 { "" } else { "s" }
        ),
        error: false,
    });
}
