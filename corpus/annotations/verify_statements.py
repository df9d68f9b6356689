"""Check corpus/annotations/statements.jsonl (and its split) and print the counts.

    python corpus/annotations/verify_statements.py [FILE.jsonl] [--baseline] [--near N]

Checks every line: exactly the keys id/text/kind/labels; ids st-NNNN, unique; texts unique and
15–120 characters; kind `problem` or `measure`; labels non-empty, known to nlp/data/taxonomy.yaml,
without repeats, in taxonomy order. Checks the corpus: every label at least MIN_PER_LABEL times,
problems and measures each 45–55 %, multi-label statements 20–40 %. Checks the taxonomy file: 12
labels, 10–25 keywords and 3–5 examples each. When statements_{train,dev,heldout}.jsonl exist,
checks that they partition the file as split_statements.py would. Given a split part
(statements_heldout.jsonl …), checks its lines only, without the corpus-level quotas. Exits 1 on
any failure.

--baseline   also scores the keyword baseline (a label fires when one of its keywords occurs in
             the text, as in nlp/classify.py) against the labels, per label and micro/macro F1.
--near N     print the N most similar pairs of texts (markers stripped), to review near duplicates.
"""
from __future__ import annotations

import difflib
import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from split_statements import PARTS, part_of  # noqa: E402

TAXONOMY = HERE.parents[1] / "nlp" / "data" / "taxonomy.yaml"
KINDS = ("problem", "measure")
MIN_PER_LABEL = 60
MIN_LEN, MAX_LEN = 15, 120
MARKER = re.compile(r"^(?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）|\d+[.、]|同时，|此外，|下一步，)")
STALE = re.compile(r"^\d{4}年，我\S{1,2}将")


def marker_kind(text: str) -> str:
    m = MARKER.match(text)
    if not m:
        return "year" if re.match(r"\d{4}年", text) else "none"
    s = m.group(0)
    if s.endswith("是"):
        return "一是"
    if s.startswith("（"):
        return "（一）"
    if s.endswith("."):
        return "1."
    if s.endswith("、"):
        return "1、"
    return "connective"


def bare(text: str) -> str:
    return MARKER.sub("", text)


def check_taxonomy(tax: dict) -> list[str]:
    errors = []
    labels = tax.get("labels", [])
    if len(labels) != 12:
        errors.append(f"taxonomy: {len(labels)} labels, expected 12")
    for lab in labels:
        for key in ("id", "name", "definition", "keywords", "examples"):
            if not lab.get(key):
                errors.append(f"taxonomy {lab.get('id')}: missing {key}")
        kw, ex = lab.get("keywords", []), lab.get("examples", [])
        if not 10 <= len(kw) <= 25:
            errors.append(f"taxonomy {lab['id']}: {len(kw)} keywords (10–25)")
        if len(set(kw)) != len(kw):
            errors.append(f"taxonomy {lab['id']}: repeated keyword")
        if not 3 <= len(ex) <= 5:
            errors.append(f"taxonomy {lab['id']}: {len(ex)} examples (3–5)")
    return errors


def check(records: list[dict], order: list[str], whole: bool = True) -> list[str]:
    errors = []
    for dup, n in Counter(r.get("id") for r in records).items():
        if n > 1:
            errors.append(f"duplicate id {dup}")
    for dup, n in Counter(r.get("text") for r in records).items():
        if n > 1:
            errors.append(f"duplicate text {dup}")
    for r in records:
        rid = r.get("id")
        if set(r) != {"id", "text", "kind", "labels"}:
            errors.append(f"{rid}: keys {sorted(r)}")
            continue
        if not re.fullmatch(r"st-\d{4}", rid):
            errors.append(f"{rid}: bad id")
        if not MIN_LEN <= len(r["text"]) <= MAX_LEN:
            errors.append(f"{rid}: length {len(r['text'])} outside {MIN_LEN}–{MAX_LEN}")
        if r["text"] != r["text"].strip() or not r["text"].endswith(("。", "；")):
            errors.append(f"{rid}: text not trimmed or not ending in 。/；")
        if r["kind"] not in KINDS:
            errors.append(f"{rid}: bad kind {r['kind']}")
        labs = r["labels"]
        if not labs or len(set(labs)) != len(labs):
            errors.append(f"{rid}: empty or repeated labels")
        elif set(labs) - set(order):
            errors.append(f"{rid}: unknown labels {sorted(set(labs) - set(order))}")
        elif labs != sorted(labs, key=order.index):
            errors.append(f"{rid}: labels not in taxonomy order")
    if errors or not whole:
        return errors
    per_label = Counter(lab for r in records for lab in r["labels"])
    for lab in order:
        if per_label[lab] < MIN_PER_LABEL:
            errors.append(f"label {lab}: {per_label[lab]} statements (< {MIN_PER_LABEL})")
    n = len(records)
    for kind in KINDS:
        share = sum(r["kind"] == kind for r in records) / n
        if not 0.45 <= share <= 0.55:
            errors.append(f"kind {kind}: {share:.0%} of statements")
    multi = sum(len(r["labels"]) > 1 for r in records) / n
    if not 0.20 <= multi <= 0.40:
        errors.append(f"multi-label share {multi:.0%} outside 20–40 %")
    return errors


def check_split(records: list[dict], source: Path) -> list[str]:
    files = {name: source.parent / f"{source.stem}_{name}.jsonl" for name, _ in PARTS}
    if not all(f.exists() for f in files.values()):
        return []
    errors = []
    seen = []
    for name, f in files.items():
        rows = [json.loads(line) for line in f.read_text("utf-8").splitlines() if line.strip()]
        errors += [f"{f.name}: {r['id']} belongs to {part_of(r['text'])}" for r in rows if part_of(r["text"]) != name]
        seen += rows
    if sorted(seen, key=lambda r: r["id"]) != sorted(records, key=lambda r: r["id"]):
        errors.append("split files do not partition the statements (run split_statements.py)")
    return errors


def baseline(records: list[dict], tax: dict) -> None:
    order = [lab["id"] for lab in tax["labels"]]
    kws = {lab["id"]: lab["keywords"] for lab in tax["labels"]}
    tp, fp, fn = Counter(), Counter(), Counter()
    exact = 0
    for r in records:
        gold = set(r["labels"])
        pred = {lab for lab in order if any(k in r["text"] for k in kws[lab])}
        exact += pred == gold
        for lab in order:
            tp[lab] += lab in gold and lab in pred
            fp[lab] += lab in pred and lab not in gold
            fn[lab] += lab in gold and lab not in pred

    def prf(t: int, p: int, n: int) -> tuple[float, float, float]:
        prec = t / (t + p) if t + p else 0.0
        rec = t / (t + n) if t + n else 0.0
        return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)

    print("\nkeyword baseline (any keyword hit assigns the label)")
    print(f"{'label':<14}{'P':>6}{'R':>6}{'F1':>6}")
    f1s = []
    for lab in order:
        p, r_, f = prf(tp[lab], fp[lab], fn[lab])
        f1s.append(f)
        print(f"{lab:<14}{p:6.2f}{r_:6.2f}{f:6.2f}")
    p, r_, f = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    print(f"{'micro':<14}{p:6.2f}{r_:6.2f}{f:6.2f}")
    print(f"{'macro F1':<14}{sum(f1s) / len(f1s):18.2f}")
    print(f"exact label-set match: {exact}/{len(records)}")


def near_pairs(records: list[dict], top: int) -> None:
    texts = [(r["id"], bare(r["text"]).rstrip("。；")) for r in records]
    scored = []
    for i, (ia, a) in enumerate(texts):
        for ib, b in texts[i + 1:]:
            sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
            if sm.real_quick_ratio() < 0.75 or sm.quick_ratio() < 0.75:
                continue
            scored.append((sm.ratio(), ia, ib, a, b))
    scored.sort(reverse=True)
    print(f"\n{top} most similar pairs (markers stripped)")
    for ratio, ia, ib, a, b in scored[:top]:
        print(f"{ratio:.2f} {ia} {a}\n     {ib} {b}")


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    source = Path(args[0]) if args and not args[0].isdigit() else HERE / "statements.jsonl"
    tax = yaml.safe_load(TAXONOMY.read_text("utf-8"))
    order = [lab["id"] for lab in tax["labels"]]
    records = [json.loads(line) for line in source.read_text("utf-8").splitlines() if line.strip()]
    part = any(source.stem.endswith(f"_{name}") for name, _ in PARTS)  # a split part: no corpus-level quotas
    errors = check_taxonomy(tax) + check(records, order, whole=not part)
    if not errors and not part:
        errors += check_split(records, source)

    n = len(records)
    kinds = Counter(r["kind"] for r in records)
    print(f"{n} statements: " + ", ".join(f"{k} {kinds[k]}" for k in KINDS))
    print(f"\n{'label':<14}{'problem':>8}{'measure':>8}{'total':>7}{'only':>6}")
    for lab in order:
        c = Counter(r["kind"] for r in records if lab in r["labels"])
        only = sum(r["labels"] == [lab] for r in records)
        print(f"{lab:<14}{c['problem']:>8}{c['measure']:>8}{c['problem'] + c['measure']:>7}{only:>6}")
    card = Counter(len(r["labels"]) for r in records)
    print("\nlabels per statement: " + ", ".join(f"{k}: {card[k]}" for k in sorted(card))
          + f"  (multi-label {sum(v for k, v in card.items() if k > 1) / n:.1%})")
    lengths = [len(r["text"]) for r in records]
    bins = Counter(min(length // 20, 5) for length in lengths)
    print(f"length: min {min(lengths)}, max {max(lengths)}, mean {sum(lengths) / n:.1f}; "
          + ", ".join(f"{b * 20}–{b * 20 + 19 if b < 5 else ''}: {bins[b]}" for b in sorted(bins)))
    markers = Counter(marker_kind(r["text"]) for r in records)
    print("markers: " + ", ".join(f"{k} {v}" for k, v in markers.most_common()))
    stale = [r for r in records if STALE.match(r["text"])]
    print(f"year-dated measures (“2022年，我区将…”): {len(stale)}")
    for name, _ in PARTS:
        f = source.parent / f"{source.stem}_{name}.jsonl"
        if f.exists():
            rows = [json.loads(line) for line in f.read_text("utf-8").splitlines() if line.strip()]
            c = Counter(lab for r in rows for lab in r["labels"])
            print(f"{f.name}: {len(rows)}  (" + " ".join(f"{lab} {c[lab]}" for lab in order) + ")")

    if "--baseline" in argv:
        baseline(records, tax)
    if "--near" in argv:
        i = argv.index("--near")
        near_pairs(records, int(argv[i + 1]) if i + 1 < len(argv) else 15)

    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors[:50]:
            print("  " + e)
        sys.exit(1)
    print("\nall checks passed")


if __name__ == "__main__":
    main(sys.argv[1:])
