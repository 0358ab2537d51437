//! The thin driver: terminal setup, the event loop, and the effects `update` asks for.

use std::collections::{BTreeMap, VecDeque};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::assess;
use crate::cli::ColorChoice;
use crate::commands::BadInput;
use crate::model::{Depth, Questionnaire, Session};
use crate::storage::{Listed, SessionLock, StorageError, Store};

use super::app::App;
use super::draft_writer::DraftWriter;
use super::keymap;
use super::msg::{Effect, Msg, RowState, SessionRow};
use super::plain::{self, Saver};
use super::theme::Theme;
use super::update::update;

/// Where the interactive program starts.
#[derive(Debug, Clone, PartialEq)]
pub enum Start {
    /// The home screen.
    Home,
    /// A new session; with a client it starts at once, otherwise the form opens prefilled.
    New {
        /// Client or organisation.
        client: Option<String>,
        /// Assessor.
        assessor: Option<String>,
        /// Depth.
        depth: Option<Depth>,
    },
    /// Resume a session by ID, prefix or "latest".
    Resume(String),
}

/// Everything the driver needs.
pub struct Options {
    /// The session store.
    pub store: Store,
    /// The questionnaire in use.
    pub questionnaire: Questionnaire,
    /// Colour choice.
    pub color: ColorChoice,
    /// Plain line prompts instead of the full-screen TUI.
    pub plain: bool,
    /// Where to start.
    pub start: Start,
}

/// The theme for a colour choice: monochrome under `NO_COLOR` or `--color never`.
pub fn theme(color: ColorChoice) -> Theme {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    match color {
        ColorChoice::Always => Theme::color(),
        ColorChoice::Never => Theme::monochrome(),
        ColorChoice::Auto if no_color => Theme::monochrome(),
        ColorChoice::Auto => Theme::color(),
    }
}

/// Whether the plain mode is asked for, by flag or by a dumb terminal.
pub fn wants_plain(flag: bool) -> bool {
    flag || std::env::var("TERM").is_ok_and(|term| term == "dumb")
}

struct Driver {
    store: Store,
    lock: Option<SessionLock>,
    /// Sessions whose last save failed, by ID: a later save of the same session clears its
    /// entry; what is left at exit is written to rescue files.
    unsaved: BTreeMap<String, Session>,
    /// The note being typed, written beside its session now and then.
    drafts: DraftWriter,
    /// Each session as it was last read or written, so that a save that changes nothing is
    /// skipped and "last change" only moves when something did.
    persisted: BTreeMap<String, Session>,
}

impl Saver for Driver {
    fn save(&mut self, session: &Session) -> Result<(), String> {
        let mut session = session.clone();
        let before = self.persisted.get(&session.id);
        let same_except = |mut other: Session, before: &Session, position: bool| {
            other.updated = before.updated;
            if position {
                other.position.clone_from(&before.position);
            }
            other == *before
        };
        match before {
            // Nothing to write (opened and closed, or saved twice).
            Some(before) if same_except(session.clone(), before, false) => return Ok(()),
            // Only the resume point moved: written, but nothing changed.
            Some(before) if same_except(session.clone(), before, true) => {
                session.updated = before.updated;
            }
            _ => session.updated = jiff::Timestamp::now(),
        }
        match self.store.save(&session) {
            Ok(()) => {
                self.unsaved.remove(&session.id);
                self.persisted.insert(session.id.clone(), session);
                Ok(())
            }
            Err(error) => {
                let reason = format!("{error:#}");
                self.unsaved.insert(session.id.clone(), session);
                Err(reason)
            }
        }
    }
}

/// Runs the interactive program.
pub fn run(options: Options) -> anyhow::Result<()> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(BadInput(
            "the interactive assessment needs a terminal (stdin and stdout are not one); to evaluate answers without it, run `isoready assess --answers FILE`".to_owned(),
        )
        .into());
    }
    let plain_mode = wants_plain(options.plain);
    let mut driver = Driver {
        store: options.store,
        lock: None,
        unsaved: BTreeMap::new(),
        drafts: DraftWriter::default(),
        persisted: BTreeMap::new(),
    };
    let last_assessor = latest_assessor(&driver.store);
    let mut app = App::new(options.questionnaire, theme(options.color), &last_assessor);
    app.export_dir = std::env::current_dir().unwrap_or_default();
    let first = match options.start {
        Start::Home if plain_mode => Some(Effect::Open(
            resolve(&driver.store, "latest").unwrap_or_default(),
        )),
        Start::Home => Some(Effect::LoadSessions),
        Start::Resume(query) => Some(Effect::Open(resolve(&driver.store, &query)?)),
        Start::New {
            client: Some(client),
            assessor,
            depth,
        } => Some(Effect::Create {
            client,
            assessor: assessor.unwrap_or(last_assessor),
            depth: depth.unwrap_or_default(),
        }),
        Start::New {
            client: None,
            assessor,
            depth,
        } => {
            if let Some(assessor) = assessor {
                app.form.assessor = super::text_field::TextField::new(assessor);
            }
            app.form.depth = depth.unwrap_or_default();
            app.screen = super::app::Screen::NewSession;
            None
        }
    };
    let result = if plain_mode {
        run_plain(&mut driver, &mut app, first)
    } else {
        run_tui(&mut driver, &mut app, first)
    };
    for session in std::mem::take(&mut driver.unsaved).into_values() {
        let path = rescue(&session)?;
        let message = format!(
            "isoready: the last changes could not be saved to {}; they are in {} — run `isoready import {}` once the problem is fixed",
            driver.store.dir().display(),
            path.display(),
            path.display()
        );
        eprintln!("{}", crate::text::strip_controls(&message));
    }
    result
}

fn resolve(store: &Store, query: &str) -> anyhow::Result<String> {
    store.resolve(query).map_err(|error| {
        if error.is_bad_input() {
            BadInput(error.to_string()).into()
        } else {
            anyhow::Error::new(error)
        }
    })
}

fn latest_assessor(store: &Store) -> String {
    store
        .list()
        .unwrap_or_default()
        .into_iter()
        .find_map(|listed| match listed {
            Listed::Session(session) if !session.assessor.is_empty() => Some(session.assessor),
            _ => None,
        })
        .unwrap_or_default()
}

fn run_plain(driver: &mut Driver, app: &mut App, first: Option<Effect>) -> anyhow::Result<()> {
    let mut input = std::io::stdin().lock();
    // The default assessor comes from a stored session: it may not drive the terminal either.
    let mut out = crate::text::ControlFilter::new(std::io::stdout().lock());
    let first = match first {
        Some(Effect::Open(id)) if id.is_empty() => None,
        other => other,
    };
    let first = match first {
        Some(effect) => effect,
        None => {
            let mut ask = |label: &str, default: &str| -> anyhow::Result<String> {
                write!(
                    out,
                    "{label}{}: ",
                    if default.is_empty() {
                        String::new()
                    } else {
                        format!(" [{default}]")
                    }
                )?;
                out.flush()?;
                let mut line = String::new();
                std::io::BufRead::read_line(&mut input, &mut line)?;
                let line = line.trim();
                Ok(if line.is_empty() {
                    default.to_owned()
                } else {
                    line.to_owned()
                })
            };
            let client = ask("Client or organisation", "")?;
            let assessor = ask("Assessor", app.form.assessor.value())?;
            let depth = if ask("Depth, quick or full", "quick")?.starts_with('f') {
                Depth::Full
            } else {
                Depth::Quick
            };
            Effect::Create {
                client,
                assessor,
                depth,
            }
        }
    };
    for msg in driver.perform(first, app) {
        update(app, msg);
    }
    if app.assessment.is_none() {
        anyhow::bail!(
            "{}",
            app.banner
                .as_ref()
                .map_or("could not open the session", |b| b.text.as_str())
        );
    }
    plain::run(app, driver, &mut input, &mut out)?;
    Ok(())
}

fn run_tui(driver: &mut Driver, app: &mut App, first: Option<Effect>) -> anyhow::Result<()> {
    let mut terminal = ratatui::try_init().context("cannot start the terminal interface")?;
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        hook(info);
    }));
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let result = event_loop(&mut terminal, driver, app, first);
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    driver: &mut Driver,
    app: &mut App,
    first: Option<Effect>,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    update(
        app,
        Msg::Resize {
            width: size.width,
            height: size.height,
        },
    );
    // Messages are handled in the order they arrive, effects in the order update gives them.
    let mut pending: VecDeque<Msg> = first
        .map(|effect| driver.perform(effect, app))
        .unwrap_or_default()
        .into();
    loop {
        while let Some(msg) = pending.pop_front() {
            for effect in update(app, msg) {
                if effect == Effect::Quit {
                    return Ok(());
                }
                pending.extend(driver.perform(effect, app));
            }
        }
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        let wait = driver.drafts.due_in(Duration::from_secs(2));
        let input = event::poll(wait)?;
        if !input {
            // Typing paused: the note typed so far goes to disk.
            driver.drafts.flush(&driver.store, Instant::now());
        }
        let msg = if input {
            match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => keymap::to_msg(app, key),
                Event::Mouse(mouse) => match mouse.kind {
                    MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click {
                        column: mouse.column,
                        row: mouse.row,
                    }),
                    MouseEventKind::ScrollUp => Some(Msg::Scroll(-1)),
                    MouseEventKind::ScrollDown => Some(Msg::Scroll(1)),
                    _ => None,
                },
                Event::Resize(width, height) => Some(Msg::Resize { width, height }),
                _ => None,
            }
        } else {
            Some(Msg::Tick)
        };
        pending.extend(msg);
    }
}

impl Driver {
    /// Performs one effect and returns the messages that report its outcome.
    fn perform(&mut self, effect: Effect, app: &App) -> Vec<Msg> {
        match effect {
            Effect::Save(session) => vec![match Saver::save(self, &session) {
                Ok(()) => Msg::Saved,
                Err(reason) => Msg::SaveFailed(reason),
            }],
            Effect::Create {
                client,
                assessor,
                depth,
            } => {
                let now = jiff::Timestamp::now();
                let mut session = Session::new(Store::new_id(), &app.questionnaire, depth, now);
                session.client = client;
                session.assessor = assessor;
                let created = self.store.lock(&session.id).and_then(|lock| {
                    self.store.save(&session)?;
                    Ok(lock)
                });
                match created {
                    Ok(lock) => {
                        self.lock = Some(lock);
                        self.persisted.insert(session.id.clone(), session.clone());
                        vec![Msg::Opened {
                            session: Box::new(session),
                            read_only: None,
                        }]
                    }
                    Err(error) => vec![Msg::Failed(format!("Cannot create the session: {error}"))],
                }
            }
            Effect::Open(id) => self.open(&id),
            Effect::Delete(id) => match self.store.delete(&id) {
                Ok(()) => vec![Msg::Notice("Deleted.".to_owned())],
                Err(error) => vec![Msg::Failed(format!("Not deleted: {error}"))],
            },
            Effect::LoadSessions => {
                if app.assessment.is_none() {
                    self.lock = None;
                }
                vec![match rows(&self.store, &app.questionnaire) {
                    Ok(rows) => Msg::SessionsLoaded(rows),
                    Err(error) => Msg::SessionsUnavailable(error.to_string()),
                }]
            }
            Effect::Export {
                format,
                path,
                overwrite,
            } => match app.assessment.as_ref() {
                Some(assessment) => {
                    let exported = export_session(
                        &assessment.session,
                        &app.questionnaire,
                        format,
                        &path,
                        overwrite,
                    );
                    match exported {
                        Ok(()) => vec![Msg::Exported(std::path::absolute(&path).unwrap_or(path))],
                        Err(error)
                            if matches!(
                                error.downcast_ref::<StorageError>(),
                                Some(StorageError::Exists(_))
                            ) =>
                        {
                            vec![Msg::ExportExists(path)]
                        }
                        Err(error) => vec![Msg::Failed(format!("Not exported: {error:#}"))],
                    }
                }
                None => Vec::new(),
            },
            Effect::SaveDraft { id, draft } => {
                self.drafts.offer(&self.store, id, draft, Instant::now());
                Vec::new()
            }
            Effect::DiscardDraft(id) => {
                self.drafts.discard(&self.store, &id);
                Vec::new()
            }
            Effect::Quit => Vec::new(),
        }
    }

    fn open(&mut self, id: &str) -> Vec<Msg> {
        let read_only = match self.store.lock(id) {
            Ok(lock) => {
                self.lock = Some(lock);
                None
            }
            Err(StorageError::Locked { holder, .. }) => Some(match holder {
                Some(info) => format!("open in another isoready ({info})"),
                None => "open in another isoready".to_owned(),
            }),
            Err(error) => return vec![Msg::Failed(format!("Cannot open {id}: {error}"))],
        };
        match self.store.load(id) {
            Ok(session) => {
                self.persisted.insert(session.id.clone(), session.clone());
                // Only the lock holder may take up a draft left behind.
                let draft = read_only
                    .is_none()
                    .then(|| self.store.load_draft(id))
                    .flatten();
                let mut messages = vec![Msg::Opened {
                    session: Box::new(session),
                    read_only,
                }];
                messages.extend(draft.map(Msg::DraftFound));
                messages
            }
            Err(error) => {
                self.lock = None;
                vec![Msg::Failed(format!("Cannot open {id}: {error}"))]
            }
        }
    }
}

/// The home screen's rows: client, last change, progress and recommendation per session.
fn rows(store: &Store, questionnaire: &Questionnaire) -> Result<Vec<SessionRow>, StorageError> {
    Ok(store
        .list()?
        .into_iter()
        .map(|entry| match entry {
            Listed::Session(session) => {
                let progress =
                    assess::Progress::new(questionnaire, &session.answers, session.depth);
                SessionRow {
                    id: session.id.clone(),
                    client: session.client.clone(),
                    state: RowState::Readable {
                        updated: crate::text::local_time(session.updated),
                        stage: progress.stage,
                        recommendation: progress.recommendation,
                    },
                }
            }
            Listed::Broken(broken) => SessionRow {
                id: broken
                    .id
                    .unwrap_or_else(|| broken.path.display().to_string()),
                client: String::new(),
                state: RowState::Unreadable(broken.reason),
            },
        })
        .collect())
}

/// Renders an export of the open session and writes it; an existing file is replaced only
/// when `overwrite` says so.
fn export_session(
    session: &Session,
    questionnaire: &Questionnaire,
    format: crate::export::Format,
    path: &std::path::Path,
    overwrite: bool,
) -> anyhow::Result<()> {
    let export = crate::export::ExportSession::from_session(session);
    let input =
        crate::export::ExportInput::new(&export, questionnaire, crate::model::Catalogs::embedded());
    let text = crate::export::render(format, &input)?;
    crate::storage::write_private(path, text.as_bytes(), overwrite)?;
    Ok(())
}

/// Writes a session that could not be saved to a private file in the temp directory.
fn rescue(session: &Session) -> anyhow::Result<PathBuf> {
    let path = std::env::temp_dir().join(format!("isoready-rescue-{}.json", session.id));
    let text = serde_json::to_string_pretty(session)?;
    crate::storage::write_private(&path, text.as_bytes(), true)?;
    Ok(path)
}
