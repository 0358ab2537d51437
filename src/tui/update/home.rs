//! The home screen and the new-session form.

use ratatui::layout::Rect;

use super::step;
use crate::tui::app::{App, FormField, Overlay, Screen};
use crate::tui::layout;
use crate::tui::msg::{Effect, Msg};

pub(super) fn home(app: &mut App, msg: Msg) -> Vec<Effect> {
    let rows = app.filtered_sessions().len();
    let selected_id = app.home.selected.checked_sub(1).and_then(|index| {
        app.filtered_sessions()
            .get(index)
            .map(|row| (row.id.clone(), row.client.clone()))
    });
    match msg {
        Msg::Up => app.home.selected = app.home.selected.saturating_sub(1),
        Msg::Down => app.home.selected = (app.home.selected + 1).min(rows),
        Msg::Scroll(delta) => {
            app.home.selected = step(app.home.selected, delta, rows + 1);
        }
        Msg::New => app.screen = Screen::NewSession,
        Msg::Confirm if app.home.editing_filter => app.home.editing_filter = false,
        Msg::Confirm => match selected_id {
            None => app.screen = Screen::NewSession,
            Some((id, _)) => return vec![Effect::Open(id)],
        },
        Msg::Export => {
            if let Some((id, _)) = selected_id {
                app.pending_export = true;
                return vec![Effect::Open(id)];
            }
        }
        Msg::FollowUp => {
            if let Some((id, _)) = selected_id {
                return vec![Effect::FollowUp {
                    from: id,
                    client: None,
                    assessor: None,
                    depth: None,
                }];
            }
        }
        Msg::Delete => {
            if let Some((id, client)) = selected_id {
                app.overlay = Some(Overlay::ConfirmDelete { id, client });
            }
        }
        Msg::Filter => app.home.editing_filter = true,
        Msg::Back if app.home.editing_filter || !app.home.filter.value().is_empty() => {
            app.home.filter.reset();
            app.home.editing_filter = false;
        }
        Msg::Back => return vec![Effect::Quit],
        Msg::Edit(key) => {
            app.home.filter.input(key);
            app.home.selected = usize::from(!app.filtered_sessions().is_empty());
        }
        Msg::Help => app.overlay = Some(Overlay::Help),
        Msg::Click { row, .. } => {
            let body = layout::frame(Rect::new(0, 0, app.size.0, app.size.1)).body;
            // The list starts below the border and the intro line, scrolled like the view.
            let inner_height = body.height.saturating_sub(2);
            let skip = layout::home_scroll(app.home.selected, inner_height);
            if let Some(offset) = row.checked_sub(body.y + 2) {
                let index = skip + usize::from(offset);
                if index <= rows {
                    app.home.selected = index;
                }
            }
        }
        _ => {}
    }
    Vec::new()
}

pub(super) fn new_session(app: &mut App, msg: Msg) -> Vec<Effect> {
    let form = &mut app.form;
    match msg {
        Msg::Next | Msg::Down => {
            form.focus = match form.focus {
                FormField::Client => FormField::Assessor,
                FormField::Assessor | FormField::Depth => FormField::Depth,
            }
        }
        Msg::Prev | Msg::Up => {
            form.focus = match form.focus {
                FormField::Client | FormField::Assessor => FormField::Client,
                FormField::Depth => FormField::Assessor,
            }
        }
        Msg::Toggle => {
            form.depth = match form.depth {
                crate::model::Depth::Quick => crate::model::Depth::Full,
                crate::model::Depth::Full => crate::model::Depth::Quick,
            }
        }
        Msg::Confirm if form.focus != FormField::Depth => {
            form.focus = match form.focus {
                FormField::Client => FormField::Assessor,
                _ => FormField::Depth,
            }
        }
        Msg::Confirm => {
            let effect = Effect::Create {
                client: form.client.value().trim().to_owned(),
                assessor: form.assessor.value().trim().to_owned(),
                depth: form.depth,
            };
            form.client.reset();
            form.focus = FormField::Client;
            return vec![effect];
        }
        Msg::Back => {
            app.screen = Screen::Home;
            return vec![Effect::LoadSessions];
        }
        Msg::Edit(key) => {
            let field = match form.focus {
                FormField::Client => &mut form.client,
                FormField::Assessor => &mut form.assessor,
                FormField::Depth => return Vec::new(),
            };
            field.input(key);
        }
        _ => {}
    }
    Vec::new()
}
