"""The one exception readers raise for a file that cannot be read, with the Chinese message for the officer."""

from __future__ import annotations


class UnreadableError(Exception):
    """The file cannot be read at all; `message` says why and what to do, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnsupportedFormatError(UnreadableError):
    """A format this installation declares it cannot read (old Office or OpenDocument without LibreOffice);
    the only refusal tests may skip on. A reader that fails to import is a broken build, not this."""
