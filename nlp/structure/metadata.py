"""Report metadata: title, agency (发布机关), year covered, statistical period."""

from __future__ import annotations

import hashlib
import re
from functools import cache

from nlp import data
from nlp.ingest.document import Document
from nlp.schema import ReportMeta, Section
from nlp.structure.agency import canonical_agency

YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
SPACES_RE = re.compile(r"\s+")
FRONT_MATTER_CHARS = 2000  # without a preamble section, the title stands within these first characters
PERIOD_SEARCH_CHARS = 3000  # the 统计期限 sentence stands in the preamble or just after it


@cache
def _spec() -> dict:
    spec = data.load("metadata")
    spec["period_re"] = re.compile(spec["period"])
    return spec


def find_metadata(doc: Document, sections: list[Section]) -> ReportMeta:
    front_end = sections[1].start if len(sections) > 1 and sections[0].kind == "preamble" else min(len(doc.text), FRONT_MATTER_CHARS)
    title = _title_from_text(doc, front_end) or _title_from_hint(doc.hints.get("title", ""))
    period = find_period(doc.text[: max(front_end, PERIOD_SEARCH_CHARS)])
    year = _year(title, period)
    agency = agency_of(title)
    known = canonical_agency(agency)
    meta = ReportMeta(title=title, agency=agency, year=year, period=period)
    if known:
        meta.agency_canonical, meta.division_code, meta.level = known.canonical, known.division_code, known.level
    meta.report_id = report_id(meta)
    return meta


def report_id(meta: ReportMeta) -> str | None:
    """'320813-2024-1f3a9c2e': the division (000000 unknown), the year, and a digest of the canonical
    agency, year and the kind of report the title names; None without an agency or a year."""
    if not (meta.agency_canonical and meta.year):
        return None
    kind = title_kind(meta.title or "", meta.agency or "")
    digest = hashlib.sha1(f"{meta.agency_canonical}|{meta.year}|{kind}".encode()).hexdigest()[:8]
    return f"{meta.division_code or '000000'}-{meta.year}-{digest}"


def title_kind(title: str, agency: str) -> str:
    """What a title says besides its agency and year and the words every report title has:
    '' for 政府信息公开工作年度报告 and its variants, '（补充）' for a supplement."""
    kind = YEAR_RE.sub("", title.replace(agency, "", 1))
    for word in _spec()["title_common_words"]:
        kind = kind.replace(word, "")
    return SPACES_RE.sub("", kind)


def _title_from_text(doc: Document, front_end: int) -> str | None:
    """A short paragraph near the top naming the report, joined with a preceding agency line."""
    spec = _spec()
    front = [p for p in doc.paragraphs[:8] if p.start < max(front_end, 1) and not p.is_table_row]
    texts = [SPACES_RE.sub("", doc.text[p.start : p.end]) for p in front]
    for i, text in enumerate(texts):
        if len(text) > spec["max_title_chars"] or "。" in text or not any(m in text for m in spec["title_markers"]):
            continue
        while i > 0 and _joins_title(texts[i - 1], text):
            text, i = texts[i - 1] + text, i - 1
        return text
    for text in texts[:3]:
        m = re.match(spec["run_in_title"], text)
        if m:
            return m.group("title")
    return None


def _joins_title(before: str, title: str) -> bool:
    """Is `before` the first line of a title split over two lines?"""
    spec = _spec()
    if len(before) > 30 or "。" in before:
        return False
    if not YEAR_RE.search(title):  # "2024年上海市科委政府信息公开工作" + "年度报告"
        return bool(YEAR_RE.search(before))
    starts_with_year = bool(re.match(r"^\s*(19|20)\d{2}\s*年", title))
    return starts_with_year and any(before.endswith(s) for s in spec["agency_suffixes"]) and not YEAR_RE.search(before)


def _title_from_hint(hint: str) -> str | None:
    """A crawler's or web page's title, without the site name after '_'."""
    for sep in _spec()["page_title_separators"]:
        hint = hint.split(sep)[0]
    hint = SPACES_RE.sub("", hint)
    return hint or None


def agency_of(title: str | None) -> str | None:
    """'淮安市人民政府2024年政府信息公开工作年度报告' → '淮安市人民政府'; also 'YYYY年<agency>政府信息公开…'."""
    if not title:
        return None
    subject = _spec()["title_subject"]
    m = re.match(r"^(?P<agency>.+?)(?:19|20)\d{2}年度?", title)
    if m:
        return m.group("agency")
    m = re.match(rf"^(?:19|20)\d{{2}}年度?(?P<agency>.+?){subject}", title)
    return m.group("agency") if m and m.group("agency") else None


def find_period(text: str) -> str | None:
    m = _spec()["period_re"].search(SPACES_RE.sub("", text))
    if not m:
        return None
    y1 = int(m.group("y1"))
    y2 = int(m.group("y2") or y1)
    return (
        f"{y1:04d}-{int(m.group('m1')):02d}-{int(m.group('d1')):02d}/{y2:04d}-{int(m.group('m2')):02d}-{int(m.group('d2')):02d}"
    )


def _year(title: str | None, period: str | None) -> int | None:
    m = YEAR_RE.search(title or "")
    if m:
        return int(m.group(1))
    return int(period[:4]) if period else None
