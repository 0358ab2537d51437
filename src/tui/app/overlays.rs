//! The windows that open over a screen: help, notes, export, the exclusion checklist and
//! justification, and the delete confirmation.

use ratatui_textarea::TextArea;

use crate::model::AnswerValue;
use crate::tui::exclusions::Control;
use crate::tui::text_field::TextField;

/// A window over the screen.
#[derive(Debug)]
pub enum Overlay {
    /// The key help.
    Help,
    /// The notes editor for a question.
    Notes {
        /// The question the note belongs to.
        question: String,
        /// The editor.
        editor: Box<TextArea<'static>>,
    },
    /// The export dialog: a format and a path.
    Export(Box<ExportDialog>),
    /// Which Annex A controls a grouped "not applicable" excludes, and why.
    Exclusions(Box<ExclusionDialog>),
    /// Why the one Annex A control of a question answered "not applicable" does not apply.
    Justify(Box<JustifyDialog>),
    /// "Delete this session?" on the home screen.
    ConfirmDelete {
        /// The session to delete.
        id: String,
        /// Its client, to name it.
        client: String,
    },
}

/// The exclusion checklist: the Annex A controls a question maps, each ticked to be excluded
/// from the Statement of Applicability, and one justification for all the ticked ones.
#[derive(Debug)]
pub struct ExclusionDialog {
    /// The question.
    pub question: String,
    /// The answer stored on confirming ("not applicable" when choosing it opened the
    /// checklist); none when it edits the exclusions and keeps the answer.
    pub answer: Option<AnswerValue>,
    /// The controls, in the question's order, and whether each is ticked.
    pub controls: Vec<(Control, bool)>,
    /// The highlighted control.
    pub highlighted: usize,
    /// The justification field.
    pub justification: Box<TextArea<'static>>,
    /// Whether keys go to the justification (otherwise to the list).
    pub editing: bool,
    /// The controls had different justifications: the one typed replaces them.
    pub differing: bool,
    /// Why the last Enter was refused, shown in the window.
    pub problem: Option<String>,
    /// Move to the next question once confirmed.
    pub advance: bool,
}

/// The justification prompt of a "not applicable" on a question that maps one Annex A control:
/// the justification is stored as the question's note.
#[derive(Debug)]
pub struct JustifyDialog {
    /// The question.
    pub question: String,
    /// Its control.
    pub control: Control,
    /// The justification field, prefilled with the note.
    pub justification: Box<TextArea<'static>>,
    /// Why the last Enter was refused, shown in the window.
    pub problem: Option<String>,
    /// Move to the next question once confirmed.
    pub advance: bool,
}

/// The export dialog's state.
#[derive(Debug)]
pub struct ExportDialog {
    /// Highlighted format.
    pub format: usize,
    /// The output path, prefilled.
    pub path: TextField,
    /// Whether the path field has focus (otherwise the format list).
    pub editing_path: bool,
    /// Whether the user typed the path (then a format change keeps it).
    pub custom_path: bool,
    /// The file found to exist at the last Enter: Enter again on it replaces it.
    pub replace: Option<std::path::PathBuf>,
}
