"""Writes the demo reports in corpus/samples/ (fixed seeds, so the files never change).

    python -m corpus.synth.make_samples        # from the repository root
    python corpus/synth/make_samples.py        # same
"""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if __package__ in (None, ""):  # run as a script: make `corpus` importable
    sys.path.insert(0, str(REPO))

from corpus.synth.generate import make_report, write_docx, write_pdf  # noqa: E402

SAMPLES = REPO / "corpus" / "samples"
# A city government as PDF, a city department as DOCX.
PDF_SEED = 2024        # 望海市人民政府 2024
DOCX_SEED = 2035       # 云溪市住房和城乡建设局 2023


def main() -> None:
    SAMPLES.mkdir(parents=True, exist_ok=True)
    pdf = SAMPLES / f"synth_{PDF_SEED}.pdf"
    docx = SAMPLES / f"synth_{DOCX_SEED}.docx"
    write_pdf(make_report(PDF_SEED), pdf)
    write_docx(make_report(DOCX_SEED), docx)
    for path in (pdf, docx):
        print(f"{path.relative_to(REPO)}  {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
