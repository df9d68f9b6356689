"""What the commands print for people: columns line up in display cells (a Chinese character takes
two), and labels are shown whole when the terminal has room."""

import re

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from corpus.synth.generate import make_report, write_text
from nlp.surfaces.cli import app

LONG_LABEL = "部分公开（区分处理的，只计这一情形，不计其他情形）"  # a row of table 3


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "r0.txt"
    write_text(make_report(0), path)
    return path


def _shown(*args, columns=200):
    """The lines a command prints in a terminal this wide."""
    result = CliRunner().invoke(app, [*args], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def _start(line, word):
    """The display column where `word` begins in `line`."""
    return cell_len(line[: line.index(word)])


def _end(line, word):
    """The display column just after `word` in `line`."""
    return _start(line, word) + cell_len(word)


def test_the_outline_lines_up_under_its_header(report_file):
    lines = _shown("sections", str(report_file))
    rows = [line for line in lines if "–" in line]  # a section: its character offsets, start–end
    assert len(rows) >= 6 and any(cell_len(r.split()[1]) > len(r.split()[1]) for r in rows)  # Chinese headings
    assert len({_end(row, row.split()[-1]) for row in rows}) == 1  # the offsets end in one column
    [header] = [line for line in lines if line.split()[:2] == ["kind", "section"]]
    assert {_end(row, row.split()[-1]) for row in rows} == {_end(header, "characters")}
    assert {_start(row, row.split()[1]) for row in rows if row.split()[0] != "preamble"} == {_start(header, "section")}


def test_table_3_lines_up_and_shows_its_labels_whole(report_file):
    lines = _shown("tables", str(report_file))
    table3 = lines[next(i for i, line in enumerate(lines) if line.startswith("表三")) + 1 :]
    header, *rows = [line for line in table3[: table3.index("")] if set(line) != {"─"}]  # without the header's rule
    assert len(rows) > 20
    for row in rows:
        assert _word_ends(row)[1:] == _word_ends(header), row  # the figures end under their column's name
    assert LONG_LABEL in [row.split()[0] for row in rows]


def _word_ends(line):
    """The display column just after each word of `line`."""
    return [cell_len(line[: m.end()]) for m in re.finditer(r"\S+", line)]


def test_a_narrow_terminal_wraps_labels_and_cuts_nothing(report_file):
    lines = _shown("tables", str(report_file), columns=60)
    tables = lines[: next(i for i, line in enumerate(lines) if line.startswith("勾稽检查"))]
    assert max(map(cell_len, tables)) <= 60 and "…" not in "".join(tables)
    assert LONG_LABEL in "".join(line.split()[0] for line in tables if line.strip())  # folded over several lines
