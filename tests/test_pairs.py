"""Verdicts read pairs of claims over distinct values: what they read must be what comparing
every pair of claims from two documents gives, order included, on groups made to be awkward
(values repeated across and within documents, dates and offsets that tie, cues, stances that
follow one another)."""

from __future__ import annotations

import random
from itertools import combinations

import pytest

from factcheck.models import Claim, Source
from factcheck.patterns import load_ruleset
from factcheck.reconcile import Comparator
from factcheck.reconcile.pairs import DIFFERING, distinct_values, pairs_of
from factcheck.reconcile.values import compared_fields

COMPARATOR = Comparator(load_ruleset())
NUMBERS = [("120", None, False), ("120", None, True), ("121", None, False), ("95", None, False), ("100", "min", False)]
STANCES = ["opposes", "lifted", "backs", "imposed"]


def awkward_group(seed: int, size: int = 60) -> list[Claim]:
    rng = random.Random(seed)
    stance = seed % 3 == 0
    claims = []
    for i in range(size):
        if stance:
            kind, (value, bound, approximate) = "stance", (rng.choice(STANCES), None, False)
        else:
            kind, (value, bound, approximate) = "quantity", rng.choice(NUMBERS)
        source = Source(path=f"doc{rng.randrange(8)}.txt", published=rng.choice([None, "2024-05-01", "2024-05-02", "2024-05-09"]))
        claims.append(Claim(id=str(i), source=source, start=rng.choice([10, 20]), end=30, quote="q", sentence="s",
                            subject="the ferry", attribute="passenger_count", value=value, value_text=value, kind=kind,
                            confidence=0.8, rule="test", bound=bound, approximate=approximate,
                            cue=rng.choice([None, None, "so far"])))
    return claims


def every_pair(claims: list[Claim]):
    """What the verdict read before: every pair of claims from two documents, compared."""
    relations = [(COMPARATOR.compare(a, b), a, b) for a, b in combinations(claims, 2) if a.source.report != b.source.report]
    different = [(a, b) for r, a, b in relations if r in DIFFERING]
    named = list({id(c): c for pair in different for c in pair}.values())
    return {r for r, _, _ in relations}, different, named


def classes(pairs) -> set[frozenset]:
    return {frozenset(((*compared_fields(a), a.cue), (*compared_fields(b), b.cue))) for a, b in pairs}


@pytest.mark.parametrize("seed", range(24))
def test_pairs_over_values_are_those_of_every_pair_of_claims(seed):
    claims = awkward_group(seed)
    kinds, different, named = every_pair(claims)
    pairs = pairs_of(claims, COMPARATOR)
    assert different, "the group should hold differing values"
    assert pairs.kinds == kinds
    assert classes(pairs.different) == classes(different) and len(pairs.different) == len(classes(different))
    by_place = lambda c: (c.source.published or "", c.start)  # noqa: E731  - how a series reads them
    assert [c.id for c in pairs.participants] == [c.id for c in sorted(named, key=by_place)]


def test_distinct_values_keep_one_claim_of_each_value():
    claims = awkward_group(1)
    kept = distinct_values(claims)
    assert {compared_fields(c) for c in kept} == {compared_fields(c) for c in claims}
    assert len(kept) == len({compared_fields(c) for c in claims}) < len(claims)
