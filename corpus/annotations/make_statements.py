"""Write corpus/annotations/statements.jsonl from statements_source.txt.

    python corpus/annotations/make_statements.py     # deterministic (fixed seed): same bytes every run

Each source line is `KIND[~] LABEL[,LABEL…] | TEXT` (see the header of statements_source.txt).
The builder adds what a statement looks like inside a report's section 五, without changing its
labels: an item marker (一是/二是…, （一）（二）…, 1. 2., 1、 2、, or none), sometimes a connective
(同时，/ 此外，/ 下一步，) and, for some items, the list-internal ending ； instead of 。. Statements
that open with a year ("2022年，我区将…") or with 下一步/针对 get no marker. Then the lines are
shuffled (fixed seed) and numbered st-0001…; labels are written in taxonomy order.
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "statements_source.txt"
OUT = HERE / "statements.jsonl"
TAXONOMY = HERE.parents[1] / "nlp" / "data" / "taxonomy.yaml"
R = random.Random(2024)

CN_ORD = "一二三四五六七"
ORDINAL_WEIGHTS = [30, 28, 22, 12, 8]  # 一是 is the most common position, 五是 the rarest
KIND_OF = {"P": "problem", "M": "measure"}


def read_source(path: Path = SOURCE) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        m = re.fullmatch(r"([PM])(~?) ([a-z,]+) \| (\S.*\S)", line)
        if not m:
            sys.exit(f"{path.name}:{n}: cannot parse {line!r}")
        rows.append({"kind": KIND_OF[m[1]], "near_duplicate": bool(m[2]), "labels": m[3].split(","),
                     "text": m[4], "line": n})
    return rows


def marker(position: int, style: str) -> str:
    if style == "shi":
        return CN_ORD[position - 1] + "是"
    if style == "paren":
        return "（" + CN_ORD[position - 1] + "）"
    if style == "dot":
        return f"{position}."
    if style == "dun":
        return f"{position}、"
    return ""


def decorate(text: str, kind: str) -> str:
    if re.match(r"(\d{4}年|下一步|针对)", text):
        return text
    style = R.choices(["none", "shi", "paren", "dot", "dun"], weights=[42, 30, 13, 9, 6])[0]
    if style == "none":
        roll = R.random()
        if kind == "measure" and roll < 0.06:
            text = "下一步，" + text
        elif roll < 0.10:
            text = R.choice(["同时，", "此外，"]) + text
    else:
        position = R.choices(range(1, 6), weights=ORDINAL_WEIGHTS)[0]
        text = marker(position, style) + text
    if style in ("shi", "none") and text.endswith("。") and R.random() < 0.12:
        text = text[:-1] + "；"  # an item inside a run-on list: 一是……；二是……。
    return text


def main() -> None:
    order = [label["id"] for label in yaml.safe_load(TAXONOMY.read_text("utf-8"))["labels"]]
    rows = read_source()
    for r in rows:
        unknown = set(r["labels"]) - set(order)
        if unknown:
            sys.exit(f"statements_source.txt:{r['line']}: unknown label(s) {sorted(unknown)}")
    records = []
    for r in rows:
        records.append({"text": decorate(r["text"], r["kind"]), "kind": r["kind"],
                        "labels": sorted(set(r["labels"]), key=order.index)})
    R.shuffle(records)
    with OUT.open("w", encoding="utf-8") as f:
        for i, rec in enumerate(records, 1):
            f.write(json.dumps({"id": f"st-{i:04d}", **rec}, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} statements to {OUT.relative_to(HERE.parents[1])}")


if __name__ == "__main__":
    main()
