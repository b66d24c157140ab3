"""Times of day ('9:59 p.m.', 'noon', 'half past eight', 'eight forty pm', '18:07 CET') as
24-hour clock times, local as written, with the time zone when the text gives one."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .lexicon import Normalized, alternation, lexicon
from .numbers import cardinal, strip_qualifier


def _number(words: str) -> Optional[int]:
    words = words.strip()
    if re.fullmatch(r"\d{1,2}", words):
        return int(words)
    value = cardinal(words.replace("-", " ").split()) if words else None
    return int(value) if value is not None and value == int(value) else None


def _clock(text: str) -> Optional[tuple[int, int, bool]]:
    """Hour, minute and whether the text fixed the half of the day ('13:40', '1339', '7h01')."""
    match = re.fullmatch(r"(\d{1,2})\s*(?:[:.]|\s*h\s*)\s*(\d{2})", text)
    if match:
        return int(match.group(1)), int(match.group(2)), int(match.group(1)) > 12
    match = re.fullmatch(r"(\d{1,2})(\d{2})", text)
    if match:
        return int(match.group(1)), int(match.group(2)), int(match.group(1)) > 12
    hour = _number(text)
    if hour is not None:
        return hour, 0, False
    words = text.replace("-", " ").split()
    for cut in range(1, len(words)):
        hour, minute = _number(" ".join(words[:cut])), _number(" ".join(words[cut:]))
        if hour is not None and minute is not None and 1 <= hour <= 23 and 1 <= minute <= 59 \
                and (minute >= 10 or words[cut] in ("oh", "zero") or cut == len(words) - 1):
            return hour, minute, hour > 12  # "eight forty", "ten forty five", "eleven five"
    return None


def _relative_clock(text: str) -> Optional[tuple[int, int, bool]]:
    """'half past eight', 'a quarter to 8', 'three minutes to eight', '20 min past eight'."""
    match = re.fullmatch(r"(?:a\s+)?(?P<n>.+?)\s*(?:minutes?|mins?)?\s+(?P<dir>past|after|to|before|till)\s+(?P<hour>.+)", text)
    if not match:
        return None
    amount = {"half": 30, "quarter": 15, "three quarters": 45}.get(match.group("n"))
    if amount is None:
        amount = _number(match.group("n"))
    hour = _clock(match.group("hour"))
    if amount is None or hour is None or not 0 < amount < 60:
        return None
    minutes = hour[0] * 60 + hour[1] + (amount if match.group("dir") in ("past", "after") else -amount)
    return (minutes // 60) % 24, minutes % 60, hour[2]


@lru_cache(maxsize=1)
def _zone_re() -> re.Pattern:
    return re.compile(rf"\s*\b({alternation(lexicon().time_zones)})$")


@lru_cache(maxsize=1)
def _day_part_res() -> tuple[re.Pattern, re.Pattern]:
    """A part of the day before the time ('in the morning at 9') or after it ('9 in the morning')."""
    parts = alternation(lexicon().day_parts)
    return re.compile(rf"^(?:in the |at |this )?(?P<p>{parts})\b(?:\s+at)?\s*"), re.compile(rf"\s*(?:in the |at |this )?(?P<p>{parts})$")


@lru_cache(maxsize=8192)  # asked of a time entity's words by several rules; values are immutable
def time_of_day(text: str) -> Optional[Normalized]:
    """'9:59 p.m.' to '21:59', 'noon' to '12:00', 'around 1:35 a.m.' to '01:35' (approximate),
    'half past seven in the morning' to '07:30', '18:07 CET' to '18:07' with zone CET."""
    lex = lexicon()
    rest, approximate, bound, _ = strip_qualifier(text)
    lowered = re.sub(r"\s+", " ", rest.strip().lower())
    hedge = re.match(r"^(?:shortly|just|soon|right)\s+(?:before|after)\s+", lowered)
    if hedge:
        lowered, approximate = lowered[hedge.end():], True
    if re.search(r"-?ish$", lowered):
        lowered, approximate = re.sub(r"-?ish$", "", lowered).strip(), True
    said = approximate or bool(re.search(r"o'?\s*clock", lowered))  # "7 o'clock", "11ish" are times
    zone = None
    zones = _zone_re().search(rest.strip())
    if zones and zones.group(1):
        zone = zones.group(1)
        lowered = lowered[: len(lowered) - len(zones.group(0).lower())].strip()
    lowered = re.sub(r"\b([ap])\s*\.?\s*m\b\.?", r"\1m", lowered)  # "p. m.", "p m"
    lowered = re.sub(r"\s*o'?\s*clock\b", "", lowered).replace("’", "'")
    lowered = re.sub(r"^(?:at\s+)", "", lowered).removesuffix(" local time").strip()
    if lowered in lex.named_times:
        return Normalized("time", lex.named_times[lowered], approximate, bound, zone=zone)
    half = None
    for pattern in _day_part_res():
        found = pattern.search(lowered)
        if found and lowered[: found.start()].strip() + lowered[found.end():].strip():
            half = lex.day_parts[found.group("p")]
            lowered = (lowered[: found.start()] + " " + lowered[found.end():]).strip()
    if lowered.endswith(("am", "pm")) and half is None:
        half, lowered = lowered[-2:], lowered[:-2].strip()
    found = re.search(r"\s*\b(am|pm)$", lowered)
    if found:
        half, lowered = found.group(1), lowered[: found.start()].strip()
    clock = _relative_clock(lowered) or _clock(lowered)
    if clock is None:
        return None
    hour, minute, fixed = clock
    if half is None and not said and minute == 0 and not re.search(r"[:.h]\d{2}", lowered):
        return None  # "seven" alone is a count; a time needs a minute, a half of the day or "o'clock"
    if half == "night" and hour == 12:
        hour = 0
    elif half in ("pm", "night") and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    elif half == "lunch" and 1 <= hour <= 4:
        hour += 12
    elif half == "midnight" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return Normalized("time", f"{hour:02d}:{minute:02d}", approximate, bound, zone=zone)
