"""Problems found in the course's source files, reported as ``path:line: message``.

Every check collects all of its problems instead of stopping at the first, so an
author sees everything that is wrong in one build.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Problems:
    """A growing list of problems, shared by every check of one build."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, message: str) -> None:
        self.items.append(Problem(path, max(line, 1), message))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(sorted(set(self.items), key=lambda p: (p.path, p.line, p.message)))

    def report(self, about: str = "the course files") -> str:
        lines = [str(p) for p in self]
        n = len(lines)
        head = f"Leda found {n} problem{'s' if n != 1 else ''} in {about}:"
        return "\n".join([head, *lines])


class CourseError(Exception):
    """Raised with every problem at once; the hooks turn it into a PluginError."""

    about = "the course files"

    def __init__(self, problems: Problems):
        self.problems = problems
        super().__init__(problems.report(self.about))
