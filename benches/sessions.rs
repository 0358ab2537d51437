//! Listing a consultancy's archive: 1,000 and 10,000 full sessions (about 20 KB each), in a
//! temporary directory.
//!
//! - In process: the store's listing and `sessions list` with the summary cache up to date
//!   ("warm") and with it removed before each run ("cold": every file read and parsed).
//! - As a user runs it: the release-profile `isoready sessions list` process against the same
//!   directories, beside `isoready --version` (the program's own start-up).
//! - Memory, printed after each group: the heap peak of `sessions list` in process, counted by
//!   the allocator below. (A child's peak resident size cannot be read from here: the kernel
//!   counts it with this process's pages; measure it with `/usr/bin/time -f %M`.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

use isoready::assess::Progress;
use isoready::cli::ListFormat;
use isoready::commands::{self, sessions};
use isoready::model::{AnswerValue, Depth, Maturity, QuestionKind, Questionnaire, Session};
use isoready::storage::Store;

/// The system allocator, counting the bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's layout, as received.
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: a pointer this allocator returned, with its layout.
        unsafe { System.dealloc(pointer, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The heap `run` takes at its peak beyond what was in use before, in MiB.
fn heap_peak_mib(run: impl FnOnce()) -> f64 {
    let before = IN_USE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    run();
    (PEAK.load(Ordering::Relaxed) - before) as f64 / (1024.0 * 1024.0)
}

/// A session answering every question of its depth, with notes on some, as after a call.
fn session(questionnaire: &Questionnaire, index: usize) -> Session {
    let depth = if index.is_multiple_of(4) {
        Depth::Quick
    } else {
        Depth::Full
    };
    let now = jiff::Timestamp::now() - jiff::SignedDuration::from_mins(index as i64);
    let mut session = Session::new(Store::new_id(), questionnaire, depth, now);
    session.client = format!("Client {index} Holdings");
    session.assessor = "Bench".to_owned();
    for (position, (_, question)) in questionnaire.questions().enumerate() {
        if !question.depth.asked_at(depth) {
            continue;
        }
        let answer = match question.kind {
            QuestionKind::Single => AnswerValue::Text(question.options[0].value.clone()),
            QuestionKind::Multi => AnswerValue::List(vec![question.options[0].value.clone()]),
            QuestionKind::YesNo => AnswerValue::Bool(true),
            QuestionKind::Maturity => {
                AnswerValue::Text(Maturity::ALL[(index + position) % 6].key().to_owned())
            }
            QuestionKind::Text => AnswerValue::Text("text".to_owned()),
            QuestionKind::Number => AnswerValue::Number(1.0),
        };
        session.answers.insert(question.id.clone(), answer);
        if position.is_multiple_of(3) {
            session.notes.insert(
                question.id.clone(),
                "Discussed on the call: the policy exists in draft, owned by the IT lead; \
                 the board has not approved it yet and nobody reviews it yearly."
                    .to_owned(),
            );
        }
    }
    session
}

/// A data directory of `count` sessions, written directly (a save syncs each file, which
/// would take minutes here) and dated an hour back, like an archive of earlier calls.
fn archive(questionnaire: &Questionnaire, count: usize) -> (tempfile::TempDir, Store, u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(Some(dir.path())).expect("store");
    let earlier = SystemTime::now() - Duration::from_secs(3600);
    let mut bytes_total = 0;
    for index in 0..count {
        let session = session(questionnaire, index);
        let mut bytes = serde_json::to_vec_pretty(&session).expect("serialise");
        bytes.push(b'\n');
        bytes_total += bytes.len() as u64;
        let path = store.path(&session.id).expect("path");
        std::fs::write(&path, &bytes).expect("write session");
        let file = std::fs::File::options()
            .write(true)
            .open(&path)
            .expect("open");
        file.set_modified(earlier).expect("date session");
    }
    (dir, store, bytes_total / count as u64)
}

fn remove_cache(dir: &Path) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        if entry.file_name().to_string_lossy().starts_with(".listing-") {
            std::fs::remove_file(entry.path()).expect("remove cache");
        }
    }
}

/// The release binary, built for this benchmark (the bench profile inherits release).
fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_isoready"))
}

fn run(arguments: &[&str], dir: &Path) {
    let status = Command::new(binary())
        .arg("--data-dir")
        .arg(dir)
        .args(arguments)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run isoready");
    assert!(status.success());
}

fn listing(c: &mut Criterion) {
    let questionnaire = commands::load_questionnaire(None).expect("embedded questionnaire");
    let key = Progress::key(&questionnaire);
    for count in [1_000, 10_000] {
        let (dir, store, average) = archive(&questionnaire, count);
        eprintln!("{count} sessions, {average} bytes each on average");
        let derive = |session: &Session| Progress::of_session(&questionnaire, session);
        let table = || {
            let mut out = Vec::new();
            sessions::list(
                ListFormat::Table,
                &questionnaire,
                &store,
                &mut out,
                &mut std::io::sink(),
            )
            .expect("list");
            out
        };
        let mut group = c.benchmark_group(format!("{count} sessions"));
        group.sample_size(10);
        group.bench_function("process: isoready --version", |b| {
            b.iter(|| run(&["--version"], store.dir()))
        });
        run(&["sessions", "list"], store.dir());
        group.bench_function("process: isoready sessions list, warm cache", |b| {
            b.iter(|| run(&["sessions", "list"], store.dir()))
        });
        group.bench_function("storage list, cold cache", |b| {
            b.iter_batched(
                || remove_cache(store.dir()),
                |()| black_box(store.list_with(&key, derive).expect("list")),
                BatchSize::PerIteration,
            )
        });
        group.bench_function("storage list, warm cache", |b| {
            b.iter(|| black_box(store.list_with(&key, derive).expect("list")))
        });
        group.bench_function("sessions list (table), warm cache", |b| {
            b.iter(|| black_box(table()))
        });
        group.finish();
        let warm = heap_peak_mib(|| drop(black_box(table())));
        remove_cache(store.dir());
        let cold = heap_peak_mib(|| drop(black_box(table())));
        eprintln!(
            "{count} sessions: heap peak of sessions list {warm:.1} MiB with the cache, {cold:.1} MiB without"
        );
        drop(dir);
    }
}

criterion_group!(benches, listing);
criterion_main!(benches);
