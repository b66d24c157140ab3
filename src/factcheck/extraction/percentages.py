"""Percentages: a share of something ('2% of GDP'), or the rate a noun near it names ('turnout was 61%')."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from .. import normalize
from . import subjects
from .candidates import Candidate, candidate
from .parse import SUBJECT_DEPS, noun_phrase

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

    from .context import SentenceContext


def percent(span: "Span", text: "Span", value: normalize.Normalized, sc: "SentenceContext") -> Iterable[Candidate]:
    """A percentage and what it is a share or rate of."""
    v = sc.vocabulary
    root = span.root
    attribute, trigger = None, root
    of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None:
        objects = [c for c in of.children if c.dep_ == "pobj"]
        if objects:
            measured = objects[0]
            if measured.lemma_.lower() in v.generic_measures:  # "the 2% of GDP target"
                measured = next((c for c in measured.children if c.dep_ == "compound"), measured)
            phrase = noun_phrase(measured)
            attribute = _rate_named(phrase, measured, v)
            if attribute is None:
                attribute = v.share_prefix + re.sub(r"\W+", "_", measured.text.lower()).strip("_")
            trigger = objects[0]
    if attribute is None:
        # "a premium of 31%", "turnout was 61%", "kept its benchmark rate at 5.25%", "prices rose 4.1%"
        owner = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root.head
        candidates = [owner] if owner.pos_ in ("NOUN", "PROPN") else []
        verb = owner
        for _ in range(3):
            candidates += [c for c in verb.children if c.dep_ in SUBJECT_DEPS | {"dobj", "attr"} and c.i != root.i]
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        for token in candidates:
            phrase = noun_phrase(token)
            attribute = _rate_named(phrase, token, v)
            if attribute:
                trigger = token
                break
    rule, confidence = "quantity.percent.v1", 0.65
    if attribute is None:  # a word in no list: "a 34 per cent vote share", "85% contained"
        attribute, trigger = _governor_attribute(root)
        rule, confidence = "quantity.percent.governor.v1", 0.5
    if attribute is None:
        return
    if attribute in v.event_attributes:  # "the fire was 15% contained"
        subject = subjects.event_subject(sc) or subjects.actor(trigger, sc)
    else:
        subject = subjects.actor(trigger, sc) or sc.article.default(["ORG", "GPE"])
    if subject:
        yield candidate(sc, "quantity", attribute, subject, value, text, trigger, rule, confidence)


def _rate_named(phrase: str, noun, v):
    """The listed rate a noun phrase names: the phrase ('jobless rate'), else its noun ('voter
    turnout'), except a generic noun another noun qualifies ('the wage rate' is no interest rate)."""
    lemma = noun.lemma_.lower()
    if phrase in v.percent_nouns or (phrase != lemma and lemma in v.generic_rates):
        return v.percent_nouns.get(phrase)
    return v.percent_nouns.get(lemma)


def _governor_attribute(root):
    """The attribute of a percentage no list names: the noun it modifies ('vote share') or the
    adjective, adverb or verb it measures ('contained': contain_percent)."""
    measured = next((c for c in root.children if c.dep_ in ("acl", "amod") and c.pos_ in ("VERB", "ADJ")), None)
    if measured is not None:  # "85% contained"
        return f"{measured.lemma_.lower()}_percent", measured
    head = root.head
    if head.i == root.i:
        return None, root
    if root.dep_ == "pobj" and head.pos_ == "ADP" and head.head.pos_ == "VERB":  # "will jump by 68%"
        return f"{head.head.lemma_.lower()}_percent", head.head
    if head.pos_ == "NOUN" and root.dep_ in ("amod", "compound", "nummod", "nmod", "npadvmod"):
        return re.sub(r"\W+", "_", noun_phrase(head).lower()).strip("_") or None, head
    if head.pos_ in ("ADJ", "ADV", "VERB") and root.dep_ in ("npadvmod", "advmod", "dobj", "attr", "nsubj"):  # "was up 37.6%"
        return f"{head.lemma_.lower()}_percent", head
    return None, root
