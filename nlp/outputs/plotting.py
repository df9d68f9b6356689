"""Matplotlib that renders Chinese: the CJK font PyMuPDF ships (Droid Sans Fallback), registered
once, so charts need no system font and show no missing-glyph boxes."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path


@cache
def use_cjk_font() -> str:
    """Register the font with matplotlib and make it the default; returns its family name."""
    import matplotlib
    import pymupdf
    from matplotlib import font_manager

    path = Path(tempfile.gettempdir()) / "touming-cjk.ttf"
    if not path.exists():
        path.write_bytes(pymupdf.Font("cjk").buffer)
    font_manager.fontManager.addfont(str(path))
    family = font_manager.FontProperties(fname=str(path)).get_name()
    matplotlib.rcParams["font.family"] = [family, "sans-serif"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return family
