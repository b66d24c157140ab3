"""The words of a verdict: how sources are cited, values shown and a count's steps over time told.

Kept apart from the judging so the explanation's wording changes in one place.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional

from .. import normalize
from ..models import Claim
from .values import as_number


def source_label(claim: Claim) -> str:
    """How a person cites a source: its outlet (or file name), with its date when known."""
    return _label(claim.source.outlet, claim.source.path, claim.source.published)


@lru_cache(maxsize=65536)
def _label(outlet: Optional[str], path: str, published: Optional[str]) -> str:
    name = outlet or Path(path).name
    return f"{name} ({published})" if published else name


def join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def attribute_words(attribute: str) -> str:
    return "the " + attribute.replace("_", " ")


def numeric_series(claims) -> list[tuple[str, float, Claim]]:
    """Exact numeric values in date order, one per report date (the last in the text when a
    report states several); empty when the values are not plain numbers."""
    by_date: dict[str, tuple[float, Claim]] = {}
    for claim in sorted(claims, key=lambda c: (c.source.published or "", c.start)):
        number = as_number(claim.value) if claim.kind in ("quantity", "money", "age") else None
        if number is None or not claim.source.published:
            return []
        if claim.bound or claim.approximate:
            continue
        by_date[claim.source.published[:10]] = (number, claim)
    return [(date, number, claim) for date, (number, claim) in sorted(by_date.items())]


def falls(series) -> bool:
    return any(later[1] < earlier[1] for earlier, later in zip(series, series[1:]))


def down_and_back_up(series) -> bool:
    steps = [later[1] - earlier[1] for earlier, later in zip(series, series[1:]) if later[1] != earlier[1]]
    return any(a < 0 < b for a, b in zip(steps, steps[1:]))


def steps(series) -> str:
    return ", ".join(f"{_shown(claim)} on {date}" for date, _number, claim in series)


def sources_of(claims: list[Claim]) -> list[str]:
    return list(dict.fromkeys(source_label(c) for c in claims))


def _shown(claim: Claim) -> str:
    return _shown_value(claim.value, claim.kind, claim.unit, claim.approximate, claim.bound)


@lru_cache(maxsize=65536)
def _shown_value(value: str, kind: str, unit: Optional[str], approximate: bool, bound: Optional[str]) -> str:
    prefix = "about " if approximate else {"min": "at least ", "max": "at most "}.get(bound or "", "")
    return prefix + normalize.display_value(value, kind, unit)


def describe(values: dict[str, list[Claim]]) -> str:
    return join([_shown(members[0]) for members in values.values()])


def describe_by_source(values: dict[str, list[Claim]]) -> str:
    parts = []
    for members in values.values():
        sources = sources_of(members)
        verb = "says" if len(sources) == 1 else "say"
        parts.append(f"{join(sources)} {verb} {_shown(members[0])}")
    return "; ".join(parts)
