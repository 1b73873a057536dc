//! Names from rule sets, interned once so that decisions copy them for free.
//!
//! A decision repeats names its rule set already holds: the set's id, the
//! service code, the program, the currency, the rule behind every reason.
//! Each was a `String` of its own, allocated when the decision was made and
//! freed with it: on the reference workload, freeing a batch's decisions in
//! Python took 0.43 µs a decision with them and takes 0.17 µs without
//! (benches/README.md). A [`Name`] is a pointer into a process-wide table
//! of interned strings (the `ustr` crate): copying one is copying a
//! pointer, and there is nothing to free.
//!
//! The table only grows. Rule sets are its only writers in the engine (names
//! are interned when a set is loaded, never from a request), and a set
//! loaded again interns nothing new, so it stays the size of the distinct
//! names of the rule sets a process has loaded. Deserializing a
//! [`Decision`](crate::Decision) interns its names too.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::Deref;
use std::sync::LazyLock;

/// A name from a rule set: an id (set, program, clinic, limit, service
/// code), a rule reference (`set/file#id`), a currency code. Interned:
/// `Copy`, compared and hashed in constant time; it derefs to `str` and
/// serializes as a JSON string.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name(ustr::Ustr);

impl Name {
    /// Interns `text` (once per distinct text in the process).
    pub fn new(text: &str) -> Name {
        Name(ustr::Ustr::from(text))
    }

    /// The text.
    pub fn as_str(&self) -> &'static str {
        self.0.as_str()
    }

    /// `request`: the rule of the reasons that rest on the caller's facts
    /// (a document, the member's data) rather than on a rule file.
    pub fn request() -> Name {
        static REQUEST: LazyLock<Name> = LazyLock::new(|| Name::new("request"));
        *REQUEST
    }
}

/// The names' texts with `separator` between them (`[Name]` cannot `join`:
/// a `Name` hashes differently from its text, so it is not `Borrow<str>`).
pub fn join(names: &[Name], separator: &str) -> String {
    let mut out = String::new();
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(name);
    }
    out
}

impl Default for Name {
    /// The empty name.
    fn default() -> Name {
        Name::new("")
    }
}

impl Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Name {
    fn from(text: &str) -> Name {
        Name::new(text)
    }
}

impl From<&String> for Name {
    fn from(text: &String) -> Name {
        Name::new(text)
    }
}

impl From<Name> for String {
    fn from(name: Name) -> String {
        name.as_str().to_owned()
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Name> for String {
    fn eq(&self, other: &Name) -> bool {
        self == other.as_str()
    }
}

/// As the text's own `Display`, width and alignment included (`{:<12}`).
impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// As the text's own `Debug` (`"bench/DENT-A"`).
impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Name, D::Error> {
        ustr::Ustr::deserialize(d).map(Name)
    }
}

#[cfg(test)]
mod tests {
    use super::Name;

    #[test]
    fn a_name_is_its_text() {
        let name = Name::new("bench/programs.json#bench/DENT-A");
        assert_eq!(name, "bench/programs.json#bench/DENT-A");
        assert_eq!(name.len(), 32);
        assert_eq!(
            format!("{name} {name:?}"),
            format!("{} {:?}", &*name, &*name)
        );
        assert_eq!(
            serde_json::to_string(&name).unwrap(),
            "\"bench/programs.json#bench/DENT-A\""
        );
        let back: Name = serde_json::from_str("\"bench/programs.json#bench/DENT-A\"").unwrap();
        assert_eq!(back, name);
    }

    #[test]
    fn equal_texts_are_one_name_and_order_is_the_texts_order() {
        assert_eq!(Name::new("a"), Name::new(&String::from("a")));
        assert_ne!(Name::new("a"), Name::new("b"));
        assert!(Name::new("b") > Name::new("a"));
        assert!(Name::new("ab") < Name::new("b"));
        assert_eq!(Name::default(), "");
    }
}
