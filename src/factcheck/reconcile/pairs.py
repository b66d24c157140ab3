"""The pairs of claims a verdict reads, worked out over distinct values instead of every pair of
claims: a group of 5,000 reports of four values is a few comparisons, not 12 million.

Claims alike in all that `Comparator.compare` reads and in their cue (a "class") stand alike to
every other claim; which documents they come from and their order are all that tells them
apart. `compare` says how two values stand to each other, whichever comes first, so one pair
of classes stands for every pair of their claims from different documents.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from ..models import Claim
from .values import Comparator, Relation, compared_fields

DIFFERING = (Relation.DIFFERENT, Relation.SEQUENCE)


@dataclass
class Pairs:
    """What the pairs of claims from different documents of a group say."""

    kinds: set[Relation]  # how the pairs stand
    different: list[tuple[Claim, Claim]]  # a pair of claims for each pair of classes that differ
    participants: list[Claim]  # the claims of differing pairs, in the order the pairs of claims name them first


def distinct_values(claims: list[Claim]) -> list[Claim]:
    """A claim of each class: all that comparing them with others needs."""
    return list({compared_fields(c): c for c in claims}.values())


def pairs_of(claims: list[Claim], comparator: Comparator) -> Pairs:
    """The Pairs of `claims`, as if every pair of them (in `itertools.combinations` order) from
    two documents had been compared."""
    by_class: dict[tuple, list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        by_class[(*compared_fields(claim), claim.cue)].append(i)
    members = list(by_class.values())
    paths = [{claims[i].source.report for i in m} for m in members]
    kinds: set[Relation] = set()
    different, partners = [], defaultdict(list)
    for x in range(len(members)):
        if len(paths[x]) > 1:
            kinds.add(Relation.EQUAL)  # two documents give this very value
        for y in range(x + 1, len(members)):
            if len(paths[x]) == 1 and paths[x] == paths[y]:
                continue  # all their claims are of one document
            relation = comparator.compare(claims[members[x][0]], claims[members[y][0]])
            kinds.add(relation)
            if relation in DIFFERING:
                different.append((claims[members[x][0]], claims[members[y][0]]))
                partners[x].append(y)
                partners[y].append(x)
    found = [i for x, ys in partners.items() for i in members[x]
             if any(len(paths[y]) > 1 or claims[i].source.report not in paths[y] for y in ys)]
    return Pairs(kinds, different, _in_order_named(found, claims, members, partners) if found else [])


def _in_order_named(found: list[int], claims: list[Claim], members: list[list[int]], partners) -> list[Claim]:
    """The differing claims in the order the pairs would name them first. That order only matters
    between claims of one date and offset (what reading a series sorts by): it is worked out
    for those alone, from the first pair of each."""
    class_of = {i: x for x, m in enumerate(members) for i in m}
    by_place: dict[tuple, list[int]] = defaultdict(list)
    for i in found:
        by_place[(claims[i].source.published or "", claims[i].start)].append(i)

    def first_pair(j: int) -> tuple[int, int, int]:
        path = claims[j].source.report
        before = [next((i for i in members[y] if claims[i].source.report != path), None) for y in partners[class_of[j]]]
        earlier = [i for i in before if i is not None and i < j]
        if earlier:
            return min(earlier), j, 1  # the second of its first pair
        later = [next((k for k in members[y][bisect_right(members[y], j):] if claims[k].source.report != path), None)
                 for y in partners[class_of[j]]]
        return j, min(k for k in later if k is not None), 0

    ordered: list[int] = []
    for place in sorted(by_place):
        tied = by_place[place]
        ordered += sorted(tied, key=first_pair) if len(tied) > 1 else tied
    return [claims[i] for i in ordered]
