"""The built wheel carries the trained models: installed outside the checkout, the NER and the
statement classifier run, and the report's `pipeline` key says which versions ran."""

import json
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from nlp.pipeline import pipeline_info

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "samples" / "synth_2024.pdf"
CHECK = """
import json, sys, nlp
report = nlp.extract(sys.argv[1])
print(json.dumps({"module": nlp.__file__, "pipeline": report.pipeline.model_dump(),
                  "statements": len(report.statements), "mentions": len(report.mentions)}))
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A venv outside the checkout with the wheel installed; the dependencies come from this one."""
    tmp = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp / "dist")],
        capture_output=True, text=True,
    )  # fmt: skip
    if build.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{build.stderr[-2000:]}")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = Path(subprocess.check_output([venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True).strip())
    # Lines of a .pth file are added to sys.path without running the .pth files found there, so
    # this checkout's editable install stays out while its dependencies come in.
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    [wheel] = (tmp / "dist").glob("touming-*.whl")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)], check=True)
    return venv


def test_the_wheel_contains_the_models(installed):
    site = next(installed.glob("lib/python*/site-packages"))
    assert (site / "nlp" / "models" / "ner" / "meta.json").is_file()
    assert (site / "nlp" / "models" / "textcat" / "meta.json").is_file()
    assert (site / "nlp" / "models" / "fields" / "model.json").is_file()


def test_an_installed_package_runs_its_models_and_says_so(installed, tmp_path):
    run = subprocess.run(
        [installed / "bin" / "python", "-c", CHECK, str(SAMPLE)], capture_output=True, text=True, cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    out = json.loads(run.stdout)
    assert out["module"].startswith(str(installed)), "imported the checkout, not the wheel"
    models = out["pipeline"]["models"]
    assert not any(m["missing"] for m in models.values()) and set(models) == {"ner", "fields", "textcat"}
    here = pipeline_info()
    assert models["ner"]["version"] == here.models["ner"].version  # the same weights as the checkout's
    assert models["textcat"]["version"] == here.models["textcat"].version
    assert models["fields"]["version"] == here.models["fields"].version
    assert out["pipeline"]["rules"] == here.rules
    assert out["mentions"] > 0 and out["statements"] > 0
    assert "no trained" not in run.stderr


def test_an_installed_package_says_eval_needs_a_checkout(installed, tmp_path):
    """No corpus/ beside a wheel: `touming eval` says so on one line and exits 2, no traceback."""
    run = subprocess.run(
        [installed / "bin" / "python", "-m", "nlp", "eval", "ner"], capture_output=True, text=True, cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )  # fmt: skip
    assert run.returncode == 2
    [line] = run.stderr.splitlines()
    assert line.startswith("error: evaluation needs a source checkout of touming")
