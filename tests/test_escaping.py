"""Hostile text in data (issue 17): a URL, a cell, a file name or an article's words never become
a link, a formula, a terminal command or markup where they are shown."""

from __future__ import annotations

import csv
import io
import os
import pty
import select
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from factcheck.escaping import csv_cell, markdown_text, one_line, terminal_text, web_url
from factcheck.models import Claim, ConflictsResult, ExtractResult, Group, GroupValue, Source
from factcheck.render import to_string

FACTCHECK = str(Path(sys.executable).with_name("factcheck"))
HOSTILE_URLS = [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", "  javascript:alert(1)", "java\tscript:alert(1)",
    "java\nscript:alert(1)", "\x01javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)", "//evil.example/x", "file:///etc/passwd", "http://", "https:alert(1)",
]


def claim(source: Source, sentence: str, quote: str, value: str = "12", **extra) -> Claim:
    start = sentence.index(quote)
    fields = dict(id=f"{source.path}:{start}", source=source, start=start, end=start + len(quote), quote=quote,
                  sentence=sentence, subject="council", attribute="member_count", value=value, value_text=quote,
                  kind="quantity", confidence=0.8, rule="test.v1")
    fields.update(extra)
    return Claim(**fields)


def conflict(*claims: Claim) -> ConflictsResult:
    values = [GroupValue(value=c.value, value_texts=[c.value_text], sources=[c.source.path], claim_ids=[c.id])
              for c in claims]
    first = claims[0]
    group = Group(id="g1", story="s", subject=first.subject, attribute=first.attribute, kind="quantity",
                  verdict="conflict", explanation=f"{first.source.outlet or first.source.path} says {first.value}.",
                  values=values, claims=list(claims))
    return ConflictsResult(groups=[group])


class Links(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.hrefs: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")


# ------------------------------------------------------------------------------------- URLs

@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_a_url_that_is_not_http_is_never_a_link_in_the_report(url):
    source = Source(path="s/a.md", outlet="Example", url=url, story="s")
    html = to_string(conflict(claim(source, "The council has 12 members.", "12 members")), "html")
    hrefs = Links(html).hrefs
    assert hrefs, "the page links its groups"
    for href in hrefs:
        assert href.startswith("#") or urlsplit(href).scheme in ("http", "https"), href
    assert "Example" in html  # the source is still named, as text


@pytest.mark.parametrize("url,expected", [
    ("https://example.org/story", "https://example.org/story"),
    ("  HTTP://Example.org/a?b=1  ", "HTTP://Example.org/a?b=1"),
    ("https://exa\tmple.org/", "https://example.org/"),  # what a browser would open
])
def test_an_http_url_stays_a_link(url, expected):
    assert web_url(url) == expected
    source = Source(path="s/a.md", outlet="Example", url=url, story="s")
    html = to_string(conflict(claim(source, "The council has 12 members.", "12 members")), "html")
    assert expected in Links(html).hrefs


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_web_url_refuses_every_other_scheme(url):
    assert web_url(url) is None


# -------------------------------------------------------------------------------------- CSV

@pytest.mark.parametrize("cell,expected", [
    ("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("-1", "-1"), ("+2.5", "+2.5"), ("-3%", "-3%"), ("32", "32"), ("Example News", "Example News"),
    ("--10-01", "'--10-01"),
])
def test_csv_cell_neutralises_what_a_spreadsheet_would_evaluate(cell, expected):
    assert csv_cell(cell) == expected


def test_csv_output_quotes_formulas_and_leaves_numbers():
    source = Source(path="s/a.md", outlet="=HYPERLINK(\"http://evil\",\"click\")", story="s")
    c = claim(source, "The council has -1 members.", "-1", value="-1", subject="@SUM(A1:A9)")
    rows = list(csv.DictReader(io.StringIO(to_string(ExtractResult(documents=[], claims=[c]), "csv"))))
    assert rows[0]["outlet"] == "'=HYPERLINK(\"http://evil\",\"click\")"
    assert rows[0]["subject"] == "'@SUM(A1:A9)"
    assert rows[0]["value"] == "-1" and rows[0]["quote"] == "-1"
    for row in rows:
        assert not any(str(v).startswith(("=", "+", "@")) for v in row.values())


# ---------------------------------------------------------------------------------- Markdown

def test_markdown_cells_are_escaped_for_html():
    source = Source(path="s/<script>alert(1)</script>.md", outlet="<svg onload=alert(1)>", story="s")
    c = claim(source, "The council has 12 members <script>alert(2)</script>.", "12 members <script>alert(2)</script>",
              subject="[x](javascript:alert(3))")
    for result in (ExtractResult(documents=[], claims=[c]), conflict(c)):
        out = to_string(result, "markdown")
        assert "<script" not in out and "<svg" not in out
        assert "&lt;svg onload=alert(1)&gt;" in out
        assert "\\[x\\](javascript:" in out and "[x](" not in out  # the brackets are escaped: no link


def test_markdown_text_keeps_the_words():
    assert markdown_text("a | b <i> & [c]") == "a \\| b &lt;i&gt; &amp; \\[c\\]"


# ---------------------------------------------------------------------------- terminal text

def test_terminal_text_makes_controls_visible():
    assert terminal_text("a\x1b[2Jb\x1b]0;title\x07c\rd\x9be\u202ef\tg\nh") == (
        "a\u241b[2Jb\u241b]0;title\u2407c\u240dd<U+009B>e<U+202E>f\tg\nh")
    assert one_line("skipped x\x1b[2J.txt:\n empty") == "skipped x\u241b[2J.txt: empty"


def test_rich_markup_in_data_is_shown_as_written():
    source = Source(path="s/[/bold].md", outlet="[link=http://e.x]C[/link]", story="s")
    c = claim(source, "The council has 12 [bold red]members[/].", "12 [bold red]members[/]", subject="[/]")
    for result in (ExtractResult(documents=[], claims=[c]), conflict(c)):
        out = to_string(result, "table", width=200)
        assert "[link=http://e.x]C[/link]" in out.replace("\n", "")
        assert "12 [bold red]members[/]" in out and "[/] " in out


def _run_in_terminal(args: list[str], cwd: Path) -> bytes:
    """factcheck with stdin, stdout and stderr on a pseudo-terminal: all it wrote there."""
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "160"}
    process = subprocess.Popen([FACTCHECK, *args], stdin=follower, stdout=follower, stderr=follower, cwd=cwd, env=env)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 300)
        if not ready:
            process.kill()
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the process closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks)


def test_escape_sequences_in_articles_and_file_names_do_not_reach_the_terminal(tmp_path):
    story = tmp_path / "story"
    story.mkdir()
    (story / "a.txt").write_text(
        "The 12-member council\x1b]0;owned\x07 met in Besancon on March 3, 2021, the mayor said.\x1b[2J\n",
        encoding="utf-8")
    (story / "b.txt").write_text("The 14-member council met in Besancon on March 3, 2021, the mayor said.\n",
                                 encoding="utf-8")
    (story / "evil\x1b[2J.txt").write_text("", encoding="utf-8")  # skipped: its name is in a warning
    shown = _run_in_terminal(["conflicts", "story", "--all", "--db", "c.db"], tmp_path)
    assert b"council" in shown and "\u241b[2J".encode() in shown
    assert b"\x1b[2J" not in shown and b"\x1b]0;" not in shown and b"\x07" not in shown
