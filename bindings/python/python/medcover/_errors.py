"""The exceptions of medcover.

``MedcoverError`` is the base of every error the package raises. ``RuleError``
(rule files that fail to load) carries every problem found, each located by
file, line, column and JSON pointer; ``RequestError`` (bad input) names the
field path and the kind of problem. Messages never quote a national id.

The classes are plain Python so that they pickle (Spark, multiprocessing).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

__all__ = ["MedcoverError", "RuleError", "RuleProblem", "RequestError"]


class MedcoverError(Exception):
    """Base class of every medcover error (also raised alone for an internal
    engine error, which is a bug)."""

    index: Optional[int] = None
    """Position of the request in the batch, for ``evaluate_many`` results."""


@dataclass(frozen=True)
class RuleProblem:
    """One problem in a rule file."""

    kind: str
    """``io``, ``syntax``, ``type``, ``unknown_reference``, ``duplicate``,
    ``invalid_value`` or ``overlapping_validity``."""
    file: str
    """The file (or folder) as given when loading."""
    line: Optional[int]
    """1-based line of the offending value, when known."""
    column: Optional[int]
    """1-based column of the offending value, when known."""
    path: str
    """JSON pointer of the offending value (``/programs/2/limits/0/count``)."""
    message: str
    """What is wrong, with the value in backticks."""
    help: Optional[str] = None
    """How to fix it, when known (``did you mean `OPH-OCT`?``)."""

    def __str__(self) -> str:
        out = self.file
        if self.line is not None and self.column is not None:
            out += f":{self.line}:{self.column}"
        if self.path:
            out += f" at `{self.path}`"
        out += f": {self.message}"
        if self.help:
            out += f" (help: {self.help})"
        return out


class RuleError(MedcoverError):
    """Rule files that do not load. ``problems`` lists every problem found."""

    problems: Tuple[RuleProblem, ...]

    def __init__(self, text: str, problems: Sequence[RuleProblem] = ()) -> None:
        problems = tuple(problems)
        super().__init__(text, problems)
        self.text = text
        self.problems = problems

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"RuleError({len(self.problems)} problem(s): {self.text!r})"


class RequestError(MedcoverError):
    """A request that cannot be evaluated: malformed JSON, a missing,
    mistyped or unknown field, an unknown service, clinic or program, an
    impossible date, a float where money is expected, an invalid national id
    (never quoted)."""

    kind: str
    """``malformed``, ``invalid_field``, ``unknown_reference``,
    ``invalid_national_id`` or ``too_large``."""
    path: str
    """Field path (``member.policy.start``, ``services[1].code``); empty for
    the request as a whole."""
    message: str
    """What is wrong, without the path."""
    help: Optional[str]
    """How to fix it, when known."""
    position: Optional[Tuple[int, int]]
    """1-based (line, column) in the JSON text, for syntax errors."""

    def __init__(
        self,
        text: str,
        *,
        kind: str = "invalid_field",
        path: str = "",
        message: Optional[str] = None,
        help: Optional[str] = None,
        position: Optional[Tuple[int, int]] = None,
        index: Optional[int] = None,
    ) -> None:
        super().__init__(text)
        self.text = text
        self.kind = kind
        self.path = path
        self.message = text if message is None else message
        self.help = help
        self.position = tuple(position) if position is not None else None  # type: ignore[assignment]
        self.index = index

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        extra = f", index={self.index}" if self.index is not None else ""
        return f"RequestError(kind={self.kind!r}, path={self.path!r}, message={self.message!r}{extra})"
