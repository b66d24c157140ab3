"""The extractor: every rule over every sentence of a document, one claim per stretch of text."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING, Iterable

from spacy.tokens import Span

from .. import normalize
from ..models import Claim, Document
from ..patterns import Ruleset
from . import counts, dates, finalize, money, ordinals, roles, stances
from .candidates import Candidate, best
from .context import ArticleContext, SentenceContext
from .rules import Rules
from .vocabulary import Vocabulary

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc


class Extractor:
    """Applies a ruleset to parsed documents. Build one per process and model; it is reusable,
    and holds nothing of the documents it reads."""

    def __init__(self, nlp: "Language", rules: Ruleset):
        self.vocabulary = Vocabulary.from_ruleset(rules)
        self.rules = Rules(nlp, rules)

    def extract(self, document: Document, pieces: list[tuple[int, "Doc"]]) -> list[Claim]:
        """Every claim of one document, sorted by position; offsets index `document.text`.

        `pieces` are the parsed article body, `document.text[document.body_start:]`, each with
        its offset in the body.
        """
        pieces = [(offset + document.body_start, doc) for offset, doc in pieces]
        article = ArticleContext(pieces, self.vocabulary, document.source.outlet, document.text)
        candidates: list[Candidate] = []
        for offset, doc in pieces:
            sentences = list(doc.sents)  # listed once for the regexes, the entities and the sentences' rules
            candidates.extend(self.rules.find(doc, offset, article, sentences))
            entities = _entities_by_sentence(doc, sentences)
            for sentence in sentences:
                if offset + sentence.end_char <= document.body_start:
                    continue
                candidates.extend(general(SentenceContext(sentence, offset, article, entities.get(sentence.start, ()))))
        roles.places_from_article(candidates)
        chosen = best(candidates)
        counts.earlier_values(chosen)
        return finalize.claims(document, chosen, article)


PER_CENT = re.compile(r"\bper\s*cent\b|\bpercent\b", re.I)


def general(sc: SentenceContext) -> Iterable[Candidate]:
    """The extractors in code over one sentence: its entities by label, the numbers and amounts
    the NER missed, then stances and roles. Their order is the candidates' order among equals."""
    seen: set[int] = set()  # the tokens of the counts and amounts already read
    for ent in map(_with_half, sc.entities):
        if ent.label_ == "DATE":
            yield from dates.date(ent, sc)
        elif ent.label_ == "MONEY" and not PER_CENT.search(ent.text) and _currency_named(ent):
            yield from money.amount(ent, sc)
        elif ent.label_ == "ORDINAL":
            yield from ordinals.ordinal(ent, sc)
        elif ent.label_ == "TIME":
            yield from dates.time(ent, sc)
        elif ent.label_ in ("CARDINAL", "QUANTITY", "PERCENT", "MONEY"):  # "34 per cent" is tagged MONEY
            seen.update(range(ent.start, ent.end))
            yield from counts.count(ent, sc)
    yield from money.unlabelled(sc, seen)
    yield from counts.unlabelled(sc, seen)
    yield from stances.find(sc)
    yield from roles.find(sc)
    yield from roles.led_by(sc)


def _currency_named(ent: "Span") -> bool:
    """Whether an amount the NER calls money names a currency, in it or right beside it ('$5m',
    '4.5 billion euros'): 'more than 2 million' (reservations) is a count."""
    doc = ent.doc
    around = doc[max(ent.start - 1, 0) : min(ent.end + 1, len(doc))]
    currencies = normalize.lexicon().currencies
    return any(t.is_currency or t.lower_ in currencies or t.lower_.rstrip("s") in currencies for t in around)


HALF = ("-", "and", "-", "a", "-", "half")


def _with_half(ent: "Span") -> "Span":
    """'four-and-a-half years': the NER tags 'four' (or 'the next four') and leaves the rest; the
    whole is one length of time."""
    doc = ent.doc
    end = ent.end + len(HALF)
    if end >= len(doc) or doc[ent.end].lower_ != HALF[0]:  # the first word turns almost every entity away
        return ent
    if any(doc[ent.end + k].lower_ != word for k, word in enumerate(HALF[1:], 1)):
        return ent
    if doc[end].lower_ not in normalize.lexicon().duration_units:
        return ent
    return Span(doc, ent.start, end + 1, label="DATE")


def _entities_by_sentence(doc: "Doc", sentences: list["Span"]) -> dict[int, list["Span"]]:
    """The entities of each sentence, by the sentence's first token: one pass over the document
    (`Span.ents` scans every entity of the document for every sentence, and `Span.sent` builds
    the sentence anew for every entity)."""
    starts = [s.start for s in sentences]
    by_sentence: dict[int, list["Span"]] = {}
    for ent in doc.ents:
        by_sentence.setdefault(starts[bisect_right(starts, ent.start) - 1], []).append(ent)
    return by_sentence
