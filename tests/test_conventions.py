"""Unix conventions a new user expects (issue 15): exit codes, help, config, colour, CSV, packaging."""

from __future__ import annotations

import csv
import io
import sys

import pytest
from typer.testing import CliRunner

from factcheck import cli
from factcheck.cli import app, main

from conftest import ROOT, write

runner = CliRunner()
SENTENCE = "The 12-member council met in Besançon on March 3, 2021."


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit:
        main(list(args))
    out, err = capsys.readouterr()
    return (exit.value.code or 0), out, err


def test_an_error_has_its_own_exit_code_not_the_conflicts(capsys, tmp_path):
    """CI tells 'a conflict was found' (1) from 'the run broke' (4)."""
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 50)
    code, _out, err = run(capsys, "conflicts", "--db", str(junk))
    assert code == cli.EXIT_ERROR == 4 and err.startswith("factcheck: error: ")
    assert len({cli.EXIT_CONFLICT, 2, cli.EXIT_SKIPPED, cli.EXIT_ERROR}) == 4


def test_a_bug_exits_with_the_error_code(capsys, monkeypatch, tmp_path):
    def bug(*a, **k):
        raise RuntimeError("fault")

    monkeypatch.setattr("factcheck.api.extract", bug)
    code, _out, err = run(capsys, "extract", str(write(tmp_path, "a.txt", SENTENCE)), "--db", str(tmp_path / "x.db"))
    assert code == 4 and "RuntimeError: fault" in err


def test_help_shows_plain_metavars():
    for command in ("extract", "conflicts"):
        out = runner.invoke(app, [command, "--help"]).stdout
        assert "{PATH}" not in out and "<list[str]>" not in out, out
    usage = runner.invoke(app, ["extract", "--help"]).stdout.splitlines()[0]
    assert usage.endswith(" extract [OPTIONS] [PATH]...")  # PATH or --urls FILE
    assert runner.invoke(app, ["conflicts", "--help"]).stdout.splitlines()[0].endswith(" conflicts [OPTIONS] [PATH]...")


def test_an_unknown_config_key_is_one_line_naming_it(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "factcheck.toml").write_text('patterns = []\npaterns = ["mine.yml"]\n', encoding="utf-8")
    code, out, err = run(capsys, "extract", str(write(tmp_path, "a.txt", SENTENCE)), "--db", str(tmp_path / "x.db"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "'paterns'" in err and "factcheck.toml" in err and "patterns" in err


def test_known_config_keys_are_accepted_in_a_factcheck_table(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "factcheck.toml").write_text(f'[factcheck]\ndb = "{tmp_path / "t.db"}"\n', encoding="utf-8")
    assert cli._config() == {"db": str(tmp_path / "t.db")}


@pytest.mark.parametrize("color, coloured", [("always", True), ("never", False), ("auto", False)])
def test_color_always_never_auto(seed_store, tmp_path, color, coloured):
    result = runner.invoke(app, ["conflicts", "--db", str(seed_store.copy_db(tmp_path / "s.db")), "--format", "table", "--color", color])
    assert result.exit_code == 0, result.stderr
    assert ("\x1b[" in result.stdout) is coloured


def test_an_unknown_color_is_a_usage_error(seed_store):
    result = runner.invoke(app, ["conflicts", "--db", str(seed_store.db), "--color", "sometimes"])
    assert result.exit_code == 2


def test_csv_booleans_are_lowercase_and_bom_is_on_request(seed_store, tmp_path):
    args = ["extract", str(seed_store.folder), "--db", str(seed_store.copy_db(tmp_path / "s.db")), "--format", "csv"]
    plain = runner.invoke(app, args)
    assert plain.exit_code == 0 and not plain.stdout.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(plain.stdout)))
    assert {r["approximate"] for r in rows} <= {"true", "false"} and "false" in {r["approximate"] for r in rows}
    target = tmp_path / "claims.csv"
    assert runner.invoke(app, args + ["--bom", "--output", str(target)]).exit_code == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\xef\xbb\xbf") == 1
    assert data[3:].decode("utf-8") == plain.stdout


def test_bom_is_for_csv_only(seed_store):
    result = runner.invoke(app, ["conflicts", "--db", str(seed_store.db), "--format", "json", "--bom"])
    assert result.exit_code == 2 and "--bom" in result.stderr


def test_a_url_argument_is_not_called_a_missing_file(capsys, tmp_path):
    """An unreachable URL is fetched and fails as one warning, never 'no such file or folder'."""
    code, _out, err = run(capsys, "extract", "http://127.0.0.1:9/nothing-listens-here", "--db", str(tmp_path / "x.db"))
    assert "no such file or folder" not in err
    assert "127.0.0.1:9" in err and "Traceback" not in err


def test_shell_completion_is_offered():
    out = runner.invoke(app, ["--help"]).stdout
    assert "--install-completion" in out and "--show-completion" in out


def test_license_is_an_spdx_string():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"
    assert any(r.startswith("setuptools>=77") for r in project["build-system"]["requires"])


def test_conflicts_library_call_returns_what_its_docstring_says():
    import factcheck.api as api

    assert "report, _ = factcheck.conflicts" in api.__doc__
    assert "tuple" in api.conflicts.__doc__ or "ConflictsResult" in api.conflicts.__doc__


def test_ctrl_c_keeps_exactly_the_finished_documents_and_says_how_many(capsys, monkeypatch, tmp_path):
    """Three of five documents done when Ctrl-C comes, none committed yet: all three are kept."""
    import sqlite3

    from factcheck import api

    folder = tmp_path / "docs"
    for n in range(5):
        write(folder, f"{n}.txt", f"Copy {n}. {SENTENCE}")
    real = api.claims_of_documents

    def three_then_ctrl_c(documents, options, failures=None):
        for i, pair in enumerate(real(documents, options, failures)):
            if i == 3:
                raise KeyboardInterrupt
            yield pair

    monkeypatch.setattr(api, "claims_of_documents", three_then_ctrl_c)
    monkeypatch.setattr(api, "COMMIT_EVERY_SECONDS", 3600.0)
    db = tmp_path / "x.db"
    code, out, err = run(capsys, "extract", str(folder), "--db", str(db))
    assert code == 130 and out == ""
    assert err == "factcheck: error: interrupted; 3 of 5 documents were finished and are kept in the store\n"
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 3
    con.close()
