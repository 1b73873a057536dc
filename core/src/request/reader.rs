//! The quick reader: requests in the usual shape, decoded in one pass.
//!
//! serde_json, through the derived `Deserialize` of [`Request`], defines what
//! a valid request is and words every error. It is also most of the time a
//! decision takes: on the reference workload (650-byte requests with a few
//! history entries) decoding is about 17,000 instructions and deciding about
//! 6,500. This reader decodes the common shape directly: objects with the
//! known fields, each once, strings without escapes or control characters,
//! integers without sign, fraction or exponent, `true`/`false`. It gives up
//! (`None`) at the first thing outside that shape (an escape, a `null`, a
//! float, an unknown or repeated field, a missing required field, trailing
//! text), and the caller hands the text to serde_json, which then accepts it
//! or reports the error. So the reader never decides what is an error.
//!
//! Leaf values that have rules of their own (dates, decimals, the names of
//! enum values) go through the same `Deserialize` code serde_json would run,
//! so the two paths agree on them by construction; that they agree on the
//! structure is checked by the tests below (generated requests, compact and
//! pretty, and random edits of them) and by the `parse_request` fuzz target.

use super::{
    Authorization, BookedVia, CaseReason, DocumentKind, DocumentStatus, HistoryEntry, Member,
    Policy, Relationship, Request, ServiceRequest, Setting, Sex,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::value::{BorrowedStrDeserializer, Error as ValueError};
use serde::Deserialize;

/// Decodes `text` if it is a request in the usual shape; `None` otherwise
/// (which says nothing about whether it is valid).
pub(crate) fn read(text: &str) -> Option<Request> {
    let mut cursor = Cursor {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    let request = cursor.request()?;
    cursor.skip_whitespace();
    (cursor.pos == cursor.bytes.len()).then_some(request)
}

/// Stores the value of a field seen for the first time; a repeated field or
/// a value that could not be read gives up.
fn put<T>(slot: &mut Option<T>, value: Option<T>) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value?);
    Some(())
}

/// The length of a string's body at the start of `rest` (the bytes before
/// its closing quote); `None` at an escape, a control character or the end
/// of the text. Eight bytes at a time: a byte is found where
/// `(x - 0x01..) & !x` sets its high bit, and the lowest such byte is exact.
fn body_length(rest: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES << 7;
    let mut chunks = rest.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().ok()?);
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        let found = (quote.wrapping_sub(ONES) & !quote
            | backslash.wrapping_sub(ONES) & !backslash
            | word.wrapping_sub(ONES * 0x20) & !word)
            & HIGH;
        if found != 0 {
            let at = offset + (found.trailing_zeros() / 8) as usize;
            return (rest.get(at) == Some(&b'"')).then_some(at);
        }
        offset += 8;
    }
    for (i, byte) in chunks.remainder().iter().enumerate() {
        match byte {
            b'"' => return Some(offset + i),
            b'\\' | 0..=0x1f => return None,
            _ => {}
        }
    }
    None
}

/// A position in the text being read.
struct Cursor<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// The next byte that is not whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        if self.peek()? != byte {
            return None;
        }
        self.pos += 1;
        Some(())
    }

    /// A string without escapes or control characters, borrowed from the text.
    fn str(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.pos;
        let end = start + body_length(self.bytes.get(start..)?)?;
        let text = self.text.get(start..end)?;
        self.pos = end + 1;
        Some(text)
    }

    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_owned)
    }

    /// A string read by `T`'s own `Deserialize` (enum names, decimals).
    fn named<T: Deserialize<'a>>(&mut self) -> Option<T> {
        T::deserialize(BorrowedStrDeserializer::<ValueError>::new(self.str()?)).ok()
    }

    /// A date, read as the request's fields read it (`crate::date::iso`).
    fn date(&mut self) -> Option<NaiveDate> {
        crate::date::iso::deserialize(BorrowedStrDeserializer::<ValueError>::new(self.str()?)).ok()
    }

    fn decimal(&mut self) -> Option<Decimal> {
        self.named()
    }

    /// A `u32` written as plain digits (no sign, fraction, exponent or
    /// leading zero).
    fn count(&mut self) -> Option<u32> {
        self.skip_whitespace();
        let start = self.pos;
        let mut value: u32 = 0;
        while let Some(&digit @ b'0'..=b'9') = self.bytes.get(self.pos) {
            value = value
                .checked_mul(10)?
                .checked_add(u32::from(digit - b'0'))?;
            self.pos += 1;
        }
        let digits = self.pos - start;
        let leading_zero = digits > 1 && self.bytes.get(start) == Some(&b'0');
        (digits > 0 && !leading_zero).then_some(value)
    }

    fn bool(&mut self) -> Option<bool> {
        self.skip_whitespace();
        let rest = self.bytes.get(self.pos..)?;
        let (value, len) = if rest.starts_with(b"true") {
            (true, 4)
        } else if rest.starts_with(b"false") {
            (false, 5)
        } else {
            return None;
        };
        self.pos += len;
        Some(value)
    }

    /// Reads an object, calling `field` with each key and the cursor on its value.
    fn object(&mut self, mut field: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        if self.peek()? == b'}' {
            self.pos += 1;
            return Some(());
        }
        loop {
            let key = self.str()?;
            self.eat(b':')?;
            field(self, key)?;
            match self.peek()? {
                b',' => self.pos += 1,
                b'}' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// Reads an array, each item with `item`.
    fn array<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.eat(b'[')?;
        let mut items = Vec::new();
        if self.peek()? == b']' {
            self.pos += 1;
            return Some(items);
        }
        loop {
            items.push(item(self)?);
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => {
                    self.pos += 1;
                    return Some(items);
                }
                _ => return None,
            }
        }
    }

    fn request(&mut self) -> Option<Request> {
        let (mut id, mut date, mut clinic, mut booked_via, mut setting) =
            (None, None, None, None, None);
        let (mut reason, mut member, mut authorization, mut history, mut services) =
            (None, None, None, None, None);
        self.object(|c, key| match key {
            "id" => put(&mut id, c.string()),
            "date" => put(&mut date, c.date()),
            "clinic" => put(&mut clinic, c.string()),
            "booked_via" => put(&mut booked_via, c.named::<BookedVia>()),
            "setting" => put(&mut setting, c.named::<Setting>()),
            "reason" => put(&mut reason, c.named::<CaseReason>()),
            "member" => put(&mut member, c.member()),
            "authorization" => put(&mut authorization, c.authorization()),
            "history" => put(&mut history, c.array(Self::history_entry)),
            "services" => put(&mut services, c.array(Self::service)),
            _ => None,
        })?;
        Some(Request {
            id,
            date: date?,
            clinic: clinic?,
            booked_via: booked_via.unwrap_or_default(),
            setting: setting.unwrap_or_default(),
            reason,
            member: member?,
            authorization,
            history: history.unwrap_or_default(),
            services: services?,
        })
    }

    fn member(&mut self) -> Option<Member> {
        let (mut id, mut name, mut birth_date, mut sex, mut national_id) =
            (None, None, None, None, None);
        let (mut relationship, mut employer, mut pre_existing, mut policy) =
            (None, None, None, None);
        self.object(|c, key| match key {
            "id" => put(&mut id, c.string()),
            "name" => put(&mut name, c.string()),
            "birth_date" => put(&mut birth_date, c.date()),
            "sex" => put(&mut sex, c.named::<Sex>()),
            "national_id" => put(&mut national_id, c.string()),
            "relationship" => put(&mut relationship, c.named::<Relationship>()),
            "employer" => put(&mut employer, c.string()),
            "pre_existing" => put(&mut pre_existing, c.bool()),
            "policy" => put(&mut policy, c.policy()),
            _ => None,
        })?;
        Some(Member {
            id: id?,
            name,
            birth_date: birth_date?,
            sex: sex?,
            national_id,
            relationship: relationship.unwrap_or_default(),
            employer,
            pre_existing: pre_existing.unwrap_or_default(),
            policy,
        })
    }

    fn policy(&mut self) -> Option<Policy> {
        let (mut number, mut program, mut start, mut end, mut enrolled) =
            (None, None, None, None, None);
        self.object(|c, key| match key {
            "number" => put(&mut number, c.string()),
            "program" => put(&mut program, c.string()),
            "start" => put(&mut start, c.date()),
            "end" => put(&mut end, c.date()),
            "enrolled" => put(&mut enrolled, c.date()),
            _ => None,
        })?;
        Some(Policy {
            number: number?,
            program: program?,
            start: start?,
            end: end?,
            enrolled,
        })
    }

    fn authorization(&mut self) -> Option<Authorization> {
        let (mut number, mut kind, mut issued, mut valid_on) = (None, None, None, None);
        let (mut clinic, mut services, mut during_consultation, mut status) =
            (None, None, None, None);
        self.object(|c, key| match key {
            "number" => put(&mut number, c.string()),
            "kind" => put(&mut kind, c.named::<DocumentKind>()),
            "issued" => put(&mut issued, c.date()),
            "valid_on" => put(&mut valid_on, c.date()),
            "clinic" => put(&mut clinic, c.string()),
            "services" => put(&mut services, c.array(Self::service)),
            "during_consultation" => put(&mut during_consultation, c.array(Self::string)),
            "status" => put(&mut status, c.named::<DocumentStatus>()),
            _ => None,
        })?;
        Some(Authorization {
            number: number?,
            kind: kind?,
            issued,
            valid_on,
            clinic,
            services: services.unwrap_or_default(),
            during_consultation: during_consultation.unwrap_or_default(),
            status: status.unwrap_or_default(),
        })
    }

    fn history_entry(&mut self) -> Option<HistoryEntry> {
        let (mut date, mut service, mut quantity, mut amount, mut authorization) =
            (None, None, None, None, None);
        self.object(|c, key| match key {
            "date" => put(&mut date, c.date()),
            "service" => put(&mut service, c.string()),
            "quantity" => put(&mut quantity, c.count()),
            "amount" => put(&mut amount, c.decimal()),
            "authorization" => put(&mut authorization, c.string()),
            _ => None,
        })?;
        Some(HistoryEntry {
            date: date?,
            service: service?,
            quantity: quantity.unwrap_or_else(super::one),
            amount,
            authorization,
        })
    }

    fn service(&mut self) -> Option<ServiceRequest> {
        let (mut code, mut quantity) = (None, None);
        self.object(|c, key| match key {
            "code" => put(&mut code, c.string()),
            "quantity" => put(&mut quantity, c.count()),
            _ => None,
        })?;
        Some(ServiceRequest {
            code: code?,
            quantity: quantity.unwrap_or_else(super::one),
        })
    }
}

#[cfg(test)]
mod tests;
