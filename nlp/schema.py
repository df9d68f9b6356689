"""The report schema: what `touming extract` writes, one JSON object per input file.

Later stages (tables, mentions, fields, statements, checks) add fields here; bump
SCHEMA_VERSION when a field changes meaning or disappears, not when one is added.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, field_validator

SCHEMA_VERSION = "1.0"

SECTION_KINDS = ("preamble", "overview", "proactive", "applications", "review_litigation", "problems", "other", "unknown")


def printable_path(path: str) -> str:
    """A path as text that can be printed, stored and exported: bytes of a file name that are not UTF-8
    (which Python holds as surrogate escapes) are written as \\xNN."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


class Source(BaseModel):
    path: str
    sha256: str | None = None
    format: str | None = None  # pdf | image (PNG, JPEG or TIFF pages, read by OCR) | docx | html | markdown | text
    pages: int | None = None  # PDF (or image) page count; None for formats without pages
    bytes: int | None = None

    _printable = field_validator("path")(printable_path)


class ReportMeta(BaseModel):
    title: str | None = None
    agency: str | None = None  # 发布机关
    year: int | None = None  # the year the report covers
    period: str | None = Field(None, description="statistical period as ISO 'start/end', where stated")
    agency_canonical: str | None = None  # the agency's full name: 江苏省淮安市洪泽区人民政府 for 洪泽区人民政府
    division_code: str | None = None  # the national code of its division (a township's: its county's)
    level: str | None = None  # central, province(_dept), city(_dept), county(_dept), township, other; None: unknown
    report_id: str | None = None  # division-year-digest of agency, year and title: one id for one report in any format


class Subpoint(BaseModel):
    number: str  # e.g. "（一）"
    title: str
    start: int
    end: int
    page_start: int | None = None
    page_end: int | None = None


class Section(BaseModel):
    kind: str  # one of SECTION_KINDS
    number: str | None = None  # 一, 二, … as printed; None for a preamble or an unnumbered heading
    title: str | None = None
    start: int  # offsets into Report.text: the section runs from its heading to the next section
    end: int
    page_start: int | None = None
    page_end: int | None = None
    subpoints: list[Subpoint] = []


class Paragraph(BaseModel):
    start: int
    end: int
    page: int | None = None
    table_row: bool = False


class TableCell(BaseModel):
    """One cell of tables 2–4 under its canonical key (t3.new.total …)."""

    value: int | float | None  # None for a blank, "/", "—" or an unreadable cell: see raw and flag
    raw: str  # the text as printed in the cell
    page: int | None = None
    # PDF: the cell's box in points, on the page as displayed (PyMuPDF's page.rect); a page whose
    # /Rotate would turn its text sideways is taken unrotated
    bbox: list[float] | None = None
    offset: int | None = None  # other formats: character offset of the cell's text in the source
    start: int  # the cell's text in Report.text
    end: int
    flag: str | None = None  # why value is withheld: ambiguous, unverified, …
    candidates: list[str] | None = None  # ambiguous: the texts the cell can have, by what is printed


class FieldCandidate(BaseModel):
    field: str
    confidence: float


class Mention(BaseModel):
    """A figure stated in prose, with what it counts and where it stands."""

    value: int | float
    unit: str
    qualifier: str  # exact | more_than | at_least | about | nearly
    type: str  # count | percent | money
    subject: str | None = None
    action: str | None = None
    channel: str | None = None
    field: str | None = None  # catalog id, or None when no field fits or none is sure enough
    confidence: float = 0.0  # the probability that `field` is right (the learned assigner's, calibrated)
    field_candidates: list[FieldCandidate] = []  # ranked fields the figure may be, when it was left without one
    text: str  # the figure as printed
    sentence: str
    section: str | None = None  # kind of the section it stands in
    page: int | None = None
    start: int  # span in Report.text
    end: int
    parent: int | None = None  # index in Report.mentions of the total this figure breaks down


class Statement(BaseModel):
    """A problem the report admits or a measure it plans (section 五), with taxonomy labels."""

    kind: str  # problem | measure
    lead: str | None = None  # the lead phrase: 一是[依法主动公开意识有待增强]
    text: str
    labels: dict[str, float] = {}  # label → score, the labels assigned (score ≥ 0.5)
    section: str | None = None
    page: int | None = None
    start: int
    end: int


class FieldValue(BaseModel):
    value: int | float
    unit: str
    qualifier: str  # as the mention's; `implicit` for a zero stated in words (未收到申请)
    confidence: float = 0.0
    mention: int  # index in Report.mentions


class Check(BaseModel):
    """One arithmetic or consistency check (勾稽关系) and its outcome."""

    rule: str  # e.g. t3.balance.total
    status: str  # pass | fail | not_applicable
    values: dict[str, int | float | None] = {}
    message: str = ""


class Failure(BaseModel):
    """A part of a file we could not read while the rest was: its flag names it, this says where and why."""

    flag: str  # the flag it raised, e.g. tables_failed
    page: int | None = None
    message: str


class ErrorInfo(BaseModel):
    type: str  # FileMissing | EmptyFile | CorruptFile | EncryptedFile | NotAReport | …
    message: str


class ModelRun(BaseModel):
    """One trained model behind a report: its version (a digest of its files), or that it was missing."""

    version: str | None = None
    missing: bool = False  # rules or keywords stood in for it


class PipelineInfo(BaseModel):
    """What made this report: the package, the data files (rules) and each trained model."""

    touming: str
    rules: str  # digest of nlp/data
    models: dict[str, ModelRun] = {}  # ner, textcat


class Report(BaseModel):
    schema_version: str = SCHEMA_VERSION
    source: Source
    report: ReportMeta = ReportMeta()
    text: str = ""
    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    tables: dict[str, TableCell] = {}
    mentions: list[Mention] = []
    fields: dict[str, FieldValue] = {}
    statements: list[Statement] = []
    checks: list[Check] = []
    flags: list[str] = []  # e.g. needs_ocr, no_sections_found, tables_failed
    failures: list[Failure] = []  # where and why, for the flags that a failed part of the file raised
    error: ErrorInfo | None = None
    pipeline: PipelineInfo | None = None

    @property
    def ok(self) -> bool:
        return self.error is None
