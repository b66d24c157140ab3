"""What a new user trips on: the library's names, -h, the format's spelling, the output's extension."""

import json

import factcheck
from factcheck.cli import main

import pytest


def test_the_library_api_stays_callable_after_its_modules_are_imported(seed_store):
    import factcheck.extraction  # noqa: F401  a submodule import must not replace a function
    import factcheck.scoring  # noqa: F401

    assert callable(factcheck.extract) and callable(factcheck.conflicts) and callable(factcheck.evaluate)
    assert {"extract", "conflicts", "evaluate", "Claim", "Group"} <= set(dir(factcheck))


def test_dash_h_is_help(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["extract", "-h"])
    assert exit.value.code == 0 and "PATH" in capsys.readouterr().out


@pytest.mark.parametrize("spelling", ["Table", "MD", "Json"])
def test_a_format_in_any_case_or_its_short_name_is_accepted(seed_store, tmp_path, capsys, spelling):
    with pytest.raises(SystemExit) as exit:
        main(["conflicts", "--all", "--db", str(seed_store.copy_db(tmp_path / "s.db")), "--format", spelling])
    assert exit.value.code == 0 and capsys.readouterr().out


def test_output_without_format_takes_the_files_extension(seed_store, tmp_path, capsys):
    target = tmp_path / "report.html"
    with pytest.raises(SystemExit) as exit:
        main(["conflicts", "--all", "--db", str(seed_store.copy_db(tmp_path / "s.db")), "--output", str(target)])
    assert exit.value.code == 0
    assert target.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    data = tmp_path / "groups.json"
    with pytest.raises(SystemExit):
        main(["conflicts", "--all", "--db", str(seed_store.copy_db(tmp_path / "t.db")), "--output", str(data)])
    assert json.loads(data.read_text(encoding="utf-8"))["groups"]
