"""The verdicts a careful reader gives on two stories of our own: a toll that rises over four
reports on different days, and two outlets that name different vote counts for one ballot."""

from pathlib import Path

import pytest

from factcheck.api import Options, conflicts

STORIES = Path(__file__).resolve().parents[1] / "fixtures" / "stories"


@pytest.fixture(scope="module")
def groups(tmp_path_factory):
    def run(story):
        db = tmp_path_factory.mktemp(story) / "claims.db"
        result, _ = conflicts([str(STORIES / story)], db=str(db), options=Options(), show_all=True)
        return result.groups

    return run


def group(groups, attribute, value):
    found = [g for g in groups if g.attribute == attribute and any(v.value == value for v in g.values)]
    assert found, f"no {attribute} group holding {value}: {[(g.subject, g.attribute, g.verdict) for g in groups][:20]}"
    return found[0]


def test_a_rising_death_toll_is_change_over_time(groups):
    toll = group(groups("flood"), "deaths", "43")
    assert toll.verdict == "temporal"
    assert {"12", "27", "40", "43"} <= {v.value for v in toll.values}
    assert "2025-10-14" in toll.explanation  # the first report's date, named in the explanation


def test_a_count_of_the_earlier_1998_floods_is_kept_apart(groups):
    toll = group(groups("flood"), "deaths", "43")
    assert "23" not in {v.value for v in toll.values}


def test_two_vote_counts_for_one_ballot_conflict(groups):
    votes = group(groups("referendum"), "votes", "1204311")
    assert votes.verdict == "conflict"
    assert {v.value for v in votes.values} == {"1204311", "1240311"}
    assert "Harbour Wire" in votes.explanation


def test_precision_and_agreement_in_the_same_story(groups):
    story = groups("referendum")
    assert group(story, "turnout", "61.2%").verdict == "compatible"
    assert group(story, "chair", "Petra Holm").verdict == "agree"
