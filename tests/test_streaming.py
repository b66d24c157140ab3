"""Streaming: `conflicts` a story at a time gives the output of reconciling the whole store at
once, in every format that streams, holding one story's claims at a time; `extract` writes
each document's claims as it is done, the claims the JSON gives."""

from __future__ import annotations

import dataclasses
import json

import pytest
from typer.testing import CliRunner

from factcheck import api, streaming
from factcheck.cli import app
from factcheck.models import Claim, ConflictsResult, ExtractResult
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

    def counting(self, stored):
        seen.append(len(stored.rows))
        return real(self, stored)

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


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_extract_streams_the_claims_json_gives(seed_store, tmp_path, fmt):
    """Fresh (one file changed since the store was written) or unchanged, the claims written as
    documents are done are those the JSON assembled from the store gives, in the same order."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in seed_store.files:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    db = str(tmp_path / "s.db")

    def streamed_and_whole() -> tuple[str, str]:
        streamed = runner.invoke(app, ["extract", str(folder), "--db", db, "--format", fmt])
        assert streamed.exit_code == 0, streamed.stderr
        whole = json.loads(runner.invoke(app, ["extract", str(folder), "--db", db, "--format", "json"]).stdout)
        claims = [Claim.model_validate(c) for c in whole["claims"]]
        return streamed.stdout, to_string(ExtractResult(documents=[], claims=claims), fmt)

    fresh, whole = streamed_and_whole()
    assert fresh == whole and fresh.count("\n") > seed_store.claim_count / 2
    changed = folder / seed_store.files[4].name
    changed.write_text(changed.read_text(encoding="utf-8").replace("32", "33"), encoding="utf-8")
    mixed, whole = streamed_and_whole()  # four documents from the store, one parsed again
    assert mixed == whole and mixed != fresh


def test_extract_hands_over_each_document_as_it_is_done(seed_store, tmp_path, monkeypatch):
    handed: list[str] = []
    parse = api.claims_of_documents

    def watched(documents, options, failures=None):
        for n, (document, claims) in enumerate(parse(documents, options, failures)):
            assert len(handed) == n  # the documents before this one are already written
            yield document, claims
            handed.append(document.path)

    monkeypatch.setattr(api, "claims_of_documents", watched)
    written: list[list[str]] = []
    result = api.extract([str(seed_store.folder)], db=str(tmp_path / "s.db"),
                         on_claims=lambda claims: written.append(sorted({c.source.path for c in claims})))
    assert written == [[path] for path in handed] and len(handed) == len(seed_store.files)
    assert result.claims == []  # nothing kept for the end


def test_conflicts_over_two_processes_give_the_same_bytes(stories_db, monkeypatch):
    monkeypatch.setattr(streaming, "STORIES_PER_TASK", 1)  # a task per story, on both workers
    one = runner.invoke(app, ["conflicts", "--all", "--db", str(stories_db), "--format", "jsonl"])
    two = runner.invoke(app, ["conflicts", "--all", "--db", str(stories_db), "--format", "jsonl", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 0, two.stderr
    assert two.stdout == one.stdout and len({json.loads(line)["story"] for line in one.stdout.splitlines()}) == 4


def test_a_story_read_by_name_is_the_story_read_with_its_rows(stories_db, tmp_path):
    """A worker process reads its story from the store itself: the claims are those the rows
    sent to it would give, with the store's stale documents still marked."""
    with Store(str(stories_db), readonly=True) as store:
        sent = list(store.story_claims())
        named = list(store.story_claims(by_name=True))
    assert [type(s).__name__ for s in named] == ["StoryInStore"] * len(sent) == ["StoryInStore"] * 4
    assert [s.read() for s in named] == [s.read() for s in sent]
    stale_path = sent[0].rows[0][0]
    marked, _ = dataclasses.replace(named[0], stale=frozenset({stale_path})).read()
    assert {c.source.path for c in marked if c.source.stale} == {stale_path}


def _processes_used(monkeypatch) -> list[int]:
    used: list[int] = []
    in_processes = streaming._in_processes

    def counted(stories, task, jobs):
        used.append(jobs)
        return in_processes(stories, task, jobs)

    monkeypatch.setattr(streaming, "_in_processes", counted)
    return used


def test_a_large_store_is_reconciled_over_every_cpu_unless_jobs_says_otherwise(stories_db, monkeypatch):
    single = runner.invoke(app, ["conflicts", "--all", "--db", str(stories_db), "--format", "jsonl", "--jobs", "1"])
    used = _processes_used(monkeypatch)
    small = runner.invoke(app, ["conflicts", "--all", "--db", str(stories_db), "--format", "jsonl"])
    assert small.stdout == single.stdout and used == []  # too small to pay for starting workers
    monkeypatch.setattr(api, "AUTO_JOBS_CLAIMS", 10)  # the store now counts as large
    monkeypatch.setattr(api.os, "sched_getaffinity", lambda _pid: {0, 1, 2, 3, 4, 5}, raising=False)
    large = runner.invoke(app, ["conflicts", "--all", "--db", str(stories_db), "--format", "jsonl"])
    assert large.exit_code == 0, large.stderr
    assert large.stdout == single.stdout and used == [api.MAX_AUTO_JOBS]  # six CPUs, at most four workers
    asked = runner.invoke(app, ["conflicts", "--all", "--db", str(stories_db), "--format", "jsonl", "--jobs", "1"])
    assert asked.stdout == single.stdout and used == [api.MAX_AUTO_JOBS]  # --jobs 1 is one process


def test_a_rerun_over_unchanged_files_loads_no_model(seed_store, tmp_path, monkeypatch):
    """Nothing to parse, nothing to load: the claims come from the store (the model load was
    most of a re-run's time)."""
    from factcheck import nlp

    db = str(seed_store.copy_db(tmp_path / "s.db"))

    def refused(*_args, **_kwargs):
        raise AssertionError("the model was loaded for unchanged files")

    monkeypatch.setattr(nlp, "load", refused)
    monkeypatch.setattr(api, "_extractors", {})
    result = api.extract([str(seed_store.folder)], db=db)
    assert len(result.documents) == len(seed_store.files) and len(result.claims) == seed_store.claim_count
