//! The quick reader: requests in the usual shape, decoded in one pass.
//!
//! serde_json, through the derived `Deserialize` of [`Request`], defines what
//! a valid request is and words every error. It is also most of the time a
//! decision takes: on the reference workload (650-byte requests with a few
//! history entries) serde_json decoded in about 17,000 instructions (third
//! session), when deciding took about 5,700 (about 4,000 in the tenth).
//! This reader decodes the same requests in about 7,300 (tenth session;
//! `benches/examples/hot_path.rs` under callgrind; ids and codes are held
//! inline, without an allocation). It decodes the common shape directly:
//! objects with the known fields, each once, strings without escapes or
//! control characters, integers without sign, fraction or exponent,
//! `true`/`false`. It gives up (`None`) at the first thing
//! outside that shape (an escape, a `null`, a float, an unknown or repeated
//! field, a missing required field, trailing text), and the caller hands the
//! text to serde_json, which then accepts it or reports the error. So the
//! reader never decides what is an error.
//!
//! Keys are not scanned as strings: the next bytes are compared with the
//! object's keys as written (each with its closing quote, a few words at
//! once), starting with the field after the last one read, as fields usually
//! come in one order. A key written with an escape matches none and gives up.
//!
//! Leaf values that have rules of their own (dates, decimals, the names of
//! enum values) go through the same code serde_json would run (dates through
//! [`crate::date::parse_bytes`], which `date::iso` runs on a string's bytes),
//! so the two paths agree on them by construction. The one exception is a
//! decimal written as plain digits, the usual amount: it is read here
//! ([`plain_decimal`]), and a test checks it against rust_decimal, scale
//! included. That the two paths agree on the structure is checked by the
//! tests below (generated requests, compact and pretty, and random edits of
//! them) and by the `parse_request` fuzz target.

use super::{
    Authorization, BookedVia, CaseReason, DocumentKind, DocumentStatus, HistoryEntry, Member,
    Policy, Relationship, Request, ServiceRequest, Setting, Sex, Text,
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
    let mut offset = 0;
    while let Some(chunk) = rest.get(offset..).and_then(<[u8]>::first_chunk::<8>) {
        let word = u64::from_le_bytes(*chunk);
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
    for (i, byte) in rest.get(offset..)?.iter().enumerate() {
        match byte {
            b'"' => return Some(offset + i),
            b'\\' | 0..=0x1f => return None,
            _ => {}
        }
    }
    None
}

/// A decimal written as at most 19 digits with an optional fraction
/// (`1000`, `1000.00`), as amounts usually are: the digits are its mantissa
/// and the fraction's length its scale, as rust_decimal reads them, in a
/// tenth of the instructions. `None` for anything else (a sign, an
/// exponent, an underscore, a dot at either end, more digits), which is
/// left to rust_decimal.
fn plain_decimal(text: &[u8]) -> Option<Decimal> {
    // Nineteen digits stay below 10^19 < u64::MAX: no overflow.
    if text.is_empty() || text.len() > 19 {
        return None;
    }
    let (mut mantissa, mut scale) = (0u64, None);
    for (i, &byte) in text.iter().enumerate() {
        match byte {
            b'0'..=b'9' => mantissa = mantissa * 10 + u64::from(byte - b'0'),
            b'.' if scale.is_none() && i > 0 && i + 1 < text.len() => {
                scale = Some(text.len() - i - 1);
            }
            _ => return None,
        }
    }
    let scale = u32::try_from(scale.unwrap_or(0)).ok()?;
    Decimal::try_from_i128_with_scale(i128::from(mantissa), scale).ok()
}

/// A key as written in the text, followed by its closing quote, held as
/// words to compare with the text's next bytes at once.
struct Key {
    words: [u64; Key::WORDS],
    masks: [u64; Key::WORDS],
    len: usize,
}

impl Key {
    const WORDS: usize = 3;
    /// The longest key with its quote.
    const MAX: usize = 8 * Key::WORDS;

    /// `text` is the key and its closing quote, at most [`Key::MAX`] bytes.
    /// Only evaluated at compile time (the `KEYS` of [`Fields`]), where an
    /// index out of bounds or a longer key is a compile error.
    #[allow(clippy::indexing_slicing)]
    const fn new(text: &str) -> Key {
        let bytes = text.as_bytes();
        assert!(bytes.len() <= Key::MAX, "a key longer than Key::MAX");
        let mut key = Key {
            words: [0; Key::WORDS],
            masks: [0; Key::WORDS],
            len: bytes.len(),
        };
        let mut i = 0;
        while i < bytes.len() {
            key.words[i / 8] |= (bytes[i] as u64) << (8 * (i % 8));
            key.masks[i / 8] |= 0xff << (8 * (i % 8));
            i += 1;
        }
        key
    }

    /// The first [`Key::MAX`] bytes of a text as words.
    fn words(head: &[u8; Key::MAX]) -> [u64; Key::WORDS] {
        let mut words = [0; Key::WORDS];
        for (word, chunk) in words.iter_mut().zip(head.as_chunks::<8>().0) {
            *word = u64::from_le_bytes(*chunk);
        }
        words
    }

    /// The words of a text shorter than [`Key::MAX`] bytes, padded with
    /// zeros (no key matches the padding: each ends with its quote).
    #[cold]
    #[inline(never)]
    fn words_of_short(text: &[u8]) -> Option<[u64; Key::WORDS]> {
        let mut head = [0u8; Key::MAX];
        head.get_mut(..text.len())?.copy_from_slice(text);
        Some(Key::words(&head))
    }

    /// Whether a text whose first bytes are `words` starts with this key.
    fn starts(&self, words: &[u64; Key::WORDS]) -> bool {
        let mut differ = 0;
        for ((word, key), mask) in words.iter().zip(&self.words).zip(&self.masks) {
            differ |= (word ^ key) & mask;
        }
        differ == 0
    }
}

/// The fields of one kind of object, in the order they are usually written.
trait Fields: Copy + 'static {
    /// Every field, in order.
    const ALL: &'static [Self];
    /// The key of each field of `ALL`.
    const KEYS: &'static [Key];
}

/// Declares the fields of an object: an enum and its keys.
macro_rules! fields {
    ($name:ident { $($field:ident = $key:literal),* $(,)? }) => {
        #[derive(Clone, Copy)]
        enum $name {
            $($field),*
        }

        impl Fields for $name {
            const ALL: &'static [Self] = &[$(Self::$field),*];
            const KEYS: &'static [Key] = &[$(Key::new(concat!($key, "\""))),*];
        }
    };
}

fields!(RequestField {
    Id = "id",
    Date = "date",
    Clinic = "clinic",
    BookedVia = "booked_via",
    Setting = "setting",
    Reason = "reason",
    Member = "member",
    Authorization = "authorization",
    History = "history",
    Services = "services",
});

fields!(MemberField {
    Id = "id",
    Name = "name",
    BirthDate = "birth_date",
    Sex = "sex",
    NationalId = "national_id",
    Relationship = "relationship",
    Employer = "employer",
    PreExisting = "pre_existing",
    Policy = "policy",
});

fields!(PolicyField {
    Number = "number",
    Program = "program",
    Start = "start",
    End = "end",
    Enrolled = "enrolled",
});

fields!(AuthorizationField {
    Number = "number",
    Kind = "kind",
    Issued = "issued",
    ValidOn = "valid_on",
    Clinic = "clinic",
    Services = "services",
    DuringConsultation = "during_consultation",
    Status = "status",
});

fields!(HistoryField {
    Date = "date",
    Service = "service",
    Quantity = "quantity",
    Amount = "amount",
    Authorization = "authorization",
});

fields!(ServiceField {
    Code = "code",
    Quantity = "quantity",
});

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

    /// The next byte that is not whitespace, not consumed. (Bytes above
    /// the space are never whitespace: most tokens are found by that one
    /// comparison.)
    fn peek(&mut self) -> Option<u8> {
        let byte = *self.bytes.get(self.pos)?;
        if byte > b' ' {
            return Some(byte);
        }
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

    /// A string without escapes or control characters, borrowed from the
    /// text. Inlined, as [`Cursor::key`] is, for the same reason (about 190
    /// instructions a request).
    #[inline(always)]
    fn str(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.pos;
        let end = start + body_length(self.bytes.get(start..)?)?;
        let text = self.text.get(start..end)?;
        self.pos = end + 1;
        Some(text)
    }

    fn string(&mut self) -> Option<Text> {
        self.str().map(Text::from)
    }

    /// A string read by `T`'s own `Deserialize` (the names of enum values).
    fn named<T: Deserialize<'a>>(&mut self) -> Option<T> {
        T::deserialize(BorrowedStrDeserializer::<ValueError>::new(self.str()?)).ok()
    }

    /// A date, read as the request's fields read it (`crate::date::iso`,
    /// which takes exactly ten bytes): a quote, ten bytes, a quote. The ten
    /// bytes are digits and dashes or the date is not read, so they cannot
    /// hold an escape.
    fn date(&mut self) -> Option<NaiveDate> {
        self.eat(b'"')?;
        let (date, rest) = self.bytes.get(self.pos..)?.split_first_chunk::<10>()?;
        if rest.first() != Some(&b'"') {
            return None;
        }
        self.pos += 11;
        crate::date::parse_bytes(date)
    }

    /// A decimal in a string: plain digits, read here (see
    /// [`plain_decimal`]); any other form through rust_decimal, as serde_json
    /// reads it.
    fn decimal(&mut self) -> Option<Decimal> {
        let text = self.str()?;
        plain_decimal(text.as_bytes()).or_else(|| {
            Deserialize::deserialize(BorrowedStrDeserializer::<ValueError>::new(text)).ok()
        })
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

    /// Reads an object whose keys are the fields of `F`, calling `field`
    /// with each field and the cursor on its value.
    fn object<F: Fields>(
        &mut self,
        mut field: impl FnMut(&mut Self, F) -> Option<()>,
    ) -> Option<()> {
        self.eat(b'{')?;
        if self.peek()? == b'}' {
            self.pos += 1;
            return Some(());
        }
        let mut next = 0;
        loop {
            let index = self.key(F::KEYS, next)?;
            self.colon()?;
            field(self, *F::ALL.get(index)?)?;
            next = index + 1;
            match self.peek()? {
                b',' => self.comma(),
                b'}' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// Reads a key that is one of `keys` and returns its index. Keys usually
    /// come in the order they are listed, some left out, so the search
    /// starts at `next`. A key is compared as written: one with an escape
    /// gives up. Inlined into each kind of object: as a call, saving and
    /// restoring registers cost about as much as the comparison itself
    /// (about 680 instructions a request under callgrind).
    #[inline(always)]
    fn key(&mut self, keys: &[Key], next: usize) -> Option<usize> {
        self.eat(b'"')?;
        let rest = self.bytes.get(self.pos..)?;
        let words = match rest.first_chunk::<{ Key::MAX }>() {
            Some(head) => Key::words(head),
            None => Key::words_of_short(rest)?,
        };
        let starts = |key: &Key| key.starts(&words);
        let index = match keys
            .get(next..)
            .and_then(|after| after.iter().position(starts))
        {
            Some(i) => next + i,
            None => keys.get(..next)?.iter().position(starts)?,
        };
        self.pos += keys.get(index)?.len;
        Some(index)
    }

    /// Steps over a `,` and the space most texts write after it.
    fn comma(&mut self) {
        self.pos += 1;
        if self.bytes.get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
    }

    /// The `:` after a key; most texts write `": "`, taken at once.
    fn colon(&mut self) -> Option<()> {
        if self.bytes.get(self.pos..self.pos + 2) == Some(b": ") {
            self.pos += 2;
            return Some(());
        }
        self.eat(b':')
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
                b',' => self.comma(),
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
        self.object(|c, field| match field {
            RequestField::Id => put(&mut id, c.string()),
            RequestField::Date => put(&mut date, c.date()),
            RequestField::Clinic => put(&mut clinic, c.string()),
            RequestField::BookedVia => put(&mut booked_via, c.named::<BookedVia>()),
            RequestField::Setting => put(&mut setting, c.named::<Setting>()),
            RequestField::Reason => put(&mut reason, c.named::<CaseReason>()),
            RequestField::Member => put(&mut member, c.member()),
            RequestField::Authorization => put(&mut authorization, c.authorization()),
            RequestField::History => put(&mut history, c.array(Self::history_entry)),
            RequestField::Services => put(&mut services, c.array(Self::service)),
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
        self.object(|c, field| match field {
            MemberField::Id => put(&mut id, c.string()),
            MemberField::Name => put(&mut name, c.string()),
            MemberField::BirthDate => put(&mut birth_date, c.date()),
            MemberField::Sex => put(&mut sex, c.named::<Sex>()),
            MemberField::NationalId => put(&mut national_id, c.string()),
            MemberField::Relationship => put(&mut relationship, c.named::<Relationship>()),
            MemberField::Employer => put(&mut employer, c.string()),
            MemberField::PreExisting => put(&mut pre_existing, c.bool()),
            MemberField::Policy => put(&mut policy, c.policy()),
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
        self.object(|c, field| match field {
            PolicyField::Number => put(&mut number, c.string()),
            PolicyField::Program => put(&mut program, c.string()),
            PolicyField::Start => put(&mut start, c.date()),
            PolicyField::End => put(&mut end, c.date()),
            PolicyField::Enrolled => put(&mut enrolled, c.date()),
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
        self.object(|c, field| match field {
            AuthorizationField::Number => put(&mut number, c.string()),
            AuthorizationField::Kind => put(&mut kind, c.named::<DocumentKind>()),
            AuthorizationField::Issued => put(&mut issued, c.date()),
            AuthorizationField::ValidOn => put(&mut valid_on, c.date()),
            AuthorizationField::Clinic => put(&mut clinic, c.string()),
            AuthorizationField::Services => put(&mut services, c.array(Self::service)),
            AuthorizationField::DuringConsultation => {
                put(&mut during_consultation, c.array(Self::string))
            }
            AuthorizationField::Status => put(&mut status, c.named::<DocumentStatus>()),
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
        self.object(|c, field| match field {
            HistoryField::Date => put(&mut date, c.date()),
            HistoryField::Service => put(&mut service, c.string()),
            HistoryField::Quantity => put(&mut quantity, c.count()),
            HistoryField::Amount => put(&mut amount, c.decimal()),
            HistoryField::Authorization => put(&mut authorization, c.string()),
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
        self.object(|c, field| match field {
            ServiceField::Code => put(&mut code, c.string()),
            ServiceField::Quantity => put(&mut quantity, c.count()),
        })?;
        Some(ServiceRequest {
            code: code?,
            quantity: quantity.unwrap_or_else(super::one),
        })
    }
}

#[cfg(test)]
mod tests;
