"""Check corpus/annotations/*.jsonl and print its statistics.

    python corpus/annotations/verify.py [FILE.jsonl] [--show N]

Checks, for every sentence: spans inside the text, no two entity spans overlapping, every
QUANTITY/PERCENT/MONEY span has exactly one figure with the same offsets (and vice versa), the
figure's type matches the label, value/unit/qualifier equal what normalise.py reads from the
span text, fields are catalog ids (or null), subject/action occur in the sentence, negatives do
not overlap a figure span, and no digit in the text is left outside every annotated span
(so a number is either a figure, part of a CHANNEL, or a listed negative). Exits 1 on failure.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from normalise import normalise  # noqa: E402

CATALOG = HERE.parents[1] / "nlp" / "data" / "catalog.yaml"
LABELS = {"QUANTITY", "PERCENT", "MONEY", "CHANNEL"}
TYPE_OF_LABEL = {"QUANTITY": "count", "PERCENT": "percent", "MONEY": "money"}
QUALIFIERS = {"exact", "more_than", "at_least", "about", "nearly"}
# Channel names that must be inside a CHANNEL span wherever they occur (unless inside a negative).
CHANNEL_WORDS = ["12345", "市长信箱", "县长信箱", "区长信箱", "书记信箱", "领导信箱", "局长信箱", "政府网站", "门户网站",
                 "政务新媒体", "微信公众号", "政务微博", "政务微信", "视频号", "抖音号", "政府公报", "人民政府公报",
                 "新闻发布会", "政务公开专区", "政府信息公开专栏", "政务公开专栏", "政府信息公开查阅点"]


def check(records: list[dict], fields: set[str]) -> list[str]:
    errors = []
    ids = Counter(r["id"] for r in records)
    errors += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    texts = Counter(r["text"] for r in records)
    errors += [f"duplicate text {t}" for t, n in texts.items() if n > 1]
    for r in records:
        t, rid = r["text"], r["id"]
        spans = sorted(r["entities"])
        for s, e, lab in spans:
            if lab not in LABELS:
                errors.append(f"{rid}: bad label {lab}")
            if not (0 <= s < e <= len(t)):
                errors.append(f"{rid}: span {s}-{e} outside text")
            elif t[s:e] != t[s:e].strip():
                errors.append(f"{rid}: span {t[s:e]!r} has outer spaces")
        for (s1, e1, l1), (s2, e2, l2) in zip(spans, spans[1:]):
            if s2 < e1:
                errors.append(f"{rid}: overlap {t[s1:e1]!r}/{l1} and {t[s2:e2]!r}/{l2}")
        fig_spans = {(f["start"], f["end"]): f for f in r["figures"]}
        ent_spans = {(s, e): lab for s, e, lab in spans if lab != "CHANNEL"}
        if set(fig_spans) != set(ent_spans) or len(fig_spans) != len(r["figures"]):
            errors.append(f"{rid}: figures and QUANTITY/PERCENT/MONEY spans differ")
            continue
        for (s, e), f in fig_spans.items():
            span = t[s:e]
            try:
                kind, value, unit, qual = normalise(span)
            except ValueError as exc:
                errors.append(f"{rid}: {exc}")
                continue
            if TYPE_OF_LABEL[ent_spans[(s, e)]] != f["type"] or kind != f["type"]:
                errors.append(f"{rid}: {span!r} type {f['type']} vs label {ent_spans[(s, e)]} vs read {kind}")
            if abs(value - f["value"]) > 1e-9 or unit != f["unit"] or qual != f["qualifier"]:
                errors.append(f"{rid}: {span!r} recorded {f['value']} {f['unit']} {f['qualifier']}, read {value} {unit} {qual}")
            if f["qualifier"] not in QUALIFIERS:
                errors.append(f"{rid}: bad qualifier {f['qualifier']}")
            if f["field"] is not None and f["field"] not in fields:
                errors.append(f"{rid}: unknown field {f['field']}")
            if not f["subject"] or f["subject"] not in t:
                errors.append(f"{rid}: subject {f['subject']!r} not in text")
            if f["action"] is not None and f["action"] not in t:
                errors.append(f"{rid}: action {f['action']!r} not in text")
        covered = set()
        for s, e, _ in spans:
            covered.update(range(s, e))
        for s, e, kind in r.get("negatives", []):
            neg = set(range(s, e))
            if any((a, b) for (a, b) in fig_spans if neg & set(range(a, b))):
                errors.append(f"{rid}: negative {t[s:e]!r} ({kind}) overlaps a figure")
            covered |= neg
        channel_cover = {i for s, e, lab in spans if lab == "CHANNEL" for i in range(s, e)}
        neg_cover = {i for s, e, _ in r.get("negatives", []) for i in range(s, e)}
        for word in CHANNEL_WORDS:
            for m in re.finditer(re.escape(word), t):
                where = set(range(m.start(), m.end()))
                if not where <= channel_cover and not where <= neg_cover:
                    errors.append(f"{rid}: channel word {word!r} outside a CHANNEL span: {t}")
        for m in re.finditer(r"\d+", t):
            if not set(range(m.start(), m.end())) <= covered:
                errors.append(f"{rid}: digits {m.group()!r} not annotated: {t}")
    return errors


def stats(records: list[dict], fields: list[str]) -> None:
    labels = Counter(lab for r in records for _, _, lab in r["entities"])
    by_field = Counter(f["field"] for r in records for f in r["figures"])
    quals = Counter(f["qualifier"] for r in records for f in r["figures"])
    negs = Counter(k for r in records for _, _, k in r.get("negatives", []))
    with_neg = sum(1 for r in records if r.get("negatives"))
    no_fig = sum(1 for r in records if not r["figures"])
    print(f"sentences {len(records)}; with negatives {with_neg}; without any figure {no_fig}; "
          f"figures {sum(len(r['figures']) for r in records)}")
    print("labels    ", dict(labels.most_common()))
    print("qualifiers", dict(quals.most_common()))
    print("negatives ", dict(negs.most_common()))
    print("fields:")
    for f in fields + [None]:
        print(f"  {str(f):28} {by_field.get(f, 0)}")
    missing = [f for f in by_field if f is not None and f not in fields]
    if missing:
        print("  (not in catalog)", missing)


def main(argv: list[str]) -> int:
    show = 0
    if "--show" in argv:
        i = argv.index("--show")
        show = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    path = Path(argv[0]) if argv else HERE / "synthetic.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    fields = [f["id"] for f in yaml.safe_load(CATALOG.read_text(encoding="utf-8"))["fields"]]
    for r in records[:show]:
        print(r["id"], r["text"])
        for s, e, lab in sorted(r["entities"]):
            print(f"    {lab:8} {r['text'][s:e]!r}")
        for f in r["figures"]:
            print(f"    fig {r['text'][f['start']:f['end']]!r} -> {f['value']} {f['unit']} {f['qualifier']} "
                  f"{f['field']} subj={f['subject']} act={f['action']}")
        for s, e, k in r.get("negatives", []):
            print(f"    not-a-figure {r['text'][s:e]!r} ({k})")
    errors = check(records, set(fields))
    stats(records, fields)
    for err in errors:
        print("ERROR", err)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
