"""Type stubs of the native module (Rust, pyo3)."""

from __future__ import annotations

import datetime
import decimal
import os
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Union, final

from ._errors import MedcoverError
from .types import LimitUnit, Mode, MoneyAs, NextStep, OnError, Outcome, RequestInput, Requirement, RuleFiles

__version__: str
REASON_CODES: List[str]
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
    def evaluate(self, request: RequestInput, *, trace: bool = False) -> Decision:
        """Decides one request. Raises ``RequestError`` for bad input."""
    def evaluate_many(
        self,
        requests: Iterable[RequestInput],
        *,
        trace: bool = False,
        threads: Optional[int] = None,
        drop_nulls: bool = False,
    ) -> List[Union[Decision, MedcoverError]]:
        """Decides many requests in parallel without the GIL; one item per
        request, in order: a ``Decision`` or the exception object (a
        ``RequestError`` with ``index`` set). ``drop_nulls`` treats ``None``
        values in mappings as absent fields (rows of struct columns)."""
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
    def message(self) -> str: ...
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
    "line_columns",
    "_selftest_panic",
    "__version__",
    "REASON_CODES",
]
