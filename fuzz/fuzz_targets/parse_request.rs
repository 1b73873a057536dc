//! The request parser on arbitrary bytes: `parse_request` must return a
//! request or a `RequestError`, never panic; it accepts exactly what
//! serde_json accepts, as the same request (its quick reader must agree
//! with serde_json); a parsed request serialises and parses back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = medcover::parse_request(text);
    if text.len() <= medcover::InputLimits::DEFAULT.max_bytes {
        let by_serde = serde_json::from_str::<medcover::Request>(text).ok();
        assert_eq!(
            parsed.as_ref().ok(),
            by_serde.as_ref(),
            "parse_request and serde_json differ on {text}"
        );
    }
    match parsed {
        Ok(request) => {
            let json = serde_json::to_string(&request).expect("a request serialises");
            let again = medcover::parse_request(&json);
            assert_eq!(again.as_ref().ok(), Some(&request), "round trip of {json}");
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
