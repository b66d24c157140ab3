"""Money: an amount and the word that says what it is ('a deal worth $69bn', '$95 a share')."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Optional

from .. import normalize
from . import subjects
from .candidates import Candidate, candidate
from .parse import find_trigger, from_number, governor, with_qualifier
from .lookahead import opened

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from spacy.tokens import Span

    from .context import SentenceContext, Words


def amount(ent: "Span", sc: "SentenceContext") -> Iterable[Candidate]:
    """An amount of money the NER or `unlabelled` found, with the words that say what it is."""
    currencies = normalize.lexicon().currencies
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in currencies:
        ent = ent.doc[ent.start - 1 : ent.end]  # "€" left out of the entity
    following = ent.doc[ent.end].lower_.rstrip(".") if ent.end < len(ent.doc) else ""
    if following in currencies or following in normalize.lexicon().scale_words:
        ent = ent.doc[ent.start : ent.end + 1]  # "about 4.5 billion" and then "euros"; "€2.3" and "m"
    span = with_qualifier(from_number(ent, {*currencies, *normalize.lexicon().scale_words}, to_last=True))
    value = normalize.money(span.text)
    if value is None:
        return
    after = ent.doc[ent.end : ent.end + 2].text.lower()
    if sc.vocabulary.money_triggers.get(after) == sc.vocabulary.named["per_share_price"]:
        found = (sc.vocabulary.named["per_share_price"], ent.doc[ent.end + 1])
    else:  # "pay $452m in restitution": the noun after "in" names it before any verb does
        found = _paid_as(span, sc) or find_trigger(ent.root, sc.vocabulary.money_triggers, window=ent.sent)
    rule, confidence = "money.triggered.v1", 0.7
    if found is None:  # words in no list: "a refundable $250 deposit", "prices will start at $60,990"
        found = governor(ent.root, "money")
        rule, confidence = "money.governor.v1", 0.5
    if found is None:
        return
    attribute, trigger = found
    subject = subjects.actor(trigger, sc) or sc.article.default(["ORG"])
    if subject:
        yield candidate(sc, "money", attribute, subject, value, span, trigger, rule, confidence)


def _paid_as(span: "Span", sc: "SentenceContext") -> Optional[tuple[str, "Token"]]:
    """'pay $452m in restitution', '$1.2bn in damages': the noun after 'in' says what the amount
    is, before any verb of the sentence does; the verb that governs the amount, if any, whose."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ != "in":
        return None
    noun = doc[span.end + 1]
    while noun.dep_ in ("compound", "amod") and noun.head.i > noun.i:  # "in emergency aid": aid
        noun = noun.head
    if noun.pos_ != "NOUN" or noun.ent_type_ or noun.lower_ in sc.vocabulary.payment_forms:
        return None
    lemma = noun.lemma_.lower()
    verb = span.root.head if span.root.head.pos_ == "VERB" else noun
    return sc.vocabulary.money_triggers.get(lemma) or f"{lemma}_money", verb


def _numbers(words: "Words") -> "np.ndarray":
    return words.like_num


def _money_spans(sc: "SentenceContext") -> list[tuple[int, int]]:
    """Amounts the NER missed: '2.3m euros', 'EUR 50m' (character offsets in the doc)."""
    start = sc.sentence.start_char
    return [(start + m.start(), start + m.end()) for m in _money_regex().finditer(sc.article.text_of(sc.sentence, sc.offset))]


@lru_cache(maxsize=1)
def _money_regex() -> re.Pattern:
    lexicon = normalize.lexicon()
    symbols = "|".join(re.escape(c) for c in sorted(lexicon.currencies, key=len, reverse=True))
    scales = "|".join(re.escape(c) for c in sorted(lexicon.scale_words, key=len, reverse=True))
    number = rf"\d[\d,]*(?:\.\d+)?(?:\s?(?:{scales})\b)?"
    return re.compile(opened(rf"(?i)(?:(?<![\w])(?:{symbols})\s?{number}|\b{number}\s(?:{symbols})\b)"))


def unlabelled(sc: "SentenceContext", seen: set[int]) -> Iterable[Candidate]:
    """Amounts the NER did not tag as money ('2.3m euros'); their tokens are added to `seen`."""
    sentence = sc.sentence
    for start, end in _money_spans(sc) if sc.words.picked(_numbers, sentence) else ():
        span = sentence.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and not any(t.ent_type_ == "MONEY" for t in span):
            seen.update(range(span.start, span.end))
            yield from amount(span, sc)
