"""Type aliases of the medcover API (the contract's codes as ``Literal``s)."""

from __future__ import annotations

import datetime
from typing import Any, Literal, Mapping, Union

__all__ = [
    "Lang",
    "Outcome",
    "Mode",
    "NextStep",
    "Requirement",
    "LimitUnit",
    "RequestInput",
    "QueryInput",
    "IncidentInput",
    "DateInput",
    "MomentInput",
    "Channel",
    "DayKind",
    "IncidentProblemCode",
    "ProviderType",
    "AgeBasis",
    "RuleFiles",
    "OnError",
    "MoneyAs",
]

Lang = Literal["en", "ro", "ru", "pt"]
"""Languages of the reason messages."""

Outcome = Literal["covered", "partially_covered", "not_covered", "needs_authorization", "refer_elsewhere"]
"""What happens to a requested service."""
Mode = Literal["authorization", "guarantee_letter", "attachment", "policy", "self_pay"]
"""The access mode a line was decided under."""
NextStep = Literal[
    "book_via_insurer",
    "request_email_authorization",
    "request_additional_approval",
    "reauthorize_at_other_clinic",
    "self_pay",
]
"""What must happen next for a line."""
Requirement = Literal["identity_document", "birth_certificate_copy", "parent_identity_document", "member_signature"]
"""What the clinic must ask for at reception."""
LimitUnit = Literal["count", "amount"]
"""What a usage limit counts."""
RequestInput = Union[str, bytes, Mapping[str, Any]]
"""A request: JSON text, or a mapping shaped like the JSON contract whose
values are str, int, bool, None, decimal.Decimal, datetime.date, mappings and
lists (never float)."""
RuleFiles = Mapping[str, Union[str, Mapping[str, Any]]]
"""One rule set in memory: file name → JSON text, or → a dict of sections."""
OnError = Literal["row", "skip", "raise"]
"""What a lines table does with a failed request: a row with the error, skip it, or raise it."""
MoneyAs = Literal["decimal", "string"]
"""How a lines table holds money: exact decimals, or decimal strings."""
QueryInput = Union[str, bytes, Mapping[str, Any]]
"""A member query for the reports: JSON text, or a mapping
``{"date", "member", "history", "from", "to"}`` (values as in a request)."""
IncidentInput = Union[str, bytes, Mapping[str, Any]]
"""A helpdesk incident e-mail: JSON text, or a mapping ``{"system", "subject",
"header", "body", "contact_phone", "attachments"}``."""
DateInput = Union[datetime.date, str]
"""A date: ``datetime.date`` (not a ``datetime``) or ``"2026-05-10"``."""
MomentInput = Union[datetime.datetime, str]
"""A local wall-clock moment: a naive ``datetime`` or ``"2026-03-10T18:01"``."""
Channel = Literal["human_email", "ivr"]
"""Which helpdesk channel answers."""
DayKind = Literal["workday", "weekend", "public_holiday"]
"""The kind of a calendar day for the helpdesk schedule."""
IncidentProblemCode = Literal["MISSING_FIELD", "INVALID_FIELD_VALUE", "ATTACHMENT_TYPE_NOT_ALLOWED", "PERSONAL_DATA"]
"""What is wrong with an incident e-mail."""
ProviderType = Literal["clinic", "hospital", "laboratory"]
"""The kind of a provider."""
AgeBasis = Literal["age_reached_in_year", "age_on_date"]
"""How the age for the preventive check-up is taken."""
