"""The normalizer's reach (issue 14): one case of our own for each failure the issue lists."""

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.normalize import duration, ordinal, parse_number, quantity, temporal, time_of_day

MAY = dt.date(2024, 5, 15)  # a Wednesday
NOVEMBER = dt.date(2023, 11, 7)  # a Tuesday


def value(result):
    assert result is not None
    return result.value


# --------------------------------------------------------------------------- the reference date

def test_a_bare_month_without_tense_is_the_last_one():
    """A 'November' written in May is the previous November, not the coming one."""
    assert value(temporal("November", MAY)) == "2023-11"


def test_a_bare_month_without_tense_may_be_just_ahead():
    """'June 2' written on 15 May is this June: it begins within a month."""
    assert value(temporal("June 2", MAY)) == "2024-06-02"


def test_the_present_tense_reads_like_no_tense():
    """'is expected to appeal the jury's January verdict', in November: last January."""
    assert value(temporal("January", dt.date(2022, 11, 18), "present")) == "2022-01"


def test_the_clause_tense_still_decides():
    assert value(temporal("November", MAY, "future")) == "2024-11"
    assert value(temporal("March", MAY, "past")) == "2024-03"


def test_a_weekday_without_tense_is_the_nearest():
    """Friday from a Wednesday is two days ahead, nearer than five days back."""
    assert value(temporal("Friday", MAY)) == "2024-05-17"
    assert value(temporal("Monday", MAY)) == "2024-05-13"


def test_last_month_name_is_last_years():
    assert value(temporal("last November", MAY)) == "2023-11"
    assert value(temporal("next March", MAY)) == "2025-03"


# --------------------------------------------------------------------------- named periods

@pytest.mark.parametrize("text, expected", [
    ("the third quarter of 2023", "2023-07/2023-09"),
    ("Q1 2022", "2022-01/2022-03"),
    ("H2 2021", "2021-07/2021-12"),
    ("the second half of 2020", "2020-07/2020-12"),
    ("the 1990s", "1990/1999"),
    ("the eighties", "1980/1989"),
    ("the nineteenth century", "1800/1899"),
    ("the 21st century", "2000/2099"),
])
def test_named_periods_are_ranges(text, expected):
    assert value(temporal(text, MAY)) == expected


def test_a_quarter_without_year_is_the_last_one_begun():
    """'the first quarter' in May 2024 is January to March 2024; 'third-quarter' (profit) the
    last third quarter, 2023's: July 2024 has not begun."""
    assert value(temporal("the first quarter", MAY)) == "2024-01/2024-03"
    assert value(temporal("third-quarter", MAY)) == "2023-07/2023-09"


def test_relative_decades():
    assert value(temporal("the past two decades", MAY)) == "2000/2019"
    assert value(temporal("this decade", MAY)) == "2020/2029"


# --------------------------------------------------------------------------- durations

@pytest.mark.parametrize("text, expected", [
    ("the past 18 months", "P18M"),
    ("the past decade", "P10Y"),
    ("two more weeks", "P2W"),
    ("3h", "PT3H"),
    ("45 mins", "PT45M"),
    ("1 year 1 month", "P1Y1M"),
    ("2 days 1 month", "P1M2D"),
    ("all day", "P1D"),
    ("another week", "P1W"),
    ("an hour and half", "PT1.5H"),
    ("a fortnight", "P2W"),
    ("couple of weeks", "P2W"),
])
def test_duration_spans(text, expected):
    assert value(duration(text)) == expected


def test_last_year_stays_a_date_not_a_duration():
    assert duration("last year") is None
    assert value(temporal("last year", MAY)) == "2023"


# --------------------------------------------------------------------------- numbers

@pytest.mark.parametrize("text, expected", [
    ("one hundred and sixteen", "116"),
    ("two thousand three hundred and forty-five", "2345"),
    ("-1", "-1"),
    ("minus five", "-5"),
    ("40 000", "40000"),
    ("1 234 567", "1234567"),
    ("1\u202f234\u202f567", "1234567"),
    ("two thirds", "0.666666666666667"),
    ("3/4", "0.75"),
    ("a half", "0.5"),
    ("half a million", "500000"),
    ("three and a quarter", "3.25"),
    ("one million and a half", "1500000"),
    ("four point five", "4.5"),
    ("nought point nought three", "0.03"),
    ("one over four", "0.25"),
])
def test_number_grammar(text, expected):
    assert value(quantity(text)) == expected


def test_a_list_of_numbers_is_not_one_number():
    assert parse_number("two seven") is None
    assert parse_number("dozens") is None


@pytest.mark.parametrize("text, expected", [
    ("two hundredth", "200"),
    ("one hundred twenty-fifth", "125"),
    ("thousandth", "1000"),
    ("twenty-first", "21"),
])
def test_ordinals_of_any_size(text, expected):
    assert value(ordinal(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("nineteen ninety-eight", "1998"),
    ("two thousand and twelve", "2012"),
    ("June of nineteen ninety nine", "1999-06"),
])
def test_spelled_years(text, expected):
    assert value(temporal(text)) == expected


@pytest.mark.parametrize("text, bound, expected", [
    ("500 or more", "min", "500"),
    ("greater than 40", "min", "40"),
    ("less than or equal to 12", "max", "12"),
    ("equal to 7", None, "7"),
])
def test_bounds_before_and_after_the_number(text, bound, expected):
    result = quantity(text)
    assert (result.value, result.bound) == (expected, bound)


# --------------------------------------------------------------------------- numeric dates

@pytest.mark.parametrize("text, expected", [
    ("03/22/2021", "2021-03-22"),
    ("22/03/2021", "2021-03-22"),  # only one order is possible
    ("2019.7.4", "2019-07-04"),
    ("2019-jul-4", "2019-07-04"),
    ("7-4-19", "2019-07-04"),
    ("Jul-4", "--07-04"),
    ("4/22", "--04-22"),
    ("10/2020", "2020-10"),
])
def test_numeric_and_compact_dates(text, expected):
    assert value(temporal(text)) == expected


def test_date_order_comes_from_the_locale():
    assert value(temporal("04/03/2024")) == "2024-04-03"
    assert value(temporal("04/03/2024", date_order="dmy")) == "2024-03-04"


# --------------------------------------------------------------------------- compound relatives

@pytest.mark.parametrize("text, expected", [
    ("the day after tomorrow", "2023-11-09"),
    ("the day before yesterday", "2023-11-05"),
    ("Friday next week", "2023-11-17"),
    ("next week on Monday", "2023-11-13"),
    ("the 20th of next month", "2023-12-20"),
    ("the first Monday of next month", "2023-12-04"),
    ("two days after tomorrow", "2023-11-10"),
    ("three weeks from now", "2023-11-28"),
])
def test_compound_relatives(text, expected):
    assert value(temporal(text, NOVEMBER)) == expected


@pytest.mark.parametrize("text, expected", [
    ("from 4 to 22 this month", "2023-11-04/2023-11-22"),
    ("between 3 and 12 of Sept", "2023-09-03/2023-09-12"),
    ("next week between Tuesday and Thursday", "2023-11-14/2023-11-16"),
    ("the next 3 days", "2023-11-08/2023-11-11"),
])
def test_relative_ranges(text, expected):
    assert value(temporal(text, NOVEMBER)) == expected


def test_relative_words_need_the_publication_date():
    assert temporal("Friday next week") is None
    assert temporal("from 4 to 22 this month") is None


@pytest.mark.parametrize("text, ref", [
    ("February 29", dt.date(2023, 3, 1)),
    ("2/29", dt.date(2022, 6, 1)),
])
def test_a_29_february_takes_a_leap_year(text, ref):
    year = int(value(temporal(text, ref))[:4])
    assert year % 4 == 0 and dt.date(year, 2, 29)


@pytest.mark.parametrize("text", ["February 29, 2023", "2/30", "31 April", "13/13/2020"])
def test_no_impossible_dates(text):
    assert temporal(text, MAY) is None


# --------------------------------------------------------------------------- times

@pytest.mark.parametrize("text, expected", [
    ("eight forty", "08:40"),
    ("ten fifteen pm", "22:15"),
    ("half past eight", "08:30"),
    ("a quarter to nine", "08:45"),
    ("seven o'clock", "07:00"),
    ("8 in the morning", "08:00"),
    ("six in the evening", "18:00"),
    ("1.38 pm", "13:38"),
])
def test_spelled_and_colloquial_times(text, expected):
    assert value(time_of_day(text)) == expected


@pytest.mark.parametrize("text, expected, zone", [
    ("18:07 CET", "18:07", "CET"),
    ("1339 IST", "13:39", "IST"),
    ("9:30 a.m. EDT", "09:30", "EDT"),
])
def test_times_keep_their_zone(text, expected, zone):
    result = time_of_day(text)
    assert (result.value, result.zone) == (expected, zone)


def test_a_number_alone_is_not_a_time():
    assert time_of_day("seven") is None
    assert time_of_day("7") is None



@pytest.mark.parametrize("text", ["next month", "the next decade", "the next 3 days", "tomorrow"])
def test_nothing_past_the_calendar(text):
    assert temporal(text, dt.date(9999, 12, 31)) is None


WORDS = ["the", "next", "last", "of", "and", "to", "from", "between", "week", "month", "year", "day", "days",
         "Friday", "Feb", "29", "31", "30", "2/29", "13", "9999", "0001", "Q4", "third", "quarter", "decade",
         "1970s", "ago", "tomorrow", "half", "past", "8", "pm", "CET", "two", "hundred", "-", "/", ",", "1e999"]


def _existing(value: str) -> bool:
    """Every full date in a value is a day of the calendar."""
    return all(dt.date.fromisoformat(day) for day in re.findall(r"\d{4}-\d{2}-\d{2}", value))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6), st.dates(), st.sampled_from([None, "past", "future"]))
def test_any_words_give_an_existing_date_or_none(words, ref, tense):
    text = " ".join(words)
    for order in ("mdy", "dmy"):
        result = temporal(text, ref, tense, date_order=order)
        assert result is None or _existing(result.value)
    for reader in (quantity, duration, time_of_day, ordinal):
        reader(text)  # never raises
