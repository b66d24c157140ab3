"""Value normalization, checked against the "Values" table of the contract.

Every expected value below is written from the contract (digits with a `.` decimal point,
`%` for percentages, ISO 8601 dates at the text's precision, `--MM-DD` when the year is not
given, `start/end` ranges, ISO 8601 durations, 24-hour times, ISO 4217 currencies), not
copied from the program's output.
"""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck import normalize
from factcheck.normalize import (
    display_value,
    duration,
    money,
    ordinal,
    parse_number,
    quantity,
    temporal,
    time_of_day,
)

# 20 June 2024 was a Thursday.
THURSDAY = dt.date(2024, 6, 20)


def test_reference_date_is_a_thursday():
    assert THURSDAY.weekday() == 3


# --------------------------------------------------------------------------- quantities

@pytest.mark.parametrize(
    "text, value",
    [
        ("31", "31"),
        ("3,000", "3000"),
        ("1,250,000", "1250000"),
        ("2.5", "2.5"),
        ("0.75", "0.75"),
        ("2%", "2%"),
        ("52.3 per cent", "52.3%"),
        ("52.3 percent", "52.3%"),
        ("thirty-one per cent", "31%"),
        ("thirty-one", "31"),
        ("seven", "7"),
        ("ninety-nine", "99"),
        ("a dozen", "12"),
        ("two dozen", "24"),
        ("half a million", "500000"),
        ("1.2 million", "1200000"),
        ("three hundred", "300"),
        ("two thousand", "2000"),
        ("4,500", "4500"),
        ("a hundred", "100"),
        ("a thousand", "1000"),
        ("one thousand two hundred", "1200"),
        ("10k", "10000"),
        ("0.5%", "0.5%"),
        ("3.5 percent", "3.5%"),
    ],
)
def test_quantity_exact(text, value):
    result = quantity(text)
    assert result is not None, text
    assert result.kind == "quantity"
    assert result.value == value
    assert result.approximate is False
    assert result.bound is None


@pytest.mark.parametrize(
    "text, value",
    [
        ("about 20", "20"),
        ("around 20", "20"),
        ("nearly 20", "20"),
        ("roughly 1,500", "1500"),
        ("an estimated 300", "300"),
        ("some 40 per cent", "40%"),
    ],
)
def test_quantity_approximate(text, value):
    result = quantity(text)
    assert result is not None, text
    assert (result.value, result.approximate, result.bound) == (value, True, None)


@pytest.mark.parametrize(
    "text, value, bound",
    [
        ("more than 200", "200", "min"),
        ("at least 200", "200", "min"),
        ("over 1,000", "1000", "min"),
        ("no fewer than 12", "12", "min"),
        ("up to 50", "50", "max"),
        ("fewer than 30", "30", "max"),
        ("less than 5%", "5%", "max"),
        ("below 2%", "2%", "max"),  # the contract's own example
        ("at most three", "3", "max"),
    ],
)
def test_quantity_bound(text, value, bound):
    result = quantity(text)
    assert result is not None, text
    assert (result.value, result.bound, result.approximate) == (value, bound, False)


@pytest.mark.parametrize("text", ["several", "dozens of", "hundreds of", "a handful of", "a couple of", "a few"])
def test_vague_quantity_is_approximate_and_invents_no_number(text):
    result = quantity(text)
    assert result is not None, text
    assert result.approximate is True
    assert not any(ch.isdigit() for ch in result.value), result.value


def test_several_keeps_the_word():
    assert quantity("several").value == "several"


@pytest.mark.parametrize("text", ["", "hello", "two seven", "the river", "many-sided"])
def test_quantity_rejects_non_numbers(text):
    assert quantity(text) is None


# --------------------------------------------------------------------------- parse_number

@pytest.mark.parametrize(
    "text, number",
    [
        ("31", 31),
        ("3,000", 3000),
        ("2.5", 2.5),
        ("1.2m", 1_200_000),
        ("4.5bn", 4_500_000_000),
        ("thirty-one", 31),
        ("twenty seven", 27),
        ("one hundred and five", 105),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a million", 500_000),
    ],
)
def test_parse_number(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["two seven", "three five", "seven two", "five nine hundred"])
def test_parse_number_rejects_two_numbers_in_a_row(text):
    """'two seven' is two numbers (a score, a list), not nine."""
    assert parse_number(text) is None


@pytest.mark.parametrize("text", ["", "dozens", "and", "12 apples", "3.5 widgets"])
def test_parse_number_rejects_words(text):
    assert parse_number(text) is None


# --------------------------------------------------------------------------- money

@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("$23 billion", "23000000000", "USD"),
        ("€4.5bn", "4500000000", "EUR"),
        ("2.3m euros", "2300000", "EUR"),
        ("£300,000", "300000", "GBP"),
        ("US$1.2m", "1200000", "USD"),
        ("$750", "750", "USD"),
        ("€12.50", "12.5", "EUR"),
        ("40 million pounds", "40000000", "GBP"),
        ("¥2 billion", "2000000000", "JPY"),
        ("23 billion dollars", "23000000000", "USD"),
        ("$1.2bn", "1200000000", "USD"),
        ("1,200 euros", "1200", "EUR"),
    ],
)
def test_money(text, value, unit):
    result = money(text)
    assert result is not None, text
    assert (result.kind, result.value, result.unit) == ("money", value, unit)
    assert result.approximate is False and result.bound is None


def test_money_with_a_bound():
    result = money("more than $5 million")
    assert (result.value, result.unit, result.bound) == ("5000000", "USD", "min")


def test_money_with_approximation():
    result = money("about €40m")
    assert (result.value, result.unit, result.approximate) == ("40000000", "EUR", True)


@pytest.mark.parametrize("text", ["23 billion", "twelve", "$", "dollars"])
def test_money_needs_a_currency_and_an_amount(text):
    assert money(text) is None


# --------------------------------------------------------------------------- ordinals

@pytest.mark.parametrize(
    "text, value",
    [
        ("fourth", "4"),
        ("the fourth", "4"),
        ("first", "1"),
        ("twelfth", "12"),
        ("75th", "75"),
        ("267th", "267"),
        ("21st", "21"),
        ("2nd", "2"),
        ("33rd", "33"),
        ("twenty-first", "21"),
        ("thirty-third", "33"),
        ("the twentieth", "20"),
        ("101st", "101"),
        ("the 267th", "267"),
    ],
)
def test_ordinal(text, value):
    result = ordinal(text)
    assert result is not None, text
    assert (result.kind, result.value) == ("ordinal", value)


@pytest.mark.parametrize("text", ["four", "fourthly", "the", "75"])
def test_ordinal_rejects_non_ordinals(text):
    assert ordinal(text) is None


# --------------------------------------------------------------------------- durations

@pytest.mark.parametrize(
    "text, value",
    [
        ("a decade", "P10Y"),
        ("two decades", "P20Y"),
        ("13-year", "P13Y"),
        ("five-year", "P5Y"),
        ("six months", "P6M"),
        ("18 months", "P18M"),
        ("three weeks", "P3W"),
        ("ten days", "P10D"),
        ("a year", "P1Y"),
        ("one year", "P1Y"),
        ("half a year", "P6M"),
        ("a century", "P100Y"),
        ("four years", "P4Y"),
    ],
)
def test_duration_exact(text, value):
    result = duration(text)
    assert result is not None, text
    assert (result.kind, result.value, result.bound) == ("duration", value, None)
    assert result.approximate is False


@pytest.mark.parametrize("text, months", [("a year and a half", 18), ("three and a half years", 42),
                                          ("half a year", 6), ("two and a half years", 30)])
def test_duration_with_a_half(text, months):
    """Any ISO 8601 spelling will do (P18M, P1.5Y): the length is what must be right."""
    result = duration(text)
    assert result is not None, text
    assert normalize.duration_months(result.value) == months


def test_for_months_is_at_least_two_months():
    result = duration("for months")
    assert (result.value, result.bound) == ("P2M", "min")


def test_for_years_is_at_least_two_years():
    result = duration("for years")
    assert (result.value, result.bound) == ("P2Y", "min")


@pytest.mark.parametrize(
    "text, value, bound",
    [
        ("at least four years", "P4Y", "min"),
        ("more than a decade", "P10Y", "min"),
        ("up to six months", "P6M", "max"),
    ],
)
def test_duration_bound(text, value, bound):
    result = duration(text)
    assert (result.value, result.bound) == (value, bound)


def test_duration_approximate():
    result = duration("about three years")
    assert (result.value, result.approximate) == ("P3Y", True)


@pytest.mark.parametrize("text", ["months ago", "a lot", "five", "year"])
def test_duration_rejects_non_durations(text):
    assert duration(text) is None


# --------------------------------------------------------------------------- times of day

@pytest.mark.parametrize(
    "text, value",
    [
        ("9:59 p.m.", "21:59"),
        ("9:59 pm", "21:59"),
        ("9 a.m.", "09:00"),
        ("9am", "09:00"),
        ("noon", "12:00"),
        ("midnight", "00:00"),
        ("12:30 a.m.", "00:30"),
        ("12 p.m.", "12:00"),
        ("11:15 a.m.", "11:15"),
        ("14:05", "14:05"),
    ],
)
def test_time_of_day(text, value):
    result = time_of_day(text)
    assert result is not None, text
    assert (result.kind, result.value) == ("time", value)


@pytest.mark.parametrize("text", ["25:10", "9", "9:75 p.m.", "teatime"])
def test_time_of_day_rejects(text):
    assert time_of_day(text) is None


# --------------------------------------------------------------------------- dates without a reference

@pytest.mark.parametrize(
    "text, kind, value",
    [
        ("October 1", "date", "--10-01"),
        ("Oct. 1", "date", "--10-01"),
        ("Oct 1", "date", "--10-01"),
        ("October 1st", "date", "--10-01"),
        ("2 July", "date", "--07-02"),
        ("on 2 July", "date", "--07-02"),
        ("in October", "date", "--10"),
        ("October 1, 2024", "date", "2024-10-01"),
        ("1 October 2024", "date", "2024-10-01"),
        ("2024-10-01", "date", "2024-10-01"),
        ("February 2022", "date", "2022-02"),
        ("in February 2022", "date", "2022-02"),
        ("2014", "date", "2014"),
        ("in 2014", "date", "2014"),
        ("July 9-11", "date_range", "--07-09/--07-11"),
        ("July 9–11, 2024", "date_range", "2024-07-09/2024-07-11"),
        ("9-11 July 2024", "date_range", "2024-07-09/2024-07-11"),
        ("from 3 to 5 March", "date_range", "--03-03/--03-05"),
        ("between 3 and 14 March", "date_range", "--03-03/--03-14"),
        ("between March and May", "date_range", "--03/--05"),
        ("March 30 to April 2", "date_range", "--03-30/--04-02"),
        ("between March and May 2023", "date_range", "2023-03/2023-05"),
        ("the first half of 2025", "date_range", "2025-01/2025-06"),
        ("the fourth quarter of 2023", "date_range", "2023-10/2023-12"),
        ("2019 to 2021", "date_range", "2019/2021"),
    ],
)
def test_temporal_without_reference(text, kind, value):
    result = temporal(text)
    assert result is not None, text
    assert (result.kind, result.value) == (kind, value)


@pytest.mark.parametrize(
    "text",
    ["on Tuesday", "Tuesday", "last year", "next month", "earlier this week", "yesterday", "two days ago",
     "last Friday"],
)
def test_relative_dates_stay_unresolved_without_reference(text):
    """Nothing is invented: without a publication date a relative expression has no value."""
    assert temporal(text) is None


@pytest.mark.parametrize("text", ["February 30", "31 April 2024", "13/45", "the river", "2024-13-01"])
def test_impossible_or_non_dates(text):
    assert temporal(text) is None


def test_february_29_without_a_year_is_possible():
    assert temporal("February 29").value == "--02-29"


# --------------------------------------------------------------------------- dates with a reference

@pytest.mark.parametrize(
    "text, tense, value",
    [
        ("on Tuesday", "past", "2024-06-18"),
        ("Tuesday", "past", "2024-06-18"),
        ("on Monday", None, "2024-06-17"),
        ("on Monday", "future", "2024-06-24"),
        ("next Monday", None, "2024-06-24"),
        ("last Thursday", "past", "2024-06-13"),
        ("this coming Saturday", None, "2024-06-22"),
        ("yesterday", "past", "2024-06-19"),
        ("today", "present", "2024-06-20"),
        ("tomorrow", "future", "2024-06-21"),
        ("last year", "past", "2023"),
        ("this year", "present", "2024"),
        ("next year", "future", "2025"),
        ("next month", "future", "2024-07"),
        ("last month", "past", "2024-05"),
        ("earlier this week", "past", "2024-W25"),
        ("last week", "past", "2024-W24"),
        ("next week", "future", "2024-W26"),
        ("two days ago", "past", "2024-06-18"),
        ("three years ago", "past", "2021"),
        ("six months ago", "past", "2023-12"),
    ],
)
def test_relative_dates_resolve_against_publication(text, tense, value):
    result = temporal(text, THURSDAY, tense)
    assert result is not None, text
    assert (result.kind, result.value) == ("date", value)


def test_same_weekday_in_the_future_is_the_day_of_publication():
    """'The talks resume Thursday' in a Thursday paper: that day, as news style writes it."""
    assert temporal("Thursday", THURSDAY, "future").value == "2024-06-20"


def test_same_weekday_in_the_past_is_the_day_of_publication():
    assert temporal("on Thursday", THURSDAY, "past").value == "2024-06-20"


def test_next_month_across_new_year():
    assert temporal("next month", dt.date(2024, 12, 5), "future").value == "2025-01"


def test_last_month_across_new_year():
    assert temporal("last month", dt.date(2025, 1, 5), "past").value == "2024-12"


@pytest.mark.parametrize(
    "text, tense, value",
    [
        ("in October", "present", "2023-10"),  # no past or future: the last October (issue 14)
        ("in October", None, "2023-10"),
        ("in October", "future", "2024-10"),
        ("in November", "past", "2023-11"),
        ("in March", "past", "2024-03"),
        ("in March", "future", "2025-03"),
        ("October 1", "past", "2023-10-01"),
        ("October 1", "future", "2024-10-01"),
        ("June 20", "past", "2024-06-20"),
        ("June 20", "future", "2024-06-20"),
        ("2 July", "past", "2023-07-02"),
        ("on June 3", "past", "2024-06-03"),
    ],
)
def test_yearless_dates_take_the_year_their_tense_gives(text, tense, value):
    result = temporal(text, THURSDAY, tense)
    assert (result.kind, result.value) == ("date", value)


@pytest.mark.parametrize(
    "text, tense, value",
    [
        ("July 9-11", "future", "2024-07-09/2024-07-11"),
        ("July 9-11", "past", "2023-07-09/2023-07-11"),
        ("from 3 to 5 March", "past", "2024-03-03/2024-03-05"),
        ("between March and May", "past", "2024-03/2024-05"),
        ("December 28 to January 3", "past", "2023-12-28/2024-01-03"),
    ],
)
def test_yearless_ranges_take_the_year_their_tense_gives(text, tense, value):
    result = temporal(text, THURSDAY, tense)
    assert (result.kind, result.value) == ("date_range", value)


@pytest.mark.parametrize(
    "text, value",
    [
        ("February 2022", "2022-02"),
        ("2014", "2014"),
        ("12 March 2019", "2019-03-12"),
        ("the first half of 2025", "2025-01/2025-06"),
    ],
)
def test_absolute_dates_ignore_the_reference(text, value):
    for tense in ("past", "present", "future", None):
        assert temporal(text, THURSDAY, tense).value == value


def test_relative_helpers():
    assert normalize.is_relative("on Tuesday")
    assert normalize.is_relative("last year")
    assert not normalize.is_relative("12 March 2019")


@pytest.mark.parametrize(
    "text, value",
    [("12 March 2024", "2024-03-12"), ("March 12, 2024", "2024-03-12"), ("March 2024", "2024-03"),
     ("12 March", "--03-12")],
)
def test_absolute_date(text, value):
    assert normalize.absolute_date(text) == value


def test_absolute_date_is_none_for_ranges():
    assert normalize.absolute_date("9-11 July 2024") is None


# --------------------------------------------------------------------------- relative dates in extracted claims

@pytest.fixture(scope="module")
def model():
    from factcheck import nlp

    return nlp.load()


def date_claims(model, text: str, published):
    from factcheck.extraction import Extractor
    from factcheck.models import Document, Source
    from factcheck.patterns import load_ruleset

    document = Document(source=Source(path="harwick/01_gazette.txt", published=published, story="harwick"),
                        text=text, sha256="normalize-test")
    claims = Extractor(model, load_ruleset()).extract(document, [(0, model(text))])
    return [c for c in claims if c.kind == "date"]


def test_until_weekday_is_the_coming_one(model):
    """Published Friday 21 June 2024: a curfew in force 'until Thursday' ends on 27 June, not the 20th."""
    text = "The curfew in Harwick remains in force until Thursday, the council said."
    claims = [c for c in date_claims(model, text, "2024-06-21") if c.value_text == "Thursday"]
    assert claims, "the end of the curfew is a claim"
    assert {c.value for c in claims} == {"2024-06-27"}


def test_past_weekday_in_a_claim_resolves_against_publication(model):
    text = "The strike at the Velden ferry terminal ended on Tuesday after talks with the union."
    claims = [c for c in date_claims(model, text, "2024-06-20") if c.value_text == "Tuesday"]
    assert claims
    assert {c.value for c in claims} == {"2024-06-18"}


def test_weekday_in_a_claim_without_publication_date_is_not_invented(model):
    text = "The strike at the Velden ferry terminal ended on Tuesday after talks with the union."
    claims = [c for c in date_claims(model, text, None) if c.value_text == "Tuesday"]
    assert claims
    for claim in claims:
        assert not claim.value[:1].isdigit(), claim.value  # no date made up
        assert claim.as_of is None


def test_month_precision_publication_resolves_years_but_no_weekday(model):
    """Published 'June 2024': 'last year' is 2023 and 'in October' (past) 2023-10; which Tuesday is unknown."""
    text = "The Velden ferry terminal opened last year, and the strike began in October."
    values = {c.value_text: c.value for c in date_claims(model, text, "2024-06")}
    assert values == {"last year": "2023", "October": "2023-10"}
    text = "The strike at the Velden ferry terminal ended on Tuesday after talks with the union."
    claims = [c for c in date_claims(model, text, "2024-06") if c.value_text == "Tuesday"]
    assert claims and all(not c.value[:1].isdigit() for c in claims)


# --------------------------------------------------------------------------- values for people

@pytest.mark.parametrize(
    "value, kind, unit, shown",
    [
        ("32", "quantity", None, "32"),
        ("2.5", "quantity", None, "2.5"),
        ("2%", "quantity", None, "2%"),
        ("52.3%", "quantity", None, "52.3%"),
        ("3000", "quantity", None, "3,000"),
        ("1200000", "quantity", None, "1.2 million"),
        ("23000000000", "money", "USD", "USD 23 billion"),
        ("4500000000", "money", "EUR", "EUR 4.5 billion"),
        ("300000", "money", "GBP", "GBP 300,000"),
        ("4", "ordinal", None, "4"),
        ("P10Y", "duration", None, "10 years"),
        ("P1Y", "duration", None, "1 year"),
        ("P6M", "duration", None, "6 months"),
        ("P3W", "duration", None, "3 weeks"),
        ("PT3H", "duration", None, "3 hours"),
        ("2024-10-01", "date", None, "1 October 2024"),
        ("2024-10", "date", None, "October 2024"),
        ("2014", "date", None, "2014"),
        ("--10-01", "date", None, "1 October (year not given)"),
        ("2024-07-09/2024-07-11", "date_range", None, "9 July 2024 – 11 July 2024"),
        ("--07-09/--07-11", "date_range", None, "9 July – 11 July (year not given)"),
        ("2025-01/2025-06", "date_range", None, "January 2025 – June 2025"),
        ("21:59", "time", None, "21:59"),
        ("Marta Ilves", "role", None, "Marta Ilves"),
        ("lifted", "stance", None, "lifted"),
    ],
)
def test_display_value(value, kind, unit, shown):
    assert display_value(value, kind, unit) == shown


def test_remembered_dates_are_remembered_per_reference_and_tense():
    import datetime as dt

    from factcheck.normalize import temporal

    week_one, week_two = dt.date(2024, 5, 15), dt.date(2024, 5, 22)
    assert temporal("Monday", week_one).value == "2024-05-13"
    assert temporal("Monday", week_two).value == "2024-05-20"  # not the first answer again
    assert temporal("Monday", week_one, "future").value == "2024-05-20"
    assert temporal("Monday", week_one).value == "2024-05-13"
