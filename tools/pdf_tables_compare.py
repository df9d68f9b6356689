"""Read the tables of every test PDF both ways, our ruling-line reader and `find_tables`, and compare.

    python tools/pdf_tables_compare.py [--quick] [--json FILE]

The PDFs: the real ones beside the clone, the same with their ruling lines erased (all, or the
vertical ones: tests/test_tables_real.py), generated reports as the tests write them (every
seed the tests use; ruled, with horizontal rules only and without rules; tables split across
pages; headings split; running headers; pages turned and rotated), the shipped sample, and the
web pages typeset again with each ruling and the text reports typeset (tests/test_retypeset.py).
`--quick` leaves out the retypeset ones.

Each PDF is read with `read_pdf(tables="rules")` and `read_pdf(tables="find_tables")`; the cells
of every table row (ruled or not: a table one reader misses comes back as loose cells or text)
are compared with their text, grid place, spans, box and cross-check, and so is the page's text.
Prints one line per PDF with a table (cells each way, cells only one way, pages whose text
differs, the seconds each reader took) and the pages where `auto` (the default) used find_tables.
Exit 1 if a cell or a page's text differs.

Known differences, all from one cause: find_tables adds the outline of a cluster of drawings as
rules when a character lies inside it, but its test reads the characters' heights from the
bottom of the page, so it keeps outlines holding no text and drops outlines holding text
(pdf_rules tests the text where it stands). In the test PDFs: the real hongze_2023 with its
vertical rules erased (the outer column edges move by 0.2 pt: a text-free white background
joins the snapping); the web pages pingtan_2022 and shuyang_fgj_2023 typeset with full ruling
(a table continued on the next page has no top rule there: the outline closes it, and our
reader gives 1 and 7 gold cells find_tables misses). Cell boxes of pages turned by /Rotate
differ in the last bits (we turn the drawings, find_tables the page).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from corpus.synth.generate import make_report, write_pdf  # noqa: E402
from nlp.ingest.pdf import FIND_TABLES, RULES, read_pdf  # noqa: E402

REAL = ROOT.parent / "shared" / "corpus" / "real"
BOX_DIGITS = 3  # cell boxes of turned pages differ in the last bits (find_tables turns the page, we turn the drawings)


def test_pdfs(tmp: Path, quick: bool) -> list[Path]:
    pdfs = sorted(REAL.glob("*.pdf")) + [ROOT / "corpus" / "samples" / "synth_2024.pdf"]
    if REAL.is_dir():
        from test_tables_real import _without_rules

        for pdf in sorted(REAL.glob("*.pdf")):
            for keep_horizontal in (False, True):
                out = tmp / f"{pdf.stem}_{'horizontal' if keep_horizontal else 'norules'}.pdf"
                _without_rules(pdf, out, keep_horizontal=keep_horizontal)
                pdfs.append(out)
    variants = [(seed, {}) for seed in range(32)]
    variants += [(seed, {"plant_error": True}) for seed in range(20, 32, 2)]
    variants += [(seed, {"table_rules": rules}) for seed in (10, 11) for rules in ("horizontal", "none")]
    variants += [(seed, {"split_heading_across_pages": True}) for seed in (5, 6)]
    variants += [(7, {"running_header": True})]
    for seed, options in variants:
        plant = options.pop("plant_error", False)
        out = tmp / f"synth_{seed}{'_error' if plant else ''}{''.join(f'_{k}={v}' for k, v in options.items())}.pdf"
        write_pdf(make_report(seed, plant_error=plant), out, **options)
        pdfs.append(out)
    from test_tables_generated import _turned

    for content_turn, rotation in ((90, 90), (0, 90), (0, 270)):
        out = tmp / f"synth_10_turned{content_turn}_rotate{rotation}.pdf"
        _turned(tmp / "synth_10.pdf", out, content_turn, rotation)
        pdfs.append(out)
    if not quick and REAL.is_dir():
        from gold import GOLD, real_path
        from test_retypeset import PAGES, RULES_CSS, retypeset, typeset_text

        import nlp

        for page in PAGES:
            for rules in RULES_CSS:
                out = tmp / f"retypeset_{Path(page).stem}_{rules}.pdf"
                retypeset(REAL / page, out, rules)
                pdfs.append(out)
        for gold in sorted(GOLD.rglob("*.yaml")):
            if gold.stem.endswith((".txt", ".md")):
                out = tmp / f"typeset_{Path(gold.stem).stem}.pdf"
                typeset_text(nlp.extract(real_path(gold)).text, out)
                pdfs.append(out)
    return pdfs


def cells(pages) -> Counter:
    """Every cell of every table row: (page, row top, text, column, rowspan, colspan, box, cross-check)."""
    return Counter(
        (
            line.page,
            round(line.bbox[1], BOX_DIGITS),
            c.text.text,
            c.col,
            c.rowspan,
            c.colspan,
            tuple(round(v, BOX_DIGITS) for v in c.bbox),
            c.verified,
        )
        for line in pages.lines
        if line.cells
        for c in line.cells
    )


def page_texts(pages) -> dict[int, str]:
    texts: dict[int, list[str]] = {}
    for line in pages.lines:
        texts.setdefault(line.page, []).append(line.text.text)
    return {p: "\n".join(t) for p, t in texts.items()}


def compare(pdf: Path) -> dict:
    data = pdf.read_bytes()
    read, seconds = {}, {}
    for mode in (RULES, FIND_TABLES, "auto"):
        start = time.perf_counter()
        read[mode] = read_pdf(str(pdf), data, tables=mode)
        seconds[mode] = time.perf_counter() - start
    ours, theirs = cells(read[RULES]), cells(read[FIND_TABLES])
    a, b = page_texts(read[RULES]), page_texts(read[FIND_TABLES])
    return {
        "pdf": pdf.name,
        "pages": read[RULES].page_count,
        "cells_rules": sum(ours.values()),
        "cells_find_tables": sum(theirs.values()),
        "only_rules": [list(k) for k in ours - theirs],
        "only_find_tables": [list(k) for k in theirs - ours],
        "text_differs": sorted(p for p in a.keys() | b.keys() if a.get(p) != b.get(p)),
        "seconds_rules": round(seconds[RULES], 3),
        "seconds_find_tables": round(seconds[FIND_TABLES], 3),
        "auto_find_tables_pages": sorted(p for p, r in read["auto"].table_readers.items() if r == FIND_TABLES),
        "readers": dict(Counter(read["auto"].table_readers.values())),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="leave out the retypeset web pages and text reports")
    parser.add_argument("--json", help="write every comparison here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = [compare(pdf) for pdf in test_pdfs(Path(tmp), args.quick)]
    print(
        f"{'pdf':58} {'pages':>5} {'cells rules':>11} {'find_tables':>11} {'only r':>6} {'only f':>6} {'s rules':>8} {'s f_t':>8}"
    )
    for r in results:
        if r["cells_rules"] or r["cells_find_tables"] or r["only_rules"] or r["text_differs"]:
            print(
                f"{r['pdf'][:58]:58} {r['pages']:5} {r['cells_rules']:11} {r['cells_find_tables']:11} "
                f"{len(r['only_rules']):6} {len(r['only_find_tables']):6} {r['seconds_rules']:8.3f} {r['seconds_find_tables']:8.3f}"
                + (f"  text differs on pages {r['text_differs']}" if r["text_differs"] else "")
            )
    readers = sum((Counter(r["readers"]) for r in results), Counter())
    fallback = [(r["pdf"], r["auto_find_tables_pages"]) for r in results if r["auto_find_tables_pages"]]
    differ = [r for r in results if r["only_rules"] or r["only_find_tables"] or r["text_differs"]]
    print(
        f"\n{len(results)} PDFs, {sum(r['pages'] for r in results)} pages; cells: {sum(r['cells_rules'] for r in results)} "
        f"by the rules, {sum(r['cells_find_tables'] for r in results)} by find_tables; {len(differ)} PDFs differ"
    )
    print(
        f"seconds reading all: rules {sum(r['seconds_rules'] for r in results):.2f}, find_tables {sum(r['seconds_find_tables'] for r in results):.2f}"
    )
    print(f"pages by reader (auto): {dict(readers)}; find_tables asked on: {fallback or 'none'}")
    for r in differ:
        print(
            f"\n{r['pdf']}:\n  only rules: {r['only_rules'][:5]}\n  only find_tables: {r['only_find_tables'][:5]}\n  text differs: {r['text_differs']}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
