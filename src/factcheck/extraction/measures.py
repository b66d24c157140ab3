"""Measures: an amount in a unit of something ('310 millimetres of rain')."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from .. import normalize
from . import subjects
from .candidates import Candidate, candidate
from .parse import SUBJECT_DEPS, noun_phrase

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
            subject = subjects.actor(token, sc) or sc.article.default(["EVENT", "GPE", "ORG"], event=True)
            unit_name = v.measure_units[unit.lemma_.lower()]
            measured_value = normalize.Normalized("quantity", value.value, value.approximate, value.bound, unit_name)
            if subject:
                yield candidate(sc, "quantity", attribute, subject, measured_value, text, token, "quantity.measure.v1", 0.65)
            return
