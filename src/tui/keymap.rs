//! Keys → messages. One table per context feeds the key handling, the footer and the `?` help.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::model::QuestionKind;

use super::app::{App, FormField, Overlay, Screen};
use super::msg::Msg;

/// A key a binding answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A character key (shift included in the character).
    Ch(char),
    /// A special key.
    Code(KeyCode),
    /// Ctrl plus a letter.
    Ctrl(char),
    /// Any digit 1–9.
    Digit,
}

/// One line of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys.
    pub keys: &'static [Key],
    /// How the keys are written in the footer and help.
    pub label: &'static str,
    /// What they do.
    pub action: &'static str,
    /// Shown in the footer (all bindings are shown in the help).
    pub footer: bool,
    /// The message; digit bindings receive the digit.
    pub msg: fn(u32) -> Msg,
}

/// Where the keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The session list.
    Home,
    /// Typing a filter on the session list.
    HomeFilter,
    /// A text field of the new-session form.
    NewSession,
    /// The depth field of the new-session form.
    NewSessionDepth,
    /// A question answered by options.
    Choice,
    /// A yes/no question.
    YesNo,
    /// A text or number question.
    Typing,
    /// The results screen.
    Results,
    /// The notes editor.
    Notes,
    /// The export dialog.
    Export,
    /// Confirming a deletion.
    ConfirmDelete,
    /// The help overlay.
    Help,
}

use Key::{Ch, Code, Ctrl, Digit};

const QUIT: Binding = Binding {
    keys: &[Ctrl('c')],
    label: "Ctrl-C",
    action: "quit (answers are saved)",
    footer: false,
    msg: |_| Msg::Quit,
};
const UP: Binding = Binding {
    keys: &[Code(KeyCode::Up), Ch('k')],
    label: "↑↓",
    action: "move",
    footer: true,
    msg: |_| Msg::Up,
};
/// The second half of a "↑↓" line: listed neither in the footer nor in the help.
const DOWN: Binding = Binding {
    keys: &[Code(KeyCode::Down), Ch('j')],
    label: "",
    action: "",
    footer: false,
    msg: |_| Msg::Down,
};

const HOME: &[Binding] = &[
    UP,
    DOWN,
    Binding {
        keys: &[Code(KeyCode::Enter)],
        label: "Enter",
        action: "open",
        footer: true,
        msg: |_| Msg::Confirm,
    },
    Binding {
        keys: &[Ch('n')],
        label: "n",
        action: "new assessment",
        footer: true,
        msg: |_| Msg::New,
    },
    Binding {
        keys: &[Ch('e')],
        label: "e",
        action: "export",
        footer: true,
        msg: |_| Msg::Export,
    },
    Binding {
        keys: &[Ch('d'), Code(KeyCode::Delete)],
        label: "d",
        action: "delete",
        footer: true,
        msg: |_| Msg::Delete,
    },
    Binding {
        keys: &[Ch('/')],
        label: "/",
        action: "filter",
        footer: true,
        msg: |_| Msg::Filter,
    },
    Binding {
        keys: &[Ch('?')],
        label: "?",
        action: "help",
        footer: true,
        msg: |_| Msg::Help,
    },
    Binding {
        keys: &[Ch('q'), Code(KeyCode::Esc)],
        label: "q",
        action: "quit",
        footer: true,
        msg: |_| Msg::Quit,
    },
    QUIT,
];

const HOME_FILTER: &[Binding] = &[
    Binding {
        keys: &[Code(KeyCode::Up)],
        label: "↑↓",
        action: "move",
        footer: true,
        msg: |_| Msg::Up,
    },
    Binding {
        keys: &[Code(KeyCode::Down)],
        label: "",
        action: "",
        footer: false,
        msg: |_| Msg::Down,
    },
    Binding {
        keys: &[Code(KeyCode::Enter)],
        label: "Enter",
        action: "keep filter",
        footer: true,
        msg: |_| Msg::Confirm,
    },
    Binding {
        keys: &[Code(KeyCode::Esc)],
        label: "Esc",
        action: "clear filter",
        footer: true,
        msg: |_| Msg::Back,
    },
    QUIT,
];

const NEXT_FIELD: Binding = Binding {
    keys: &[Code(KeyCode::Tab), Code(KeyCode::Down)],
    label: "Tab/↓",
    action: "next field",
    footer: true,
    msg: |_| Msg::Next,
};
const PREV_FIELD: Binding = Binding {
    keys: &[Code(KeyCode::BackTab), Code(KeyCode::Up)],
    label: "Shift-Tab/↑",
    action: "previous field",
    footer: false,
    msg: |_| Msg::Prev,
};
const START: Binding = Binding {
    keys: &[Code(KeyCode::Enter)],
    label: "Enter",
    action: "next field / start",
    footer: true,
    msg: |_| Msg::Confirm,
};
const CANCEL: Binding = Binding {
    keys: &[Code(KeyCode::Esc)],
    label: "Esc",
    action: "cancel",
    footer: true,
    msg: |_| Msg::Back,
};

const NEW_SESSION: &[Binding] = &[NEXT_FIELD, PREV_FIELD, START, CANCEL, QUIT];

const NEW_SESSION_DEPTH: &[Binding] = &[
    Binding {
        keys: &[Ch(' '), Code(KeyCode::Left), Code(KeyCode::Right)],
        label: "Space/←→",
        action: "switch quick/full",
        footer: true,
        msg: |_| Msg::Toggle,
    },
    NEXT_FIELD,
    PREV_FIELD,
    START,
    CANCEL,
    QUIT,
];

const NAVIGATION: [Binding; 7] = [
    Binding {
        keys: &[Code(KeyCode::Right), Ch('l'), Code(KeyCode::Tab)],
        label: "→",
        action: "next",
        footer: true,
        msg: |_| Msg::Next,
    },
    Binding {
        keys: &[
            Code(KeyCode::Left),
            Ch('h'),
            Code(KeyCode::BackTab),
            Ch('b'),
        ],
        label: "←",
        action: "back",
        footer: true,
        msg: |_| Msg::Prev,
    },
    Binding {
        keys: &[Code(KeyCode::PageDown), Ch(']')],
        label: "PgDn/]",
        action: "next section",
        footer: false,
        msg: |_| Msg::NextSection,
    },
    Binding {
        keys: &[Code(KeyCode::PageUp), Ch('[')],
        label: "PgUp/[",
        action: "previous section",
        footer: false,
        msg: |_| Msg::PrevSection,
    },
    Binding {
        keys: &[Ch('u')],
        label: "u",
        action: "next unanswered",
        footer: false,
        msg: |_| Msg::NextUnanswered,
    },
    Binding {
        keys: &[Ch('r')],
        label: "r",
        action: "results",
        footer: true,
        msg: |_| Msg::Results,
    },
    Binding {
        keys: &[Ch('q'), Code(KeyCode::Esc)],
        label: "q",
        action: "home",
        footer: true,
        msg: |_| Msg::Home,
    },
];

const MARKING: [Binding; 4] = [
    Binding {
        keys: &[Ch('d')],
        label: "d",
        action: "don't know",
        footer: false,
        msg: |_| Msg::DontKnow,
    },
    Binding {
        keys: &[Ch('f')],
        label: "f",
        action: "flag for follow-up",
        footer: false,
        msg: |_| Msg::Flag,
    },
    Binding {
        keys: &[Ch('N')],
        label: "N",
        action: "notes",
        footer: false,
        msg: |_| Msg::Notes,
    },
    Binding {
        keys: &[Ch('?')],
        label: "?",
        action: "help",
        footer: true,
        msg: |_| Msg::Help,
    },
];

const CHOICE: &[Binding] = &[
    Binding {
        keys: &[Code(KeyCode::Up), Ch('k')],
        label: "↑↓",
        action: "highlight",
        footer: false,
        msg: |_| Msg::Up,
    },
    DOWN,
    Binding {
        keys: &[Digit],
        label: "1-9",
        action: "pick",
        footer: true,
        msg: Msg::pick,
    },
    Binding {
        keys: &[Ch(' ')],
        label: "Space",
        action: "toggle (all that apply)",
        footer: false,
        msg: |_| Msg::Toggle,
    },
    Binding {
        keys: &[Code(KeyCode::Enter)],
        label: "Enter",
        action: "answer",
        footer: true,
        msg: |_| Msg::Confirm,
    },
    Binding {
        keys: &[Ch('n')],
        label: "n",
        action: "notes",
        footer: true,
        msg: |_| Msg::Notes,
    },
    NAVIGATION[0],
    NAVIGATION[1],
    NAVIGATION[2],
    NAVIGATION[3],
    NAVIGATION[4],
    NAVIGATION[5],
    NAVIGATION[6],
    MARKING[0],
    MARKING[1],
    MARKING[2],
    MARKING[3],
    QUIT,
];

const YES_NO: &[Binding] = &[
    Binding {
        keys: &[Ch('y')],
        label: "y",
        action: "yes",
        footer: true,
        msg: |_| Msg::YesNo(true),
    },
    Binding {
        keys: &[Ch('n')],
        label: "n",
        action: "no",
        footer: true,
        msg: |_| Msg::YesNo(false),
    },
    Binding {
        keys: &[Code(KeyCode::Up), Ch('k')],
        label: "↑↓",
        action: "highlight",
        footer: false,
        msg: |_| Msg::Up,
    },
    DOWN,
    Binding {
        keys: &[Digit],
        label: "1-2",
        action: "pick",
        footer: false,
        msg: Msg::pick,
    },
    Binding {
        keys: &[Code(KeyCode::Enter), Ch(' ')],
        label: "Enter",
        action: "answer & next",
        footer: false,
        msg: |_| Msg::Confirm,
    },
    NAVIGATION[0],
    NAVIGATION[1],
    NAVIGATION[2],
    NAVIGATION[3],
    NAVIGATION[4],
    NAVIGATION[5],
    NAVIGATION[6],
    MARKING[0],
    MARKING[1],
    MARKING[2],
    MARKING[3],
    QUIT,
];

const TYPING: &[Binding] = &[
    Binding {
        keys: &[Code(KeyCode::Enter)],
        label: "Enter",
        action: "save & next",
        footer: true,
        msg: |_| Msg::Confirm,
    },
    Binding {
        keys: &[Code(KeyCode::Tab)],
        label: "Tab",
        action: "next question",
        footer: true,
        msg: |_| Msg::Next,
    },
    Binding {
        keys: &[Code(KeyCode::BackTab)],
        label: "Shift-Tab",
        action: "back",
        footer: true,
        msg: |_| Msg::Prev,
    },
    Binding {
        keys: &[Code(KeyCode::PageDown)],
        label: "PgDn",
        action: "next section",
        footer: false,
        msg: |_| Msg::NextSection,
    },
    Binding {
        keys: &[Code(KeyCode::PageUp)],
        label: "PgUp",
        action: "previous section",
        footer: false,
        msg: |_| Msg::PrevSection,
    },
    Binding {
        keys: &[Ctrl('n')],
        label: "Ctrl-N",
        action: "notes",
        footer: true,
        msg: |_| Msg::Notes,
    },
    Binding {
        keys: &[Ctrl('f')],
        label: "Ctrl-F",
        action: "flag",
        footer: false,
        msg: |_| Msg::Flag,
    },
    Binding {
        keys: &[Code(KeyCode::F(1))],
        label: "F1",
        action: "help",
        footer: true,
        msg: |_| Msg::Help,
    },
    Binding {
        keys: &[Code(KeyCode::Esc)],
        label: "Esc",
        action: "home",
        footer: true,
        msg: |_| Msg::Home,
    },
    QUIT,
];

const RESULTS: &[Binding] = &[
    Binding {
        keys: &[Code(KeyCode::Tab), Code(KeyCode::Right), Ch('l')],
        label: "Tab/→",
        action: "next tab",
        footer: true,
        msg: |_| Msg::Next,
    },
    Binding {
        keys: &[Code(KeyCode::BackTab), Code(KeyCode::Left), Ch('h')],
        label: "Shift-Tab/←",
        action: "previous tab",
        footer: false,
        msg: |_| Msg::Prev,
    },
    UP,
    DOWN,
    Binding {
        keys: &[Code(KeyCode::Enter)],
        label: "Enter",
        action: "go to the question",
        footer: true,
        msg: |_| Msg::Confirm,
    },
    Binding {
        keys: &[Ch('e')],
        label: "e",
        action: "export",
        footer: true,
        msg: |_| Msg::Export,
    },
    Binding {
        keys: &[Code(KeyCode::Esc), Ch('b')],
        label: "Esc",
        action: "back to questions",
        footer: true,
        msg: |_| Msg::Back,
    },
    Binding {
        keys: &[Ch('?')],
        label: "?",
        action: "help",
        footer: false,
        msg: |_| Msg::Help,
    },
    Binding {
        keys: &[Ch('q')],
        label: "q",
        action: "home",
        footer: true,
        msg: |_| Msg::Home,
    },
    QUIT,
];

const NOTES: &[Binding] = &[
    Binding {
        keys: &[Code(KeyCode::Esc)],
        label: "Esc",
        action: "save note and close",
        footer: true,
        msg: |_| Msg::Back,
    },
    QUIT,
];

const EXPORT: &[Binding] = &[
    Binding {
        keys: &[Code(KeyCode::Up)],
        label: "↑↓",
        action: "format",
        footer: true,
        msg: |_| Msg::Up,
    },
    Binding {
        keys: &[Code(KeyCode::Down)],
        label: "",
        action: "",
        footer: false,
        msg: |_| Msg::Down,
    },
    Binding {
        keys: &[Code(KeyCode::Tab)],
        label: "Tab",
        action: "edit path",
        footer: true,
        msg: |_| Msg::Next,
    },
    Binding {
        keys: &[Code(KeyCode::Enter)],
        label: "Enter",
        action: "export",
        footer: true,
        msg: |_| Msg::Confirm,
    },
    Binding {
        keys: &[Code(KeyCode::Esc)],
        label: "Esc",
        action: "cancel",
        footer: true,
        msg: |_| Msg::Back,
    },
    QUIT,
];

const CONFIRM_DELETE: &[Binding] = &[
    Binding {
        keys: &[Ch('y')],
        label: "y",
        action: "delete",
        footer: true,
        msg: |_| Msg::Confirm,
    },
    Binding {
        keys: &[Ch('n'), Code(KeyCode::Esc)],
        label: "n/Esc",
        action: "keep",
        footer: true,
        msg: |_| Msg::Back,
    },
    QUIT,
];

const HELP: &[Binding] = &[
    Binding {
        keys: &[Code(KeyCode::Esc), Ch('?'), Ch('q'), Code(KeyCode::F(1))],
        label: "Esc",
        action: "close help",
        footer: true,
        msg: |_| Msg::Back,
    },
    QUIT,
];

impl Msg {
    fn pick(digit: u32) -> Msg {
        Msg::Pick(digit as usize)
    }
}

/// The context the keys go to now.
pub fn context(app: &App) -> Context {
    match &app.overlay {
        Some(Overlay::Help) => return Context::Help,
        Some(Overlay::Notes { .. }) => return Context::Notes,
        Some(Overlay::Export(_)) => return Context::Export,
        Some(Overlay::ConfirmDelete { .. }) => return Context::ConfirmDelete,
        None => {}
    }
    match app.screen {
        Screen::Home if app.home.editing_filter => Context::HomeFilter,
        Screen::Home => Context::Home,
        Screen::NewSession if app.form.focus == FormField::Depth => Context::NewSessionDepth,
        Screen::NewSession => Context::NewSession,
        Screen::Results => Context::Results,
        Screen::Assessment => match app.current().map(|(_, question)| question.kind) {
            Some(QuestionKind::Text | QuestionKind::Number) => Context::Typing,
            Some(QuestionKind::YesNo) => Context::YesNo,
            _ => Context::Choice,
        },
    }
}

/// The key table of a context.
pub fn bindings(context: Context) -> &'static [Binding] {
    match context {
        Context::Home => HOME,
        Context::HomeFilter => HOME_FILTER,
        Context::NewSession => NEW_SESSION,
        Context::NewSessionDepth => NEW_SESSION_DEPTH,
        Context::Choice => CHOICE,
        Context::YesNo => YES_NO,
        Context::Typing => TYPING,
        Context::Results => RESULTS,
        Context::Notes => NOTES,
        Context::Export => EXPORT,
        Context::ConfirmDelete => CONFIRM_DELETE,
        Context::Help => HELP,
    }
}

/// Whether text typed in this context goes to a field.
fn takes_text(context: Context) -> bool {
    matches!(
        context,
        Context::HomeFilter
            | Context::NewSession
            | Context::Typing
            | Context::Notes
            | Context::Export
    )
}

fn matches(key: Key, event: &KeyEvent) -> Option<u32> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    match (key, event.code) {
        (Key::Ctrl(c), KeyCode::Char(pressed)) if ctrl && pressed.eq_ignore_ascii_case(&c) => {
            Some(0)
        }
        (_, _) if ctrl => None,
        (Key::Ch(c), KeyCode::Char(pressed)) if pressed == c => Some(0),
        (Key::Digit, KeyCode::Char(pressed)) => pressed.to_digit(10).filter(|d| *d > 0),
        (Key::Code(code), pressed) if pressed == code => Some(0),
        _ => None,
    }
}

/// The message for a key press in the app's current context.
pub fn to_msg(app: &App, event: KeyEvent) -> Option<Msg> {
    let context = context(app);
    let found = bindings(context).iter().find_map(|binding| {
        binding
            .keys
            .iter()
            .find_map(|&key| matches(key, &event))
            .map(|digit| (binding, digit))
    });
    match found {
        Some((binding, digit)) => Some((binding.msg)(digit)),
        None if takes_text(context) => Some(Msg::Edit(event)),
        None => None,
    }
}
