//! `sessions list` over 1,000 stored sessions (aim: under 50 ms).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

use isoready::cli::ListFormat;
use isoready::commands::{self, sessions};
use isoready::model::{AnswerValue, Depth, Maturity, QuestionKind, Questionnaire, Session};
use isoready::storage::Store;

/// A session answering every question of its depth (half quick, half full), as after a call.
fn session(questionnaire: &Questionnaire, index: usize) -> Session {
    let depth = if index.is_multiple_of(2) {
        Depth::Quick
    } else {
        Depth::Full
    };
    let now = jiff::Timestamp::now();
    let mut session = Session::new(Store::new_id(), questionnaire, depth, now);
    session.client = format!("Client {index}");
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
        if position.is_multiple_of(7) {
            session
                .notes
                .insert(question.id.clone(), "a note from the call".to_owned());
        }
    }
    session
}

fn list(c: &mut Criterion) {
    let questionnaire = commands::load_questionnaire(None).expect("embedded questionnaire");
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(Some(dir.path())).expect("store");
    for index in 0..1000 {
        store
            .save(&session(&questionnaire, index))
            .expect("save session");
    }
    c.bench_function("storage list, 1000 sessions", |b| {
        b.iter(|| black_box(store.list().expect("list")))
    });
    c.bench_function("sessions list (table), 1000 sessions", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            sessions::list(ListFormat::Table, &questionnaire, &store, &mut out, &mut std::io::sink()).expect("list");
            black_box(out)
        })
    });
    c.bench_function("sessions list --format json, 1000 sessions", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            sessions::list(ListFormat::Json, &questionnaire, &store, &mut out, &mut std::io::sink()).expect("list");
            black_box(out)
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = list
}
criterion_main!(benches);
