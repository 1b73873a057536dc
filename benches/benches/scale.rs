//! Synthetic rule sets of 100 to 100,000 services and coverage entries
//! (`benches/synthetic.rs`): time per decision of a fixed request mix at
//! each size, and load + validate time at each size.
//! Run: `cargo bench -p medcover-benches --bench scale`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use medcover::{parse_request, Request, RuleSet};
use medcover_benches::synthetic::{self, SIZES};
use std::hint::black_box;
use std::time::Duration;

fn load(files: &[(String, String)]) -> RuleSet {
    match RuleSet::from_sources(files.iter().cloned()) {
        Ok(set) => set,
        Err(e) => panic!("synthetic rule set does not load: {e}"),
    }
}

fn mix(n: usize) -> Vec<Request> {
    synthetic::requests(n)
        .iter()
        .map(|text| match parse_request(text) {
            Ok(r) => r,
            Err(e) => panic!("synthetic request: {e}"),
        })
        .collect()
}

/// Per-decision time of the fixed mix (criterion reports time per element).
fn evaluate(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale/evaluate");
    group.measurement_time(Duration::from_secs(3));
    group.warm_up_time(Duration::from_secs(1));
    for n in SIZES {
        let set = load(&synthetic::rule_files(n));
        let requests = mix(n);
        for r in &requests {
            if let Err(e) = set.evaluate(r) {
                panic!("synthetic request {:?} is refused: {e}", r.id);
            }
        }
        group.throughput(Throughput::Elements(requests.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &requests, |b, requests| {
            b.iter(|| {
                requests
                    .iter()
                    .map(|r| set.evaluate(black_box(r)).map_or(0, |d| d.lines.len()))
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

/// Each request of the mix alone, at the smallest and largest sizes: where
/// the per-decision time goes as the rule set grows.
fn each_request(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale/request");
    group.measurement_time(Duration::from_secs(1));
    group.warm_up_time(Duration::from_millis(500));
    for n in [SIZES[0], SIZES[SIZES.len() - 1]] {
        let set = load(&synthetic::rule_files(n));
        for r in mix(n) {
            let id = format!("{}/{n}", r.id.clone().unwrap_or_default());
            group.bench_function(id, |b| b.iter(|| set.evaluate(black_box(&r)).is_ok()));
        }
    }
    group.finish();
}

/// Load and validate the rule files (in memory: no disk I/O measured).
fn load_and_validate(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale/load");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.sampling_mode(criterion::SamplingMode::Flat);
    for n in SIZES {
        let files = synthetic::rule_files(n);
        let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.measurement_time(Duration::from_secs(if n >= 100_000 { 15 } else { 3 }));
        group.bench_with_input(BenchmarkId::from_parameter(n), &files, |b, files| {
            b.iter(|| RuleSet::from_sources(black_box(files).iter().cloned()).is_ok())
        });
    }
    group.finish();
}

criterion_group!(benches, evaluate, each_request, load_and_validate);
criterion_main!(benches);
