"""The layout shows the data flow: a stage imports only itself and the stages before it."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "nlp"

# The stages in data-flow order (README, "How it works"). The contract modules and the data come
# first; the package's front door (nlp/__init__.py, python -m nlp) comes last.
STAGES = [
    ("nlp.schema", "nlp.errors", "nlp.settings", "nlp.provenance", "nlp.data", "nlp.models"),
    ("nlp.text",),
    ("nlp.ingest",),
    ("nlp.structure",),
    ("nlp.tables",),
    ("nlp.prose",),
    ("nlp.statements",),
    ("nlp.checks",),
    ("nlp.pipeline",),
    ("nlp.outputs",),
    ("nlp.surfaces",),
    ("nlp", "nlp.__main__"),
]


def rank(module: str) -> int:
    """The stage of a module: the longest stage prefix it falls under."""
    best = max(
        ((i, p) for i, prefixes in enumerate(STAGES) for p in prefixes if module == p or module.startswith(p + ".")),
        key=lambda ip: len(ip[1]),
    )
    return best[0]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of our package in a file, function-level ones included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] if node.module != "nlp" else [f"nlp.{a.name}" for a in node.names]
            found += [(node.lineno, n) for n in names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
    return [(line, name) for line, name in found if name == "nlp" or name.startswith("nlp.")]


def test_every_module_belongs_to_a_stage():
    modules = [module_name(p) for p in PACKAGE.rglob("*.py")]
    assert modules and all(rank(m) >= 0 for m in modules)
    assert {m.split(".")[1] for m in modules if m.count(".") >= 1} <= {p.split(".")[1] for s in STAGES for p in s if "." in p}


def test_no_stage_imports_a_later_stage():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        here = module_name(path)
        for line, name in imported(path):
            if rank(name) > rank(here):
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} ({here}) imports {name}")
    assert not wrong, "a stage imports a later one:\n" + "\n".join(wrong)


def test_the_rule_catches_a_backward_import():
    assert rank("nlp.ingest.pdf_layout") < rank("nlp.tables.reader")
    assert rank("nlp.statements.classify") > rank("nlp.prose.spacy_pipeline") > rank("nlp.text.tokenizer")
