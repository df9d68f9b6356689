"""One identity per agency (canonical name, division code, level) and per report (report_id; the
copies of one report in several files counted once)."""

import csv
import subprocess
import sys

import pytest
from gold import ROOT

import nlp
from corpus.synth.generate import make_report, write_html, write_text
from nlp.structure.agency import canonical_agency

MANIFESTS = [ROOT.parent / "shared" / "corpus" / "pages" / f"MANIFEST_{part}.tsv" for part in "ab"]


@pytest.mark.parametrize(
    ("printed", "canonical", "code", "level"),
    [
        ("洪泽区人民政府", "江苏省淮安市洪泽区人民政府", "320813", "county"),
        ("淮安市洪泽区人民政府", "江苏省淮安市洪泽区人民政府", "320813", "county"),
        ("淮安市人民政府办公室", "江苏省淮安市人民政府办公室", "320800", "city"),  # the general office is the government's
        ("淮安市教育局", "江苏省淮安市教育局", "320800", "city_dept"),
        ("青铜峡市", "宁夏回族自治区吴忠市青铜峡市人民政府", "640381", "county"),  # a bare place: its government
        ("桃江县松木塘镇人民政府", "湖南省益阳市桃江县松木塘镇人民政府", "430922", "township"),
        ("大理州巍山县人民政府", "大理州巍山县人民政府", None, None),  # cpca reads 大理市 here: no place rather than a wrong one
        ("上海市人民政府办公厅", "上海市人民政府办公厅", "310000", "province"),
        ("马头铺镇人民政府", "马头铺镇人民政府", None, "township"),  # no county named: no code
        ("水利部", "水利部", None, "central"),
        ("某某经济技术开发区管理委员会", "某某经济技术开发区管理委员会", None, "other"),
    ],
)
def test_an_agency_gets_its_canonical_name_division_and_level(printed, canonical, code, level):
    agency = canonical_agency(printed)
    assert (agency.canonical, agency.division_code, agency.level) == (canonical, code, level)


def test_a_misspelt_county_gets_no_code_rather_than_another_county():
    """沐阳县 is one character from 沭阳县, 泗阳县 and 濮阳县 (cpca alone proposes 重庆市's counties)."""
    agency = canonical_agency("沐阳县人民政府")
    assert agency.division_code is None and agency.level is None


def test_levels_agree_with_the_pages_manifest():
    """The level of each agency named in the manifest of the real pages (175 agencies of every level)."""
    if not all(m.is_file() for m in MANIFESTS):
        pytest.skip(f"the pages manifests are not beside the clone ({MANIFESTS[0].parent})")
    rows = [row for m in MANIFESTS for row in csv.DictReader(m.open(encoding="utf-8"), delimiter="\t")]
    given = [(canonical_agency(r["agency"]).level, r["level"]) for r in rows]
    said = [(ours, theirs) for ours, theirs in given if ours is not None]
    assert len(said) >= 0.95 * len(rows)
    assert sum(ours == theirs for ours, theirs in said) >= 0.97 * len(said)


def _run(*args):
    return subprocess.run([sys.executable, "-m", "nlp", "run", *args], capture_output=True, text=True, timeout=600)


def test_one_report_in_two_formats_counts_once(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    report = make_report(3, agency="淮安市洪泽区人民政府", year=2023)
    write_text(report, folder / "hongze.txt")
    write_html(report, folder / "hongze.html")
    write_text(make_report(4, agency="淮安市洪泽区人民政府", year=2022), folder / "hongze_2022.txt")
    _run(str(folder), "--db", str(tmp_path / "r.duckdb"))

    every = nlp.load(tmp_path / "r.duckdb", copies=True)
    once = nlp.load(tmp_path / "r.duckdb")
    assert len(every.reports) == 3 and len(once.reports) == 2
    pair = every.reports[every.reports.year == 2023]
    assert pair.report_id.nunique() == 1 and pair.duplicate_of.notna().sum() == 1
    assert set(once.mentions.sha256) <= set(once.reports.sha256)
    assert once.reports.agency_canonical.unique().tolist() == ["江苏省淮安市洪泽区人民政府"]


def test_two_different_texts_under_one_agency_and_year_are_two_reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    write_text(make_report(5, agency="淮安市洪泽区人民政府", year=2023), folder / "a.txt")
    write_text(make_report(6, agency="淮安市洪泽区人民政府", year=2023), folder / "b.txt")
    _run(str(folder), "--db", str(tmp_path / "r.duckdb"))
    reports = nlp.load(tmp_path / "r.duckdb").reports
    assert len(reports) == 2 and reports.report_id.is_unique and reports.duplicate_of.isna().all()


def test_the_real_corpus_counts_each_report_and_each_agency_once(tmp_path, real):
    _run(str(real), "--db", str(tmp_path / "r.duckdb"))
    reports = nlp.load(tmp_path / "r.duckdb").reports
    files = nlp.load(tmp_path / "r.duckdb", copies=True).reports
    assert len(files) == sum(1 for p in real.rglob("*") if p.suffix in {".txt", ".md", ".html", ".pdf"})
    assert reports.report_id.is_unique
    pairs = files.groupby("report_id").size()
    assert len(reports) == len(pairs) < len(files)  # the reports crawled twice (text and HTML) count once
    by_agency = reports.groupby("agency_canonical")
    assert by_agency["division_code"].nunique(dropna=False).max() == 1 and by_agency["level"].nunique(dropna=False).max() == 1
    assert reports.agency.nunique() > reports.agency_canonical.nunique()  # printed names vary, the canonical one does not
    assert reports.division_code.notna().mean() > 0.9


def test_a_database_made_before_report_ids_still_loads(tmp_path):
    """Opened read-only, an older database keeps its columns: the new ones come as empty, nothing is dropped."""
    import duckdb

    from nlp.surfaces import store

    db = tmp_path / "old.duckdb"
    folder = tmp_path / "reports"
    folder.mkdir()
    write_text(make_report(8), folder / "r.txt")
    _run(str(folder), "--db", str(db))
    with duckdb.connect(str(db)) as con:
        for column in ("duplicate_of", "report_id", "agency_canonical", "division_code", "level"):
            con.execute(f'ALTER TABLE reports DROP COLUMN "{column}"')
    loaded = nlp.load(db)
    assert len(loaded.reports) == 1 and loaded.reports.report_id.isna().all() and len(loaded.mentions) > 0
    assert store.DUPLICATE_OF.name in loaded.reports
