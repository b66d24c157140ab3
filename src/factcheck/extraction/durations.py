"""Durations and tenures: 'a four-year term', 'his 13-year term', 'three days of mourning'."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional

from . import subjects
from .candidates import Candidate, candidate
from .parse import find_trigger, governor, modifiers, phrases

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from .context import SentenceContext


ADDED = "added"  # the role of a time on top of another (vocabulary count_roles)


def duration(ent: "Span", text: "Span", value, sc: "SentenceContext") -> Iterable[Candidate]:
    """A length of time and the noun or words that say what lasts that long."""
    v = sc.vocabulary
    root = ent.root
    lasting = event_lasting(ent, v)
    if lasting is not None:
        event, trigger = lasting
        subject = _event_named(event, sc)
        if subject:
            yield candidate(sc, "duration", v.named["event_length"], subject, value, text, trigger, "duration.event.v1", 0.6)
        return
    noun = root.head if root.dep_ in ("compound", "amod", "nummod", "npadvmod") and root.head.pos_ == "NOUN" else None
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        noun = root.head.head  # "a term of at least four years"
    if noun is not None and noun.lemma_.lower() in v.duration_nouns:
        subject = subjects.owner(noun, sc)
        if subject:
            attribute = v.duration_nouns[noun.lemma_.lower()]
            if attribute == v.named["term"] and _held_term(noun, root):
                attribute = v.named["held_term"]  # "his 13-year term": how long he has held the post
            # "a maximum sentence of 20 years" is not the sentence imposed: its modifier gives its role
            yield candidate(sc, "duration", attribute, subject, value, text, noun, "duration.noun.v1", 0.75,
                            qualifier=modifiers(noun, v))
        return
    found = triggered("duration", v.duration_triggers, value, text, sc, "duration.triggered.v1", 0.7)
    if found is not None:
        yield from found
        return
    measured = noun if noun is not None and noun.lemma_.lower() not in v.generic_measures else None
    of = noun if noun is not None else root  # "three days of national mourning", "a three-day period of mourning"
    measured = measured or next((g for c in of.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
    if measured is not None and measured.lemma_.lower() in v.event_nouns:  # "the nine-week trial": the trial's length
        subject = _event_named(measured, sc)
        if subject:
            yield candidate(sc, "duration", v.named["event_length"], subject, value, text, measured, "duration.event.v1", 0.6)
        return
    if measured is not None:
        subject = subjects.owner(measured, sc)
        if subject:
            attribute = f"{measured.lemma_.lower()}_duration"
            yield candidate(sc, "duration", attribute, subject, value, text, measured, "duration.noun.v1", 0.5)
        return
    vague = value.approximate and not any(t.like_num for t in text)  # "for many years", not "for nearly three years"
    found = None if vague else _in_office(root, v) or _tenure_ended(root, v) or governor(root, "duration") or _term_for(root, v)
    if found is not None:
        attribute, verb = found
        subject = _whose_term(verb, sc) or subjects.actor(verb, sc)
        added = next((t.lower_ for t in text if v.role_of(t.lower_) == ADDED), None)  # "for another two years"
        if subject:
            yield candidate(sc, "duration", attribute, subject, value, text, verb, "duration.governor.v1", 0.5, qualifier=added)


def _whose_term(verb: "Token", sc: "SentenceContext") -> Optional[str]:
    """'The board extended the contract of Bob Iger for another two years': the time is the
    contract's, so its holder's, not the board's."""
    done_to = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if done_to is None or done_to.lemma_.lower() not in sc.vocabulary.duration_nouns:
        return None
    return subjects.owner(done_to, sc, fallback=False)


def _event_named(noun: "Token", sc: "SentenceContext") -> str:
    """An event noun's event by the name the story gives it ('trial in San Jose'), as dates name it."""
    return subjects.event_name(noun, sc.vocabulary.event_nouns[noun.lemma_.lower()], [noun], sc)


def event_lasting(ent: "Span", v) -> Optional[tuple["Token", "Token"]]:
    """How long an event has gone on: 'the almost six-week-old strike', 'after 40 days on
    strike', 'a walkout that's coming to six weeks', 'the war has lasted two years'. The event's
    noun and the word that says so, else None."""
    root = ent.root

    def event(token: "Token") -> bool:
        return token.pos_ == "NOUN" and token.lemma_.lower() in v.event_nouns

    if ent[-1].lower_ == "old" and root.dep_ == "amod" and event(root.head):
        return root.head, root.head
    on = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "on"), None)
    noun = next((c for c in on.children if c.dep_ == "pobj" and event(c)), None) if on is not None else None
    if noun is not None:
        return noun, noun
    verb = root.head.head if root.dep_ == "pobj" else root.head if root.dep_ in ("dobj", "npadvmod") else None
    if verb is None or verb.lemma_.lower() not in v.lasting_verbs:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.tag_ == "WDT" and verb.dep_ == "relcl":
        subject = verb.head  # "a strike that's coming to six weeks"
    return (subject, verb) if subject is not None and event(subject) else None


def _in_office(root: "Token", v) -> Optional[tuple[str, "Token"]]:
    """'Iger was chief executive for 15 years': a time in a post the copula names is a tenure."""
    verb = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "for" else None
    if verb is None or verb.lemma_ != "be":
        return None
    post = next((c for c in verb.children if c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN")), None)
    if post is None or post.lower_ not in v.title_words:
        return None
    return v.named["held_term"], verb


def _term_for(root: "Token", v) -> Optional[tuple[str, "Token"]]:
    """'Extended the contract of Bob Iger for another two years', the parser hanging the time on
    the contract: the time the verb done to a term gives it."""
    noun = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "for" else None
    if noun is None or noun.lemma_.lower() not in v.duration_nouns or noun.dep_ != "dobj" or noun.head.pos_ != "VERB":
        return None
    return f"{noun.head.lemma_.lower()}_duration", noun.head


def _tenure_ended(root: "Token", v) -> Optional[tuple[str, "Token"]]:
    """'Disney ousted Chapek after nearly three years', 'she resigned after five years': the
    time after which a post is left is the time it was held."""
    verb = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "after" else None
    if verb is None or verb.pos_ != "VERB" or not v.tenure_ending_verbs.intersection(phrases(verb)):
        return None
    return v.named["held_term"], verb


def triggered(kind, index, value, span: "Span", sc: "SentenceContext", rule: str, confidence: float) -> Optional[list[Candidate]]:
    """A value whose governing words are in `index`, said of the subject of those words; None
    when no such words govern it."""
    found = find_trigger(span.root, index, hops=3)
    if found is None:
        return None
    attribute, trigger = found
    if attribute == sc.vocabulary.named["held_term"] and _prospective(trigger, sc.vocabulary):
        attribute = sc.vocabulary.named["term"]  # "has agreed to serve as CEO for two years": the term, not a tenure
    subject = subjects.actor(trigger, sc)
    return [candidate(sc, kind, attribute, subject, value, span, trigger, rule, confidence)] if subject else []


def _prospective(verb: "Token", v) -> bool:
    """A verb of a time to come: 'will serve', 'to serve' ('agreed to serve', 'is expected to serve')."""
    return any(c.dep_ == "aux" and (c.lower_ == "to" or c.lower_ in v.future_auxiliaries) for c in verb.children)


def _held_term(noun: "Token", duration: "Token") -> bool:
    """'his 13-year term' is a tenure; 'a term of four years' and 'his second five-year term' are
    the length of a term of office."""
    possessed = any(c.dep_ == "poss" for c in noun.children)
    numbered = any(c.ent_type_ == "ORDINAL" for c in noun.children)
    return possessed and not numbered and duration.i < noun.i
