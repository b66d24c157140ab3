"""Grouping and verdicts on hand-made claims from invented stories: what a careful reader would say."""

from factcheck.models import Claim, Source
from factcheck.patterns import load_ruleset
from factcheck.reconcile import Comparator, Relation, SubjectMatcher, SubjectRules, reconcile

RULES = load_ruleset()


def claim(path, subject, attribute, value, kind="quantity", published=None, story="flood", **extra):
    text = extra.pop("quote", f"{subject} {attribute} {value}")
    return Claim(
        id=f"{path}-{attribute}-{value}", source=Source(path=path, published=published, story=story, outlet=path.split(".")[0]),
        start=0, end=len(text), quote=text, sentence=text, subject=subject, attribute=attribute, value=value,
        value_text=value, kind=kind, confidence=0.8, rule="test.v1", **extra,
    )


def only_group(claims):
    groups = reconcile(claims, RULES)
    assert len(groups) == 1, [(g.subject, g.attribute, g.verdict) for g in groups]
    return groups[0]


def test_rising_toll_on_different_days_is_temporal():
    group = only_group([
        claim("wire.txt", "Cyclone Imara", "deaths", "12", published="2025-03-10"),
        claim("radio.txt", "Cyclone Imara", "deaths", "27", published="2025-03-11"),
        claim("paper.txt", "Cyclone Imara", "deaths", "40", published="2025-03-13"),
    ])
    assert group.verdict == "temporal"
    assert "2025-03-10" in group.explanation and "2025-03-13" in group.explanation


def test_two_counts_of_one_ballot_on_one_day_conflict():
    group = only_group([
        claim("press.txt", "Anna Brezan", "votes", "528", published="2025-02-06", story="vote"),
        claim("radio.txt", "Anna Brezan", "votes", "538", published="2025-02-06", story="vote"),
    ])
    assert group.verdict == "conflict"
    assert "528" in group.explanation and "538" in group.explanation


def test_text_cue_explains_a_change_without_dates():
    group = only_group([
        claim("a.txt", "Port Union", "members", "40000"),
        claim("b.txt", "Port Union", "members", "45000", cue="has risen"),
    ])
    assert group.verdict == "temporal"


def test_precision_differences_are_compatible():
    group = only_group([
        claim("a.txt", "trial", "date", "2025-03", kind="date"),
        claim("b.txt", "trial", "date", "2025-03-03/2025-03-14", kind="date_range"),
        claim("c.txt", "trial", "date", "--03-03/--03-14", kind="date_range"),
    ])
    assert group.verdict == "compatible"


def test_same_values_agree_and_one_source_is_single():
    agree = only_group([claim("a.txt", "Lena Varga", "age", "62", kind="age"), claim("b.txt", "Lena Varga", "age", "62", kind="age")])
    assert agree.verdict == "agree"
    single = only_group([claim("a.txt", "Lena Varga", "age", "62", kind="age"), claim("a.txt", "Lena Varga", "age", "62", kind="age")])
    assert single.verdict == "single"


def test_comparator_by_kind():
    compare = Comparator(RULES).compare
    assert compare(claim("a", "x", "n", "20", approximate=True), claim("b", "x", "n", "21")) is Relation.COMPATIBLE
    assert compare(claim("a", "x", "n", "200", bound="min"), claim("b", "x", "n", "250")) is Relation.COMPATIBLE
    # a hedge reaches a tenth of a round number, a few steps of a precise one's last digit
    assert compare(claim("a", "x", "n", "1000", approximate=True), claim("b", "x", "n", "920")) is Relation.COMPATIBLE
    assert compare(claim("a", "x", "n", "176", approximate=True), claim("b", "x", "n", "178")) is Relation.COMPATIBLE
    assert compare(claim("a", "x", "n", "176", approximate=True), claim("b", "x", "n", "170")) is Relation.DIFFERENT
    # two estimates agree when one reaches the other
    assert compare(claim("a", "x", "n", "35000", approximate=True), claim("b", "x", "n", "30000", approximate=True)) is Relation.DIFFERENT
    assert compare(claim("a", "x", "n", "1200", approximate=True), claim("b", "x", "n", "1100", approximate=True)) is Relation.COMPATIBLE
    assert compare(claim("a", "x", "n", "200", bound="min"), claim("b", "x", "n", "150")) is Relation.DIFFERENT
    assert compare(claim("a", "x", "n", "several"), claim("b", "x", "n", "4")) is Relation.COMPATIBLE
    assert compare(claim("a", "x", "n", "2%"), claim("b", "x", "n", "2")) is Relation.DIFFERENT
    assert compare(claim("a", "x", "p", "4000000", kind="money", unit="EUR"),
                   claim("b", "x", "p", "4000000", kind="money", unit="USD")) is Relation.DIFFERENT
    assert compare(claim("a", "x", "d", "--10-01", kind="date"), claim("b", "x", "d", "2025-10-01", kind="date")) is Relation.COMPATIBLE
    assert compare(claim("a", "x", "d", "2025-10", kind="date"), claim("b", "x", "d", "2025-11-02", kind="date")) is Relation.DIFFERENT
    assert compare(claim("a", "x", "r", "Krišjānis Kariņš", kind="role"), claim("b", "x", "r", "Krisjanis Karins", kind="role")) is Relation.EQUAL
    assert compare(claim("a", "x", "s", "opposes", kind="stance"), claim("b", "x", "s", "lifted", kind="stance")) is Relation.SEQUENCE
    assert compare(claim("a", "x", "s", "backs", kind="stance"), claim("b", "x", "s", "opposes", kind="stance")) is Relation.DIFFERENT


def test_tenure_as_duration_agrees_with_its_start_year():
    compare = Comparator(RULES).compare
    since = claim("a.txt", "Tomas Berg", "in_office_since", "2016", kind="date")
    for_years = claim("b.txt", "Tomas Berg", "tenure", "P8Y", kind="duration", as_of="2024-05-02")
    assert compare(since, for_years) is Relation.EQUAL
    wrong = claim("c.txt", "Tomas Berg", "tenure", "P3Y", kind="duration", as_of="2024-05-02")
    assert compare(since, wrong) is Relation.DIFFERENT
    group = only_group([since, for_years])
    assert group.attribute == "tenure" and group.verdict == "agree"


def test_subjects_match_across_spellings_surnames_and_acronyms():
    subjects = ["Krisjanis Karins", "Krišjānis Kariņš", "Karins", "Nordic Transport Union", "NTU", "the union"]
    matcher = SubjectMatcher(subjects, SubjectRules.of(RULES))
    assert len({matcher.key(s) for s in subjects[:3]}) == 1
    assert matcher.key("NTU") == matcher.key("Nordic Transport Union")
    assert matcher.key("Karins") != matcher.key("NTU")


def test_stories_are_never_mixed():
    groups = reconcile([
        claim("a.txt", "Port Union", "members", "40000", story="strike"),
        claim("b.txt", "Port Union", "members", "45000", story="other-strike"),
    ], RULES)
    assert sorted(g.verdict for g in groups) == ["single", "single"]


def test_another_year_is_another_occasion():
    groups = reconcile([
        claim("a.txt", "flood", "deaths", "43", published="2025-10-17"),
        claim("b.txt", "flood", "deaths", "23", published="2025-10-16", occasion="1998"),
    ], RULES)
    assert sorted(g.verdict for g in groups) == ["single", "single"]


def test_unnamed_subject_joins_the_one_named_subject():
    group = only_group([
        claim("a.txt", "Cyclone Imara", "deaths", "27", published="2025-03-11"),
        claim("b.txt", "flood", "deaths", "27", published="2025-03-11", subject_inferred=True),
    ])
    assert group.subject == "Cyclone Imara" and group.verdict == "agree"


def test_group_ids_are_stable_and_discrepancies_come_first():
    claims = [
        claim("a.txt", "Lena Varga", "age", "62", kind="age"), claim("b.txt", "Lena Varga", "age", "62", kind="age"),
        claim("a.txt", "Port Union", "members", "40000"), claim("b.txt", "Port Union", "members", "45000"),
    ]
    first, second = reconcile(claims, RULES), reconcile(list(reversed(claims)), RULES)
    assert [g.id for g in first] == [g.id for g in second]
    assert [g.verdict for g in first] == ["conflict", "agree"]
