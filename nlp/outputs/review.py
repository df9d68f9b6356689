"""A review page: the report's clean text with every extracted figure, table cell and statement
highlighted and linked to what it fills, to verify a report by eye."""

from __future__ import annotations

import html

from nlp.prose.fields import labels_zh
from nlp.schema import Report

STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; margin: 0; display: flex; }
main { flex: 3; padding: 1.5em 2em; line-height: 1.9; max-width: 60em; }
aside { flex: 1; padding: 1em; background: #f6f6f6; height: 100vh; overflow: auto; position: sticky; top: 0; font-size: 90%; }
mark.figure { background: #ffe08a; border-bottom: 2px solid #e0a800; }
mark.figure.field { background: #9fe2a6; border-bottom-color: #2c9c3d; }
mark.cell { background: #cfe3ff; }
mark.cell.flagged { background: #ffb3b3; }
span.problem { background: #fff0f0; border-left: 3px solid #d33; }
span.measure { background: #f0f7ff; border-left: 3px solid #36c; }
p.table-row { font-family: monospace; white-space: pre; font-size: 85%; margin: 0; }
h2.section { font-size: 100%; color: #555; border-top: 1px solid #ccc; padding-top: .5em; }
table { border-collapse: collapse; } td { border-bottom: 1px solid #ddd; padding: 2px 4px; }
"""


def review_html(report: Report) -> str:
    spans = _spans(report)
    paragraphs = []
    section_starts = {s.start: s for s in report.sections}
    for p in report.paragraphs:
        if p.start in section_starts:
            s = section_starts[p.start]
            paragraphs.append(
                f"<h2 class='section' id='section-{s.start}'>{html.escape(s.kind)} {html.escape(s.number or '')}</h2>"
            )
        css = " class='table-row'" if p.table_row else ""
        paragraphs.append(f"<p{css} data-page='{p.page or ''}'>{_render(report.text, p.start, p.end, spans)}</p>")
    title = html.escape(report.report.title or report.source.path)
    return (
        f"<!doctype html>\n<html lang='zh'><head><meta charset='utf-8'><title>{title} — review</title><style>{STYLE}</style></head>\n"
        f"<body><main><h1>{title}</h1>\n" + "\n".join(paragraphs) + "</main>\n" + _sidebar(report) + "</body></html>\n"
    )


def _spans(report: Report) -> list[tuple[int, int, str, str]]:
    """(start, end, opening tag, closing tag); statements enclose the figures inside them."""
    out = []
    for i, st in enumerate(report.statements):
        labels = ", ".join(st.labels)
        out.append((st.start, st.end, f"<span class='{st.kind}' id='s-{i}' title='{st.kind}: {html.escape(labels)}'>", "</span>"))
    for i, m in enumerate(report.mentions):
        css = "figure field" if m.field else "figure"
        tip = (
            f"{m.value:g} {m.unit} {m.qualifier} → {labels_zh().get(m.field, m.field) if m.field else '无字段'}"
            if isinstance(m.value, float)
            else f"{m.value} {m.unit} {m.qualifier} → {labels_zh().get(m.field, m.field) if m.field else '无字段'}"
        )
        out.append((m.start, m.end, f"<mark class='{css}' id='m-{i}' title='{html.escape(tip)}'>", "</mark>"))
    for key, cell in report.tables.items():
        if cell.end > cell.start:
            css = "cell flagged" if cell.flag else "cell"
            out.append(
                (cell.start, cell.end, f"<mark class='{css}' id='c-{html.escape(key)}' title='{html.escape(key)}'>", "</mark>")
            )
    return sorted(out, key=lambda s: (s[0], -s[1]))


def _render(text: str, start: int, end: int, spans: list[tuple[int, int, str, str]]) -> str:
    """text[start:end] with the tags of the spans that lie in it (clipped to the paragraph)."""
    events: list[tuple[int, int, str]] = []  # (position, order, tag): closes before opens at one position
    for a, b, open_tag, close_tag in spans:
        if a < end and b > start:
            events.append((max(a, start), 1, open_tag))
            events.append((min(b, end), 0, close_tag))
    events.sort(key=lambda e: (e[0], e[1]))
    out, pos = [], start
    for at, _, tag in events:
        out.append(html.escape(text[pos:at]))
        out.append(tag)
        pos = at
    out.append(html.escape(text[pos:end]))
    return "".join(out).replace("\t", "    ")


def _sidebar(report: Report) -> str:
    rows = "".join(
        f"<tr><td><a href='#m-{f.mention}' title='{html.escape(k)}'>{html.escape(labels_zh().get(k, k))}</a></td><td>{html.escape(str(f.value))} {html.escape(f.unit)}</td></tr>"
        for k, f in report.fields.items()
    )
    failed = "".join(f"<li>{html.escape(c.rule)}: {html.escape(c.message)}</li>" for c in report.checks if c.status == "fail")
    return (
        "<aside><h3>字段 fields</h3><table>" + rows + "</table>"
        f"<h3>检查 failed checks</h3><ul>{failed or '<li>none</li>'}</ul>"
        "<h3>图例</h3><p><mark class='figure field'>figure with a field</mark> <mark class='figure'>figure</mark> "
        "<mark class='cell'>table cell</mark> <mark class='cell flagged'>flagged cell</mark> "
        "<span class='problem'>problem</span> <span class='measure'>measure</span></p></aside>\n"
    )
