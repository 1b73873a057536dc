"""Type stubs of the native module (Rust, pyo3)."""

from __future__ import annotations

import datetime
import decimal
import os
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Tuple, Union, final

from typing_extensions import disjoint_base

from ._errors import MedcoverError
from .types import (
    AgeBasis,
    Channel,
    DateInput,
    DayKind,
    IncidentInput,
    IncidentProblemCode,
    Lang,
    LimitUnit,
    MomentInput,
    Mode,
    MoneyAs,
    NextStep,
    OnError,
    Outcome,
    ProviderType,
    QueryInput,
    RequestInput,
    Requirement,
    RuleFiles,
)

__version__: str
REASON_CODES: List[str]
LINE_COLUMNS: List[str]
"""The columns of a lines table, in order."""
"""Every stable reason code (``COVERED_BY_PROGRAM`` … ``LOYALTY_DISCOUNT``)."""

@final
class RuleSet:
    """Loaded, checked rules: one or several rule sets, each request routed to
    the set that owns its clinic. Immutable and thread-safe."""

    @staticmethod
    def load(path: Union[str, os.PathLike[str]]) -> RuleSet:
        """Loads a rule-set folder (with ``ruleset.json``) or a folder of them.
        Raises ``RuleError`` listing every problem."""
    @staticmethod
    def from_json(files: Union[RuleFiles, Sequence[RuleFiles]]) -> RuleSet:
        """Builds rules from memory: one rule set's files, or a list of them.
        Raises ``RuleError`` listing every problem."""
    def with_rosters(self, rosters: Union[str, Sequence[Mapping[str, Any]]]) -> RuleSet:
        """A copy with attachment rosters added (each to the set owning its clinic)."""
    def evaluate(
        self, request: RequestInput, *, trace: bool = False, lang: Lang = "en", messages: bool = True
    ) -> Decision:
        """Decides one request; reason messages in ``lang`` (en, ro, ru, pt),
        or empty with ``messages=False`` (codes only). Raises
        ``RequestError`` for bad input, ``ValueError`` for an unknown
        language."""
    def evaluate_fhir(self, request: RequestInput, *, created: Optional[str] = None) -> dict[str, Any]:
        """Decides one request and returns it as a FHIR R5
        ``CoverageEligibilityResponse`` dict (money values as ``Decimal``).
        ``created``: a date or a date-time with offset; default the service
        date. Raises ``RequestError`` for bad input."""
    def evaluate_fhir_json(
        self, request: RequestInput, *, created: Optional[str] = None, indent: Optional[int] = None
    ) -> str:
        """Like ``evaluate_fhir``, as JSON text (money as exact JSON numbers)."""
    def evaluate_many(
        self,
        requests: Iterable[RequestInput],
        *,
        trace: bool = False,
        threads: Optional[int] = None,
        drop_nulls: bool = False,
        lang: Lang = "en",
        messages: bool = True,
    ) -> List[Union[Decision, MedcoverError]]:
        """Decides many requests in parallel without the GIL; one item per
        request, in order: a ``Decision`` or the exception object (a
        ``RequestError`` with ``index`` set). ``threads``: threads in all,
        the calling one included (default: one per core). ``drop_nulls``
        treats ``None`` values in mappings as absent fields (rows of struct
        columns). ``messages=False`` leaves the reasons' messages empty
        (codes only): a faster batch for callers that read codes and
        amounts."""
    @property
    def ids(self) -> List[str]:
        """Rule set ids."""
    @property
    def clinic_ids(self) -> List[str]:
        """Clinic ids of every rule set."""
    @property
    def program_ids(self) -> List[str]:
        """Program ids of every rule set."""
    @property
    def service_codes(self) -> List[str]:
        """Service codes of every rule set."""
    def currency(self, ruleset: str) -> str:
        """ISO 4217 currency of a rule set."""
    def limits_report(self, query: QueryInput) -> LimitsReport:
        """A member's usage limits (allowed, consumed, remaining) as of the
        query's date. ``query``: ``{date, member, history, from, to}`` as a
        dict or JSON text. Raises ``RequestError`` (with the field path)."""
    def waiting_periods_report(self, query: QueryInput) -> WaitingPeriodsReport:
        """A member's waiting periods with their end dates (the first covered
        day). Raises ``RequestError``."""
    def statement(self, query: QueryInput) -> Statement:
        """The services a member used from ``from`` (default: the policy
        year's first day) through ``to`` (default: the query date)."""
    def providers(
        self,
        state: Optional[str] = None,
        city: Optional[str] = None,
        type: Optional[str] = None,
        specialty: Optional[str] = None,
        program: Optional[str] = None,
        service: Optional[str] = None,
    ) -> List[Provider]:
        """The provider directory: every filter given must hold (text ignores
        case and accents). An unknown program, service or provider type
        raises ``RequestError``."""
    def helpdesk_channel(self, at: MomentInput) -> ChannelAnswer:
        """Which helpdesk channel answers at a local moment. A ``datetime``
        with a time zone, or a bad string, raises ``RequestError``."""
    def validate_incident(self, incident: IncidentInput) -> IncidentVerdict:
        """Checks a helpdesk incident e-mail before it is sent; the verdict
        lists every problem. ``RequestError`` only for input that is not an
        incident (malformed JSON, a mistyped field)."""
    def route(self, topic: str) -> Route:
        """Routes an inquiry topic to its representative level. An unknown
        topic raises ``RequestError`` listing the known topics."""
    def checkup_eligibility(self, birth_date: DateInput, on: DateInput) -> CheckupAnswer:
        """Preventive check-up (dispanserization) eligibility on a date."""
    def __len__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, ...]:
        """Pickles as its origin: the folder it was loaded from (read again
        where it is unpickled) or its files in memory, plus added rosters."""
    @staticmethod
    def _restore(kind: str, payload: Any, rosters: List[str]) -> RuleSet: ...

@final
class Decision:
    """The answer to one request. Equal when all fields are equal; picklable."""

    @property
    def id(self) -> Optional[str]: ...
    @property
    def member(self) -> str: ...
    @property
    def date(self) -> datetime.date: ...
    @property
    def ruleset(self) -> str: ...
    @property
    def lines(self) -> List[Line]: ...
    @property
    def totals(self) -> Totals: ...
    @property
    def requirements(self) -> List[Requirement]: ...
    def to_dict(self) -> dict[str, Any]:
        """The contract's shape with ``Decimal`` money and ``date`` dates."""
    def to_json(self, indent: Optional[int] = None) -> str:
        """The contract's JSON: money and dates as strings."""
    @staticmethod
    def from_json(text: str) -> Decision:
        """Reads back ``to_json()`` output."""
    def __reduce__(self) -> tuple[Any, ...]: ...

@final
class Line:
    """The decision for one requested service."""

    @property
    def service(self) -> str: ...
    @property
    def quantity(self) -> int: ...
    @property
    def category(self) -> str: ...
    @property
    def covered_quantity(self) -> int: ...
    @property
    def outcome(self) -> Outcome: ...
    @property
    def mode(self) -> Mode: ...
    @property
    def program(self) -> Optional[str]: ...
    @property
    def document(self) -> Optional[str]: ...
    @property
    def reasons(self) -> List[Reason]: ...
    @property
    def reason_codes(self) -> List[str]: ...
    @property
    def next_step(self) -> Optional[NextStep]: ...
    @property
    def currency(self) -> str: ...
    @property
    def price(self) -> decimal.Decimal: ...
    @property
    def insurer_pays(self) -> decimal.Decimal: ...
    @property
    def discount(self) -> decimal.Decimal: ...
    @property
    def patient_pays(self) -> decimal.Decimal: ...
    @property
    def limits(self) -> List[LimitUsage]: ...
    @property
    def waiting_period_ends(self) -> Optional[datetime.date]: ...
    @property
    def alternatives(self) -> List[str]: ...
    @property
    def trace(self) -> List[TraceStep]:
        """Filled only with ``evaluate(..., trace=True)``."""
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self, indent: Optional[int] = None) -> str: ...

@final
class Reason:
    """Why a line was decided as it was."""

    @property
    def code(self) -> str: ...
    @property
    def message(self) -> str:
        """The explanation; empty when decided with ``messages=False``."""
    @property
    def rule(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class LimitUsage:
    """How much of a usage limit is used, counting the line itself."""

    @property
    def id(self) -> str: ...
    @property
    def unit(self) -> LimitUnit: ...
    @property
    def allowed(self) -> decimal.Decimal: ...
    @property
    def used(self) -> decimal.Decimal: ...
    @property
    def remaining(self) -> decimal.Decimal: ...
    @property
    def period_start(self) -> datetime.date: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Totals:
    """Sums over a decision's lines."""

    @property
    def price(self) -> decimal.Decimal: ...
    @property
    def insurer_pays(self) -> decimal.Decimal: ...
    @property
    def discount(self) -> decimal.Decimal: ...
    @property
    def patient_pays(self) -> decimal.Decimal: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class TraceStep:
    """One pipeline step of a line's evaluation."""

    @property
    def step(self) -> str: ...
    @property
    def rule(self) -> Optional[str]: ...
    @property
    def detail(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

@disjoint_base
class ReportHeader:
    """Whose report it is and as of when: the base of the three reports."""

    @property
    def member(self) -> str: ...
    @property
    def program(self) -> str: ...
    @property
    def policy(self) -> str: ...
    @property
    def date(self) -> datetime.date: ...
    @property
    def ruleset(self) -> str: ...
    @property
    def currency(self) -> str: ...

@final
class LimitsReport(ReportHeader):
    """A member's usage limits as of a date."""

    @property
    def limits(self) -> List[LimitLine]: ...
    def to_dict(self) -> dict[str, Any]:
        """``Decimal`` money and ``date`` dates."""
    def to_json(self, indent: Optional[int] = None) -> str:
        """Money and dates as strings."""

@final
class LimitLine:
    """One usage limit of a member's program."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> Optional[str]: ...
    @property
    def unit(self) -> LimitUnit: ...
    @property
    def allowed(self) -> decimal.Decimal: ...
    @property
    def consumed(self) -> decimal.Decimal: ...
    @property
    def remaining(self) -> decimal.Decimal: ...
    @property
    def period_start(self) -> datetime.date: ...
    @property
    def rule(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class WaitingPeriodsReport(ReportHeader):
    """A member's waiting periods with their end dates."""

    @property
    def enrolled(self) -> datetime.date: ...
    @property
    def waiting_periods(self) -> List[WaitingPeriod]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self, indent: Optional[int] = None) -> str: ...

@final
class WaitingPeriod:
    """One waiting period: the service is covered from ``ends`` on."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def length(self) -> str:
        """In words: ``180 days``, ``24 months``."""
    @property
    def ends(self) -> datetime.date:
        """The first covered day."""
    @property
    def ended(self) -> bool: ...
    @property
    def rule(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Statement(ReportHeader):
    """The services a member used in a period."""

    @property
    def from_date(self) -> datetime.date:
        """First day (``from`` in ``to_dict()`` and JSON)."""
    @property
    def to_date(self) -> datetime.date:
        """Last day (``to`` in ``to_dict()`` and JSON)."""
    @property
    def lines(self) -> List[StatementLine]: ...
    @property
    def total(self) -> decimal.Decimal: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self, indent: Optional[int] = None) -> str: ...

@final
class StatementLine:
    """One used service."""

    @property
    def date(self) -> datetime.date: ...
    @property
    def service(self) -> str: ...
    @property
    def name(self) -> Optional[str]: ...
    @property
    def category(self) -> str: ...
    @property
    def quantity(self) -> int: ...
    @property
    def amount(self) -> decimal.Decimal:
        """As recorded, or the price in force times the quantity."""
    @property
    def authorization(self) -> Optional[str]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Provider:
    """A clinic, hospital or laboratory of the directory."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> Optional[str]: ...
    @property
    def type(self) -> ProviderType: ...
    @property
    def city(self) -> str: ...
    @property
    def state(self) -> Optional[str]: ...
    @property
    def specialties(self) -> List[str]: ...
    @property
    def in_network(self) -> bool: ...
    @property
    def ruleset(self) -> Optional[str]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self, indent: Optional[int] = None) -> str: ...

@final
class ChannelAnswer:
    """Which helpdesk channel answers at a moment, and why."""

    @property
    def at(self) -> datetime.datetime:
        """The moment asked about, by the minute."""
    @property
    def channel(self) -> Channel: ...
    @property
    def day_kind(self) -> DayKind: ...
    @property
    def holiday(self) -> Optional[str]:
        """The public holiday's name when the day is one (``""`` if unnamed)."""
    @property
    def window(self) -> Optional[Tuple[datetime.time, datetime.time]]:
        """The human e-mail window the moment falls in (both ends inclusive)."""
    @property
    def human_email_windows(self) -> List[Tuple[datetime.time, datetime.time]]: ...
    @property
    def next_human_email(self) -> Optional[datetime.datetime]:
        """When human e-mail starts again (for ``ivr``)."""
    @property
    def holidays_listed_for_year(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self, indent: Optional[int] = None) -> str: ...

@final
class IncidentVerdict:
    """Whether an incident e-mail may be sent, and where. Truthy when accepted.
    Messages never quote personal data."""

    @property
    def accepted(self) -> bool: ...
    @property
    def system(self) -> Optional[str]: ...
    @property
    def to(self) -> Optional[str]:
        """The system's support address."""
    @property
    def phone(self) -> Optional[str]: ...
    @property
    def problems(self) -> List[IncidentProblem]: ...
    @property
    def problem_codes(self) -> List[IncidentProblemCode]: ...
    def __bool__(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self, indent: Optional[int] = None) -> str: ...

@final
class IncidentProblem:
    """One problem of an incident e-mail."""

    @property
    def code(self) -> IncidentProblemCode: ...
    @property
    def field(self) -> str:
        """``system``, ``header.provider_type``, ``attachments[0]``…"""
    @property
    def message(self) -> str: ...
    @property
    def help(self) -> Optional[str]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Route:
    """Where an inquiry goes."""

    @property
    def topic(self) -> str: ...
    @property
    def topic_name(self) -> str: ...
    @property
    def level(self) -> int: ...
    @property
    def level_name(self) -> str: ...
    @property
    def duties(self) -> Optional[str]: ...
    @property
    def entry_level(self) -> int: ...
    @property
    def escalated(self) -> bool: ...
    @property
    def path(self) -> List[int]:
        """The levels the inquiry passes through (``[1, 3]``)."""
    @property
    def channels(self) -> List[str]:
        """Channel ids reaching the handling level."""
    @property
    def channel_names(self) -> List[Tuple[str, str]]:
        """(id, name) of each channel."""
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self, indent: Optional[int] = None) -> str: ...

@final
class CheckupAnswer:
    """Whether a person may have the preventive check-up. Truthy when eligible."""

    @property
    def checkup(self) -> str: ...
    @property
    def on(self) -> datetime.date: ...
    @property
    def age_basis(self) -> AgeBasis: ...
    @property
    def age(self) -> int: ...
    @property
    def eligible(self) -> bool: ...
    @property
    def every_years(self) -> Optional[int]: ...
    @property
    def next_eligible_age(self) -> Optional[int]: ...
    @property
    def next_eligible_from(self) -> Optional[datetime.date]: ...
    @property
    def reason(self) -> str: ...
    @property
    def source(self) -> Optional[str]: ...
    def __bool__(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self, indent: Optional[int] = None) -> str: ...

@final
class CaseReport:
    """The results of the rule authors' cases."""

    @property
    def passed(self) -> int: ...
    @property
    def failed(self) -> int: ...
    @property
    def total(self) -> int: ...
    @property
    def ok(self) -> bool:
        """No case failed."""
    @property
    def results(self) -> List[CaseResult]: ...
    @property
    def failures(self) -> List[CaseResult]:
        """The results of the cases that failed."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self, indent: Optional[int] = None) -> str: ...

@final
class CaseResult:
    """The result of one case."""

    @property
    def ruleset(self) -> str: ...
    @property
    def file(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def passed(self) -> bool: ...
    @property
    def failures(self) -> List[str]: ...
    def to_dict(self) -> dict[str, Any]: ...

def run_cases(path: Union[str, os.PathLike[str]]) -> CaseReport:
    """Runs the rule authors' cases (``cases/*.json`` beside each rule set)
    under ``path``: a rule-set folder or a folder of them. Raises
    ``RuleError`` when a rule set or case file does not load."""

def line_columns(
    results: Iterable[Union[Decision, BaseException]],
    *,
    errors: OnError = "row",
    money: MoneyAs = "decimal",
    money_scale: Optional[int] = None,
) -> dict[str, List[Any]]:
    """``evaluate_many`` results as line columns (see ``medcover.frames``)."""

def _selftest_panic() -> None:
    """For the tests: raises the MedcoverError a caught engine panic becomes."""

__all__ = [
    "RuleSet",
    "Decision",
    "Line",
    "Reason",
    "LimitUsage",
    "Totals",
    "TraceStep",
    "LimitsReport",
    "LimitLine",
    "WaitingPeriodsReport",
    "WaitingPeriod",
    "Statement",
    "StatementLine",
    "Provider",
    "ChannelAnswer",
    "IncidentVerdict",
    "IncidentProblem",
    "Route",
    "CheckupAnswer",
    "CaseReport",
    "CaseResult",
    "run_cases",
    "line_columns",
    "_selftest_panic",
    "__version__",
    "ReportHeader",
    "REASON_CODES",
    "LINE_COLUMNS",
]
