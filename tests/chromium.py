"""Rendering our HTML pages in headless Chromium: the DOM after scripts ran, a screenshot, and the
characters drawn as missing-glyph boxes."""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
TIMEOUT = 120

# Draws each character of the page in its font on a canvas and compares the pixels with those of
# code points no font has (a box, the font's .notdef): the characters drawn alike are missing.
MISSING_GLYPHS_SCRIPT = """
<script>
(function () {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 48;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  ctx.font = "32px " + getComputedStyle(document.body).fontFamily;
  function drawn(c) {
    ctx.clearRect(0, 0, 48, 48);
    ctx.fillText(c, 4, 38);
    let hash = 0;
    for (const v of ctx.getImageData(0, 0, 48, 48).data) hash = (hash * 31 + v) | 0;
    return hash;
  }
  const boxes = new Set(["\\u0378", "\\u0379", "\\u{10FFFD}"].map(drawn));
  const chars = [...new Set(document.body.innerText)].filter((c) => c.trim());
  document.body.dataset.missing = chars.filter((c) => boxes.has(drawn(c))).join("");
  document.body.dataset.checked = String(chars.length);
})();
</script>
"""


def flags(tmp_path: Path) -> list[str]:
    return [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
    ]  # fmt: skip


def dump_dom(page: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """The page's DOM once loaded and its scripts run."""
    return subprocess.run(
        [CHROMIUM, *flags(tmp_path), "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=TIMEOUT
    )


def screenshot(page: Path, tmp_path: Path, size: str = "1400,1000") -> Path:
    """A PNG of the page's first screen."""
    shot = tmp_path / f"{page.stem}.png"
    subprocess.run(
        [CHROMIUM, *flags(tmp_path), f"--screenshot={shot}", f"--window-size={size}", page.as_uri()],
        capture_output=True,
        timeout=TIMEOUT,
    )
    return shot


def missing_glyphs(page_html: str, tmp_path: Path) -> tuple[str, int]:
    """The characters of a page Chromium draws as missing-glyph boxes, and how many it checked."""
    page = tmp_path / "glyphs.html"
    page.write_text(page_html.replace("</body>", MISSING_GLYPHS_SCRIPT + "</body>"), "utf-8")
    dom = dump_dom(page, tmp_path)
    assert dom.returncode == 0, dom.stderr
    body = dom.stdout[dom.stdout.index("<body") : dom.stdout.index(">", dom.stdout.index("<body"))]
    missing = _attribute(body, "data-missing")
    return missing, int(_attribute(body, "data-checked"))


def _attribute(tag: str, name: str) -> str:
    start = tag.index(f'{name}="') + len(name) + 2
    return html.unescape(tag[start : tag.index('"', start)])
