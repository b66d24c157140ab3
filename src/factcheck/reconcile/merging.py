"""The learned merge: which of the rules' groups of one story state one fact.

The rules group claims by subject key and attribute; real articles name one fact with other
subjects ("the deal", the buyer, the target) and other words ("killed", "the toll", "lives
lost"), so one fact often ends up in several groups. A small logistic model, trained on the
real stories' answer keys (`scripts/train_merge_model.py`, weights in
data/merge_model.json), scores each pair of groups of one story and kind that share an
attribute, a subject or a value, from features a person would weigh: the same attribute or
words of it, the same subject or the story's event, how the values compare, how alike the
words around the values are, and whether one report states both. Pairs above the threshold
are merged; the verdict is then given by the rules, as for any group.
"""

from __future__ import annotations

import json
import math
import operator
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import combinations
from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz

from ..models import Claim
from ..normalize import fold
from .splitting import Part, contradicts_across, distinctive, join_parts
from .values import Relation, as_number

if TYPE_CHECKING:  # pragma: no cover
    from .subjects import SubjectMatcher
    from .values import Comparator

FEATURES = (
    "same_attribute", "attribute_words", "same_subject", "subject_similarity", "event_subject",
    "values_equal", "values_compatible", "values_different", "value_distance", "context_similarity",
    "shared_document", "weak", "different_qualifier", "different_scope", "both_multi_source",
)
KIND_FAMILY = {"quantity": "number", "money": "number", "ordinal": "number", "date_range": "date"}
MAX_CLAIMS_COMPARED = 6  # of each group, for the value and context features
WORD = re.compile(r"[a-z]+")
STOP_WORDS = frozenset("the a an of to in on at by for and or was were is are has have had been be its their his her it".split())


class MergeModelFile(BaseModel):
    """The shape of data/merge_model.json."""

    model_config = ConfigDict(extra="forbid")

    features: list[str]
    weights: list[float]
    bias: float
    threshold: float
    trained_on: list[str] = []
    note: str = ""


@dataclass(frozen=True)
class Merger:
    """Merges the rules' groups of a story whose pair the model scores above its threshold."""

    comparator: "Comparator"
    weights: tuple[float, ...]
    bias: float
    threshold: float

    @classmethod
    def builtin(cls, comparator: "Comparator") -> "Merger":
        model = builtin_model()
        return cls(comparator, tuple(model.weights), model.bias, model.threshold)

    def probability(self, features: list[float]) -> float:
        z = self.bias + sum(map(operator.mul, self.weights, features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def merge(self, parts: list[Part], matcher: "SubjectMatcher") -> list[Part]:
        """The parts with the pairs the model believes are one fact merged (best pairs first)."""
        if not self.weights or len(parts) < 2:
            return parts
        scored = []
        for a, b, features in scored_pairs(parts, matcher, self.comparator):
            p = self.probability(features)
            if p >= self.threshold:
                scored.append((p, a, b))
        ordered = [(a, b) for _p, a, b in sorted(scored, reverse=True)]

        def may_join(x: Part, y: Part) -> bool:
            return not contradicts_across(x.claims, y.claims, self.comparator) \
                and not _two_named_share_a_small_value(x, y, matcher)

        return join_parts(parts, ordered, may_join)


@lru_cache(maxsize=1)
def builtin_model() -> MergeModelFile:
    text = resources.files("factcheck").joinpath("data/merge_model.json").read_text(encoding="utf-8")
    model = MergeModelFile.model_validate(json.loads(text))
    if tuple(model.features) != FEATURES:
        raise ValueError("data/merge_model.json was trained on other features: run scripts/train_merge_model.py")
    return model


def kind_family(claim: Claim) -> str:
    return KIND_FAMILY.get(claim.kind, claim.kind)


def candidate_pairs(parts: list[Part]) -> Iterable[tuple[int, int]]:
    """Pairs of parts of one kind that share an attribute, a subject key or an exact value: the
    only pairs scored, so that the cost grows with the story, not with its square."""
    blocks: dict[tuple, list[int]] = {}
    for i, part in enumerate(parts):
        family = kind_family(part.claims[0])
        if family in ("role", "stance"):
            continue
        keys = {("attribute", family, part.family), ("subject", family, part.key)}
        keys |= {("value", family, c.value) for c in part.claims}
        for key in keys:
            blocks.setdefault(key, []).append(i)
    seen: set[tuple[int, int]] = set()
    for members in blocks.values():
        for a, b in combinations(members, 2):
            if (a, b) not in seen:
                seen.add((a, b))
                yield a, b


class Summary(NamedTuple):
    """What the features read of one part, worked out once per part rather than once per pair."""

    part: Part
    compared: tuple[Claim, ...]
    numbers: tuple[float, ...]  # the positive numbers among the compared claims' values
    documents: frozenset
    attribute_words: frozenset[str]
    context_words: frozenset[str]
    display: str
    weak: bool
    scopes: frozenset


def summary(part: Part, matcher: "SubjectMatcher") -> Summary:
    compared = tuple(part.claims[:MAX_CLAIMS_COMPARED])
    numbers = tuple(n for n in map(as_number, (c.value for c in compared)) if n and n > 0)
    return Summary(
        part, compared, numbers, frozenset([c.source.report for c in part.claims]), _attribute_words(part.family),
        _context_words(compared), matcher.display.get(part.key, part.key), all(c.confidence <= 0.5 for c in part.claims),
        frozenset([c.scope for c in part.claims]),
    )


def scored_pairs(parts: list[Part], matcher: "SubjectMatcher", comparator: "Comparator") -> Iterator[tuple[int, int, list[float]]]:
    """Every candidate pair of a story's parts with its features; a part is summarized only
    when it is in a pair (roles and stances never are)."""
    summaries: dict[int, Summary] = {}
    for a, b in candidate_pairs(parts):
        for i in (a, b):
            if i not in summaries:
                summaries[i] = summary(parts[i], matcher)
        yield a, b, pair_features(summaries[a], summaries[b], matcher, comparator)


def pair_features(sa: Summary, sb: Summary, matcher: "SubjectMatcher", comparator: "Comparator") -> list[float]:
    """The features of a pair of groups, in the order of FEATURES."""
    a, b = sa.part, sb.part
    compare = comparator.compare
    relations = [compare(x, y) for x in sa.compared for y in sb.compared]
    events = matcher.event_keys
    return [
        float(a.family == b.family),
        _overlap(sa.attribute_words, sb.attribute_words),
        float(a.key == b.key),
        _subject_similarity(sa.display, sb.display),
        float(a.key in events or b.key in events),
        float(Relation.EQUAL in relations),
        float(Relation.COMPATIBLE in relations),
        float(relations.count(Relation.DIFFERENT) == len(relations)),
        _value_distance(sa.numbers, sb.numbers),
        _overlap(sa.context_words, sb.context_words),
        float(not sa.documents.isdisjoint(sb.documents)),
        float(sa.weak or sb.weak),
        float(a.qualifier != b.qualifier),
        float(sa.scopes != sb.scopes),
        float(len(sa.documents) > 1 and len(sb.documents) > 1),
    ]


@lru_cache(maxsize=65536)
def _subject_similarity(a: str, b: str) -> float:
    """How alike two subjects' names are (names recur across the stories of an archive)."""
    return fuzz.token_set_ratio(a, b) / 100


def _two_named_share_a_small_value(a: Part, b: Part, matcher: "SubjectMatcher") -> bool:
    """Two people or bodies named apart that state a value two facts often share by chance
    (three charges each, both 38): not one fact, whatever the model says."""
    if a.key == b.key or a.key in matcher.event_keys or b.key in matcher.event_keys:
        return False
    named = all(matcher.display.get(p.key, p.key)[:1].isupper() for p in (a, b))
    return named and not (distinctive(a.claims) and distinctive(b.claims))


@lru_cache(maxsize=1024)
def _attribute_words(attribute: str) -> frozenset[str]:
    return frozenset(w.rstrip("s") for w in attribute.split("_")
                     if w and w not in ("count", "date", "percent", "money", "measure", "duration", "ordinal", "time"))


def _context_words(claims: Iterable[Claim]) -> frozenset[str]:
    return frozenset().union(*[_words_around(claim.sentence, claim.quote) for claim in claims])


@lru_cache(maxsize=65536)
def _words_around(sentence: str, quote: str) -> frozenset[str]:
    """The content words near a quote in its sentence (worked out once per sentence and quote)."""
    text = sentence[max(0, sentence.find(quote) - 60):][: len(quote) + 120]
    return frozenset(w.rstrip("s") for w in WORD.findall(fold(text)) if w not in STOP_WORDS and len(w) > 2)


def _overlap(a, b) -> float:
    """Jaccard similarity of two sets (the union counted, not built)."""
    if not (a and b):
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def _value_distance(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """How far apart the closest positive numbers are, as |log10 of their ratio| capped at 1 (1 when there are none)."""
    best = 1.0
    for x in a:
        for y in b:
            best = min(best, abs(math.log10(x / y)))
    return best


def parts_features(parts: list[Part], matcher: "SubjectMatcher", comparator: "Comparator") -> list[tuple[int, int, list[float]]]:
    """Every candidate pair of a story's parts with its features (for training)."""
    return list(scored_pairs(parts, matcher, comparator))


def no_merge(comparator: "Comparator") -> Merger:
    """A merger that merges nothing: the rules' groups as they are."""
    return Merger(comparator, (), 0.0, 1.0)

