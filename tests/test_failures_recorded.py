"""What ran and what failed is on the report: the `pipeline` key, and flags with their `failures`."""

from pathlib import Path

import pymupdf

import nlp

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "samples" / "synth_2024.pdf"


def test_the_report_names_the_models_that_ran():
    models = nlp.extract(SAMPLE).pipeline.models
    assert set(models) == {"ner", "fields", "textcat"}
    assert all(m.version and not m.missing for m in models.values())


def test_a_missing_model_is_recorded_not_silent(tmp_path, monkeypatch):
    monkeypatch.setenv("TOUMING_MODELS", str(tmp_path))  # read at call time: no model there
    report = nlp.extract(SAMPLE)
    assert report.ok and report.mentions
    assert all(m.missing for m in report.pipeline.models.values())


def test_a_failed_table_search_flags_the_page(monkeypatch):
    def broken(self, *args, **kwargs):
        raise ValueError("malformed drawing")

    # PyMuPDF failing to read the drawings, as on a damaged page: our ruling-line reader and
    # find_tables (which reads them too) both fail
    monkeypatch.setattr(pymupdf.Page, "get_cdrawings", broken)
    report = nlp.extract(SAMPLE)
    assert report.ok and report.text, "the text is still read"
    assert "tables_failed" in report.flags
    assert report.failures and all(f.flag == "tables_failed" and f.page for f in report.failures)
    assert "malformed drawing" in report.failures[0].message
