"""The shortcuts `conflicts` takes at scale (issue 16) give what the long way gives: groups of the
shown verdicts only, a comparator that remembers relations, pair features read from part
summaries made only for candidate pairs, and the cycle collector run less often."""

from __future__ import annotations

import gc
import math
from itertools import combinations, product

import pytest
from rapidfuzz import fuzz

from factcheck import streaming
from factcheck.models import VERDICTS, Claim, Source
from factcheck.patterns import load_ruleset
from factcheck.reconcile import Comparator, Reconciler, values
from factcheck.reconcile.merging import candidate_pairs, parts_features
from factcheck.reconcile.splitting import _by_value
from factcheck.reconcile.values import Relation, as_number
from factcheck.store import Store

RULES = load_ruleset()


def claim(value: str, kind: str = "quantity", *, path: str = "a.txt", published: str | None = "2024-05-02",
          value_text: str | None = None, **fields) -> Claim:
    return Claim(id=f"{path}:{kind}:{value}:{published}", source=Source(path=path, published=published), start=0, end=1,
                 quote=value, sentence=f"It was {value}.", subject="Tomas Berg", attribute="x", value=value,
                 value_text=value_text or value, kind=kind, confidence=0.8, rule="test", **fields)


VARIED = [
    claim("120"), claim("120", approximate=True), claim("121"), claim("95", bound="min"), claim("100", bound="max"),
    claim("120", unit="km"), claim("120", unit="kg"), claim("34%"), claim("33.7%"), claim("thousands"),
    claim("69000000000", "money", value_text="$69bn"), claim("68700000000", "money", value_text="$68.7bn"),
    claim("2016", "date"), claim("2016-05", "date"), claim("2024-05-01/2024-05-03", "date_range"),
    claim("P8Y", "duration"), claim("P8Y", "duration", published="2030-01-01"), claim("P96M", "duration"),
    claim("P3Y", "duration", as_of="2024-05-02"), claim("P11Y", "duration"), claim("P135M", "duration"),
    claim("opposes", "stance"), claim("lifted", "stance"), claim("backs", "stance"),
    claim("Maria Lopez", "role"), claim("Lopez", "role"), claim("Jan Berg", "role"), claim("62", "age"),
]


def test_a_remembering_comparator_answers_as_a_fresh_one_for_every_pair():
    remembering = Comparator(RULES)
    for _ in range(2):  # the second pass is answered from memory
        for a, b in product(VARIED, repeat=2):
            assert remembering.compare(a, b) is Comparator(RULES).compare(a, b), (a.value, b.value)


def test_the_comparator_tells_apart_claims_that_differ_only_in_their_date():
    """A tenure counted back from the report's date: the same value, another date, another answer."""
    compare = Comparator(RULES).compare
    since = claim("2016", "date")
    assert compare(since, claim("P8Y", "duration", published="2024-05-02")) is Relation.EQUAL
    assert compare(since, claim("P8Y", "duration", published="2034-05-02")) is Relation.DIFFERENT


def test_the_comparators_memory_is_bounded(monkeypatch):
    monkeypatch.setattr(values, "PAIRS_CACHED", 5)
    remembering = Comparator(RULES)
    for a, b in combinations(VARIED, 2):
        assert remembering.compare(a, b) is Comparator(RULES).compare(a, b)
        assert len(remembering._compared) <= 5


@pytest.fixture(scope="module")
def seed_claims(seed_store) -> list[Claim]:
    with Store(str(seed_store.db), readonly=True) as store:
        return store.claims()


def test_groups_of_the_shown_verdicts_are_all_groups_filtered(seed_claims):
    reconciler = Reconciler(RULES)
    every = reconciler.groups(seed_claims)
    assert {"conflict", "single"} <= {g.verdict for g in every}
    for shown in ({"conflict", "temporal"}, {"single"}, {"agree", "compatible"}, set(VERDICTS)):
        assert reconciler.groups(seed_claims, frozenset(shown)) == [g for g in every if g.verdict in shown]


def reference_features(a, b, matcher, comparator) -> list[float]:
    """The pair features as first written, straight from two parts' claims."""
    ca, cb = a.claims[:6], b.claims[:6]
    relations = [comparator.compare(x, y) for x in ca for y in cb]
    numbers = [(as_number(x.value), as_number(y.value)) for x in ca for y in cb]
    distance = min([1.0] + [abs(math.log10(nx / ny)) for nx, ny in numbers if nx and ny and nx > 0 and ny > 0])

    def overlap(s, t):
        return len(s & t) / len(s | t) if s and t else 0.0

    def attribute_words(part):
        return {w.rstrip("s") for w in part.family.split("_") if w and w not in (
            "count", "date", "percent", "money", "measure", "duration", "ordinal", "time")}

    def context(claims):
        from factcheck.reconcile.merging import _words_around
        return set().union(*(_words_around(c.sentence, c.quote) for c in claims))

    documents = [{c.source.report for c in p.claims} for p in (a, b)]
    weak = [all(c.confidence <= 0.5 for c in p.claims) for p in (a, b)]
    events = matcher.event_keys
    return [
        float(a.family == b.family), overlap(attribute_words(a), attribute_words(b)), float(a.key == b.key),
        fuzz.token_set_ratio(matcher.display.get(a.key, a.key), matcher.display.get(b.key, b.key)) / 100,
        float(a.key in events or b.key in events), float(any(r is Relation.EQUAL for r in relations)),
        float(any(r is Relation.COMPATIBLE for r in relations)), float(all(r is Relation.DIFFERENT for r in relations)),
        distance, overlap(context(ca), context(cb)), float(bool(documents[0] & documents[1])), float(weak[0] or weak[1]),
        float(a.qualifier != b.qualifier), float({c.scope for c in a.claims} != {c.scope for c in b.claims}),
        float(len(documents[0]) > 1 and len(documents[1]) > 1),
    ]


def test_pair_features_from_summaries_are_those_read_from_the_claims(seed_claims):
    reconciler = Reconciler(RULES)
    parts, matcher = reconciler.story_parts(seed_claims)
    found = parts_features(parts, matcher, reconciler.comparator)
    assert [(a, b) for a, b, _ in found] == list(candidate_pairs(parts)) and len(found) > 20
    for a, b, features in found:
        assert features == reference_features(parts[a], parts[b], matcher, reconciler.comparator)


def test_fewer_collections_holds_only_while_it_lasts():
    before = gc.get_threshold()
    with streaming.fewer_collections(12_345):
        assert gc.get_threshold() == (12_345, *before[1:])
    assert gc.get_threshold() == before


def test_one_claim_grouped_by_value_is_what_two_alike_would_make_of_it():
    """The one-claim shortcut of grouping by value gives the group the long way gives each of two
    claims of one value from two reports."""
    comparator = Comparator(RULES)
    alone = claim("2024-05-01", "date")
    twice = [alone, claim("2024-05-01", "date", path="b.txt")]
    assert _by_value([alone], comparator) == [("2024-05-01", [alone])]
    assert _by_value(twice, comparator) == [("2024-05-01", twice)]
