"""Subjects: who or what a claim is about, resolved through the sentence and then the article.

Every extractor asks here, and the answer is found in one order of precedence:

0. A fact box's label: in "Lahaina fire (initially reported 8/8): 89% contained, 2,170 acres
   burned" the values after the colon are the label's (`fact_box_label`), when the subject found
   otherwise is a description, the article's default or a stray word (`settled`); a stray word
   (the value's own unit, "%", "people") is never a subject: without a label it is the story's event.
1. A name the rule itself gives: a pattern's fixed subject or its captured subject words
   (`pattern_subject`), or the label it expects (`typed_subject`: the nearest PERSON before the
   match, else the article's main entity of that label).
2. The parse around the governing word (`actor`): for a verb done to someone ("sentenced Lanz"),
   the one it is done to; for a noun, its owner (`owner`: "NATO's members", "the term of X",
   "NATO members"); else the clause's subject (`subject_token`), inherited through xcomp, conj,
   relative clauses and appositions.
3. The token so found is named by `resolve`, first match wins: an entity (its canonical form);
   a possessive pronoun, as the clause's subject; a pronoun, as the nearest entity of its type
   before it, else the article's main one; a relative pronoun, as its antecedent; an apposed
   name; a proper noun with its compounds; "the former judge", as the person just named; a
   description ("the alliance"), as the entity the article is about; a noun's owner; a
   collective head ("the Yes side"); else, unless `strict`, the noun phrase itself.
4. Nothing in the sentence: the article's default (`ArticleContext.default`), an `Inferred`
   subject: the event it reports (`event_subject`) or its main entity of the wanted labels.

Events ("the Nov. 22 election", "summit in Washington") are found by `event_of`, and named by
`event_name` with their place, else the article's name for the event, else its class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ..normalize import fold
from .context import Inferred
from .names import NAMED, clean_name, dateline, entity_at, is_byline
from .parse import CLAUSE_DEPS, INHERIT_DEPS, RELATIVE_PRONOUNS, SUBJECT_DEPS, clause_head, described_phrase, noun_phrase, small_clause

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from ..patterns import PatternSpec
    from .context import SentenceContext
    from .vocabulary import Vocabulary


def pattern_subject(spec: "PatternSpec", tokens: list["Token"], span: "Span", sc: "SentenceContext") -> Optional[str]:
    """A pattern's subject: the one it names, the words it captures, else one of the label it expects."""
    if spec.subject:
        return spec.subject
    if tokens:
        if len(tokens) > 1 or tokens[0].ent_type_:
            return sc.article.canonical(span.doc[tokens[0].i : tokens[-1].i + 1].text, tokens[0].ent_type_)
        resolved = resolve(tokens[0], sc)
        return tokens[0].lemma_.lower() if resolved == noun_phrase(tokens[0]) else resolved  # "council"
    return typed_subject(spec.subject_type, sc.offset + span.start_char, sc)


def typed_subject(label: Optional[str], before: int, sc: "SentenceContext") -> Optional[str]:
    """A subject known only by its label: the nearest person before `before`, else the article's own."""
    if label is None:
        return None
    if label == "EVENT":
        return sc.article.default(["EVENT"], event=True)
    return sc.article.nearest([label], before) if label == "PERSON" else sc.article.default([label])


def event_subject(sc: "SentenceContext") -> Optional[str]:
    """What a casualty count is about: the event the article reports, else its place."""
    return sc.article.default(["EVENT", "GPE", "ORG"], event=True)


def actor(token: "Token", sc: "SentenceContext") -> Optional[str]:
    """Who or what a governing word is said of: its subject, or a noun's owner; for a verb
    done to someone ('sentenced Lanz', 'Lanz was jailed'), the one it is done to."""
    done_to = _patient(token, sc)
    if done_to is not None:
        return resolve(done_to, sc)
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("ROOT",):
        owned_by = owner(token, sc, fallback=False)
        if owned_by:
            return owned_by
    subject = subject_token(token)
    if subject is not None:
        return resolve(subject, sc)
    return None


def _patient(verb: "Token", sc: "SentenceContext") -> Optional["Token"]:
    """The one a verb done to someone is done to ('sentenced Lanz', 'Lanz was jailed'), else None."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in sc.vocabulary.patient_verbs:
        return None
    return next((c for c in verb.children if c.dep_ in ("nsubjpass", "dobj", "dative")), None)


def actors(token: "Token", sc: "SentenceContext") -> list[str]:
    """Every subject of a verb: 'The United States and Britain backed ...' gives two."""
    subject = subject_token(token)
    if subject is None:
        return []
    names = []
    for t in (subject, *[c for c in subject.children if c.dep_ == "conj"]):
        name = resolve(t, sc, strict=True)
        if name and name not in names:
            names.append(name)
    return names


def subject_token(token: "Token") -> Optional["Token"]:
    """The word a verb, adjective or clause is said of, inherited from the clause it depends on."""
    node = token
    for _ in range(7):
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                if child.lower_ in RELATIVE_PRONOUNS and node.dep_ == "relcl":
                    return node.head
                return child
        if node.dep_ in ("acl", "relcl") and node.head.pos_ in ("NOUN", "PROPN"):
            if node.head.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in node.head.children):
                node = node.head  # "winning only 121 seats, representing a 23.7% vote share": the winner's
                continue
            return node.head
        if node.dep_ == "advcl" and node.tag_ in ("VBG", "VBN"):
            # "X soared, gaining 63, and Y imploded, losing 38": a participle the parser hung on
            # an earlier clause is said of the subject of the clause it follows
            nearest = next((t for t in reversed(node.sent[: node.i - node.sent.start]) if t.dep_ in ("nsubj", "nsubjpass")), None)
            if nearest is not None and nearest.i > node.head.i and nearest.lower_ not in RELATIVE_PRONOUNS:
                return nearest
        if node.dep_ in ("xcomp", "oprd", "acomp", "ccomp") and node.head.i != node.i:
            controller = next((c for c in node.head.children if c.dep_ == "dobj"), None)
            if controller is not None:
                return controller
        if node.dep_ in ("appos",):
            return node.head
        if node.dep_ not in INHERIT_DEPS | {"acomp", "oprd"} and node.pos_ in ("VERB", "AUX", "ADJ"):
            return None
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def owner(noun: "Token", sc: "SentenceContext", fallback: bool = True) -> Optional[str]:
    """Whose a noun is: 'NATO's members', 'its members', 'his term', 'the term of X', 'NATO members'."""
    possessor = _possessor(noun, sc.vocabulary)
    if possessor is not None:
        return resolve(possessor, sc)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (pobj.ent_type_ in NAMED or any(c.dep_ == "appos" for c in pobj.children)
                                            or pobj.lemma_.lower() in sc.vocabulary.event_nouns):  # "the magnitude of the quake"
                    return resolve(pobj, sc)
    compounds = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i]
    event = next((c for c in reversed(compounds) if c.lemma_.lower() in sc.vocabulary.event_nouns), None)
    if event is not None:  # "the Turkey, Syria earthquake death toll": the quake's toll, not Syria's
        places = [t.i for t in (*compounds, *event.lefts) if t.i < event.i and t.ent_type_ in ("GPE", "LOC", "NORP")]
        first = min([event.i] + places)
        return clean_name(noun.doc[first : event.i + 1].text)
    for child in compounds:
        if child.ent_type_ in ("ORG", "GPE", "NORP", "PERSON"):
            return resolve(child, sc)
    if not fallback:
        return None
    if noun.dep_ in ("compound", "amod") and noun.head.pos_ in ("NOUN", "PROPN"):
        return owner(noun.head, sc)
    judged = _judged(noun, sc)
    if judged:
        return judged
    subject = subject_token(noun.head) if noun.dep_ in ("dobj", "pobj", "attr") else None
    if subject is not None and subject.i != noun.i:
        resolved = resolve(subject, sc)
        if resolved and subject.ent_type_ in NAMED | {""} and not subject.lower_ in RELATIVE_PRONOUNS:
            return resolved
    return sc.article.default(["ORG", "GPE", "EVENT"])


def _judged(noun: "Token", sc: "SentenceContext") -> Optional[str]:
    """'acquitted her on four charges', 'found her guilty on four counts': the charges are hers,
    the one a verdict is said of, not the jury's."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return None
    word = noun.head.head
    judged = small_clause(word)
    if judged is not None:
        return resolve(next(c for c in judged.children if c.dep_ == "nsubj"), sc)
    patient = _patient(word, sc)
    return resolve(patient, sc) if patient is not None else None


def place_in_a_name(token: "Token", ent: "Span") -> Optional[str]:
    """'Reform UK won four seats': the NER tagged only 'UK'; the capitalised words compounded on
    it right before it are the rest of the name. None when there are none."""
    if ent.label_ != "GPE" or token.i != ent.end - 1:
        return None
    before = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < ent.start and not c.ent_type_]
    if not before or max(c.i for c in before) != ent.start - 1:
        return None
    return token.doc[min(c.i for c in before) : ent.end].text


def resolve(token: "Token", sc: "SentenceContext", strict: bool = False) -> Optional[str]:
    """The canonical name a token refers to: entity, pronoun antecedent, description, noun phrase.

    With `strict`, a plain common noun ("members") names nothing: stances need a named actor.
    """
    v = sc.vocabulary
    position = sc.offset + token.idx
    ent = entity_at(token)
    if ent is not None and ent.label_ in NAMED and is_byline(ent, None):
        # "SAN JOSE, California — Theranos founder Elizabeth Holmes was sentenced": the parse makes
        # the dateline the subject and the person its apposition; the subject is the person
        apposed = next((t for t in token.children if t.dep_ == "appos" and t.ent_type_ in ("PERSON", "ORG")), None)
        if apposed is None:  # or a second subject of the same verb
            apposed = next((t for t in token.head.children if t.dep_ == token.dep_ and t.i > token.i
                            and t.ent_type_ in ("PERSON", "ORG")), None)
        return resolve(apposed, sc, strict) if apposed is not None else None
    if ent is not None and ent.label_ in NAMED:
        named = place_in_a_name(token, ent)
        if named is not None:  # "Reform UK", "Team GB": a name the NER cut to its place
            return sc.article.canonical(named, "ORG")
        return sc.article.canonical(ent.text, ent.label_)
    lower = token.lower_
    if lower in v.pronouns and token.dep_ == "poss":
        # "the central bank kept its rate": a possessive usually means the clause's subject
        subject = next((c for c in clause_head(token).children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ not in v.pronouns and subject.i != token.head.i:
            owner = resolve(subject, sc, strict=True)
            label = v.pronouns[lower]
            if owner and (label != "PERSON" or subject.ent_type_ in ("PERSON", "")):
                return owner
    if lower in v.pronouns:
        label = v.pronouns[lower]
        boxed = _label_before(token) if label == "ORG" else None
        if boxed:
            return boxed
        types = v.entity_types.get(label, [label])
        return sc.article.nearest(types, position, salient=True) or sc.article.about(types)
    if lower in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        antecedent = token.head.head
        if antecedent.pos_ not in ("NOUN", "PROPN"):  # a misattached ", which": the noun before it
            antecedent = next((t for t in reversed(token.doc[token.sent.start : token.i]) if t.pos_ in ("NOUN", "PROPN")), antecedent)
        return resolve(antecedent, sc)
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    for child in token.children:
        if child.dep_ == "appos" and child.ent_type_ in NAMED:
            return resolve(child, sc)
    if token.dep_ == "appos" and token.head.ent_type_ in NAMED:  # "Pieter Hol, the 61-year-old who ..."
        return resolve(token.head, sc)
    if token.pos_ == "PROPN":
        if dateline(token):
            return None  # "BRUSSELS/LONDON (Reuters) -" names no subject
        if token.dep_ == "compound" and token.head.pos_ == "PROPN":
            return resolve(token.head, sc)
        words = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < token.i]
        return sc.article.canonical(" ".join(t.text for t in [*words, token]), "PERSON" if words else "")
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN" and lemma in v.title_words and any(c.lower_ == "the" for c in token.children):
        person = sc.article.nearest(["PERSON"], position)  # "the former judge": the person just named
        if person:
            return person
    placed = next((c for c in token.children if c.dep_ in ("compound", "amod") and c.ent_type_ == "GPE"), None)
    if lemma in v.descriptors and placed is not None and v.descriptors[lemma] != "EVENT":
        return resolve(placed, sc)  # "the UK regulator": the United Kingdom's, not the article's main body
    if lemma in v.descriptors and not any(c.dep_ == "poss" for c in token.children):
        label = v.descriptors[lemma]
        if label == "EVENT":
            return v.event_nouns.get(lemma, lemma)
        return sc.article.about(v.entity_types.get(label, [label])) or (None if strict else noun_phrase(token))
    if lemma not in v.relation_nouns:
        named_compound = next((c for c in token.children if c.dep_ == "compound" and c.ent_type_ in ("ORG", "PRODUCT")), None)
        if named_compound is not None:  # "Microsoft's Xbox console": the Xbox, not its owner
            return resolve(named_compound, sc)
        possessor = _possessor(token, v)
        owner = resolve(possessor, sc) if possessor is not None else None
        if owner:
            return owner
        for child in token.children:
            if child.dep_ == "compound" and child.ent_type_ in ("ORG", "GPE", "PERSON"):
                return resolve(child, sc)
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and (entity_at(pobj) is not None or any(c.dep_ == "appos" for c in pobj.children)):
                        return resolve(pobj, sc)
    named = [c for c in token.children if c.i < token.i and c.dep_ in ("compound", "amod", "nmod") and c.text[:1].isupper()]
    if named and lemma in v.collective_heads:
        return " ".join(c.text for c in named)  # "the Yes side", "the Yes campaign": Yes
    owner = _apostrophe_owner(token)
    if owner is not None:
        return resolve(owner, sc, strict)
    return None if strict else described_phrase(token, v.plain_modifiers)


def _possessor(noun: "Token", v: "Vocabulary") -> Optional["Token"]:
    """The possessive that owns a noun, unless it is a day ('Friday's sentence') or who decides
    ('the jury's verdict'), whose noun is the clause's to say."""
    return next((c for c in noun.children if c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME")
                 and c.lemma_.lower() not in v.judging_bodies), None)


def _apostrophe_owner(noun: "Token") -> Optional["Token"]:
    """'the Netherlands’ defense budget': a name ending in s and a bare apostrophe just before a
    noun's phrase own it, though the parser reads them as an apposition and a quote mark."""
    first = min([noun.i] + [c.i for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i])
    if first < 2 or noun.doc[first - 1].text not in ("’", "'"):
        return None
    named = noun.doc[first - 2]
    return named if named.ent_type_ in NAMED and named.lower_.endswith("s") else None


def event_of(token: "Token", sc: "SentenceContext"):
    """The event a date or time belongs to: 'the Nov. 22 election', 'summit in Washington on ...'."""
    v = sc.vocabulary
    node = token
    path = []
    for _ in range(5):
        path.append(node)
        lemma = node.lemma_.lower()
        if lemma in v.event_nouns and (node.pos_ in ("NOUN", "PROPN") or lemma in v.event_verbs) and node.ent_type_ not in ("ORG", "PERSON"):
            return event_name(node, v.event_nouns[lemma], path, sc), node
        if node.pos_ == "VERB" and lemma not in v.occurrence_verbs and lemma not in v.event_verbs:
            return None  # "the fire grew on Tuesday": a date of the growth, not of the fire
        for child in node.children:
            event = child
            if child.dep_ == "agent":
                event = next((g for g in child.children if g.dep_ == "pobj"), child)
            elif child.dep_ not in SUBJECT_DEPS | {"dobj"}:
                continue
            if event.pos_ in ("NOUN", "PROPN") and event.lemma_.lower() in v.event_nouns and event.ent_type_ not in ("ORG", "PERSON"):
                return event_name(event, v.event_nouns[event.lemma_.lower()], path + [event], sc), event
        if node.head.i == node.i or (node.pos_ in ("VERB", "AUX") and node.dep_ in CLAUSE_DEPS):
            break
        node = node.head
    return None


def event_name(node: "Token", event: str, path: list["Token"], sc: "SentenceContext") -> str:
    """An event's name: its class with the place it is held in ('summit in Washington'), else
    the article's name for it ('Port Alder Marathon'), else its class."""
    places = []
    for token in (*path, node):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "at"):
                places += [g for g in child.children if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC", "FAC")]
            elif child.dep_ in ("compound", "amod") and child.ent_type_ in ("GPE", "NORP") and token.i == node.i:
                places.append(child)
    if places:
        place = places[0]
        ent = entity_at(place)
        name = clean_name(ent.text if ent is not None else place.text).split(",")[0].strip()
        key = fold(name)
        name = sc.vocabulary.aliases.get(key) or sc.vocabulary.demonyms.get(key) or name
        return f"{event} in {name}"
    if event in sc.article.named_events:
        return sc.article.named_events[event]
    return event


def name_after(tokens: list["Token"], end: int, sc: "SentenceContext"):
    """A person's name right after a title: a PERSON entity or two or more capitalized words."""
    k = end
    while k < len(tokens) and tokens[k].pos_ == "PROPN" and tokens[k].text[:1].isupper() and k - end < 4:
        k += 1
    if k == end:
        return None
    words = [t.text for t in tokens[end:k]]
    is_person = any(t.ent_type_ == "PERSON" for t in tokens[end:k]) or fold(" ".join(words)) in sc.article.full_names
    if not is_person and len(words) < 2:
        return None
    if not is_person and any(t.ent_type_ in ("GPE", "NORP", "DATE", "LOC", "FAC") for t in tokens[end:k]):
        return None
    if not is_person and words[-1].lower().rstrip(".") in sc.vocabulary.organisation_words:
        return None  # "chief executive of Walt Disney Company": a body, not its holder
    name = sc.article.canonical(" ".join(words), "PERSON")
    return (k, name) if name else None


def appositive_name(tokens: list["Token"], i: int, vocabulary: "Vocabulary"):
    """'Mark Rutte, the outgoing prime minister': the person a title after a comma describes."""
    j = i - 1
    while j >= 0 and (tokens[j].lower_ in vocabulary.time_modifiers or tokens[j].ent_type_ in ("NORP", "GPE")
                      or tokens[j].lower_ in vocabulary.demonyms or tokens[j].pos_ == "ADJ"
                      or (tokens[j].pos_ == "NOUN" and tokens[j].dep_ == "compound" and tokens[j].is_lower)):  # "health minister"
        j -= 1
    if j >= 1 and tokens[j].text == "," and tokens[j - 1].ent_type_ == "PERSON" and (
            (j == i - 1 and tokens[i].text[:1].isupper()) or _apposed(tokens, i, tokens[j - 1])):
        # "Susan Arnold, Chairman of the Board", "Phil Spencer, CEO, Microsoft Gaming", "Graham
        # Oduya, chief executive of Westmark Health Services"
        return tokens[j - 1], j
    if j < 1 or tokens[j].lower_ not in ("a", "an", "the"):
        return None
    if tokens[j - 1].text != ",":
        return None
    person = tokens[j - 2] if j >= 2 else None
    if person is None or (person.ent_type_ != "PERSON" and not (person.pos_ == "PROPN" and person.ent_type_ in ("", "ORG"))):
        return None
    return (person, j) if _apposed(tokens, i, person) else None


def _apposed(tokens: list["Token"], i: int, person: "Token") -> bool:
    """Whether the parser makes the title at tokens[i] an apposition of the person."""
    head = tokens[i].head if tokens[i].dep_ in ("compound", "amod") else tokens[i]
    return any(token.dep_ == "appos" and token.head.i == person.i for token in (tokens[i], head, *tokens[i:i + 4]))


def predicative_name(tokens: list["Token"], i: int, end: int, v: "Vocabulary") -> Optional["Token"]:
    """The person a title tokens[i:end] is said of: after 'as' ('Bob Iger is returning to Disney
    as CEO', 'named Mary Barra as chief executive', 'will continue to serve as CEO'), after 'the
    role of', or as what the subject is or becomes ('Nadella is the chief executive', 'Starmer
    became Prime Minister', 'is set to become Prime Minister', not 'wants to be Prime
    Minister'): the clause's subject or object, when it is a person."""
    j = i - 1
    while j >= 0 and tokens[j].lower_ in ("its", "the", "their", "his", "her", "interim", "new"):
        j -= 1
    if j >= 2 and tokens[j].lower_ == "of" and tokens[j - 1].lemma_ in ("role", "post", "job", "position"):
        j = j - 1 if tokens[j - 2].lower_ not in ("the", "its", "his", "her") else j - 2
        verb = tokens[j].head.head if tokens[j].head.pos_ == "ADP" else tokens[j].head
    elif j >= 0 and tokens[j].lower_ == "as":
        verb = tokens[j].head
    else:
        said = next((t for t in tokens[i:end] if t.dep_ in ("attr", "oprd")), None)
        if said is None or said.head.lemma_ not in ("be", "become", "remain"):
            return None
        verb = said.head
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if infinitive and not v.future_phrases.search(verb.doc[min(verb.head.i, verb.i) : verb.i + 1].text):
            return None  # "put himself forward to be Secretary General": a bid, not the post
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.ent_type_ == "PERSON":
            return child
    subject = subject_token(verb)
    return subject if subject is not None and subject.ent_type_ == "PERSON" else None


def fact_box_label(span: "Span") -> Optional[str]:
    """The label of a 'Label: values' line the value follows: a short name without a verb,
    up to its parenthesis ('Lahaina fire (initially reported 8/8): 85% contained'). The line
    is read back from the value to its start (a line break, a bullet or a full stop)."""
    doc = span.doc
    colon, i = None, span.start - 1
    while i >= 0 and span.start - i <= 25:
        token = doc[i]
        if "\n" in token.text or "\n" in token.whitespace_ or token.text in (".", "•", "*") or (
                colon is None and token.text == ";"):
            break
        if token.text.endswith(":") and colon is None:  # "):" is one token
            colon = i
        i -= 1
    if colon is None:
        return None
    words = []
    for token in doc[i + 1 : colon]:
        if token.text in ("(", "["):
            break
        if not (token.is_punct or token.is_space) or token.text in ("/", "-"):
            words.append(token)
    if not 1 <= len(words) <= 6 or any(t.pos_ in ("VERB", "AUX") and t.is_alpha and t.is_lower for t in words):
        return None
    if words[0].pos_ == "ADP" or any(t.tag_ == "POS" for t in words):
        return None  # "Beyond Starmer's wildest dreams: Labour landslide ...": a headline, not a label
    if not any(t.is_alpha and t.text[0].isupper() for t in words):
        return None
    return clean_name(doc[words[0].i : words[-1].i + 1].text) or None  # not doc.text, joined from every token


def _label_before(pronoun: "Token") -> Optional[str]:
    """'• Kula fire: 80% contained. It had been 85% contained on Friday': a sentence opened by
    'it' right after a fact box's line is about that line's label."""
    if pronoun.i != pronoun.sent.start or pronoun.sent.start == 0:
        return None
    before = pronoun.doc[pronoun.sent.start - 1]
    return None if before.is_space else fact_box_label(pronoun.doc[before.i : before.i + 1])


def settled(subject: Optional[str], span: "Span", sc: "SentenceContext") -> Optional[str]:
    """The subject a value claim keeps: a fact box's label over a description, a default or a
    stray word; a stray word otherwise gives way to the story's event."""
    opener = sc.sentence_of(span)[0]
    if opener.lower_ == "it" and opener.dep_ in SUBJECT_DEPS:
        boxed = _label_before(opener)
        if boxed:
            return boxed
    stray = subject is not None and (fold(subject) in sc.vocabulary.stray_subjects or not fold(subject))
    weak = subject is None or stray or isinstance(subject, Inferred) or subject == subject.lower()
    if weak:
        label = fact_box_label(span)
        if label:
            return label
    if stray:
        return event_subject(sc)
    return subject
