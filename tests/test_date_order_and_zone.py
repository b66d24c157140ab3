"""The document's date order (front matter `locale:`, else --date-order) and a time's zone in
the claim (issue 14)."""

import json

import pytest
from typer.testing import CliRunner

from factcheck import ingest
from factcheck.cli import app, main
from factcheck.normalize import date_order_of, temporal

runner = CliRunner()


def test_locale_names_the_date_order():
    assert date_order_of("en-GB") == "dmy"
    assert date_order_of("en-US") == "mdy"
    assert date_order_of(None) is None


def test_front_matter_locale_wins_over_the_option(tmp_path):
    (tmp_path / "gb.txt").write_text("---\nlocale: en-GB\n---\nText.\n", encoding="utf-8")
    (tmp_path / "plain.txt").write_text("Text.\n", encoding="utf-8")
    read = ingest.read_documents([str(tmp_path)], date_order="mdy")
    orders = {d.path.rsplit("/", 1)[-1]: d.date_order for d in read.documents}
    assert orders == {"gb.txt": "dmy", "plain.txt": "mdy"}


def test_the_order_reads_numeric_dates():
    assert temporal("03/04/2024", date_order="dmy").value == "2024-04-03"
    assert temporal("03/04/2024").value == "2024-03-04"
    assert temporal("25/04/2024").value == "2024-04-25"  # only one order is possible


def test_an_unknown_date_order_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit:
        main(["extract", str(tmp_path / "a.txt"), "--date-order", "ymd", "--db", str(tmp_path / "s.db")])
    err = capsys.readouterr().err
    assert exit.value.code == 2
    assert err == "factcheck: error: --date-order 'ymd' is not mdy or dmy\n"


def test_a_time_keeps_its_zone_in_the_claim(tmp_path):
    (tmp_path / "a.txt").write_text(
        "---\npublished: 2024-06-20\n---\nThe polls closed at 18:07 CET, officials said.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--format", "json", "--quiet",
                                 "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    claims = [c for c in json.loads(result.stdout)["claims"] if c["kind"] == "time"]
    assert [(c["value"], c["zone"]) for c in claims] == [("18:07", "CET")]


def test_the_date_order_may_live_in_factcheck_toml(tmp_path, monkeypatch):
    from factcheck.cli import _options

    monkeypatch.chdir(tmp_path)
    (tmp_path / "factcheck.toml").write_text('date_order = "dmy"\n', encoding="utf-8")
    assert _options(None, None, None, None, 1).date_order == "dmy"
    assert _options(None, None, None, None, 1, date_order="mdy").date_order == "mdy"  # the option wins
