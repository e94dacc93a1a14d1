"""Errors raised below the user-facing layers.

    KehoachError                 base of every error we raise on purpose
    ├── InputError               a file or argument the user gave cannot be used
    │   ├── SourceNotFoundError  path does not exist
    │   ├── EmptySourceError     file is empty or whitespace only
    │   ├── BinarySourceError    file is binary, not text
    │   ├── EncodingError        file is not UTF-8 (or the given encoding)
    │   ├── SourceTooLargeError  file is over the size limit
    │   ├── UnknownDocumentError no document with that id is ingested
    │   ├── DocumentIdTakenError two files would get the same document id
    │   └── PlanTooDeepError     clauses nest deeper than any plan does
    ├── WorkCancelledError       an ingestion was cancelled on request (before it committed)
    ├── IndexLockedError         another process holds the embedded index
    │   └── HomeInUseError       another long-running process serves the embedded home
    ├── ModelBuildError          the default embedding model could not be built
    └── ConfigurationError       settings are inconsistent

Every message says what went wrong and what to do about it.
"""

from __future__ import annotations


class KehoachError(Exception):
    """Base of every error kehoach raises on purpose."""


class InputError(KehoachError):
    """A file or argument given by the user cannot be used."""


class SourceNotFoundError(InputError):
    """The path does not exist."""


class EmptySourceError(InputError):
    """The file has no text."""


class BinarySourceError(InputError):
    """The file is binary, not text."""


class EncodingError(InputError):
    """The file is not valid text in the expected encoding."""


class SourceTooLargeError(InputError):
    """The file is over the size limit."""


class UnknownDocumentError(InputError):
    """No ingested document has that id."""


class DocumentIdTakenError(InputError):
    """Two different files map to the same document id; neither may replace the other."""


class PlanTooDeepError(InputError):
    """The text's numbering nests clauses deeper than any real plan (1.1.1.1.1…)."""


class WorkCancelledError(KehoachError):
    """An ingestion was cancelled on request; nothing of it was committed."""


class IndexLockedError(KehoachError):
    """Another process holds the embedded index."""


class HomeInUseError(IndexLockedError):
    """Another `kehoach serve` (or bot) holds the home whose index is embedded."""


class ModelBuildError(KehoachError):
    """The default embedding model could not be built."""


class ConfigurationError(KehoachError):
    """Settings are inconsistent or incomplete."""
