//! Access: the document or roster that lets the member use the program at
//! this clinic today: per-appointment authorization, guarantee letter,
//! attachment roster, and who booked the visit.

use super::eligibility::mode_of;
use super::line::{Draft, Ledger};
use crate::decision::{Mode, NextStep, Outcome, ReasonCode};
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
        let message = format!(
            "program `{}` requires the visit to be booked through the insurer",
            program.id
        );
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
    let what = match kind {
        DocumentKind::Authorization => "an authorization",
        DocumentKind::GuaranteeLetter => "a guarantee letter",
    };
    let Some(doc) = request.authorization.as_ref().filter(|a| a.kind == kind) else {
        if kind == DocumentKind::GuaranteeLetter && request.booked_via != BookedVia::Insurer {
            let message = "without a guarantee letter the visit must first be booked through the insurer's dispatch".to_owned();
            d.stop(
                Outcome::NeedsAuthorization,
                mode,
                Some(NextStep::BookViaInsurer),
                ReasonCode::BookingRequired,
                message,
                &program.rule,
            );
        } else {
            let message = format!("program `{}` needs {what} for this visit", program.id);
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
            format!("document `{}` was cancelled", doc.number),
        ),
        DocumentStatus::Used => (
            ReasonCode::AuthorizationUsed,
            format!("document `{}` was already used", doc.number),
        ),
        DocumentStatus::Active => match &doc.clinic {
            Some(clinic) if *clinic != d.checked.clinic.id => (
                ReasonCode::AuthorizationRequired,
                format!(
                    "document `{}` is for clinic `{clinic}`, not `{}`",
                    doc.number, d.checked.clinic.id
                ),
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
        "request",
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
    let in_request = ledger.volume.get(code).copied().unwrap_or(0);
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
    *ledger.volume.entry(d.code().to_owned()).or_default() += covered;
    let number = doc.number.clone();
    if covered == 0 {
        let message = format!(
            "the volume of `{}` on document `{number}` is used up",
            d.code()
        );
        d.stop(
            Outcome::NeedsAuthorization,
            mode_of(program),
            Some(NextStep::RequestAdditionalApproval),
            ReasonCode::VolumeExceeded,
            message,
            "request",
        );
        return;
    }
    d.reason(
        on_document,
        format!("`{}` is on document `{number}`", d.code()),
        "request",
    );
    if covered < d.quantity {
        d.covered = covered;
        d.outcome = Outcome::PartiallyCovered;
        d.next_step = Some(NextStep::RequestAdditionalApproval);
        let message = format!("document `{number}` covers {covered} of {} units of `{}`; the rest needs additional approval", d.quantity, d.code());
        d.reason(ReasonCode::VolumeExceeded, message, "request");
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
        let on = valid_on.map_or_else(|| "no date".to_owned(), |v| v.to_string());
        let message = format!(
            "authorization `{}` is valid on {on}, not on {}",
            doc.number, d.date
        );
        d.stop(
            Outcome::NeedsAuthorization,
            Mode::Authorization,
            Some(NextStep::BookViaInsurer),
            ReasonCode::AuthorizationWrongDate,
            message,
            "request",
        );
        return;
    }
    if doc.services.iter().any(|s| s.code == d.code()) {
        spend_volume(d, doc, ledger, program, ReasonCode::AuthorizedService);
    } else if doc.during_consultation.iter().any(|c| c == d.code()) {
        let message = format!(
            "`{}` may be performed during the consultation under `{}`",
            d.code(),
            doc.number
        );
        d.reason(ReasonCode::SupplementaryOnForm, message, "request");
    } else {
        let message = format!(
            "`{}` is not on authorization `{}`: the clinic requests an authorization by e-mail",
            d.code(),
            doc.number
        );
        d.stop(
            Outcome::NeedsAuthorization,
            Mode::Authorization,
            Some(NextStep::RequestEmailAuthorization),
            ReasonCode::SupplementaryNeedsAuthorization,
            message,
            "request",
        );
    }
}

/// Guarantee letter (DOMAIN.md §2.2 "by fact"): a period and a volume.
fn guarantee_letter<'r>(d: &mut Draft<'r>, program: &'r Program, ledger: &mut Ledger) {
    let Some(doc) = document(d, program, DocumentKind::GuaranteeLetter) else {
        return;
    };
    let Some(issued) = doc.issued else {
        let message = format!("guarantee letter `{}` has no issue date", doc.number);
        d.stop(
            Outcome::NeedsAuthorization,
            Mode::GuaranteeLetter,
            Some(NextStep::BookViaInsurer),
            ReasonCode::AuthorizationRequired,
            message,
            "request",
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
        let message = format!(
            "guarantee letter `{}` is issued on {issued}, after {}",
            doc.number, d.date
        );
        d.stop(
            Outcome::NeedsAuthorization,
            Mode::GuaranteeLetter,
            Some(NextStep::BookViaInsurer),
            ReasonCode::AuthorizationWrongDate,
            message,
            "request",
        );
        return;
    }
    if d.date > through {
        let message = format!(
            "guarantee letter `{}` was valid through {through}",
            doc.number
        );
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
        .find(|r| r.window.contains(date) && r.members.get(&member.id) == Some(&program.id));
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
    let elsewhere: Vec<String> = d
        .set
        .rosters()
        .iter()
        .filter(|r| {
            r.clinic != *clinic
                && r.window.contains(date)
                && r.members.get(&member.id) == Some(&program.id)
        })
        .map(|r| r.clinic.clone())
        .collect();
    let message = format!(
        "member `{}` is not on the roster of clinic `{clinic}` for program `{}` on {date}",
        member.id, program.id
    );
    d.not_covered(ReasonCode::NotOnRoster, message, &d.checked.clinic.rule);
    d.alternatives = elsewhere;
}
