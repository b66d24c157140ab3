"""`factcheck extract URL...` and `--urls FILE` (issue 15): pages served from 127.0.0.1 in a thread."""

from __future__ import annotations

import functools
import http.server
import json
import threading

import pytest
from typer.testing import CliRunner

from factcheck.cli import app, main

from conftest import ROOT

runner = CliRunner()
LEVEE_HTML = ROOT / "fixtures" / "html" / "harwick_levee.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A web server on 127.0.0.1 serving one article page (and 404 for anything else)."""
    folder = tmp_path_factory.mktemp("site")
    (folder / "levee.html").write_bytes(LEVEE_HTML.read_bytes())
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # no request lines in the test output
        pass


def test_a_url_is_fetched_and_keyed_by_itself(site, tmp_path):
    url = f"{site}/levee.html"
    result = runner.invoke(app, ["extract", url, "--fetch-private", "--db", str(tmp_path / "w.db"), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    [document] = data["documents"]
    assert document["source"]["path"] == url
    assert document["source"]["outlet"] == "Marlow Valley Courier"  # the page's metadata, as for an HTML file
    assert document["source"]["published"] == "2025-03-09"
    assert data["claims"] and all(c["source"]["path"] == url for c in data["claims"])
    for claim in data["claims"]:
        assert document["text"][claim["start"]:claim["end"]] == claim["quote"]


def test_a_failed_fetch_is_one_warning_and_the_others_go_on(site, tmp_path):
    good, dead = f"{site}/levee.html", f"{site}/gone.html"
    result = runner.invoke(app, ["extract", dead, good, "--fetch-private", "--db", str(tmp_path / "w.db"), "--format", "json"])
    assert result.exit_code == 3
    warnings = [line for line in result.stderr.splitlines() if line.startswith("factcheck: warning: ")]
    assert warnings == [f"factcheck: warning: skipped {dead}: cannot be fetched (HTTP 404)"]
    assert [d["source"]["path"] for d in json.loads(result.stdout)["documents"]] == [good]


def test_urls_file_lists_pages(site, tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# today's pages\n{site}/levee.html\n\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--urls", str(listing), "--fetch-private", "--db", str(tmp_path / "w.db"), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    assert {json.loads(line)["source"]["path"] for line in result.stdout.splitlines()} == {f"{site}/levee.html"}


def test_a_urls_file_line_that_is_not_a_url_is_a_usage_error(tmp_path, capsys):
    listing = tmp_path / "urls.txt"
    listing.write_text("https://example.org/a\nseeds/a.txt\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit:
        main(["extract", "--urls", str(listing), "--db", str(tmp_path / "w.db")])
    err = capsys.readouterr().err
    assert exit.value.code == 2 and err.count("\n") == 1 and "line 2" in err and "seeds/a.txt" in err


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "markdown"])
def test_url_input_in_every_format(site, tmp_path, fmt):
    url = f"{site}/levee.html"
    result = runner.invoke(app, ["extract", url, "--fetch-private", "--db", str(tmp_path / "w.db"), "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert ("claims from 1 documents" if fmt == "table" else "Harwick") in result.stdout


def test_a_loopback_url_needs_fetch_private(site, tmp_path, capsys):
    """trafilatura's SSRF protection stays on by default: a URL list from elsewhere cannot reach
    the user's own network."""
    with pytest.raises(SystemExit) as exit:
        main(["extract", f"{site}/levee.html", "--db", str(tmp_path / "w.db")])
    err = capsys.readouterr().err
    assert exit.value.code == 2 and "skipped" in err and "--fetch-private allows it" in err
