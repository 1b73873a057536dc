//! The names a message is built from: each catalog key ([`Key`]) and each
//! named value of a template ([`Slot`]), declared once with the text the
//! catalogs write them with.

/// Declares `$name`, an enum of named things with the names the catalogs
/// write them with: `ALL`, `name()` and `from_name()`.
macro_rules! named {
    ($(#[$doc:meta])* $name:ident, $($variant:ident = $text:literal,)*) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $(#[doc = concat!("`", $text, "`")] $variant,)*
        }

        impl $name {
            /// Every one, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The name the catalogs write it with.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The one the catalogs write as `name`, if there is one.
            pub fn from_name(name: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|k| k.name() == name)
            }
        }
    };
}

named! {
    /// A message of the catalogs: a reason code, or a reason code and a
    /// variant after a dot (`WAITING_PERIOD.days`). Typed, so that a
    /// misspelt key does not compile (the catalog test checks that every
    /// language has every key and no other), and so that rendering finds a
    /// template by its number rather than by hashing text.
    Key,
    CoveredByProgram = "COVERED_BY_PROGRAM",
    NotInProgram = "NOT_IN_PROGRAM",
    NoPolicy = "NO_POLICY",
    PolicyNotInForce = "POLICY_NOT_IN_FORCE",
    OutOfNetwork = "OUT_OF_NETWORK",
    NotOnRoster = "NOT_ON_ROSTER",
    SettingNotCovered = "SETTING_NOT_COVERED",
    CaseReasonNotCovered = "CASE_REASON_NOT_COVERED",
    CaseReasonNotCoveredNone = "CASE_REASON_NOT_COVERED.none",
    AgeRestriction = "AGE_RESTRICTION",
    SexRestriction = "SEX_RESTRICTION",
    WaitingPeriodDays = "WAITING_PERIOD.days",
    WaitingPeriodMonths = "WAITING_PERIOD.months",
    LimitExhausted = "LIMIT_EXHAUSTED",
    LimitExhaustedAmount = "LIMIT_EXHAUSTED.amount",
    LimitPartial = "LIMIT_PARTIAL",
    LimitPartialAmount = "LIMIT_PARTIAL.amount",
    AuthorizationRequired = "AUTHORIZATION_REQUIRED",
    AuthorizationRequiredLetter = "AUTHORIZATION_REQUIRED.letter",
    AuthorizationRequiredOtherClinic = "AUTHORIZATION_REQUIRED.other_clinic",
    AuthorizationRequiredNoIssueDate = "AUTHORIZATION_REQUIRED.no_issue_date",
    AuthorizationWrongDate = "AUTHORIZATION_WRONG_DATE",
    AuthorizationWrongDateNoDate = "AUTHORIZATION_WRONG_DATE.no_date",
    AuthorizationWrongDateBeforeIssue = "AUTHORIZATION_WRONG_DATE.before_issue",
    AuthorizationExpired = "AUTHORIZATION_EXPIRED",
    AuthorizationCancelled = "AUTHORIZATION_CANCELLED",
    AuthorizationUsed = "AUTHORIZATION_USED",
    AuthorizedService = "AUTHORIZED_SERVICE",
    SupplementaryOnForm = "SUPPLEMENTARY_ON_FORM",
    SupplementaryNeedsAuthorization = "SUPPLEMENTARY_NEEDS_AUTHORIZATION",
    ServiceUnavailableAtClinic = "SERVICE_UNAVAILABLE_AT_CLINIC",
    ServiceUnavailableAtClinicNowhere = "SERVICE_UNAVAILABLE_AT_CLINIC.nowhere",
    VolumeExceeded = "VOLUME_EXCEEDED",
    VolumeExceededPartial = "VOLUME_EXCEEDED.partial",
    BookingRequired = "BOOKING_REQUIRED",
    BookingRequiredLetter = "BOOKING_REQUIRED.letter",
    LoyaltyDiscountInsured = "LOYALTY_DISCOUNT.insured",
    LoyaltyDiscountCorporate = "LOYALTY_DISCOUNT.corporate",
}

named! {
    /// A named value of a message: [`Slot::Service`] fills `{service}` in
    /// a template. Typed, so that a misspelt name does not compile (the
    /// catalog test checks every `{name}` of the catalogs is a slot), and
    /// so that rendering finds a value by its number rather than by text.
    Slot,
    Age = "age",
    Allowed = "allowed",
    Alternatives = "alternatives",
    Amount = "amount",
    Base = "base",
    Category = "category",
    Client = "client",
    Clinic = "clinic",
    Covered = "covered",
    Currency = "currency",
    Date = "date",
    Discount = "discount",
    End = "end",
    Ends = "ends",
    Enrolled = "enrolled",
    Issued = "issued",
    Left = "left",
    Limit = "limit",
    Member = "member",
    N = "n",
    Name = "name",
    Number = "number",
    Other = "other",
    Percent = "percent",
    Program = "program",
    Quantity = "quantity",
    Reason = "reason",
    Service = "service",
    Setting = "setting",
    Since = "since",
    Start = "start",
    Through = "through",
    Used = "used",
    ValidOn = "valid_on",
    Wanted = "wanted",
}
