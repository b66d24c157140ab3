"""Counts: a number and the noun it counts ('212 runners'), the tally it fills ('the death
toll rose to 40') or the verb that says what happened to them ('40 were killed').

A number the tokenizer or NER found goes here first; an elapsed time, a measure or a
percentage is handed on to its own family."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Optional

from spacy.parts_of_speech import NUM
from spacy.strings import get_string_id

from .. import normalize
from . import durations, measures, percentages, subjects
from .candidates import Candidate, candidate
from .context import among
from .parse import SUBJECT_DEPS, clause_head, from_number, governing_verb, modifiers, noun_phrase, phrases, with_qualifier
from .vocabulary import ids

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from spacy.tokens import Span, Token

    from .context import SentenceContext, Words


def count(span: "Span", sc: "SentenceContext") -> Iterable[Candidate]:
    """The claims a number makes, by what the words around it say it counts."""
    v = sc.vocabulary
    elapsed = normalize.elapsed_time(span.text)
    if elapsed is not None:  # "a course record of 2:05:41", "won in 2:21:08"
        found = [c for c in durations.duration(span, span, elapsed, sc) if c.rule != "duration.governor.v1"]
        verb = clause_head(span.root)
        subject = None if found else subjects.actor(verb, sc)
        if subject:
            found.append(candidate(sc, "duration", "time", subject, elapsed, span, verb, "duration.elapsed.v1", 0.6))
        yield from found
        return
    unit = next((t for t in reversed(span) if t.lemma_.lower() in v.measure_units), None)
    if len(span) > 1 and unit is not None and any(t.like_num for t in span[: unit.i - span.start]):
        # "12,000 acres", "the 1.6 mile", "95,000 gross tons", "the 4.3 mile bridge": the NER's span holds its unit
        last_number = max(i for i, t in enumerate(span[: unit.i - span.start]) if t.like_num)
        number = with_qualifier(span[: last_number + 1])
        value = normalize.quantity(number.text)
        if value is not None:
            yield from measures.measure(number, value, unit, sc)
            return
        for end in _range_ends(span[: last_number + 1]):
            # "a range of 250 to 340 miles" (of two models): each end a value, quoted alone
            yield from measures.measure(end, normalize.quantity(end.text), unit, sc)
        return
    upper = _range_unit(span, v)
    if upper is not None:  # "270 to 410 miles", the NER taking "270" apart: the range's unit
        value = normalize.quantity(span.text)
        if value is not None:
            yield from measures.measure(span, value, upper, sc)
        return
    text = with_qualifier(span)
    value = normalize.quantity(text.text)
    if value is None:  # "only 121", "just nine": a word the NER took in that says nothing of the number
        text = with_qualifier(from_number(span))
        value = normalize.quantity(text.text)
        if value is not None and value.value == "1":
            return  # "only one building was left standing": a single thing stressed, not a count
        if value is not None:
            span = from_number(span)  # "BENGHAZI-‘At least 2,300": a dateline glued on; the number is what the parse hangs
    if value is None:
        return
    root = span.root
    if span.text.strip().isdigit() and len(span.text.strip()) == 4 and 1800 < int(span.text) < 2100:
        return  # a year is not a count
    if root.dep_ == "pobj" and root.head.lower_ in v.part_prepositions:
        return  # "43, including a dozen in Corvino": a part of another count
    if re.fullmatch(r"0\.\d+", value.value) and not re.search(r"\d", span.text):
        return  # "two-thirds of members": a share whose subject the percentage rules do not find yet
    if value.value.endswith("%"):
        yield from percentages.percent(span, text, value, sc)
        return
    noun = root.head if root.dep_ in ("nummod", "amod", "quantmod", "compound", "det", "predet") and root.head.pos_ in ("NOUN", "PROPN") else None
    if noun is None and root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in ("NOUN", "PROPN"):
        noun = root.head.head
    if noun is not None and noun.lemma_.lower() in v.measure_units:
        yield from measures.measure(text, value, noun, sc)
        return
    if noun is not None and _duration_unit(span, noun):  # "sentenced to 135 months": a length of time the NER missed, not "a few years"
        timed = span.doc[span.start : noun.i + 1]
        length = normalize.duration(with_qualifier(timed).text)
        if length is not None:
            yield from durations.duration(timed, with_qualifier(timed), length, sc)
        return
    part = noun is None and _partitive(root)
    if part:
        noun = part  # "74 of the 97 victims": a part of the victims, counted as victims
    if noun is None:
        tally = _tallied(root, sc)
        if tally is None and root.dep_ in SUBJECT_DEPS | {"dobj"}:
            verb_attribute, verb = _count_verb(root, sc)  # "more than 200 are missing"
            if verb_attribute:
                tally = verb_attribute, subjects.event_subject(sc), verb
        if tally is not None and tally[1]:
            attribute, subject, trigger = tally
            yield candidate(sc, "quantity", attribute, subject, value, text, trigger, "quantity.tally.v1", 0.7)
            return
        acted = _what_they_did(root, sc) if tally is None and root.dep_ in SUBJECT_DEPS | {"dobj"} else None
        if acted is not None:  # "some 380,000 have taken refuge": a count of those who took refuge
            attribute, verb = acted
            attribute = _event_measure(verb, sc) or attribute  # "the quake measured 6.8": its magnitude
            subject = subjects.event_subject(sc) or subjects.actor(verb, sc)
            if subject:
                yield candidate(sc, "quantity", attribute, subject, value, text, verb, "quantity.verb.v1", 0.5)
            return
        elided = _elided(root, sc)
        if elided is not None:
            attribute, subject, trigger, confidence = elided
            yield candidate(sc, "quantity", attribute, subject, value, text, trigger, "quantity.elided.v1", confidence)
        return
    if _name_number(root, noun, value, v):
        return
    phrase = noun_phrase(noun)
    lemma = noun.lemma_.lower()
    attribute = v.count_nouns.get(phrase) or v.count_nouns.get(lemma)
    trigger = noun
    qualifier = None
    verb_attribute, verb = _count_verb(noun, sc)
    if verb_attribute and attribute != v.named["members"]:
        attribute, trigger = verb_attribute, verb  # "212 runners were treated": injured, not participants
        qualifier = _role_words(noun, v, amount=noun.i != root.head.i)  # "the four remaining workers who are presumed dead"
    elif verb is None and attribute is not None:
        # "5,000 homes damaged" is not "two houses buried"; "board members" are not member countries
        qualifier = _role_words(noun, v, amount=noun.i != root.head.i)
    confidence = 0.7
    used = None
    if attribute is None and _people(noun, v):
        acted = _what_they_did(noun, sc)  # "13.5 million people have been affected": affect_count
        if acted is not None:
            attribute, trigger = acted
            confidence = 0.5
            used = _done_to(trigger, noun)
    if attribute is None:
        if lemma in v.uncounted_nouns or noun.pos_ != "NOUN" or noun.tag_ not in ("NNS", "NN") or value.value.startswith("0"):
            return
        attribute, confidence = f"{lemma.replace(' ', '_')}_count", 0.5  # any other counted noun
        qualifier = _role_words(noun, v, amount=noun.i != root.head.i)
    if attribute == v.named["members"] and noun.dep_ == "pobj" and noun.head.head.lemma_.lower() in v.support_nouns:
        attribute = v.named["backers"]
        subject = subjects.owner(noun.head.head, sc)
        trigger = noun.head.head
    elif attribute == v.named["members"] and noun.dep_ in ("compound", "amod", "nmod") and noun.head.pos_ in ("NOUN", "PROPN"):
        subject = subjects.resolve(noun.head, sc)  # "the 32-member alliance"
    else:
        named = _name_before(noun.head, sc) if noun.dep_ == "pobj" and noun.head.lower_ in ELLIPSIS_PREPOSITIONS else None
        # "35,000 people a day use the bridge": the bridge's users; "puts Labour on 410 seats": Labour's
        subject = named or (used is not None and subjects.resolve(used, sc)) or _counted_owner(noun, attribute, sc)
    if not subject:
        return
    if part:
        # never the total's value: "74 of the 97 victims have been identified"; a number given as
        # another's equal is quoted alone
        qualifier, trigger = PART, (None if root.dep_ == "conj" else root.head)
    yield candidate(sc, "quantity", attribute, subject, value, text, trigger, "quantity.counted_noun.v1",
                          confidence, qualifier=qualifier)


AMOUNT_LINKS = ("to", "-", "–")  # the word between the two ends of a range of amounts ("250 to 340 miles")


def _range_unit(number: "Span", v) -> Optional["Token"]:
    """The unit of the amount a bare number opens a range to ('270 to 410 miles'), else None."""
    doc = number.doc
    if number.end + 2 >= len(doc) or doc[number.end].lower_ not in AMOUNT_LINKS or not doc[number.end + 1].like_num:
        return None
    unit = doc[number.end + 2]
    return unit if unit.lemma_.lower() in v.measure_units else None


def _range_ends(numbers: "Span") -> list["Span"]:
    """'250 to 340': the two ends of a range of amounts, each a number of its own; none for
    anything else."""
    link = next((t for t in numbers if t.lower_ in AMOUNT_LINKS), None)
    if link is None:
        return []
    ends = [numbers.doc[numbers.start : link.i], numbers.doc[link.i + 1 : numbers.end]]
    return ends if all(len(e) and normalize.quantity(e.text) is not None for e in ends) else []


def _role_words(noun: "Token", v, amount: bool) -> Optional[str]:
    """The words that say which of its kind a counted noun is: its verb ('12 bridges destroyed'),
    else its modifiers ('board members'), the one that gives it a role first ('the four
    remaining workers who are presumed dead': remaining). A verb gives no role to an amount the
    number is 'of': 'gained 63 seats' is a gain, 'gain a majority of some 176' the majority."""
    words = [None if amount else governing_verb(noun, v), modifiers(noun, v)]
    return next((w for w in words if v.role_of(w)), words[0] or words[1])


def _duration_unit(number: "Span", noun: "Token") -> bool:
    """Whether the noun after a number is a unit of time it measures ('135 months'), not the
    point in time a word after it makes ('four years ago')."""
    following = noun.doc[noun.i + 1].lower_ if noun.i + 1 < len(noun.doc) else ""
    return (noun.i == number.end and noun.lower_ in normalize.lexicon().duration_units and following not in ("ago", "later", "earlier")
            and any(t.like_num for t in number))


def _name_number(number: "Token", noun: "Token", value, v) -> bool:
    """'Local 862 president', 'a Boeing 737 jet': a number before a singular noun that is a title
    or after a name is part of a name, not a count of the noun."""
    if noun.tag_ != "NN" or not value.value.isdigit() or int(value.value) <= 1 or (
            number.i + 1 < len(number.doc) and number.nbor(1).text == "-"):
        return False
    before = number.i > number.sent.start and number.nbor(-1).pos_ == "PROPN"
    return before or noun.lower_ in v.title_words


ELLIPSIS_PREPOSITIONS = ("on", "with", "to", "at", "from")  # "the Greens on 118", "up from 24 on Monday"
PART = "part"  # the role of a count that is part of another (vocabulary count_roles)


def _partitive(number: "Token"):
    """'74 of the 97 victims', '46,000 of the union's 146,000 members': the counted noun of
    the total a number is a part of, else None; a number given as another's equal ('69.3% or
    26,697 of the 35,522 votes') shares its total."""
    heads = [number, number.head] if number.dep_ == "conj" else [number]
    of = next((c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None:
        return None
    noun = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
    if noun is None or not any(c.dep_ == "nummod" and c.like_num for c in noun.children):
        return None
    return noun


def _elided(number: "Token", sc: "SentenceContext"):
    """'Labour on 410 seats, the Conservatives on 131', 'losing 38 seats to end on just nine': a
    bare number after a preposition counts what the nearest counted number before it counts
    (in its sentence or the one before), for the name just before the preposition, else for
    the clause's subject. (attribute, subject, trigger, confidence), or None."""
    v = sc.vocabulary
    if number.dep_ != "pobj" or number.head.lower_ not in ELLIPSIS_PREPOSITIONS:
        return None
    preposition = number.head
    doc = number.doc
    counted = next((t.head for t in reversed(doc[_sentence_before(sc) : number.i]) if t.like_num and t.dep_ == "nummod"
                    and t.head.pos_ == "NOUN" and t.head.i < number.i), None)
    if counted is None:
        return None
    lemma = counted.lemma_.lower()
    attribute = v.count_nouns.get(noun_phrase(counted)) or v.count_nouns.get(lemma)
    confidence = 0.6 if attribute else 0.5
    attribute = attribute or f"{lemma.replace(' ', '_')}_count"
    subject = (_name_before(preposition, sc) or (subjects.event_subject(sc) if attribute in v.event_attributes else None)
               or subjects.actor(preposition.head, sc))  # "89 deaths, up from 24": the same event's
    return (attribute, subject, counted, confidence) if subject else None


def _name_before(preposition: "Token", sc: "SentenceContext"):
    """'Labour on 410 seats', 'Reform UK on 13': the whole name right before the preposition."""
    doc = preposition.doc
    if preposition.i <= sc.sentence.start or doc[preposition.i - 1].pos_ != "PROPN":
        return None
    first = preposition.i - 1
    while first > sc.sentence.start and doc[first - 1].pos_ == "PROPN":
        first -= 1
    name = doc[first : preposition.i]
    return sc.article.canonical(name.text, "ORG") if len(name) > 1 else subjects.resolve(name[0], sc)


def _count_verb(noun: "Token", sc: "SentenceContext"):
    """'40 people were killed', 'killed 40 people', '3,000 evacuated': the verb names the count."""
    v = sc.vocabulary
    head = noun.head
    tokens = [head, *[c for c in head.children if c.dep_ in ("acomp", "xcomp", "oprd", "attr") and c.i != noun.i]]
    described = [c for c in noun.children if c.dep_ in ("acl", "relcl", "amod")]
    tokens += described + [c for d in described for c in d.children if c.dep_ in ("acomp", "oprd", "xcomp")]  # "who are presumed dead"
    for token in tokens:
        for phrase in phrases(token):
            if phrase in v.count_verbs:
                return v.count_verbs[phrase], token
    return None, None


def _tallied(root: "Token", sc: "SentenceContext"):
    """'the death toll rose to 40', 'turnout was 61%': a tally noun is the subject of the verb;
    'officials put the toll at 40', 'raised the death toll to 97': or its object, when the
    number is where the verb puts it; 'confirmed fatalities rose to 93': so is a counted noun
    in the plural with no number of its own, also just before the verb when the parser hung it
    elsewhere."""
    v = sc.vocabulary
    verb = root.head.head if root.dep_ == "pobj" else root.head
    placed = root.dep_ == "pobj" and root.head.lower_ in ("at", "to") and root.head.head.i == verb.i
    for climbed in range(2):
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS or (placed and child.dep_ == "dobj"):
                for phrase in (noun_phrase(child), child.lemma_.lower()):
                    if phrase in v.tally_nouns:
                        attribute = v.tally_nouns[phrase]
                        return attribute, _counted_owner(child, attribute, sc), child
                tallied = _tally_of(child, sc) or _tally_before(child, sc) if child.lemma_.lower() in v.tally_heads else None
                if tallied is not None:
                    return tallied
                counted = _counted_subject(child, v) if child.dep_ in SUBJECT_DEPS and not climbed else None
                if counted is not None:
                    return counted, _counted_owner(child, counted, sc), child
        before = verb.doc[verb.i - 1] if placed and not climbed and verb.i > sc.sentence.start else None
        counted = _counted_subject(before, v) if before is not None and before.dep_ not in SUBJECT_DEPS else None
        if counted is not None:  # "Maui Police Department at 2:30 p.m. confirmed fatalities remains at 93": misparsed
            return counted, _counted_owner(before, counted, sc), before
        if verb.head.i == verb.i:
            break
        verb = verb.head
    return None


def _counted_subject(noun: "Token", v) -> Optional[str]:
    """The attribute a plural counted noun names when it is the subject a number is said of
    ('deaths climbed to 120'), not when it has its own number ('12 deaths were reported')."""
    if noun.tag_ != "NNS" or any(c.like_num for c in noun.children):
        return None
    return v.count_nouns.get(noun_phrase(noun)) or v.count_nouns.get(noun.lemma_.lower())


def _people(noun: "Token", v) -> bool:
    """Whether a counted noun counts people: a word for people, or a capitalised plural the NER
    left untagged ('30,000 Marylanders')."""
    return noun.lemma_.lower() in v.human_nouns or (noun.tag_ == "NNS" and noun.text[:1].isupper()
                                                    and noun.i != noun.sent.start)


def _what_they_did(counted: "Token", sc: "SentenceContext"):
    """The verb a count of people is the subject, agent or object of, when no list names it: its
    lemma, with what it is done to ('take_refuge'; 'use_bridge' whether the people use the bridge
    or the bridge is used by them), as the attribute; None for reporting verbs and 'be' or
    'have' alone."""
    verb = next((c for c in counted.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"), None)  # "people taking refuge"
    if verb is None:
        verb = counted.head.head if counted.dep_ == "pobj" and counted.head.dep_ == "agent" else counted.head
        if verb.pos_ != "VERB" or not (counted.dep_ in SUBJECT_DEPS | {"dobj"} or counted.head.dep_ == "agent"):
            return None
    lemma = verb.lemma_.lower()
    if lemma in sc.vocabulary.reporting_verbs or lemma in ("be", "have"):
        return None
    done = _done_to(verb, counted)
    return (f"{lemma}_{done.lemma_.lower()}" if done is not None else lemma) + "_count", verb


def _event_measure(verb: "Token", sc: "SentenceContext") -> Optional[str]:
    """What a number an event measured is ('the quake measured 6.8', 'an earthquake that
    measured 6.2', 'a tremor measuring 5.9': magnitude), by the event's class; None otherwise."""
    v = sc.vocabulary
    if verb.lemma_.lower() not in v.measuring_verbs:
        return None
    measured = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if measured is None or measured.tag_ == "WDT":  # "a tremor measuring 5.9", "an earthquake that measured 6.2"
        measured = verb.head if verb.dep_ in ("acl", "relcl") else None
    event_class = v.event_nouns.get(measured.lemma_.lower()) if measured is not None else None
    return v.event_measures.get(event_class) if event_class else None


def _done_to(verb: "Token", counted: "Token") -> Optional["Token"]:
    """The thing a verb of a count of people is done to: its object, or its passive subject."""
    return next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN" and c.i != counted.i), None)


def _sentence_before(sc: "SentenceContext") -> int:
    """Where the sentence before this one starts (this one's start when it is the first): how far
    back an elided or a bare tally noun looks for what it counts."""
    start = sc.sentence.start
    return sc.sentence.doc[start - 1].sent.start if start > 0 else start


def _tally_before(head: "Token", sc: "SentenceContext"):
    """'The number of people listed as unaccounted for ... when the number topped 1,000': a tally
    noun that names nothing is the last one before it, in its sentence or the one before, that did."""
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children) or not any(c.lower_ == "the" for c in head.children):
        return None
    for earlier in reversed(head.doc[_sentence_before(sc) : head.i]):
        if earlier.lemma_.lower() == head.lemma_.lower() and earlier.pos_ == "NOUN":
            found = _tally_of(earlier, sc)
            if found is not None:
                attribute, _subject, _trigger = found
                return attribute, _counted_owner(head, attribute, sc), head
    return None


def _tally_of(head: "Token", sc: "SentenceContext"):
    """'the number of confirmed fatalities', 'the number of people unaccounted for': the count of
    the noun after 'of', named by that noun or the words that say what happened to it."""
    v = sc.vocabulary
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    counted = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None) if of is not None else None
    if counted is None:
        return None
    attribute = v.count_nouns.get(noun_phrase(counted)) or v.count_nouns.get(counted.lemma_.lower())
    verb_attribute, _verb = _count_verb(counted, sc)
    attribute = verb_attribute or attribute
    if attribute is None:
        modifier = next((p for c in (*counted.children, *head.children)  # "people listed as unaccounted for"
                         if c.dep_ in ("amod", "acl", "relcl")  # (the parser may hang it on "number")
                         for t in c.subtree for p in phrases(t) if p in v.count_verbs), None)
        attribute = v.count_verbs.get(modifier) if modifier else None
    if attribute is None and counted.tag_ == "NNS" and counted.lemma_.lower() not in v.uncounted_nouns:
        attribute = f"{counted.lemma_.lower()}_count"  # "the number of reservations": as "2 million reservations" is named
    return (attribute, _counted_owner(counted, attribute, sc), head) if attribute else None


def _counted_owner(noun: "Token", attribute: str, sc: "SentenceContext"):
    """Whose count a noun is; a casualty count with no owner in the sentence is the story's event's."""
    if attribute in sc.vocabulary.event_attributes:
        return subjects.owner(noun, sc, fallback=False) or subjects.event_subject(sc)
    return subjects.owner(noun, sc)


def unlabelled(sc: "SentenceContext", seen: set[int]) -> Iterable[Candidate]:
    """Counts the NER did not tag: a bare number, a vague one ('dozens of'), and 'all member
    states' (every one of them, however many that is); tokens in `seen` were read already."""
    doc = sc.sentence.doc
    vague = normalize.lexicon().vague
    for token in (doc[i] for i in sc.words.picked(_may_count, sc.sentence) if i not in seen):
        lower = token.lower_
        if (
            (token.like_num and not token.ent_type_ and token.pos_ == "NUM")
            or (lower in vague and token.dep_ in ("amod", "nummod"))
            or (lower == "all" and token.dep_ in ("det", "predet") and not any(t.like_num for t in token.head.children)
                and sc.vocabulary.count_nouns.get(noun_phrase(token.head)) in (sc.vocabulary.named["members"], sc.vocabulary.named["backers"]))
        ):
            yield from count(doc[token.i : token.i + 1], sc)


def _may_count(words: "Words") -> "np.ndarray":
    """The words `unlabelled` reads further: a number no entity holds, a vague number word that
    modifies, 'all' as a determiner."""
    number = words.like_num & (words.ent_type == 0) & (words.pos == NUM)
    vague = among(words.lower, _vague_ids()) & among(words.dep, MODIFIER_DEPS)
    every = (words.lower == get_string_id("all")) & among(words.dep, DETERMINER_DEPS)
    return number | vague | every


MODIFIER_DEPS, DETERMINER_DEPS = ids(("amod", "nummod")), ids(("det", "predet"))


@lru_cache(maxsize=1)
def _vague_ids() -> "np.ndarray":
    return ids(normalize.lexicon().vague)


EARLIER = "previous"  # the role of a value given as what a count was before (vocabulary count_roles)


def earlier_values(candidates: list[Candidate]) -> None:
    """'850 people unaccounted for, down from estimates of about 1,000', '89 deaths, up from 24':
    a count given as what the count before it in its sentence was earlier is that count, with
    the role of an earlier value, whatever noun it is written with."""
    last: dict[int, Candidate] = {}
    for c in sorted(candidates, key=lambda c: c.start):
        if c.kind != "quantity" or c.value_root is None:
            continue
        sentence = c.sentence.start
        before = last.get(sentence)
        if before is not None and _from_earlier(c.value_root):
            c.attribute, c.subject, c.qualifier = before.attribute, before.subject, EARLIER
        else:
            last[sentence] = c


def _from_earlier(number: "Token") -> bool:
    """Whether a number is what a count came 'down from' or 'up from' ('from estimates of 1,000')."""
    word = number
    if word.dep_ == "pobj" and word.head.lower_ == "of" and word.head.head.dep_ == "pobj":
        word = word.head.head
    return word.dep_ == "pobj" and word.head.lower_ == "from" and word.head.head.lower_ in ("down", "up")
