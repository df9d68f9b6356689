"""Where the command's messages go: one line each on stderr, tracebacks in a log file.

`touming --debug …` shows everything, tracebacks included, on stderr instead.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

LOG_ENV = "TOUMING_LOG"  # the log file, in place of the default below
DEFAULT_LOG = Path("~/.local/state/touming/touming.log")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class OneLine(logging.Formatter):
    """`warning: message` and nothing more: the traceback is in the log file."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"


def log_file() -> Path:
    return Path(os.environ.get(LOG_ENV) or DEFAULT_LOG).expanduser()


def configure(debug: bool) -> None:
    """Send warnings to stderr as one line each and everything, tracebacks too, to the log file."""
    root = logging.getLogger()
    root.handlers.clear()
    stderr = logging.StreamHandler()
    stderr.setFormatter(logging.Formatter(FORMAT) if debug else OneLine())
    stderr.setLevel(logging.DEBUG if debug else logging.WARNING)
    root.addHandler(stderr)
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    if debug:
        return
    try:
        path = log_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return  # an unwritable log place must not stop the command; stderr still has the one line
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
