"""Values compared by kind: `Comparator.compare` is the one place two values meet, and says how
they stand (`Relation`): equal, the same at another precision, a later state, or different.

Dates become intervals, numbers ranges (their approximation, bound or written precision),
durations months, names word sets; tenures compare a start date with a duration.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Callable, Optional

from rapidfuzz import fuzz

from .. import normalize
from ..models import Claim
from ..normalize import fold
from ..patterns import Ruleset


class Relation(Enum):
    """How two values stand to each other."""

    EQUAL = "equal"
    COMPATIBLE = "compatible"  # the same fact at different precision
    SEQUENCE = "sequence"  # a later state of the same thing ("opposes", then "lifted")
    UNKNOWN = "unknown"  # cannot be compared (an unresolved relative date)
    DIFFERENT = "different"

    # the members are singletons, so they hash by identity: Enum's own hash (of the name) is Python
    # code, run for every relation the verdicts put in a set
    __hash__ = object.__hash__


@dataclass(frozen=True)
class Interval:
    """A date or range as comparable bounds: (month, day) ordinals, with the year when known."""

    start: tuple[int, int, int]
    end: tuple[int, int, int]
    yearless: bool


VALUES_CACHED = 65536  # distinct values (and pairs of them) whose parse or comparison is kept: they recur across claims
DATE_KINDS = frozenset(("date", "date_range"))
PAIRS_CACHED = 20_000  # pairs of claims' compared fields whose relation a Comparator keeps (then it starts again)


@lru_cache(maxsize=VALUES_CACHED)
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


@lru_cache(maxsize=VALUES_CACHED)
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


@lru_cache(maxsize=VALUES_CACHED)
def as_number(value: str) -> Optional[float]:
    """The value as a number, None when it is not one (kept: most values recur, and a value that is
    no number costs an exception to find out)."""
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
        number = as_number(claim.value)
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
            slack = _hedge_slack(number, tolerance)
            ranges.append((number - slack, number + slack, True))
        else:
            ranges.append((number, number, False))
    (lo_a, hi_a, loose_a), (lo_b, hi_b, loose_b) = ranges
    if not loose_a and not loose_b:
        if lo_a == lo_b:
            return Relation.EQUAL
        units = [u for u in (_written_unit(a), _written_unit(b)) if u]
        if units and abs(lo_a - lo_b) <= max(units) / 2:
            return Relation.COMPATIBLE  # "$69bn" and "$68.7bn": the same amount, rounded
        if _rounds_to(a.value, b.value) or _rounds_to(b.value, a.value):
            return Relation.COMPATIBLE  # "34%" and "33.7%": the same share, to fewer decimals
        return Relation.DIFFERENT
    if a.value == b.value and a.bound == b.bound and a.approximate == b.approximate:
        return Relation.EQUAL
    if not vague_word and a.approximate and b.approximate and not (a.bound or b.bound):
        # two estimates agree when either reaches the other, not when their reaches meet
        # halfway: 'roughly 35,000' and 'some 30,000' are two estimates
        centre_a, centre_b = (lo_a + hi_a) / 2, (lo_b + hi_b) / 2
        reach = max(hi_a - centre_a, hi_b - centre_b)
        return Relation.COMPATIBLE if abs(centre_a - centre_b) <= reach else Relation.DIFFERENT
    if lo_a <= hi_b and lo_b <= hi_a:
        return Relation.COMPATIBLE
    return Relation.UNKNOWN if vague_word else Relation.DIFFERENT  # "thousands" contradicts no number


HEDGE_STEPS = 2.5  # how many steps of its last written digit a hedged precise number reaches


def _hedge_slack(number: float, tolerance: float) -> float:
    """How far a hedged number reaches: a tenth of it, but no more than a few steps of its last
    written digit ('about 1,000' reaches 900, 'some 176' is 176 give or take two, not 170)."""
    step = 1.0
    while number and number % (step * 10) == 0:
        step *= 10
    return min(abs(number) * tolerance, HEDGE_STEPS * step)

SCALED = re.compile(r"(\d+(?:\.(\d+))?)\s*(trillion|tn|billion|bn|million|mn|m)\b", re.I)
SCALE = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6, "m": 1e6}


def _rounds_to(precise: str, rounded: str) -> bool:
    """Whether a value with decimals, rounded to the other's fewer decimals, is the other."""
    def decimals(value: str) -> int:
        return len(value.rstrip("%").partition(".")[2])

    places = decimals(rounded)
    if decimals(precise) <= places:
        return False
    number, target = as_number(precise), as_number(rounded)
    return number is not None and target is not None and round(number, places) == target


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


MONTHS_PER_UNIT = {"Y": 12.0, "M": 1.0, "W": 7 / 30.4375, "D": 1 / 30.4375}


def _in_whole_units(coarse: str, fine: str, months: float) -> bool:
    """Whether a duration stated in a whole number of one unit ('P11Y', 'P6W') is one stated in
    a finer unit (135 months, 40 days; `months` long) rounded down or to the nearest."""
    match = re.fullmatch(r"P(\d+)([YMWD])", coarse)
    if not match:
        return False
    count, unit = int(match.group(1)), MONTHS_PER_UNIT[match.group(2)]
    finer = "T" in fine or MONTHS_PER_UNIT.get(fine[-1], unit) < unit
    return finer and (count - 0.5) * unit <= months < (count + 1) * unit


@lru_cache(maxsize=VALUES_CACHED)
def compare_names(a: str, b: str) -> Relation:
    fa, fb = set(fold(a).split()), set(fold(b).split())
    if fa == fb:
        return Relation.EQUAL
    small, big = sorted((fa, fb), key=len)
    if small and small <= big:
        return Relation.COMPATIBLE
    if fuzz.token_sort_ratio(fold(a), fold(b)) >= 90:
        return Relation.EQUAL
    return Relation.DIFFERENT


# compared_fields(claim): every field of a claim that `Comparator.compare` reads (the value, how it
# is qualified, the words it was written in, the date it speaks for), as a tuple: two claims alike
# in these compare alike to any other. A field that compare comes to read belongs here too. (An
# attrgetter, in C, since it is read for every pair of claims compared.)
compared_fields: Callable[[Claim], tuple] = operator.attrgetter(
    "kind", "value", "bound", "approximate", "unit", "value_text", "as_of", "source.published")


class Comparator:
    """The one place where two values are compared, by kind."""

    def __init__(self, rules: Ruleset):
        settings = rules.registry.data
        self.tolerance = settings.approximate_tolerance
        self.tenure_years = settings.tenure_tolerance_years
        self.stance_pairs = {frozenset(pair) for pair in rules.vocabulary.get("stance_compatible", [])}
        # stances whose second presupposes the first: lifting a veto means there was one
        self.stance_sequences = {tuple(pair) for pair in rules.vocabulary.get("stance_sequences", [])}
        self._compared: dict[tuple, Relation] = {}

    def supersedes(self, later: Claim, earlier: Claim) -> bool:
        """Whether one stance is the later state of the other ('lifted' after 'opposes')."""
        return later.kind == earlier.kind == "stance" and (earlier.value, later.value) in self.stance_sequences

    def compare(self, a: Claim, b: Claim) -> Relation:
        if a.value == b.value and a.bound == b.bound and a.approximate == b.approximate and a.unit == b.unit:
            return Relation.EQUAL
        if a.kind in DATE_KINDS and b.kind in DATE_KINDS:
            return _compare_dates(a.value, b.value)  # remembered by value already
        key = (compared_fields(a), compared_fields(b))
        relation = self._compared.get(key)
        if relation is None:
            if len(self._compared) >= PAIRS_CACHED:
                self._compared.clear()
            relation = self._compared[key] = self._compare(a, b)
        return relation

    def _compare(self, a: Claim, b: Claim) -> Relation:
        """How two values that are not the very same stand (remembered by `compare`: two claims
        alike in their compared fields stand alike, and values recur across a story's claims)."""
        kinds = {a.kind, b.kind}
        if kinds <= {"quantity", "money", "ordinal", "age"}:
            return _compare_numbers(a, b, self.tolerance)
        if kinds == {"duration"}:
            ma, mb = normalize.duration_months(a.value), normalize.duration_months(b.value)
            if ma is None or mb is None:
                return Relation.UNKNOWN
            if _in_whole_units(a.value, b.value, mb) or _in_whole_units(b.value, a.value, ma):
                return Relation.COMPATIBLE  # "11 years" and "135 months", "six weeks" and "40 days": one length, rounded
            fake_a = a.model_copy(update={"value": normalize.format_number(ma), "kind": "quantity", "unit": None})
            fake_b = b.model_copy(update={"value": normalize.format_number(mb), "kind": "quantity", "unit": None})
            return _compare_numbers(fake_a, fake_b, self.tolerance)
        if kinds == {"date", "duration"}:
            ya, yb = _start_year(a), _start_year(b)
            if ya is None or yb is None:
                return Relation.UNKNOWN
            return Relation.EQUAL if abs(ya - yb) <= self.tenure_years else Relation.DIFFERENT
        if kinds == {"role"}:
            return compare_names(a.value, b.value)
        if kinds == {"stance"}:
            if frozenset((a.value, b.value)) in self.stance_pairs:
                return Relation.COMPATIBLE
            if (a.value, b.value) in self.stance_sequences or (b.value, a.value) in self.stance_sequences:
                return Relation.SEQUENCE
            return Relation.DIFFERENT
        return Relation.DIFFERENT
