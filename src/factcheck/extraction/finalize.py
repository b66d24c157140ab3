"""Finishing a candidate: its quote and sentence, a relative date resolved, its tense, the date
it is as of, the cue of a change, and the qualifier that says which occasion it is about.

All of it reads the candidate and the document alone, so it happens here once for every rule.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from spacy.strings import get_string_id

from .. import normalize
from ..models import Claim, Document, stable_id
from .candidates import Candidate
from .context import Inferred
from .names import entity_at
from .parse import SUBJECT_DEPS, clause_head, earliest_in_sentence, joined
from .subjects import place_in_a_name

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from spacy.tokens import Token

    from .context import ArticleContext, Words
    from .vocabulary import Vocabulary


def claims(document: Document, candidates: list[Candidate], article: "ArticleContext") -> list[Claim]:
    """The claims of the chosen candidates, sorted by position in the document."""
    reference, coarse = normalize.parse_ref(document.source.published)
    cues: dict[tuple[int, int], Optional[str]] = {}  # several claims share a sentence
    found = []
    for candidate in candidates:
        claim = _claim(document, candidate, reference, coarse, article, cues)
        if claim is not None:
            found.append(claim)
    return sorted(found, key=lambda c: (c.start, c.end, c.rule))


def _claim(document: Document, c: Candidate, reference, coarse: bool, article: "ArticleContext", cues: dict) -> Optional[Claim]:
    """The claim a candidate makes, or None when it lies outside the body or has no subject."""
    if c.start < document.body_start or not c.subject:
        return None
    sentence_start = c.offset + c.sentence.start_char
    sentence_end = c.offset + c.sentence.end_char
    start, end = max(c.start, sentence_start), min(c.end, sentence_end)
    quote = document.text[start:end]
    value = c.value
    tense_token = c.value_root if c.value_root is not None and value.kind in ("date", "date_range") else c.anchor
    tense = _tense(tense_token, article.vocabulary) if tense_token is not None else None
    at = quote.rfind(c.value_text)
    before = quote[: max(at, 0)].lower().split()
    if before and (before[-1] in article.vocabulary.until_words or before[-1] in article.vocabulary.before_words and tense != "past"):
        tense = "future"  # "in force until Thursday": the coming Thursday; "contained by Sunday" was past
    order = document.date_order or "mdy"
    if value.kind in ("date", "date_range") and (reference is not None and not RESOLVED.match(value.value) or order != "mdy"):
        resolved = normalize.temporal(c.value_text, reference, tense, coarse=coarse, date_order=order)
        if resolved is not None:
            value = resolved
    cue = _cue(c, article, cues)
    qualifier = c.qualifier
    if c.kind in ("quantity", "money", "duration"):
        # "in the fourth ballot" says which count it is before any verb or modifier does; else the
        # role its verb gives it ("lost 250 seats"), and a verb of no role says nothing
        ordinal = _ordinal_in_clause(c.anchor, c.start - c.offset, c.end - c.offset, article.words[c.offset], article.vocabulary) \
            if c.anchor is not None else None
        asked = _asked_for(c.anchor, article.vocabulary) if c.anchor is not None else None
        qualifier = ordinal or article.vocabulary.role_of(qualifier) or asked
    occasion = _other_year(c, value, reference, article.latest_year, article.vocabulary)
    return Claim(
        id=stable_id(document.sha256, c.rule, start, end, c.attribute, c.subject),  # "X and Y backed": two claims
        source=document.source,
        start=start,
        end=end,
        quote=quote,
        sentence=document.text[sentence_start:sentence_end].strip() or quote,
        subject=str(c.subject),
        subject_inferred=isinstance(c.subject, Inferred),
        attribute=c.attribute,
        value=value.value,
        value_text=c.value_text,
        as_of=_as_of(c, None if coarse else reference, tense) or (document.source.published if coarse else None),
        kind=value.kind if c.kind in ("quantity", "date", "date_range") else c.kind,  # type: ignore[arg-type]
        confidence=round(c.confidence, 2),
        rule=c.rule,
        approximate=value.approximate,
        bound=value.bound,  # type: ignore[arg-type]
        unit=value.unit,
        qualifier=qualifier,
        occasion=occasion,
        scope=_place_scope(c, article.vocabulary) if c.kind in ("quantity", "money") else None,
        cue=cue,
        zone=value.zone,
    )


def _cue(c: Candidate, article: "ArticleContext", cues: dict) -> Optional[str]:
    """The word that says a value changed ("rose to", "up from"), once per sentence."""
    key = (id(c.sentence.doc), c.sentence.start)
    if key not in cues:  # several claims share a sentence
        match = article.vocabulary.change_cues.search(article.text_of(c.sentence, c.offset))
        cues[key] = match.group(0).lower() if match else None
    return cues[key]


def _as_of(c: Candidate, reference, tense: Optional[str]) -> Optional[str]:
    """A date the clause attaches to the claim, else the publication date, else null."""
    if c.anchor is not None and c.kind not in ("date", "date_range"):
        clause = clause_head(c.anchor)
        for token in clause.subtree:
            if token.ent_type_ == "DATE" and token.ent_iob_ == "B" and not (c.start <= c.offset + token.idx < c.end):
                ent = entity_at(token)
                if ent is not None:
                    value = normalize.temporal(ent.text, reference, tense)
                    if value is not None and value.kind == "date" and not value.value.startswith("--"):
                        return value.value
    if reference is not None:
        return reference.isoformat()
    return None


def _tense(token: "Token", vocabulary: "Vocabulary") -> Optional[str]:
    """'past', 'future' or 'present' from the verb that governs a word and its auxiliaries."""
    verb = token
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX"):
            break
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VB" and verb.dep_ in ("xcomp", "advcl") and not set(aux) & vocabulary.future_auxiliaries \
            and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i:
        return _tense(verb.head, vocabulary)  # "returned to run the company in November": the time of 'returned'
    if set(aux) & vocabulary.future_auxiliaries:
        return "future"
    doc = verb.doc
    window = joined([doc[i] for i in range(earliest_in_sentence(doc, verb.i, 4), verb.i)]).lower()
    if vocabulary.future_phrases.search(window):
        return "future"
    if verb.tag_ == "VBD" or any(a in ("had", "was", "were", "did") for a in aux):
        return "past"
    if verb.tag_ == "VBN" and any(a in ("has", "have") for a in aux):
        return "past"
    return "present"


RESOLVED = re.compile(r"\d{4}")  # a value with its year, not words ("11 months ago") or a yearless date to place
OTHER_CLAUSES = ("advcl", "ccomp", "parataxis", "conj")  # "..., having won the Russia 2018 edition": another clause's year


def _other_year(c: Candidate, value: normalize.Normalized, reference, latest_year: Optional[int],
                vocabulary: "Vocabulary") -> Optional[str]:
    """'the 1998 floods killed 23', 'first held in 1975': a year other than the article's own (its
    publication year, else the latest year it mentions) says the claim is about another occasion;
    the year is returned."""
    published_year = reference.year if reference is not None else latest_year
    if value.kind == "date" and c.attribute == vocabulary.named["event_date"]:
        year = value.value[:4]
        return year if year.isdigit() and int(year) != published_year else None
    if c.anchor is None or value.kind not in ("quantity", "money"):
        return None
    head = clause_head(c.anchor)
    own = [head] + [t for child in head.children if (child.dep_ not in SUBJECT_DEPS or child.lemma_.lower() in vocabulary.event_nouns)
                    and child.dep_ not in OTHER_CLAUSES for t in child.subtree]  # "the 2011 earthquake killed 185"
    if head.dep_ == "relcl":  # "the 1998 floods, which killed 23 people"
        own += [t for t in head.head.children if t.i < head.head.i]
    for token in own:
        if token.ent_type_ == "DATE" and re.fullmatch(r"(1[89]|20)\d\d", token.text) and int(token.text) != published_year:
            if not (c.start <= c.offset + token.idx < c.end):
                return token.text
    return None


def _place_scope(c: Candidate, vocabulary: "Vocabulary") -> Optional[str]:
    """'people have died in northern Syria', 'the death toll in government-held areas': the place
    or part of one the value is limited to, named by a preposition of its own governing word."""
    if c.anchor is None:
        return None
    clause = clause_head(c.anchor)
    said_by = next((t for t in clause.children if t.dep_ == "nsubj" and t.ent_type_ in ("GPE", "LOC")), None)
    if said_by is not None and said_by.i != c.anchor.i:  # "Lee County has reported 54 deaths": Lee County's
        ent = entity_at(said_by)
        if ent is not None and place_in_a_name(said_by, ent) is None:  # "Reform UK won": a party, not the UK
            return ent.text.removeprefix("the ").strip()
    words = [c.anchor]
    if c.anchor.pos_ != "VERB":
        words.append(clause_head(c.anchor))
    for word in words:
        for prep in word.children:
            if prep.dep_ != "prep" or prep.lower_ not in vocabulary.scope_prepositions:
                continue
            for place in (t for t in prep.children if t.dep_ == "pobj"):
                ent = entity_at(place)
                places = ("GPE", "LOC", "FAC", "ORG") if c.attribute in vocabulary.event_attributes else ("GPE", "LOC", "FAC")
                if ent is not None and ent.label_ in places:  # people die in places: "killed in Hatay", tagged ORG
                    part = [t for t in place.lefts if t.dep_ == "amod" and t.i < ent.start
                            and t.lower_ in vocabulary.scope_modifiers]  # "in northern Syria"
                    first = min([t.i for t in part] + [ent.start])
                    return place.doc[first : ent.end].text.removeprefix("the ").strip()
                if place.lemma_.lower() in vocabulary.scope_nouns:  # "Morocco's Al Haouz province": not Morocco's
                    words = [t for child in place.lefts if child.dep_ not in ("det", "poss", "case") for t in child.subtree]
                    first = min([t.i for t in words] + [place.i])
                    return place.doc[first : place.i + 1].text
    return None


def _asked_for(anchor: "Token", vocabulary: "Vocabulary") -> Optional[str]:
    """'asked Judge Davila to put Holmes away for 15 years, and make her pay $804 million': the
    role of a verb of asking that governs the claim's clause through the clauses between."""
    node = clause_head(anchor)
    for _ in range(3):
        if node.dep_ not in ("xcomp", "conj", "ccomp") or node.head.i == node.i:
            return None
        node = node.head
        role = vocabulary.role_of(node.lemma_)
        if role in vocabulary.asking_roles:
            return role
    return None


def _ordinal_in_clause(anchor: "Token", start: int, end: int, words: "Words", vocabulary: "Vocabulary") -> Optional[str]:
    """'in the fourth ballot', 'a second 7.6 magnitude tremor', 'the first earthquake, which was
    recorded at 7.8': an ordinal of an occasion in the claim's clause, or of the noun the clause
    describes, says which of several it is; an event's by its class (the second tremor is the
    second earthquake)."""
    clause = clause_head(anchor)
    if not (words.has(_ordinals, clause.left_edge.i, clause.right_edge.i + 1)
            or clause.dep_ == "relcl" and words.has(_ordinals, clause.head.left_edge.i, clause.head.i)):
        return None  # no ordinal among the words below
    below = list(clause.subtree)
    if clause.dep_ == "relcl":
        below += [t for t in clause.head.children if t.i < clause.head.i]
    for token in below:
        if token.ent_type_ != "ORDINAL" or start <= token.idx < end:
            continue
        head = token.head
        while head.pos_ == "NUM" and head.head.i != head.i:  # "a second 7.6 magnitude tremor"
            head = head.head
        if head.pos_ != "NOUN":
            continue
        noun = head.lemma_.lower()
        if noun in vocabulary.ordinal_nouns or noun in vocabulary.event_nouns or noun in vocabulary.occasion_nouns:
            value = normalize.ordinal(token.text)
            if value is not None:
                return f"{vocabulary.event_nouns.get(noun, noun)} {value.value}"
    return None


def _ordinals(words: "Words") -> "np.ndarray":
    return words.ent_type == get_string_id("ORDINAL")
