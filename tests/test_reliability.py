"""Bad input, broken stores, interruptions and concurrency (issue 7): one test per case.

Most cases call the console script's `main()` in this process (the model is loaded once per
session); those that need a process of their own (two writers, Ctrl-C, the installed script)
run `factcheck` as a subprocess.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck import cli
from factcheck.cli import main
from factcheck.store import STORE_SCHEMA, Store

from conftest import write

FACTCHECK = str(Path(sys.executable).with_name("factcheck"))
SENTENCE = "The 12-member council met in Besançon on March 3, 2021."
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16


def run(capsys, *args: str) -> tuple[int, str, str]:
    """main() in this process: (exit status, stdout, stderr)."""
    with pytest.raises(SystemExit) as exit:
        main(list(args))
    out, err = capsys.readouterr()
    code = exit.value.code
    return (0 if code is None else code), out, err


def one_error_line(err: str) -> str:
    """The message of a failure as a user sees it: one line, no traceback."""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("factcheck: error: ") and len(lines[0]) > len("factcheck: error: ") + 5
    return lines[0]


def warnings_of(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("factcheck: warning: ")]


def stored(db: Path, query: str):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


# ------------------------------------------------------------------------------ usage errors


def test_missing_path_is_exit_2_and_one_line(capsys, tmp_path):
    code, out, err = run(capsys, "extract", str(tmp_path / "nope"), "--db", str(tmp_path / "x.db"))
    assert code == 2 and out == ""
    assert str(tmp_path / "nope") in one_error_line(err)
    assert not (tmp_path / "x.db").exists()


def test_unknown_format_is_exit_2_and_one_line(capsys, tmp_path):
    path = write(tmp_path, "a.txt", SENTENCE)
    code, out, err = run(capsys, "extract", str(path), "--format", "bogus", "--db", str(tmp_path / "x.db"))
    assert code == 2 and out == ""
    line = one_error_line(err)
    assert "'bogus'" in line and "--format" in line


def test_bad_verdict_is_exit_2_and_one_line(capsys, seed_store):
    code, out, err = run(capsys, "conflicts", "--verdict", "maybe", "--db", str(seed_store.db))
    assert code == 2 and out == ""
    line = one_error_line(err)
    assert "'maybe'" in line and "conflict" in line  # names the verdicts there are


@pytest.mark.parametrize("args,words", [
    (["extract"], "Missing argument"),
    (["extract", "{a}", "--frobnicate"], "--frobnicate"),
    (["frobnicate"], "frobnicate"),
    (["extract", "{a}", "--jobs", "0"], "--jobs"),
    (["extract", "{a}", "--jobs", "many"], "integer"),
    (["conflicts", "--format"], "--format"),
    (["extract", "{a}", "--patterns", "{a}.missing.yml"], "--patterns"),
])
def test_typer_and_click_errors_are_exit_2_and_one_line(capsys, tmp_path, args, words):
    path = write(tmp_path, "a.txt", SENTENCE)
    code, out, err = run(capsys, *[a.replace("{a}", str(path)) for a in args])
    assert code == 2 and out == ""
    assert words in one_error_line(err)


def test_bare_command_shows_the_help_with_status_2(capsys):
    code, out, err = run(capsys)
    assert code == 2 and out == ""
    assert "Usage: factcheck" in err and "extract" in err and "conflicts" in err


def test_console_script_errors_are_one_line(tmp_path):
    """The installed script, as a user runs it."""
    for args in (["extract", str(tmp_path / "nope")], ["extract", "--no-such-option", "x"], ["conflicts", "--verdict", "x"]):
        p = subprocess.run([FACTCHECK, *args, "--db", str(tmp_path / "x.db")], capture_output=True, text=True, timeout=120)
        assert p.returncode == 2 and p.stdout == ""
        one_error_line(p.stderr)


# ------------------------------------------------------------------------------- bad input


def test_broken_front_matter_is_a_warning_and_null_metadata(capsys, tmp_path):
    folder = tmp_path / "docs"
    bad = write(folder, "badfm.md", "---\nurl: [unclosed\noutlet: Gazette\npublished: 2024-13-45\n---\n"
                                    "The 9-member board resigned on May 2.\n")
    code, out, err = run(capsys, "extract", str(folder), "--format", "json", "--db", str(tmp_path / "x.db"))
    assert code == 0
    [warning] = warnings_of(err)
    assert str(bad) in warning and "front matter" in warning
    data = json.loads(out)
    [document] = data["documents"]
    assert {k: document["source"][k] for k in ("outlet", "url", "published")} == dict.fromkeys(("outlet", "url", "published"))
    assert data["claims"], "the article under the broken front matter is still read"
    text = bad.read_text(encoding="utf-8")
    for claim in data["claims"]:
        assert text[claim["start"]:claim["end"]] == claim["quote"]
        assert claim["start"] >= text.index("The 9-member")


def test_impossible_date_is_a_warning_and_only_that_field_null(capsys, tmp_path):
    path = write(tmp_path / "docs", "a.md", "---\nurl: https://example.org/a\noutlet: Gazette\npublished: 2024-02-30\n---\n"
                                            f"{SENTENCE}\n")
    code, out, err = run(capsys, "extract", str(path), "--format", "json", "--db", str(tmp_path / "x.db"))
    assert code == 0
    [warning] = warnings_of(err)
    assert str(path) in warning and "2024-02-30" in warning
    source = json.loads(out)["documents"][0]["source"]
    assert (source["url"], source["outlet"], source["published"]) == ("https://example.org/a", "Gazette", None)


def test_front_matter_never_closed_is_a_warning(capsys, tmp_path):
    path = write(tmp_path / "docs", "a.md", f"---\nurl: https://example.org/a\n{SENTENCE}\n")
    code, out, err = run(capsys, "extract", str(path), "--format", "json", "--db", str(tmp_path / "x.db"))
    assert code == 0
    [warning] = warnings_of(err)
    assert str(path) in warning and "never closed" in warning
    assert json.loads(out)["documents"][0]["source"]["url"] is None


def test_binary_files_are_skipped_with_a_warning(capsys, tmp_path):
    folder = tmp_path / "docs"
    good = write(folder, "good.txt", SENTENCE + "\n")
    folder.joinpath("image.txt").write_bytes(PNG)  # a text name, binary bytes
    folder.joinpath("photo.png").write_bytes(PNG)
    code, out, err = run(capsys, "extract", str(folder), "--format", "json", "--db", str(tmp_path / "x.db"))
    assert code == cli.EXIT_SKIPPED == 3
    warnings = warnings_of(err)
    assert len(warnings) == 1 and len(err.splitlines()) == 1  # the .png of a walked folder is passed over quietly
    assert "image.txt" in warnings[0] and "binary" in warnings[0]
    code, _out, err = run(capsys, "extract", str(folder / "photo.png"), "--format", "json", "--db", str(tmp_path / "x.db"))
    assert code == 2 and "photo.png" in err  # named explicitly, it is warned about (and nothing is left to read)
    code, out, err = run(capsys, "extract", str(folder), "-v", "--format", "json", "--db", str(tmp_path / "x.db"))
    assert "passed over 1 files" in err
    data = json.loads(out)
    assert [d["source"]["path"] for d in data["documents"]] == [str(good)]
    assert data["claims"] and {c["source"]["path"] for c in data["claims"]} == {str(good)}


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16"])
def test_other_encodings_are_read_with_exact_offsets(capsys, tmp_path, encoding):
    text = "“Besançon”: " + SENTENCE if encoding == "cp1252" else SENTENCE
    path = tmp_path / "docs" / "a.txt"
    path.parent.mkdir()
    path.write_bytes(text.encode(encoding))
    code, out, err = run(capsys, "extract", str(path), "--format", "json", "--db", str(tmp_path / "x.db"))
    assert code == 0
    data = json.loads(out)
    decoded = data["documents"][0]["text"]
    assert decoded.lstrip("\ufeff") == text
    assert data["claims"]
    for claim in data["claims"]:
        assert decoded[claim["start"]:claim["end"]] == claim["quote"]
    if encoding != "utf-16":  # a legacy encoding is a guess, and says so
        assert str(path) in warnings_of(err)[0]


def test_empty_folder_is_one_line_and_no_store(capsys, tmp_path):
    (tmp_path / "empty").mkdir()
    db = tmp_path / "x.db"
    code, out, err = run(capsys, "extract", str(tmp_path / "empty"), "--db", str(db))
    assert code == 2 and out == ""
    line = one_error_line(err)
    assert "no documents found" in line and str(tmp_path / "empty") in line
    assert not db.exists()


def test_only_empty_files_says_every_file_was_skipped(capsys, tmp_path):
    write(tmp_path / "docs", "a.txt", "  \n\n")
    code, out, err = run(capsys, "conflicts", str(tmp_path / "docs"), "--db", str(tmp_path / "x.db"))
    assert code == 2 and out == ""
    warning, error = err.splitlines()
    assert "a.txt" in warning and "empty" in warning
    assert error.startswith("factcheck: error: no documents found") and "skipped" in error


# ------------------------------------------------------------------------------------ stores


def _refused_untouched(capsys, tmp_path, db: Path, words: str) -> None:
    """Both commands refuse `db` in one line naming it, and leave every byte of it as it was."""
    before = db.read_bytes()
    article = write(tmp_path / "docs", "a.txt", SENTENCE)
    for args in (["extract", str(article)], ["conflicts"], ["conflicts", str(article)]):
        code, out, err = run(capsys, *args, "--db", str(db))
        assert code == 4 and out == ""
        line = one_error_line(err)
        assert str(db) in line and words in line
        assert db.read_bytes() == before


def test_a_store_that_is_not_sqlite_is_refused_and_untouched(capsys, tmp_path):
    db = tmp_path / "junk.db"
    db.write_bytes(b"this is not a database" * 100)
    _refused_untouched(capsys, tmp_path, db, "not an SQLite file")


def test_an_sqlite_file_of_another_program_is_refused_and_untouched(capsys, tmp_path):
    db = tmp_path / "other.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.execute("INSERT INTO recipes VALUES ('bread')")
    con.commit()
    con.close()
    _refused_untouched(capsys, tmp_path, db, "not a factcheck store")


def test_a_store_of_a_newer_schema_is_refused_and_untouched(capsys, seed_store, tmp_path):
    db = seed_store.copy_db(tmp_path / "newer.db")
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(STORE_SCHEMA + 1),))
    con.commit()
    con.close()
    _refused_untouched(capsys, tmp_path, db, "newer")


@pytest.mark.parametrize("where", ["missing folder", "under a file"])
def test_a_store_in_a_folder_that_cannot_hold_it_is_one_line(capsys, tmp_path, where):
    article = write(tmp_path / "docs", "a.txt", SENTENCE)
    db = tmp_path / "no" / "such" / "x.db" if where == "missing folder" else article / "x.db"
    code, out, err = run(capsys, "extract", str(article), "--db", str(db))
    assert code == 4 and out == ""
    assert str(db) in one_error_line(err)
    assert not db.exists()


def test_a_store_in_an_unwritable_folder_is_one_line(capsys, tmp_path):
    if os.geteuid() == 0:  # root writes anywhere: /proc is a folder no one can create files in
        folder = Path("/proc")
    else:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    article = write(tmp_path / "docs", "a.txt", SENTENCE)
    code, out, err = run(capsys, "extract", str(article), "--db", str(folder / "x.db"))
    assert code == 4 and out == ""
    assert str(folder / "x.db") in one_error_line(err)
    assert not (folder / "x.db").exists()


# ------------------------------------------------------------------------------ big articles


def test_an_article_of_several_megabytes_keeps_exact_offsets(capsys, tmp_path):
    """Three MB, three times spaCy's max_length: a sentence every 30,000 characters, blank space
    between, so that the parse stays quick and the last claims sit near the end."""
    sentences = [f"The {n}-member council met in Besançon on March 3, 2021." for n in range(10, 110)]
    text = "".join(s + "\n\n" + " " * 30_000 + "\n\n" for s in sentences)
    assert len(text) > 3 * 1_000_000
    path = write(tmp_path / "docs", "big.txt", text)
    code, out, err = run(capsys, "extract", str(path), "--format", "json", "--db", str(tmp_path / "x.db"))
    assert code == 0, err
    claims = json.loads(out)["claims"]
    for claim in claims:
        assert text[claim["start"]:claim["end"]] == claim["quote"]
        assert claim["quote"] in claim["sentence"] and claim["sentence"] in sentences
    counts = {c["value"] for c in claims if c["quote"].endswith("-member council")}
    assert counts == {str(n) for n in range(10, 110)}  # every sentence's count, the last ones too
    assert max(c["start"] for c in claims) > len(text) - 31_000


# ------------------------------------------------------------------------------- re-running


def test_re_extracting_stores_each_claim_once(capsys, tmp_path):
    folder = tmp_path / "docs"
    a = write(folder, "a.txt", SENTENCE + "\n")
    write(folder, "b.txt", SENTENCE.replace("12", "15") + "\n")
    db = tmp_path / "x.db"
    runs = []
    for _ in range(3):
        code, out, _err = run(capsys, "extract", str(folder), "--format", "json", "--db", str(db))
        assert code == 0
        runs.append(json.loads(out)["claims"])
    assert runs[0] == runs[1] == runs[2] and runs[0]
    assert stored(db, "SELECT count(*) FROM claims") == [(len(runs[0]),)]
    assert stored(db, "SELECT count(*) FROM documents") == [(2,)]

    # the same file with new words: its old claims go, the new ones come, once
    a.write_text(SENTENCE.replace("12", "19") + "\n", encoding="utf-8")
    code, out, _err = run(capsys, "extract", str(folder), "--format", "json", "--db", str(db))
    claims = json.loads(out)["claims"]
    values = {c["value"] for c in claims if c["source"]["path"] == str(a)}
    assert "19" in values and "12" not in values
    assert stored(db, "SELECT count(*) FROM claims") == [(len(claims),)]
    code, out, _err = run(capsys, "conflicts", "--all", "--format", "json", "--db", str(db))
    assert sorted(c["id"] for g in json.loads(out)["groups"] for c in g["claims"]) == sorted(c["id"] for c in claims)


# ------------------------------------------------------------------------------ concurrency


def test_two_extract_processes_on_one_store_both_finish(seed_store, tmp_path):
    halves = [tmp_path / "one", tmp_path / "two"]
    for i, path in enumerate(seed_store.files):
        halves[i % 2].mkdir(exist_ok=True)
        shutil.copyfile(path, halves[i % 2] / path.name)
    db = tmp_path / "shared.db"
    processes = [subprocess.Popen([FACTCHECK, "extract", str(h), "--db", str(db), "--quiet"], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True) for h in halves]
    errors = [p.communicate(timeout=300)[1] for p in processes]
    assert [p.returncode for p in processes] == [0, 0], errors
    assert errors == ["", ""]
    names = {Path(p).name for (p,) in stored(db, "SELECT path FROM documents")}
    assert names == {p.name for p in seed_store.files}
    assert stored(db, "SELECT count(*) FROM claims") == [(seed_store.claim_count,)]
    assert stored(db, "PRAGMA integrity_check") == [("ok",)]


def _open_store_at(path: str, start_at: float, results) -> None:
    while time.time() < start_at:
        pass
    try:
        with Store(path) as store:
            store.connection.execute("SELECT count(*) FROM claims").fetchone()
        results.put("ok")
    except BaseException as exc:  # noqa: BLE001 - reported to the test
        results.put(repr(exc))


def test_many_processes_creating_one_store_at_once(tmp_path):
    """The schema and WAL set-up race: every process that opens a new store at the same moment succeeds."""
    context = multiprocessing.get_context("spawn")
    for trial in range(3):
        path = str(tmp_path / f"race{trial}.db")
        results = context.Queue()
        start_at = time.time() + 3  # after every process has started
        processes = [context.Process(target=_open_store_at, args=(path, start_at, results)) for _ in range(6)]
        for p in processes:
            p.start()
        outcomes = [results.get(timeout=120) for _ in processes]
        for p in processes:
            p.join(timeout=60)
        assert outcomes == ["ok"] * 6
        assert stored(Path(path), "PRAGMA journal_mode") == [("wal",)]
        assert stored(Path(path), "SELECT key, value FROM meta") == [("schema", str(STORE_SCHEMA))]


# ---------------------------------------------------------------------------------- Ctrl-C


def _many_documents(seed_store, folder: Path, copies: int) -> int:
    folder.mkdir()
    for k in range(copies):
        for path in seed_store.files:
            (folder / f"{k:03d}_{path.name}").write_text(f"Copy {k}.\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    return copies * len(seed_store.files)


def _group_alive(pgid: int) -> bool:
    """Whether a process of the group is still running (zombies waiting to be reaped do not count)."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                return True
    return False


def _interrupt_when_stored(db: Path, args: list[str], at_least: int = 1) -> tuple[subprocess.Popen, str, int, bool]:
    """Start `factcheck` in its own process group, wait for `at_least` committed documents, then
    send SIGINT to the whole group, as Ctrl-C at a terminal does. Also says whether any process
    of the group (a worker) outlived the run by more than a few seconds."""
    p = subprocess.Popen([FACTCHECK, *args, "--db", str(db), "--quiet"], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        seen, deadline = 0, time.monotonic() + 120
        while seen < at_least and time.monotonic() < deadline and p.poll() is None:
            time.sleep(0.2)
            if db.exists() and db.stat().st_size:
                try:
                    seen = stored(db, "SELECT count(*) FROM documents")[0][0]
                except sqlite3.OperationalError:  # the schema is being created
                    pass
        assert p.poll() is None, "the run ended before it could be interrupted"
        assert seen >= at_least, "no document was committed within two minutes"
        os.killpg(p.pid, signal.SIGINT)
        started = time.monotonic()
        _, err = p.communicate(timeout=20)
        assert time.monotonic() - started < 15
        deadline = time.monotonic() + 5
        while _group_alive(p.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        return p, err, seen, _group_alive(p.pid)
    finally:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        p.wait()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_and_keeps_what_was_finished(seed_store, tmp_path, jobs, capsys):
    total = _many_documents(seed_store, tmp_path / "many", copies=120)
    db = tmp_path / "i.db"
    p, err, seen, survivors = _interrupt_when_stored(db, ["extract", str(tmp_path / "many"), "--jobs", jobs])
    assert p.returncode == 130
    assert "interrupted" in one_error_line(err)
    assert stored(db, "PRAGMA integrity_check") == [("ok",)]
    kept = stored(db, "SELECT count(*) FROM documents")[0][0]
    assert seen <= kept < total
    # what was kept is whole: every kept document's claims are there, and the store reads back
    code, out, _err = run(capsys, "conflicts", "--all", "--format", "json", "--db", str(db))
    claims = [c for g in json.loads(out)["groups"] for c in g["claims"]]
    assert code == 0 and len(claims) == stored(db, "SELECT count(*) FROM claims")[0][0] > 0
    assert not survivors, "a worker process outlived the run"


def test_documents_stream_through_in_small_batches(seed_store):
    """A document's claims come out when a few documents have gone in, not the whole corpus: what
    Ctrl-C can keep depends on it."""
    from factcheck import api, nlp
    from factcheck.ingest import read_documents

    documents = read_documents([str(seed_store.folder)]).documents * 8
    consumed = 0

    def feed():
        nonlocal consumed
        for document in documents:
            consumed += 1
            yield document

    first = next(iter(api.claims_of_documents(feed())))
    assert first[0] is documents[0] and first[1]
    assert consumed <= nlp.BATCH_SIZE + 1 < len(documents)


def test_finished_documents_are_committed_about_every_second(seed_store, tmp_path, monkeypatch):
    from factcheck import api
    from factcheck.store import Store

    def slow(documents, options, failures=None):  # 12 documents over about 3 s
        for document in documents:
            time.sleep(0.25)
            yield document, []

    commits: list[tuple[float, int]] = []
    real_save = Store.save

    def save(self, batch, ruleset):
        batch = list(batch)
        if batch:
            commits.append((time.monotonic(), len(batch)))
        real_save(self, batch, ruleset)

    monkeypatch.setattr(api, "claims_of_documents", slow)
    monkeypatch.setattr(Store, "save", save)
    folder = tmp_path / "docs"
    for n in range(12):
        write(folder, f"{n:02d}.txt", f"Copy {n}. {SENTENCE}")
    api.extract([str(folder)], db=str(tmp_path / "x.db"))
    assert sum(n for _, n in commits) == 12
    assert len(commits) >= 3  # not one commit at the end
    gaps = [b - a for (a, _), (b, _) in zip(commits, commits[1:-1])]
    assert all(gap < api.COMMIT_EVERY_SECONDS + 1.0 for gap in gaps), gaps


def test_an_interrupt_anywhere_is_exit_130_and_one_line(capsys, monkeypatch, tmp_path):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("factcheck.api.extract", interrupted)
    code, out, err = run(capsys, "extract", str(write(tmp_path, "a.txt", SENTENCE)), "--db", str(tmp_path / "x.db"))
    assert code == cli.EXIT_INTERRUPTED == 130 and out == ""
    assert "interrupted" in one_error_line(err)


# ---------------------------------------------------------------------------------- --output


def _old_output(tmp_path: Path, mode: int = 0o640) -> tuple[Path, bytes]:
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    target.write_bytes(b'{"an": "old, good report"}\n')
    target.chmod(mode)
    return target, target.read_bytes()


def test_output_is_kept_when_the_run_fails(capsys, tmp_path):
    target, before = _old_output(tmp_path)
    code, _out, err = run(capsys, "extract", str(tmp_path / "nope"), "--output", str(target), "--db", str(tmp_path / "x.db"))
    assert code == 2 and target.read_bytes() == before
    one_error_line(err)


@pytest.mark.parametrize("failure", [RuntimeError("renderer broke"), KeyboardInterrupt()])
def test_output_is_kept_when_writing_it_fails_half_way(capsys, seed_store, tmp_path, monkeypatch, failure):
    from factcheck import streaming

    target, before = _old_output(tmp_path)
    real = streaming.write_in_verdict_order  # what writes conflicts' groups as they are made

    def half(stories, form, out):
        real(stories, form, out)
        raise failure

    monkeypatch.setattr(streaming, "write_in_verdict_order", half)
    code, out, err = run(capsys, "conflicts", "--all", "--db", str(seed_store.db), "--output", str(target))
    assert code == (130 if isinstance(failure, KeyboardInterrupt) else 4) and out == ""
    one_error_line(err)
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary file left


def test_output_replaces_the_file_whole_and_keeps_its_mode(capsys, seed_store, tmp_path):
    target, _before = _old_output(tmp_path, mode=0o640)
    code, out, err = run(capsys, "conflicts", "--all", "--db", str(seed_store.db), "--output", str(target))
    assert code == 0 and out == "" and err == ""
    assert json.loads(target.read_text(encoding="utf-8"))["groups"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fresh = tmp_path / "out" / "fresh.json"
    run(capsys, "conflicts", "--all", "--db", str(seed_store.db), "--output", str(fresh))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask


def test_output_in_a_missing_folder_fails_before_the_run(capsys, tmp_path):
    article = write(tmp_path / "docs", "a.txt", SENTENCE)
    db = tmp_path / "x.db"
    code, out, err = run(capsys, "extract", str(article), "--output", str(tmp_path / "no" / "x.json"), "--db", str(db))
    assert code == 2 and out == ""
    assert "--output" in one_error_line(err)
    assert not db.exists()  # nothing was extracted for an answer that could not be written


# ------------------------------------------------------------------------------- --traceback


def _bug(*args, **kwargs):
    raise RuntimeError("an unexpected fault")


def test_a_bug_is_one_line_that_says_how_to_see_more(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr("factcheck.api.extract", _bug)
    code, out, err = run(capsys, "extract", str(write(tmp_path, "a.txt", SENTENCE)), "--db", str(tmp_path / "x.db"))
    assert code == 4 and out == ""
    line = one_error_line(err)
    assert "RuntimeError: an unexpected fault" in line and "--traceback" in line


@pytest.mark.parametrize("switch", ["--traceback first", "--traceback last", "FACTCHECK_TRACEBACK=1"])
def test_traceback_switch_shows_the_whole_traceback(monkeypatch, tmp_path, switch):
    monkeypatch.setattr("factcheck.api.extract", _bug)
    args = ["extract", str(write(tmp_path, "a.txt", SENTENCE)), "--db", str(tmp_path / "x.db")]
    if switch == "--traceback first":
        args.insert(0, "--traceback")
    elif switch == "--traceback last":
        args.append("--traceback")
    else:
        monkeypatch.setenv("FACTCHECK_TRACEBACK", "1")
    with pytest.raises(RuntimeError, match="an unexpected fault"):
        main(args)


def test_traceback_switch_in_the_console_script(tmp_path):
    """The installed entry point prints Python's traceback with the switch, one line without it."""
    script = ("import factcheck.api as api\n"
              "def bug(*a, **k): raise RuntimeError('an unexpected fault')\n"
              "api.extract = bug\n"
              "from factcheck.cli import main\nmain()\n")
    article = write(tmp_path, "a.txt", SENTENCE)
    base = [sys.executable, "-c", script, "extract", str(article), "--db", str(tmp_path / "x.db")]
    plain = subprocess.run(base, capture_output=True, text=True, timeout=120)
    assert plain.returncode == 4 and "--traceback" in one_error_line(plain.stderr)
    full = subprocess.run(base + ["--traceback"], capture_output=True, text=True, timeout=120)
    assert full.returncode == 1
    assert full.stderr.startswith("Traceback (most recent call last):")
    assert full.stderr.rstrip().endswith("RuntimeError: an unexpected fault")


# ------------------------------------------------------------------------------ exit status


def test_every_documented_exit_status_happens(capsys, monkeypatch, seed_store, tmp_path):
    """cli's docstring lists the statuses; each is what the situation it names returns."""
    documented = {int(n) for n in re.findall(r"^\s+(\d+)\s{2,}", cli.__doc__, re.M)}
    assert documented == {0, 1, 2, 3, 4, 130}
    good = write(tmp_path / "docs", "good.txt", SENTENCE)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database")
    seen = {
        run(capsys, "extract", str(good), "--db", str(tmp_path / "a.db"))[0]: "success",
        run(capsys, "extract", str(good), "--db", str(junk))[0]: "a bad store",
        run(capsys, "conflicts", "--fail-on-conflict", "--verdict", "conflict", "--db", str(seed_store.db))[0]:
            "a conflict with --fail-on-conflict",
        run(capsys, "extract", str(tmp_path / "nope"))[0]: "usage",
    }
    (tmp_path / "docs" / "empty.txt").write_text("")
    seen[run(capsys, "extract", str(tmp_path / "docs"), "--db", str(tmp_path / "a.db"))[0]] = "skipped"
    monkeypatch.setattr("factcheck.api.extract", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()))
    seen[run(capsys, "extract", str(good), "--db", str(tmp_path / "a.db"))[0]] = "interrupted"
    assert set(seen) == documented, seen
