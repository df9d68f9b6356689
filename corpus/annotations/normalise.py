"""Normalise the text of a QUANTITY / PERCENT / MONEY span (docs/domain.md rules).

    normalise("1万余条")            -> ("count", 10000, "条", "more_than")
    normalise("近两千条")           -> ("count", 2000, "条", "nearly")
    normalise("百分之九十九点七三")  -> ("percent", 99.73, "%", "exact")
    normalise("三成")               -> ("percent", 30, "%", "exact")
    normalise("96171.6万元")        -> ("money", 96171.6, "万元", "exact")

Counts apply 万/亿 and keep the counted unit; percentages are numbers of percent; money keeps
the unit the text used. Spaces inside a span (PDF text: "3000 余条") are ignored.
Used by make_synthetic.py (to cross-check the generator) and verify.py.
"""
from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_CHARS = "零〇一二两三四五六七八九十百千万亿点"
PREFIX_QUALIFIERS = {"将近": "nearly", "近": "nearly", "约": "about", "超过": "more_than", "逾": "more_than", "超": "more_than"}
AFTER_NUMBER = {"余": "more_than", "多": "more_than"}
AFTER_UNIT = {"以上": "at_least", "左右": "about"}

_PREFIX = "|".join(sorted(PREFIX_QUALIFIERS, key=len, reverse=True))
_NUMBER = rf"(?:\d+(?:\.\d+)?(?:[万亿])?|[{CN_CHARS}]+)"
_RE = re.compile(rf"^(?P<pre>{_PREFIX})?(?P<num>{_NUMBER})(?P<after>[余多])?(?P<mult>[万亿](?=.))?(?P<unit>.*?)(?P<post>以上|左右)?$")


def cn_to_number(text: str) -> int | float:
    """Chinese numerals, including 两, 〇 and a decimal part after 点: 九十九点七三 -> 99.73."""
    if "点" in text:
        whole, frac = text.split("点", 1)
        value = (cn_to_number(whole) if whole else 0) + float("0." + "".join(str(DIGITS[c]) for c in frac))
        return round(value, 6)
    if text and all(c in DIGITS for c in text) and len(text) > 1:   # 二〇二一 style digit strings
        return int("".join(str(DIGITS[c]) for c in text))
    total, section, digit = 0, 0, 0
    for c in text:
        if c in DIGITS:
            digit = DIGITS[c]
        elif c in "十百千":
            section += (digit or 1) * {"十": 10, "百": 100, "千": 1000}[c]
            digit = 0
        elif c == "万":
            total += (section + digit) * 10_000
            section, digit = 0, 0
        elif c == "亿":
            total = (total + section + digit) * 100_000_000
            section, digit = 0, 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + section + digit


def _number(text: str, apply_multiplier: bool) -> int | float:
    if re.fullmatch(r"\d+(?:\.\d+)?[万亿]?", text):
        mult = {"万": 10_000, "亿": 100_000_000}.get(text[-1], 1)
        digits = text[:-1] if mult != 1 else text
        value = float(digits) if "." in digits else int(digits)
        if apply_multiplier and mult != 1:
            value = value * mult
        return _tidy(value)
    return _tidy(cn_to_number(text))


def _tidy(value: int | float) -> int | float:
    if isinstance(value, float):
        value = round(value, 6)
        if value.is_integer():
            return int(value)
    return value


def normalise(span: str) -> tuple[str, int | float, str, str]:
    """(type, value, unit, qualifier) of a figure span; raises ValueError when it is not one."""
    s = span.replace(" ", "")
    # percentages
    m = re.fullmatch(rf"(?P<pre>{_PREFIX})?(?P<num>\d+(?:\.\d+)?)[%％](?P<post>以上|左右)?", s)
    if m:
        return "percent", _number(m["num"], False), "%", _qualifier(m["pre"], None, m["post"])
    m = re.fullmatch(rf"(?P<pre>{_PREFIX})?百分之(?P<num>[{CN_CHARS}]+)(?P<post>以上|左右)?", s)
    if m:
        return "percent", _tidy(cn_to_number(m["num"])), "%", _qualifier(m["pre"], None, m["post"])
    m = re.fullmatch(rf"(?P<pre>{_PREFIX})?(?P<num>[一二三四五六七八九十])成(?P<post>以上|左右)?", s)
    if m:
        return "percent", cn_to_number(m["num"]) * 10, "%", _qualifier(m["pre"], None, m["post"])
    m = re.fullmatch(rf"(?P<pre>{_PREFIX})?(?P<num>\d+(?:\.\d+)?|[{CN_CHARS[:-3]}点]+)(?P<after>[余多])?"
                     rf"(?P<unit>亿元|万元|元)(?P<post>以上|左右)?", s)
    if m:
        return "money", _number(m["num"], False), m["unit"], _qualifier(m["pre"], m["after"], m["post"])
    m = _RE.match(s)
    if not m or not m["unit"]:
        raise ValueError(f"not a figure: {span!r}")
    unit = m["unit"]
    if any(c in CN_CHARS + "0123456789%％" for c in unit):
        raise ValueError(f"odd unit in {span!r}: {unit!r}")
    value = _number(m["num"], True)
    if m["mult"]:      # 60余万次: the qualifier sits between the number and its multiplier
        if not m["after"]:
            raise ValueError(f"odd number in {span!r}")
        value = _tidy(value * {"万": 10_000, "亿": 100_000_000}[m["mult"]])
    return "count", value, unit, _qualifier(m["pre"], m["after"], m["post"])


def _qualifier(pre: str | None, after: str | None, post: str | None) -> str:
    found = [q for q in (PREFIX_QUALIFIERS.get(pre or ""), AFTER_NUMBER.get(after or ""), AFTER_UNIT.get(post or "")) if q]
    if len(found) > 1:
        raise ValueError(f"two qualifiers: {found}")
    return found[0] if found else "exact"


if __name__ == "__main__":
    for example in ["1万余条", "近两千条", "二十余次", "百分之九十九点七三", "百分之百", "三成", "超八成", "八成以上",
                    "96171.6万元", "15954.526468万元", "1.2万件", "3000 余条", "120人次", "5.63万通", "0元",
                    "约3000条", "60余万次", "1000余万元", "6900件以上", "300条左右", "逾百件", "两万五千册", "十二期", "3.56亿元"]:
        print(example, normalise(example))
