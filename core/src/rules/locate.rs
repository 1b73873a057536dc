//! Finds the line and column of a JSON pointer in a JSON text, so that
//! semantic problems point into the rule file like syntax errors do.
//!
//! A small scanner over well-formed JSON (the text has already been parsed):
//! it walks to the pointed value and reports where it starts.

/// 1-based (line, column) of the value at `pointer` (`/programs/0/id`) in
/// `text`, or of the deepest existing ancestor when the value is missing.
pub fn locate(text: &str, pointer: &str) -> (usize, usize) {
    let tokens: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        pos: 0,
    };
    scanner.skip_ws();
    for token in &tokens {
        if !scanner.enter(token) {
            break;
        }
    }
    line_column(text, scanner.pos)
}

fn line_column(text: &str, pos: usize) -> (usize, usize) {
    let before = text.get(..pos).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    /// Moves from the start of a container to the start of its child `token`;
    /// false (position unchanged) when there is no such child.
    fn enter(&mut self, token: &str) -> bool {
        let start = self.pos;
        let found = match self.peek() {
            Some(b'{') => self.enter_object(token),
            Some(b'[') => token.parse::<usize>().is_ok_and(|i| self.enter_array(i)),
            _ => false,
        };
        if !found {
            self.pos = start;
        }
        found
    }

    fn enter_object(&mut self, key: &str) -> bool {
        self.pos += 1;
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'"') => {}
                _ => return false,
            }
            let name = self.string();
            self.skip_ws();
            if self.peek() != Some(b':') {
                return false;
            }
            self.pos += 1;
            self.skip_ws();
            if name == key {
                return true;
            }
            self.skip_value();
            self.skip_ws();
            if self.peek() == Some(b',') {
                self.pos += 1;
            } else {
                return false;
            }
        }
    }

    fn enter_array(&mut self, index: usize) -> bool {
        self.pos += 1;
        let mut i = 0;
        loop {
            self.skip_ws();
            if matches!(self.peek(), Some(b']') | None) {
                return false;
            }
            if i == index {
                return true;
            }
            self.skip_value();
            self.skip_ws();
            if self.peek() == Some(b',') {
                self.pos += 1;
                i += 1;
            } else {
                return false;
            }
        }
    }

    /// Reads a string starting at its opening quote; returns its raw content
    /// with the simple escapes resolved.
    fn string(&mut self) -> String {
        self.pos += 1;
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'"' => break,
                b'\\' => {
                    if let Some(escaped) = self.peek() {
                        self.pos += 1;
                        out.push(match escaped {
                            b'n' => b'\n',
                            b't' => b'\t',
                            other => other,
                        });
                    }
                }
                other => out.push(other),
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    fn skip_value(&mut self) {
        match self.peek() {
            Some(b'"') => {
                self.string();
            }
            Some(b'{' | b'[') => {
                let mut depth = 0usize;
                while let Some(b) = self.peek() {
                    match b {
                        b'"' => {
                            self.string();
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                self.pos += 1;
                                return;
                            }
                        }
                        _ => {}
                    }
                    self.pos += 1;
                }
            }
            _ => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
                        break;
                    }
                    self.pos += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::locate;

    const TEXT: &str = "{\n  \"services\": [\n    {\"code\": \"A\", \"price\": \"1\"},\n    {\"code\": \"B\\\"x\", \"price\": \"-2\"}\n  ],\n  \"a/b\": 1\n}";

    #[test]
    fn finds_nested_values() {
        assert_eq!(locate(TEXT, "/services/1/price"), (4, 31));
        assert_eq!(locate(TEXT, "/services/0"), (3, 5));
        assert_eq!(locate(TEXT, "/a~1b"), (6, 10));
    }

    #[test]
    fn falls_back_to_the_deepest_ancestor() {
        assert_eq!(locate(TEXT, "/services/7/code"), (2, 15));
        assert_eq!(locate(TEXT, ""), (1, 1));
    }
}
