//! [`Requirements`]: what the clinic must ask for at reception, as a set.

use super::Requirement;
use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeSeq, Serializer};
use std::fmt;

/// What the clinic must ask for at reception: a set of [`Requirement`]s,
/// each at most once, listed in the order they are declared. Held in one
/// byte, so a decision needs no allocation for it (a batch makes and frees
/// one for every request); it serializes as a JSON list
/// (`["identity_document", "member_signature"]`).
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Requirements(u8);

impl Requirements {
    /// No requirement.
    pub const fn new() -> Requirements {
        Requirements(0)
    }

    /// Adds `requirement` (once: adding it again changes nothing).
    pub fn insert(&mut self, requirement: Requirement) {
        self.0 |= Requirements::bit(requirement);
    }

    /// Whether `requirement` is in the set.
    pub fn contains(&self, requirement: Requirement) -> bool {
        self.0 & Requirements::bit(requirement) != 0
    }

    /// How many requirements there are.
    pub fn len(&self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// The requirements, in declaration order.
    pub fn iter(&self) -> RequirementsIter {
        RequirementsIter {
            set: *self,
            next: 0,
        }
    }

    fn bit(requirement: Requirement) -> u8 {
        1 << requirement as u8
    }
}

/// The requirements of a [`Requirements`], in declaration order.
#[derive(Clone, Debug)]
pub struct RequirementsIter {
    set: Requirements,
    next: usize,
}

impl Iterator for RequirementsIter {
    type Item = Requirement;

    fn next(&mut self) -> Option<Requirement> {
        while let Some(&requirement) = Requirement::ALL.get(self.next) {
            self.next += 1;
            if self.set.contains(requirement) {
                return Some(requirement);
            }
        }
        None
    }
}

impl IntoIterator for Requirements {
    type Item = Requirement;
    type IntoIter = RequirementsIter;

    fn into_iter(self) -> RequirementsIter {
        self.iter()
    }
}

impl IntoIterator for &Requirements {
    type Item = Requirement;
    type IntoIter = RequirementsIter;

    fn into_iter(self) -> RequirementsIter {
        self.iter()
    }
}

impl FromIterator<Requirement> for Requirements {
    fn from_iter<I: IntoIterator<Item = Requirement>>(iter: I) -> Requirements {
        let mut set = Requirements::new();
        for requirement in iter {
            set.insert(requirement);
        }
        set
    }
}

impl<const N: usize> From<[Requirement; N]> for Requirements {
    fn from(requirements: [Requirement; N]) -> Requirements {
        requirements.into_iter().collect()
    }
}

impl fmt::Debug for Requirements {
    /// As a list: `[IdentityDocument, MemberSignature]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Requirements {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for requirement in self.iter() {
            seq.serialize_element(&requirement)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Requirements {
    /// From a list of requirement names, in any order; a repeated one
    /// counts once.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Requirements, D::Error> {
        struct List;
        impl<'de> Visitor<'de> for List {
            type Value = Requirements;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of requirements")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Requirements, A::Error> {
                let mut set = Requirements::new();
                while let Some(requirement) = seq.next_element::<Requirement>()? {
                    set.insert(requirement);
                }
                Ok(set)
            }
        }
        deserializer.deserialize_seq(List)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_lists_each_requirement_once_in_declared_order() {
        let set = Requirements::from([
            Requirement::MemberSignature,
            Requirement::BirthCertificateCopy,
            Requirement::MemberSignature,
        ]);
        assert_eq!(set.len(), 2);
        assert!(set.contains(Requirement::BirthCertificateCopy));
        assert!(!set.contains(Requirement::IdentityDocument));
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            [
                Requirement::BirthCertificateCopy,
                Requirement::MemberSignature
            ]
        );
        assert_eq!(
            format!("{set:?}"),
            "[BirthCertificateCopy, MemberSignature]"
        );
        assert!(Requirements::new().is_empty());
        let all: Requirements = Requirement::ALL.into_iter().collect();
        assert_eq!(all.iter().collect::<Vec<_>>(), Requirement::ALL);
    }

    #[test]
    fn a_set_is_a_json_list() {
        let set = Requirements::from([Requirement::MemberSignature, Requirement::IdentityDocument]);
        let json = serde_json::to_string(&set).unwrap_or_default();
        assert_eq!(json, r#"["identity_document","member_signature"]"#);
        let back: Requirements =
            serde_json::from_str(r#"["member_signature","identity_document","member_signature"]"#)
                .unwrap_or_default();
        assert_eq!(back, set);
        assert!(serde_json::from_str::<Requirements>(r#"["passport"]"#).is_err());
        assert!(serde_json::from_str::<Requirements>(r#""identity_document""#).is_err());
    }
}
