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


def test_the_library_extract_can_be_called_twice(tmp_path):
    """`factcheck.extract(...)` twice: the second call once found a module where the function was."""
    article = tmp_path / "a.txt"
    article.write_text("The 12-member council met in Harwick on March 3, 2021.", encoding="utf-8")
    first = factcheck.extract([str(article)], db=str(tmp_path / "x.db"))
    second = factcheck.extract([str(article)], db=str(tmp_path / "x.db"))
    assert [c.id for c in first.claims] == [c.id for c in second.claims] and first.claims


def test_conflicts_returns_the_report_and_the_extraction(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The 12-member council met in Harwick on March 3, 2021.", encoding="utf-8")
    report, extracted = factcheck.conflicts([str(article)], db=str(tmp_path / "x.db"), show_all=True)
    assert type(report).__name__ == "ConflictsResult" and report.groups
    assert type(extracted).__name__ == "ExtractResult" and extracted.claims
