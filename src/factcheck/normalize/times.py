"""Times of day ('9:59 p.m.', 'noon') as 24-hour clock times, local as written."""

from __future__ import annotations

import re
from typing import Optional

from .lexicon import Normalized, lexicon
from .numbers import strip_qualifier


def time_of_day(text: str) -> Optional[Normalized]:
    """'9:59 p.m.' to '21:59', 'noon' to '12:00', 'around 1:35 a.m.' to '01:35' (approximate);
    local as written."""
    lex = lexicon()
    rest, approximate, bound, _ = strip_qualifier(text)
    lowered = rest.strip().lower()
    hedge = re.match(r"^(?:shortly|just|soon|right)\s+(?:before|after)\s+", lowered)
    if hedge:
        lowered, approximate = lowered[hedge.end():], True
    if lowered in lex.named_times:
        return Normalized("time", lex.named_times[lowered], approximate, bound)
    match = re.match(r"^(?:at\s+)?(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?|h|hrs)?(?:\s+local time)?$", lowered)
    if not match or (match.group(2) is None and match.group(3) is None):
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    meridiem = (match.group(3) or "").replace(".", "")
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return Normalized("time", f"{hour:02d}:{minute:02d}", approximate, bound)
