"""Value normalization: the words of a span the pipeline found, to the contract's value strings.

Numbers, money, ordinals, percentages, dates at the precision the text gives, yearless dates,
ranges, ISO 8601 durations, times of day, and relative dates resolved against the document's
publication date (never against today). Only spans found by the extractors come here: this
package never searches a sentence for dates, so plain numbers are not mistaken for them.
The words (months, number words, approximation words, currencies) are data in lexicon.yml.

One module per value type; this one re-exports them, so callers write `normalize.temporal`.
"""

from .dates import (
    PREPOSITIONS,
    Point,
    absolute_date,
    date_order_of,
    is_relative,
    parse_dates,
    parse_ref,
    temporal,
)
from .display import DURATION_UNITS, MONTHS, NUMERIC_KINDS, display_value
from .durations import CLOCK, SPELLED_TIME, duration, duration_months, elapsed_time
from .lexicon import Lexicon, Normalized, fold, lexicon
from .numbers import ALL, DIGITS, format_number, money, ordinal, parse_number, quantity, strip_qualifier
from .times import time_of_day

__all__ = [
    "ALL", "CLOCK", "DIGITS", "DURATION_UNITS", "MONTHS", "NUMERIC_KINDS", "PREPOSITIONS", "SPELLED_TIME", "Lexicon", "Normalized", "Point", "absolute_date", "date_order_of", "display_value", "duration",
    "duration_months", "elapsed_time", "fold", "format_number", "is_relative", "lexicon", "money", "ordinal",
    "parse_dates", "parse_number", "parse_ref", "quantity", "strip_qualifier", "temporal",
    "time_of_day",
]
