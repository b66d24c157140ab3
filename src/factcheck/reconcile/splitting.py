"""How the claims of one subject and attribute split into groups: by occasion, qualifier, holder
of a shared office or value, so that two facts of one subject are not read as a contradiction."""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations
from typing import NamedTuple, Optional

from ..models import Claim
from .subjects import SubjectMatcher
from .values import Comparator, Relation, as_number, compare_names


FULL_DATE = re.compile(r"\d{4}-\d\d-\d\d(?:/.*)?")


class Part(NamedTuple):
    """A group in the making: its attribute, subject key, qualifier and claims."""

    family: str
    key: str
    qualifier: Optional[str]
    claims: list[Claim]


def strength(part: Part) -> tuple[int, int]:
    """Which of two joined groups names the result: the one with a listed attribute, then the larger."""
    return (int(any(c.confidence > 0.5 for c in part.claims)), len(part.claims))


def distinctive(claims: list[Claim]) -> bool:
    """Values that two facts rarely share by chance: amounts, durations, full dates, numbers
    from 10 up; not ages, roles, stances or a small count."""
    kind = claims[0].kind
    if any(c.kind != kind for c in claims) or kind in ("age", "role", "stance", "ordinal"):
        return False
    for claim in claims:
        if kind in ("date", "date_range") and not FULL_DATE.fullmatch(claim.value):
            return False
        number = as_number(claim.value)
        if kind == "quantity" and (number is None or (number < 10 and number == int(number))):
            return False
    return True


def self_contradicts(a: Claim, b: Claim, comparator: Comparator) -> bool:
    """Whether two claims are two different values one report gives, with nothing between them
    that says time moved: no word of change, and the text does not date them apart ('It had
    been 90% contained on Friday' beside today's 89% is one containment at two times). A report
    does not contradict itself: such values are two facts."""
    return (a.source.report == b.source.report and not (a.cue or b.cue) and a.as_of == b.as_of
            and comparator.compare(a, b) is Relation.DIFFERENT)


def _one_source_differs(claims: list[Claim], comparator: Comparator) -> bool:
    return len(claims) > 1 and any(self_contradicts(a, b, comparator) for same in by_document(claims).values() for a, b in combinations(same, 2))


def contradicts_across(these: list[Claim], those: list[Claim], comparator: Comparator) -> bool:
    """Whether a claim of `these` and one of `those` are two values one report gives (only claims
    of one document can be: each is met with those of its own document only)."""
    theirs = by_document(those)
    return any(self_contradicts(a, b, comparator) for a in these for b in theirs.get(a.source.report, ()))


def by_document(claims: list[Claim]) -> dict[str, list[Claim]]:
    found: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        found[claim.source.report].append(claim)
    return found


def _by_value(claims: list[Claim], comparator: Comparator,
              dating_roles: frozenset[str] = frozenset()) -> list[tuple[Optional[str], list[Claim]]]:
    """Claims of one subject and attribute when one article gives two different values of them
    with no word of change between: grouped only with the same or a compatible value, since two
    minutes of one player in one report are two goals, and two vote counts of one candidate in
    one report two ballots, not a contradiction of itself. A report that gives one value joins
    its like, else the nearest value it may be a revision of; an earlier value ('down from about
    1,000') the value its sentence compares it with."""
    if len(claims) == 1:
        return [(claims[0].value, claims)]  # what the rest would make of it, at a fraction of the cost
    groups: list[list[Claim]] = []
    strays: list[Claim] = []
    earlier = [c for c in claims if c.qualifier in dating_roles] if dating_roles else []
    for claim in claims:
        if earlier and claim.qualifier in dating_roles:
            continue
        home = _like(claim, groups, comparator)
        if home is not None:
            home.append(claim)
        elif any(claim.source.report == o.source.report for o in claims if o is not claim):
            groups.append([claim])  # one of the values its own report gives: a fact of its own
        else:
            strays.append(claim)
    for claim in strays:
        home = _like(claim, groups, comparator) or _nearest(claim, groups)
        if home is None:
            groups.append([claim])
        else:
            home.append(claim)
    for claim in earlier:
        home = next((g for g in groups if any(o.source.report == claim.source.report and o.sentence == claim.sentence
                                              for o in g)), None) or _like(claim, groups, comparator)
        if home is None:
            groups.append([claim])
        else:
            home.append(claim)
    return [(group[0].value, group) for group in _aligned(groups)]


ALIGN = 0.05  # how close the values of two reports' lists must be to be one fact told two ways


def _aligned(groups: list[list[Claim]]) -> list[list[Claim]]:
    """Groups of one value each that no report shares, joined when each is the other's nearest
    within ALIGN: two reports that each give two minutes, 23 and 108, and 23 and 109, give the
    second goal at 108 or 109, not two goals."""
    single = [i for i, g in enumerate(groups) if len({c.value for c in g}) == 1 and as_number(g[0].value)]
    if len(single) < 2:
        return groups
    reports = {i: {c.source.report for c in groups[i]} for i in single}
    values = {i: as_number(groups[i][0].value) for i in single}

    def nearest(i: int) -> Optional[int]:
        value = values[i]
        best, distance = None, ALIGN
        for j in single:
            other = values[j]
            if j != i and not reports[i] & reports[j]:
                gap = abs(value - other) / max(abs(value), abs(other))
                if 0 < gap <= distance:
                    best, distance = j, gap
        return best

    partner = {i: nearest(i) for i in single}
    joined, gone = [], set()
    for i, group in enumerate(groups):
        if i in gone:
            continue
        j = partner.get(i)
        if j is not None and partner.get(j) == i and j not in gone:
            group = group + groups[j]
            gone.add(j)
        joined.append(group)
    return joined


def _like(claim: Claim, groups: list[list[Claim]], comparator: Comparator) -> Optional[list[Claim]]:
    """The first group holding the same or a compatible value."""
    return next((g for g in groups if any(comparator.compare(claim, o) in (Relation.EQUAL, Relation.COMPATIBLE)
                                          for o in g)), None)


NEAR = 0.15  # how far apart a value may be from another report's to be the same fact, revised


def _nearest(claim: Claim, groups: list[list[Claim]]) -> Optional[list[Claim]]:
    """The group whose value is closest to the claim's, within NEAR of it, that holds nothing
    from the claim's own report."""
    number = as_number(claim.value)
    if number is None or number == 0:
        return None
    best, distance = None, NEAR
    for group in groups:
        if any(o.source.report == claim.source.report for o in group):
            continue
        for other in group:
            value = as_number(other.value)
            if value and abs(value - number) / max(abs(value), abs(number)) <= distance:
                best, distance = group, abs(value - number) / max(abs(value), abs(number))
    return best


def by_qualifier(claims: list[Claim], matcher: SubjectMatcher, comparator: Comparator,
                 shared_offices: frozenset[str] = frozenset(), registered: bool = True,
                 dating_roles: frozenset[str] = frozenset()) -> list[tuple[Optional[str], list[Claim]]]:
    """Split a group by what its claims are about: another year ('the 1998 floods') is always
    another group; then two holders of a shared office, two values one report gives, and what a
    claim says it is about ('in the fourth ballot'): claims that do not say join the others when
    these name one thing only; when they name several, each keeps its own group and the unsaid
    ones form one more. An actor's stances in one story are about the story's question. Dates
    of an attribute the registry does not know ('start_date', 'hold_date') are grouped only when
    they agree: two such dates of one person are more often two events than a contradiction. A
    role in `dating_roles` ('the previous toll') says nothing of what a claim is about."""
    occasions: dict[Optional[str], list[Claim]] = {}
    for claim in claims:
        occasions.setdefault(claim.occasion, []).append(claim)
    parts = []
    for occasion, members in occasions.items():
        if not registered and all(c.kind in ("date", "date_range") for c in members):
            split = _by_value(members, comparator)
        else:
            split = _by_what(members, matcher, comparator, shared_offices, dating_roles)
        if occasion:
            parts.extend((f"in {occasion} {key}" if key else f"in {occasion}", part) for key, part in split)
        else:
            parts.extend((key or None, part) for key, part in split)
    return parts


def _by_what(claims: list[Claim], matcher: SubjectMatcher, comparator: Comparator,
             shared_offices: frozenset[str], dating_roles: frozenset[str]) -> list[tuple[Optional[str], list[Claim]]]:
    kinds = {c.kind for c in claims}
    if kinds == {"stance"}:
        return [(None, claims)]
    if kinds == {"role"} and claims[0].attribute in shared_offices:
        holders: dict[str, list[Claim]] = defaultdict(list)  # two prosecutors are two holders
        for claim in claims:
            holders[next((k for k in holders if compare_names(k, claim.value) is not Relation.DIFFERENT), claim.value)].append(claim)
        return list(holders.items())
    keyed: dict[Optional[str], list[Claim]] = defaultdict(list)
    for claim in claims:
        keyed[None if claim.qualifier in dating_roles else _qualifier_key(claim.qualifier, matcher)].append(claim)
    occasions = [k for k in keyed if k is not None and NUMBERED.fullmatch(k)]
    if len(occasions) > 1:
        return _by_occasion(keyed, occasions, comparator)
    # "down from their previous toll of 115" beside today's 97 is no report contradicting itself
    dated = [c for c in claims if c.qualifier not in dating_roles] if dating_roles else claims
    if _one_source_differs(dated, comparator):
        return _by_value(claims, comparator, dating_roles)
    named = [k for k in keyed if k is not None]
    if len(named) == 1 and named[0] not in matcher.roles:  # a role (seats lost) never takes in the others
        return [(named[0], claims)]
    return list(keyed.items())


NUMBERED = re.compile(r".+ \d+")  # "earthquake 2", "ballot 4": one of several occasions, by its ordinal


def _qualifier_key(qualifier: Optional[str], matcher: SubjectMatcher) -> Optional[str]:
    """What a qualifier says a claim is about: a numbered occasion as it is ('earthquake 2' is no
    spelling of the story's quake), anything else by its entity."""
    if not qualifier:
        return None
    return qualifier.lower() if NUMBERED.fullmatch(qualifier) else matcher.key(qualifier)


def _by_occasion(keyed: dict[Optional[str], list[Claim]], occasions: list[str],
                 comparator: Comparator) -> list[tuple[Optional[str], list[Claim]]]:
    """'The first earthquake ... 7.8', 'a second 7.6 magnitude tremor': when the claims number
    several occasions, a claim that names none joins the one whose value it shares, else the
    nearest one its own report says nothing of ('hours later, a 7.5-magnitude quake' beside that
    report's first quake at 7.8 is the second); what fits none is grouped by value."""
    groups = [list(keyed[k]) for k in occasions]
    rest = []
    for claim in keyed.get(None, []):
        home = _like(claim, groups, comparator) or _nearest(claim, groups)
        if home is None:
            rest.append(claim)
        else:
            home.append(claim)
    others = [(k, part) for k, part in keyed.items() if k is not None and k not in occasions]
    return list(zip(occasions, groups)) + others + (_by_value(rest, comparator) if rest else [])


def join_parts(parts: list[Part], pairs, may_join) -> list[Part]:
    """The parts with each pair (in the order given) joined when `may_join(a, b)` holds for the
    groups the two belong to so far; the stronger part names the result (union-find)."""
    parent = list(range(len(parts)))
    joined = list(parts)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra == rb or not may_join(joined[ra], joined[rb]):
            continue
        keep, other = (ra, rb) if strength(joined[ra]) >= strength(joined[rb]) else (rb, ra)
        joined[keep] = joined[keep]._replace(claims=joined[keep].claims + joined[other].claims)
        parent[other] = keep
    return [part for i, part in enumerate(joined) if parent[i] == i]
