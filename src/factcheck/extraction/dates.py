"""Dates and times: when something happens or happened, by the words that govern the date,
the event it belongs to, or the clause's verb ('held on Thursday': hold_date)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, Optional

from .. import normalize
from . import counts, durations, ordinals, subjects
from .candidates import Candidate, candidate
from .names import entity_at
from .parse import clause_head, find_trigger, noun_phrase, phrases, with_qualifier

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from .context import SentenceContext


def date(ent: "Span", sc: "SentenceContext", whole: bool = True) -> Iterable[Candidate]:
    """A DATE entity: a duration, a date the words around it name, or a count the NER took for a date."""
    v = sc.vocabulary
    ent = _with_compound_duration(_with_range_end(_with_range_start(ent))) if whole else ent
    words = ent.text  # joined from the tokens on every access
    if normalize.temporal(words) is None and normalize.time_of_day(words) is not None:
        yield from time(ent, sc)  # the NER tags some times of day as dates ("4:17am")
        return
    text = with_qualifier(ent)
    duration = normalize.duration(text.text)
    elapsed = None if _dates_a_noun(ent, v) else _time_ago(ent)
    verb = _between_verb(ent) if elapsed is not None else None
    if verb is not None and verb.pos_ == "VERB" and durations.event_lasting(ent, v) is None \
            and not (ent[-1].lower_ == "ago" and _reports(verb, v)):  # "the trial lasted 10 weeks before": a length
        # "unveiled it four years ago", "came seven hours after": the time between the verb's
        # event and another, as the sources count it
        subject = subjects.actor(verb, sc) or subjects.event_subject(sc)
        if subject:
            since = ent[-1].lower_ == "ago"  # time since, or the gap between two events ("one day after he appeared")
            yield candidate(sc, "duration", f"{verb.lemma_.lower()}_{'duration' if since else 'gap'}", subject, elapsed,
                            with_qualifier(ent), verb, "duration.ago.v1" if since else "duration.between.v1", 0.55)
            return
    if duration is not None and not re.search(r"\b(?:ago|earlier|later)\b", words, re.I):
        if re.search(r"\bold\b", words) and durations.event_lasting(ent, v) is None:
            return  # an age: the age patterns read it with its person
        yield from durations.duration(ent, text, duration, sc)
        return
    value = normalize.temporal(words)
    relative = value is None and normalize.is_relative(words)
    if value is None and not relative:
        if normalize.quantity(words) is not None:  # the NER calls some counts dates ("stands at 43")
            yield from counts.count(ent, sc)
            return
        cut = next((t.i for t in ent[1:-1] if t.lower_ in ("to", "for", "and", ",")), None)
        if cut is not None:  # "on Friday to 12 years": the NER joined a date and a duration
            for part in (ent.doc[ent.start : cut], ent.doc[cut + 1 : ent.end]):
                yield from date(part, sc, whole=False)
        return
    listed = _listed_dates(ent) if whole and value is not None and value.kind == "date_range" else None
    if listed:  # "the successes of 1978 and 1985": two dates, not the years between them
        for part in listed:
            yield from date(part, sc, whole=False)
        return
    if whole and _opens_range(ent):
        return  # "from 2005 to 2020": the range is the later date's claim
    if value is None:  # resolved later against the publication date; kept as written
        value = normalize.Normalized("date", words.strip())
    root = ent.root
    preposition = root.head.lower_ if root.dep_ == "pobj" else ""
    if preposition == "since":
        yield from durations.triggered("date", v.since_triggers, value, ent, sc, "date.since.v1", 0.8) or ()
        return
    above = root.head if root.dep_ == "pobj" and root.lemma_.lower() in v.period_parts and root.i < ent.end - 1 else root
    found = find_trigger(above, v.date_triggers, hops=3)
    handed = _handed_over(above, sc) if found is None else None
    if handed is not None:  # "handing the mantle over to Chapek in early 2020": when Chapek took over
        person, verb = handed
        yield candidate(sc, "date", v.named["takes_office"], person, value, ent, verb, "date.triggered.v1", 0.7)
        return
    if found is not None:
        attribute, trigger = found
        word_class = v.word_classes.get(trigger.lemma_.lower())
        begun = _begun(trigger, v) if word_class == "begin" else None
        if begun is not None:  # "will start delivering its Cybertruck on November 30": when it delivers
            attribute = f"{begun.lemma_.lower()}_date"
        shown = _shown(trigger) if word_class == "unveil" else None
        if attribute in v.event_attributes:  # "the deal is expected to close by March 31": the story's deal
            subject = subjects.event_subject(sc)
        elif shown is not None:  # "Tesla first unveiled the Cybertruck in November 2019": the truck's
            subject = subjects.resolve(shown, sc) or subjects.actor(trigger, sc)
        else:
            subject = subjects.actor(trigger, sc)
        ending = word_class == "end" or attribute == v.named["term_end"]
        term = _term_ending(trigger, v) if ending else None
        if term is not None:  # "his term will end on December 31, 2024": when his term ends
            attribute, subject = v.named["term_end"], subjects.owner(term, sc) or subject
        if subject:
            if value.kind == "date_range" and attribute == v.named["takes_office"]:
                attribute = v.named["in_office"]  # "led the company from 2020 to 2022": the whole span
            yield candidate(sc, "date", attribute, subject, value, ent, trigger, "date.triggered.v1", 0.75)
            return
    event = subjects.event_of(root, sc)
    if event is not None:
        subject, trigger = event
        yield candidate(sc, "date", sc.vocabulary.named["event_date"], subject, value, ent, trigger, "date.event.v1", 0.7)
        return
    attribute = v.boundary_prepositions.get(preposition) if value.kind == "date" else None
    verb = clause_head(root)
    if value.kind == "date_range" and _holds_post(verb, v):
        attribute = v.named["in_office"]  # "was CEO from 2005 to 2020", "served the company from 1984 to 2005"
    elif preposition in ("until", "through", "till") and verb.lemma_ in v.staying_verbs and _holds_post(verb, v):
        attribute = v.named["term_end"]  # "will remain CEO through Dec. 31, 2026": when the post ends
    elif preposition in ("until", "till"):
        delayed = _not_until(verb, v)
        if delayed is not None:  # "will not have to surrender to serve prison time until April 27": she surrenders then
            attribute, verb = delayed
    if attribute is None and verb.pos_ == "VERB" and not _reports(verb, v):
        attribute = f"{verb.lemma_.lower()}_date"  # "Funerals were held on Thursday": hold_date
    if attribute is None:
        return
    trigger = root.head.head if preposition else verb
    subject = subjects.actor(trigger, sc)
    done_to = next((c for c in verb.children if c.dep_ == "dobj"), None)  # "attended the Winter Olympics"
    qualifier = noun_phrase(done_to) if done_to is not None and done_to.pos_ in ("NOUN", "PROPN") else None
    if subject:
        yield candidate(sc, "date", attribute, subject, value, ent, trigger, "date.clause.v1", 0.5, qualifier)


def _handed_over(word: "Token", sc: "SentenceContext") -> Optional[tuple[str, "Token"]]:
    """'handing the mantle over to Chapek in early 2020': a post handed to someone, who takes it
    on the date; (the one handed to, the verb), else None."""
    v = sc.vocabulary
    verb = clause_head(word)
    if verb.pos_ != "VERB" or not v.handover_verbs.intersection(phrases(verb)):
        return None
    handed = next((c for c in verb.children if c.dep_ == "dobj"), None)
    to = next((c for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"), None)
    person = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if handed is None or handed.lemma_.lower() not in v.handover_objects or person is None:
        return None
    name = subjects.resolve(person, sc)
    return (name, verb) if name else None


def _not_until(verb: "Token", v) -> Optional[tuple[str, "Token"]]:
    """'She will not have to surrender until April 27': a thing not done until a date is done on
    it; the attribute the verbs above the date name, and the one that names it, when one of them
    is negated."""
    chain = [verb]
    while len(chain) < 4 and chain[-1].dep_ in ("xcomp", "advcl", "ccomp", "conj") and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    if not any(c.dep_ == "neg" for word in chain for c in word.children):
        return None
    return next(((v.date_triggers[p], word) for word in chain for p in phrases(word) if p in v.date_triggers), None)


def _shown(verb: "Token") -> Optional["Token"]:
    """The named thing a verb of unveiling shows ('unveiled the Cybertruck'), else None."""
    return next((c for c in verb.children if c.dep_ == "dobj" and (c.pos_ == "PROPN" or c.ent_type_ in ("PRODUCT", "WORK_OF_ART", "ORG"))), None)


def _begun(verb: "Token", v) -> Optional["Token"]:
    """The verb a verb of beginning governs ('start delivering', 'begin to ship'), which says what
    begins; None when it governs none or one that says nothing."""
    done = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    return done if done is not None and done.lemma_.lower() not in v.neutral_verbs else None


def _dates_a_noun(ent: "Span", v) -> bool:
    """'until his departure as executive chairman 11 months ago': a time ago said of a noun that
    names a dated event is when it happened, not a time since a verb's event."""
    last = ent[-1]
    return last.lower_ == "ago" and last.head.pos_ == "NOUN" and any(p in v.date_triggers for p in phrases(last.head))


def _time_ago(ent: "Span") -> Optional[normalize.Normalized]:
    """The length of time of 'four years ago', '90 seconds later', '10 months after the verdict':
    a time between two moments; None for any other date."""
    following = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
    if len(ent) >= 2 and ent[-1].lower_ in ("ago", "later", "earlier"):
        counted = ent.doc[ent.start : ent.end - 1]
    elif following in ("after", "before", "later", "earlier") and not (ent.root.dep_ == "pobj" and ent.root.head.lower_ in ("for", "over", "during")):
        counted = ent  # not "drifted for 11 days before a ship found them": how long they drifted
    else:
        return None
    if not any(t.like_num for t in counted):
        return None  # "years ago", "some time ago": no length stated
    return normalize.duration(with_qualifier(counted).text)


def _between_verb(ent: "Span") -> "Token":
    """The verb a time between two moments is said of: its clause's, or the one the clause after
    it hangs on ('the notice came seven hours after Microsoft won approval': came)."""
    doc = ent.doc
    following = doc[ent.end] if ent.end < len(doc) else None
    if following is None or following.lower_ not in ("after", "before"):
        return clause_head(ent.root)
    if following.dep_ == "mark" and following.head.head.i != following.head.i:
        return clause_head(following.head.head)
    return clause_head(following.head if following.dep_ != "mark" else ent.root)


def time(ent: "Span", sc: "SentenceContext") -> Iterable[Candidate]:
    """A time of day: when the event it belongs to happens."""
    value = normalize.time_of_day(ent.text)
    if value is None:
        numbered = next((t for t in ent if normalize.ordinal(t.text) is not None), None)
        if numbered is not None:  # "in the 54th minute", tagged as a time: which minute it is
            yield from ordinals.ordinal(ent.doc[numbered.i : numbered.i + 1], sc)
        elif normalize.duration(with_qualifier(ent).text) is not None or _time_ago(ent) is not None:
            yield from date(ent, sc)  # "a 10-minute video", "90 seconds later": a length of time, read as a date's
        return
    found = subjects.event_of(ent.root, sc)
    if found is not None:
        subject, trigger = found
        yield candidate(sc, "time", sc.vocabulary.named["event_time"], subject, value, ent, trigger, "time.event.v1", 0.65)
        return
    verb = clause_head(ent.root)  # "the ship hit the bridge around 1:35 a.m.": hit_time
    if verb.pos_ != "VERB" or verb.lemma_.lower() in sc.vocabulary.reporting_verbs:
        return
    subject = subjects.actor(verb, sc)
    if subject:
        yield candidate(sc, "time", f"{verb.lemma_.lower()}_time", subject, value, ent, verb, "time.clause.v1", 0.5)


def _reports(verb: "Token", v) -> bool:
    """A reporting verb in its reporting sense: 'said on Monday that ...', 'reported on Friday';
    not 'report to prison on April 27', which says when something happens."""
    return verb.lemma_.lower() in v.reporting_verbs and not any(
        c.dep_ == "prep" and c.lower_ in ("to", "for") for c in verb.children)


def _with_compound_duration(ent: "Span") -> "Span":
    """'11 years and 3 months': the NER tags two durations; they are one term."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].lower_ not in ("and", ","):
        return ent
    following = _date_entity(doc, ent.end + 1, starting=True)
    if following is None or not re.search(r"\byears?$", ent.text) or not re.search(r"\bmonths?$", following.text):
        return ent
    return doc[ent.start : following.end]


RANGE_OPENERS = ("from", "between")  # "from 2005 to 2020", "between 3 and 14 March"
RANGE_LINKS = ("to", "until", "through", "-", "–")  # the word between a range's two ends ("and" after "between")


def _term_ending(verb: "Token", v) -> Optional["Token"]:
    """'his term is set to end', 'a two-year deal expiring in December': the term, contract or
    mandate whose end a verb of ending dates, else None."""
    for node in (verb, verb.head):
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lemma_.lower() in v.duration_nouns:
            return subject
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in v.duration_nouns:
        return verb.head  # "a two-year deal expiring in December 2024"
    return None


def _holds_post(verb: "Token", v) -> bool:
    """'was CEO', 'remains CEO', 'served', 'led', 'chaired': a clause that says someone held a post."""
    if verb.lemma_ == "be" or verb.lemma_ in v.staying_verbs:
        return any(c.dep_ == "attr" and c.lower_ in v.title_words for c in verb.children)
    return v.duration_triggers.get(verb.lemma_.lower()) == v.named["held_term"]


def _opens_range(ent: "Span") -> bool:
    """'from 2005 to 2020' tagged as two dates: whether this one is the first."""
    doc = ent.doc
    return (ent.start >= 1 and doc[ent.start - 1].lower_ in RANGE_OPENERS and ent.end + 1 < len(doc)
            and doc[ent.end].lower_ in RANGE_LINKS + ("and",) and doc[ent.end + 1].ent_type_ == "DATE")


def _with_range_end(ent: "Span") -> "Span":
    """'from 2020 to 2022': the NER often tags the first year only; a year after 'to' that it
    left untagged or took for a count ends the range."""
    doc = ent.doc
    if not _opened(ent) or ent.end + 1 >= len(doc) or doc[ent.end].lower_ not in RANGE_LINKS + ("and",):
        return ent
    end = doc[ent.end + 1]
    if end.ent_type_ not in ("", "CARDINAL") or not re.fullmatch(r"(1[89]|20)\d\d", end.text):
        return ent
    start = ent.start - 1 if ent[0].lower_ not in RANGE_OPENERS else ent.start
    return doc[start : end.i + 1]


def _opened(ent: "Span") -> bool:
    """Whether 'from' or 'between' opens an entity or stands right before it."""
    return ent[0].lower_ in RANGE_OPENERS or (ent.start >= 1 and ent.doc[ent.start - 1].lower_ in RANGE_OPENERS)


def _listed_dates(ent: "Span") -> Optional[tuple["Span", "Span"]]:
    """'1978 and 1985', 'in May 2019 and June 2021': two dates the NER tagged as one, each whole
    on its own; 'between 1978 and 1985' and 'March 3 and 4' stay one range."""
    doc = ent.doc
    if _opened(ent):
        return None
    cut = next((t.i for t in ent[1:-1] if t.lower_ == "and"), None)
    if cut is None:
        return None
    parts = (doc[ent.start : cut], doc[cut + 1 : ent.end])
    values = [normalize.temporal(part.text) for part in parts]
    if any(value is None or value.kind != "date" for value in values):
        return None
    return parts


def _date_entity(doc, i: int, starting: bool) -> Optional["Span"]:
    """The DATE entity that starts (or ends) at token i, read from the tokens' entity tags
    rather than by building every entity of the piece."""
    if not 0 <= i < len(doc) or doc[i].ent_type_ != "DATE":
        return None
    if starting and doc[i].ent_iob_ != "B":
        return None
    if not starting and i + 1 < len(doc) and doc[i + 1].ent_iob_ == "I":
        return None
    return entity_at(doc[i])


def _with_range_start(ent: "Span") -> "Span":
    """'between 3 and 14 March', 'from 3 to 14 March': the NER often tags only '14 March'."""
    doc = ent.doc
    start = ent.start
    if start >= 1 and doc[start - 1].like_num and not doc[start].like_num:  # "14 March" tagged as "March"
        start -= 1
    previous = _date_entity(doc, start - 2, starting=False) if start >= 2 else None
    if previous is not None and doc[start - 1].lower_ in RANGE_LINKS and previous.start >= 1 \
            and doc[previous.start - 1].lower_ in RANGE_OPENERS:
        return doc[previous.start - 1 : ent.end]  # "from 2005 to 2020": the NER tags two dates
    if start >= 2 and doc[start - 1].lower_ in RANGE_LINKS + ("and",) and doc[start - 2].like_num:
        start -= 2
        if start >= 1 and doc[start - 1].lower_ in RANGE_OPENERS:
            start -= 1
    return doc[start : ent.end] if start != ent.start else ent
