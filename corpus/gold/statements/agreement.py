"""Agreement of the two blind label passes over the statements of the real reports.

    python corpus/gold/statements/agreement.py     # prints the table of AGREEMENT.md

`passes.jsonl` holds, for every gold statement (stand-off: file, offsets, hash), its kind and the
labels of annotator A, of annotator B and after adjudication. Cohen's kappa is computed per label,
each statement a yes/no item for that label.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from corpus.gold.prose.standoff import kappa  # noqa: E402


def passes() -> list[dict]:
    return [json.loads(line) for line in (HERE / "passes.jsonl").read_text("utf-8").splitlines()]


def per_label(rows: list[dict]) -> dict[str, dict]:
    """Label → statements labelled by A, by B, after adjudication, and kappa between A and B."""
    labels = sorted({label for r in rows for label in r["a"] + r["b"] + r["adjudicated"]})
    return {
        label: {
            "a": sum(label in r["a"] for r in rows),
            "b": sum(label in r["b"] for r in rows),
            "adjudicated": sum(label in r["adjudicated"] for r in rows),
            "kappa": round(kappa([(label in r["a"], label in r["b"]) for r in rows]), 3),
        }
        for label in labels
    }


def main() -> None:
    rows = passes()
    same = sum(set(r["a"]) == set(r["b"]) for r in rows)
    kinds = sum(r["kind_b"] == r["kind"] for r in rows)
    print(f"{len(rows)} statements; same label set {same}; same kind {kinds}")
    print("| label | A | B | adjudicated | kappa |\n|---|---|---|---|---|")
    scores = per_label(rows)
    for label, s in scores.items():
        print(f"| {label} | {s['a']} | {s['b']} | {s['adjudicated']} | {s['kappa']:.3f} |")
    print(f"mean kappa {sum(s['kappa'] for s in scores.values()) / len(scores):.3f}")


if __name__ == "__main__":
    main()
