"""Who writes the report: a synthetic agency, its number profile and the words it uses."""
from __future__ import annotations

import random
from dataclasses import dataclass

from . import data


@dataclass
class Agency:
    name: str
    kind: str                # a key of phrases.yaml agency_kinds
    profile: str             # a key of phrases.yaml profiles
    context: dict[str, str]  # words templates may use: we, place, site, office, …


def make_agency(rng: random.Random, name: str | None = None) -> Agency:
    """A random agency; with `name`, that agency (its kind guessed from the name)."""
    kind = _pick_kind(rng)
    words = _pick_place_words(rng)
    if name is not None:
        kind, words = _parse_name(name, words)
    spec = data.phrases()["agency_kinds"][kind]
    agency_name = name or spec["name"].format(**words)
    context = {key: text.format(**words) for key, text in spec["context"].items()}
    context.update(_contact_words(rng, context["place"], spec["pinyin"].format(**words)))
    context["agency"] = agency_name
    return Agency(name=agency_name, kind=kind, profile=spec["profile"], context=context)


def _pick_kind(rng: random.Random) -> str:
    kinds = data.phrases()["agency_kinds"]
    names = list(kinds)
    return rng.choices(names, weights=[kinds[k]["weight"] for k in names])[0]


def _pick_place_words(rng: random.Random) -> dict[str, str]:
    """Place names and department words for every name pattern (only some get used)."""
    places = data.phrases()["places"]
    city = rng.choice(places["city"])
    county = rng.choice(places["county"])
    district = rng.choice(places["district"])
    dept = rng.choice(data.phrases()["departments"])
    return {
        "city": city["name"], "county": county["name"], "district": district["name"],
        "dept": dept["name"], "dept_we": dept["we"], "dept_mailbox": dept["mailbox"],
        "city_pinyin": city["pinyin"], "county_pinyin": county["pinyin"],
        "district_pinyin": district["pinyin"],
    }


def _parse_name(name: str, words: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The agency kind of a caller-given name and the place words read from it."""
    words = dict(words)
    if name.endswith("人民政府"):
        place = name[: -len("人民政府")]
        level = place[-1:]
        kind = {"市": "city_gov", "县": "county_gov", "区": "district_gov"}.get(level, "city_gov")
        key = {"city_gov": "city", "county_gov": "county", "district_gov": "district"}[kind]
        words[key] = place[:-1].split("市")[-1] or place[:-1]
        return kind, _with_known_pinyin(words, key)
    dept = _matching_department(name)
    prefix = name[: -len(dept["name"])] if dept else name
    county_level = "县" in prefix and "市" not in prefix[-1:]
    words["dept"] = dept["name"] if dept else name
    words["dept_we"] = dept["we"] if dept else _self_reference(name)
    words["dept_mailbox"] = dept["mailbox"] if dept else "领导信箱"
    key = "county" if county_level else "city"
    words[key] = prefix.rstrip("市县") or prefix
    return ("county_department" if county_level else "city_department"), _with_known_pinyin(words, key)


def _with_known_pinyin(words: dict[str, str], key: str) -> dict[str, str]:
    """The e-mail spelling of a place named by the caller, when phrases.yaml knows it."""
    for place in data.phrases()["places"][key]:
        if place["name"] == words[key]:
            words[f"{key}_pinyin"] = place["pinyin"]
    return words


def _matching_department(name: str) -> dict | None:
    matches = [d for d in data.phrases()["departments"] if name.endswith(d["name"])]
    return max(matches, key=lambda d: len(d["name"]), default=None)


def _self_reference(name: str) -> str:
    for rule in data.phrases()["self_reference_by_suffix"]:
        if name.endswith(rule["suffix"]):
            return rule["we"]
    return "本机关"


def _contact_words(rng: random.Random, place: str, pinyin: str) -> dict[str, str]:
    """Address, postcode, telephone, fax and e-mail of the office that answers questions."""
    contact = data.phrases()["contact"]
    area = f"0{rng.randint(310, 999)}"
    return {
        "address": f"{place}{rng.choice(contact['streets'])}{rng.randint(1, 199)}号",
        "postcode": f"{rng.randint(100, 850)}{rng.randint(0, 999):03d}",
        "phone": f"{area}-{rng.randint(2000000, 8999999)}",
        "fax": f"{area}-{rng.randint(2000000, 8999999)}",
        "email": f"{pinyin}zwgk@{rng.choice(contact['email_hosts'])}",
    }
