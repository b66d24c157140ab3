"""Reconciliation: group the claims that state one fact, compare their values, give a verdict.

Claims are grouped by story, attribute family and subject. Subjects are matched through
aliases, surname to full name, acronyms and rapidfuzz similarity, blocked so that the cost
grows with the number of claims, not its square. Values are compared in one place,
`compare`, by kind; the verdict says whether the sources agree, differ only in precision,
differ because time moved on (their dates or the text explain it) or truly conflict.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Iterable, NamedTuple, Optional

from rapidfuzz import fuzz, process

from . import normalize
from .normalize import fold
from .models import Claim, Group, GroupValue, stable_id
from .patterns import Ruleset, phrase_index

VERDICT_ORDER = {"conflict": 0, "temporal": 1, "compatible": 2, "agree": 3, "single": 4}


class Relation(Enum):
    """How two values stand to each other."""

    EQUAL = "equal"
    COMPATIBLE = "compatible"  # the same fact at different precision
    SEQUENCE = "sequence"  # a later state of the same thing ("opposes", then "lifted")
    UNKNOWN = "unknown"  # cannot be compared (an unresolved relative date)
    DIFFERENT = "different"


# ---------------------------------------------------------------------- subjects

class SubjectMatcher:
    """Maps the subjects of one story to canonical keys."""

    def __init__(self, subjects: Iterable[str], rules: Ruleset):
        self.threshold = rules.registry.data.subject_similarity
        alias = {}
        for group in rules.aliases:
            for name in group:
                alias.setdefault(fold(str(name)), fold(str(group[0])))
        counts = Counter(subjects)
        keys = {}
        for subject in counts:
            key = fold(subject)
            keys[subject] = alias.get(key, key)
        self.display: dict[str, str] = {}
        distinct = sorted(set(keys.values()), key=lambda k: (-len(k.split()), -len(k), k))
        canonical = {key: key for key in distinct}
        by_last: dict[str, list[str]] = defaultdict(list)
        by_initials: dict[str, list[str]] = defaultdict(list)
        for key in distinct:
            words = key.split()
            if len(words) > 1:
                by_last[words[-1]].append(key)
                initials = "".join(w[0] for w in words if w not in ("of", "and", "for", "the", "de"))
                by_initials[initials].append(key)
        descriptions: dict[str, list[str]] = defaultdict(list)  # common-noun subjects by word
        described = {keys[subject] for subject in counts if subject == subject.lower()}
        for key in distinct:
            if key in described and len(key.split()) > 1:
                for word in key.split():
                    descriptions[word].append(key)
        event_class = phrase_index(rules.vocabulary.get("event_nouns", {}))
        self.events = _story_events(counts, keys, event_class, set(rules.vocabulary.get("event_descriptions", [])))
        blocks: dict[str, list[str]] = defaultdict(list)
        for key in distinct:
            words = key.split()
            if key in self.events.of_key:
                canonical[key] = self.events.of_key[key]  # "the quake", "Turkey-Syria earthquake": the story's event
                continue
            if key in described and len(words) == 1 and len(descriptions.get(key, [])) == 1:
                canonical[key] = descriptions[key][0]  # "the coalition" and "the coalition government"
                continue
            if len(words) == 1 and len(by_last.get(key, [])) == 1:
                canonical[key] = by_last[key][0]  # a surname: the one full name that ends with it
                continue
            if len(words) == 1 and len(by_initials.get(key, [])) == 1 and len(key) >= 2:
                canonical[key] = by_initials[key][0]  # an acronym of a longer name
                continue
            block = blocks[(words[-1][:3] if words else "")]
            match = process.extractOne(key, block, scorer=fuzz.token_sort_ratio, score_cutoff=self.threshold) if block else None
            if match is not None:
                canonical[key] = canonical[match[0]]
            else:
                block.append(key)
        self.keys = {subject: canonical[key] for subject, key in keys.items()}
        self.roles = {fold(role) for role in rules.vocabulary.get("count_roles", {})}
        names: dict[str, Counter] = defaultdict(Counter)
        for subject, n in counts.items():
            names[self.keys[subject]][subject] += n
        for key, counter in names.items():
            self.display[key] = max(counter, key=lambda s: (s != s.lower(), counter[s], len(s), s))  # names first

    def key(self, subject: str) -> str:
        return self.keys[subject]

    def is_event_or_description(self, claim: Claim) -> bool:
        """Whether a claim is said of the story's event, a description or nothing named."""
        key = self.key(claim.subject)
        return claim.subject_inferred or claim.subject == claim.subject.lower() or key in self.events.of_key.values()

    def event(self, event_class: str) -> Optional[str]:
        """The key of the story's event of a class ('deal', 'earthquake'; '' for its main event of
        any class), when it has one."""
        return self.events.main.get(event_class)


@dataclass
class StoryEvents:
    """The events a story's subjects name: for each folded subject that names or describes an
    event, the key of the event it is; and the story's main event of each class."""

    of_key: dict[str, str]
    main: dict[str, str]


def _story_events(counts: Counter, keys: dict[str, str], event_class: dict[str, str], generic: set[str]) -> StoryEvents:
    """One event per class and distinct name: a description ('the quake', 'the deal') is the
    story's most mentioned event of its class; names of one class join when the words besides
    the event noun of one are among the other's ('Syria earthquake', 'Turkey-Syria earthquake');
    a generic word ('the disaster', 'the tragedy') is the story's most mentioned event."""
    mentions: Counter = Counter()
    classes: dict[str, str] = {}
    names: dict[str, set[str]] = {}
    for subject, n in counts.items():
        key = keys[subject]
        words = key.replace("-", " ").split()
        found = next((event_class[w] for w in reversed(words) if w in event_class), None)
        if found is None and words and words[-1] in generic:
            found = ""  # any class: the story's main event
        if found is None:
            continue
        classes[key] = found
        mentions[key] += n
        if subject != subject.lower():
            names[key] = {w for w in words if w not in event_class and w not in generic}
    of_key: dict[str, str] = {}
    main: dict[str, str] = {}
    ranked = sorted(names, key=lambda k: (-mentions[k], -len(k), k))
    for key in ranked:  # names: the most mentioned first, others join it when their words fit
        target = next((t for t in ranked if of_key.get(t) == t and classes[t] == classes[key]
                       and names[key] and (names[key] <= names[t] or names[t] <= names[key])), key)
        of_key[key] = target
        main.setdefault(classes[key], target)
    for key in sorted(set(classes) - set(names)):  # descriptions
        cls = classes[key]
        target = main.get(cls) if cls else (ranked[0] if ranked else None)
        if target is None:
            target = main.setdefault(cls, key) if cls else key
        of_key[key] = target
    if ranked:
        main.setdefault("", ranked[0])
    return StoryEvents(of_key=of_key, main=main)


# ---------------------------------------------------------------------- values

@dataclass(frozen=True)
class Interval:
    """A date or range as comparable bounds: (month, day) ordinals, with the year when known."""

    start: tuple[int, int, int]
    end: tuple[int, int, int]
    yearless: bool


def _interval(value: str) -> Optional[Interval]:
    parts = value.split("/")
    if len(parts) == 2:
        a, b = _interval(parts[0]), _interval(parts[1])
        if a is None or b is None:
            return None
        return Interval(a.start, b.end, a.yearless or b.yearless)
    week = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if week:
        monday = dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        sunday = monday + dt.timedelta(days=6)
        return Interval((monday.year, monday.month, monday.day), (sunday.year, sunday.month, sunday.day), False)
    match = re.fullmatch(r"(\d{4}|-)-?(?:-?(\d{2}))?(?:-(\d{2}))?", value)
    if not match:
        return None
    year = None if match.group(1) == "-" else int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    y = year or 0
    if month is None:
        return Interval((y, 1, 1), (y, 12, 31), year is None)
    if day is None:
        return Interval((y, month, 1), (y, month, 31), year is None)
    return Interval((y, month, day), (y, month, day), year is None)


def _compare_dates(a: str, b: str) -> Relation:
    if a == b:
        return Relation.EQUAL
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        return Relation.UNKNOWN
    if ia.yearless or ib.yearless:  # compare month and day only
        ia = Interval((0, *ia.start[1:]), (0, *ia.end[1:]), True)
        ib = Interval((0, *ib.start[1:]), (0, *ib.end[1:]), True)
        if ia == ib:
            return Relation.COMPATIBLE
    if ia.start <= ib.end and ib.start <= ia.end:
        return Relation.COMPATIBLE
    return Relation.DIFFERENT


def _number(value: str) -> Optional[float]:
    try:
        return float(value.rstrip("%"))
    except ValueError:
        return None


def _compare_numbers(a: Claim, b: Claim, tolerance: float) -> Relation:
    if a.unit != b.unit and a.unit and b.unit:
        return Relation.DIFFERENT
    if a.value.endswith("%") != b.value.endswith("%"):
        return Relation.DIFFERENT
    if normalize.ALL in (a.value, b.value):
        return Relation.EQUAL if a.value == b.value else Relation.DIFFERENT
    lexicon = normalize.lexicon()
    ranges = []
    vague_word = False
    for claim in (a, b):
        number = _number(claim.value)
        if number is None:
            vague = lexicon.vague.get(claim.value) or lexicon.vague.get(claim.value + " of")
            if vague is None:
                return Relation.UNKNOWN
            ranges.append((float(vague[0]), float(vague[1]), True))
            vague_word = True
        elif claim.bound == "min":
            ranges.append((number, float("inf"), True))
        elif claim.bound == "max":
            ranges.append((float("-inf"), number, True))
        elif claim.approximate:
            ranges.append((number * (1 - tolerance), number * (1 + tolerance), True))
        else:
            ranges.append((number, number, False))
    (lo_a, hi_a, loose_a), (lo_b, hi_b, loose_b) = ranges
    if not loose_a and not loose_b:
        if lo_a == lo_b:
            return Relation.EQUAL
        units = [u for u in (_written_unit(a), _written_unit(b)) if u]
        if units and abs(lo_a - lo_b) <= max(units) / 2:
            return Relation.COMPATIBLE  # "$69bn" and "$68.7bn": the same amount, rounded
        return Relation.DIFFERENT
    if a.value == b.value and a.bound == b.bound and a.approximate == b.approximate:
        return Relation.EQUAL
    if lo_a <= hi_b and lo_b <= hi_a:
        return Relation.COMPATIBLE
    return Relation.UNKNOWN if vague_word else Relation.DIFFERENT  # "thousands" contradicts no number


SCALED = re.compile(r"(\d+(?:\.(\d+))?)\s*(trillion|tn|billion|bn|million|mn|m)\b", re.I)
SCALE = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6, "m": 1e6}


def _written_unit(claim: Claim) -> Optional[float]:
    """The precision an amount is written to with a scale word: '$68.7bn' to 0.1 billion."""
    match = SCALED.search(claim.value_text)
    if not match:
        return None
    return SCALE[match.group(3).lower()] * 10 ** -len(match.group(2) or "")


def _start_year(claim: Claim) -> Optional[float]:
    """When a tenure began: its date, or its duration counted back from the claim's date."""
    if claim.kind == "date":
        interval = _interval(claim.value)
        return None if interval is None or interval.yearless else float(interval.start[0])
    months = normalize.duration_months(claim.value)
    anchor = claim.as_of or claim.source.published
    if months is None or not anchor:
        return None
    interval = _interval(anchor[:10])
    if interval is None or interval.yearless:
        return None
    return interval.start[0] + (interval.start[1] - 1) / 12 - months / 12


def _within_whole_years(years: str, months: float) -> bool:
    """Whether a duration stated in whole years ('P11Y') covers a finer one (135 months)."""
    match = re.fullmatch(r"P(\d+)Y", years)
    return bool(match) and 12 * int(match.group(1)) <= months < 12 * (int(match.group(1)) + 1)


def _compare_names(a: str, b: str) -> Relation:
    fa, fb = set(fold(a).split()), set(fold(b).split())
    if fa == fb:
        return Relation.EQUAL
    small, big = sorted((fa, fb), key=len)
    if small and small <= big:
        return Relation.COMPATIBLE
    if fuzz.token_sort_ratio(fold(a), fold(b)) >= 90:
        return Relation.EQUAL
    return Relation.DIFFERENT


class Comparator:
    """The one place where two values are compared, by kind."""

    def __init__(self, rules: Ruleset):
        settings = rules.registry.data
        self.tolerance = settings.approximate_tolerance
        self.tenure_years = settings.tenure_tolerance_years
        self.stance_pairs = {frozenset(pair) for pair in rules.vocabulary.get("stance_compatible", [])}
        # stances whose second presupposes the first: lifting a veto means there was one
        self.stance_sequences = {("opposes", "lifted"), ("imposed", "lifted"), ("rejected", "ratified")}

    @classmethod
    @lru_cache(maxsize=1)
    def plain(cls) -> "Comparator":
        """The built-in rules' comparator."""
        from .patterns import load_ruleset

        return cls(load_ruleset())

    def supersedes(self, later: Claim, earlier: Claim) -> bool:
        """Whether one stance is the later state of the other ('lifted' after 'opposes')."""
        return later.kind == earlier.kind == "stance" and (earlier.value, later.value) in self.stance_sequences

    def compare(self, a: Claim, b: Claim) -> Relation:
        if a.value == b.value and a.bound == b.bound and a.approximate == b.approximate and a.unit == b.unit:
            return Relation.EQUAL
        kinds = {a.kind, b.kind}
        if kinds <= {"quantity", "money", "ordinal", "age"}:
            return _compare_numbers(a, b, self.tolerance)
        if kinds <= {"date", "date_range"}:
            return _compare_dates(a.value, b.value)
        if kinds == {"duration"}:
            ma, mb = normalize.duration_months(a.value), normalize.duration_months(b.value)
            if ma is None or mb is None:
                return Relation.UNKNOWN
            if _within_whole_years(a.value, mb) or _within_whole_years(b.value, ma):
                return Relation.COMPATIBLE  # "11 years" and "135 months": the same term, rounded down
            fake_a = a.model_copy(update={"value": normalize.format_number(ma), "kind": "quantity", "unit": None})
            fake_b = b.model_copy(update={"value": normalize.format_number(mb), "kind": "quantity", "unit": None})
            return _compare_numbers(fake_a, fake_b, self.tolerance)
        if kinds == {"date", "duration"}:
            ya, yb = _start_year(a), _start_year(b)
            if ya is None or yb is None:
                return Relation.UNKNOWN
            return Relation.EQUAL if abs(ya - yb) <= self.tenure_years else Relation.DIFFERENT
        if kinds == {"role"}:
            return _compare_names(a.value, b.value)
        if kinds == {"stance"}:
            if frozenset((a.value, b.value)) in self.stance_pairs:
                return Relation.COMPATIBLE
            if (a.value, b.value) in self.stance_sequences or (b.value, a.value) in self.stance_sequences:
                return Relation.SEQUENCE
            return Relation.DIFFERENT
        return Relation.DIFFERENT


# ---------------------------------------------------------------------- groups

def source_label(claim: Claim) -> str:
    """How a person cites a source: its outlet (or file name), with its date when known."""
    return _label(claim.source.outlet, claim.source.path, claim.source.published)


@lru_cache(maxsize=65536)
def _label(outlet: Optional[str], path: str, published: Optional[str]) -> str:
    name = outlet or Path(path).name
    return f"{name} ({published})" if published else name


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


class Reconciler:
    """Groups claims and judges each group. Build once per ruleset; `groups()` is pure."""

    def __init__(self, rules: Ruleset):
        self.rules = rules
        self.registry = rules.registry
        self.comparator = Comparator(rules)
        self.shared_offices = frozenset(t.replace(" ", "_") for t in rules.titles.get("shared_offices", []))

    def groups(self, claims: list[Claim]) -> list[Group]:
        by_story: dict[Optional[str], list[Claim]] = defaultdict(list)
        for claim in claims:
            by_story[claim.source.story].append(claim)
        groups = []
        for story, story_claims in by_story.items():
            names = [c.subject for c in story_claims] + [n for c in story_claims for n in (c.qualifier, c.scope) if n]
            matcher = SubjectMatcher(names, self.rules)
            places = self._scopes(story_claims, matcher)
            buckets: dict[tuple[str, str], list[Claim]] = defaultdict(list)
            named: dict[str, set[str]] = defaultdict(set)
            for claim in story_claims:
                if not claim.subject_inferred:
                    named[self.registry.canonical(claim.attribute)].add(matcher.key(claim.subject))
            inferred, parties = [], []
            for claim in story_claims:
                family = self.registry.canonical(claim.attribute)
                key = matcher.key(claim.subject)
                if claim.scope and len(places[family]) > 1 and matcher.is_event_or_description(claim):
                    key = matcher.key(claim.scope)  # "died in Syria": Syria's toll, not the quake's
                event = self._event_key(family, matcher)
                if event is not None and key != event:
                    parties.append((family, event, claim))
                elif claim.subject_inferred and key not in named[family]:
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
                for qualifier, part in _by_qualifier(members, matcher, self.shared_offices, family in self.registry.data.registry)
            ]
            for part in self._join_agreeing(parts):
                groups.append(self._group(story, part.family, matcher.display[part.key], part.key, part.qualifier, part.claims))
        groups.sort(key=lambda g: (VERDICT_ORDER[g.verdict], g.story or "", g.subject.casefold(), g.attribute))
        return groups

    def _join_agreeing(self, parts: list["Part"]) -> list["Part"]:
        """Join groups that state one distinctive value of one attribute under two subjects
        ('sentenced Lanz to nine years' and 'the judge gave nine years'), or of one subject under
        an attribute only an unlisted word names and another ('sentenced to 12 years', 'received
        12 years'). Only groups whose values all agree are joined, so a join never makes a
        discrepancy; parts meet only through an exact value they share, so the cost stays linear."""
        by_value: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, part in enumerate(parts):
            if part.qualifier is None and _distinctive(part.claims):
                for value in {c.value for c in part.claims}:
                    by_value[(part.claims[0].kind, value)].append(i)
        parent = list(range(len(parts)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for indices in by_value.values():
            for a, b in combinations(indices, 2):
                ra, rb = root(a), root(b)
                if ra == rb or not self._joinable(parts[ra], parts[rb]):
                    continue
                keep, other = (ra, rb) if _strength(parts[ra]) >= _strength(parts[rb]) else (rb, ra)
                parts[keep] = parts[keep]._replace(claims=parts[keep].claims + parts[other].claims)
                parent[other] = keep
        return [part for i, part in enumerate(parts) if parent[i] == i]

    def _joinable(self, a: "Part", b: "Part") -> bool:
        weak = lambda part: all(c.confidence <= 0.5 for c in part.claims)  # noqa: E731
        if not (a.family == b.family or (a.key == b.key and (weak(a) or weak(b)))):
            return False
        return all(self.comparator.compare(x, y) in (Relation.EQUAL, Relation.COMPATIBLE)
                   for x in a.claims for y in b.claims)

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

    def _group(self, story, family: str, subject: str, key: str, qualifier: Optional[str], claims: list[Claim]) -> Group:
        claims = sorted(claims, key=lambda c: (c.source.published or "", c.source.path, c.start))
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
        verdict, explanation = self._judge(subject, family, claims, values)
        kind = Counter(c.kind for c in claims).most_common(1)[0][0]
        return Group(
            id=stable_id(story, family, key, qualifier or ""), story=story, subject=subject, attribute=family, kind=kind,
            verdict=verdict, explanation=explanation, values=group_values, claims=claims,
        )

    def _judge(self, subject: str, family: str, claims: list[Claim], values: dict[str, list[Claim]]):
        what = f"{subject} {family.replace('_', ' ')}"
        documents = {c.source.path for c in claims}
        if len(documents) == 1:
            return "single", f"Only {source_label(claims[0])} states {what}: {_describe(values)}."
        # a source that tells both the earlier and the later state ("held out", then "removed its
        # objection") is compared with the others by the later one only
        superseded = {id(a) for a in claims for b in claims
                      if a.source.path == b.source.path and self.comparator.supersedes(b, a)}
        current = [c for c in claims if id(c) not in superseded]
        relations: list[tuple[Relation, Claim, Claim]] = []
        for a, b in combinations(current, 2):
            if a.source.path != b.source.path:
                relations.append((self.comparator.compare(a, b), a, b))
        kinds = {r for r, _, _ in relations}
        if kinds <= {Relation.EQUAL}:
            return "agree", f"{_join(_sources(claims))} agree on {what}: {_describe(values)}."
        if Relation.DIFFERENT not in kinds and Relation.SEQUENCE not in kinds:
            if Relation.UNKNOWN in kinds and Relation.COMPATIBLE not in kinds:
                note = "some values cannot be placed in time without a publication date"
            else:
                note = "the values differ only in precision"
            return "compatible", f"{_describe_by_source(values)}: {note}."
        different = [(a, b) for r, a, b in relations if r in (Relation.DIFFERENT, Relation.SEQUENCE)]
        mutability = self.registry.mutability(family)
        if mutability == "fixed" and Relation.SEQUENCE not in kinds:
            return "conflict", (f"{_describe_by_source(values)}: {_words(family)} does not change over time, "
                                f"so the values cannot all be true whatever the reports' dates.")
        reason = self._temporal_reason(different, relations, mutability)
        if reason:
            return "temporal", f"{_describe_by_source(values)}: {reason}."
        return "conflict", f"{_describe_by_source(values)}: the sources disagree and neither their dates nor the texts explain the difference."

    def _temporal_reason(self, different, relations, mutability: str) -> Optional[str]:
        """Why differing values are change over time, or None when nothing explains them."""
        if any(r is Relation.SEQUENCE for r, _, _ in relations) and all(
            r is not Relation.DIFFERENT for r, _, _ in relations
        ):
            return "the later stance follows the earlier one, a change of position"
        dated = all(a.source.published and b.source.published and a.source.published[:10] != b.source.published[:10]
                    for a, b in different)
        if dated:
            first = min(min(a.source.published, b.source.published) for a, b in different)
            last = max(max(a.source.published, b.source.published) for a, b in different)
            series = _series(list({id(c): c for pair in different for c in pair}.values()))
            if series and mutability == "revised" and _down_and_back_up(series):
                return None  # 32, then 31, then 32 again: not one count changing
            dates = f"the reports are from different dates ({first} to {last})"
            if series and mutability == "rises" and _falls(series):
                return f"{dates}; the count rises over time, and was revised down ({_steps(series)})"
            if series and len(series) > 1:
                return f"{dates}, consistent with a change over time ({_steps(series)})"
            return f"{dates}, consistent with a change over time"
        cues = sorted({c.cue for a, b in different for c in (a, b) if c.cue})
        if cues:
            return f"the text signals change ({', '.join(repr(c) for c in cues)})"
        return None


def _words(attribute: str) -> str:
    return "the " + attribute.replace("_", " ")


def _series(claims) -> list[tuple[str, float, Claim]]:
    """Exact numeric values in date order, one per report date (the last in the text when a
    report states several); empty when the values are not plain numbers."""
    by_date: dict[str, tuple[float, Claim]] = {}
    for claim in sorted(claims, key=lambda c: (c.source.published or "", c.start)):
        number = _number(claim.value) if claim.kind in ("quantity", "money", "age") else None
        if number is None or not claim.source.published:
            return []
        if claim.bound or claim.approximate:
            continue
        by_date[claim.source.published[:10]] = (number, claim)
    return [(date, number, claim) for date, (number, claim) in sorted(by_date.items())]


def _falls(series) -> bool:
    return any(later[1] < earlier[1] for earlier, later in zip(series, series[1:]))


def _down_and_back_up(series) -> bool:
    steps = [later[1] - earlier[1] for earlier, later in zip(series, series[1:]) if later[1] != earlier[1]]
    return any(a < 0 < b for a, b in zip(steps, steps[1:]))


def _steps(series) -> str:
    return ", ".join(f"{_shown(claim)} on {date}" for date, _number, claim in series)


class Part(NamedTuple):
    """A group in the making: its attribute, subject key, qualifier and claims."""

    family: str
    key: str
    qualifier: Optional[str]
    claims: list[Claim]


def _strength(part: Part) -> tuple[int, int]:
    """Which of two joined groups names the result: the one with a listed attribute, then the larger."""
    return (int(any(c.confidence > 0.5 for c in part.claims)), len(part.claims))


def _distinctive(claims: list[Claim]) -> bool:
    """Values that two facts rarely share by chance: amounts, durations, full dates, numbers
    from 10 up; not ages, roles, stances or a small count."""
    kind = claims[0].kind
    if any(c.kind != kind for c in claims) or kind in ("age", "role", "stance", "ordinal"):
        return False
    for claim in claims:
        if kind in ("date", "date_range") and not re.fullmatch(r"\d{4}-\d\d-\d\d(?:/.*)?", claim.value):
            return False
        number = _number(claim.value)
        if kind == "quantity" and (number is None or (number < 10 and number == int(number))):
            return False
    return True


def _one_source_differs(claims: list[Claim]) -> bool:
    """Whether one document states two different exact values (and no change between them)."""
    comparator = Comparator.plain()
    by_document: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if not (claim.approximate or claim.bound or claim.cue):
            by_document[claim.source.path].append(claim)
    return any(comparator.compare(a, b) is Relation.DIFFERENT
               for same in by_document.values() for a, b in combinations(same, 2))


def _by_value(claims: list[Claim]) -> list[tuple[Optional[str], list[Claim]]]:
    """Claims of one subject and attribute when one article gives two different values of them
    with no word of change between: grouped only with the same or a compatible value, since two
    minutes of one player in one report are two goals, and two vote counts of one candidate in
    one report two ballots, not a contradiction of itself."""
    comparator = Comparator.plain()
    groups: list[list[Claim]] = []
    for claim in claims:
        home = next((g for g in groups if any(comparator.compare(claim, o) in (Relation.EQUAL, Relation.COMPATIBLE)
                                              for o in g)), None)
        if home is None:
            groups.append([claim])
        else:
            home.append(claim)
    return [(group[0].value, group) for group in groups]


def _by_qualifier(claims: list[Claim], matcher: SubjectMatcher, shared_offices: frozenset[str] = frozenset(),
                  registered: bool = True) -> list[tuple[Optional[str], list[Claim]]]:
    """Split a group by what its claims are about: another year ('the 1998 floods') is always
    another group; then two holders of a shared office, two values one report gives, and what a
    claim says it is about ('in the fourth ballot'): claims that do not say join the others when
    these name one thing only; when they name several, each keeps its own group and the unsaid
    ones form one more. An actor's stances in one story are about the story's question. Dates
    of an attribute the registry does not know ('start_date', 'hold_date') are grouped only when
    they agree: two such dates of one person are more often two events than a contradiction."""
    occasions: dict[Optional[str], list[Claim]] = defaultdict(list)
    for claim in claims:
        occasions[claim.occasion].append(claim)
    parts = []
    for occasion, members in occasions.items():
        if not registered and all(c.kind in ("date", "date_range") for c in members):
            split = _by_value(members)
        else:
            split = _by_what(members, matcher, shared_offices)
        parts.extend((" ".join(filter(None, (occasion and f"in {occasion}", key))) or None, part) for key, part in split)
    return parts


def _by_what(claims: list[Claim], matcher: SubjectMatcher, shared_offices: frozenset[str]) -> list[tuple[Optional[str], list[Claim]]]:
    if all(c.kind == "stance" for c in claims):
        return [(None, claims)]
    if all(c.kind == "role" for c in claims) and claims[0].attribute in shared_offices:
        holders: dict[str, list[Claim]] = defaultdict(list)  # two prosecutors are two holders
        for claim in claims:
            holders[next((k for k in holders if _compare_names(k, claim.value) is not Relation.DIFFERENT), claim.value)].append(claim)
        return list(holders.items())
    if _one_source_differs(claims):
        return _by_value(claims)
    keyed: dict[Optional[str], list[Claim]] = defaultdict(list)
    for claim in claims:
        keyed[matcher.key(claim.qualifier) if claim.qualifier else None].append(claim)
    named = [k for k in keyed if k is not None]
    if len(named) == 1 and named[0] not in matcher.roles:  # a role (seats lost) never takes in the others
        return [(named[0], claims)]
    return list(keyed.items())


def _sources(claims: list[Claim]) -> list[str]:
    return list(dict.fromkeys(source_label(c) for c in claims))


def _shown(claim: Claim) -> str:
    prefix = "about " if claim.approximate else {"min": "at least ", "max": "at most "}.get(claim.bound or "", "")
    return prefix + normalize.display_value(claim.value, claim.kind, claim.unit)


def _describe(values: dict[str, list[Claim]]) -> str:
    return _join([_shown(members[0]) for members in values.values()])


def _describe_by_source(values: dict[str, list[Claim]]) -> str:
    parts = []
    for members in values.values():
        sources = _sources(members)
        verb = "says" if len(sources) == 1 else "say"
        parts.append(f"{_join(sources)} {verb} {_shown(members[0])}")
    return "; ".join(parts)


def reconcile(claims: list[Claim], rules: Ruleset) -> list[Group]:
    """Group and judge claims: discrepancies first."""
    return Reconciler(rules).groups(claims)
