//! "Did you mean" suggestions for misspelt ids.

/// The known id closest to `value`, phrased as a help line, when one is close
/// enough to be a likely typo.
pub fn did_you_mean<'a>(value: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let wanted = value.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for candidate in known {
        let score = strsim::normalized_damerau_levenshtein(&wanted, &candidate.to_lowercase());
        if best.is_none_or(|(top, _)| score > top) {
            best = Some((score, candidate));
        }
    }
    match best {
        Some((score, candidate)) if score >= 0.6 => Some(format!("did you mean `{candidate}`?")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_the_closest_id() {
        let known = ["OPH-OCT", "OPH-CONSULT", "OPH-YAG"];
        assert_eq!(
            did_you_mean("OPH-OTC", known).as_deref(),
            Some("did you mean `OPH-OCT`?")
        );
        assert_eq!(
            did_you_mean("oph-consult", known).as_deref(),
            Some("did you mean `OPH-CONSULT`?")
        );
        assert_eq!(did_you_mean("DENT-BRACES", known), None);
    }
}
