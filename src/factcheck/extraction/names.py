"""Reading names in the text: an entity's words, bylines and datelines, a name before a noun."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

from spacy.tokens import Span  # this package runs only with spaCy loaded: it is imported when parsing

from ..normalize import fold

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

NAMED = {"PERSON", "ORG", "GPE", "NORP", "EVENT", "FAC", "LOC", "PRODUCT", "LAW", "WORK_OF_ART"}


@lru_cache(maxsize=65536)  # every mention of a name is cleaned, most of them more than once
def clean_name(text: str) -> str:
    """An entity's words without a leading article, a trailing possessive or stray punctuation."""
    text = text.strip().split("\n")[-1]  # an entity across a line break is a caption and a name
    text = re.sub(r"\s+", " ", text.strip().strip(",;:–—-\"“”"))
    text = re.sub(r"(?:'s|’s|'|’)$", "", text).strip()
    text = re.sub(r"^[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)*(?:'s|’s)\s+(?=[A-Z])", "", text)  # "Farage's Reform UK": Reform UK
    return re.sub(r"^(?:the|The)\s+", "", text)


def entity_at(token: "Token") -> Optional["Span"]:
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def entity_text(token: "Token") -> str:
    ent = entity_at(token)
    return ent.text if ent is not None else token.text


def proper_name_before(noun: "Token") -> Optional[str]:
    """'the Cedar Ridge fire': the proper nouns right before a common noun, with it."""
    start = noun.i
    while start > 0 and noun.doc[start - 1].pos_ == "PROPN" and noun.doc[start - 1].ent_type_ not in ("DATE", "TIME") \
            and not dateline(noun.doc[start - 1]):
        start -= 1
    return noun.doc[start : noun.i + 1].text if start < noun.i else None


def is_byline(ent: "Span", outlet: Optional[str]) -> bool:
    """An outlet's own name: the one in the metadata, or one in brackets in a dateline."""
    if outlet and fold(ent.text) == fold(outlet):
        return True
    doc = ent.doc
    bracketed = ent.start > 0 and doc[ent.start - 1].text == "(" and ent.end < len(doc) and doc[ent.end].text == ")"
    return (bracketed and ent.start_char < 200 and ent.label_ in ("ORG", "PERSON", "GPE")) or dateline(doc[ent.start])


def dateline(token: "Token") -> bool:
    """'SAN REMIGIO, Estavia -', 'BRUSSELS/LONDON (Reuters) -': capitals opening a line."""
    if not token.is_upper or len(token.text) <= 2:
        return False  # most words: no need to walk the line
    doc = token.doc
    start = token.i
    while start > 0 and doc[start - 1].is_upper and not doc[start - 1].is_space:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].is_upper:
        end += 1
    opens_line = start == 0 or "\n" in doc[start - 1].text_with_ws
    followed = end < len(doc) and doc[end].text in (",", "(", "-", "–", "—", "/")
    return opens_line and followed
