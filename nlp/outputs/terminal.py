"""Tables for the terminal, drawn by rich: columns are measured in display cells (a Chinese character
takes two), sized to their content when there is room, and wrapped, never cut, when there is not.
The room is the terminal's width, or $COLUMNS; output that is not a terminal has no limit."""

from __future__ import annotations

import os

from rich import box
from rich.console import Console
from rich.table import Column, Table

Shown = str | Table  # a line printed as it is, or a table
UNLIMITED = 100_000  # the width of output to a file or a pipe: every row on one line


def text(header: str = "") -> Column:
    """A column of words, left-aligned."""
    return Column(header, overflow="fold")


def name(header: str = "") -> Column:
    """A column of names kept whole on their line: the other columns wrap first."""
    return Column(header, no_wrap=True)


def number(header: str = "") -> Column:
    """A column of figures, right-aligned."""
    return Column(header, justify="right", overflow="fold")


def table(*columns: Column, title: str | None = None) -> Table:
    """An empty table: a title line, the column headers underlined, two spaces between columns, no borders."""
    return Table(
        *columns, title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0)
    )


def show(*items: Shown) -> None:
    """Print lines and tables to stdout. A line is never wrapped, and nothing is read as rich markup."""
    console = Console(markup=False, emoji=False, highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = UNLIMITED
    for item in items:
        console.print(item, soft_wrap=isinstance(item, str))
