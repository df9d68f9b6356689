"""Extract every real report and page under ../shared and write or compare their JSON.

    python tools/snapshot.py write DIR    # one JSON file per input
    python tools/snapshot.py check DIR    # the same extraction compared with DIR; exit 1 on a difference

For a change that must not alter behaviour (a refactor): write before, check after. The
`pipeline` key (which model versions ran) is left out, and so is a key that is empty in every
report checked (a new key such as `failures: []` adds nothing).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from nlp import extract

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SUFFIXES = {".pdf", ".txt", ".md", ".html", ".docx"}
IGNORED_KEYS = ("pipeline",)
ADDED_KEYS = ("failures",)  # keys added after snapshots were first taken: left out while empty


def inputs() -> list[Path]:
    return sorted(p for d in ("real", "pages") for p in (SHARED / d).rglob("*") if p.suffix in SUFFIXES)


def snapshot(path: Path) -> str:
    report = json.loads(extract(path).model_dump_json())
    for key in IGNORED_KEYS:
        report.pop(key, None)
    for key in [k for k, v in report.items() if v in ([], {}) and k in ADDED_KEYS]:
        report.pop(key)
    return json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True)


def main(mode: str, out: str) -> int:
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    differ = []
    for path in inputs():
        name = f"{path.parent.name}__{path.name}.json"
        now = snapshot(path)
        if mode == "write":
            (folder / name).write_text(now, "utf-8")
        elif (folder / name).read_text("utf-8") != now:
            differ.append(name)
            (folder / (name + ".new")).write_text(now, "utf-8")
    if mode == "check":
        print(f"{len(differ)} of {len(inputs())} differ" + "".join(f"\n  {n}" for n in differ))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
