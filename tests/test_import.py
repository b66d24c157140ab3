"""`factcheck import`: claims from elsewhere go into the store as they are, bad lines are named
and left out, and nothing is half-written."""

from __future__ import annotations

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from factcheck import importing
from factcheck.cli import app, main
from factcheck.store import Store

runner = CliRunner()
ARTICLE_A = "The ferry carried 120 passengers when it sank on Monday."
ARTICLE_B = "Officials said 95 passengers were aboard."


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def claim(path: str, value: str, **extra) -> dict:
    """A claim with only what import requires (and what the test adds)."""
    return {"source": {"path": path, "story": "ferry"}, "subject": "the ferry", "attribute": "passenger_count",
            "kind": "quantity", "value": value, **extra}


def jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_extracted_claims_imported_reconcile_as_they_were(seed_store, tmp_path):
    """The seeds' claims, out as JSON lines and in again: the same groups, byte for byte."""
    exported = tmp_path / "seeds.jsonl"
    exported.write_text(invoke("extract", str(seed_store.folder), "--db", str(seed_store.db), "--format", "jsonl").stdout)
    db = tmp_path / "imported.db"
    result = invoke("import", str(exported), "--db", str(db))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"factcheck: imported {seed_store.claim_count} claims of 5 documents into {db}\n"
    before = invoke("conflicts", "--all", "--format", "jsonl", "--db", str(seed_store.db)).stdout
    after = invoke("conflicts", "--all", "--format", "jsonl", "--db", str(db)).stdout
    assert before and after == before


def test_extract_json_brings_the_documents_texts(seed_store, tmp_path):
    exported = tmp_path / "seeds.json"
    exported.write_text(invoke("extract", str(seed_store.folder), "--db", str(seed_store.db), "--format", "json").stdout)
    db = tmp_path / "imported.db"
    assert invoke("import", str(exported), "--db", str(db)).exit_code == 0
    with Store(str(db), readonly=True) as store:
        texts = {d.path: d.text for d in store.documents()}
        claims = store.claims()
    assert texts == {str(p): p.read_text(encoding="utf-8") for p in seed_store.files}
    assert len(claims) == seed_store.claim_count
    assert all(texts[c.source.path][c.start:c.end] == c.quote for c in claims)


def test_a_hand_made_sheet_is_reconciled(tmp_path):
    """Two outlets' passenger counts, given only the required fields and the texts: the quote is
    found in the text, the defaults filled in, and the two values are a conflict."""
    sheet = tmp_path / "sheet.jsonl"
    sheet.write_text(jsonl(claim("a.txt", "120", quote="120 passengers", text=ARTICLE_A),
                           claim("b.txt", "95", quote="95 passengers", text=ARTICLE_B)))
    db = tmp_path / "c.db"
    assert invoke("import", str(sheet), "--db", str(db)).exit_code == 0
    groups = [json.loads(line) for line in invoke("conflicts", "--all", "--format", "jsonl", "--db", str(db)).stdout.splitlines()]
    assert [(g["verdict"], g["story"], g["attribute"], [v["value"] for v in g["values"]]) for g in groups] == [
        ("conflict", "ferry", "passenger_count", ["120", "95"])]
    first = groups[0]["claims"][0]
    assert (first["start"], first["end"], first["quote"]) == (18, 32, "120 passengers")  # ARTICLE_A[18:32]
    assert ARTICLE_A[18:32] == "120 passengers"
    assert (first["sentence"], first["value_text"], first["rule"], first["confidence"]) == ("120 passengers", "120", "import", 1.0)


def test_bad_lines_are_one_warning_each_and_the_rest_goes_in(tmp_path):
    sheet = tmp_path / "sheet.jsonl"
    sheet.write_text(jsonl(
        claim("a.txt", "120"),
        {key: value for key, value in claim("b.txt", "95").items() if key != "subject"},
        "{not json",
        claim("c.txt", "95", quote="95 passengers", start=0, end=13, text=ARTICLE_B),
        claim("d.txt", "95", kind="weight"),
        "",
        claim("e.txt", "95"),
    ))
    db = tmp_path / "c.db"
    result = invoke("import", str(sheet), "--db", str(db))
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        f"factcheck: warning: {sheet}:2: missing 'subject'",
        f"factcheck: warning: {sheet}:3: not a JSON line (Expecting property name enclosed in double quotes:"
        " line 1 column 2 (char 1))",
        f"factcheck: warning: {sheet}:4: the quote is not the text at 0:13 ('Officials sai')",
        f"factcheck: warning: {sheet}:5: kind: Input should be 'quantity', 'money', 'ordinal', 'date', 'date_range',"
        " 'time', 'duration', 'role', 'stance' or 'age'",
        f"factcheck: imported 2 claims of 2 documents into {db}",
    ]
    with Store(str(db), readonly=True) as store:
        assert [c.source.path for c in store.claims()] == ["a.txt", "e.txt"]


def test_stdin_and_the_default_story(tmp_path):
    """From stdin, a claim whose source names no story belongs to the story 'stdin'."""
    db = tmp_path / "c.db"
    record = claim("a.txt", "120")
    del record["source"]["story"]
    result = invoke("import", "-", "--db", str(db), input=jsonl(record))
    assert result.exit_code == 0, result.stderr
    with Store(str(db), readonly=True) as store:
        assert [(c.source.story, c.value) for c in store.claims()] == [("stdin", "120")]


def test_importing_again_replaces_a_documents_claims(tmp_path):
    sheet = tmp_path / "sheet.jsonl"
    db = tmp_path / "c.db"
    sheet.write_text(jsonl(claim("a.txt", "120"), claim("a.txt", "121")))
    assert invoke("import", str(sheet), "--db", str(db)).exit_code == 0
    sheet.write_text(jsonl(claim("a.txt", "130")))
    assert invoke("import", str(sheet), "--db", str(db)).exit_code == 0
    with Store(str(db), readonly=True) as store:
        assert [c.value for c in store.claims()] == ["130"]


def test_an_interrupted_import_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    db = tmp_path / "c.db"
    sheet = tmp_path / "sheet.jsonl"
    sheet.write_text(jsonl(claim("a.txt", "120")))
    importing.import_claims([str(sheet)], db=str(db))
    sheet.write_text(jsonl(claim("a.txt", "200"), claim("b.txt", "95"), claim("c.txt", "96")))
    real = importing._claim
    calls = []

    def interrupted(*args):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(importing, "_claim", interrupted)
    with pytest.raises(KeyboardInterrupt):
        importing.import_claims([str(sheet)], db=str(db))
    rows = sqlite3.connect(db).execute("SELECT path, body FROM claims").fetchall()
    assert [(path, json.loads(body)["value"]) for path, body in rows] == [("a.txt", "120")]


def exit_of(capsys, *args: str) -> tuple[int, str]:
    """The exit status and stderr of the console script (where errors become one line)."""
    with pytest.raises(SystemExit) as exit:
        main(list(args))
    return exit.value.code, capsys.readouterr().err


def test_nothing_to_import_is_a_usage_error_and_creates_no_store(tmp_path, capsys):
    sheet = tmp_path / "sheet.jsonl"
    sheet.write_text(jsonl({"source": {"path": "a.txt"}}))
    db = tmp_path / "c.db"
    assert exit_of(capsys, "import", str(sheet), "--db", str(db)) == (2, (
        f"factcheck: warning: {sheet}:1: missing 'subject', 'attribute', 'kind', 'value'\n"
        f"factcheck: error: no claims to import in {sheet} (every one was left out)\n"))
    assert not db.exists()


def test_a_missing_file_is_one_line(tmp_path, capsys):
    missing = tmp_path / "nope.jsonl"
    assert exit_of(capsys, "import", str(missing), "--db", str(tmp_path / "c.db")) == (
        2, f"factcheck: error: no such file: {missing}\n")
    assert not (tmp_path / "c.db").exists()
