//! Benchmarks of the decision engine: the default questionnaire with every question answered at
//! full depth, and a generated 10,000-question questionnaire.
//!
//! Run with `cargo bench --bench assess`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use isoready::assess;
use isoready::model::{Answers, Catalogs, Depth, QuestionKind, Questionnaire, Standard};
use serde_json::{Value, json};

/// A profile that puts both standards in scope, so that every question is asked.
fn scoping_answers() -> Value {
    json!({
        "org.sector": "healthcare", "org.size": "medium", "org.certifications": ["none"],
        "data.categories": ["personal", "special_category"],
        "ai.use": ["internal_operations", "in_products"], "ai.autonomy": "human_on_the_loop",
        "ai.affects_individuals": true, "ai.sensitive_data": true,
        "drivers.requests": ["iso27001"],
    })
}

/// Every maturity question answered, cycling through the scale so that gaps of every status exist.
fn answer_everything(questionnaire: &Questionnaire) -> Answers {
    let levels = [
        "not_started",
        "planned",
        "partial",
        "implemented",
        "unknown",
        "partial",
    ];
    let mut answers = scoping_answers();
    let maturity = questionnaire
        .questions()
        .map(|(_, question)| question)
        .filter(|question| question.kind == QuestionKind::Maturity);
    for (n, question) in maturity.enumerate() {
        answers[question.id.as_str()] = json!(levels[n % levels.len()]);
    }
    serde_json::from_value(answers).expect("answers")
}

/// The default scoping section followed by `count` maturity questions in sections of 50, each
/// mapping one to three catalog items; every fifth question is full depth.
fn generated(count: usize) -> Questionnaire {
    let default: Value = serde_json::from_str(Questionnaire::embedded_text()).expect("default");
    let catalogs = Catalogs::embedded();
    let items: Vec<Value> = Standard::ALL
        .into_iter()
        .flat_map(|standard| {
            catalogs
                .catalog(standard)
                .assessable()
                .map(move |item| json!({"standard": standard, "id": item.id}))
        })
        .collect();
    let mut sections = vec![default["sections"][0].clone()];
    for s in 0..count.div_ceil(50) {
        let questions: Vec<Value> = (s * 50..((s + 1) * 50).min(count))
            .map(|n| {
                let maps: Vec<Value> = (0..1 + n % 3)
                    .map(|k| items[(n * 7 + k * 31) % items.len()].clone())
                    .collect();
                let standards: std::collections::BTreeSet<String> = maps
                    .iter()
                    .filter_map(|m| m["standard"].as_str().map(str::to_owned))
                    .collect();
                json!({
                    "id": format!("gen.q{n}"), "kind": "maturity",
                    "prompt": format!("Generated question {n}"),
                    "maps": maps, "standards": standards,
                    "depth": if n % 5 == 0 { "full" } else { "quick" },
                })
            })
            .collect();
        let when = if s % 2 == 0 {
            json!({"in_scope": "iso27001"})
        } else {
            json!({"or": [{"in_scope": "iso42001"}, {"any_of": {"question": "ai.use", "values": ["develops"]}}]})
        };
        sections.push(json!({
            "id": format!("gen.s{s}"), "title": format!("Section {s}"),
            "when": when, "questions": questions,
        }));
    }
    let text =
        json!({"id": "generated", "version": "1", "title": "Generated", "sections": sections})
            .to_string();
    Questionnaire::parse("generated", &text).expect("the generated questionnaire is valid")
}

fn bench(c: &mut Criterion) {
    let catalogs = Catalogs::embedded();
    let default = Questionnaire::parse("default", Questionnaire::embedded_text()).expect("valid");
    let answers = answer_everything(&default);
    let report = assess::assess(&default, catalogs, &answers, Depth::Full);
    assert!(
        report.complete,
        "every question of the default questionnaire is answered"
    );
    c.bench_function("assess/default, full depth, all answered", |b| {
        b.iter(|| {
            assess::assess(
                black_box(&default),
                catalogs,
                black_box(&answers),
                Depth::Full,
            )
        })
    });

    let large = generated(10_000);
    let answers = answer_everything(&large);
    assert_eq!(answers.len(), 10_000 + 9);
    let mut group = c.benchmark_group("assess/generated");
    group.sample_size(20);
    group.bench_function("10,000 questions, all answered", |b| {
        b.iter(|| {
            assess::assess(
                black_box(&large),
                catalogs,
                black_box(&answers),
                Depth::Full,
            )
        })
    });
    group.bench_function("10,000 questions, answers validated", |b| {
        b.iter(|| isoready::model::answers::validate_answers(black_box(&large), &answers))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
