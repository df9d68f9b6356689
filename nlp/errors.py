"""Errors a user can act on. Each says what was wrong with which file."""


class TouMingError(Exception):
    """Base class: a file could not be turned into a report."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message

    @property
    def kind(self) -> str:
        return type(self).__name__


class FileMissing(TouMingError):
    """The path does not exist or is not a file."""


class EmptyFile(TouMingError):
    """The file has no content at all."""


class FileTooLarge(TouMingError):
    """The file exceeds the size we are willing to read into memory."""


class UnsupportedFormat(TouMingError):
    """The content is of a format we cannot read (e.g. legacy .doc, images)."""


class CorruptFile(TouMingError):
    """The file claims a format but cannot be parsed as it."""


class EncryptedFile(TouMingError):
    """The PDF needs a password."""


class NotAReport(TouMingError):
    """The file was read but is not a government information disclosure annual report."""
