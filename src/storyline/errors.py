"""One error hierarchy. Every message says what went wrong and what to do about it."""

from __future__ import annotations


class StorylineError(Exception):
    """Root of every error storyline raises on purpose."""


class SettingsError(StorylineError):
    """A setting has an invalid value or an unknown name."""


class SourceError(StorylineError):
    """An input could not be read, fetched or extracted."""

    def __init__(self, reason: str, detail: str = "", source: str = "", line: int | None = None):
        self.reason = reason
        self.detail = detail
        self.source = source
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}" + (f" ({detail})" if detail else ""))


class UsageError(StorylineError):
    """A command-line argument or API argument has a value that cannot be used (CLI exit 2)."""


class StoreError(StorylineError):
    """The database could not be opened or written."""


class DatabaseBusy(StoreError):
    """Another process held the database's write lock for longer than ``busy_timeout``."""


class NotFound(StorylineError):
    """A requested record does not exist."""


class MissingDependency(StorylineError):
    """An optional dependency is not installed; the message carries the install hint."""


class DataError(StorylineError):
    """An evaluation data set is missing or not in the expected layout."""
