//! The notes editor, and the note draft a closed terminal left behind.

use ratatui_textarea::TextArea;

use crate::model::NoteDraft;
use crate::tui::app::{App, Banner, Overlay};
use crate::tui::msg::Effect;

/// The notes editor, holding `text`.
pub(super) fn editor(text: &str) -> Box<TextArea<'static>> {
    let mut editor = TextArea::new(text.lines().map(str::to_owned).collect());
    editor.set_placeholder_text("Type a note: context, evidence seen, who to ask…");
    editor.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
    editor.move_cursor(ratatui_textarea::CursorMove::End);
    Box::new(editor)
}

/// A note that was being typed when the session last closed: reopened in the editor on its
/// question when it differs from the saved note, discarded otherwise.
pub(super) fn restore_draft(app: &mut App, draft: NoteDraft) -> Vec<Effect> {
    let Some(assessment) = app.assessment.as_ref() else {
        return Vec::new();
    };
    if assessment.read_only.is_some() {
        // The holder of the lock owns the draft.
        return Vec::new();
    }
    let id = assessment.session.id.clone();
    let saved = assessment
        .session
        .notes
        .get(&draft.question)
        .map_or("", |note| note.trim());
    if draft.text.trim() == saved || !app.go_to_question(&draft.question) {
        return vec![Effect::DiscardDraft(id)];
    }

    app.banner = Some(Banner {
        text: "Restored the note you were typing when isoready last closed: Esc saves it."
            .to_owned(),
        error: false,
    });
    app.overlay = Some(Overlay::Notes {
        editor: editor(&draft.text),
        question: draft.question,
    });
    Vec::new()
}
