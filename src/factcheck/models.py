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


class Document(BaseModel):
    """One article as read: its decoded text (or the text extracted from HTML) and metadata."""

    source: Source
    text: str
    sha256: str
    body_start: int = 0  # where the article begins after any front matter
    # how '03/04/2024' reads (front matter `locale:`, else --date-order): a reading setting, not output
    date_order: Optional[Literal["mdy", "dmy"]] = Field(default=None, exclude=True)

    @property
    def path(self) -> str:
        return self.source.path


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
