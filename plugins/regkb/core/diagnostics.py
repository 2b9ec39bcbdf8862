"""Diagnostics: every problem in the sources, with file, line and the fix, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable, Iterator


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in a source file.

    `path` is relative to the project root so that it can be clicked in an editor or shown inline
    in a merge request; `line` is 1-based.
    """

    path: str
    line: int
    message: str
    fix: str = ""
    severity: Severity = Severity.ERROR
    code: str = "invalid"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        text = f"{self.path}:{self.line}: {self.severity.value}: {self.message}"
        if self.fix:
            text += f" Fix: {self.fix}"
        return text

    def __str__(self) -> str:
        return self.format()


@dataclass
class Diagnostics:
    """An ordered collection of diagnostics, filled by the loader and the validators."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, path: str, line: int, message: str, fix: str = "", code: str = "invalid") -> None:
        self.items.append(Diagnostic(path, max(1, line), message, fix, Severity.ERROR, code))

    def warning(self, path: str, line: int, message: str, fix: str = "", code: str = "invalid") -> None:
        self.items.append(Diagnostic(path, max(1, line), message, fix, Severity.WARNING, code))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if not d.is_error]

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items))

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)
