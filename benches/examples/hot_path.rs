//! The zen-equivalent hot path in a loop, for profilers (`perf record`,
//! `valgrind --tool=callgrind`): `hot_path parse|evaluate|both [ROUNDS]`.

use medcover::{parse_request, RuleBook};
use std::hint::black_box;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mode = std::env::args().nth(1).unwrap_or_else(|| "both".into());
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(100);
    let book = match RuleBook::load(root.join("rules/bench")) {
        Ok(book) => book,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let text = std::fs::read_to_string(root.join("rules/bench-requests.jsonl")).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let requests: Vec<medcover::Request> =
        lines.iter().filter_map(|l| parse_request(l).ok()).collect();
    let mut ok = 0usize;
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        match mode.as_str() {
            "parse" => {
                for l in &lines {
                    ok += parse_request(black_box(l)).is_ok() as usize;
                }
            }
            "evaluate" => {
                for r in &requests {
                    ok += book.evaluate(black_box(r)).is_ok() as usize;
                }
            }
            _ => {
                for l in &lines {
                    ok += book.evaluate_json(black_box(l)).is_ok() as usize;
                }
            }
        }
    }
    let n = rounds * lines.len();
    let per = start.elapsed().as_secs_f64() * 1e9 / n as f64;
    println!("{mode}: {ok}/{n} ok, {per:.0} ns each");
}
