"""A concise Chinese summary of one report: key figures with their sources, table totals,
problems and measures by label, failed checks, and a few sentences taken from the overview."""

from __future__ import annotations

import html
import re

from nlp.prose.fields import labels_zh
from nlp.schema import Report
from nlp.statements.classify import taxonomy

TABLE_TOTALS = [
    ("t3.new.total", "本年新收政府信息公开申请"),
    ("t3.carried_in.total", "上年结转申请"),
    ("t3.total.total", "本年度办理结果总计"),
    ("t3.carried_over.total", "结转下年度继续办理"),
    ("t4.review.total", "行政复议"),
    ("t4.litigation_direct.total", "行政诉讼（未经复议直接起诉）"),
    ("t4.litigation_after_review.total", "行政诉讼（复议后起诉）"),
]
SUMMARY_SENTENCES = 3
QUALIFIER_WORDS = {"more_than": "余", "at_least": "以上", "about": "约", "nearly": "近", "exact": ""}


def summary_markdown(report: Report) -> str:
    return "\n".join(_blocks(report, markdown=True)) + "\n"


def summary_html(report: Report) -> str:
    body = "\n".join(_blocks(report, markdown=False))
    title = html.escape(report.report.title or report.source.path)
    return f"<!doctype html>\n<html lang='zh'><head><meta charset='utf-8'><title>{title}</title></head><body>\n{body}\n</body></html>\n"


def _blocks(report: Report, markdown: bool) -> list[str]:
    h = (lambda level, t: f"{'#' * level} {t}") if markdown else (lambda level, t: f"<h{level}>{html.escape(t)}</h{level}>")
    item = (lambda t: f"- {t}") if markdown else (lambda t: f"<li>{html.escape(t)}</li>")
    meta = report.report
    out = [h(1, meta.title or report.source.path)]
    out.append(
        _para(
            f"发布机关：{meta.agency or '未识别'}；年度：{meta.year or '未识别'}；统计期限：{meta.period or '未载明'}；来源：{report.source.path}",
            markdown,
        )
    )
    out.append(h(2, "主要数据"))
    out += _list([item(_figure(report, field_id)) for field_id in report.fields], markdown)
    totals = [
        item(f"{label}：{report.tables[key].raw}（表格，第{report.tables[key].page or '—'}页）")
        for key, label in TABLE_TOTALS
        if key in report.tables
    ]
    if totals:
        out.append(h(2, "表格数据"))
        out += _list(totals, markdown)
    failed = [c for c in report.checks if c.status == "fail"]
    out.append(h(2, f"勾稽与一致性检查（{len(failed)} 项未通过）"))
    out += _list([item(f"{c.rule}：{c.message}") for c in failed] or [item("全部通过或不适用")], markdown)
    for kind, title in (("problem", "存在的主要问题"), ("measure", "改进措施")):
        statements = [s for s in report.statements if s.kind == kind]
        out.append(h(2, f"{title}（{len(statements)} 条）"))
        out += _list(
            [item(f"[{_label_names(s.labels)}] {s.lead or s.text[:40]}") for s in statements] or [item("未识别")], markdown
        )
    out.append(h(2, "摘要"))
    out += [_para(s, markdown) for s in summary_sentences(report)]
    return out


def _figure(report: Report, field_id: str) -> str:
    field = report.fields[field_id]
    m = report.mentions[field.mention]
    value = f"{m.value:g}" if isinstance(m.value, float) else str(m.value)
    word = QUALIFIER_WORDS.get(m.qualifier, "")
    shown = (
        f"约{value}{m.unit}"
        if m.qualifier == "about"
        else f"近{value}{m.unit}"
        if m.qualifier == "nearly"
        else f"{value}{word}{m.unit}"
    )
    page = f"第{m.page}页，" if m.page else ""
    return f"{labels_zh().get(field_id, field_id)}：{shown}（{page}原文“{_around(m.sentence, m.text)}”）"


def _around(sentence: str, figure: str, width: int = 24) -> str:
    """The words around a figure in its sentence."""
    i = max(sentence.find(figure), 0)
    start, end = max(0, i - width), min(len(sentence), i + len(figure) + width // 2)
    return ("…" if start else "") + sentence[start:end] + ("…" if end < len(sentence) else "")


def _label_names(labels: dict[str, float]) -> str:
    names = {t["id"]: t["name"] for t in taxonomy()}
    return "、".join(names.get(k, k) for k in labels) or "未分类"


def summary_sentences(report: Report) -> list[str]:
    """The overview's sentences that state the most catalog figures, in their original order."""
    overview = [s for s in report.sections if s.kind == "overview"]
    if not overview:
        return []
    text = report.text[overview[0].start : overview[0].end]
    sentences = [s for s in re.split(r"(?<=[。！？])", text) if len(s.strip()) > 10][1:]
    fielded = [m for m in report.mentions if m.field]
    score = {i: sum(1 for m in fielded if m.sentence and m.sentence in s) for i, s in enumerate(sentences)}
    best = sorted(sorted(score, key=lambda i: -score[i])[:SUMMARY_SENTENCES])
    return [sentences[i].strip() for i in best]


def _para(text: str, markdown: bool) -> str:
    return text if markdown else f"<p>{html.escape(text)}</p>"


def _list(items: list[str], markdown: bool) -> list[str]:
    return items if markdown else ["<ul>", *items, "</ul>"]
