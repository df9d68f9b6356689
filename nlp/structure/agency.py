"""The agency behind a report, made comparable: canonical name, division code and level.

'洪泽区人民政府' and '淮安市洪泽区人民政府' are one agency: 江苏省淮安市洪泽区人民政府, division
320813, level county. Places and their codes come from cpca (the national division table, read with
jieba); which words make a department, a township or a zone is in nlp/data/agencies.yaml. A place
cpca proposes is taken only when its name stands in the printed one: a typo gives no code, not the
code of another county.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import cache

from nlp import data

PLACE_LEVELS = ("省", "市", "区")  # cpca's columns, from the widest
DIVISION_LEVEL = {"省": "province", "市": "city", "区": "county"}


@dataclass(frozen=True)
class Agency:
    canonical: str
    division_code: str | None
    level: str | None


@cache
def _spec() -> dict:
    spec = data.load("agencies")
    spec["township_re"] = re.compile(spec["township"])
    spec["government_re"] = re.compile(spec["government"])
    return spec


@cache
def _cpca():
    """cpca, imported once and only when an agency is read (it loads its division table)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it imports pkg_resources, which warns of its own deprecation
        import cpca
    return cpca


def canonical_agency(printed: str | None) -> Agency | None:
    """The agency a printed name stands for; None when there is no name."""
    if not printed:
        return None
    name = re.sub(r"\s+|[(（][^)）]*[)）]", "", printed)  # a parenthesis is an aside: (市人民政府办公厅)
    zone = _known_zone(name)
    if zone:
        return zone
    division = _division(name)
    if division is None:
        return Agency(name, None, _placeless_level(name))
    places, rest, code = division
    return Agency("".join(places.values()) + (rest or "人民政府"), code, _level(places, rest))


def _known_zone(name: str) -> Agency | None:
    for zone, info in _spec()["zones"].items():
        if name.startswith(zone):
            rest = name[len(zone) :]
            return Agency(info["within"] + zone + rest, info["division_code"], "other")
    return None


def _division(name: str) -> tuple[dict[str, str], str, str | None] | None:
    """The division names cpca finds for the name (province, city, county; widest first), the rest
    of the name and the division code; None when the most specific place is not printed in full
    (cpca also matches short forms: '大理州…' → 大理市, wrongly)."""
    row = _cpca().transform([name]).iloc[0]
    placeholders = set(_spec()["placeholders"])
    places = {k: row[k] for k in PLACE_LEVELS if isinstance(row[k], str) and row[k] and row[k] not in placeholders}
    if not places or places[list(places)[-1]] not in name:
        return None
    rest = row["地址"] if isinstance(row["地址"], str) else ""
    code = str(row["adcode"]) if isinstance(row["adcode"], str) and row["adcode"] else None
    return places, rest, code


def _level(places: dict[str, str], rest: str) -> str:
    spec = _spec()
    if spec["township_re"].match(rest):
        return "township"
    if any(w in rest for w in spec["other_words"]):
        return "other"
    division = DIVISION_LEVEL[list(places)[-1]]
    return division if _is_government(rest) else f"{division}_dept"


def _is_government(rest: str) -> bool:
    return bool(_spec()["government_re"].match(rest))


def _placeless_level(name: str) -> str | None:
    """The level of a name cpca finds no place in: a township, a zone, a central body, or unknown."""
    spec = _spec()
    if spec["township_re"].match(name):
        return "township"
    if any(w in name for w in spec["other_words"]):
        return "other"
    if any(name.startswith(p) for p in spec["central_prefixes"]) or any(name.endswith(s) for s in spec["central_suffixes"]):
        return "central"
    return None
