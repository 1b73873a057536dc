//! Parse, then evaluate against the bundled rules (`rules/`): never a panic,
//! and the decision keeps the documented invariants: one line per requested
//! service, `price = insurer_pays + discount + patient_pays` with no
//! negative amount, `covered_quantity <= quantity`, and the same decision
//! twice (evaluation is pure).
#![no_main]

use libfuzzer_sys::fuzz_target;
use medcover::{EvaluateOptions, RuleBook};
use rust_decimal::Decimal;
use std::sync::OnceLock;

fn book() -> &'static RuleBook {
    static BOOK: OnceLock<RuleBook> = OnceLock::new();
    BOOK.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules");
        RuleBook::load(&dir).expect("the bundled rules load")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(request) = medcover::parse_request(text) else {
        return;
    };
    let book = book();
    let decision = match book.evaluate(&request) {
        Ok(d) => d,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    assert_eq!(decision.lines.len(), request.services.len());
    for line in &decision.lines {
        let sum = line.insurer_pays + line.discount + line.patient_pays;
        assert_eq!(line.price, sum, "price split of {line:?}");
        for amount in [
            line.price,
            line.insurer_pays,
            line.discount,
            line.patient_pays,
        ] {
            assert!(amount >= Decimal::ZERO, "negative amount in {line:?}");
        }
        assert!(line.covered_quantity <= line.quantity, "{line:?}");
    }
    let traced = book
        .evaluate_with(
            &request,
            EvaluateOptions {
                trace: true,
                ..EvaluateOptions::default()
            },
        )
        .expect("evaluates with a trace when it evaluates without");
    assert_eq!(traced.lines.len(), decision.lines.len());
    assert_eq!(
        book.evaluate(&request).ok().as_ref(),
        Some(&decision),
        "not deterministic"
    );
    let _ = serde_json::to_string(&decision).expect("a decision serialises");
});
