"""The command line through typer's CliRunner: every command in every format, and every option
that changes what is shown. Outputs are parsed and checked whole, against the store's claims."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from factcheck import __version__
from factcheck.cli import app, main
from factcheck.models import SCHEMA_VERSION, VERDICTS, Claim, ConflictsResult, ExtractResult, Group
from factcheck.render import CLAIM_COLUMNS, GROUP_COLUMNS, to_string

from conftest import write

runner = CliRunner()
EXTRACT_FORMATS = ("table", "json", "jsonl", "csv", "markdown")
CONFLICT_FORMATS = EXTRACT_FORMATS + ("html",)
TABLE_WIDTH = 120  # the CLI's table width when stdout is not a terminal


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def ok(*args: str, input: str | None = None) -> str:
    """stdout of a run that must succeed."""
    result = invoke(*args, input=input)
    assert result.exit_code == 0, (result.exit_code, result.stderr, result.exception)
    return result.stdout


def extracted(seed_store) -> dict:
    return json.loads(ok("extract", str(seed_store.folder), "--db", str(seed_store.db), "--format", "json"))


def all_groups(seed_store) -> list[dict]:
    return json.loads(ok("conflicts", "--all", "--db", str(seed_store.db), "--format", "json"))["groups"]


def check_claim(claim: dict) -> None:
    """A claim as the contract states it: valid, and its quote where its offsets say."""
    Claim.model_validate(claim)
    text = Path(claim["source"]["path"]).read_text(encoding="utf-8")
    assert text[claim["start"]:claim["end"]] == claim["quote"]
    assert claim["quote"] in claim["sentence"]


def widest_line(text: str) -> int:
    return max(cell_len(line) for line in text.splitlines())


# ---------------------------------------------------------------------------------- extract


def test_extract_json_is_the_whole_store_for_those_files(seed_store):
    data = extracted(seed_store)
    assert data["schema_version"] == SCHEMA_VERSION
    ExtractResult.model_validate(data)
    assert sorted(d["source"]["path"] for d in data["documents"]) == sorted(map(str, seed_store.files))
    assert len(data["claims"]) == seed_store.claim_count
    assert len({c["id"] for c in data["claims"]}) == len(data["claims"])
    for claim in data["claims"]:
        check_claim(claim)
        assert claim["source"]["story"] == "seeds"  # the folder the seeds were extracted from


def test_extract_default_format_off_a_terminal_is_json(seed_store):
    out = ok("extract", str(seed_store.folder), "--db", str(seed_store.db))
    assert json.loads(out) == extracted(seed_store)


def test_extract_jsonl_is_one_claim_per_line(seed_store):
    lines = ok("extract", str(seed_store.folder), "--db", str(seed_store.db), "--format", "jsonl").splitlines()
    claims = [json.loads(line) for line in lines]
    assert claims == extracted(seed_store)["claims"]


def test_extract_csv_is_a_row_per_claim(seed_store):
    out = ok("extract", str(seed_store.folder), "--db", str(seed_store.db), "--format", "csv")
    reader = csv.DictReader(io.StringIO(out))
    rows = list(reader)
    assert reader.fieldnames == CLAIM_COLUMNS
    claims = extracted(seed_store)["claims"]
    assert len(rows) == len(claims)
    for row, claim in zip(rows, claims):
        assert row["id"] == claim["id"] and row["path"] == claim["source"]["path"]
        assert (int(row["start"]), int(row["end"])) == (claim["start"], claim["end"])
        assert row["quote"] == claim["quote"]
        # a yearless date (--10-01) is one a spreadsheet would compute: it gets the leading quote
        assert row["value"] == ("'" + claim["value"] if claim["value"].startswith("--") else claim["value"])
        text = Path(row["path"]).read_text(encoding="utf-8")
        assert text[int(row["start"]):int(row["end"])] == row["quote"]


def test_extract_markdown_is_a_table_row_per_claim(seed_store):
    out = ok("extract", str(seed_store.folder), "--db", str(seed_store.db), "--format", "markdown")
    lines = out.splitlines()
    claims = extracted(seed_store)["claims"]
    assert lines[0] == "| source | subject | attribute | value | quote |"
    assert set(lines[1]) <= set("|-")
    rows = lines[2:]
    assert len(rows) == len(claims) and all(r.startswith("| ") and r.endswith(" |") for r in rows)
    for row, claim in zip(rows, claims):
        assert f"| {claim['value'].replace('|', chr(92) + '|')} |" in row
        assert f"“{claim['quote'].replace('|', chr(92) + '|')}”" in row


def test_extract_table_fits_its_width_and_counts_claims(seed_store):
    out = ok("extract", str(seed_store.folder), "--db", str(seed_store.db), "--format", "table")
    assert widest_line(out) <= TABLE_WIDTH
    header = next(line for line in out.splitlines() if "source" in line)
    for column in ("source", "kind", "subject", "attribute", "value", "quote"):
        assert column in header
    assert out.splitlines()[-1] == f"{seed_store.claim_count} claims from {len(seed_store.files)} documents"
    assert "\x1b[" not in out  # no colour codes off a terminal


def test_table_renders_at_a_fixed_width(seed_store):
    result = ExtractResult.model_validate(extracted(seed_store))
    for width in (80, 100):
        text = to_string(result, "table", width=width)
        assert widest_line(text) <= width
        assert widest_line(text) == width  # the table expands to the width it is given
    groups = ConflictsResult.model_validate({"groups": all_groups(seed_store)})
    assert widest_line(to_string(groups, "table", width=90)) <= 90


def test_extract_stdin(tmp_path):
    db = tmp_path / "stdin.db"
    text = "The 12-member council met in Besançon on March 3, 2021.\n"
    data = json.loads(ok("extract", "-", "--db", str(db), "--format", "json", input=text))
    assert [d["source"]["path"] for d in data["documents"]] == ["-"]
    assert data["documents"][0]["text"] == text
    assert data["claims"], "a sentence with a count and a date gives claims"
    for claim in data["claims"]:
        assert text[claim["start"]:claim["end"]] == claim["quote"]


# -------------------------------------------------------------------------------- conflicts


def test_conflicts_json_default_shows_only_discrepancies(seed_store):
    data = json.loads(ok("conflicts", "--db", str(seed_store.db), "--format", "json"))
    assert data["schema_version"] == SCHEMA_VERSION
    ConflictsResult.model_validate(data)
    everything = all_groups(seed_store)
    expected = [g for g in everything if g["verdict"] in ("conflict", "temporal")]
    assert expected, "the seeds hold at least one conflict or temporal group"
    assert [g["id"] for g in data["groups"]] == [g["id"] for g in expected]


def test_conflicts_all_groups_every_stored_claim_once(seed_store):
    groups = all_groups(seed_store)
    assert {g["verdict"] for g in groups} <= set(VERDICTS)
    claim_ids = [c["id"] for g in groups for c in g["claims"]]
    assert sorted(claim_ids) == sorted(c["id"] for c in extracted(seed_store)["claims"])
    for group in groups:
        Group.model_validate(group)
        assert {c["subject"] for c in group["claims"]} and group["explanation"].strip()
        # each value of the group is stated by the claims it lists
        by_id = {c["id"]: c for c in group["claims"]}
        for value in group["values"]:
            assert {by_id[i]["value"] for i in value["claim_ids"]} == {value["value"]}
        for claim in group["claims"]:
            check_claim(claim)


def test_conflicts_jsonl_is_one_group_per_line(seed_store):
    lines = ok("conflicts", "--all", "--db", str(seed_store.db), "--format", "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == all_groups(seed_store)


def test_conflicts_csv_is_a_row_per_claim_of_each_group(seed_store):
    out = ok("conflicts", "--all", "--db", str(seed_store.db), "--format", "csv")
    reader = csv.DictReader(io.StringIO(out))
    rows = list(reader)
    assert reader.fieldnames == GROUP_COLUMNS + CLAIM_COLUMNS
    groups = all_groups(seed_store)
    expected = [(g["id"], g["verdict"], c["id"]) for g in groups for c in g["claims"]]
    assert [(r["group_id"], r["verdict"], r["id"]) for r in rows] == expected


def test_conflicts_markdown_has_a_section_per_group(seed_store):
    out = ok("conflicts", "--all", "--db", str(seed_store.db), "--format", "markdown")
    groups = all_groups(seed_store)
    headings = [line for line in out.splitlines() if line.startswith("### ")]
    assert len(headings) == len(groups)
    for heading, group in zip(headings, groups):
        assert heading.endswith(f"**{group['verdict']}**")
    rows = [line for line in out.splitlines() if line.startswith("| ") and not line.startswith("| source")]
    assert len(rows) == sum(len(g["claims"]) for g in groups)


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        for name in ("src", "href"):
            if (tag in ("script", "link", "img") and (attrs.get(name) or "").startswith(("http:", "https:", "//"))):
                self.external.append(attrs[name])


def test_conflicts_html_is_one_self_contained_page_with_every_group(seed_store):
    out = ok("conflicts", "--all", "--db", str(seed_store.db), "--format", "html")
    assert out.lstrip().lower().startswith("<!doctype html")
    parser = _Ids()
    parser.feed(out)
    groups = all_groups(seed_store)
    assert {f"g-{g['id']}" for g in groups} <= set(parser.ids)
    assert parser.external == []


def test_conflicts_table_has_a_panel_per_group(seed_store):
    out = ok("conflicts", "--all", "--db", str(seed_store.db), "--format", "table")
    groups = all_groups(seed_store)
    assert widest_line(out) <= TABLE_WIDTH
    titles = [line for line in out.splitlines() if line.startswith("╭─ ")]
    assert [t.split()[1] for t in titles] == [g["verdict"].upper() for g in groups]
    counts: dict[str, int] = {}
    for g in groups:
        counts[g["verdict"]] = counts.get(g["verdict"], 0) + 1
    assert out.splitlines()[-1] == ", ".join(f"{n} {v}" for v, n in counts.items())


@pytest.mark.parametrize("fmt", CONFLICT_FORMATS)
def test_conflicts_every_format_with_nothing_to_show(seed_store, fmt):
    """A filter that leaves no group still gives well-formed output in every format."""
    out = ok("conflicts", "--db", str(seed_store.db), "--story", "seeds", "--verdict", "compatible",
             "--verdict", "agree", "--format", fmt)
    shown = [g for g in all_groups(seed_store) if g["verdict"] in ("compatible", "agree")]
    if fmt == "json":
        assert [g["id"] for g in json.loads(out)["groups"]] == [g["id"] for g in shown]
    elif fmt == "jsonl":
        assert len(out.splitlines()) == len(shown)
    elif fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(out)))) == sum(len(g["claims"]) for g in shown)
    else:
        assert out.strip()


def test_conflicts_with_paths_extracts_first(seed_store, tmp_path):
    db = tmp_path / "fresh.db"
    data = json.loads(ok("conflicts", str(seed_store.folder), "--all", "--db", str(db), "--format", "json"))
    assert db.exists()
    assert [g["id"] for g in data["groups"]] == [g["id"] for g in all_groups(seed_store)]


# ---------------------------------------------------------------------------------- options


def test_verdict_filters_exactly(seed_store):
    groups = all_groups(seed_store)
    for verdicts in (["agree"], ["single"], ["agree", "single"], ["conflict", "temporal"]):
        args = [a for v in verdicts for a in ("--verdict", v)]
        out = ok("conflicts", "--db", str(seed_store.db), "--format", "json", *args)
        assert [g["id"] for g in json.loads(out)["groups"]] == [g["id"] for g in groups if g["verdict"] in verdicts]


def test_unknown_verdict_is_a_usage_error(seed_store):
    result = invoke("conflicts", "--db", str(seed_store.db), "--verdict", "maybe")
    assert result.exit_code == 2
    assert "maybe" in result.stderr and result.stdout == ""


@pytest.mark.parametrize("command", ["extract", "conflicts"])
def test_unknown_format_is_a_usage_error(seed_store, command):
    result = invoke(command, str(seed_store.folder), "--db", str(seed_store.db), "--format", "yaml")
    assert result.exit_code == 2
    assert "yaml" in result.stderr and result.stdout == ""


def test_html_is_for_conflicts_only(seed_store):
    result = invoke("extract", str(seed_store.folder), "--db", str(seed_store.db), "--format", "html")
    assert result.exit_code == 2


def test_fail_on_conflict_exits_1_exactly_when_a_conflict_is_shown(seed_store):
    groups = all_groups(seed_store)
    assert any(g["verdict"] == "conflict" for g in groups), "the seeds hold a conflict"
    for extra in ([], ["--all"], ["--verdict", "agree"], ["--verdict", "temporal"], ["--verdict", "conflict"]):
        result = invoke("conflicts", "--fail-on-conflict", "--db", str(seed_store.db), "--format", "json", *extra)
        shown = json.loads(result.stdout)["groups"]
        assert result.exit_code == (1 if any(g["verdict"] == "conflict" for g in shown) else 0), extra
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_without_fail_on_conflict_a_conflict_exits_0(seed_store):
    result = invoke("conflicts", "--verdict", "conflict", "--db", str(seed_store.db), "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["groups"]


def test_story_keeps_one_story(seed_store, tmp_path):
    db = seed_store.copy_db(tmp_path / "two-stories.db")
    council = tmp_path / "council"
    write(council, "a.txt", "The 15-member council met in Besançon on March 3, 2021.\n")
    write(council, "b.txt", "The 12-member council met in Besançon on March 3, 2021.\n")
    ok("extract", str(council), "--db", str(db), "--format", "json")
    for story, folder in (("council", council), ("seeds", seed_store.folder)):
        groups = json.loads(ok("conflicts", "--all", "--story", story, "--db", str(db), "--format", "json"))["groups"]
        assert groups
        assert {g["story"] for g in groups} == {story}
        assert {Path(c["source"]["path"]).parent for g in groups for c in g["claims"]} == {folder}
    both = json.loads(ok("conflicts", "--all", "--db", str(db), "--format", "json"))["groups"]
    assert all(len({c["source"]["story"] for c in g["claims"]}) == 1 for g in both)  # never grouped across stories


def test_unknown_story_is_one_line_naming_the_stories(seed_store, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["conflicts", "--story", "nope", "--db", str(seed_store.db)])
    err = capsys.readouterr().err
    assert exit.value.code == 2
    assert err.count("\n") == 1 and err.startswith("factcheck: error: ") and "'nope'" in err and "seeds" in err


@pytest.mark.parametrize("command,fmt", [("extract", "csv"), ("conflicts", "json"), ("conflicts", "html")])
def test_output_writes_the_file_and_nothing_to_stdout(seed_store, tmp_path, command, fmt):
    target = tmp_path / f"out.{fmt}"
    paths = [str(seed_store.folder)] if command == "extract" else ["--all"]
    result = invoke(command, *paths, "--db", str(seed_store.db), "--format", fmt, "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8") == ok(command, *paths, "--db", str(seed_store.db), "--format", fmt)
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left beside it


def test_output_default_format_is_json(seed_store, tmp_path):
    target = tmp_path / "out"
    ok("conflicts", "--all", "--db", str(seed_store.db), "--output", str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["groups"] == all_groups(seed_store)


def test_quiet_silences_warnings(tmp_path):
    folder = tmp_path / "docs"
    write(folder, "a.txt", "The 12-member council met in Besançon on March 3, 2021.\n")
    write(folder, "b.txt", "")
    loud = invoke("extract", str(folder), "--db", str(tmp_path / "a.db"), "--format", "json")
    quiet = invoke("extract", str(folder), "--db", str(tmp_path / "b.db"), "--format", "json", "--quiet")
    assert loud.exit_code == quiet.exit_code == 3  # finished, one file skipped
    assert "b.txt" in loud.stderr and quiet.stderr == ""
    assert json.loads(loud.stdout)["claims"] == json.loads(quiet.stdout)["claims"]


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout == f"factcheck {__version__}\n"


def test_help_names_every_command_and_option():
    root = ok("--help")
    assert "extract" in root and "conflicts" in root and "--version" in root and "--traceback" in root
    shared = ("--format", "--output", "--db", "--model", "--quiet")
    extract_help = ok("extract", "--help")
    conflicts_help = ok("conflicts", "--help")
    for option in shared:
        assert option in extract_help and option in conflicts_help
    for option in ("--all", "--verdict", "--fail-on-conflict", "--story"):
        assert option in conflicts_help and option not in extract_help
    assert "html" in conflicts_help
