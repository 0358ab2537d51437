//! The results screen and the windows over any screen: help, notes, export, delete.

use super::{go_home, save, store_note};
use crate::export::{ExportSession, Format, Naming, default_file_name};
use crate::model::NoteDraft;
use crate::tui::app::{App, Banner, ExportDialog, Overlay, ResultsTab, Screen};
use crate::tui::layout;
use crate::tui::msg::{Effect, Msg};
use crate::tui::text_field::TextField;

pub(super) fn results(app: &mut App, msg: Msg) -> Vec<Effect> {
    let before = app.assessment.as_ref().map(|a| (a.gap, a.tab));
    let effects = navigate(app, msg);
    // Another gap's detail starts at its top.
    if let Some(assessment) = app.assessment.as_mut()
        && Some((assessment.gap, assessment.tab)) != before
    {
        assessment.detail_scroll = 0;
    }
    effects
}

fn navigate(app: &mut App, msg: Msg) -> Vec<Effect> {
    if let Msg::ScrollHelp(delta) = msg {
        scroll_detail(app, delta);
        return Vec::new();
    }
    let gaps = app.shown_gaps().len();
    let scroll_limit = crate::tui::report_text::scroll_limit(app);
    let page = results_page(app);
    let Some(assessment) = app.assessment.as_mut() else {
        app.screen = Screen::Home;
        return Vec::new();
    };
    if assessment.searching {
        match msg {
            Msg::Edit(key) => {
                assessment.gap_search.input(key);
                assessment.gap = 0;
                return Vec::new();
            }
            Msg::Confirm => {
                assessment.searching = false;
                return Vec::new();
            }
            Msg::Back => {
                assessment.searching = false;
                assessment.gap_search.reset();
                assessment.gap = 0;
                return Vec::new();
            }
            _ => {}
        }
    }
    let on_gaps = assessment.tab == ResultsTab::Gaps;
    // Moving within the gap list, or scrolling the summary and roadmap, never past their end.
    let mut move_by = |delta: isize| {
        if on_gaps {
            assessment.gap = assessment
                .gap
                .saturating_add_signed(delta)
                .min(gaps.saturating_sub(1));
        } else {
            assessment.scroll = assessment
                .scroll
                .saturating_add_signed(delta)
                .min(scroll_limit);
        }
    };
    match msg {
        Msg::Next | Msg::Prev => {
            assessment.scroll = 0;
            assessment.tab = match (assessment.tab, msg == Msg::Next) {
                (ResultsTab::Summary, true) | (ResultsTab::Roadmap, false) => ResultsTab::Gaps,
                (ResultsTab::Gaps, true) | (ResultsTab::Summary, false) => ResultsTab::Roadmap,
                (ResultsTab::Roadmap, true) | (ResultsTab::Gaps, false) => ResultsTab::Summary,
            }
        }
        Msg::Up => move_by(-1),
        Msg::Down => move_by(1),
        Msg::Scroll(delta) => move_by(isize::from(delta)),
        Msg::Page(direction) => move_by(isize::from(direction) * page),
        Msg::Edge(end) => move_by(if end { isize::MAX } else { isize::MIN }),
        // Each `/` starts a new search.
        Msg::Filter if on_gaps => {
            assessment.gap_search.reset();
            assessment.gap = 0;
            assessment.searching = true;
        }
        Msg::Confirm => {
            let target = app
                .shown_gaps()
                .get(app.assessment.as_ref().map_or(0, |a| a.gap))
                .and_then(|gap| gap.questions.first().cloned());
            if let Some(question) = target
                && app.go_to_question(&question)
            {
                app.screen = Screen::Assessment;
            }
        }
        Msg::Export => open_export(app),
        Msg::Back => {
            app.screen = Screen::Assessment;
            app.sync_cursor();
        }
        Msg::Home => return go_home(app),
        Msg::Help => app.overlay = Some(Overlay::Help),
        _ => {}
    }
    Vec::new()
}

/// Scrolls the highlighted gap's detail, on the gap list, no further than its end.
fn scroll_detail(app: &mut App, delta: i16) {
    let limit = crate::tui::report_text::detail_scroll_limit(app);
    if let Some(assessment) = app.assessment.as_mut()
        && assessment.tab == ResultsTab::Gaps
    {
        assessment.detail_scroll = assessment
            .detail_scroll
            .saturating_add_signed(delta)
            .min(limit);
    }
}

/// Rows a page of the results moves: the gap list's rows, or the summary's, less one.
fn results_page(app: &App) -> isize {
    let body = layout::frame(ratatui::layout::Rect::new(0, 0, app.size.0, app.size.1)).body;
    let panes = layout::results(body);
    let on_gaps = app
        .assessment
        .as_ref()
        .is_some_and(|assessment| assessment.tab == ResultsTab::Gaps);
    let pane = if on_gaps { panes.list } else { panes.body };
    isize::try_from(pane.height.saturating_sub(3).max(1)).unwrap_or(1)
}

pub(super) fn open_export(app: &mut App) {
    let path = export_path(app, 0);
    app.overlay = Some(Overlay::Export(Box::new(ExportDialog {
        format: 0,
        path: TextField::new(path),
        editing_path: false,
        custom_path: false,
        replace: None,
    })));
}

/// The default export file name for the open session and a format of `Format::ALL`.
fn export_path(app: &App, format: usize) -> String {
    let Some(assessment) = app.assessment.as_ref() else {
        return String::new();
    };
    let format = Format::ALL[format.min(Format::ALL.len() - 1)];
    let session = ExportSession::from_session(&assessment.session);
    let name = default_file_name(&session, &Naming::default(), format);
    app.export_dir.join(name).display().to_string()
}

pub(super) fn overlay(app: &mut App, msg: Msg) -> Vec<Effect> {
    let Some(current) = app.overlay.take() else {
        return Vec::new();
    };
    match current {
        Overlay::Help => {
            if msg != Msg::Back {
                app.overlay = Some(Overlay::Help);
            }
            Vec::new()
        }
        Overlay::Exclusions(dialog) => super::exclusions::checklist(app, dialog, msg),
        Overlay::Justify(dialog) => super::exclusions::justify_prompt(app, dialog, msg),
        Overlay::ConfirmDelete { id, client } => match msg {
            Msg::Confirm => vec![Effect::Delete(id), Effect::LoadSessions],
            Msg::Back => Vec::new(),
            _ => {
                app.overlay = Some(Overlay::ConfirmDelete { id, client });
                Vec::new()
            }
        },
        Overlay::Notes {
            question,
            mut editor,
        } => match msg {
            Msg::Back => {
                let mut effects = if store_note(app, question, &editor.lines().join("\n")) {
                    save(app)
                } else {
                    Vec::new()
                };
                effects.extend(super::discard_draft(app));
                effects
            }
            Msg::Edit(key) => {
                editor.input(key);
                let draft = NoteDraft {
                    question: question.clone(),
                    text: editor.lines().join("\n"),
                };
                app.overlay = Some(Overlay::Notes { question, editor });
                super::save_draft(app, draft).into_iter().collect()
            }
            _ => {
                app.overlay = Some(Overlay::Notes { question, editor });
                Vec::new()
            }
        },
        Overlay::Export(mut dialog) => {
            // Replacing is offered for one file, the one just found: anything else withdraws it.
            if !matches!(msg, Msg::Confirm) {
                dialog.replace = None;
            }
            match msg {
                Msg::Up if !dialog.editing_path => dialog.format = dialog.format.saturating_sub(1),
                Msg::Down if !dialog.editing_path => {
                    dialog.format = (dialog.format + 1).min(Format::ALL.len() - 1);
                }
                Msg::Next => dialog.editing_path = !dialog.editing_path,
                Msg::Edit(key) if dialog.editing_path => {
                    dialog.path.input(key);
                    dialog.custom_path = true;
                }
                Msg::Confirm => {
                    let format = Format::ALL[dialog.format];
                    let path = dialog.path.value().trim();
                    if path.is_empty() {
                        app.banner = Some(Banner {
                            text: "Give a file name to export to.".to_owned(),
                            error: true,
                        });
                    } else {
                        // The dialog stays open until the export is confirmed, so a failed
                        // write keeps the path for correction.
                        let path = std::path::PathBuf::from(path);
                        let effect = Effect::Export {
                            format,
                            overwrite: dialog.replace.as_ref() == Some(&path),
                            path,
                        };
                        app.overlay = Some(Overlay::Export(dialog));
                        return vec![effect];
                    }
                }
                Msg::Back => return Vec::new(),
                _ => {}
            }
            if !dialog.custom_path {
                dialog.path = TextField::new(export_path(app, dialog.format));
            }
            app.overlay = Some(Overlay::Export(dialog));
            Vec::new()
        }
    }
}
