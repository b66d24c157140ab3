"""Candidates: claims before they are tied to their document, and the choice among overlapping ones."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from .. import normalize
from .subjects import settled

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from .context import SentenceContext

PRIORITY_PATTERN, PRIORITY_GENERAL = 2, 1


@dataclass
class Candidate:
    """A claim before it is tied to its document: character offsets are absolute."""

    kind: str
    attribute: str
    subject: str
    value: normalize.Normalized
    value_text: str
    start: int
    end: int
    sentence: "Span"
    offset: int
    rule: str
    confidence: float
    priority: int = PRIORITY_GENERAL
    qualifier: Optional[str] = None
    anchor: Optional["Token"] = None  # the word whose clause dates the claim
    value_root: Optional["Token"] = None  # the value's own head word, whose verb gives a date its tense


def candidate(sc: "SentenceContext", kind, attribute, subject, value, span, trigger, rule, confidence, qualifier=None) -> Candidate:
    """A value span and the word that says what it is, quoted together unless they lie far apart."""
    tokens = [t for t in (span.start, span.end - 1, trigger.i if trigger is not None else None) if t is not None]
    start_token, end_token = min(tokens), max(tokens)
    doc = span.doc
    if end_token - start_token > 12 or _other_number_between(doc, start_token, end_token, span):
        start_token, end_token = span.start, span.end - 1  # a far trigger, or one shared with another value
    quote = doc[start_token : end_token + 1]
    if kind not in ("role", "stance"):
        subject = settled(subject, span, sc)  # a fact box's label, never a stray word
    return Candidate(
        kind=kind, attribute=_classed(attribute, sc.vocabulary.word_classes), subject=subject, value=value, value_text=span.text,
        start=sc.offset + quote.start_char, end=sc.offset + quote.end_char, sentence=sc.sentence_of(span), offset=sc.offset,
        rule=rule, confidence=confidence, qualifier=qualifier, anchor=trigger if trigger is not None else span.root,
        value_root=span.root,
    )


def _other_number_between(doc, start: int, end: int, span) -> bool:
    """'69.3% or 26,697 of the 35,522 votes': another number lies between a value and the word
    that says what it is, so quoting both would quote that number's claim too."""
    return any(t.like_num and not (span.start <= t.i < span.end)
               for t in doc[start : end + 1])


DERIVED_SUFFIXES = ("date", "time", "percent", "duration", "gap", "count", "money", "measure", "ordinal")


def _classed(attribute: str, classes: dict[str, str]) -> str:
    """An attribute derived from a word ('jump_percent'), named after the word's class
    ('rise_percent'); a listed attribute as it is."""
    word, _, suffix = attribute.rpartition("_")
    if suffix not in DERIVED_SUFFIXES or word not in classes:
        return attribute
    return f"{classes[word]}_{suffix}"


def best(candidates: list[Candidate]) -> list[Candidate]:
    """One claim per stretch of text and attribute family: patterns before general rules, and of
    two values one written within the other, the longer ('from 2005 to 2020' over '2005').

    Candidates are compared only within a run of overlapping ones (an interval sweep after one
    sort), since two that do not overlap never exclude each other: the cost grows with the
    number of candidates, not its square, and the choice is the one all-pairs comparison gives."""
    ordered = sorted(candidates, key=lambda c: (-c.priority, -c.confidence, -len(c.value_text), c.start, c.end))
    rank = {id(c): i for i, c in enumerate(ordered)}
    kept: list[Candidate] = []
    for run in _overlapping_runs(candidates):
        chosen: list[Candidate] = []
        for c in sorted(run, key=lambda c: rank[id(c)]):
            if not any(clashes(k, c) for k in chosen):
                chosen.append(c)
        kept.extend(chosen)
    return sorted(kept, key=lambda c: rank[id(c)])


def _overlapping_runs(candidates: list[Candidate]) -> list[list[Candidate]]:
    """The candidates in runs by position, each run a chain of overlapping spans: no candidate
    overlaps one of another run."""
    runs: list[list[Candidate]] = []
    end = None
    for c in sorted(candidates, key=lambda c: (c.start, c.end)):
        if end is None or c.start >= end:
            runs.append([])
            end = c.end
        runs[-1].append(c)
        end = max(end, c.end)
    return runs


def clashes(kept: Candidate, c: Candidate) -> bool:
    """Whether a kept candidate excludes `c`: they overlap, are of one family (a role or stance,
    or a value) and say the same thing (the same subject and attribute; the same value words)."""
    if not (kept.start < c.end and c.start < kept.end):
        return False
    named = c.kind in ("role", "stance")
    if named != (kept.kind in ("role", "stance")):
        return False
    if named:
        return kept.subject == c.subject and kept.attribute == c.attribute
    return same_value_words(kept, c)


def same_value_words(a: Candidate, b: Candidate) -> bool:
    """Two values that are one: equal once normalized, or one written within the other."""
    return a.value.value == b.value.value or a.value_text in b.value_text or b.value_text in a.value_text
