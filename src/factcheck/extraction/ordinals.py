"""Ordinals: 'its 32nd member', 'for a fourth time': which one of a series a noun or a repeated verb is."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from .. import normalize
from . import subjects
from .candidates import Candidate, candidate
from .parse import phrases

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

    from .context import SentenceContext


def ordinal(ent: "Span", sc: "SentenceContext") -> Iterable[Candidate]:
    """An ORDINAL entity and the noun it numbers, or for 'a fourth time' the verb repeated."""
    v = sc.vocabulary
    value = normalize.ordinal(ent.text)
    if value is None or value.value == "1" or ent.end < len(ent.doc) and ent.doc[ent.end].like_num:
        return  # "the first time", "the first three rounds": no count of anything
    root = ent.root
    noun = root.head if root.head.pos_ in ("NOUN", "PROPN") else None
    if noun is None:
        return
    attribute = v.ordinal_nouns.get(noun.lemma_.lower())
    if attribute == v.named["repeated"]:  # "for a fourth time": the verb says what is repeated
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        attribute = next((v.repeat_verbs[p] for p in phrases(verb) if p in v.repeat_verbs), None)
        if attribute is None:
            return
        subject = subjects.actor(verb, sc)
        if subject:
            yield candidate(sc, "quantity", attribute, subject, value, ent, verb, "ordinal.repeat.v1", 0.7)
        return
    rule, confidence = "ordinal.noun.v1", 0.7
    if attribute is None:  # a noun in no list: "in the 23rd minute", "at his eighth attempt"
        attribute, rule, confidence = f"{noun.lemma_.lower()}_ordinal", "ordinal.any_noun.v1", 0.5
    subject = subjects.owner(noun, sc)
    if subject is None and rule == "ordinal.any_noun.v1":
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        subject = subjects.actor(verb, sc)  # "Messi scored in the 23rd minute": Messi's
    if subject:
        yield candidate(sc, "ordinal", attribute, subject, value, ent, noun, rule, confidence)
