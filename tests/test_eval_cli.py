"""`touming eval`: a typed target, scored against the gold of the checkout from any working directory."""

import json
import os
import subprocess
import sys

from typer.testing import CliRunner

from nlp.settings import model_dir
from nlp.surfaces import cli
from nlp.surfaces.cli import app

USAGE_ERROR = 2  # the exit code of a refused command line


def test_an_unknown_target_is_refused():
    result = CliRunner().invoke(app, ["eval", "nonsense"])
    assert result.exit_code == USAGE_ERROR
    assert "nonsense" in result.output


def test_eval_runs_from_outside_the_checkout(tmp_path):
    """The evaluation and its gold are found from the installed package, not from the working directory."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run = subprocess.run([sys.executable, "-m", "nlp", "eval", "ner"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    recorded = json.loads((model_dir("ner") / "heldout_scores.json").read_text("utf-8"))["ALL"]
    rows = {words[0]: words[1:] for words in map(str.split, run.stdout.splitlines()) if words}  # label → P, R, F1
    assert rows["ALL"] == [f"{recorded[score]:.3f}" for score in ("p", "r", "f")]


def test_eval_without_a_source_checkout_says_so(tmp_path, monkeypatch):
    """An nlp installed from a wheel has no corpus/ beside it: one line and exit 2, no traceback."""
    monkeypatch.setattr(cli, "SOURCE_ROOT", tmp_path)
    result = CliRunner().invoke(app, ["eval", "ner"])
    assert result.exit_code == USAGE_ERROR
    [line] = result.output.splitlines()
    assert line.startswith("error: evaluation needs a source checkout of touming")
