"""Walking the dependency parse: the words that govern a value, its clause, its phrases."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Optional

from .. import normalize

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from .vocabulary import Vocabulary

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
INHERIT_DEPS = {"xcomp", "conj", "advcl", "ccomp", "pcomp"}
CLAUSE_DEPS = {"advcl", "relcl", "ccomp", "conj", "parataxis", "acl"}
RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}


def phrases(token: "Token") -> list[str]:
    """The lemma phrases a word stands for: 'run out', 'take office', 'in office', 'death toll'."""
    lemma = token.lemma_.lower()
    found = [lemma]
    for child in token.children:
        if child.dep_ in ("prt", "dobj", "attr", "acomp", "oprd", "ccomp", "compound", "prep", "xcomp", "amod") or (
            child.dep_ == "advmod" and child.lower_ in ("down", "up", "out", "off", "over", "in", "aside", "away")
        ):
            found.append(f"{lemma} {child.lemma_.lower()}")
            if child.dep_ == "prep":
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        found.append(f"{lemma} {child.lower_} {grandchild.lemma_.lower()}")
                        found.append(f"{child.lower_} {grandchild.lemma_.lower()}")
            if child.dep_ == "compound":
                found.append(f"{child.lemma_.lower()} {lemma}")
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        found.append(f"{token.head.lower_} {lemma}")
    if token.dep_ in ("dobj", "nsubj") and token.head.pos_ in ("VERB", "NOUN"):
        found.append(f"{lemma} {token.head.lemma_.lower()}")
    return sorted(found, key=lambda p: -len(p.split()))


def noun_phrase(token: "Token") -> str:
    """A noun with its compounds, lemmatized: 'member countries' -> 'member country'."""
    compounds = [c.lemma_.lower() for c in token.children if c.dep_ == "compound" and c.i < token.i and not c.ent_type_]
    return " ".join([*compounds, token.lemma_.lower()])


def described_phrase(token: "Token", plain: set[str]) -> str:
    """A noun with the words that tell it from others of its kind, as a name for it: its
    compounds, the words hyphened to them and, in a compound name, its adjectives but plain
    ones ('the top-wage rate' and 'the top wage rate' are not the wage rate a starting wage
    also has; 'a strong contender' is a contender)."""
    doc = token.doc
    words = []
    compound = any(c.dep_ == "compound" and c.i < token.i for c in token.children)
    for child in (c for c in token.children if c.i < token.i and not c.ent_type_):
        if child.dep_ == "compound":
            hyphened = child.i >= 2 and doc[child.i - 1].text == "-" and doc[child.i - 2].head.i == child.i
            words.append(f"{doc[child.i - 2].lower_}-{child.lemma_.lower()}" if hyphened else child.lemma_.lower())
        elif compound and child.dep_ == "amod" and child.pos_ == "ADJ" and child.lower_ not in plain:
            words.append(child.lower_)
    return " ".join([*words, token.lemma_.lower()])


def clause_head(token: "Token") -> "Token":
    """The verb of the clause a word is in (or the word five steps up, or the root)."""
    node = token
    for _ in range(5):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        node = node.head
    return node


def from_number(span: "Span", words: Iterable[str] = (), to_last: bool = False) -> "Span":
    """The span from its first number (or one of `words`) on, or with `to_last` to its last one:
    the NER's 'only 121', 'a record $68.7 billion' and '$100 refundable' are the numbers; a
    qualifier it swallowed is taken back by with_qualifier."""
    words = set(words)
    inside = [t.i for t in span if t.like_num or t.text[:1].isdigit() or t.lower_.rstrip(".") in words]
    if not inside:
        return span
    return span.doc[inside[0] : inside[-1] + 1 if to_last else span.end]


def with_qualifier(span: "Span") -> "Span":
    """Extend a number span back over 'about', 'more than', 'at least' when the NER left them out."""
    doc = span.doc
    before = [doc[i] for i in range(earliest_in_sentence(doc, span.start, 3), span.start)]
    for size in range(len(before), 0, -1):
        if _is_qualifier(joined(before[-size:]).lower()):
            return doc[span.start - size : span.end]
    return span


@lru_cache(maxsize=4096)  # the few words before a number are mostly the same few
def _is_qualifier(words: str) -> bool:
    """Whether words are a qualifier of a number, whole."""
    match = normalize.lexicon().qualifier_re.match(words + " 1")
    return bool(match) and match.group("q").lower() == words


def earliest_in_sentence(doc: "Doc", i: int, most: int) -> int:
    """Where the `most` words before token i begin, or its sentence does if it is nearer: found by
    walking back over them rather than by building the sentence (`.sent`)."""
    start = i
    while i - start < most and start > 0 and not doc[start].is_sent_start:
        start -= 1
    return start


def joined(tokens: list["Token"]) -> str:
    """The tokens' text as the span of them gives it (`Span.text`), without making the span."""
    return "".join(t.text_with_ws for t in tokens[:-1]) + tokens[-1].text if tokens else ""


def governing_verb(noun: "Token", vocabulary: "Vocabulary") -> Optional[str]:
    """The verb a counted noun is done to or does ('12 bridges destroyed'), unless it says nothing."""
    candidates = [c for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    if noun.dep_ in ("dobj", "nsubjpass", "nsubj") and noun.head.pos_ == "VERB":
        candidates.append(noun.head)
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("VERB", "ADJ"):
        candidates.append(noun.head.head)  # "acquitted her on four charges", "guilty on four counts"
    for verb in candidates:
        judged = small_clause(verb)
        if judged is not None:  # "found her not guilty on four charges": what she was found
            return ("not " if any(c.dep_ == "neg" for c in judged.children) else "") + judged.lemma_.lower()
        lemma = verb.lemma_.lower()
        if lemma not in vocabulary.neutral_verbs:
            return lemma
    return None


def small_clause(word: "Token") -> Optional["Token"]:
    """'found her guilty', 'declared it safe': the adjective a verb says of its object (or the
    adjective itself), when it has one; else None."""
    if word.pos_ == "ADJ" and any(c.dep_ == "nsubj" for c in word.children):
        return word
    if word.pos_ == "VERB":
        return next((c for c in word.children if c.dep_ in ("ccomp", "acomp", "oprd") and c.pos_ == "ADJ"
                     and any(g.dep_ == "nsubj" for g in c.children)), None)
    return None


def modifiers(noun: "Token", vocabulary: "Vocabulary") -> Optional[str]:
    """The words that narrow a counted noun: 'money-laundering charges', 'board members'."""
    words = [c.lemma_.lower() for c in noun.children
             if c.dep_ in ("compound", "amod") and c.i < noun.i and not c.like_num and not c.ent_type_
             and c.lemma_.lower() not in vocabulary.plain_modifiers and c.pos_ in ("NOUN", "ADJ", "VERB")]
    return " ".join(words) or None


def negated(verb: "Token") -> bool:
    """'did not want to be forced to support': a negation on the verb or on the verbs it depends on."""
    node = verb
    for _ in range(4):
        if any(c.dep_ == "neg" for c in node.children):
            return True
        if node.dep_ not in ("xcomp", "ccomp", "conj") or node.head.i == node.i:
            return False
        node = node.head
    return False


def hypothetical(verb: "Token", vocabulary: "Vocabulary") -> bool:
    """'regulators could block the deal': a modal other than will makes a stance a possibility."""
    node = verb
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in vocabulary.hedging_modals for c in node.children):
            return True
        if any(c.lower_ in ("if", "whether", "unless") and c.dep_ == "mark" for c in node.children):
            return True
        if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            return False
        node = node.head
    return False


def find_trigger(token: "Token", index: dict[str, str], hops: int = 3, window=None):
    """Walk up from a value to the words that govern it; the first phrase in `index` names it."""
    node = token
    for _ in range(hops + 1):
        for phrase in phrases(node):
            if phrase in index:
                return index[phrase], node
        if node.head.i == node.i or (node.pos_ in ("VERB", "AUX") and node.dep_ in CLAUSE_DEPS):
            break
        node = node.head
    if window is not None:
        for other in window:
            for phrase in phrases(other):
                if phrase in index:
                    return index[phrase], other
    return None


def governor(value: "Token", kind: str):
    """The word a value no list names is said of: the noun it counts or modifies ('a $250
    deposit': deposit_money), else the verb it depends on, directly or through a preposition
    ('start at $60,990': start_money, 'served for 15 years': serve_duration). (attribute, word)."""
    head = value.head
    if head.i == value.i:
        return None
    if head.pos_ == "NOUN" and value.dep_ in ("compound", "amod", "nummod", "nmod", "poss"):
        return f"{head.lemma_.lower()}_{kind}", head
    verb = head.head if value.dep_ == "pobj" and head.pos_ == "ADP" else head
    if verb.pos_ == "NOUN" and value.dep_ == "pobj" and head.lower_ == "of":  # "a hit of $800 million"
        return f"{verb.lemma_.lower()}_{kind}", verb
    if verb.pos_ == "VERB" and value.dep_ in ("dobj", "pobj", "npadvmod", "attr", "oprd"):
        return f"{verb.lemma_.lower()}_{kind}", verb
    return None
