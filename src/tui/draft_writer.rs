//! The driver's side of note drafts: a note being typed is written beside its session at most
//! once per [`INTERVAL`], and what is left is written when typing pauses, so a closed terminal
//! or a killed process loses at most the last second of typing.

use std::time::{Duration, Instant};

use crate::model::NoteDraft;
use crate::storage::Store;

/// The shortest time between two writes of a draft.
pub(crate) const INTERVAL: Duration = Duration::from_secs(1);

/// Draft writes, spaced out.
#[derive(Debug, Default)]
pub(crate) struct DraftWriter {
    /// The newest draft not yet written, with its session ID.
    pending: Option<(String, NoteDraft)>,
    /// When a draft was last written.
    last_write: Option<Instant>,
}

impl DraftWriter {
    /// Writes `draft` now if the last write is [`INTERVAL`] old, or keeps it for later.
    pub(crate) fn offer(&mut self, store: &Store, id: String, draft: NoteDraft, now: Instant) {
        self.pending = Some((id, draft));
        if self
            .last_write
            .is_none_or(|last| now.duration_since(last) >= INTERVAL)
        {
            self.flush(store, now);
        }
    }

    /// Writes the kept draft, if any. A draft is a safety net: a failure to write it is not
    /// reported (the note's own save reports problems with the data directory).
    pub(crate) fn flush(&mut self, store: &Store, now: Instant) {
        if let Some((id, draft)) = self.pending.take() {
            let _ = store.save_draft(&id, &draft);
            self.last_write = Some(now);
        }
    }

    /// Forgets a kept draft of session `id` and removes the one on disk.
    pub(crate) fn discard(&mut self, store: &Store, id: &str) {
        if self
            .pending
            .as_ref()
            .is_some_and(|(pending, _)| pending == id)
        {
            self.pending = None;
        }
        let _ = store.discard_draft(id);
    }

    /// How long the driver may wait for input before it must flush a kept draft.
    pub(crate) fn due_in(&self, idle: Duration) -> Duration {
        if self.pending.is_some() {
            INTERVAL.min(idle)
        } else {
            idle
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(text: &str) -> NoteDraft {
        NoteDraft {
            question: "ai.use".to_owned(),
            text: text.to_owned(),
        }
    }

    #[test]
    fn writes_at_most_once_an_interval_and_flushes_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(Some(dir.path())).unwrap();
        let id = Store::new_id();
        let start = Instant::now();
        let mut writer = DraftWriter::default();

        writer.offer(&store, id.clone(), draft("a"), start);
        assert_eq!(
            store.load_draft(&id),
            Some(draft("a")),
            "the first is written at once"
        );
        writer.offer(&store, id.clone(), draft("ab"), start + INTERVAL / 2);
        assert_eq!(store.load_draft(&id), Some(draft("a")), "the second waits");
        assert_eq!(writer.due_in(Duration::from_secs(2)), INTERVAL);

        writer.flush(&store, start + INTERVAL);
        assert_eq!(store.load_draft(&id), Some(draft("ab")));
        assert_eq!(
            writer.due_in(Duration::from_secs(2)),
            Duration::from_secs(2)
        );

        writer.offer(&store, id.clone(), draft("abc"), start + INTERVAL * 3);
        assert_eq!(
            store.load_draft(&id),
            Some(draft("abc")),
            "an interval passed"
        );
    }

    #[test]
    fn discarding_forgets_the_kept_draft_and_removes_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(Some(dir.path())).unwrap();
        let id = Store::new_id();
        let start = Instant::now();
        let mut writer = DraftWriter::default();
        writer.offer(&store, id.clone(), draft("a"), start);
        writer.offer(&store, id.clone(), draft("ab"), start);

        writer.discard(&store, &id);
        writer.flush(&store, start + INTERVAL);
        assert_eq!(store.load_draft(&id), None);
    }
}
