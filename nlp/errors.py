"""Errors a user can act on. Each says what was wrong with which file.

Most are the file's own (final: a rerun skips the file); those marked `retryable` are failures of
ours (a dead worker, a timeout, a bug), and a rerun of the batch tries the file again.
"""


class TouMingError(Exception):
    """Base class: a file could not be turned into a report."""

    retryable = False  # the file's own fault, final; True for failures of ours (a dead worker, a timeout, a bug)

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


class NotAFile(TouMingError):
    """The path is a directory, a named pipe, a device or a symbolic link loop: nothing to read (a pipe is never opened)."""


class Unreadable(TouMingError):
    """The file is there but cannot be read: permission denied, an I/O error."""


class Duplicate(TouMingError):
    """The same content as another file of the batch, which is extracted in its stead."""


class InternalError(TouMingError):
    """A bug of ours stopped the extraction (the pipeline records it under this name)."""

    retryable = True


class WorkerError(TouMingError):
    """The process extracting the file died: killed, out of memory."""

    retryable = True


class Timeout(TouMingError):
    """The extraction took longer than the batch's time limit."""

    retryable = True


KINDS = {kind.__name__: kind for kind in TouMingError.__subclasses__()}  # ErrorInfo.type → its class


def retryable(kind: str) -> bool:
    """Whether an error kind (ErrorInfo.type) is a failure of ours, so a rerun tries the file again; unknown kinds are final."""
    return KINDS.get(kind, TouMingError).retryable
