"""Hostile input (issue 17): nothing is replaced that is not ours, one bad file never loses the
run, and the library and the store take what a user hands them."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

from test_reliability import FACTCHECK, SENTENCE, one_error_line, run, warnings_of

from conftest import write


# ---------------------------------------------------------------------------------- --output

def _reader(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    """A thread that reads the FIFO to its end, as `cat fifo` would."""
    got: list[bytes] = []

    def read():
        with open(fifo, "rb") as handle:
            got.append(handle.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread, got


def test_output_to_a_fifo_is_written_through_it_and_the_fifo_stays(capsys, seed_store, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    thread, got = _reader(fifo)
    code, out, err = run(capsys, "conflicts", "--all", "--db", str(seed_store.db), "--format", "json", "--output", str(fifo))
    thread.join(30)
    assert code == 0 and out == "" and err == ""
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(got[0])["groups"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no temporary file beside it


def test_output_to_a_device_is_written_to_and_the_device_stays(capsys, seed_store, tmp_path):
    """As root, a character device of our own (the null device's numbers); as anyone else, who
    cannot make one, /dev/null itself, which must stay the device it is."""
    if os.geteuid() == 0:
        device = tmp_path / "null"
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    else:
        device = Path(os.devnull)
    before = os.lstat(device)
    code, out, err = run(capsys, "conflicts", "--all", "--db", str(seed_store.db), "--format", "json", "--output", str(device))
    assert code == 0 and out == "" and err == ""
    after = os.lstat(device)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_output_to_dev_stdout_into_a_pipe_writes_the_data_there(seed_store, tmp_path):
    db = seed_store.copy_db(tmp_path / "s.db")
    done = subprocess.run([FACTCHECK, "conflicts", "--all", "--db", str(db), "--format", "json", "-o", "/dev/stdout"],
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["groups"]


def test_output_to_dev_stdout_appends_to_a_file_opened_for_appending(seed_store, tmp_path):
    db = seed_store.copy_db(tmp_path / "s.db")
    log = tmp_path / "log.txt"
    log.write_text("first line\n", encoding="utf-8")
    with open(log, "a", encoding="utf-8") as handle:
        done = subprocess.run([FACTCHECK, "conflicts", "--all", "--db", str(db), "--format", "jsonl", "-o", "/dev/stdout"],
                              stdout=handle, stderr=subprocess.PIPE, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "first line" and all(json.loads(line)["verdict"] for line in lines[1:]) and len(lines) > 1


# ------------------------------------------------------------------- each document fails alone

OTHER = "The 14-member council met in Besancon on March 3, 2021, the mayor said."


def _stored_paths(db: Path) -> set[str]:
    from factcheck.store import Store

    with Store(str(db), readonly=True) as store:
        return {d.path for d in store.documents()}


def test_a_file_name_that_is_not_utf8_is_one_warning_and_the_rest_are_stored(capsys, tmp_path):
    folder = tmp_path / "story"
    good = write(folder, "good.txt", SENTENCE)
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as handle:
        handle.write(OTHER.encode("utf-8"))
    code, out, err = run(capsys, "extract", str(folder), "--db", str(tmp_path / "x.db"), "--format", "json")
    assert code == 3
    assert [w for w in warnings_of(err) if "caf\\xe9.txt" in w and "UTF-8" in w]
    assert [d["source"]["path"] for d in json.loads(out)["documents"]] == [str(good)]
    assert _stored_paths(tmp_path / "x.db") == {str(good)}


def test_an_html_file_the_reader_fails_on_costs_that_file_only(capsys, tmp_path, monkeypatch):
    import trafilatura

    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    folder = tmp_path / "story"
    good = write(folder, "a.txt", SENTENCE)
    write(folder, "b.html", f"<html><body><article><p>{OTHER}</p></article></body></html>")
    code, out, err = run(capsys, "extract", str(folder), "--db", str(tmp_path / "x.db"), "--format", "json")
    assert code == 3
    assert [w for w in warnings_of(err) if "b.html" in w and "RecursionError" in w]
    assert _stored_paths(tmp_path / "x.db") == {str(good)}


def test_a_yaml_alias_bomb_in_front_matter_costs_the_metadata_only(capsys, tmp_path):
    bomb = "\n".join(["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
                     + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)]
                     + ["title: *i", "outlet: Bomb News"])
    folder = tmp_path / "story"
    bombed = write(folder, "a.md", f"---\n{bomb}\n---\n{SENTENCE}\n")
    write(folder, "b.txt", OTHER)
    code, out, err = run(capsys, "extract", str(folder), "--db", str(tmp_path / "x.db"), "--format", "json")
    assert code == 0
    assert [w for w in warnings_of(err) if "a.md" in w and "aliases" in w]
    documents = {d["source"]["path"]: d for d in json.loads(out)["documents"]}
    assert len(documents) == 2 and documents[str(bombed)]["source"]["title"] is None


def test_a_metadata_field_that_is_a_list_is_no_value(capsys, tmp_path):
    article = write(tmp_path / "story", "a.md", f"---\ntitle: [a, b]\noutlet: {{x: 1}}\n---\n{SENTENCE}\n")
    code, out, _err = run(capsys, "extract", str(article), "--db", str(tmp_path / "x.db"), "--format", "json")
    source = json.loads(out)["documents"][0]["source"]
    assert code == 0 and source["title"] is None and source["outlet"] is None


def test_front_matter_longer_than_the_limit_is_ignored_with_a_warning(capsys, tmp_path):
    from factcheck.ingest import MAX_FRONT_MATTER_CHARS

    article = write(tmp_path / "story", "a.md", f"---\ntitle: {'x' * MAX_FRONT_MATTER_CHARS}\n---\n{SENTENCE}\n")
    code, out, err = run(capsys, "extract", str(article), "--db", str(tmp_path / "x.db"), "--format", "json")
    assert code == 0 and json.loads(out)["claims"]
    assert [w for w in warnings_of(err) if "a.md" in w and "longer than" in w]


def test_dates_at_the_calendar_edges_drop_the_relative_date_not_the_article(capsys, tmp_path):
    folder = tmp_path / "story"
    text = "The 12-member council will meet tomorrow, met last year and will meet next month, officials said."
    write(folder, "late.md", f"---\npublished: 9999-12-31\n---\n{text}\n")
    write(folder, "early.md", f"---\npublished: 0001-01-01\n---\n{text} It met yesterday.\n")
    code, out, err = run(capsys, "extract", str(folder), "--db", str(tmp_path / "x.db"), "--format", "json")
    assert code == 0 and not warnings_of(err), err
    claims = json.loads(out)["claims"]
    assert {Path(c["source"]["path"]).name for c in claims if c["attribute"] == "member_count"} == {"late.md", "early.md"}
    for c in claims:
        assert not c["value"].startswith(("0000", "10000")), c  # no year outside the calendar is invented


def test_an_unreadable_subfolder_is_a_warning_and_exit_3(capsys, tmp_path, monkeypatch):
    """The folder is made unreadable through os.scandir, which os.walk lists folders with: a
    chmod would not stop a test run as root."""
    folder = tmp_path / "story"
    good = write(folder, "a.txt", SENTENCE)
    write(folder / "locked", "b.txt", OTHER)
    real = os.scandir

    def scandir(path="."):
        if Path(path) == folder / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = run(capsys, "extract", str(folder), "--db", str(tmp_path / "x.db"), "--format", "json")
    assert code == 3
    assert [w for w in warnings_of(err) if str(folder / "locked") in w and "Permission denied" in w]
    assert [d["source"]["path"] for d in json.loads(out)["documents"]] == [str(good)]


def test_utf32_with_a_byte_order_mark_is_read_with_exact_offsets(capsys, tmp_path):
    article = tmp_path / "story" / "a.txt"
    article.parent.mkdir()
    article.write_bytes(SENTENCE.encode("utf-32"))  # with the BOM
    code, out, err = run(capsys, "extract", str(article), "--db", str(tmp_path / "x.db"), "--format", "json")
    assert code == 0 and not warnings_of(err)
    result = json.loads(out)
    text = result["documents"][0]["text"]
    assert text == SENTENCE
    assert result["claims"] and all(text[c["start"]:c["end"]] == c["quote"] for c in result["claims"])


def test_a_utf32_mark_on_bytes_that_are_not_utf32_is_refused_with_a_warning(capsys, tmp_path):
    folder = tmp_path / "story"
    write(folder, "a.txt", SENTENCE)
    (folder / "b.txt").write_bytes(b"\xff\xfe\x00\x00" + b"\xff\xff\xff\xff" * 4)
    code, out, err = run(capsys, "extract", str(folder), "--db", str(tmp_path / "x.db"), "--format", "json")
    assert code == 3 and [w for w in warnings_of(err) if "b.txt" in w and "UTF-32" in w]


def _socket(path: Path):
    import socket

    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    return server


def test_special_files_named_directly_get_a_precise_message(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # short names: a socket's path has a length limit
    good = write(tmp_path, "good.txt", SENTENCE)
    os.mkfifo("pipe.txt")
    os.symlink("gone.txt", "link.txt")
    server = _socket(Path("sock.txt"))
    try:
        code, out, err = run(capsys, "extract", "pipe.txt", "link.txt", "sock.txt", str(good), "--db", "x.db", "--format", "json")
    finally:
        server.close()
    assert code == 3
    warned = warnings_of(err)
    assert any("pipe.txt" in w and "FIFO" in w for w in warned)
    assert any("link.txt" in w and "dangling symbolic link" in w and "gone.txt" in w for w in warned)
    assert any("sock.txt" in w and "socket" in w for w in warned)
    assert [d["source"]["path"] for d in json.loads(out)["documents"]] == [str(good)]


def test_a_fifo_alone_is_a_usage_error_after_its_warning(capsys, tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    code, out, err = run(capsys, "extract", str(tmp_path / "pipe.txt"), "--db", str(tmp_path / "x.db"))
    assert code == 2 and out == ""
    assert "FIFO" in warnings_of(err)[0] and "no documents found" in err.splitlines()[-1]


def test_a_document_over_the_size_limit_is_skipped_with_how_to_raise_it(capsys, tmp_path):
    folder = tmp_path / "story"
    small = write(folder, "a.txt", SENTENCE)
    write(folder, "b.txt", (OTHER + " ") * 40)
    code, out, err = run(capsys, "extract", str(folder), "--max-size", "0.001", "--db", str(tmp_path / "x.db"), "--format", "json")
    assert code == 3
    assert [w for w in warnings_of(err) if "b.txt" in w and "--max-size" in w]
    assert [d["source"]["path"] for d in json.loads(out)["documents"]] == [str(small)]
    code, out, err = run(capsys, "extract", str(folder), "--max-size", "1", "--db", str(tmp_path / "x.db"), "--format", "json")
    assert code == 0 and len(json.loads(out)["documents"]) == 2


def test_documents_are_parsed_and_stored_as_they_are_read(tmp_path, monkeypatch):
    """With more documents than one spaCy batch, the first is extracted before the last is read."""
    from factcheck import api, ingest
    from factcheck.extraction import Extractor
    from factcheck.nlp import BATCH_SIZE

    events: list[tuple[str, str]] = []
    real_read, real_extract = ingest._read_bytes, Extractor.extract

    def read(path, max_mb):
        events.append(("read", Path(path).name))
        return real_read(path, max_mb)

    def extract(self, document, pieces):
        events.append(("extract", Path(document.path).name))
        return real_extract(self, document, pieces)

    monkeypatch.setattr(ingest, "_read_bytes", read)
    monkeypatch.setattr(Extractor, "extract", extract)
    folder = tmp_path / "story"
    count = BATCH_SIZE * 3
    for i in range(count):
        write(folder, f"{i:02d}.txt", f"The {i + 2}-member council met in Besancon on March 3, 2021.")
    result = api.extract(folder, db=str(tmp_path / "x.db"))
    assert len(result.documents) == count
    assert events.index(("extract", "00.txt")) < events.index(("read", f"{count - 1:02d}.txt"))


# ----------------------------------------------------------------------------------- library

def test_the_library_takes_a_str_a_path_or_a_list_of_them(tmp_path, monkeypatch):
    import factcheck

    article = write(tmp_path / "story", "a.txt", SENTENCE)
    other = write(tmp_path / "story", "b.txt", OTHER)
    monkeypatch.chdir(tmp_path / "story")
    db = str(tmp_path / "x.db")
    assert [d.path for d in factcheck.extract("a.txt", db=db).documents] == ["a.txt"]
    assert [d.path for d in factcheck.extract(article, db=db).documents] == [str(article)]
    assert [d.path for d in factcheck.extract([article, str(other)], db=db).documents] == [str(article), str(other)]
    report, extracted = factcheck.conflicts(article, db=db, show_all=True)
    assert [d.path for d in extracted.documents] == [str(article)] and report.groups


def test_the_library_refuses_what_is_not_a_path_in_one_line(tmp_path):
    import factcheck
    from factcheck.errors import UsageError

    try:
        factcheck.extract([42], db=str(tmp_path / "x.db"))
    except UsageError as exc:
        assert "int" in str(exc) and "\n" not in str(exc)
    else:
        raise AssertionError("a number is not a path")


# ------------------------------------------------------------------------------------- store

def _wal_store(seed_store, folder: Path) -> Path:
    """A copy of the seeds' store, in WAL mode as extract leaves it."""
    from factcheck.store import Store

    folder.mkdir()
    db = seed_store.copy_db(folder / "s.db")
    Store(str(db)).close()
    return db


def test_a_store_that_cannot_be_written_is_read_read_only(capsys, seed_store, tmp_path, monkeypatch):
    """The file and its folder are made read-only; root may write them all the same, so
    os.access also says what it would say to anyone else."""
    import sqlite3

    import pytest

    from factcheck.store import Store

    db = _wal_store(seed_store, tmp_path / "ro")
    before = db.read_bytes()
    db.chmod(0o444)
    db.parent.chmod(0o555)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode == os.W_OK and str(db.parent) in str(Path(p).resolve())
                        else real_access(p, mode, **kw))
    try:
        code, out, err = run(capsys, "conflicts", "--all", "--db", str(db), "--format", "json")
        with Store(str(db), readonly=True) as store, pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.connection.execute("DELETE FROM claims")  # the connection itself cannot write
    finally:
        db.parent.chmod(0o755)
        db.chmod(0o644)
    assert code == 0 and json.loads(out)["groups"], err
    assert db.read_bytes() == before


def _old_store(path: Path, drop: str) -> Path:
    """A store as an older factcheck would have left it: the documents table without `drop`."""
    import re
    import sqlite3

    from factcheck.store import SCHEMA

    older = re.sub(rf",\n\s*{drop} [^,\n]*", "", SCHEMA, count=1)
    assert older != SCHEMA
    con = sqlite3.connect(path)
    con.executescript(older + "; INSERT INTO meta VALUES ('schema', '1');")
    con.close()
    return path


def test_an_older_store_is_refused_for_reading_in_one_line_and_left_as_it_was(capsys, tmp_path):
    db = _old_store(tmp_path / "old.db", "body_start")
    before = db.read_bytes()
    code, out, err = run(capsys, "conflicts", "--all", "--db", str(db))
    assert code == 4 and out == ""
    line = one_error_line(err)
    assert "older schema" in line and "documents.body_start" in line
    assert db.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["old.db"]


def test_an_older_store_is_upgraded_by_extract(capsys, tmp_path):
    import sqlite3

    db = _old_store(tmp_path / "old.db", "body_start")
    article = write(tmp_path / "story", "a.md", f"---\noutlet: X\n---\n{SENTENCE}\n")
    code, out, err = run(capsys, "extract", str(article), "--db", str(db), "--format", "json")
    assert code == 0, err
    claims = json.loads(out)["claims"]
    assert claims and all(c["start"] > 10 for c in claims)  # offsets count from the file's start
    con = sqlite3.connect(db)
    assert "body_start" in {row[1] for row in con.execute("PRAGMA table_info(documents)")}
    con.close()


def test_an_older_store_missing_a_column_without_default_is_refused_untouched(capsys, tmp_path):
    db = _old_store(tmp_path / "old.db", "text")
    before = db.read_bytes()
    article = write(tmp_path / "story", "a.txt", SENTENCE)
    code, out, err = run(capsys, "extract", str(article), "--db", str(db))
    assert code == 4 and "documents.text" in one_error_line(err) and "cannot be upgraded" in err
    assert db.read_bytes() == before


def test_a_tampered_claim_row_is_one_warning_not_an_unreadable_store(capsys, seed_store, tmp_path):
    import sqlite3

    db = seed_store.copy_db(tmp_path / "s.db")
    con = sqlite3.connect(db)
    path, claim_id = con.execute("SELECT path, id FROM claims ORDER BY path, position LIMIT 1").fetchone()
    con.execute("UPDATE claims SET body = '{\"id\": 1, \"kind\": \"nonsense\"}' WHERE id = ?", (claim_id,))
    con.commit()
    con.close()
    code, out, err = run(capsys, "conflicts", "--all", "--db", str(db), "--format", "json")
    assert code == 3
    assert [w for w in warnings_of(err) if claim_id in w and "cannot be read" in w] and len(err.splitlines()) == 1
    shown = {c["id"] for g in json.loads(out)["groups"] for c in g["claims"]}
    assert shown and claim_id not in shown


def test_documents_whose_file_was_deleted_or_emptied_are_stale_in_every_output(capsys, tmp_path):
    import csv
    import io

    folder = tmp_path / "story"
    kept = write(folder, "kept.txt", SENTENCE)
    deleted = write(folder, "deleted.txt", OTHER)
    emptied = write(folder, "emptied.txt", "The 16-member council met in Besancon on March 3, 2021, the mayor said.")
    db = str(tmp_path / "x.db")
    assert run(capsys, "extract", str(folder), "--db", db)[0] == 0
    deleted.unlink()
    emptied.write_text("", encoding="utf-8")

    code, out, err = run(capsys, "conflicts", "--all", "--db", db, "--format", "json")
    assert code == 0, err
    stale = {c["source"]["path"]: c["source"]["stale"] for g in json.loads(out)["groups"] for c in g["claims"]}
    assert stale == {str(kept): False, str(deleted): True, str(emptied): True}
    rows = list(csv.DictReader(io.StringIO(run(capsys, "conflicts", "--all", "--db", db, "--format", "csv")[1])))
    assert {r["path"]: r["stale"] for r in rows} == {str(kept): "false", str(deleted): "true", str(emptied): "true"}
    for fmt in ("table", "markdown", "html"):
        shown = run(capsys, "conflicts", "--all", "--db", db, "--format", fmt)[1]
        assert shown.count("(stale)") >= 2, fmt
        assert "kept.txt (stale" not in shown


def test_a_document_read_from_stdin_is_never_stale(tmp_path, monkeypatch):
    import io

    from factcheck import api

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(SENTENCE.encode("utf-8"))))
    monkeypatch.chdir(tmp_path)
    api.extract("-", db="x.db")
    report, _ = api.conflicts(db="x.db", show_all=True)
    assert report.groups and not any(c.source.stale for g in report.groups for c in g.claims)
