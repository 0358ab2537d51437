//! The TUI's state. `update` changes it, the views only read it.

use std::cell::OnceCell;
use std::collections::BTreeSet;

use crate::tui::text_field::TextField;

use crate::assess::compare::Comparison;
use crate::assess::{self, Report};
use crate::export::follow_up::{Assessed, comparison};
use crate::model::{AnswerValue, Catalogs, Depth, Question, Questionnaire, Section, Session};

use crate::tui::exclusions;
use crate::tui::msg::SessionRow;
use crate::tui::theme::Theme;

mod overlays;

pub use overlays::{ExclusionDialog, ExportDialog, JustifyDialog, Overlay};

/// Which screen is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Saved sessions and "new".
    Home,
    /// The new-session form.
    NewSession,
    /// The question screen.
    Assessment,
    /// Recommendation, readiness, gaps and roadmap.
    Results,
}

/// The home screen's state.
#[derive(Debug, Default)]
pub struct Home {
    /// Highlighted row (0 = "new assessment", then the filtered sessions).
    pub selected: usize,
    /// The filter text (`/`); empty shows every session.
    pub filter: TextField,
    /// Whether keys go to the filter.
    pub editing_filter: bool,
    /// Why the session list could not be read, if it could not.
    pub list_error: Option<String>,
    /// The session the highlight goes to when the list is next loaded (the one just closed).
    pub follow: Option<String>,
}

/// Fields of the new-session form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormField {
    /// Client or organisation.
    Client,
    /// Assessor.
    Assessor,
    /// Quick or full.
    Depth,
}

/// The new-session form.
#[derive(Debug)]
pub struct NewForm {
    /// Client or organisation.
    pub client: TextField,
    /// Assessor, prefilled from the last session.
    pub assessor: TextField,
    /// Depth.
    pub depth: Depth,
    /// Focused field.
    pub focus: FormField,
}

/// Which part of the results screen is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsTab {
    /// Recommendation, reasons, readiness bars, overlap.
    Summary,
    /// The ranked gap list with a detail pane.
    Gaps,
    /// The roadmap by phase.
    Roadmap,
}

/// An open assessment: the session and what is derived from it.
#[derive(Debug)]
pub struct Assessment {
    /// The session being edited.
    pub session: Session,
    /// Who holds the lock, when opened read-only.
    pub read_only: Option<String>,
    /// Indices into `App::flat` of the questions asked now, in order.
    pub visible: Vec<usize>,
    /// Position in `visible`.
    pub cursor: usize,
    /// Highlighted option of the current question; none until one is chosen or moved to.
    pub option: Option<usize>,
    /// The text or number being typed for the current question.
    pub input: TextField,
    /// The figures shown after every answer.
    pub live: assess::Live,
    /// The full report (gaps, roadmap), built when first shown after a change: see
    /// [`App::report`].
    pub report: OnceCell<Report>,
    /// Results: tab and selected gap.
    pub tab: ResultsTab,
    /// Results: highlighted gap, among those the search lets through.
    pub gap: usize,
    /// Results: the gap search (`/`); empty shows every gap.
    pub gap_search: TextField,
    /// Results: whether keys go to the gap search.
    pub searching: bool,
    /// Results: lines scrolled on the summary and roadmap tabs.
    pub scroll: usize,
    /// A save failed and must be retried.
    pub unsaved: bool,
    /// Rows of the current question's help scrolled out of view.
    pub help_scroll: u16,
    /// Results: rows of the highlighted gap's detail scrolled out of view.
    pub detail_scroll: u16,
    /// The session this one follows up, when it could be read.
    pub previous: Option<Box<Previous>>,
    /// What moved since `previous`, built when first shown after a change: see
    /// [`App::comparison`].
    pub comparison: OnceCell<Option<Comparison>>,
    /// In a follow-up, the questions answered since it was opened (unchanged or not): the
    /// answers confirmed with the client on this call.
    pub reviewed: BTreeSet<String>,
}

impl Assessment {
    /// Records (or removes) the answer to question `id`. In a follow-up, the answer counts as
    /// confirmed on this call, changed or not.
    pub(crate) fn record_answer(&mut self, id: &str, value: Option<AnswerValue>) {
        match value {
            Some(value) => self.session.answers.insert(id.to_owned(), value),
            None => self.session.answers.remove(id),
        };
        if self.previous.is_some() {
            self.reviewed.insert(id.to_owned());
        }
    }
}

/// The session a follow-up follows up.
#[derive(Debug, Clone)]
pub struct Previous {
    /// Its answers, carried forward to this questionnaire, and what identifies it.
    pub assessed: Assessed,
    /// The date it was made, as the exports name it.
    pub date: String,
}

/// A message shown above the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banner {
    /// The text.
    pub text: String,
    /// Whether it reports an error.
    pub error: bool,
}

/// The whole TUI state.
pub struct App {
    /// The questionnaire in use.
    pub questionnaire: Questionnaire,
    /// (section, question) indices of every question, in order.
    pub flat: Vec<(usize, usize)>,
    /// Styles.
    pub theme: Theme,
    /// The screen shown.
    pub screen: Screen,
    /// A window over it, if any.
    pub overlay: Option<Overlay>,
    /// Saved sessions for the home screen.
    pub sessions: Vec<SessionRow>,
    /// Home screen state.
    pub home: Home,
    /// New-session form.
    pub form: NewForm,
    /// The open assessment.
    pub assessment: Option<Assessment>,
    /// The latest status or error message.
    pub banner: Option<Banner>,
    /// The terminal size (width, height).
    pub size: (u16, u16),
    /// Open the export dialog once the session being opened arrives.
    pub pending_export: bool,
    /// Where exports go by default (the working directory, given by the driver).
    pub export_dir: std::path::PathBuf,
}

impl App {
    /// The same app, with exports offered in `dir`.
    pub(crate) fn exporting_to(mut self, dir: std::path::PathBuf) -> App {
        self.export_dir = dir;
        self
    }

    /// A new app on the home screen.
    pub fn new(questionnaire: Questionnaire, theme: Theme, last_assessor: &str) -> App {
        let flat = questionnaire
            .sections
            .iter()
            .enumerate()
            .flat_map(|(s, section)| (0..section.questions.len()).map(move |q| (s, q)))
            .collect();
        App {
            questionnaire,
            flat,
            theme,
            screen: Screen::Home,
            overlay: None,
            sessions: Vec::new(),
            home: Home::default(),
            form: NewForm {
                client: TextField::default(),
                assessor: TextField::new(last_assessor.to_owned()),
                depth: Depth::Quick,
                focus: FormField::Client,
            },
            assessment: None,
            banner: None,
            size: (80, 24),
            pending_export: false,
            export_dir: std::path::PathBuf::new(),
        }
    }

    /// The section and question at a flat index.
    pub fn entry(&self, flat: usize) -> (&Section, &Question) {
        let (s, q) = self.flat[flat];
        let section = &self.questionnaire.sections[s];
        (section, &section.questions[q])
    }

    /// The current question of the open assessment.
    pub fn current(&self) -> Option<(&Section, &Question)> {
        let assessment = self.assessment.as_ref()?;
        let flat = *assessment.visible.get(assessment.cursor)?;
        Some(self.entry(flat))
    }

    /// The full report of the open session, as the exports compute it from its answers, notes
    /// and exclusions; built on first use after a change, so that answering stays quick.
    pub fn report(&self) -> Option<&Report> {
        let assessment = self.assessment.as_ref()?;
        Some(assessment.report.get_or_init(|| {
            let doc = assessment.session.answers_doc();
            let evaluation = assess::Evaluation::of_doc(
                &self.questionnaire,
                Catalogs::embedded(),
                &doc,
                assessment.session.depth,
            );
            assess::build_report(&evaluation)
        }))
    }

    /// What moved since the session the open one follows up, as its exports show it; none
    /// unless it is a follow-up whose previous session could be read. Built on first use after
    /// a change.
    pub fn comparison(&self) -> Option<&Comparison> {
        let assessment = self.assessment.as_ref()?;
        assessment
            .comparison
            .get_or_init(|| {
                let previous = assessment.previous.as_ref()?;
                let current = Assessed::of_session(&assessment.session, &self.questionnaire);
                Some(comparison(
                    &previous.assessed,
                    &current,
                    &self.questionnaire,
                ))
            })
            .as_ref()
    }

    /// Takes in the session the open one follows up.
    pub fn set_previous(&mut self, session: &Session) {
        let Some(assessment) = self.assessment.as_mut() else {
            return;
        };
        let assessed = Assessed::of_session(session, &self.questionnaire);
        assessment.previous = Some(Box::new(Previous {
            date: crate::export::follow_up::assessed_on(&assessed.session).unwrap_or_default(),
            assessed,
        }));
        assessment.comparison = OnceCell::new();
    }

    /// The answer the session followed up gave to question `id`, when it differs from the
    /// answer now: what to read back to the client ("last time you said…").
    pub fn previous_answer(&self, id: &str) -> Option<(&str, Option<&AnswerValue>)> {
        let assessment = self.assessment.as_ref()?;
        let previous = assessment.previous.as_ref()?;
        let then = previous.assessed.session.answers.get(id);
        let now = assessment.session.answers.get(id);
        (then != now).then_some((previous.date.as_str(), then))
    }

    /// The gaps the results search lets through (all when it is empty), in rank order.
    pub fn shown_gaps(&self) -> Vec<&crate::assess::Gap> {
        let (Some(assessment), Some(report)) = (self.assessment.as_ref(), self.report()) else {
            return Vec::new();
        };
        let needle = assessment.gap_search.value().trim().to_lowercase();
        report
            .gaps
            .iter()
            .filter(|gap| {
                needle.is_empty()
                    || gap.title.to_lowercase().contains(&needle)
                    || gap.why.to_lowercase().contains(&needle)
                    || gap
                        .controls
                        .iter()
                        .any(|control| control.id.to_lowercase().contains(&needle))
            })
            .collect()
    }

    /// The ID of the highlighted session, if a session (not "new assessment") is highlighted.
    pub fn selected_session_id(&self) -> Option<String> {
        let index = self.home.selected.checked_sub(1)?;
        self.filtered_sessions()
            .get(index)
            .map(|row| row.id.clone())
    }

    /// The rows of the session list that the filter lets through.
    pub fn filtered_sessions(&self) -> Vec<&SessionRow> {
        let needle = self.home.filter.value().to_lowercase();
        self.sessions
            .iter()
            .filter(|row| {
                needle.is_empty()
                    || row.client.to_lowercase().contains(&needle)
                    || row.id.starts_with(&needle)
            })
            .collect()
    }

    /// Opens a session: carries answers of questions the questionnaire replaced to the
    /// questions replacing them, computes what is asked and restores the position. Returns the
    /// warnings of what was carried (empty when nothing was).
    pub fn open(&mut self, mut session: Session, read_only: Option<String>) -> Vec<String> {
        let carried = session.carry_replaced(&self.questionnaire);
        self.assessment = Some(Assessment {
            session,
            read_only,
            visible: Vec::new(),
            cursor: 0,
            option: None,
            input: TextField::default(),
            // Both are computed by the refresh below.
            live: assess::Live {
                recommendation: assess::Recommendation::Undetermined,
                readiness: Vec::new(),
                missing: 0,
                to_confirm: Vec::new(),
            },
            report: OnceCell::new(),
            tab: ResultsTab::Summary,
            gap: 0,
            gap_search: TextField::default(),
            searching: false,
            scroll: 0,
            unsaved: false,
            help_scroll: 0,
            detail_scroll: 0,
            previous: None,
            comparison: OnceCell::new(),
            reviewed: BTreeSet::new(),
        });
        self.refresh();
        let position = self
            .assessment
            .as_ref()
            .and_then(|a| a.session.position.clone());
        self.screen = Screen::Assessment;
        if !position.is_some_and(|id| self.go_to_question(&id)) {
            self.sync_cursor();
        }
        carried
    }

    /// Recomputes the questions asked and the live figures after an answer changed; the full
    /// report is built again when next shown.
    pub(crate) fn refresh(&mut self) {
        let Some(assessment) = self.assessment.as_mut() else {
            return;
        };
        let current = assessment.visible.get(assessment.cursor).copied();
        // The whole answers part, as the exports read it: notes justify per-control
        // not-applicable answers and the exclusions block excludes controls.
        let doc = assessment.session.answers_doc();
        let evaluation = assess::Evaluation::of_doc(
            &self.questionnaire,
            Catalogs::embedded(),
            &doc,
            assessment.session.depth,
        );
        let asked: BTreeSet<&str> = evaluation.asked.iter().copied().collect();
        assessment.visible = self
            .flat
            .iter()
            .enumerate()
            .filter(|(_, (s, q))| {
                asked.contains(self.questionnaire.sections[*s].questions[*q].id.as_str())
            })
            .map(|(flat, _)| flat)
            .collect();
        assessment.live = assess::Live::of(&evaluation);
        assessment.report = OnceCell::new();
        assessment.comparison = OnceCell::new();
        // Stay on the same question; if it is no longer asked, on the next one asked.
        assessment.cursor = match current {
            Some(flat) => assessment
                .visible
                .iter()
                .position(|&v| v >= flat)
                .unwrap_or(assessment.visible.len().saturating_sub(1)),
            None => 0,
        };
    }

    /// The index of the current question's section.
    pub(crate) fn current_section(&self) -> Option<usize> {
        let assessment = self.assessment.as_ref()?;
        let flat = assessment.visible.get(assessment.cursor)?;
        self.flat.get(*flat).map(|&(section, _)| section)
    }

    /// Moves to a question by ID, if it is asked, with the option highlight and text field on
    /// its answer (see [`App::sync_cursor`]).
    pub fn go_to_question(&mut self, id: &str) -> bool {
        let target = self
            .flat
            .iter()
            .position(|&(s, q)| self.questionnaire.sections[s].questions[q].id == id);
        let Some(assessment) = self.assessment.as_mut() else {
            return false;
        };
        match target.and_then(|flat| assessment.visible.iter().position(|&v| v == flat)) {
            Some(position) => {
                assessment.cursor = position;
                self.sync_cursor();
                true
            }
            None => false,
        }
    }

    /// Puts the option highlight and the text field on the current question's answer; on an
    /// unanswered question whose items a grouped question already answers, on that answer, so
    /// that Enter keeps it.
    pub(crate) fn sync_cursor(&mut self) {
        let Some((_, question)) = self.current() else {
            return;
        };
        let id = question.id.clone();
        let options = super::input::options(question);
        let grouped = exclusions::grouped_answer(self, question)
            .map(|(_, level)| AnswerValue::Text(level.key().to_owned()));
        let Some(assessment) = self.assessment.as_mut() else {
            return;
        };
        let answer = assessment.session.answers.get(&id);
        assessment.option = super::input::highlighted(&options, answer.or(grouped.as_ref()));
        assessment.input = TextField::new(super::input::text_of(answer));
        assessment.help_scroll = 0;
        assessment.session.position = Some(id);
    }

    /// The lead of the current question when it pairs with one that is asked: the question
    /// just before it, whose prompt and answer the screen recalls above it.
    pub(crate) fn visible_lead(&self) -> Option<&Question> {
        let assessment = self.assessment.as_ref()?;
        let (_, question) = self.current()?;
        let lead = question.pairs_with.as_deref()?;
        let previous = *assessment.visible.get(assessment.cursor.checked_sub(1)?)?;
        let (_, before) = self.entry(previous);
        (before.id == lead).then_some(before)
    }

    /// Rows the recalled lead takes above the prompt: none without a visible lead.
    pub(crate) fn lead_rows(&self) -> u16 {
        if self.visible_lead().is_some() {
            super::layout::LEAD_ROWS
        } else {
            0
        }
    }

    /// The current screen's number (from 1), whether it is the second part of a pair, and the
    /// number of screens: a question asked with its lead shares the lead's screen.
    pub(crate) fn screen_counter(&self) -> (usize, bool, usize) {
        let Some(assessment) = self.assessment.as_ref() else {
            return (0, false, 0);
        };
        let mut previous: Option<&str> = None;
        let mut screens = 0;
        let mut current = (0, false);
        for (position, &flat) in assessment.visible.iter().enumerate() {
            let (_, question) = self.entry(flat);
            let joins = question.pairs_with.is_some() && question.pairs_with.as_deref() == previous;
            if !joins {
                screens += 1;
            }
            if position == assessment.cursor {
                current = (screens, joins);
            }
            previous = Some(question.id.as_str());
        }
        (current.0, current.1, screens)
    }

    /// "12 of 60", or "12 of 60, part 2" on the second question of a pair.
    pub(crate) fn screen_label(&self) -> String {
        let (number, second, screens) = self.screen_counter();
        if second {
            format!("{number} of {screens}, part 2")
        } else {
            format!("{number} of {screens}")
        }
    }

    /// Answered and asked counts of one section.
    pub(crate) fn section_progress(&self, section: usize) -> (usize, usize) {
        let Some(assessment) = self.assessment.as_ref() else {
            return (0, 0);
        };
        assessment
            .visible
            .iter()
            .filter(|&&flat| self.flat[flat].0 == section)
            .fold((0, 0), |(answered, asked), &flat| {
                let (_, question) = self.entry(flat);
                let done = assessment.session.answers.contains_key(&question.id);
                (answered + usize::from(done), asked + 1)
            })
    }

    /// Where the open assessment stands: scoping, or the readiness questions.
    pub fn progress(&self) -> Option<crate::assess::Stage> {
        let assessment = self.assessment.as_ref()?;
        let asked = assessment
            .visible
            .iter()
            .map(|&flat| self.entry(flat).1.id.as_str());
        Some(crate::assess::Stage::of(
            &self.questionnaire,
            asked,
            &assessment.session.answers,
        ))
    }
}
