"""Counts, percentages, money and ordinals: written numbers ('3,000', 'thirty-one', '$1.2m') to digits."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .lexicon import Normalized, lexicon


ALL = "all"  # "all member states": the whole of a set whose size the text does not give
DIGITS = re.compile(r"^(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*(?P<scale>[a-z]+)?$", re.I)


def format_number(number: float) -> str:
    """Digits with a `.` decimal point and no trailing zeros, to 15 significant digits: 32, 2.5,
    23000000000, 0.333333333333333 (a float's exact digits, not its binary noise)."""
    if number == int(number):
        return str(int(number))
    text = f"{number:.15g}"
    if "e" in text:
        text = f"{number:.15f}".rstrip("0").rstrip(".")
    return text


DIGIT_FORMS = (
    (re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$"), ",", "."),  # 1,234,567.89
    (re.compile(r"^\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?$"), ",", "."),  # 12,34,567.89 (lakh grouping)
    (re.compile(r"^\d{1,3}(?:\.\d{3})+,\d+$"), ".", ","),  # 1.111,11
    (re.compile(r"^\d+,\d{1,2}$"), "", ","),  # 5,00 and 1,3: a decimal comma
    (re.compile(r"^(?:\d+(?:\.\d+)?|\.\d+)$"), "", "."),
)
SCIENTIFIC = re.compile(r"^(?P<m>\d+(?:\.\d+)?)(?:e(?P<e>[+-]?\d+)|\s*x\s*10\^(?P<x>[+-]?\d+)|\^(?P<p>[+-]?\d+))$")
SPACED_GROUPS = re.compile(r"(?<![\d.,])(\d{1,3})((?:[ \u00a0\u202f\u2009]\d{3})+)(?![\d,]|\.\d{3})")
DIGIT_FRACTION = re.compile(r"^(?:(?P<whole>\d+)\s+)?(?P<num>\d+)\s*/\s*(?P<den>\d+)$")


def _digits(text: str) -> Optional[float]:
    """A number in digits, in any of the groupings news text uses, or in scientific notation."""
    for pattern, group, point in DIGIT_FORMS:
        if pattern.match(text):
            return float(text.replace(group, "").replace(point, ".") if group else text.replace(point, "."))
    scientific = SCIENTIFIC.match(text)
    if scientific:
        mantissa = float(scientific.group("m"))
        if scientific.group("p") is not None:
            return mantissa ** int(scientific.group("p"))
        return mantissa * 10 ** int(scientific.group("e") or scientific.group("x"))
    fraction = DIGIT_FRACTION.match(text)
    if fraction and int(fraction.group("den")):
        return int(fraction.group("whole") or 0) + int(fraction.group("num")) / int(fraction.group("den"))
    return None


def number_tokens(text: str) -> list[str]:
    lex = lexicon()
    text = text.strip().lower().replace("\u2011", "-").replace("\u2212", "-")
    for symbol, value in lex.unicode_fractions.items():
        if symbol in text:
            text = text.replace(symbol, f" {format_number(value)}")
    text = SPACED_GROUPS.sub(lambda m: m.group(1) + re.sub(r"\D", "", m.group(2)), text)
    text = re.sub(r"(?<=[a-z0-9])\s*-\s*(?=[a-z])", " ", text)  # "thirty-one", "ninety - five", "1.5-billion"
    return text.split()


def parse_number(text: str) -> Optional[float]:
    """'31', '3,000', '40 000', '2.5', '1.2m', '-1', '3/4', '1e10' (a symbol stripped before);
    'thirty-one', 'one hundred and sixteen', 'minus five point five', 'two thirds', 'a dozen'."""
    lex = lexicon()
    words = number_tokens(text)
    sign = 1
    if words and (words[0] in lex.negative_words or words[0] == "-"):
        sign, words = -1, words[1:]
    elif words and words[0].startswith("-") and len(words[0]) > 1:
        sign, words = -1, [words[0][1:]] + words[1:]
    if not words:
        return None
    try:
        number = _ratio(words)
    except OverflowError:
        return None  # '10^999' is no count a text gives
    return None if number is None or number in (float("inf"), float("-inf")) else sign * number


def _ratio(words: list[str]) -> Optional[float]:
    """'one over three', 'two out of five hundred', '1 in twenty-one'; else a plain number."""
    lex = lexicon()
    joined = " ".join(words)
    for word in lex.ratio_words:
        left, found, right = joined.partition(f" {word} ")
        if found:
            top, bottom = _amount(left.split()), _amount(right.split())
            if top is not None and bottom and (word != "in" or bottom > top):
                return top / bottom
            return None
    return _amount(words)


def _amount(words: list[str]) -> Optional[float]:
    """A whole number with a fraction after 'and' ('twenty and three fifths', 'one million and a
    half'), a fraction, or a whole number."""
    digits = _digits(" ".join(words))
    if digits is not None:
        return digits
    for index in range(len(words) - 1, 0, -1):
        if words[index] != "and":
            continue
        fraction = _fraction(words[index + 1 :])
        whole = cardinal(words[:index])
        if fraction is None or whole is None:
            continue
        fraction_scale = _scale(words[-1])
        if fraction_scale == 1 and fraction >= 1:
            continue  # "one hundred and thirty fifths" is 130/5: the 'and' of a cardinal
        if fraction_scale > 1 and not any(_scale(w) > 1 for w in words[:index]):
            return whole * fraction_scale + fraction  # "five and a half million"
        scale = _scale(words[index - 1])
        if scale >= 1000 and fraction_scale == 1:
            return whole + fraction * scale  # "one million and a half": a million and a half of one
        return whole + fraction
    fraction = _fraction(words)
    return fraction if fraction is not None else cardinal(words)


def _scale(word: str) -> float:
    """What a word multiplies by: 'million' 1000000, 'dozen' 12; 1 for any other word."""
    lex = lexicon()
    if word in lex.number_words and lex.number_words[word] == 12 and word != "twelve":
        return 12
    return lex.scale_words.get(word, 1) if word not in ("m", "b", "k") else 1


def _denominator(word: str) -> Optional[int]:
    """The denominator a word names: 'fifths' 5, 'half' 2, 'quarters' 4; not 'first' or 'second'."""
    lex = lexicon()
    if word in lex.fraction_words:
        return lex.fraction_words[word]
    singular = word[:-1] if word.endswith("s") and word[:-1] in lex.ordinal_words else word
    value = lex.ordinal_words.get(singular)
    return value if value is not None and value > 2 else None


def _fraction(words: list[str]) -> Optional[float]:
    """'three fifths', 'a half', 'one hundred thirty-fifths' (100/35), 'two thirds of a million'."""
    lex = lexicon()
    scale = 1.0
    if len(words) >= 2 and _scale(words[-1]) > 1:
        scale = _scale(words[-1])  # "three quarters million", "two thirds of a million", "half a dozen"
        words = words[:-1]
        if words[-2:] in (["of", "a"], ["of", "an"]):
            words = words[:-2]
        elif words[-1:] in (["a"], ["an"]):
            words = words[:-1]
    if not words:
        return None
    last = words[-1]
    if last in ("half", "quarter") and len(words) == 1:
        return scale / lex.fraction_words[last]  # "half", "half million"
    unit = last[:-1] if last.endswith("s") else last
    tens = lex.number_words.get(words[-2]) if len(words) >= 3 else None
    if tens and tens >= 20 and tens % 10 == 0 and unit in lex.ordinal_words and lex.ordinal_words[unit] < 10:
        numerator = _numerator(words[:-2])  # "one hundred thirty-fifths": 100/35
        if numerator is not None:
            return scale * numerator / (tens + lex.ordinal_words[unit])
    denominator = _denominator(last)
    if denominator is None:
        return None
    if len(words) >= 3 and _scale(words[-2]) >= 1000 and denominator < 1000:
        return None  # "one hundred one thousand fifths": 101000/5 or 100/1005, the words do not say
    numerator = _numerator(words[:-1])
    return None if numerator is None else scale * numerator / denominator


def _numerator(words: list[str]) -> Optional[float]:
    if words in (["a"], ["an"], []):
        return 1.0 if words else None
    if words[-1] == "and":
        return None
    return cardinal(words)


def cardinal(words: list[str]) -> Optional[float]:
    """A whole number in words or digits with scales: 'one hundred and sixteen', 'hundred
    thousand', 'three hundred  and thirty one', '6 crore and two hundred', 'ten point five'."""
    lex = lexicon()
    if not words:
        return None
    if "point" in words:
        at = words.index("point")
        whole, decimals = cardinal(words[:at]) if at else 0.0, _decimals(words[at + 1 :])
        return None if whole is None or decimals is None else whole + decimals
    total = 0.0
    current = 0.0
    last = 0.0  # the words' last number, which 'dozen' multiplies ("three hundred and two dozens")
    seen = False
    for index, word in enumerate(words):
        if word == "and" and seen and index + 1 < len(words):
            continue
        if word in ("a", "an") and index + 1 < len(words) and _scale(words[index + 1]) > 1:
            current, last, seen = 1.0, 1.0, True  # "a hundred", "a dozen"
            continue
        numeric = DIGITS.match(word)
        value: Optional[float] = None
        if numeric and not numeric.group("scale"):
            value = float(numeric.group("num").replace(",", ""))
        elif numeric and numeric.group("scale") in lex.scale_words:
            current += float(numeric.group("num").replace(",", "")) * lex.scale_words[numeric.group("scale")]
            seen = True
            continue
        elif word in lex.number_words and word not in ("a", "an", "both", "single", "score"):
            value = lex.number_words[word]
            if word != "twelve" and value == 12:  # "three dozens", "a dozen"; "dozens" alone is vague
                if not seen and word.endswith("s"):
                    return None
                current += (last or 1) * 12 - last
                last, seen = 0.0, True
                continue
        elif word in lex.scale_words and (seen or word in ("hundred", "thousand", "million", "billion", "trillion")):
            scale = lex.scale_words[word]
            if scale == 100:
                current = (current or 1) * scale
            elif current or not total:
                total += (current or 1) * scale
                current = 0.0
            elif scale > total:
                total *= scale  # "three lakh crore"
            else:
                return None
            last, seen = 0.0, True
            continue
        else:
            return None
        if current and not (current % 100 == 0 and value < 100) and not (current % 10 == 0 and current % 100 >= 20 and value < 10):
            return None  # "two seven" is two numbers, not nine
        current += value
        last, seen = value, True
    if not seen:
        return None
    return total + current


def _decimals(words: list[str]) -> Optional[float]:
    """The digits after 'point': 'zero three' .03, 'seventy-one' .71, 'nought four' .04."""
    lex = lexicon()
    values = [float(w) if w.isdigit() else lex.number_words.get(w) for w in words]
    if not values or any(v is None or v >= 100 or w in ("a", "an", "dozen", "score") for v, w in zip(values, words)):
        return None
    digits, index = "", 0
    while index < len(values):
        value = int(values[index])
        if value >= 20 and value % 10 == 0 and index + 1 < len(values) and 0 < values[index + 1] < 10:
            value, index = value + int(values[index + 1]), index + 1  # "seventy-one"
        digits += str(value)
        index += 1
    return float("0." + digits)


def strip_qualifier(text: str) -> tuple[str, bool, Optional[str], str]:
    """Split 'more than 200' into ('200', approximate, bound, 'more than'); '500 or more' and
    'equal to 5000 or less' too."""
    lex = lexicon()
    rest, approximate, bound, word = text.strip(), False, None, ""
    match = lex.qualifier_re.match(rest)
    if match:
        word = match.group("q").lower()
        rest = rest[match.end():].strip()
        if word in (w.lower() for w in lex.min_words):
            bound = "min"
        elif word in (w.lower() for w in lex.max_words):
            bound = "max"
        elif word not in (w.lower() for w in lex.exact_words):
            approximate = True
    suffix = lex.suffix_re.search(rest)
    if suffix and rest[: suffix.start()].strip():
        after = suffix.group("q").lower()
        rest = rest[: suffix.start()].strip()
        if after in (w.lower() for w in lex.min_suffix_words):
            bound = "min"
        elif after in (w.lower() for w in lex.max_suffix_words):
            bound = "max"
        word = f"{word} {after}".strip()
    return rest, approximate, bound, word


@lru_cache(maxsize=8192)  # extraction asks of one entity's words several times; values are immutable
def quantity(text: str) -> Optional[Normalized]:
    """A count or percentage, with 'about'/'more than'/'up to' turned into approximate or bound."""
    lex = lexicon()
    rest, approximate, bound, _ = strip_qualifier(re.sub(r"^the\s+", "", text.strip(), flags=re.I))
    lowered = rest.lower().strip()
    if lowered in lex.vague:
        return Normalized("quantity", lowered.removesuffix(" of"), approximate=True)
    if lowered == ALL:
        return Normalized("quantity", ALL)
    percent = re.match(r"^(?P<n>.+?)\s*-?\s*(?:%|per ?cents?|percents?|percentage|pct)$", rest, re.I) \
        or re.match(r"^(?:per ?cents?|percents?|percentage)\s+of\s+(?P<n>.+)$", rest, re.I)
    if percent:
        number = parse_number(percent.group("n"))
        if number is None:
            return None
        return Normalized("quantity", format_number(number) + "%", approximate, bound)
    number = parse_number(rest)
    if number is None:
        return None
    return Normalized("quantity", format_number(number), approximate, bound)


@lru_cache(maxsize=8192)  # every entity's words are asked whether they are money
def money(text: str) -> Optional[Normalized]:
    """'$23 billion', '€4.5bn', '23 billion dollars', 'US$1.2m' to the amount and its ISO currency."""
    lex = lexicon()
    rest, approximate, bound, _ = strip_qualifier(text)
    lowered = rest.lower().strip().rstrip(".")
    unit = None
    written = rest.strip()
    for symbol in lex.currency_symbols:
        # a currency's name goes after the amount ('50,000 won'); before it only its code in
        # capitals ('CHF 5') or a sign: 'won 3-2' is a match won
        if lowered.startswith(symbol) and not (symbol.isalpha() and not written[: len(symbol)].isupper()):
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


@lru_cache(maxsize=8192)  # asked of an ordinal entity's words by several rules; values are immutable
def ordinal(text: str) -> Optional[Normalized]:
    """'the fourth', '75th', 'two hundredth' 200, 'one hundred twenty-fifth' 125, 'trillionth'."""
    lex = lexicon()
    word = text.strip().lower().removeprefix("the ").strip()
    match = re.match(r"^(\d+)(?:st|nd|rd|th)$", word)
    if match:
        return Normalized("ordinal", match.group(1))
    words = number_tokens(word)
    if not words or words[-1] not in lex.ordinal_words:
        return None
    number = lex.ordinal_words[words[-1]]
    scale = next((w for w, v in lex.scale_words.items() if v == number and w.isalpha() and len(w) > 3), None)
    value = cardinal(words[:-1] + [scale or str(number)])  # "two hundredth": two hundred
    return Normalized("ordinal", format_number(value)) if value is not None else None
