"""`conflicts` a story at a time: the same output as reconciling the whole store at once, in
every format that streams, while only one story's claims are held at a time."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from factcheck import streaming
from factcheck.cli import app
from factcheck.models import ConflictsResult
from factcheck.patterns import load_ruleset
from factcheck.reconcile import reconcile
from factcheck.render import STREAMED, to_string
from factcheck.store import Store

runner = CliRunner()
STORIES = ("b-copy", "a-copy", "c-copy")  # stored in this order, reported in the order of their names


@pytest.fixture(scope="module")
def stories_db(seed_store, tmp_path_factory):
    """The seeds as four stories: the seeds, and three copies whose counts differ (one number in
    three is doubled in each copy, a different one each time)."""
    folder = tmp_path_factory.mktemp("stories")
    db = seed_store.copy_db(folder / "stories.db")
    lines = runner.invoke(app, ["extract", str(seed_store.folder), "--db", str(seed_store.db), "--format", "jsonl"]).stdout
    claims = [json.loads(line) for line in lines.splitlines()]
    copies = []
    for n, story in enumerate(STORIES):
        for i, claim in enumerate(claims):
            value = claim["value"]
            if claim["kind"] == "quantity" and value.isdigit() and i % 3 == n:
                value = str(2 * int(value))
            copies.append({**claim, "id": f"{claim['id']}-{n}", "value": value,
                           "source": {**claim["source"], "path": f"{story}/{claim['source']['path']}", "story": story}})
    sheet = folder / "copies.jsonl"
    sheet.write_text("".join(json.dumps(c) + "\n" for c in copies))
    assert runner.invoke(app, ["import", str(sheet), "--db", str(db)]).exit_code == 0
    return db


def whole_store(db, show_all: bool) -> ConflictsResult:
    """What conflicts gave before it streamed: every stored claim reconciled at once."""
    with Store(str(db), readonly=True) as store:
        groups = reconcile(store.claims(), load_ruleset())
    return ConflictsResult(groups=[g for g in groups if show_all or g.verdict in ("conflict", "temporal")])


@pytest.mark.parametrize("fmt", STREAMED)
@pytest.mark.parametrize("show_all", [False, True])
def test_streamed_output_is_that_of_the_whole_store(stories_db, fmt, show_all):
    expected = whole_store(stories_db, show_all)
    assert {g.story for g in expected.groups} == {"seeds", *STORIES}
    assert len({g.verdict for g in expected.groups}) == (5 if show_all else 2)
    result = runner.invoke(app, ["conflicts", "--db", str(stories_db), "--format", fmt] + (["--all"] if show_all else []))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == to_string(expected, fmt)


def test_one_story_is_held_at_a_time(stories_db, monkeypatch):
    seen = []
    real = streaming.Reconcile.__call__

    def counting(self, bodies):
        seen.append(len(bodies))
        return real(self, bodies)

    monkeypatch.setattr(streaming.Reconcile, "__call__", counting)
    result = runner.invoke(app, ["conflicts", "--db", str(stories_db), "--format", "jsonl"])
    assert result.exit_code == 0
    with Store(str(stories_db), readonly=True) as store:
        per_story = [sum(c.source.story == s for c in store.claims()) for s in ("a-copy", "b-copy", "c-copy", "seeds")]
    assert seen == per_story  # four reads of one story each, in the order of the stories' names


def test_fail_on_conflict_counts_streamed_groups(stories_db):
    result = runner.invoke(app, ["conflicts", "--db", str(stories_db), "--format", "jsonl", "--fail-on-conflict"])
    assert result.exit_code == 1 and '"verdict": "conflict"' in result.stdout
    calm = runner.invoke(app, ["conflicts", "--db", str(stories_db), "--format", "jsonl", "--fail-on-conflict",
                               "--verdict", "agree"])
    assert calm.exit_code == 0 and calm.stdout
