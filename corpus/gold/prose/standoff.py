"""Blind annotation passes → stand-off gold: file id, character offsets, value, unit, qualifier, field.

    python corpus/gold/prose/standoff.py compare PASS1 PASS2 OUT [real]     # agreement, and the disagreements to adjudicate
    python corpus/gold/prose/standoff.py build PASS1 PASS2 ADJUDICATED [real]  # writes pages.jsonl (real: real.jsonl)

The texts are the pages of ../shared/corpus/pages, or with `real` the old-format text reports of
../shared/corpus/real annotated the same way (real.jsonl, an evaluation set).

An annotation file (one per page, written by an annotator who saw only the text and GUIDE.md) is a
JSON list of {quote, before, value, unit, qualifier, type, field}; `before` finds the quote in the
text. Nothing of the text is kept here: only where the figure stands and what it is.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2].parent / "shared" / "corpus"
LABEL_KEYS = ("value", "unit", "qualifier", "type", "field")


def page_text(file_id: str, texts: str = "pages") -> str:
    return (SHARED / texts / f"{file_id}.txt").read_text("utf-8")


def locate(items: list[dict], text: str) -> list[dict]:
    """Stand-off rows: each quote found after its `before`, searching on from the previous figure."""
    rows, pos = [], 0
    for it in items:
        probe = it["before"] + it["quote"]
        at = text.find(probe, max(pos - len(probe), 0))
        if at < 0:
            at = text.find(probe)
        if at < 0:
            raise ValueError(f"not found: {probe!r}")
        start = at + len(it["before"])
        rows.append({"start": start, "end": start + len(it["quote"])} | {k: it[k] for k in LABEL_KEYS})
        pos = start
    return rows


def load_pass(folder: Path, texts: str = "pages") -> dict[str, list[dict]]:
    return {p.stem: locate(json.loads(p.read_text("utf-8")), page_text(p.stem, texts)) for p in sorted(folder.glob("*.json"))}


def same_value(a: dict, b: dict) -> bool:
    return abs(float(a["value"]) - float(b["value"])) < 1e-6 and a["unit"] == b["unit"] and a["qualifier"] == b["qualifier"]


def pair(a: list[dict], b: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Figures of two passes matched by overlapping span (and, for implicit zeros, by field)."""
    matched, used = [], set()
    for x in a:
        j = next(
            (j for j, y in enumerate(b) if j not in used and x["start"] < y["end"] and y["start"] < x["end"]
             and (x["qualifier"] != "implicit" or x["field"] == y["field"])),
            None,
        )  # fmt: skip
        if j is not None:
            used.add(j)
            matched.append((x, b[j]))
    only_a = [x for x in a if all(x is not m[0] for m in matched)]
    only_b = [y for j, y in enumerate(b) if j not in used]
    return matched, only_a, only_b


def agreement(p1: dict, p2: dict) -> dict:
    """Figure F1 between the passes, and agreement on value and field over the figures both marked."""
    n1 = sum(map(len, p1.values()))
    n2 = sum(map(len, p2.values()))
    both = value_same = field_same = 0
    fields: list[tuple[str, str]] = []
    for fid in sorted(set(p1) & set(p2)):
        matched, _, _ = pair(p1[fid], p2[fid])
        both += len(matched)
        value_same += sum(same_value(x, y) for x, y in matched)
        field_same += sum(x["field"] == y["field"] for x, y in matched)
        fields += [(str(x["field"]), str(y["field"])) for x, y in matched]
    return {
        "pass1": n1, "pass2": n2, "both": both,
        "figure_f1": round(2 * both / (n1 + n2), 3) if n1 + n2 else 1.0,
        "value_agreement": round(value_same / both, 3) if both else 1.0,
        "field_agreement": round(field_same / both, 3) if both else 1.0,
        "field_kappa": round(kappa(fields), 3),
    }  # fmt: skip


def kappa(pairs: list[tuple[str, str]]) -> float:
    """Cohen's kappa of two annotators' labels over the same items."""
    if not pairs:
        return 1.0
    observed = sum(a == b for a, b in pairs) / len(pairs)
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / len(pairs) ** 2
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def disagreements(p1: dict, p2: dict) -> dict[str, dict]:
    """Per page: the figures only one pass marked, and those both marked but labelled differently."""
    out = {}
    for fid in sorted(set(p1) | set(p2)):
        matched, only1, only2 = pair(p1.get(fid, []), p2.get(fid, []))
        differ = [{"A": x, "B": y} for x, y in matched if not same_value(x, y) or x["field"] != y["field"] or x["start"] != y["start"] or x["end"] != y["end"]]
        if only1 or only2 or differ:
            out[fid] = {"only_A": only1, "only_B": only2, "differ": differ}
    return out


def agreed(p1: dict, p2: dict) -> dict[str, list[dict]]:
    """The figures both passes marked identically (span, value, unit, qualifier, field)."""
    out = {}
    for fid in sorted(set(p1) & set(p2)):
        matched, _, _ = pair(p1[fid], p2[fid])
        out[fid] = [x for x, y in matched if x == y]
    return out


def main(command: str, *args: str) -> None:
    texts = args[3] if len(args) > 3 else "pages"
    p1, p2 = load_pass(Path(args[0]), texts), load_pass(Path(args[1]), texts)
    if command == "compare":
        folder = Path(args[2])
        folder.mkdir(parents=True, exist_ok=True)
        for fid, d in disagreements(p1, p2).items():
            (folder / f"{fid}.json").write_text(json.dumps(d, ensure_ascii=False, indent=1), "utf-8")
        print(json.dumps(agreement(p1, p2)))
        return
    decided = {p.stem: json.loads(p.read_text("utf-8")) for p in Path(args[2]).glob("*.json")}
    gold = agreed(p1, p2)
    for fid, d in decided.items():  # the adjudicator's decisions: the rows to add to what both agreed on
        gold.setdefault(fid, [])
        gold[fid] += locate(d, page_text(fid, texts))
    lines = [json.dumps({"file": f"{texts}/{fid}.txt"} | row, ensure_ascii=False) for fid in sorted(gold) for row in sorted(gold[fid], key=lambda r: (r["start"], str(r["field"])))]
    (HERE / f"{texts}.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    stats = agreement(p1, p2)
    print(json.dumps(stats))


if __name__ == "__main__":
    main(*sys.argv[1:])
