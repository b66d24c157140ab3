"""Stances: who backs, opposes or clears whom or what ('Romania removed its objection to his candidacy')."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional

import numpy as np
from spacy.parts_of_speech import AUX, NOUN, VERB
from spacy.strings import get_string_id

from .. import normalize
from . import subjects
from .candidates import Candidate
from .context import among
from .names import entity_at
from .parse import hypothetical, negated, phrases

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .context import SentenceContext, Words


def find(sc: "SentenceContext") -> Iterable[Candidate]:
    """Every stance a verb (or a stance noun) and its object state in the sentence."""
    sentence = sc.sentence
    v = sc.vocabulary
    for token in (sentence.doc[i] for i in sc.words.picked(_may_take_a_stance, sentence)):
        for phrase in phrases(token):
            entries = v.stance_verbs.get(phrase)
            if not entries:
                continue
            objects = [c for c in token.children if c.dep_ in ("dobj", "pobj", "attr", "nsubjpass")]
            objects += [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            for stance, wanted in entries:
                hit = next((o for o in objects if o.lemma_.lower() in wanted), None) if wanted else None
                if wanted and hit is None:
                    continue
                if token.pos_ == "NOUN" and not wanted:
                    continue
                holder = _holder_of(hit) if hit is not None else None
                agent = next((g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
                if agent is not None:  # "the takeover was cleared by Brussels"
                    actors = [a for a in [subjects.resolve(agent, sc, strict=True)] if a]
                    patient = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
                    target = subjects.resolve(patient, sc) if patient is not None else None
                elif holder is not None:  # "squared off opposition from Hungary": Hungary's stance
                    actors = [a for a in [subjects.resolve(holder, sc, strict=True)] if a]
                    subject_token = subjects.subject_token(token)
                    target = subjects.resolve(subject_token, sc, strict=True) if subject_token is not None else None
                else:
                    actors = subjects.actors(token, sc)
                    target = _stance_target(token, hit, sc)
                end_token = hit if hit is not None else token
                span = sentence.doc[min(token.i, end_token.i) : max(token.i, end_token.i) + 1]
                said = hit if hit is not None else _phrase_object(token, phrase)
                if negated(token) or hypothetical(token, sc.vocabulary) or (said is not None and _negated_object(said)):
                    continue
                if not objects and stance not in v.intransitive_stances:
                    continue  # "it will clear": no one takes a stance on anything
                for actor in actors:
                    if actor == target:
                        continue
                    yield Candidate(
                        kind="stance", attribute="stance", subject=actor, value=normalize.Normalized("stance", stance),
                        value_text=span.text, start=sc.offset + span.start_char, end=sc.offset + span.end_char,
                        sentence=sentence, offset=sc.offset, rule="stance.verb_object.v1", confidence=0.7,
                        qualifier=target, anchor=token,
                    )
                break
            break


def _may_take_a_stance(words: "Words") -> "np.ndarray":
    """The verbs and nouns whose `phrases` can be a stance's. Each of a word's phrases begins or
    ends with its lemma, or begins with a preposition under it: a word whose lemma is in no
    stance phrase, and with no preposition under it that begins one, is passed over before its
    phrases are built."""
    opens = (words.dep == get_string_id("prep")) & among(words.lower, words.vocabulary.ids("stance_openers"))
    above_an_opener = np.zeros(len(words.doc), dtype=bool)
    above_an_opener[words.head[opens & (words.sentence[words.head] == words.sentence)]] = True
    verb_or_noun = (words.pos == VERB) | (words.pos == NOUN) | (words.pos == AUX)
    return verb_or_noun & (words.lemma_in("stance_parts", verb_or_noun) | above_an_opener)


def _stance_target(verb: "Token", obj: Optional["Token"], sc: "SentenceContext") -> Optional[str]:
    """Whom a stance is about: 'veto on Rutte's candidacy', 'backed Rutte', 'objections to his bid'."""
    candidates = []
    if obj is not None:
        candidates += [g for c in obj.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    candidates += [c for c in verb.children if c.dep_ in ("dobj",)]
    candidates += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "on", "for", "of") for g in c.children if g.dep_ == "pobj"]
    for token in candidates:
        if obj is not None and token.i == obj.i:
            continue
        poss = next((c for c in token.children if c.dep_ == "poss"), None)
        named = poss if poss is not None else token
        if poss is None and token.lemma_.lower() in sc.vocabulary.stance_objects:
            continue
        if entity_at(named) is None and named.pos_ != "PROPN" and named.lower_ not in sc.vocabulary.pronouns:
            continue
        if named.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"):
            continue
        target = subjects.resolve(named, sc, strict=True)
        if target:
            return target
    return None


def _phrase_object(verb: "Token", phrase: str) -> Optional["Token"]:
    """The object a stance phrase names itself ('raise objection', 'voice support'), if it has one."""
    words = phrase.split()
    if len(words) < 2 or words[0] != verb.lemma_.lower():
        return None
    last = words[-1]
    for child in verb.children:
        if child.dep_ in ("dobj", "attr") and child.lemma_.lower() == last:
            return child
        if child.dep_ == "prep":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.lemma_.lower() == last:
                    return grandchild
    return None


def _negated_object(stance_object: "Token") -> bool:
    """'raised no objections'."""
    return any(c.dep_ in ("det", "neg") and c.lower_ in ("no", "not", "never") for c in stance_object.children)


def _holder_of(stance_object: "Token") -> Optional["Token"]:
    """Whose objection or veto it is, when the text names them: 'opposition from Hungary',
    'Hungary's veto' (not 'its veto': that is the verb's subject's)."""
    for child in stance_object.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
        if child.dep_ == "prep" and child.lower_ == "from":
            holder = next((g for g in child.children if g.dep_ == "pobj"), None)
            if holder is not None:
                poss = next((g for g in holder.children if g.dep_ == "poss" and g.ent_type_ in ("GPE", "ORG", "NORP")), None)
                return poss if poss is not None else holder
    return None
