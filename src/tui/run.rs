//! Starting the interactive program: the terminal, the event loop, or the plain prompts; the
//! effects are performed by [`Driver`].

use std::io::{IsTerminal, Write};
use std::time::Duration;

use anyhow::Context as _;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::model::{Depth, Questionnaire};
use crate::storage::{StorageError, Store};

use super::app::App;
use super::driver::{Driver, Perform, drive, rescue};
use super::keymap;
use super::msg::{Effect, Msg};
use super::plain;
use super::theme::Theme;

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
    /// A follow-up of a session (ID, prefix or "latest"); client, assessor and depth are the
    /// previous session's unless given.
    FollowUp {
        /// The session followed up.
        from: String,
        /// Client or organisation.
        client: Option<String>,
        /// Assessor.
        assessor: Option<String>,
        /// Depth.
        depth: Option<Depth>,
    },
}

/// The interactive program was started without a terminal: a usage problem (exit 2).
#[derive(Debug, thiserror::Error)]
#[error(
    "the interactive assessment needs a terminal (stdin and stdout are not one); to evaluate answers without it, run `isoready assess --answers FILE`"
)]
pub struct NotATerminal;

/// Everything the driver needs.
pub struct Options {
    /// The session store.
    pub store: Store,
    /// The questionnaire in use.
    pub questionnaire: Questionnaire,
    /// Colour, or the monochrome theme (bold, reversed and underlined only).
    pub color: bool,
    /// Plain line prompts instead of the full-screen TUI.
    pub plain: bool,
    /// Where to start.
    pub start: Start,
}

/// Whether the plain mode is asked for, by flag or by a dumb terminal.
pub(crate) fn wants_plain(flag: bool) -> bool {
    flag || std::env::var("TERM").is_ok_and(|term| term == "dumb")
}

/// Runs the interactive program.
pub fn run(options: Options) -> anyhow::Result<()> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(NotATerminal.into());
    }
    let plain_mode = wants_plain(options.plain);
    let mut driver = Driver::new(options.store);
    let last_assessor = latest_assessor(driver.store());
    let theme = if options.color {
        Theme::color()
    } else {
        Theme::monochrome()
    };
    let mut app = App::new(options.questionnaire, theme, &last_assessor)
        .exporting_to(std::env::current_dir().unwrap_or_default());
    let first = match options.start {
        // The plain mode has no home screen: the latest session, or a new one when there is none.
        Start::Home if plain_mode => match driver.store().resolve("latest") {
            Ok(id) => Some(Effect::Open(id)),
            Err(StorageError::NoSessions) => None,
            Err(error) => return Err(error.into()),
        },
        Start::Home => Some(Effect::LoadSessions),
        Start::Resume(query) => Some(Effect::Open(driver.store().resolve(&query)?)),
        Start::FollowUp {
            from,
            client,
            assessor,
            depth,
        } => Some(Effect::FollowUp {
            from: driver.store().resolve(&from)?,
            client,
            assessor,
            depth,
        }),
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
            drive(
                &mut app,
                &mut driver,
                [Msg::NewForm {
                    assessor,
                    depth: depth.unwrap_or_default(),
                }],
            );
            None
        }
    };
    let result = if plain_mode {
        run_plain(&mut driver, &mut app, first)
    } else {
        run_tui(&mut driver, &mut app, first)
    };
    let unsaved = driver.take_unsaved();
    // Every unsaved session is rescued, whatever happened to the others or the run.
    let mut lost = 0;
    for session in &unsaved {
        let message = match rescue(session, &std::env::temp_dir(), jiff::Timestamp::now()) {
            Ok(path) => format!(
                "isoready: the last changes could not be saved to {}; they are in {} — run `isoready import {}` once the problem is fixed",
                driver.store().dir().display(),
                path.display(),
                path.display()
            ),
            Err(error) => {
                lost += 1;
                format!(
                    "isoready: the last changes to session {} could not be saved, nor written to a rescue file: {error:#}",
                    session.id
                )
            }
        };
        eprintln!("{}", crate::text::strip_controls(&message));
    }
    result?;
    if lost > 0 {
        anyhow::bail!("the changes to {lost} session(s) are lost (see above)");
    }
    if unsaved.is_empty() {
        Ok(())
    } else {
        // The answers are safe, but not where they belong: a failure at run time.
        Err(anyhow::anyhow!(
            "{} session{} could not be saved (see above)",
            unsaved.len(),
            if unsaved.len() == 1 { "" } else { "s" }
        ))
    }
}

fn latest_assessor(store: &Store) -> String {
    store
        .list()
        .map(|listing| listing.sessions)
        .unwrap_or_default()
        .into_iter()
        .map(|summary| summary.assessor)
        .find(|assessor| !assessor.is_empty())
        .unwrap_or_default()
}

fn run_plain(driver: &mut Driver, app: &mut App, first: Option<Effect>) -> anyhow::Result<()> {
    let mut input = std::io::stdin().lock();
    // The default assessor comes from a stored session: it may not drive the terminal either.
    let mut out = crate::text::ControlFilter::new(std::io::stdout().lock());
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
            let mut label = "Depth, quick or full";
            let depth = loop {
                match ask(label, "quick")?.to_lowercase().as_str() {
                    "quick" | "q" => break Depth::Quick,
                    "full" | "f" => break Depth::Full,
                    _ => label = "Type quick or full. Depth",
                }
            };
            Effect::Create {
                client,
                assessor,
                depth,
            }
        }
    };
    let outcome = driver.perform(first, app);
    drive(app, driver, outcome);
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
    let resized = Msg::Resize {
        width: size.width,
        height: size.height,
    };
    drive(app, driver, [resized]);
    // Messages are handled in the order they arrive, effects in the order update gives them.
    let started = first
        .map(|effect| driver.perform(effect, app))
        .unwrap_or_default();
    if drive(app, driver, started) {
        return Ok(());
    }
    loop {
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        let input = event::poll(driver.wait(Duration::from_secs(2)))?;
        if !input {
            // Typing paused: the note typed so far goes to disk.
            driver.flush_draft();
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
        if drive(app, driver, msg) {
            return Ok(());
        }
    }
}
