"""Each extractor on sentences from stories other than the seeds: the claim a careful reader expects.

Every expectation was written from the sentence and the contract's value formats, before
running the extractor.
"""

import pytest

from factcheck import nlp
from factcheck.extraction import Extractor
from factcheck.models import Document, Source
from factcheck.patterns import load_ruleset


@pytest.fixture(scope="module")
def extract():
    model = nlp.load()
    extractor = Extractor(model, load_ruleset())

    def run(text, published=None):
        document = Document(source=Source(path="story.txt", published=published), text=text, sha256="test")
        return extractor.extract(document, [(0, model(text))])

    return run


def find(claims, attribute):
    found = [c for c in claims if c.attribute == attribute]
    assert found, f"no {attribute} claim in {[(c.attribute, c.value, c.quote) for c in claims]}"
    return found[0]


CASES = [
    # (sentence, attribute, kind, value, subject, rule prefix)
    ("The 27-nation bloc agreed the budget. The European Union said the 27-nation bloc would act.",
     "member_count", "quantity", "27", "European Union", "quantity.n_member"),
    ("Delegates from the Andean Council's 12 members met in Quito.",
     "member_count", "quantity", "12", "Andean Council", "quantity.possessive_members"),
    ("At least 40 people were killed when the dam burst in Kalvo province.",
     "deaths", "quantity", "40", None, "quantity.counted_noun"),
    ("Rescuers said more than 200 are missing after the landslide near Orvik.",
     "missing", "quantity", "200", None, "quantity"),
    ("The death toll from Cyclone Imara has risen to 27, officials in Beira said.",
     "deaths", "quantity", "27", None, "quantity.tally"),
    ("Brightline Rail agreed to buy Coastal Freight for $4.2 billion in cash.",
     "price", "money", "4200000000", None, "money.triggered"),
    ("Judge Anna Price sentenced Marcus Tell to 12 years in prison on Friday.",
     "sentence_length", "duration", "P12Y", "Marcus Tell", "duration.triggered"),
    ("Tomas Berg, who has chaired the commission since 2016, will step down.",
     "in_office_since", "date", "2016", "Tomas Berg", "date.since"),
    ("The summit will be held in Lisbon on 14-16 May 2025.",
     "date", "date_range", "2025-05-14/2025-05-16", "summit in Lisbon", "date.event"),
    ("The festival runs from 3 to 5 March, organisers said.",
     "date", "date_range", "--03-03/--03-05", "festival", "date.event"),
    ("Harlan Mills, 62, founded the firm in 1998.",
     "age", "age", "62", "Harlan Mills", "age."),
    ("The award went to 71-year-old Ines Okafor for her novel.",
     "age", "age", "71", "Ines Okafor", "age.n_year_old"),
    ("Portuguese Finance Minister Rui Costa presented the plan.",
     "finance_minister", "role", "Rui Costa", "Portugal", "role.title"),
    ("Lena Varga, a former Hungarian ambassador, joined the board.",
     "former_role", "role", "Hungarian ambassador", "Lena Varga", "role.former_title"),
    ("Austria lifted its veto on Serbia's membership bid in March.",
     "stance", "stance", "lifted", "Austria", "stance.verb_object"),
    ("Chile and Peru backed the Bolivian proposal on Monday.",
     "stance", "stance", "backs", "Chile", "stance.verb_object"),
    ("Turnout was 61.4% across the country, the commission said.",
     "turnout", "quantity", "61.4%", None, "quantity"),
    ("The quake struck at 9:59 p.m. local time, the agency said.",
     "time", "time", "21:59", "earthquake", "time.event"),
    ("The union signed a three-year contract with the hospital group.",
     "contract_length", "duration", "P3Y", None, "duration.noun"),
    ("A magnitude 7.1 earthquake hit the coast before dawn.",
     "magnitude", "quantity", "7.1", None, "quantity.magnitude"),
    ("Kenyan runner Ruth Achieng won the race in 2:21:08.",
     "time", "duration", "PT2H21M8S", "Ruth Achieng", "duration.elapsed"),
]


@pytest.mark.parametrize("sentence, attribute, kind, value, subject, rule", CASES)
def test_rule_finds_the_claim(extract, sentence, attribute, kind, value, subject, rule):
    claims = extract(sentence)
    matching = [c for c in claims if c.value == value and c.kind == kind and (attribute is None or c.attribute == attribute)]
    assert matching, f"expected {attribute}={value} ({kind}); got {[(c.kind, c.attribute, c.value, c.subject) for c in claims]}"
    claim = matching[0]
    assert claim.rule.startswith(rule)
    if subject is not None:
        assert claim.subject == subject
    assert sentence[claim.start:claim.end] == claim.quote
    assert claim.quote in claim.sentence


def test_approximate_and_bound_are_kept(extract):
    claims = extract("Nearly 3,000 residents were evacuated and more than 5,000 homes were damaged by the storm.")
    evacuated = find(claims, "evacuated")
    assert (evacuated.value, evacuated.approximate, evacuated.bound) == ("3000", True, None)
    homes = find(claims, "homes")
    assert (homes.value, homes.bound) == ("5000", "min")


def test_relative_dates_resolve_against_publication_date(extract):
    text = "Lakeside Council approved the plan on Tuesday. The Lakeside plan will take effect next month."
    resolved = extract(text, published="2025-03-14")  # a Friday
    unresolved = extract(text)
    approved = [c for c in resolved if c.kind == "date" and c.value_text == "Tuesday"]
    assert approved and approved[0].value == "2025-03-11"
    assert not any(c.value == "2025-03-11" for c in unresolved)


def test_yearless_dates_stay_yearless_without_a_publication_date(extract):
    claims = extract("The chief executive of Norland Bank will step down on 2 July.")
    claim = find(claims, "leaves_office")
    assert claim.value == "--07-02"
    dated = find(extract("The chief executive of Norland Bank will step down on 2 July.", published="2025-05-01"), "leaves_office")
    assert dated.value == "2025-07-02"


def test_a_year_is_not_a_count(extract):
    claims = extract("In 2019 the company hired 300 engineers.")
    assert not any(c.kind == "quantity" and c.value == "2019" for c in claims)


def test_negated_and_hypothetical_stances_are_not_claims(extract):
    claims = extract("Norway did not back the proposal. Regulators could block the merger.")
    assert not [c for c in claims if c.kind == "stance"]


def test_pronoun_and_description_resolve_to_the_article_entity(extract):
    text = ("The Nordic Transport Union (NTU) met in Oslo. The union said its 45,000 members would strike. "
            "NTU leaders said the 45,000-member union was united.")
    claims = [c for c in extract(text) if c.attribute == "member_count"]
    assert claims and {c.subject for c in claims} <= {"Nordic Transport Union", "NTU"}


def test_a_negated_stance_object_is_no_stance(extract):
    # 'raise objection' is itself an 'opposes' phrase: 'no objections' states no opposition
    claims = extract("Hungary raised no objections to the plan.")
    assert not [c for c in claims if c.kind == "stance"], [(c.subject, c.value) for c in claims]
    claims = extract("Poland raised objections to the plan.")  # without 'no', the stance stands
    assert [(c.subject, c.value) for c in claims if c.kind == "stance"] == [("Poland", "opposes")]


def test_a_measure_unit_is_never_the_subject(extract):
    claims = extract("310 millimetres of rain fell on the town.")
    rainfall = find(claims, "rainfall")
    assert rainfall.value == "310" and rainfall.subject == "rain"
    assert not [c for c in claims if "millimetre" in (c.subject or "").lower()]
    rainfall = find(extract("More than 180 millimetres of rain fell on Mumbai overnight."), "rainfall")
    assert (rainfall.value, rainfall.bound, rainfall.subject) == ("180", "min", "Mumbai")


# --------------------------------------------------------------------------- one test per rule
# Each of these fails when its rule is turned off (checked by neutralizing the rule: see the
# commit message); the sentences are written for the test, in the style of wire copy.

def test_measure_rule_reads_an_amount_in_a_unit_of_something(extract):
    claims = extract("Winds of up to 190 kilometres per hour battered the coast of Mozambique.")
    wind = find(claims, "wind_speed")
    assert (wind.kind, wind.value, wind.unit, wind.bound) == ("quantity", "190", "km", "max")
    assert wind.rule == "quantity.measure.v1"


def test_ordinal_in_the_clause_says_which_of_several_counts(extract):
    claims = extract("Parliament re-elected Ilse Marwick as speaker with 201 votes in the third round of voting.")
    votes = find(claims, "votes")
    assert (votes.value, votes.qualifier) == ("201", "round 3")


def test_a_modal_verb_makes_a_stance_hypothetical(extract):
    claims = extract("Germany may block the proposal at next week's summit in Brussels.")
    assert not [c for c in claims if c.kind == "stance"], [(c.subject, c.value) for c in claims]


def test_a_negated_object_cancels_the_stance(extract):
    claims = extract("Austria placed no veto on Croatia's entry into the passport-free zone. "
                     "Serbia voiced no opposition to the accession talks.")
    assert not [c for c in claims if c.kind == "stance"], [(c.subject, c.value) for c in claims]


def test_a_dateline_city_is_never_a_subject(extract):
    claims = extract("KHARTOUM, Sudan (Reuters) - Shelling killed at least 38 people at a market on Sunday, medics said.")
    deaths = find(claims, "deaths")
    assert (deaths.value, deaths.bound, deaths.subject) == ("38", "min", "Sudan")
    claims = extract("Flood waters rose overnight.\nKATHMANDU, Nepal - Landslides have killed 62 people this week, the army said.")
    assert find(claims, "deaths").value == "62"
    assert not [c for c in claims if c.subject == "KATHMANDU"], [(c.attribute, c.subject) for c in claims]


def test_a_range_start_the_ner_left_out_is_read_with_the_range(extract):
    claims = extract("The airport will close from 5 to 9 February for repairs.")
    closure = find(claims, "close_date")
    assert (closure.kind, closure.value) == ("date_range", "--02-05/--02-09")
    claims = extract("Officials said the border crossing would stay shut from 3 until 6 May.")
    assert [c.value for c in claims if c.kind == "date_range"] == ["--05-03/--05-06"]
