"""The notebooks run from top to bottom, from any working directory, and show their charts (CI executes them)."""

from pathlib import Path

import pytest
from conftest import real_corpus

nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed")
nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed")

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


@real_corpus
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_from_another_directory_and_shows_its_charts(path, tmp_path):
    """Executed top to bottom with the working directory elsewhere (neither notebooks/ nor the checkout):
    it finds the corpus and makes its own database without it, writes nothing there, every cell tagged
    `chart` shows an image (the inline backend, not Agg) after a Markdown cell saying what it shows, and no
    glyph is missing from the Chinese labels."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    notebook = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(elsewhere)}}
    ).execute()
    cells = notebook.cells
    outputs = [o for cell in cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert [o for o in outputs if o.output_type == "error"] == []
    assert [o.text for o in outputs if o.output_type == "stream" and "glyph" in o.text.lower()] == []
    assert list(elsewhere.iterdir()) == []
    assert "parameters" in next(c for c in cells if c.cell_type == "code").metadata.get("tags", [])

    def tagged(cell):
        return "chart" in cell.metadata.get("tags", [])

    def image(cell):
        return any("image/png" in o.get("data", {}) for o in cell.get("outputs", []))

    charts = [i for i, cell in enumerate(cells) if tagged(cell)]
    assert charts, "no cell is tagged chart"
    assert [i for i in charts if not image(cells[i])] == [], "chart cells without an image"
    assert [i for i in charts if cells[i - 1].cell_type != "markdown"] == [], "chart cells without Markdown before them"
    assert [i for i, cell in enumerate(cells) if image(cell) and not tagged(cell)] == [], "images from untagged cells"


def test_charts_render_chinese_without_missing_glyphs():
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from nlp.outputs.plotting import use_cjk_font

    use_cjk_font()
    fig, ax = plt.subplots()
    ax.set_title("政府信息公开 12345热线办结率")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font" for boxes
        fig.canvas.draw()
    plt.close(fig)
