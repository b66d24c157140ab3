"""Reconciliation: group the claims that state one fact, compare their values, give a verdict.

Claims are grouped by story, attribute family and subject. Subjects are matched through
aliases, surname to full name, acronyms and rapidfuzz similarity, blocked so that the cost
grows with the number of claims, not its square. Values are compared in one place,
`compare`, by kind; the verdict says whether the sources agree, differ only in precision,
differ because time moved on (their dates or the text explain it) or truly conflict.

This package's modules: `subjects` (keys), `values` (comparison), `splitting` (what one group
holds) and `explain` (the verdict's words); this module groups and judges.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Optional

from .. import normalize
from ..models import Claim, Group, GroupValue, stable_id
from ..patterns import Ruleset
from .explain import (
    attribute_words,
    describe,
    describe_by_source,
    down_and_back_up,
    falls,
    join,
    numeric_series,
    source_label,
    sources_of,
    steps,
)
from .merging import Merger
from .pairs import Pairs, distinct_values, pairs_of
from .splitting import Part, by_qualifier, distinctive, join_parts
from .subjects import StoryEvents, SubjectMatcher, SubjectRules
from .values import MONTHS_PER_UNIT, Comparator, Interval, Relation, as_number

__all__ = ["VERDICT_ORDER", "Comparator", "Interval", "Part", "Reconciler", "Relation", "StoryEvents",
           "SubjectMatcher", "SubjectRules", "reconcile", "source_label"]

VERDICT_ORDER = {"conflict": 0, "temporal": 1, "compatible": 2, "agree": 3, "single": 4}


class Reconciler:
    """Groups claims and judges each group. Build once per ruleset; `groups()` is pure."""

    def __init__(self, rules: Ruleset, merger: Optional[Merger] = None):
        self.rules = rules
        self.registry = rules.registry
        self.comparator = Comparator(rules)
        self.subject_rules = SubjectRules.of(rules)
        self.revision_roles = frozenset(self.registry.data.revision_roles)
        self.shared_offices = frozenset(t.replace(" ", "_") for t in rules.titles.get("shared_offices", []))
        self.merger = merger if merger is not None else Merger.builtin(self.comparator)

    def groups(self, claims: list[Claim], shown: Optional[frozenset[str]] = None) -> list[Group]:
        """The groups of `claims`; with `shown`, only those of these verdicts: the others are
        judged but not written out, which is most of the work of a group no one reads."""
        groups = []
        for story, story_claims in by_story(claims).items():
            parts, matcher = self.story_parts(story_claims)
            for part in self.merger.merge(parts, matcher):
                group = self._group(story, part.family, matcher.display[part.key], part.key, part.qualifier, part.claims, shown)
                if group is not None:
                    groups.append(group)
        groups.sort(key=lambda g: (VERDICT_ORDER[g.verdict], g.story or "", g.subject.casefold(), g.attribute))
        return groups

    def story_parts(self, story_claims: list[Claim]) -> tuple[list[Part], SubjectMatcher]:
        """One story's claims in groups by the rules (before the learned merge), and its subject keys."""
        names = [c.subject for c in story_claims] + [n for c in story_claims for n in (c.qualifier, c.scope) if n]
        matcher = SubjectMatcher(names, self.subject_rules)
        places = self._scopes(story_claims, matcher)
        buckets: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        named: dict[str, set[str]] = defaultdict(set)
        keyed = [(claim, self.registry.canonical(claim.attribute), matcher.key(claim.subject)) for claim in story_claims]
        for claim, family, key in keyed:
            if not claim.subject_inferred:
                named[family].add(key)
        events = {family: self._event_key(family, matcher) for family in {family for _c, family, _k in keyed}}
        inferred, parties = [], []
        for claim, family, key in keyed:
            scoped = bool(claim.scope) and len(places[family]) > 1 and (
                matcher.is_event_or_description(claim) or self.registry.spec(family).event is not None)
            if scoped:  # "died in Syria": Syria's toll, not the quake's, whoever the sentence says counted it
                key = matcher.key(claim.scope)
            event = events[family]
            if event is not None and key != event:
                parties.append((family, event, claim))
            elif claim.subject_inferred and not scoped and key not in named[family]:
                inferred.append((family, claim))
            else:
                buckets[(family, key)].append(claim)
        for family, event, claim in parties:
            # "the buyer will pay $95 a share" is the deal's, unless the deal's own figure differs
            # (a party's other sale, a break fee); what cannot change (the time the ship struck)
            # has one value, so any party's figure is a statement about the event
            own = buckets.get((family, event), [])
            if not own or self.registry.mutability(family) == "fixed" or any(self.comparator.compare(claim, other) is not Relation.DIFFERENT for other in own):
                buckets[(family, event)].append(claim)
            else:
                buckets[(family, matcher.key(claim.subject))].append(claim)
        for family, claim in inferred:
            # a subject the sentence did not name: the story's one named subject of this kind,
            # or the named one that states the same value, or with the other unnamed ones
            candidates = sorted(named[family])
            if len(candidates) > 1:
                candidates = [k for k in candidates if any(
                    self.comparator.compare(claim, other) is Relation.EQUAL for other in buckets.get((family, k), ()))]
            key = candidates[0] if len(candidates) == 1 else f"\x00{family}"
            matcher.display.setdefault(key, claim.subject)
            buckets[(family, key)].append(claim)
        parts = [
            Part(family, key, qualifier, part)
            for (family, key), members in buckets.items()
            for qualifier, part in by_qualifier(members, matcher, self.comparator, self.shared_offices,
                                                family in self.registry.data.registry, self._dating_roles(family))
        ]
        return self._join_agreeing(parts), matcher

    def _dating_roles(self, family: str) -> frozenset[str]:
        """The roles that only date a value of this attribute: 'previous' on a count reported as it
        rises or is revised (a toll), not on what is fixed (a contract's length)."""
        return self.revision_roles if self.registry.mutability(family) in ("rises", "revised") else frozenset()

    def _join_agreeing(self, parts: list["Part"]) -> list["Part"]:
        """Join groups that state one distinctive value of one attribute under two subjects
        ('sentenced Lanz to nine years' and 'the judge gave nine years'), or of one subject under
        an attribute only an unlisted word names and another ('sentenced to 12 years', 'received
        12 years'). Only groups whose values all agree are joined, so a join never makes a
        discrepancy; parts meet only through an exact value they share, so the cost stays linear."""
        by_value: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, part in enumerate(parts):
            if part.qualifier is None and distinctive(part.claims):
                for value in {c.value for c in part.claims}:
                    by_value[(part.claims[0].kind, value)].append(i)
        pairs = (pair for indices in by_value.values() for pair in combinations(indices, 2))
        return join_parts(parts, pairs, self._joinable)

    def _joinable(self, a: "Part", b: "Part") -> bool:
        weak = lambda part: all(c.confidence <= 0.5 for c in part.claims)  # noqa: E731
        if not (a.family == b.family or (a.key == b.key and (weak(a) or weak(b)))):
            return False
        return all(self.comparator.compare(x, y) in (Relation.EQUAL, Relation.COMPATIBLE)
                   for x in distinct_values(a.claims) for y in distinct_values(b.claims))

    def _scopes(self, claims: list[Claim], matcher: SubjectMatcher) -> dict[str, set[str]]:
        """The places each attribute's claims are limited to in a story. A place is a scope only
        when there are several: one alone is where the whole event is."""
        found: dict[str, set[str]] = defaultdict(set)
        for claim in claims:
            if claim.scope:
                found[self.registry.canonical(claim.attribute)].add(matcher.key(claim.scope))
        return found

    def _event_key(self, family: str, matcher: SubjectMatcher) -> Optional[str]:
        """The story's event, for an attribute that is the event's whoever the sentence names."""
        spec = self.registry.spec(family)
        return matcher.event(spec.event or "") if spec.of_event else None

    def _group(self, story, family: str, subject: str, key: str, qualifier: Optional[str], claims: list[Claim],
               shown: Optional[frozenset[str]] = None) -> Optional[Group]:
        """The group of these claims, or None when its verdict is not among `shown`."""
        if len(claims) > 1:
            claims = sorted(claims, key=lambda c: (c.source.published or "", c.source.path, c.start))
        verdict, reason = self._judge(family, claims)
        if shown is not None and verdict not in shown:
            return None
        values: dict[str, list[Claim]] = defaultdict(list)
        for claim in claims:
            values[claim.value].append(claim)
        group_values = [
            GroupValue(
                value=value,
                value_texts=sorted({c.value_text for c in members}),
                sources=list(dict.fromkeys(source_label(c) for c in members)),
                claim_ids=[c.id for c in members],
            )
            for value, members in values.items()
        ]
        kind = Counter(c.kind for c in claims).most_common(1)[0][0]
        return Group(
            id=stable_id(story, family, key, qualifier or ""), story=story, subject=subject, attribute=family, kind=kind,
            verdict=verdict, explanation=_explanation(verdict, reason, subject, family, claims, values), values=group_values,
            claims=claims,
        )

    def _judge(self, family: str, claims: list[Claim]) -> tuple[str, str]:
        """The verdict of a group's claims (in date order), and for a verdict on differing values
        the words that say why, after the values in the explanation."""
        if len(claims) == 1 or len({c.source.report for c in claims}) == 1:
            return "single", ""
        # a source that tells both the earlier and the later state ("held out", then "removed its
        # objection") is compared with the others by the later one only
        stances: dict[str, list[Claim]] = defaultdict(list)
        for claim in claims:
            if claim.kind == "stance":
                stances[claim.source.report].append(claim)
        compared = claims
        if stances:
            superseded = {id(a) for a in claims if any(self.comparator.supersedes(b, a) for b in stances.get(a.source.report, ()))}
            compared = [c for c in claims if id(c) not in superseded]
        pairs = pairs_of(compared, self.comparator)
        kinds = pairs.kinds
        if kinds <= {Relation.EQUAL}:
            return "agree", ""
        if Relation.DIFFERENT not in kinds and Relation.SEQUENCE not in kinds:
            if Relation.UNKNOWN in kinds and Relation.COMPATIBLE not in kinds:
                return "compatible", "some values cannot be placed in time without a publication date"
            return "compatible", "the values differ only in precision"
        mutability = self.registry.mutability(family)
        if mutability == "fixed" and Relation.SEQUENCE not in kinds:
            return "conflict", (f"{attribute_words(family)} does not change over time, "
                                f"so the values cannot all be true whatever the reports' dates")
        reason = self._temporal_reason(pairs, mutability)
        if reason:
            return "temporal", reason
        return "conflict", "the sources disagree and neither their dates nor the texts explain the difference"

    def _temporal_reason(self, pairs: Pairs, mutability: str) -> Optional[str]:
        """Why differing values are change over time, or None when nothing explains them."""
        if Relation.SEQUENCE in pairs.kinds and Relation.DIFFERENT not in pairs.kinds:
            return "the later stance follows the earlier one, a change of position"
        different = pairs.different
        dated = all(a.source.published and b.source.published and a.source.published[:10] != b.source.published[:10]
                    for a, b in different)
        if dated:
            first = min(min(a.source.published, b.source.published) for a, b in different)
            last = max(max(a.source.published, b.source.published) for a, b in different)
            series = numeric_series(pairs.participants)
            if series and mutability == "revised" and down_and_back_up(series):
                return None  # 32, then 31, then 32 again: not one count changing
            dates = f"the reports are from different dates ({first} to {last})"
            if mutability == "calendar":
                return _grows_with_calendar(different, dates)
            if series and mutability == "rises" and falls(series):
                return f"{dates}; the count rises over time, and was revised down ({steps(series)})"
            if series and len(series) > 1:
                return f"{dates}, consistent with a change over time ({steps(series)})"
            return f"{dates}, consistent with a change over time"
        cues = sorted({c.cue for c in pairs.participants if c.cue})
        if cues:
            return f"the text signals change ({', '.join(repr(c) for c in cues)})"
        return None


def _explanation(verdict: str, reason: str, subject: str, family: str, claims: list[Claim],
                 values: dict[str, list[Claim]]) -> str:
    """A verdict in words: who states what, and why the values stand as they do."""
    what = f"{subject} {family.replace('_', ' ')}"
    if verdict == "single":
        return f"Only {source_label(claims[0])} states {what}: {describe(values)}."
    if verdict == "agree":
        return f"{join(sources_of(claims))} agree on {what}: {describe(values)}."
    return f"{describe_by_source(values)}: {reason}."


def _grows_with_calendar(different, dates: str) -> Optional[str]:
    """An age, a tenure or an event's length grows with the calendar: two values of it are one
    fact at two dates only when the later is larger by no more than the time between the reports
    and the step the values are written in (a year for '38', a week for 'six weeks')."""
    for a, b in different:
        early, late = sorted((a, b), key=lambda c: c.source.published or "")
        values = [normalize.duration_months(c.value) / 12 if c.kind == "duration" else as_number(c.value) for c in (early, late)]
        if None in values:
            return None
        (late_date, _), (early_date, _) = normalize.parse_ref(late.source.published), normalize.parse_ref(early.source.published)
        if late_date is None or early_date is None:
            return None
        years = (late_date - early_date).days / 365.25
        if not 0 <= values[1] - values[0] <= years + max(_step_years(early), _step_years(late)):
            return None
    return f"{dates}, and the values grow by no more than the time between them"


def _step_years(claim: Claim) -> float:
    """The step a value is written in, in years: a year for an age, a duration's smallest unit."""
    if claim.kind != "duration":
        return 1.0
    if "T" in claim.value:  # hours, minutes or seconds
        return 1 / 365.25
    return MONTHS_PER_UNIT.get(claim.value[-1], 12.0) / 12


def by_story(claims: list[Claim]) -> dict[Optional[str], list[Claim]]:
    stories: dict[Optional[str], list[Claim]] = defaultdict(list)
    for claim in claims:
        stories[claim.source.story].append(claim)
    return stories


def reconcile(claims: list[Claim], rules: Ruleset) -> list[Group]:
    """Group and judge claims: discrepancies first."""
    return Reconciler(rules).groups(claims)
