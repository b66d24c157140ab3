"""The table at 80 columns (issue 15): no word split, names cut with an ellipsis, one line a claim
for `extract`, COLUMNS honoured in a file, the story named when a store holds several."""

from __future__ import annotations

import json
import re

from rich.cells import cell_len
from typer.testing import CliRunner

from factcheck.cli import app, main
from factcheck.models import ConflictsResult, ExtractResult
from factcheck.reconcile import source_label
from factcheck.render import to_string

import pytest

from conftest import write

runner = CliRunner()


def groups_of(seed_store) -> ConflictsResult:
    out = runner.invoke(app, ["conflicts", "--all", "--db", str(seed_store.db), "--format", "json"]).stdout
    return ConflictsResult.model_validate_json(out)


def test_the_conflicts_table_at_80_columns_keeps_words_whole(seed_store):
    result = groups_of(seed_store)
    out = to_string(result, "table", width=80)
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    for group in result.groups:
        for claim in group.claims:
            for word in claim.value.split():
                assert word in out, word  # "Rinkēvičs", never "Rinkēvi" and "čs" on two lines
            label = source_label(claim)
            assert label in out or re.search(re.escape(label[:8]) + r"\S*…", out), label  # whole, or cut with an ellipsis


def test_the_extract_table_is_one_line_a_claim(seed_store):
    out = runner.invoke(app, ["extract", str(seed_store.folder), "--db", str(seed_store.db), "--format", "json"]).stdout
    result = ExtractResult.model_validate_json(out)
    table = to_string(result, "table", width=80).splitlines()
    assert len(table) == len(result.claims) + 2  # the header, a line a claim, the count
    assert max(cell_len(line) for line in table) <= 80


def test_columns_is_honoured_when_writing_to_a_file(seed_store, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "80")
    target = tmp_path / "out.txt"
    with pytest.raises(SystemExit):
        main(["conflicts", "--db", str(seed_store.db), "--format", "table", "--output", str(target)])
    lines = target.read_text(encoding="utf-8").splitlines()
    assert max(cell_len(line) for line in lines) == 80


def test_a_store_of_two_stories_names_the_story_in_every_output(tmp_path):
    for story, n in (("alpha", 12), ("beta", 14)):
        write(tmp_path / story, "a.txt", f"The {n}-member council met in Harwick on March 3, 2021.")
        write(tmp_path / story, "b.txt", f"The {n + 1}-member council met in Harwick on March 3, 2021.")
    db = str(tmp_path / "two.db")
    runner.invoke(app, ["extract", str(tmp_path / "alpha"), str(tmp_path / "beta"), "--db", db])
    for fmt in ("table", "markdown", "csv", "json", "html"):
        out = runner.invoke(app, ["conflicts", "--db", db, "--format", fmt]).stdout
        assert "alpha" in out and "beta" in out, fmt
    groups = json.loads(runner.invoke(app, ["conflicts", "--db", db, "--format", "json"]).stdout)["groups"]
    assert sorted(g["story"] for g in groups) == ["alpha", "beta"]
    table = runner.invoke(app, ["conflicts", "--db", db, "--format", "table"]).stdout
    assert sum(line.startswith("╭─") and line.rstrip("─╮ ").endswith(("· alpha", "· beta")) for line in table.splitlines()) == 2
    extract_table = runner.invoke(app, ["extract", str(tmp_path / "alpha"), str(tmp_path / "beta"), "--db", db, "--format", "table"]).stdout
    assert extract_table.splitlines()[0].split()[0] == "story"
