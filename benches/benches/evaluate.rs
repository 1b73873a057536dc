//! Single-request evaluation on the bundled rules and on the zen-equivalent
//! workload, batch throughput on every core, and loading the rules.
//! Run: `cargo bench -p medcover-benches --bench evaluate`.

use criterion::{criterion_group, criterion_main, Criterion};
use medcover::{parse_request, RuleBook};
use medcover_benches::workspace;
use rayon::prelude::*;
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

/// The zen-equivalent workload (`benches/rules/bench`, 200 requests from
/// `shared/bench/gen_requests.py 200 7`): time per decision, averaged.
fn zen_equivalent(c: &mut Criterion) {
    let book = match RuleBook::load(workspace().join("benches/rules/bench")) {
        Ok(book) => book,
        Err(e) => panic!("{e}"),
    };
    let text = std::fs::read_to_string(workspace().join("benches/rules/bench-requests.jsonl"))
        .unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let requests: Vec<medcover::Request> =
        lines.iter().filter_map(|l| parse_request(l).ok()).collect();
    assert_eq!(requests.len(), 200);
    let mut group = c.benchmark_group("zen-equivalent");
    group.throughput(criterion::Throughput::Elements(requests.len() as u64));
    group.bench_function("evaluate", |b| {
        b.iter(|| {
            requests
                .iter()
                .map(|r| book.evaluate(black_box(r)).is_ok() as usize)
                .sum::<usize>()
        })
    });
    group.bench_function("parse and evaluate", |b| {
        b.iter(|| {
            lines
                .iter()
                .map(|l| book.evaluate_json(black_box(l)).is_ok() as usize)
                .sum::<usize>()
        })
    });
    group.finish();
    // The same JSON texts decided on every core (rayon, one rule book shared
    // by the threads): throughput of a batch, per decision.
    let batch: Vec<&str> = lines.iter().copied().cycle().take(4000).collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut group = c.benchmark_group("zen-equivalent batch");
    group.throughput(criterion::Throughput::Elements(batch.len() as u64));
    group.bench_function(format!("parse and evaluate, {threads} threads"), |b| {
        b.iter(|| {
            batch
                .par_iter()
                .map(|l| book.evaluate_json(black_box(l)).is_ok() as usize)
                .sum::<usize>()
        })
    });
    group.bench_function("parse and evaluate, 1 thread", |b| {
        b.iter(|| {
            batch
                .iter()
                .map(|l| book.evaluate_json(black_box(l)).is_ok() as usize)
                .sum::<usize>()
        })
    });
    group.finish();
}

fn load(c: &mut Criterion) {
    let dir = workspace().join("rules");
    c.bench_function("load/bundled rules", |b| {
        b.iter(|| RuleBook::load(black_box(&dir)))
    });
}

criterion_group!(benches, evaluate, zen_equivalent, load);
criterion_main!(benches);
