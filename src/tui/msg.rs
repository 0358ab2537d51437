//! Messages into `update` and effects out of it: the TUI's whole vocabulary.

use std::path::PathBuf;

use crate::assess::{Recommendation, Stage};
use crate::export::Format;
use crate::model::{AnswerValue, ControlRef, NoteDraft, Session};

/// A row of the home screen's session list (computed by the driver from storage).
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRow {
    /// Session ID.
    pub id: String,
    /// Client or organisation.
    pub client: String,
    /// What the file holds, or why it cannot be read.
    pub state: RowState,
}

/// A listed session file: readable with its figures, or not with the reason.
#[derive(Debug, Clone, PartialEq)]
pub enum RowState {
    /// A session.
    Readable {
        /// Last change, already formatted for display.
        updated: String,
        /// How far it has got.
        stage: Stage,
        /// The recommendation so far.
        recommendation: Recommendation,
        /// Whether it follows up an earlier session.
        follow_up: bool,
    },
    /// A session answered under another questionnaire, whose progress this one cannot count.
    OtherQuestionnaire {
        /// Last change, already formatted for display.
        updated: String,
        /// The questionnaire's ID.
        questionnaire: String,
    },
    /// A file that is not a readable session, and why.
    Unreadable(String),
}

/// Something that happened: a key (already mapped to a meaning), a mouse event or a result of
/// an effect.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// Move the highlight up (options, lists).
    Up,
    /// Move the highlight down.
    Down,
    /// Next question, or next tab on the results screen.
    Next,
    /// Previous question; always possible, answered or not.
    Prev,
    /// Next section.
    NextSection,
    /// Previous section.
    PrevSection,
    /// Jump to the next unanswered question.
    NextUnanswered,
    /// In a follow-up, the next question whose answer is unchanged since the session followed
    /// up (to confirm it with the client).
    NextToConfirm,
    /// Start a follow-up of the highlighted session: a copy of its answers to review.
    FollowUp,
    /// Pick the option with this 1-based number.
    Pick(usize),
    /// Toggle the highlighted option of a multi question (or pick it in a single one).
    Toggle,
    /// Confirm: pick the highlighted option and move on, open the selected item.
    Confirm,
    /// Yes or no on a yes/no question.
    YesNo(bool),
    /// Record "don't know".
    DontKnow,
    /// Flag or unflag the question for follow-up.
    Flag,
    /// Open the notes editor for the question.
    Notes,
    /// Show or hide the key help.
    Help,
    /// Open the exclusion checklist of the question (the answer is kept).
    EditExclusions,
    /// Tick every control of the exclusion checklist.
    SelectAll,
    /// Untick every control of the exclusion checklist.
    SelectNone,
    /// Record which Annex A controls of a question are excluded, with one justification for
    /// all of them, and optionally its answer, in one save; the question's other controls are
    /// no longer excluded. The checklist's Enter and the plain mode send it.
    Exclude {
        /// The question.
        question: String,
        /// Its new answer, if it changes ("not applicable").
        answer: Option<AnswerValue>,
        /// The controls excluded, among those the question maps.
        excluded: Vec<ControlRef>,
        /// Why they do not apply; required when any is excluded.
        justification: String,
    },
    /// Answer "not applicable" on a question that maps one Annex A control, with the
    /// justification as its note, in one save.
    Justify {
        /// The question.
        question: String,
        /// Why the control does not apply.
        justification: String,
    },
    /// Show the results screen.
    Results,
    /// Start an export from the results screen.
    Export,
    /// Start a new assessment (home).
    New,
    /// Delete the selected session (home; asks first).
    Delete,
    /// Start filtering the list (home).
    Filter,
    /// Leave an overlay, a field or a screen.
    Back,
    /// Back to the home screen (answers are already saved).
    Home,
    /// Quit the program (answers are already saved).
    Quit,
    /// Open the new-session form, prefilled.
    NewForm {
        /// The assessor, when given (otherwise the last one is kept).
        assessor: Option<String>,
        /// The depth.
        depth: crate::model::Depth,
    },
    /// Answer the current question (none removes its answer), without moving on.
    Answer(Option<AnswerValue>),
    /// Write the current question's note (an empty one removes it).
    SetNote(String),
    /// A key for the focused text field or notes editor.
    Edit(ratatui::crossterm::event::KeyEvent),
    /// A mouse click at a screen position.
    Click { column: u16, row: u16 },
    /// The mouse wheel: negative up, positive down.
    Scroll(i16),
    /// Scroll the question's help: negative up, positive down.
    ScrollHelp(i16),
    /// A page down (positive) or up (negative) in a list.
    Page(i16),
    /// To the first (false) or last (true) entry of a list.
    Edge(bool),
    /// The terminal's size changed (also sent once at start).
    Resize { width: u16, height: u16 },
    /// The session list was (re)loaded.
    SessionsLoaded(Vec<SessionRow>),
    /// The session list could not be read; the text says why.
    SessionsUnavailable(String),
    /// A note draft left by a session that closed while a note was being typed.
    DraftFound(NoteDraft),
    /// The session that the open session follows up, for what moved since (sent after
    /// [`Msg::Opened`] when it can be read).
    PreviousFound(Box<Session>),
    /// A session was opened for editing (or read-only, with the lock holder).
    Opened {
        /// The session.
        session: Box<Session>,
        /// Who holds the lock when opened read-only.
        read_only: Option<String>,
    },
    /// The export file exists and replacing it was not confirmed yet.
    ExportExists(PathBuf),
    /// The last save succeeded.
    Saved,
    /// A save failed: keep the answers in memory and retry.
    SaveFailed(String),
    /// Something worth telling that is not an error ("Deleted.").
    Notice(String),
    /// An export was written (closes the export dialog).
    Exported(PathBuf),
    /// Something the user asked for failed (export, open, delete).
    Failed(String),
    /// Periodic tick: retry failed saves.
    Tick,
}

/// Work for the driver: storage, files, quitting. `update` never performs I/O itself.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write the session atomically.
    Save(Box<Session>),
    /// Create, save and lock a new session, then open it.
    Create {
        /// Client or organisation.
        client: String,
        /// Assessor.
        assessor: String,
        /// Quick or full.
        depth: crate::model::Depth,
    },
    /// Create, save and lock a follow-up of a stored session (a copy of its answers, notes,
    /// exclusions and flags that names it as `previous`), then open it.
    FollowUp {
        /// The full ID of the session followed up.
        from: String,
        /// Client or organisation, when not the previous session's.
        client: Option<String>,
        /// Assessor, when not the previous session's.
        assessor: Option<String>,
        /// Depth, when not the previous session's.
        depth: Option<crate::model::Depth>,
    },
    /// Load a session and lock it for editing.
    Open(String),
    /// Delete a stored session.
    Delete(String),
    /// Release the edit lock of the session that was open.
    Release,
    /// Reload the home screen's session list.
    LoadSessions,
    /// Keep the note being typed beside the session, so a closed terminal does not lose it
    /// (the driver writes at most about once a second, and what is left when typing pauses).
    SaveDraft {
        /// The session.
        id: String,
        /// The question and the text so far.
        draft: NoteDraft,
    },
    /// Remove the session's note draft: the note was saved or given up.
    DiscardDraft(String),
    /// Export the open session.
    Export {
        /// The format.
        format: Format,
        /// Where to write.
        path: PathBuf,
        /// Whether an existing file there may be replaced (the user confirmed it).
        overwrite: bool,
    },
    /// Leave the program.
    Quit,
}
