"""The single definition of what factcheck reads and writes: documents, claims, groups.

Every output format, the store and the library API start from these models
(`model_dump(mode="json")`), so a field is defined once and spelled the same everywhere.
"""

from __future__ import annotations

import hashlib
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

Kind = Literal[
    "quantity", "money", "ordinal", "date", "date_range", "time", "duration", "role", "stance", "age"
]
Verdict = Literal["agree", "compatible", "temporal", "conflict", "single"]
VERDICTS: tuple[str, ...] = ("conflict", "temporal", "compatible", "agree", "single")


def stable_id(*parts: object, length: int = 16) -> str:
    """A short hex digest of the parts: the same inputs give the same id on every run."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


class Source(BaseModel):
    """Where a claim comes from; unknown fields are null."""

    model_config = ConfigDict(frozen=True)

    path: str
    outlet: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None
    story: Optional[str] = None
    title: Optional[str] = None
    stale: bool = False  # read from a file that has since been deleted or emptied (set when read from a store)

    @property
    def report(self) -> tuple[str, Optional[str], Optional[str], Optional[str]]:
        """Which report a claim is of, for telling reports apart: its path, and for documents that
        share one (every piped document is `-`) its URL, outlet and date."""
        return (self.path, self.url, self.outlet, self.published)


class Document(BaseModel):
    """One article as read: its decoded text (or the text extracted from HTML) and metadata."""

    source: Source
    text: str
    sha256: str
    body_start: int = 0  # where the article begins after any front matter
    key: str = ""  # what the store knows it by: the resolved path, the URL, or a piped document's name
    # how '03/04/2024' reads (front matter `locale:`, else --date-order): a reading setting, not output
    date_order: Optional[Literal["mdy", "dmy"]] = Field(default=None, exclude=True)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def store_key(self) -> str:
        return self.key or self.source.path


class Claim(BaseModel):
    """One typed, normalized statement found in a document, with the exact words it rests on."""

    id: str
    source: Source
    start: int
    end: int
    quote: str
    sentence: str
    subject: str
    subject_inferred: bool = False  # the sentence names no subject: it is the article's main one
    attribute: str
    value: str
    value_text: str
    as_of: Optional[str] = None
    kind: Kind
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str
    approximate: bool = False
    bound: Optional[Literal["min", "max"]] = None
    unit: Optional[str] = None
    qualifier: Optional[str] = None  # what a stance or role is about (a candidacy, a post)
    occasion: Optional[str] = None  # another year the claim is about ('the 1998 floods'): another fact
    scope: Optional[str] = None  # the place or part a value is limited to ('died in Syria')
    cue: Optional[str] = None  # words of the text that signal change over time ("so far", "set to")
    zone: Optional[str] = None  # a time of day's time zone as written ("CET"); null when the text gives none


class GroupValue(BaseModel):
    """One distinct value of a group and who states it."""

    value: str
    value_texts: list[str]
    sources: list[str]  # outlet (or file name) with date, as a person would cite them
    claim_ids: list[str]


Reviewed = Literal["checked", "false_alarm", "split"]


class Review(BaseModel):
    """A person's word on a group, from a correction stored in the store (`factcheck correct`)."""

    status: Reviewed
    note: Optional[str] = None
    correction: int  # the correction's number in the store


class Group(BaseModel):
    """Equivalent claims from one story, compared, with a verdict a person can check."""

    id: str
    story: Optional[str]
    subject: str
    attribute: str
    kind: str
    verdict: Verdict
    explanation: str
    values: list[GroupValue]
    claims: list[Claim]
    review: Optional[Review] = None  # checked, a false alarm, or split off by hand


CorrectionAction = Literal["merge", "split", "checked", "false_alarm"]


class Correction(BaseModel):
    """A hand correction of the grouping, kept in the store so that later runs keep it: two
    subjects are one (`merge`: target and other), a claim stands alone (`split`: target is its
    id), a group was checked or is a false alarm (target is its id)."""

    id: Optional[int] = None
    action: CorrectionAction
    story: Optional[str] = None
    target: str
    other: Optional[str] = None
    note: Optional[str] = None
    created: Optional[str] = None


class Skipped(BaseModel):
    """A file that was not read, and why."""

    path: str
    reason: str


class ExtractResult(BaseModel):
    """What `extract` returns: the documents read, their claims, and what was skipped."""

    schema_version: str = SCHEMA_VERSION
    documents: list[Document]
    claims: list[Claim]
    skipped: list[Skipped] = []
    warnings: list[str] = []
    passed_over: int = 0  # files of walked folders that are not articles (.json, .csv, images)


class ConflictsResult(BaseModel):
    """What `conflicts` returns: the groups, discrepancies first."""

    schema_version: str = SCHEMA_VERSION
    groups: list[Group]
    warnings: list[str] = Field(default=[], exclude=True)  # stored rows that could not be read: stderr, not data


class ClaimInPlace(BaseModel):
    """A claim where it stands in its article: the paragraph around it, its line and column,
    and a link to its words on the web page when the page's address is known."""

    claim: Claim
    paragraph: str
    paragraph_start: int  # offset of the paragraph in the document's text
    line: int
    column: int
    link: Optional[str] = None  # the page's URL with a text fragment (#:~:text=...) to the quote


class ShowResult(BaseModel):
    """What `show` returns: one group in full, every claim in its place; `claim_id` when a claim
    was asked for."""

    schema_version: str = SCHEMA_VERSION
    group: Group
    claim_id: Optional[str] = None
    claims: list[ClaimInPlace]


class ExplainStep(BaseModel):
    """One of the reconciler's decisions about two claims."""

    step: str
    first: str
    second: str
    same: Optional[bool] = None
    detail: str


class ExplainResult(BaseModel):
    """What `explain` returns: why two claims are, or are not, in one group."""

    schema_version: str = SCHEMA_VERSION
    first: Claim
    second: Claim
    together: bool
    conclusion: str
    steps: list[ExplainStep]


class StorySummary(BaseModel):
    """One story of the store: its documents, claims, and groups by verdict."""

    story: Optional[str]
    documents: int
    claims: int
    verdicts: dict[str, int]


class StoriesResult(BaseModel):
    schema_version: str = SCHEMA_VERSION
    stories: list[StorySummary]


class DocumentSummary(BaseModel):
    """One stored document: where it is, who published it when, and how many claims it gave."""

    path: str
    story: Optional[str]
    outlet: Optional[str]
    published: Optional[str]
    url: Optional[str]
    title: Optional[str]
    claims: int


class DocumentsResult(BaseModel):
    schema_version: str = SCHEMA_VERSION
    documents: list[DocumentSummary]


class CorrectionsResult(BaseModel):
    schema_version: str = SCHEMA_VERSION
    corrections: list[Correction]
