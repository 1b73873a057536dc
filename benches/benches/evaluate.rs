//! Single-request evaluation on the bundled rules, and loading the rules.
//! Run: `cargo bench -p medcover-benches`.

use criterion::{criterion_group, criterion_main, Criterion};
use medcover::{parse_request, RuleBook};
use medcover_benches::workspace;
use std::hint::black_box;

fn bundled() -> RuleBook {
    match RuleBook::load(workspace().join("rules")) {
        Ok(book) => book,
        Err(e) => panic!("{e}"),
    }
}

fn example_requests() -> Vec<medcover::Request> {
    let text =
        std::fs::read_to_string(workspace().join("examples/requests.jsonl")).unwrap_or_default();
    text.lines().filter_map(|l| parse_request(l).ok()).collect()
}

fn evaluate(c: &mut Criterion) {
    let book = bundled();
    let requests = example_requests();
    assert!(!requests.is_empty(), "examples/requests.jsonl");
    let mut group = c.benchmark_group("evaluate");
    for request in &requests {
        let id = request.id.clone().unwrap_or_default();
        group.bench_function(format!("bundled/{id}"), |b| {
            b.iter(|| book.evaluate(black_box(request)))
        });
    }
    let json: Vec<String> = std::fs::read_to_string(workspace().join("examples/requests.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect();
    group.bench_function("bundled/scenario-1 from JSON text", |b| {
        b.iter(|| book.evaluate_json(black_box(&json[0])))
    });
    group.finish();
}

fn load(c: &mut Criterion) {
    let dir = workspace().join("rules");
    c.bench_function("load/bundled rules", |b| {
        b.iter(|| RuleBook::load(black_box(&dir)))
    });
}

criterion_group!(benches, evaluate, load);
criterion_main!(benches);
