//! Access: the document or roster that lets the member use the program at
//! this clinic today: per-appointment authorization, guarantee letter,
//! attachment roster, and who booked the visit.

use super::eligibility::mode_of;
use super::line::{Draft, Ledger};
use crate::decision::{Mode, NextStep, Outcome, ReasonCode};
use crate::messages::{Key, Message, Slot};
use crate::name::Name;
use crate::request::{Authorization, BookedVia, DocumentKind, DocumentStatus};
use crate::rules::format::AccessMode;
use crate::rules::model::Program;

pub(super) fn check<'r>(d: &mut Draft<'r>, program: &'r Program, ledger: &mut Ledger) {
    match program.access {
        AccessMode::Authorization => authorization(d, program, ledger),
        AccessMode::GuaranteeLetter => guarantee_letter(d, program, ledger),
        AccessMode::Attachment => attachment(d, program),
        AccessMode::Policy => booking(d, program),
    }
    if !d.stopped() {
        d.mode = mode_of(program);
    }
}

fn booking<'r>(d: &mut Draft<'r>, program: &'r Program) {
    let via = d.checked.request.booked_via;
    if !program.booking.is_empty() && !program.booking.contains(&via) {
        let message = Message::new(Key::BookingRequired).with(Slot::Program, program.id);
        d.stop(
            Outcome::NeedsAuthorization,
            mode_of(program),
            Some(NextStep::BookViaInsurer),
            ReasonCode::BookingRequired,
            message,
            &program.rule,
        );
    }
}

/// The presented document of `kind`, or a stop explaining why there is none
/// usable (missing, cancelled, used, for another clinic).
fn document<'r>(
    d: &mut Draft<'r>,
    program: &'r Program,
    kind: DocumentKind,
) -> Option<&'r Authorization> {
    let request = d.checked.request;
    let mode = mode_of(program);
    let Some(doc) = request.authorization.as_ref().filter(|a| a.kind == kind) else {
        if kind == DocumentKind::GuaranteeLetter && request.booked_via != BookedVia::Insurer {
            let message = Message::new(Key::BookingRequiredLetter);
            d.stop(
                Outcome::NeedsAuthorization,
                mode,
                Some(NextStep::BookViaInsurer),
                ReasonCode::BookingRequired,
                message,
                &program.rule,
            );
        } else {
            let message = match kind {
                DocumentKind::Authorization => Message::new(Key::AuthorizationRequired),
                DocumentKind::GuaranteeLetter => Message::new(Key::AuthorizationRequiredLetter),
            }
            .with(Slot::Program, program.id);
            d.stop(
                Outcome::NeedsAuthorization,
                mode,
                Some(NextStep::BookViaInsurer),
                ReasonCode::AuthorizationRequired,
                message,
                &program.rule,
            );
        }
        return None;
    };
    d.document = Some(doc.number.clone());
    let (code, message) = match doc.status {
        DocumentStatus::Cancelled => (
            ReasonCode::AuthorizationCancelled,
            Message::new(Key::AuthorizationCancelled).with(Slot::Number, &doc.number),
        ),
        DocumentStatus::Used => (
            ReasonCode::AuthorizationUsed,
            Message::new(Key::AuthorizationUsed).with(Slot::Number, &doc.number),
        ),
        DocumentStatus::Active => match &doc.clinic {
            Some(clinic) if *clinic != d.checked.clinic.id => (
                ReasonCode::AuthorizationRequired,
                Message::new(Key::AuthorizationRequiredOtherClinic)
                    .with(Slot::Number, &doc.number)
                    .with(Slot::Other, clinic)
                    .with(Slot::Clinic, d.checked.clinic.id),
            ),
            _ => return Some(doc),
        },
    };
    d.stop(
        Outcome::NeedsAuthorization,
        mode,
        Some(NextStep::BookViaInsurer),
        code,
        message,
        &Name::request(),
    );
    None
}

/// Units of `code` the document grants, less what history and earlier lines
/// already used under it.
fn volume_left(d: &Draft<'_>, doc: &Authorization, ledger: &Ledger) -> u32 {
    let code = d.code();
    let granted: u32 = doc
        .services
        .iter()
        .filter(|s| s.code == code)
        .map(|s| s.quantity)
        .sum();
    let used: u32 = d
        .checked
        .request
        .history
        .iter()
        .filter(|h| h.service == code && h.authorization.as_deref() == Some(doc.number.as_str()))
        .map(|h| h.quantity)
        .sum();
    let in_request = ledger.volume.get(&d.service.code).copied().unwrap_or(0);
    granted.saturating_sub(used).saturating_sub(in_request)
}

/// Covers up to the document's volume; the rest needs additional approval.
fn spend_volume(
    d: &mut Draft<'_>,
    doc: &Authorization,
    ledger: &mut Ledger,
    program: &Program,
    on_document: ReasonCode,
) {
    let left = volume_left(d, doc, ledger);
    let covered = left.min(d.quantity);
    *ledger.volume.entry(d.service.code).or_default() += covered;
    let number = doc.number.clone();
    if covered == 0 {
        let message = Message::new(Key::VolumeExceeded)
            .with(Slot::Service, d.code())
            .with(Slot::Number, &number);
        d.stop(
            Outcome::NeedsAuthorization,
            mode_of(program),
            Some(NextStep::RequestAdditionalApproval),
            ReasonCode::VolumeExceeded,
            message,
            &Name::request(),
        );
        return;
    }
    d.reason(
        on_document,
        Message::new(Key::AuthorizedService)
            .with(Slot::Service, d.code())
            .with(Slot::Number, &number),
        &Name::request(),
    );
    if covered < d.quantity {
        d.covered = covered;
        d.outcome = Outcome::PartiallyCovered;
        d.next_step = Some(NextStep::RequestAdditionalApproval);
        let message = Message::new(Key::VolumeExceededPartial)
            .with(Slot::Number, &number)
            .with(Slot::Covered, covered)
            .with(Slot::Quantity, d.quantity)
            .with(Slot::Service, d.code());
        d.reason(ReasonCode::VolumeExceeded, message, &Name::request());
    }
}

/// Per-appointment authorization (DOMAIN.md §2.1): one date, one use.
fn authorization<'r>(d: &mut Draft<'r>, program: &'r Program, ledger: &mut Ledger) {
    booking(d, program);
    if d.stopped() {
        return;
    }
    let Some(doc) = document(d, program, DocumentKind::Authorization) else {
        return;
    };
    let valid_on = doc.valid_on.or(doc.issued);
    d.trace("authorization", None, || {
        format!(
            "document `{}` valid on {}",
            doc.number,
            valid_on.map_or("?".into(), |v| v.to_string())
        )
    });
    if valid_on != Some(d.date) {
        let message = match valid_on {
            Some(on) => Message::new(Key::AuthorizationWrongDate).with(Slot::ValidOn, on),
            None => Message::new(Key::AuthorizationWrongDateNoDate),
        }
        .with(Slot::Number, &doc.number)
        .with(Slot::Date, d.date);
        d.stop(
            Outcome::NeedsAuthorization,
            Mode::Authorization,
            Some(NextStep::BookViaInsurer),
            ReasonCode::AuthorizationWrongDate,
            message,
            &Name::request(),
        );
        return;
    }
    if doc.services.iter().any(|s| s.code == d.code()) {
        spend_volume(d, doc, ledger, program, ReasonCode::AuthorizedService);
    } else if doc.during_consultation.iter().any(|c| c == d.code()) {
        let message = Message::new(Key::SupplementaryOnForm)
            .with(Slot::Service, d.code())
            .with(Slot::Number, &doc.number);
        d.reason(ReasonCode::SupplementaryOnForm, message, &Name::request());
    } else {
        let message = Message::new(Key::SupplementaryNeedsAuthorization)
            .with(Slot::Service, d.code())
            .with(Slot::Number, &doc.number);
        d.stop(
            Outcome::NeedsAuthorization,
            Mode::Authorization,
            Some(NextStep::RequestEmailAuthorization),
            ReasonCode::SupplementaryNeedsAuthorization,
            message,
            &Name::request(),
        );
    }
}

/// Guarantee letter (DOMAIN.md §2.2 "by fact"): a period and a volume.
fn guarantee_letter<'r>(d: &mut Draft<'r>, program: &'r Program, ledger: &mut Ledger) {
    let Some(doc) = document(d, program, DocumentKind::GuaranteeLetter) else {
        return;
    };
    let Some(issued) = doc.issued else {
        let message =
            Message::new(Key::AuthorizationRequiredNoIssueDate).with(Slot::Number, &doc.number);
        d.stop(
            Outcome::NeedsAuthorization,
            Mode::GuaranteeLetter,
            Some(NextStep::BookViaInsurer),
            ReasonCode::AuthorizationRequired,
            message,
            &Name::request(),
        );
        return;
    };
    let through = crate::date::add_months(issued, program.letter_validity_months);
    d.trace("guarantee_letter", Some(&program.rule), || {
        format!(
            "letter `{}` issued {issued}, valid {} month(s) through {through}",
            doc.number, program.letter_validity_months
        )
    });
    if d.date < issued {
        let message = Message::new(Key::AuthorizationWrongDateBeforeIssue)
            .with(Slot::Number, &doc.number)
            .with(Slot::Issued, issued)
            .with(Slot::Date, d.date);
        d.stop(
            Outcome::NeedsAuthorization,
            Mode::GuaranteeLetter,
            Some(NextStep::BookViaInsurer),
            ReasonCode::AuthorizationWrongDate,
            message,
            &Name::request(),
        );
        return;
    }
    if d.date > through {
        let message = Message::new(Key::AuthorizationExpired)
            .with(Slot::Number, &doc.number)
            .with(Slot::Through, through);
        d.stop(
            Outcome::NeedsAuthorization,
            Mode::GuaranteeLetter,
            Some(NextStep::BookViaInsurer),
            ReasonCode::AuthorizationExpired,
            message,
            &program.rule,
        );
        return;
    }
    spend_volume(d, doc, ledger, program, ReasonCode::AuthorizedService);
}

/// Attachment (DOMAIN.md §2.2): the member is on this clinic's roster for
/// this program on the date.
fn attachment<'r>(d: &mut Draft<'r>, program: &'r Program) {
    let member = &d.checked.request.member;
    let clinic = &d.checked.clinic.id;
    let date = d.date;
    let on_roster = d
        .set
        .rosters_listing(clinic, &member.id)
        .find(|r| r.window.contains(date) && r.lists(&member.id, program));
    if let Some(roster) = on_roster {
        d.trace("roster", Some(&roster.rule), || {
            format!(
                "on roster `{}` received {}, in force {}",
                roster.id,
                roster.received,
                roster.window.describe()
            )
        });
        return;
    }
    let elsewhere: Vec<Name> = d
        .set
        .rosters()
        .iter()
        .filter(|r| r.clinic != *clinic && r.window.contains(date) && r.lists(&member.id, program))
        .map(|r| r.clinic)
        .collect();
    let message = Message::new(Key::NotOnRoster)
        .with(Slot::Member, &member.id)
        .with(Slot::Clinic, clinic)
        .with(Slot::Program, program.id)
        .with(Slot::Date, date);
    d.not_covered(ReasonCode::NotOnRoster, message, &d.checked.clinic.rule);
    d.alternatives = elsewhere;
}
