"""Hostile PDFs the bad-input tests write, each in a second rather than built one drawing call at a time."""

from pathlib import Path

import pymupdf


def spans_pdf(path: Path, count: int = 20_000) -> None:
    """One 2000×2000 pt page of `count` one-digit text spans, each in its own text object, on a grid."""
    doc = pymupdf.open()
    page = doc.new_page(width=2000, height=2000)
    page.insert_text((5, 10), "0", fontsize=6)  # gives the page its font resource, /helv
    objects = (
        f"BT\n1 0 0 1 {5 + (i % 200) * 9.5:g} {1990 - (i // 200) * 19} Tm\n/helv 6 Tf [<{0x30 + i % 10:x}>]TJ\nET\n"
        for i in range(count)
    )
    doc.update_stream(page.get_contents()[0], ("q\n" + "".join(objects) + "Q\n").encode())
    doc.save(path)


def flate_bomb_pdf(path: Path, inflated: int = 300 * 2**20) -> None:
    """A one-page PDF of a few hundred KB whose content stream inflates to `inflated` bytes of blanks."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "x")
    doc.update_stream(page.get_contents()[0], b" " * inflated, compress=True)
    doc.save(path)
