"""Documents keyed by resolved path, URL or name (issue 15): one article is one document however
it is typed, and two piped articles never overwrite each other."""

from __future__ import annotations

import json
import sqlite3

from typer.testing import CliRunner

from factcheck.cli import app

from conftest import write

runner = CliRunner()
ARTICLE = "The 12-member council met in Harwick on March 3, 2021, the council said."
OTHER = "The 14-member board met in Harwick on March 4, 2021, the board said."


def extract(*args: str, input: str | None = None) -> dict:
    result = runner.invoke(app, ["extract", *args, "--format", "json"], input=input)
    assert result.exit_code == 0, (result.stderr, result.exception)
    return json.loads(result.stdout)


def stored_paths(db) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [row[0] for row in con.execute("SELECT path FROM documents ORDER BY path")]
    finally:
        con.close()


def test_one_file_typed_two_ways_is_one_document(tmp_path, monkeypatch):
    article = write(tmp_path / "fc" / "seeds", "x.txt", ARTICLE)
    db = tmp_path / "k.db"
    monkeypatch.chdir(tmp_path / "fc")
    first = extract("seeds/x.txt", "--db", str(db))
    monkeypatch.chdir(tmp_path / "fc" / "seeds")
    second = extract("../../fc/seeds/x.txt", "--db", str(db))
    assert stored_paths(db) == [str(article.resolve())]
    assert [c["id"] for c in first["claims"]] == [c["id"] for c in second["claims"]]
    assert first["claims"][0]["source"]["path"] == "seeds/x.txt"  # the path as typed, for display
    every = runner.invoke(app, ["conflicts", "--all", "--db", str(db), "--format", "json"])
    claims = [c for g in json.loads(every.stdout)["groups"] for c in g["claims"]]
    assert len(claims) == len(first["claims"])  # every row once


def test_one_file_named_twice_in_one_run_is_read_once(tmp_path, monkeypatch):
    write(tmp_path / "s", "x.txt", ARTICLE)
    monkeypatch.chdir(tmp_path)
    data = extract("s/x.txt", "./s/x.txt", "--db", str(tmp_path / "k.db"))
    assert len(data["documents"]) == 1


def test_two_piped_articles_do_not_overwrite_each_other(tmp_path):
    db = tmp_path / "p.db"
    extract("-", "--db", str(db), input=ARTICLE)
    extract("-", "--db", str(db), input=OTHER)
    assert len(stored_paths(db)) == 2
    values = {c["value"] for c in extract("-", "--db", str(db), input=ARTICLE)["claims"]} | {
        c["value"] for g in json.loads(runner.invoke(app, ["conflicts", "--all", "--db", str(db), "--format", "json"]).stdout)["groups"]
        for c in g["claims"]}
    assert {"12", "14"} <= values


def test_name_names_a_piped_article_and_a_new_version_replaces_it(tmp_path):
    db = tmp_path / "n.db"
    first = extract("-", "--name", "courier/levee", "--db", str(db), input=ARTICLE)
    assert first["documents"][0]["source"]["path"] == "courier/levee"
    assert all(c["source"]["path"] == "courier/levee" for c in first["claims"])
    extract("-", "--name", "courier/levee", "--db", str(db), input=ARTICLE.replace("12-member", "13-member"))
    assert stored_paths(db) == ["-:courier/levee"]


def test_front_matter_url_keys_a_piped_article(tmp_path):
    db = tmp_path / "u.db"
    for url, text in (("https://a.example/x", ARTICLE), ("https://b.example/y", OTHER)):
        extract("-", "--db", str(db), input=f"---\nurl: {url}\n---\n{text}\n")
    assert stored_paths(db) == ["https://a.example/x", "https://b.example/y"]


def test_a_store_keyed_by_typed_paths_is_not_duplicated(tmp_path, monkeypatch):
    """A store written before resolved keys holds `s/x.txt`; extracting again replaces that row."""
    article = write(tmp_path / "s", "x.txt", ARTICLE)
    db = tmp_path / "old.db"
    monkeypatch.chdir(tmp_path)
    extract("s/x.txt", "--db", str(db))
    con = sqlite3.connect(db)
    con.execute("UPDATE documents SET path = 's/x.txt', ruleset = 'older'")
    con.execute("UPDATE claims SET path = 's/x.txt'")
    con.commit()
    con.close()
    extract("s/x.txt", "--db", str(db))
    assert stored_paths(db) == [str(article.resolve())]
