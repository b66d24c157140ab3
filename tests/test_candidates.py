"""The choice among overlapping candidates (issue 17): the same choice as comparing every
candidate with every kept one, at a cost that grows with the number of candidates."""

from __future__ import annotations

import random

import pytest

from factcheck.extraction import candidates as module
from factcheck.extraction.candidates import PRIORITY_GENERAL, PRIORITY_PATTERN, Candidate, best, same_value_words
from factcheck.normalize import Normalized


def make(start: int, end: int, kind="quantity", value="12", subject="council", attribute="member_count",
         priority=PRIORITY_GENERAL, confidence=0.8, text=None) -> Candidate:
    return Candidate(kind=kind, attribute=attribute, subject=subject, value=Normalized(kind, value),
                     value_text=text or value, start=start, end=end, sentence=None, offset=0, rule="test.v1",
                     confidence=confidence, priority=priority)


def all_pairs(candidates: list[Candidate]) -> list[Candidate]:
    """The choice as it was made before: every candidate against every kept one."""
    ordered = sorted(candidates, key=lambda c: (-c.priority, -c.confidence, -len(c.value_text), c.start, c.end))
    kept: list[Candidate] = []
    for c in ordered:
        named = c.kind in ("role", "stance")
        if not any(k.start < c.end and c.start < k.end and (k.kind in ("role", "stance")) == named
                   and ((k.subject == c.subject and k.attribute == c.attribute) if named else same_value_words(k, c))
                   for k in kept):
            kept.append(c)
    return kept


def random_candidates(rng: random.Random, n: int) -> list[Candidate]:
    found = []
    for _ in range(n):
        start = rng.randrange(0, n * 3)
        kind = rng.choice(["quantity", "quantity", "date", "role", "stance"])
        found.append(make(start, start + rng.randrange(0, 12), kind=kind, value=rng.choice(["12", "2005", "1"]),
                          subject=rng.choice(["a", "b"]), attribute=rng.choice(["x", "y"]),
                          priority=rng.choice([PRIORITY_GENERAL, PRIORITY_PATTERN]),
                          confidence=rng.choice([0.5, 0.8]), text=rng.choice(["12", "2005", "from 2005 to 2020"])))
    return found


@pytest.mark.parametrize("seed", range(20))
def test_the_choice_is_the_one_all_pairs_give(seed):
    found = random_candidates(random.Random(seed), 200)
    assert [id(c) for c in best(found)] == [id(c) for c in all_pairs(found)]


def test_the_longer_of_two_values_one_within_the_other_is_kept():
    short, long = make(5, 9, value="2005"), make(0, 20, value="2005/2020", text="from 2005 to 2020")
    assert best([short, long]) == [long]
    assert best([make(0, 4), make(10, 14)]) == [make(0, 4), make(10, 14)]


def test_comparisons_grow_linearly_with_the_candidates(monkeypatch):
    """A long article is many short runs of overlapping candidates (three at each place here):
    compared only within a run, n candidates cost at most a few comparisons each."""
    calls = 0
    real = module.clashes

    def counted(kept, c):
        nonlocal calls
        calls += 1
        return real(kept, c)

    monkeypatch.setattr(module, "clashes", counted)
    for places in (1_000, 10_000):
        calls = 0
        found = [make(i * 20 + shift, i * 20 + shift + 6, value=str(i + shift)) for i in range(places) for shift in (0, 1, 2)]
        kept = best(found)
        assert len(kept) == len(found)  # different values: none excludes another
        assert calls <= 3 * len(found), (places, calls)
