"""Findings: what a check says about the content, in Spanish, with file and line.

Every checker appends `Finding`s to one `Findings` collection passed to it, so a
run reports all problems at once (as mdn's linter does) instead of stopping at the
first. No module keeps findings in global state.

Severity:
- "error": publishing would be unsafe or the build cannot go on; exit code 1.
- "aviso" (warning): the site can be built, but an editor should look
  (e.g. a missing translation, served in Spanish with a notice).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "aviso"


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    severity: str
    code: str
    message: str

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity} [{self.code}] {self.message}"


@dataclass
class Findings:
    """All findings of one run, reported together."""

    root: Path
    items: list[Finding] = field(default_factory=list)

    def relative(self, path: Path | str) -> str:
        path = Path(path)
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def error(self, path, line: int | None, code: str, message: str) -> None:
        self.items.append(Finding(self.relative(path), line or 0, ERROR, code, message))

    def warning(self, path, line: int | None, code: str, message: str) -> None:
        self.items.append(Finding(self.relative(path), line or 0, WARNING, code, message))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.items if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.items if f.severity == WARNING]

    def sorted(self) -> list[Finding]:
        return sorted(set(self.items))

    def summary(self) -> str:
        e, w = len(set(self.errors)), len(set(self.warnings))
        return (
            f"{e} error{'es' if e != 1 else ''}, "
            f"{w} aviso{'s' if w != 1 else ''}"
        )
