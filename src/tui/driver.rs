//! Performing effects: the one way the program's state meets the world. `update` returns
//! effects as data; [`drive`] feeds messages through `update` first in, first out, has each
//! effect performed in the order given, and queues the messages that report the outcomes. The
//! TUI's event loop and the plain mode both drive the app this way; tests drive it with a fake
//! [`Perform`].

use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::assess;
use crate::assess::compare::Comparison;
use crate::model::{Questionnaire, Session};
use crate::storage::{SessionLock, StorageError, Store};

use super::app::App;
use super::draft_writer::DraftWriter;
use super::msg::{Effect, Msg, RowState, SessionRow};
use super::update::update;

/// Performs effects and reports their outcomes as messages.
pub trait Perform {
    /// Performs one effect; the messages say what came of it.
    fn perform(&mut self, effect: Effect, app: &App) -> Vec<Msg>;
}

/// Sends `msgs` through `update`, first in, first out: each message's effects are performed in
/// the order `update` returned them, and the messages reporting their outcomes join the end of
/// the queue. Returns true when an effect asked to quit (what was queued after it is dropped).
pub fn drive(
    app: &mut App,
    performer: &mut impl Perform,
    msgs: impl IntoIterator<Item = Msg>,
) -> bool {
    let mut pending: VecDeque<Msg> = msgs.into_iter().collect();
    while let Some(msg) = pending.pop_front() {
        for effect in update(app, msg) {
            if effect == Effect::Quit {
                return true;
            }
            pending.extend(performer.perform(effect, app));
        }
    }
    false
}

/// The performer of the running program: the session store, the edit lock it holds, and what
/// could not be saved.
pub(crate) struct Driver {
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

impl Driver {
    /// A driver on `store`, holding no lock yet.
    pub(crate) fn new(store: Store) -> Driver {
        Driver {
            store,
            lock: None,
            unsaved: BTreeMap::new(),
            drafts: DraftWriter::default(),
            persisted: BTreeMap::new(),
        }
    }

    /// The store.
    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    /// How long the event loop may wait for input before a kept note draft is due.
    pub(crate) fn wait(&self, idle: Duration) -> Duration {
        self.drafts.due_in(idle)
    }

    /// Writes the kept note draft, if any (typing paused).
    pub(crate) fn flush_draft(&mut self) {
        self.drafts.flush(&self.store, Instant::now());
    }

    /// The sessions whose last save failed, taken out of the driver.
    pub(crate) fn take_unsaved(&mut self) -> Vec<Session> {
        std::mem::take(&mut self.unsaved).into_values().collect()
    }

    /// Saves a session unless nothing changed; a failure keeps it for the rescue file. A file
    /// that another program changed since it was read here is not overwritten: that is a
    /// failure too, so both versions survive.
    fn save(&mut self, session: &Session) -> Result<(), String> {
        let mut session = session.clone();
        session.updated = jiff::Timestamp::now();
        if let Some(before) = self.persisted.get(&session.id) {
            // Compared as last written, but for the time of the change.
            let mut unchanged = session.clone();
            unchanged.updated = before.updated;
            if unchanged == *before {
                // Nothing to write (opened and closed, or saved twice).
                return Ok(());
            }
            unchanged.position.clone_from(&before.position);
            if unchanged == *before {
                // Only the resume point moved: written, but nothing changed.
                session.updated = before.updated;
            }
            if self
                .store
                .load(&session.id)
                .is_ok_and(|on_disk| on_disk != *before)
            {
                self.unsaved.insert(session.id.clone(), session);
                return Err(
                    "the session file was changed by another program since it was opened here; your answers are kept and go to a rescue file when you quit"
                        .to_owned(),
                );
            }
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

impl Perform for Driver {
    fn perform(&mut self, effect: Effect, app: &App) -> Vec<Msg> {
        match effect {
            Effect::Save(session) => vec![match self.save(&session) {
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
                self.create(session)
            }
            Effect::FollowUp {
                from,
                client,
                assessor,
                depth,
            } => match self.store.load(&from) {
                Ok(previous) if previous.questionnaire != app.questionnaire.id => {
                    vec![Msg::Failed(format!(
                        "Cannot follow up {from}: it was made with questionnaire \"{}\", and this isoready uses \"{}\"",
                        previous.questionnaire, app.questionnaire.id
                    ))]
                }
                Ok(previous) => {
                    let now = jiff::Timestamp::now();
                    let mut session = previous.follow_up(Store::new_id(), &app.questionnaire, now);
                    session.client = client.unwrap_or(session.client);
                    session.assessor = assessor.unwrap_or(session.assessor);
                    session.depth = depth.unwrap_or(session.depth);
                    let mut messages = self.create(session);
                    if matches!(messages.first(), Some(Msg::Opened { .. })) {
                        messages.push(Msg::PreviousFound(Box::new(previous)));
                    }
                    messages
                }
                Err(error) => vec![Msg::Failed(format!("Cannot follow up {from}: {error}"))],
            },
            Effect::Open(id) => self.open(&id, &app.questionnaire.id),
            Effect::Delete(id) => match self.store.delete(&id) {
                Ok(()) => vec![Msg::Notice("Deleted.".to_owned())],
                Err(error) => vec![Msg::Failed(format!("Not deleted: {error}"))],
            },
            Effect::Release => {
                self.lock = None;
                Vec::new()
            }
            Effect::LoadSessions => match rows(&self.store, &app.questionnaire) {
                Ok((rows, cache_problem)) => std::iter::once(Msg::SessionsLoaded(rows))
                    .chain(cache_problem.map(|problem| {
                        Msg::Notice(format!("Note: {problem}; the list is right, only slower."))
                    }))
                    .collect(),
                Err(error) => vec![Msg::SessionsUnavailable(error.to_string())],
            },
            Effect::Export {
                format,
                path,
                overwrite,
            } => match app.assessment.as_ref() {
                Some(assessment) => {
                    let exported = export_session(
                        &assessment.session,
                        &app.questionnaire,
                        app.comparison().cloned(),
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
}

impl Driver {
    /// Locks and saves a new session, then opens it.
    fn create(&mut self, session: Session) -> Vec<Msg> {
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

    /// Opens session `id` for editing (read-only when another isoready holds it), if it was
    /// made with questionnaire `questionnaire`: answers saved under another questionnaire's IDs
    /// would make it unreadable for everyone else.
    fn open(&mut self, id: &str, questionnaire: &str) -> Vec<Msg> {
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
            Ok(session) if session.questionnaire != questionnaire => {
                self.lock = None;
                vec![Msg::Failed(format!(
                    "Cannot open {id}: it was made with questionnaire \"{}\", and this isoready uses \"{questionnaire}\" (--questionnaire or ISOREADY_QUESTIONNAIRE); open it with the questionnaire it was made with",
                    session.questionnaire
                ))]
            }
            Ok(session) => {
                self.persisted.insert(session.id.clone(), session.clone());
                // Only the lock holder may take up a draft left behind.
                let draft = read_only
                    .is_none()
                    .then(|| self.store.load_draft(id))
                    .flatten();
                // The session followed up, when it is still there and of this questionnaire.
                let previous = session
                    .previous
                    .as_deref()
                    .and_then(|previous| self.store.load(previous).ok())
                    .filter(|previous| previous.questionnaire == questionnaire);
                let mut messages = vec![Msg::Opened {
                    session: Box::new(session),
                    read_only,
                }];
                messages.extend(previous.map(|previous| Msg::PreviousFound(Box::new(previous))));
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

/// The home screen's rows: client, last change, progress and recommendation per session; and
/// why the listing cache could not be updated, if it could not.
fn rows(
    store: &Store,
    questionnaire: &Questionnaire,
) -> Result<(Vec<SessionRow>, Option<String>), StorageError> {
    let listing = store.list_with(&assess::Progress::key(questionnaire), |session| {
        assess::Progress::of_session(questionnaire, session)
    })?;
    let readable = listing.sessions.into_iter().map(|summary| {
        let updated = crate::text::local_time(summary.updated);
        SessionRow {
            state: match summary.figures {
                Some(progress) => RowState::Readable {
                    updated,
                    stage: progress.stage,
                    recommendation: progress.recommendation,
                    follow_up: summary.previous.is_some(),
                },
                None => RowState::OtherQuestionnaire {
                    updated,
                    questionnaire: summary.questionnaire,
                },
            },
            id: summary.id,
            client: summary.client,
        }
    });
    let unreadable = listing.broken.into_iter().map(|broken| SessionRow {
        id: broken
            .id
            .unwrap_or_else(|| broken.path.display().to_string()),
        client: String::new(),
        state: RowState::Unreadable(broken.reason),
    });
    Ok((readable.chain(unreadable).collect(), listing.cache_problem))
}

/// Renders an export of the open session, with its `progress` since the session it follows
/// up, and writes it; an existing file is replaced only when `overwrite` says so.
fn export_session(
    session: &Session,
    questionnaire: &Questionnaire,
    progress: Option<Comparison>,
    format: crate::export::Format,
    path: &std::path::Path,
    overwrite: bool,
) -> anyhow::Result<()> {
    let mut export = crate::export::ExportSession::from_session(session);
    export.progress = progress;
    let input =
        crate::export::ExportInput::new(&export, questionnaire, crate::model::Catalogs::embedded());
    let bytes = crate::export::render(format, &input)?;
    crate::storage::write_private(path, &bytes, overwrite)?;
    Ok(())
}

/// Writes a session that could not be saved to a new private file in `dir` (the temp
/// directory), named by the session and the time, never over an existing file (an earlier
/// rescue, or anything planted at a name that can be guessed).
pub(crate) fn rescue(
    session: &Session,
    dir: &std::path::Path,
    now: jiff::Timestamp,
) -> anyhow::Result<PathBuf> {
    let text = serde_json::to_string_pretty(session)?;
    let stamp = now.strftime("%Y%m%dT%H%M%S");
    let mut last = None;
    for attempt in 0..100 {
        let suffix = if attempt == 0 {
            String::new()
        } else {
            format!("-{attempt}")
        };
        let path = dir.join(format!(
            "isoready-rescue-{}-{stamp}{suffix}.json",
            session.id
        ));
        match crate::storage::write_private(&path, text.as_bytes(), false) {
            Ok(()) => return Ok(path),
            Err(error @ (StorageError::Exists(_) | StorageError::Refused { .. })) => {
                last = Some(error);
            }
            Err(error) => return Err(error.into()),
        }
    }
    Err(last.map_or_else(
        || anyhow::anyhow!("no rescue file name is free"),
        Into::into,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Depth, Questionnaire};
    use crate::tui::theme::Theme;

    fn app() -> App {
        let questionnaire = Questionnaire::parse("default", Questionnaire::embedded_text())
            .expect("default questionnaire");
        App::new(questionnaire, Theme::monochrome(), "")
    }

    /// A driver on a fresh store holding one saved session, and that session.
    fn stored(app: &App) -> (tempfile::TempDir, Driver, Session) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(Some(dir.path())).expect("store");
        let mut session = Session::new(
            Store::new_id(),
            &app.questionnaire,
            Depth::Quick,
            jiff::Timestamp::now(),
        );
        session.client = "Acme".to_owned();
        store.save(&session).expect("saved");
        (dir, Driver::new(store), session)
    }

    #[test]
    fn a_file_changed_by_another_program_is_not_overwritten() {
        let app = app();
        let (_dir, mut driver, session) = stored(&app);
        let opened = driver.perform(Effect::Open(session.id.clone()), &app);
        assert!(
            matches!(opened.first(), Some(Msg::Opened { .. })),
            "{opened:?}"
        );

        let mut theirs = session.clone();
        theirs.client = "Acme (edited elsewhere)".to_owned();
        driver.store().save(&theirs).expect("their save");

        let mut ours = session.clone();
        ours.assessor = "Dana".to_owned();
        let reported = driver.perform(Effect::Save(Box::new(ours)), &app);
        assert!(
            matches!(&reported[..], [Msg::SaveFailed(reason)] if reason.contains("changed by another program")),
            "{reported:?}"
        );
        let on_disk = driver.store().load(&session.id).expect("load");
        assert_eq!(on_disk.client, "Acme (edited elsewhere)");
        assert_eq!(
            driver.take_unsaved().len(),
            1,
            "ours goes to the rescue file"
        );
    }

    #[test]
    fn a_rescue_never_replaces_an_earlier_one_nor_follows_a_planted_link() {
        let app = app();
        let (dir, _driver, session) = stored(&app);
        let now = jiff::Timestamp::now();
        let first = rescue(&session, dir.path(), now).expect("first rescue");
        let second = rescue(&session, dir.path(), now).expect("second rescue");
        assert_ne!(first, second);
        assert!(first.exists() && second.exists());
        #[cfg(unix)]
        {
            let target = dir.path().join("victim");
            std::fs::write(&target, "keep").expect("victim");
            let stamp = now.strftime("%Y%m%dT%H%M%S");
            for suffix in ["-2", "-3", "-4", "-5"] {
                let name = format!("isoready-rescue-{}-{stamp}{suffix}.json", session.id);
                let _ = std::os::unix::fs::symlink(&target, dir.path().join(name));
            }
            let third = rescue(&session, dir.path(), now).expect("third rescue");
            assert!(!third.is_symlink());
            assert_eq!(std::fs::read_to_string(&target).expect("victim"), "keep");
        }
    }

    #[test]
    fn a_session_of_another_questionnaire_is_not_opened() {
        let app = app();
        let (_dir, mut driver, mut session) = stored(&app);
        session.questionnaire = "someone-elses".to_owned();
        driver.store().save(&session).expect("saved");
        let reported = driver.perform(Effect::Open(session.id.clone()), &app);
        assert!(
            matches!(&reported[..], [Msg::Failed(reason)] if reason.contains("made with questionnaire \"someone-elses\"")),
            "{reported:?}"
        );
    }

    #[test]
    fn a_follow_up_is_stored_as_a_copy_that_names_its_previous_session() {
        let app = app();
        let (_dir, mut driver, mut first) = stored(&app);
        first
            .notes
            .insert("org.size".into(), "about 60 staff".into());
        driver.store().save(&first).expect("saved");
        let (from, assessor) = (first.id.clone(), Some("Lee".to_owned()));
        let follow_up = Effect::FollowUp {
            from,
            client: None,
            assessor,
            depth: Some(Depth::Full),
        };
        let reported = driver.perform(follow_up, &app);
        let [Msg::Opened { session, .. }, Msg::PreviousFound(previous)] = &reported[..] else {
            panic!("{reported:?}")
        };
        assert_eq!(**previous, first, "the results compare with it");
        let stored = driver
            .store()
            .load(&session.id)
            .expect("the follow-up is saved");
        assert_eq!(stored, **session);
        assert_ne!(stored.id, first.id);
        assert_eq!(stored.previous.as_deref(), Some(first.id.as_str()));
        assert_eq!(
            (stored.client.as_str(), stored.assessor.as_str()),
            ("Acme", "Lee")
        );
        assert_eq!((stored.depth, &stored.notes), (Depth::Full, &first.notes));
        assert_eq!(driver.store().load(&first.id).expect("kept"), first);
        let locked = driver.store().lock(&session.id);
        assert!(
            matches!(locked, Err(StorageError::Locked { .. })),
            "open for editing here"
        );
    }
}
