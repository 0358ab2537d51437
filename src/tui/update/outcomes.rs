//! What the driver reports back: a list loaded, a session opened, a save or an export done or
//! failed, a tick of the clock.

use super::{notes, results, save};
use crate::tui::app::{App, Banner, Overlay, Screen};
use crate::tui::msg::{Effect, Msg};

/// Applies the outcome of an effect; any other message is handed back.
pub(super) fn outcome(app: &mut App, msg: Msg) -> Result<Vec<Effect>, Msg> {
    match msg {
        Msg::SessionsUnavailable(reason) => {
            app.sessions.clear();
            app.home.selected = 0;
            app.home.list_error = Some(reason);
            Ok(Vec::new())
        }
        Msg::SessionsLoaded(rows) => {
            // The highlight stays on its session (or goes to the one just closed) wherever
            // the new order puts it.
            let followed = app.home.follow.take().or_else(|| app.selected_session_id());
            app.home.list_error = None;
            app.sessions = rows;
            let shown = app.filtered_sessions();
            app.home.selected = followed
                .and_then(|id| shown.iter().position(|row| row.id == id))
                .map_or(app.home.selected.min(shown.len()), |index| index + 1);
            Ok(Vec::new())
        }
        Msg::Opened { session, read_only } => {
            let carried = app.open(*session, read_only.clone());
            if let Some(holder) = read_only {
                app.banner = Some(Banner {
                    text: format!("Read-only: {holder}"),
                    error: true,
                });
            } else if !carried.is_empty() {
                app.banner = Some(Banner {
                    text: format!(
                        "Updated to questionnaire version {}: {} saved question{} replaced, answers carried to the new questions.",
                        app.questionnaire.version,
                        carried.len(),
                        if carried.len() == 1 { " was" } else { "s were" }
                    ),
                    error: false,
                });
            }
            if std::mem::take(&mut app.pending_export) {
                app.screen = Screen::Results;
                results::open_export(app);
            }
            // A session whose answers moved to new IDs is saved with them at once.
            Ok(if carried.is_empty() {
                Vec::new()
            } else {
                save(app)
            })
        }
        Msg::PreviousFound(previous) => {
            app.set_previous(&previous);
            if app.banner.is_none() {
                app.banner = Some(Banner {
                    text: format!(
                        "A follow-up of the call of {}: c goes to the next answer to confirm, r shows what moved.",
                        crate::export::iso_date(previous.created)
                    ),
                    error: false,
                });
            }
            Ok(Vec::new())
        }
        Msg::DraftFound(draft) => Ok(notes::restore_draft(app, draft)),
        Msg::Saved => {
            if let Some(assessment) = app.assessment.as_mut()
                && std::mem::take(&mut assessment.unsaved)
            {
                app.banner = Some(Banner {
                    text: "Saved again: every answer is on disk.".to_owned(),
                    error: false,
                });
            }
            Ok(Vec::new())
        }
        Msg::SaveFailed(reason) => {
            if let Some(assessment) = app.assessment.as_mut() {
                assessment.unsaved = true;
            }
            app.banner = Some(Banner {
                text: format!("Not saved ({reason}). Your answers are kept and saving is retried."),
                error: true,
            });
            Ok(Vec::new())
        }
        Msg::Tick => Ok(match app.assessment.as_ref() {
            Some(assessment) if assessment.unsaved => save(app),
            _ => Vec::new(),
        }),
        Msg::Notice(text) => {
            app.banner = Some(Banner { text, error: false });
            Ok(Vec::new())
        }
        Msg::ExportExists(path) => {
            if let Some(Overlay::Export(dialog)) = app.overlay.as_mut() {
                app.banner = Some(Banner {
                    // The whole path is in the dialog: the name alone keeps this on one line.
                    text: format!(
                        "{} already exists: Enter again replaces it, Tab edits the name.",
                        path.file_name()
                            .map_or(path.as_os_str(), |name| name)
                            .to_string_lossy()
                    ),
                    error: true,
                });
                dialog.replace = Some(path);
            }
            Ok(Vec::new())
        }
        Msg::Exported(path) => {
            if matches!(app.overlay, Some(Overlay::Export(_))) {
                app.overlay = None;
            }
            app.banner = Some(Banner {
                text: format!("Exported to {}", path.display()),
                error: false,
            });
            Ok(Vec::new())
        }
        Msg::Failed(reason) => {
            app.pending_export = false;
            app.banner = Some(Banner {
                text: reason,
                error: true,
            });
            // A session that failed to open from the start leaves the home screen unlisted.
            if app.screen == Screen::Home && app.assessment.is_none() {
                Ok(vec![Effect::LoadSessions])
            } else {
                Ok(Vec::new())
            }
        }
        other => Err(other),
    }
}
