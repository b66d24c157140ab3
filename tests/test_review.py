"""show, explain, hand corrections, stories and documents (issue 15), through typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app, main
from factcheck.escaping import markdown_text
from factcheck.models import CorrectionsResult, DocumentsResult, ExplainResult, ShowResult, StoriesResult

from conftest import write

runner = CliRunner()
FORMATS = ("table", "json", "jsonl", "csv", "markdown")


def ok(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (result.exit_code, result.stderr, result.exception)
    return result.stdout


def fails(capsys, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit:
        main(list(args))
    return exit.value.code, capsys.readouterr().err


def groups(db: Path, *extra: str) -> list[dict]:
    return json.loads(ok("conflicts", "--all", "--db", str(db), "--format", "json", *extra))["groups"]


def member_count(db: Path) -> dict:
    """The seeds' NATO member count group: 32 in three reports, 31 in one (checked by hand in seeds/)."""
    [group] = [g for g in groups(db) if g["subject"] == "NATO" and g["attribute"] == "member_count"]
    assert sorted(c["value"] for c in group["claims"]).count("31") == 1
    return group


@pytest.fixture
def db(seed_store, tmp_path) -> Path:
    return seed_store.copy_db(tmp_path / "s.db")


# ------------------------------------------------------------------------------------ show


@pytest.mark.parametrize("fmt", FORMATS + ("html",))
def test_show_a_group_in_every_format(db, fmt):
    group = member_count(db)
    out = ok("show", group["id"], "--db", str(db), "--format", fmt)
    assert "NATO" in out
    if fmt == "json":
        shown = ShowResult.model_validate_json(out)
        assert shown.group.id == group["id"] and len(shown.claims) == len(group["claims"])
    if fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(out)))) == len(group["claims"])
    if fmt == "jsonl":
        assert len(out.splitlines()) == len(group["claims"])


def test_show_puts_each_claim_in_its_paragraph_with_line_and_offsets(db, seed_store):
    group = member_count(db)
    shown = ShowResult.model_validate_json(ok("show", group["id"], "--db", str(db), "--format", "json"))
    for placed in shown.claims:
        text = Path(placed.claim.source.path).read_text(encoding="utf-8")
        line = text.splitlines()[placed.line - 1]
        assert placed.paragraph == line.strip() and placed.claim.quote in placed.paragraph
        assert line[placed.column - 1:].startswith(placed.claim.quote)
        assert text[placed.paragraph_start:].startswith(placed.paragraph)


def test_show_a_claim_marks_it_in_its_group(db):
    group = member_count(db)
    odd = next(c for c in group["claims"] if c["value"] == "31")
    shown = ShowResult.model_validate_json(ok("show", odd["id"][:8], "--db", str(db), "--format", "json"))
    assert shown.group.id == group["id"] and shown.claim_id == odd["id"]
    assert "← asked for" in ok("show", odd["id"], "--db", str(db), "--format", "markdown")


def test_show_an_unknown_id_is_one_line(capsys, db):
    code, err = fails(capsys, "show", "nosuchid", "--db", str(db))
    assert code == 2 and err.count("\n") == 1 and "'nosuchid'" in err
    code, err = fails(capsys, "show", member_count(db)["id"][:4], "--db", str(db))
    assert code == 2 and "at least 6 characters" in err


def test_a_web_page_claim_links_to_its_words():
    from factcheck.review import quote_link

    assert quote_link("https://example.org/a#top", "the 32-member alliance") == \
        "https://example.org/a#:~:text=the%2032%2Dmember%20alliance"
    assert quote_link(None, "x") is None and quote_link("seeds/a.txt", "x") is None


# --------------------------------------------------------------------------------- explain


def test_explain_two_claims_of_one_group(db):
    group = member_count(db)
    a, b = (next(c for c in group["claims"] if c["value"] == v) for v in ("32", "31"))
    result = ExplainResult.model_validate_json(ok("explain", a["id"], b["id"], "--db", str(db), "--format", "json"))
    assert result.together
    steps = {s.step: s for s in result.steps}
    assert steps["subject"].same and steps["attribute"].same and steps["group"].same
    assert steps["values"].first == "32" and steps["values"].second == "31"
    assert "different values" in steps["values"].detail
    assert result.conclusion.startswith(f"In one group, {group['id']} (conflict)")


def test_explain_says_where_two_claims_part(db):
    every = groups(db)
    nato = member_count(db)["claims"][0]
    backers = next(g for g in every if g["subject"] == "Mark Rutte" and g["attribute"] == "backers")["claims"][0]
    result = ExplainResult.model_validate_json(ok("explain", nato["id"], backers["id"], "--db", str(db), "--format", "json"))
    assert not result.together
    steps = {s.step: s for s in result.steps}
    assert steps["subject"].same is False and "'NATO'" in steps["subject"].first
    assert steps["attribute"].same is False and "member_count" in steps["attribute"].first
    assert "learned merge" in steps and steps["group"].same is False
    assert "they part at the step 'subject'" in result.conclusion


@pytest.mark.parametrize("fmt", FORMATS)
def test_explain_in_every_format(db, fmt):
    a, b = member_count(db)["claims"][:2]
    out = ok("explain", a["id"], b["id"], "--db", str(db), "--format", fmt)
    assert "subject" in out and "attribute" in out


def test_explain_claims_of_two_stories(tmp_path):
    db = tmp_path / "two.db"
    write(tmp_path / "alpha", "a.txt", "The 12-member council met in Harwick on March 3, 2021.")
    write(tmp_path / "beta", "b.txt", "The 14-member council met in Harwick on March 3, 2021.")
    claims = json.loads(ok("extract", str(tmp_path / "alpha"), str(tmp_path / "beta"), "--db", str(db), "--format", "json"))["claims"]
    a = next(c for c in claims if c["source"]["story"] == "alpha")
    b = next(c for c in claims if c["source"]["story"] == "beta")
    result = ExplainResult.model_validate_json(ok("explain", a["id"], b["id"], "--db", str(db), "--format", "json"))
    assert not result.together and [s.step for s in result.steps] == ["story"]


# ------------------------------------------------------------------------------ corrections


def test_split_a_claim_off_and_the_group_is_judged_without_it(db):
    group = member_count(db)
    odd = next(c for c in group["claims"] if c["value"] == "31")
    ok("correct", "split", odd["id"], "--db", str(db), "--note", "31 was before Sweden joined")
    every = groups(db)
    [rest] = [g for g in every if g["id"] == group["id"]]
    assert rest["verdict"] == "agree" and {c["value"] for c in rest["claims"]} == {"32"}
    [alone] = [g for g in every if any(c["id"] == odd["id"] for c in g["claims"])]
    assert alone["verdict"] == "single" and alone["review"]["status"] == "split"
    assert alone["review"]["note"] == "31 was before Sweden joined"


def test_mark_a_false_alarm_is_shown_in_every_format_and_passes_fail_on_conflict(db, capsys):
    conflicts = [g for g in groups(db) if g["verdict"] == "conflict"]
    for group in conflicts:
        ok("correct", "false-alarm", group["id"], "--db", str(db), "--note", "checked by hand")
    marked = {g["id"]: g for g in groups(db)}
    assert all(marked[g["id"]]["review"] == {"status": "false_alarm", "note": "checked by hand", "correction": i + 1}
               for i, g in enumerate(conflicts))
    assert "false alarm: checked by hand" in ok("conflicts", "--db", str(db), "--format", "table")
    assert "(false alarm: checked by hand)" in ok("conflicts", "--db", str(db), "--format", "markdown")
    rows = list(csv.DictReader(io.StringIO(ok("conflicts", "--db", str(db), "--format", "csv"))))
    assert {r["review"] for r in rows if r["verdict"] == "conflict"} == {"false alarm: checked by hand"}
    assert "false alarm" in ok("conflicts", "--db", str(db), "--format", "html")
    code, _err = fails(capsys, "conflicts", "--fail-on-conflict", "--db", str(db), "--format", "json")
    assert code == 0


def test_a_merge_of_two_subjects_survives_a_rerun(tmp_path):
    """The README's example: 1,200 and 1,500 employees are one company's only once merged."""
    folder = tmp_path / "story"
    write(folder, "a.txt", "Northwind Pharma has 1,200 employees, the company said on Monday.")
    write(folder, "b.txt", "NWP has 1,500 employees, the company said on Monday.")
    db = tmp_path / "m.db"
    ok("extract", str(folder), "--db", str(db))

    def employees() -> list[dict]:
        return [g for g in groups(db) if g["attribute"] == "employees"]

    assert sorted(g["verdict"] for g in employees()) == ["single", "single"]
    stored = CorrectionsResult.model_validate_json(ok("correct", "merge", "Northwind Pharma", "NWP", "--db", str(db), "--format", "json"))
    assert [(c.action, c.target, c.other, c.story) for c in stored.corrections] == [("merge", "Northwind Pharma", "NWP", None)]
    [merged] = employees()
    assert merged["verdict"] == "conflict" and merged["subject"] == "Northwind Pharma"
    write(folder, "b.txt", "NWP has 1,500 employees, the company said on Tuesday.")  # a changed file: extracted again
    [again] = [g for g in json.loads(ok("conflicts", str(folder), "--all", "--db", str(db), "--format", "json"))["groups"]
               if g["attribute"] == "employees"]
    assert again["verdict"] == "conflict"
    steps = {s.step: s for s in ExplainResult.model_validate_json(ok(
        "explain", *[c["id"] for c in again["claims"]], "--db", str(db), "--format", "json")).steps}
    assert "makes 'Northwind Pharma' and 'NWP' one subject" in steps["hand correction"].detail
    listed = CorrectionsResult.model_validate_json(ok("correct", "list", "--db", str(db), "--format", "json"))
    ok("correct", "remove", str(listed.corrections[0].id), "--db", str(db))
    assert sorted(g["verdict"] for g in employees()) == ["single", "single"]


def test_a_correction_naming_nothing_is_refused(capsys, db):
    code, err = fails(capsys, "correct", "merge", "NATO", "Atlantis", "--db", str(db))
    assert code == 2 and "'Atlantis'" in err
    code, err = fails(capsys, "correct", "checked", "0000000000", "--db", str(db))
    assert code == 2 and "no group" in err
    code, err = fails(capsys, "correct", "remove", "99", "--db", str(db))
    assert code == 2 and "no correction 99" in err


def test_a_store_from_before_corrections_is_read_as_having_none(db):
    import sqlite3

    con = sqlite3.connect(db)
    con.execute("DROP TABLE IF EXISTS corrections")
    con.commit()
    con.close()
    assert member_count(db)["verdict"] == "conflict"
    assert CorrectionsResult.model_validate_json(ok("correct", "list", "--db", str(db), "--format", "json")).corrections == []


# ------------------------------------------------------------------------- stories, documents


@pytest.mark.parametrize("fmt", FORMATS)
def test_stories_in_every_format(db, seed_store, fmt):
    out = ok("stories", "--db", str(db), "--format", fmt)
    assert "seeds" in out
    if fmt == "json":
        [story] = StoriesResult.model_validate_json(out).stories
        every = groups(db)
        assert (story.story, story.documents, story.claims) == ("seeds", len(seed_store.files), seed_store.claim_count)
        assert story.verdicts == {v: sum(g["verdict"] == v for g in every) for v in story.verdicts}
    if fmt == "csv":
        [row] = list(csv.DictReader(io.StringIO(out)))
        assert row["story"] == "seeds" and int(row["documents"]) == len(seed_store.files) and "conflict" in row


@pytest.mark.parametrize("fmt", FORMATS)
def test_documents_in_every_format(db, seed_store, fmt):
    out = ok("documents", "--db", str(db), "--format", fmt, "--story", "seeds")
    shown = markdown_text if fmt == "markdown" else str  # Markdown escapes the names' underscores
    assert all(shown(f.name) in out for f in seed_store.files)
    if fmt == "json":
        listed = DocumentsResult.model_validate_json(out).documents
        claims = json.loads(ok("extract", str(seed_store.folder), "--db", str(db), "--format", "json"))["claims"]
        assert {Path(d.path).name: d.claims for d in listed} == {
            f.name: sum(Path(c["source"]["path"]).name == f.name for c in claims) for f in seed_store.files}


def test_documents_of_an_unknown_story_is_one_line(capsys, db):
    code, err = fails(capsys, "documents", "--story", "nope", "--db", str(db))
    assert code == 2 and "'nope'" in err and "seeds" in err


def test_show_places_each_claim_in_its_own_article_when_two_share_a_shown_path(tmp_path, monkeypatch):
    """`x.txt` typed in two folders is two documents shown as `x.txt`: each claim is placed in
    the one that holds its quote."""
    db = str(tmp_path / "p.db")
    for folder, n in (("a", 12), ("b", 14)):
        write(tmp_path / folder, "x.txt", f"---\nstory: s\n---\nThe {n}-member council met in Harwick on March 3, 2021.\n")
        monkeypatch.chdir(tmp_path / folder)
        ok("extract", "x.txt", "--db", db)
    [group] = [g for g in groups(Path(db)) if len(g["claims"]) == 2]  # the meeting's date, in both
    shown = ShowResult.model_validate_json(ok("show", group["id"], "--db", db, "--format", "json"))
    assert sorted(p.paragraph for p in shown.claims) == [f"The {n}-member council met in Harwick on March 3, 2021." for n in (12, 14)]
