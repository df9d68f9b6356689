"""Numbers in prose: Arabic, Chinese and mixed numerals with qualifier and unit → `Quantity`.

    >>> [q.describe() for q in find_quantities("通过网站主动公开政府信息3000余条，新媒体发布1万余条，办结率99.73%")]
    ['3000 条 more_than count', '10000 条 more_than count', '99.73 % exact percent']

Years, dates, phone numbers, document numbers (〔2021〕30号), ordinals (第二十条) and changes
(同比增长12%) are not figures: they either have no counting unit or are excluded explicitly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nlp import data

CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
SLOGAN_CHARS = 12  # a quoted phrase this short with a count in Chinese numerals in it is a name
CN = "零〇○一二两三四五六七八九十百千"


@dataclass(frozen=True)
class Quantity:
    value: float | int
    unit: str
    qualifier: str  # exact | more_than | at_least | about | nearly
    type: str  # count | percent | money
    start: int  # span in the text searched, qualifier words included
    end: int
    text: str

    def describe(self) -> str:
        return f"{self.value} {self.unit} {self.qualifier} {self.type}"


@cache
def _grammar() -> dict:
    spec = data.load("numbers")
    q = spec["qualifiers"]
    alt = lambda words: "|".join(sorted(map(re.escape, words), key=len, reverse=True))  # noqa: E731
    number = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN}]+(?:[万亿][{CN}]+)*(?:点[{CN[:11]}]+)?)"
    mult = alt(spec["multipliers"])
    units = alt(spec["count_units"] + spec["money_units"])
    gap = r"[ \u00a0]?"  # PDF text puts layout spaces inside figures ("3000 余条")
    count = re.compile(
        rf"(?P<before>{alt(q['before'])})?{gap}(?P<num>{number})(?P<mult>{mult})?{gap}(?P<between>{alt(q['between'])})?"
        rf"(?P<mult2>{mult})?{gap}(?P<unit>{units})(?P<after>{alt(q['after'])})?"
    )
    measure = re.compile(
        rf"(?P<measure>{alt(spec['measures'])})(?P<link>{alt(spec['measure_links'])})?{gap}(?P<before>{alt(q['before'])})?"
        rf"(?P<num>\d+(?:\.\d+)?|[{CN}]+){gap}(?P<between>{alt(q['between'])})?(?P<mult>[万亿])(?P<after>余|多)?(?![\d{CN}]|{units})"
    )
    percent = re.compile(
        rf"(?P<before>{alt(q['before'])})?(?:(?P<num>\d+(?:\.\d+)?)\s*[%％]|百分之(?P<cnum>[{CN}点]+|百)|(?P<cheng>[一二两三四五六七八九十])成(?!员|本|果|立|都|为|效|功|熟|交|就|绩|品|型))"
        rf"(?P<after>{alt(q['after'])})?"
    )
    return {
        "count": count,
        "measure": measure,
        "measure_units": spec["measures"],
        "percent": percent,
        "qualifiers": q,
        "multipliers": spec["multipliers"],
        "money_units": set(spec["money_units"]),
        "ordinal": tuple(spec["not_figures"]["ordinal_before"]),
        "change": tuple(spec["not_figures"]["change_before"]),
        "change_count": re.compile(spec["not_figures"]["change_count_before"]),
        "time_after": tuple(spec["not_figures"]["unit_followed_by"]),
        "attributive": set(spec["not_figures"]["attributive_units"]),
        "zeros": [(re.compile(z["pattern"]), z["unit"]) for z in spec.get("zero_phrases", [])],
        "furniture": re.compile(spec["not_figures"]["page_furniture"]),
    }


def chinese_to_number(text: str) -> float | int | None:
    """两千 → 2000, 二十 → 20, 九十九点七三 → 99.73, 一万二千 → 12000; None if not a numeral."""
    if not text:
        return None
    whole, _, frac = text.partition("点")
    value = _chinese_integer(whole)
    if value is None:
        return None
    if frac:
        digits = "".join(str(CHINESE_DIGITS.get(c, "")) for c in frac)
        return float(f"{value}.{digits}") if len(digits) == len(frac) else None
    return value


def _chinese_integer(text: str) -> int | None:
    if text and all(c in CHINESE_DIGITS for c in text) and len(text) > 1:
        return int("".join(str(CHINESE_DIGITS[c]) for c in text))  # 二〇二一 style
    total, section, digit = 0, 0, None
    for c in text:
        if c in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[c]
        elif c in CHINESE_UNITS:
            section += (1 if digit is None else digit) * CHINESE_UNITS[c]
            digit = None
        elif c == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def parse_number(text: str) -> float | int | None:
    text = text.replace(",", "")
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d+\.\d+", text):
        return float(text)
    return chinese_to_number(text)


def find_quantities(text: str) -> list[Quantity]:
    """Every count, percentage and money amount in `text`, left to right, not overlapping."""
    g = _grammar()
    found: list[Quantity] = []
    for m in g["percent"].finditer(text):
        q = _percent(m, text, g)
        if q:
            found.append(q)
    for pattern, unit in g["zeros"]:
        found += [
            Quantity(0, unit, "implicit", "money" if unit in g["money_units"] else "count", m.start(), m.end(), m.group())
            for m in pattern.finditer(text)
        ]
    taken = [(q.start, q.end) for q in found] + [m.span() for m in g["furniture"].finditer(text)]
    for m in g["count"].finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        q = _count(m, text, g)
        if q:
            found.append(q)
    taken += [(q.start, q.end) for q in found]
    found += [q for m in g["measure"].finditer(text) if not any(a < m.end() and m.start("num") < b for a, b in taken) and (q := _measure(m, g))]
    return sorted(found, key=lambda q: q.start)


def _measure(m: re.Match, g: dict) -> Quantity | None:
    """A number printed after a measure without a unit of its own: 总关注量137.6万 is 1376000 人."""
    value = parse_number(m.group("num"))
    if value is None:
        return None
    value = _multiplied(value, m.group("mult"), g)
    start = m.start("before") if m.group("before") else m.start("num")
    return Quantity(value, g["measure_units"][m.group("measure")], _qualifier(m, g), "count", start, m.end(), m.string[start : m.end()])


def _qualifier(m: re.Match, g: dict) -> str:
    q = g["qualifiers"]
    for group, table in (("before", q["before"]), ("between", q.get("between", {})), ("after", q["after"])):
        word = m.groupdict().get(group)
        if word and table.get(word) not in (None, "exact"):
            return table[word]
    return "exact"


def _count(m: re.Match, text: str, g: dict) -> Quantity | None:
    num = m.group("num")
    if text[max(0, m.start("num") - 1) : m.start("num")] in g["ordinal"] and not m.group("before"):
        return None
    if _glued_to_digits(text, m.start("num"), m.end("unit")) or text.startswith(g["time_after"], m.end("unit")):
        return None
    if not m.group("before") and g["change_count"].search(text, max(0, m.start("num") - 16), m.start("num")):
        return None
    if m.group("unit") in g["attributive"] and not num[0].isdigit() and not m.group("before") and _runs_into_noun(text, m.end()):
        return None
    if not num[0].isdigit() and _in_slogan(text, m.start(), m.end()):
        return None
    value = parse_number(num)
    if value is None or (num.isdigit() and len(num) == 4 and m.group("unit") in ("年",)):
        return None
    unit = m.group("unit")
    mult = m.group("mult") or m.group("mult2")  # "1.2万件", "60余万次"
    if mult and mult + unit in g["money_units"]:
        unit = mult + unit  # money keeps the unit the report used: 96171.6万元
    elif mult:
        value = _multiplied(value, mult, g)
    kind = "money" if unit in g["money_units"] else "count"
    start = m.start() if m.group("before") else m.start("num")
    return Quantity(value, unit, _qualifier(m, g), kind, start, m.end(), text[start : m.end()])


def _multiplied(value: float | int, mult: str, g: dict) -> float | int:
    """1.2 and 万 → 12000: whole numbers stay ints."""
    value = value * g["multipliers"][mult]
    return int(value) if float(value).is_integer() else round(value, 6)


def _in_slogan(text: str, start: int, end: int) -> bool:
    """Inside a short quoted name or slogan (“最多跑一次”, “一单两库一细则”): not a count."""
    left = text.rfind("“", max(0, start - SLOGAN_CHARS), start)
    right = text.find("”", end, end + SLOGAN_CHARS)
    return left >= 0 and right >= 0 and "”" not in text[left:start] and right - left <= SLOGAN_CHARS


def _runs_into_noun(text: str, end: int) -> bool:
    nxt = text[end : end + 1]
    return bool(nxt) and "\u4e00" <= nxt <= "\u9fff" and nxt not in "的余多以左"


def _glued_to_digits(text: str, start: int, end: int) -> bool:
    """Part of a longer token: a phone number, a code, a decimal cut in the middle, a time (10:21)."""
    before = text[max(0, start - 1) : start]
    return bool(before) and (before.isdigit() or before in "-—.－/" or (before == ":" and text[start - 2 : start - 1].isdigit()))


def _percent(m: re.Match, text: str, g: dict) -> Quantity | None:
    lead = re.sub(r"[达为了\s]+$", "", text[max(0, m.start() - 8) : m.start()])  # "增幅达14.32%"
    if lead.endswith(g["change"]):
        return None
    if m.group("num"):
        value = parse_number(m.group("num"))
    elif m.group("cnum"):
        value = 100 if m.group("cnum") == "百" else chinese_to_number(m.group("cnum"))
    else:
        value = CHINESE_DIGITS.get(m.group("cheng"), 10 if m.group("cheng") == "十" else None)  # 三成 = 30%
        value = value * 10 if value is not None else None
    if value is None:
        return None
    return Quantity(value, "%", _qualifier(m, g), "percent", m.start(), m.end(), m.group())
