"""Errors that reach the user as one line: `path:line: message`."""
from __future__ import annotations

from pathlib import Path


class DigestError(Exception):
    """An error the CLI prints as one line and turns into exit status 1."""


class SourceError(DigestError):
    """An error located in an input file, printed as `path:line: message`."""

    def __init__(self, path: str | Path, line: int | None, message: str):
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
