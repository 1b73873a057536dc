//! Text matching helpers for ids and names typed by people.

/// `text` trimmed, lowercased, with Latin diacritics removed and runs of
/// whitespace collapsed, for lenient comparisons (`São Paulo` = `sao paulo`,
/// `Îngrijiri la domiciliu` = `INGRIJIRI LA DOMICILIU`).
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            out.push(strip_diacritic(c));
        }
    }
    out
}

fn strip_diacritic(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ă' | 'ā' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' | 'ń' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ű' => 'u',
        'ș' | 'ş' | 'š' | 'ś' => 's',
        'ț' | 'ţ' => 't',
        'ý' | 'ÿ' => 'y',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_diacritics_and_spaces() {
        assert_eq!(fold("  São   Paulo "), "sao paulo");
        assert_eq!(fold("Îngrijiri la DOMICILIU"), "ingrijiri la domiciliu");
        assert_eq!(fold("Brașov"), fold("Brasov"));
    }
}
