"""Counts, percentages, money and ordinals: written numbers ('3,000', 'thirty-one', '$1.2m') to digits."""

from __future__ import annotations

import re
from typing import Optional

from .lexicon import Normalized, lexicon


ALL = "all"  # "all member states": the whole of a set whose size the text does not give
DIGITS = re.compile(r"^(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*(?P<scale>[a-z]+)?$", re.I)


def format_number(number: float) -> str:
    """Digits with a `.` decimal point and no trailing zeros: 32, 2.5, 23000000000."""
    if number == int(number):
        return str(int(number))
    return f"{number:.6f}".rstrip("0").rstrip(".")


def parse_number(text: str) -> Optional[float]:
    """'31', '3,000', '2.5', '1.2m', '$23 billion' (without the symbol), 'thirty-one', 'a dozen'."""
    lex = lexicon()
    words = text.strip().lower().replace("\u2011", "-").replace("-", " ").split()
    if not words:
        return None
    joined = " ".join(words)
    match = DIGITS.match(joined)
    if match:
        number = float(match.group("num").replace(",", ""))
        scale = match.group("scale")
        if scale:
            if scale not in lex.scale_words:
                return None
            number *= lex.scale_words[scale]
        return number
    total = 0.0
    current = 0.0
    seen = False
    for index, word in enumerate(words):
        if word in ("and",) and seen:
            continue
        if word == "half" and (seen or index + 1 < len(words) and words[index + 1] in ("a", "an")):
            current += 0.5  # "half a million", "two and a half"
            seen = True
            continue
        if word in ("a", "an") and seen:
            continue
        numeric = DIGITS.match(word)
        if numeric and not numeric.group("scale"):
            current += float(numeric.group("num").replace(",", ""))
            seen = True
        elif word in lex.number_words:
            value = lex.number_words[word]
            if word in ("dozen", "score") and current:
                current *= value
            elif current and not (current % 10 == 0 and current >= 20 and value < 10):
                return None  # "two seven" is two numbers, not nine
            else:
                current += value
            seen = True
        elif word in lex.scale_words and seen:
            scale = lex.scale_words[word]
            if scale == 100:
                current *= scale
            else:
                total += current * scale
                current = 0.0
        else:
            return None
    if not seen:
        return None
    return total + current


def strip_qualifier(text: str) -> tuple[str, bool, Optional[str], str]:
    """Split 'more than 200' into ('200', approximate, bound, 'more than')."""
    lex = lexicon()
    match = lex.qualifier_re.match(text)
    if not match:
        return text.strip(), False, None, ""
    word = match.group("q").lower()
    rest = text[match.end():].strip()
    if word in (w.lower() for w in lex.min_words):
        return rest, False, "min", word
    if word in (w.lower() for w in lex.max_words):
        return rest, False, "max", word
    return rest, True, None, word


def quantity(text: str) -> Optional[Normalized]:
    """A count or percentage, with 'about'/'more than'/'up to' turned into approximate or bound."""
    lex = lexicon()
    rest, approximate, bound, _ = strip_qualifier(re.sub(r"^the\s+", "", text.strip(), flags=re.I))
    lowered = rest.lower().strip()
    if lowered in lex.vague:
        return Normalized("quantity", lowered.removesuffix(" of"), approximate=True)
    if lowered == ALL:
        return Normalized("quantity", ALL)
    percent = re.match(r"^(?P<n>.+?)\s*(?:%|per ?cent|percent|pct)$", rest, re.I)
    if percent:
        number = parse_number(percent.group("n"))
        if number is None:
            return None
        return Normalized("quantity", format_number(number) + "%", approximate, bound)
    number = parse_number(rest)
    if number is None:
        return None
    return Normalized("quantity", format_number(number), approximate, bound)


def money(text: str) -> Optional[Normalized]:
    """'$23 billion', '€4.5bn', '23 billion dollars', 'US$1.2m' to the amount and its ISO currency."""
    lex = lexicon()
    rest, approximate, bound, _ = strip_qualifier(text)
    lowered = rest.lower().strip().rstrip(".")
    unit = None
    for symbol in sorted(lex.currencies, key=len, reverse=True):
        if lowered.startswith(symbol):
            unit, lowered = lex.currencies[symbol], lowered[len(symbol):].strip()
            break
        if lowered.endswith(" " + symbol) or (not symbol.isalpha() and lowered.endswith(symbol)):
            unit, lowered = lex.currencies[symbol], lowered[: -len(symbol)].strip()
            break
    if unit is None:
        return None
    number = parse_number(lowered)
    if number is None:
        return None
    return Normalized("money", format_number(number), approximate, bound, unit)


def ordinal(text: str) -> Optional[Normalized]:
    """'the fourth', '75th', '267th' to the number."""
    lex = lexicon()
    word = text.strip().lower().removeprefix("the ").strip()
    match = re.match(r"^(\d+)(?:st|nd|rd|th)$", word)
    if match:
        return Normalized("ordinal", match.group(1))
    if word in lex.ordinal_words:
        return Normalized("ordinal", str(lex.ordinal_words[word]))
    parts = word.replace("-", " ").split()
    if len(parts) == 2 and parts[0] in lex.number_words and parts[1] in lex.ordinal_words:
        return Normalized("ordinal", str(lex.number_words[parts[0]] + lex.ordinal_words[parts[1]]))
    return None
