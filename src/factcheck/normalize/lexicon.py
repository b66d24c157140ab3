"""The words values are read with: lexicon.yml loaded once, the name key `fold`, and `Normalized`.

Every parser of the package shares these, so they live apart from any one value type.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

from ..patterns import builtin_yaml


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The key names are compared by: accents, case, punctuation, a leading 'the' and a trailing
    possessive folded, so Rinkēvičs = rinkevics and "NATO's" = nato."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"(?:'s|’s|'|’)$", "", text)
    return re.sub(r"[^\w%]+", " ", text).strip().casefold()


@dataclass(frozen=True)
class Normalized:
    """A value as the contract writes it, with its approximation or bound."""

    kind: str
    value: str
    approximate: bool = False
    bound: Optional[str] = None
    unit: Optional[str] = None
    zone: Optional[str] = None  # a clock time's time zone as written ("CET")


class Lexicon:
    """The words of lexicon.yml, compiled into the regular expressions the parsers share."""

    def __init__(self, data: dict):
        self.months: dict[str, int] = data["months"]
        self.weekdays: dict[str, int] = data["weekdays"]
        self.number_words: dict[str, int] = data["number_words"]
        self.scale_words: dict[str, int] = data["scale_words"]
        self.ordinal_words: dict[str, int] = data["ordinal_words"]
        self.fraction_words: dict[str, int] = data["fraction_words"]
        self.unicode_fractions: dict[str, float] = data["unicode_fractions"]
        self.negative_words: list[str] = data["negative_words"]
        self.ratio_words: list[str] = data["ratio_words"]
        self.exact_words: list[str] = data["exact_words"]
        self.emphasis_words: list[str] = data["emphasis_words"]
        self.min_suffix_words: list[str] = data["min_suffix_words"]
        self.max_suffix_words: list[str] = data["max_suffix_words"]
        self.neutral_suffix_words: list[str] = data["neutral_suffix_words"]
        self.vague: dict[str, list[int]] = data["vague_quantities"]
        self.approximate_words: list[str] = data["approximate_words"]
        self.min_words: list[str] = data["min_bound_words"]
        self.max_words: list[str] = data["max_bound_words"]
        self.currencies: dict[str, str] = {k.lower(): v for k, v in data["currencies"].items()}
        self.currency_symbols = sorted(self.currencies, key=len, reverse=True)  # 'us$' tried before '$'
        self.duration_units: dict[str, object] = data["duration_units"]
        self.whole_unit_words: list[str] = data["whole_unit_words"]
        self.named_times: dict[str, str] = data["named_times"]
        self.year_parts: dict[str, list[int]] = data["year_parts"]
        self.day_parts: dict[str, str] = data["day_parts"]
        self.time_zones: list[str] = data["time_zones"]
        self.date_which: dict[str, int] = data["date_which"]
        self.date_this_coming: list[str] = data["date_this_coming"]
        self.date_last_weekday: list[str] = data["date_last_weekday"]
        self.last_words: list[str] = data["last_words"]
        self.date_units: dict[str, object] = data["date_units"]
        self.vague_counts: dict[str, int] = data["vague_counts"]
        self.relative_days: dict[str, int] = data["relative_days"]
        self.part_words: list[str] = data["part_words"]
        self.decade_words: dict[str, int] = data["decade_words"]
        self.range_connectors: list[str] = data["range_connectors"]
        self.yearless_future_days: int = data["yearless_future_days"]
        self.month_first_locales: list[str] = data["month_first_locales"]
        month = alternation(self.months)
        self.month = rf"(?P<{{n}}>{month})\.?"
        self.weekday_re = alternation(self.weekdays)
        qualifiers = self.approximate_words + self.min_words + self.max_words + self.exact_words
        self.qualifier_re = re.compile(rf"^\s*(?P<q>{alternation(qualifiers)})(?:\b|(?<=[<>=]))\s*", re.I)
        suffixes = self.min_suffix_words + self.max_suffix_words + self.neutral_suffix_words
        self.suffix_re = re.compile(rf"\s+(?P<q>{alternation(suffixes)})$", re.I)
        self.emphasis_re = re.compile(rf"^(?:{alternation(self.emphasis_words)})\s+", re.I)

    def month_group(self, name: str) -> str:
        return self.month.format(n=name)


def alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The built-in lexicon, read once per process."""
    text = resources.files("factcheck").joinpath("data/lexicon.yml").read_text(encoding="utf-8")
    return Lexicon(builtin_yaml(text))
