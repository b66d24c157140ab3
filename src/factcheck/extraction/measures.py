"""Measures: an amount in a unit of something ('310 millimetres of rain')."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from .. import normalize
from . import subjects
from .candidates import Candidate, candidate
from .names import entity_at
from .parse import SUBJECT_DEPS, clause_head, noun_phrase

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from .context import SentenceContext


def measure(text: "Span", value: normalize.Normalized, unit: "Token", sc: "SentenceContext") -> Iterable[Candidate]:
    """'310 millimetres of rain', 'crested at 8.4 metres': a measured amount of something."""
    v = sc.vocabulary
    measured = next((g for c in unit.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
    candidates = [measured] if measured is not None else []
    node = unit.head
    for _ in range(3):
        candidates.append(node)
        candidates += [c for c in node.children if c.dep_ in SUBJECT_DEPS]
        if node.head.i == node.i:
            break
        node = node.head
    for token in candidates:
        attribute = v.measure_nouns.get(noun_phrase(token)) or v.measure_nouns.get(token.lemma_.lower())
        if attribute:
            subject = _subject(token, unit, text, sc) or sc.article.default(["EVENT", "FAC", "GPE", "ORG"], event=True)
            if not subject and measured is not None:
                subject = subjects.resolve(measured, sc)  # "310 millimetres of rain fell": the rain
            unit_name = v.measure_units[unit.lemma_.lower()]
            measured_value = normalize.Normalized("quantity", value.value, value.approximate, value.bound, unit_name)
            if subject:
                yield candidate(sc, "quantity", attribute, subject, measured_value, text, token, "quantity.measure.v1", 0.65)
            return
    word = next((t for t in candidates if t.pos_ in ("NOUN", "VERB") and t.i != unit.i), None)
    if word is not None:  # a word in no list: "121 cubic feet of volume", "will go 320 miles"
        subject = _subject(word, unit, text, sc) or sc.article.default(["EVENT", "FAC", "GPE", "ORG"], event=True)
        measured_value = normalize.Normalized("quantity", value.value, value.approximate, value.bound,
                                              v.measure_units[unit.lemma_.lower()])
        if subject:
            yield candidate(sc, "quantity", f"{word.lemma_.lower()}_measure", subject, measured_value, text, word,
                            "quantity.measure.governor.v1", 0.5)


PLACE_PREPOSITIONS = ("on", "in", "over", "at", "across", "along")


def _subject(token: "Token", unit: "Token", text: "Span", sc: "SentenceContext"):
    """Whom a measure is said of: the actor of the measured word, unless that is the measure
    itself ('310 millimetres of rain fell on Valparaiso': the subject of 'fell' is the unit,
    so the place the rain fell on)."""
    name = subjects.actor(token, sc)
    said_of = subjects.subject_token(token)
    if said_of is not None and (said_of.i in (unit.i, token.i) or text.start <= said_of.i < text.end):
        if name and name == subjects.resolve(said_of, sc):
            name = None
    return name or _place(clause_head(unit), sc)


def _place(verb: "Token", sc: "SentenceContext"):
    """The named place a clause happens in or on ('fell on Valparaiso')."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPOSITIONS:
            for place in child.children:
                if place.dep_ != "pobj":
                    continue
                ent = entity_at(place)
                label = ent.label_ if ent is not None else ""
                if label in ("GPE", "LOC", "FAC") or (place.pos_ == "PROPN" and label not in ("PERSON", "ORG", "NORP")):
                    return subjects.resolve(place, sc)
    return None
