"""Roles: the titles people hold ('Interior Minister Paolo Greco', 'Mark Rutte, the outgoing
prime minister') and who leads a body ('a coalition led by Dick Schoof')."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from spacy.strings import get_string_id

from .. import normalize
from . import subjects
from .candidates import Candidate
from .context import Inferred, among
from .names import entity_at, entity_text

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from spacy.tokens import Token

    from .context import SentenceContext, Words


PLACE_PREPOSITIONS = ("of", "for", "in")


def find(sc: "SentenceContext") -> Iterable[Candidate]:
    """Titles in front of a name or in apposition to it."""
    sentence = sc.sentence
    v = sc.vocabulary
    starts = [j - sentence.start for j in sc.words.picked(_title_starts, sentence)]  # where a title can begin
    if not starts:
        return
    tokens = sc.tokens
    lowered = [t.lower_ for t in tokens]
    i = 0  # where the words not read yet begin
    for start in starts:
        if start < i:
            continue
        i = start
        title = next((t for t in v.titles.get(lowered[i], ()) if tuple(lowered[i : i + len(t)]) == t), None)
        if title is None:
            continue
        end = i + len(title)
        # "Minister of Foreign Affairs of Latvia", "a spokesperson for the Red Cross", "health
        # minister in Libya's eastern administration": a place after the title ("for" and "in"
        # only before a named body or place)
        place = None
        if end + 1 < len(tokens) and lowered[end] in PLACE_PREPOSITIONS:
            j = end + 2 if lowered[end + 1] == "the" else end + 1
            k = j
            while k < len(tokens) and tokens[k].pos_ == "PROPN":
                k += 1
            ent = entity_at(tokens[j]) if tokens[j].ent_type_ in ("GPE", "ORG") else None
            label = ent.label_ if ent is not None and ent.start >= tokens[j].i - 1 else "GPE"
            if ent is not None and label == ent.label_:  # "of Latvia", "of the Walt Disney Co."
                place_end = min(ent.end - sentence.start, k)
            elif lowered[end] != "of":
                place_end = j  # "spokesman in Washington said": no body named
            elif k - j >= 3:  # "of Latvia Edgars Rinkēvičs": the place, then a name
                place_end = j + 1
            else:
                place_end = k
            if place_end > j:
                place = sc.article.canonical(sentence.doc[tokens[j].i : tokens[place_end - 1].i + 1].text, label)
                end = place_end
        name = subjects.name_after(tokens, end, sc)
        if name is not None:
            name_end, person = name
            modifiers, place_before, first = _title_modifiers(tokens, i, sc)
            yield from _role_claims(
                sc, tokens[first].i, tokens[name_end - 1].i, title, modifiers, place or place_before, person,
            )
            i = name_end
            continue
        appositive = subjects.appositive_name(tokens, i, v)
        said_of = subjects.predicative_name(tokens, i, end, v) if appositive is None else None
        if said_of is not None:
            appositive = (said_of, i)
        if appositive is not None:
            person_token, start_token = appositive
            person = sc.article.canonical(entity_text(person_token), "PERSON")
            modifiers, place_before, _ = _title_modifiers(tokens, i, sc)
            if person:
                yield from _role_claims(
                    sc, person_token.i, tokens[end - 1].i, title, modifiers, place or place_before, person,
                )
        i = end


def _title_starts(words: "Words") -> "np.ndarray":
    """The words a title of the vocabulary begins with."""
    return among(words.lower, words.vocabulary.ids("titles"))


def _title_modifiers(tokens: list["Token"], i: int, sc: "SentenceContext"):
    """Words in front of a title: when it was held ('former') and where ('Latvian', 'NATO',
    'the assembly'), and the index of the first of them (where the role's quote begins)."""
    v = sc.vocabulary
    modifiers, place = [], None
    j = i - 1
    while j >= 1 and tokens[j].lower_ in v.time_modifiers:
        j -= 1
    if j >= 1 and tokens[j].tag_ == "POS" and tokens[j - 1].pos_ == "PROPN":  # "Lumora's interim chief"
        owner = tokens[j - 1]
        place = sc.article.canonical(entity_text(owner), owner.ent_type_)
        modifiers.append(("place", entity_text(owner)))
        modifiers += [t.lower_ for t in tokens[j + 1 : i] if t.lower_ in v.time_modifiers]
        return modifiers, place, j - 1
    j = i - 1
    while j >= 0 and (tokens[j].ent_type_ != "PERSON" or tokens[j].dep_ == "compound") and (
        tokens[j].lower_ in v.time_modifiers or (tokens[j].ent_type_ in ("NORP", "GPE", "ORG") and not tokens[j].is_lower)
        or tokens[j].lower_ in v.demonyms or (tokens[j].lower_ in v.descriptors and tokens[j].dep_ == "compound")
        or (tokens[j].pos_ == "PROPN" and tokens[j].dep_ == "compound" and tokens[j].lower_ not in v.title_words
            and not tokens[j].is_lower)  # "boomerang CEO Bob Iger": a lowercase word the tagger called a name
        or _numbered_name(tokens, j)
    ):
        token = tokens[j]
        if token.lower_ in v.time_modifiers:
            modifiers.append(token.lower_)
        elif place is None and _numbered_name(tokens, j):  # "UAW Local 862 President": the local, not the union
            text = f"{entity_text(tokens[j - 1])} {token.text}"
            place = sc.article.canonical(text, "ORG")
            modifiers.append(("place", text))
        elif place is None:
            text = token.text if token.lower_ in v.demonyms else entity_text(token) if token.ent_type_ in ("GPE", "ORG") else token.text
            if text.lower() in v.demonyms:
                place = v.demonyms[text.lower()]
            elif token.ent_type_ or token.pos_ == "PROPN":
                place = sc.article.canonical(text, token.ent_type_)
            else:
                place = subjects.resolve(token, sc, strict=True)
            modifiers.append(("place", text))
        j -= 1
    return modifiers, place, j + 1


def _numbered_name(tokens: list["Token"], j: int) -> bool:
    """A number that ends a name ('Local 862', 'Apollo 11')."""
    return tokens[j].like_num and j >= 1 and tokens[j - 1].pos_ == "PROPN" and not tokens[j - 1].ent_type_ == "PERSON"


def _role_claims(sc: "SentenceContext", first: int, last: int, title, modifiers, place, person) -> Iterable[Candidate]:
    sentence = sc.sentence
    v = sc.vocabulary
    phrase = " ".join(title).replace(" - ", "-")
    canonical = v.title_synonyms.get(phrase, v.title_synonyms.get(phrase.replace("-", " "), phrase)).replace("-", " ")
    words = [m for m in modifiers if isinstance(m, str)]
    place_words = [m[1] for m in modifiers if isinstance(m, tuple)]
    span = sentence.doc[min(first, last) : max(first, last) + 1]
    if set(words) & v.former_modifiers:
        value = " ".join([*place_words, canonical]).strip()
        yield Candidate(
            kind="role", attribute="former_role", subject=person, value=normalize.Normalized("role", value),
            value_text=span.text, start=sc.offset + span.start_char, end=sc.offset + span.end_char, sentence=sentence,
            offset=sc.offset, rule="role.former_title.v1", confidence=0.7,
        )
        return
    prefix = "next_" if set(words) & v.future_modifiers else ""
    attribute = prefix + canonical.replace(" ", "_")
    if not place and canonical in v.descriptive_titles:
        return  # "far-right politician Geert Wilders": a description, not an office
    if not place:  # "Interior Minister Paolo Greco": of the country (or event, or body) the article is about
        if canonical in v.government_titles:
            place = sc.article.default(["GPE"])
        else:
            place = sc.article.default(["ORG"], event=canonical in v.event_titles)
    if place and place != person:
        yield Candidate(
            kind="role", attribute=attribute, subject=place, value=normalize.Normalized("role", person),
            value_text=span.text, start=sc.offset + span.start_char, end=sc.offset + span.end_char, sentence=sentence,
            offset=sc.offset, rule="role.title.v1", confidence=0.75,
        )


def led_by(sc: "SentenceContext") -> Iterable[Candidate]:
    """'a coalition led by former spy chief Dick Schoof': who leads a body."""
    sentence = sc.sentence
    for token in (sentence.doc[i] for i in sc.words.picked(_led_by_verbs, sentence)):
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        person = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
        if person is None:
            continue
        name = sc.article.canonical(entity_text(person), "PERSON") if person.ent_type_ == "PERSON" else None
        if not name:
            continue
        led = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        if led is None and token.dep_ in ("acl", "relcl"):
            led = token.head  # "a coalition led by ..."
        if led is None or led.lower_ in ("it", "they"):
            continue
        subject = subjects.resolve(led, sc)
        if not subject:
            continue
        span = sentence.doc[min(led.i, token.i) : person.i + 1]
        if len(span) > 14:
            span = sentence.doc[token.i : person.i + 1]
        yield Candidate(
            kind="role", attribute="led_by", subject=subject, value=normalize.Normalized("role", name),
            value_text=entity_text(person), start=sc.offset + span.start_char, end=sc.offset + span.end_char,
            sentence=sentence, offset=sc.offset, rule="role.led_by.v1", confidence=0.7, anchor=token,
        )


def _led_by_verbs(words: "Words") -> "np.ndarray":
    """Past participles of the verbs of leading ('led', 'headed')."""
    return words.lemma_in("led_by_verbs", words.tag == get_string_id("VBN"))


def places_from_article(candidates: list[Candidate]) -> None:
    """'President Biden' after 'U.S. President Joe Biden': the place the article itself gives a
    person's title replaces the default (the country the article is about)."""
    explicit = {(c.attribute, c.value.value): c.subject for c in candidates
                if c.kind == "role" and not isinstance(c.subject, Inferred)}
    for c in candidates:
        if c.kind == "role" and isinstance(c.subject, Inferred) and (c.attribute, c.value.value) in explicit:
            c.subject = explicit[(c.attribute, c.value.value)]
