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

import yaml


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


class Lexicon:
    """The words of lexicon.yml, compiled into the regular expressions the parsers share."""

    def __init__(self, data: dict):
        self.months: dict[str, int] = data["months"]
        self.weekdays: dict[str, int] = data["weekdays"]
        self.number_words: dict[str, int] = data["number_words"]
        self.scale_words: dict[str, int] = data["scale_words"]
        self.ordinal_words: dict[str, int] = data["ordinal_words"]
        self.vague: dict[str, list[int]] = data["vague_quantities"]
        self.approximate_words: list[str] = data["approximate_words"]
        self.min_words: list[str] = data["min_bound_words"]
        self.max_words: list[str] = data["max_bound_words"]
        self.currencies: dict[str, str] = {k.lower(): v for k, v in data["currencies"].items()}
        self.duration_units: dict[str, object] = data["duration_units"]
        self.named_times: dict[str, str] = data["named_times"]
        self.year_parts: dict[str, list[int]] = data["year_parts"]
        month = alternation(self.months)
        self.month = rf"(?P<{{n}}>{month})\.?"
        self.weekday_re = alternation(self.weekdays)
        qualifiers = self.approximate_words + self.min_words + self.max_words
        self.qualifier_re = re.compile(rf"^\s*(?P<q>{alternation(qualifiers)})\b\s*", re.I)

    def month_group(self, name: str) -> str:
        return self.month.format(n=name)


def alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The built-in lexicon, read once per process."""
    text = resources.files("factcheck").joinpath("data/lexicon.yml").read_text(encoding="utf-8")
    return Lexicon(yaml.safe_load(text))
