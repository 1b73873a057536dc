//! The request parser on arbitrary bytes: `parse_request` must return a
//! request or a `RequestError`, never panic; a parsed request serialises
//! and parses back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match medcover::parse_request(text) {
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
