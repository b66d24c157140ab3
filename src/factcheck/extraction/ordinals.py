"""Ordinals: 'its 32nd member', 'for a fourth time': which one of a series a noun or a repeated verb is."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional

from .. import normalize
from . import subjects
from .candidates import Candidate, candidate
from .parse import clause_head, phrases

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from .context import SentenceContext


def ordinal(ent: "Span", sc: "SentenceContext") -> Iterable[Candidate]:
    """An ORDINAL entity and the noun it numbers, or for 'a fourth time' the verb repeated."""
    v = sc.vocabulary
    value = normalize.ordinal(ent.text)
    if value is None or value.value == "1" or ent.end < len(ent.doc) and ent.doc[ent.end].like_num:
        return  # "the first time", "the first three rounds": no count of anything
    root = ent.root
    if root.head.tag_ == "JJS" or (root.head.pos_ == "VERB" and root.head.lemma_.lower() in v.rank_verbs):
        yield from _rank(ent, root.head, value, sc)
        return
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
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    actor = subjects.subject_token(verb)
    named = _person_before(ent, verb) if rule == "ordinal.any_noun.v1" and (actor is None or actor.ent_type_ != "PERSON") else None
    # "the South Americans had taken a 2-0 lead thanks to goals by Messi ... in the 23rd minute
    # and Di Maria in the 36th": each scorer's, not the side's
    subject = subjects.resolve(named, sc) if named is not None else subjects.owner(noun, sc)
    if subject is None and rule == "ordinal.any_noun.v1":
        subject = subjects.actor(verb, sc)  # "Messi scored in the 23rd minute": Messi's
    if subject:
        yield candidate(sc, "ordinal", attribute, subject, value, ent, noun, rule, confidence)


def _rank(ent: "Span", head: "Token", value, sc: "SentenceContext") -> Iterable[Candidate]:
    """A place in a ranking: 'the world's third-largest gaming company by revenue' (of the
    company the clause's subject is), 'ranks third in sales'; what it is ranked by ('revenue',
    'sales') is the qualifier, so two rankings of one subject stay apart."""
    ranked = head.head if head.tag_ == "JJS" and head.head.pos_ in ("NOUN", "PROPN") else None
    if ranked is not None and ranked.dep_ in ("attr", "appos", "oprd"):
        subject = subjects.actor(ranked.head, sc) if ranked.dep_ != "appos" else subjects.resolve(ranked.head, sc)
    elif ranked is not None:
        subject = subjects.owner(ranked, sc)
    else:
        subject = subjects.actor(head, sc)
    clause = clause_head(ranked) if ranked is not None else head
    measure = next((g for c in (*clause.children, *(ranked.children if ranked is not None else ()))
                    if c.dep_ == "prep" and c.lower_ in ("by", "in") for g in c.subtree
                    if g.dep_ == "pobj" and g.pos_ == "NOUN" and g.lemma_.lower() != "term"), None)
    if subject:
        yield candidate(sc, "ordinal", "rank", subject, value, ent, ranked if ranked is not None else head,
                        "ordinal.rank.v1", 0.6, qualifier=measure.lemma_.lower() if measure is not None else None)


def _person_before(ent: "Span", verb: "Token") -> Optional["Token"]:
    """The person named last before an ordinal in its clause, when no other word lies between
    but the person's own phrase ('goals by Messi from the penalty spot in the 23rd minute')."""
    for token in reversed(ent.doc[max(verb.i, ent.sent.start) : ent.start]):
        if token.ent_type_ == "PERSON":
            return token
        if token.pos_ in ("VERB", "AUX") or token.text in (",", ";"):
            return None
    return None
