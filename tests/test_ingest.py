"""Files to documents: finding them, decoding them, their metadata, and offsets that stay exact.

Every article here is invented (a flood in Harwick, a ferry takeover, a cup final).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck import api
from factcheck.errors import UsageError
from factcheck.ingest import expand_paths, read_documents

ROOT = Path(__file__).resolve().parent.parent
LEVEE_HTML = ROOT / "fixtures" / "html" / "harwick_levee.html"

FLOOD_FRONT_MATTER = """\
---
url: https://gazette.example/harwick/flood-evacuation
outlet: Harwick Gazette
published: 2025-03-09
title: Thousands leave homes as Marlow River bursts its banks
---
Thousands leave homes as Marlow River bursts its banks

About 3,000 residents were evacuated from low-lying streets in Harwick on Saturday.

Volunteers filled 4,500 sandbags overnight, the council said.
"""

PLAIN_ARTICLE = "Volunteers filled 4,500 sandbags overnight as the Marlow River rose, the council said.\n"


def make(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def only_document(paths):
    result = read_documents([str(p) for p in paths])
    assert len(result.documents) == 1, (result.skipped, result.warnings)
    return result.documents[0], result


# --------------------------------------------------------------------------- finding files

@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two stories, one nested folder, hidden files and a gold file that is not an article."""
    root = tmp_path / "corpus"
    make(root / "flood" / "01_gazette.md", PLAIN_ARTICLE)
    make(root / "flood" / "02_radio.txt", "Harwick council said 4,500 sandbags were filled.\n")
    make(root / "flood" / "updates" / "03_live.md", "Live: the Marlow River peaked on Sunday.\n")
    make(root / "flood" / ".03_draft.md", "An unfinished draft about the flood.\n")
    make(root / "flood" / ".cache" / "copy.md", "A cached copy of the article.\n")
    make(root / "election" / "01_tribune.md", "Turnout in the Velden mayoral election was 52.3 per cent.\n")
    make(root / "election" / "gold.json", '{"facts": []}\n')
    return root


def test_folders_are_walked_recursively_and_hidden_files_ignored(corpus):
    found = dict(expand_paths([str(corpus)]))
    names = sorted(Path(p).relative_to(corpus).as_posix() for p in found)
    assert names == [
        "election/01_tribune.md",
        "election/gold.json",
        "flood/01_gazette.md",
        "flood/02_radio.txt",
        "flood/updates/03_live.md",
    ]


def test_story_is_the_folder_name(corpus):
    found = {Path(p).relative_to(corpus).as_posix(): story for p, story in expand_paths([str(corpus)])}
    assert found["flood/01_gazette.md"] == "flood"
    assert found["flood/02_radio.txt"] == "flood"
    assert found["election/01_tribune.md"] == "election"


def test_read_documents_of_a_folder_reads_articles_only(corpus):
    result = read_documents([str(corpus)])
    names = sorted(Path(d.path).relative_to(corpus).as_posix() for d in result.documents)
    assert names == ["election/01_tribune.md", "flood/01_gazette.md", "flood/02_radio.txt", "flood/updates/03_live.md"]
    assert {d.source.story for d in result.documents if "/flood/0" in d.path} == {"flood"}
    assert not any("gold.json" in d.path for d in result.documents)
    assert not any(".03_draft" in d.path or ".cache" in d.path for d in result.documents)


def test_globs(corpus):
    found = [Path(p).relative_to(corpus).as_posix() for p, _ in expand_paths([str(corpus / "flood" / "*.md")])]
    assert found == ["flood/01_gazette.md"]  # the hidden draft is not matched
    recursive = sorted(Path(p).relative_to(corpus).as_posix() for p, _ in expand_paths([str(corpus / "**" / "*.md")]))
    assert recursive == ["election/01_tribune.md", "flood/01_gazette.md", "flood/updates/03_live.md"]


def test_single_file_keeps_the_path_as_named(corpus, monkeypatch):
    monkeypatch.chdir(corpus)
    assert expand_paths(["flood/02_radio.txt"]) == [("flood/02_radio.txt", "flood")]
    document, _ = only_document(["flood/02_radio.txt"])
    assert document.source.path == "flood/02_radio.txt"
    assert document.source.story == "flood"


def test_a_file_named_twice_is_read_once(corpus):
    path = str(corpus / "flood" / "01_gazette.md")
    assert len(expand_paths([path, path, str(corpus / "flood" / "*.md")])) == 1


def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError) as info:
        expand_paths([str(tmp_path / "no_such_story")])
    assert "no_such_story" in str(info.value)


def test_glob_without_match_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError) as info:
        expand_paths([str(tmp_path / "*.md")])
    assert "*.md" in str(info.value)


# --------------------------------------------------------------------------- metadata

def test_front_matter_fills_the_source(tmp_path):
    document, result = only_document([make(tmp_path / "flood" / "01_gazette.md", FLOOD_FRONT_MATTER)])
    source = document.source
    assert source.url == "https://gazette.example/harwick/flood-evacuation"
    assert source.outlet == "Harwick Gazette"
    assert source.published == "2025-03-09"
    assert source.title == "Thousands leave homes as Marlow River bursts its banks"
    assert source.story == "flood"
    assert result.warnings == []


def test_front_matter_offsets_count_from_the_first_character(tmp_path):
    path = make(tmp_path / "flood" / "01_gazette.md", FLOOD_FRONT_MATTER)
    document, _ = only_document([path])
    assert document.text == FLOOD_FRONT_MATTER  # front matter included
    assert document.body_start == FLOOD_FRONT_MATTER.index("Thousands leave homes as Marlow River bursts its banks\n\n")


def test_front_matter_story_overrides_the_folder(tmp_path):
    text = "---\nstory: harwick-floods-2025\noutlet: Marlow Radio\n---\n" + PLAIN_ARTICLE
    document, _ = only_document([make(tmp_path / "inbox" / "radio.md", text)])
    assert document.source.story == "harwick-floods-2025"
    assert document.source.outlet == "Marlow Radio"


def test_file_without_front_matter_has_null_metadata(tmp_path):
    document, _ = only_document([make(tmp_path / "flood" / "radio.txt", PLAIN_ARTICLE)])
    source = document.source
    assert (source.url, source.outlet, source.published, source.title) == (None, None, None, None)
    assert document.body_start == 0
    assert document.text == PLAIN_ARTICLE


@pytest.mark.parametrize(
    "written, iso",
    [
        ("2025-03-12", "2025-03-12"),
        ("2025-03-12T08:15:00Z", "2025-03-12"),
        ("March 12, 2025", "2025-03-12"),
        ("12 March 2025", "2025-03-12"),
        ("2025-03", "2025-03"),
    ],
)
def test_front_matter_published_formats(tmp_path, written, iso):
    text = f"---\noutlet: Velden Tribune\npublished: {written}\n---\n" + PLAIN_ARTICLE
    document, _ = only_document([make(tmp_path / "election" / "tribune.md", text)])
    assert document.source.published == iso


def test_impossible_published_date_costs_only_that_field(tmp_path):
    path = make(tmp_path / "election" / "tribune.md",
                "---\noutlet: Velden Tribune\npublished: 2025-02-30\n---\n" + PLAIN_ARTICLE)
    document, result = only_document([path])
    assert document.source.published is None
    assert document.source.outlet == "Velden Tribune"
    assert any(str(path) in w and "2025-02-30" in w for w in result.warnings), result.warnings


def test_published_line_in_the_body(tmp_path):
    text = ("Harwick counts the cost of the floods\n"
            "By Dana Whitcombe\n"
            "Published 12 March 2025\n\n"
            "Repairs to the levee will cost about £4.5 million, the council said.\n")
    document, _ = only_document([make(tmp_path / "flood" / "courier.txt", text)])
    assert document.source.published == "2025-03-12"
    assert document.text == text


def test_published_line_with_time_after_a_bar(tmp_path):
    text = "Ferry operator agrees takeover\nPublished: 4 February 2025 | 08:15 GMT\n\nNorthwind Logistics agreed the deal.\n"
    document, _ = only_document([make(tmp_path / "takeover" / "ledger.txt", text)])
    assert document.source.published == "2025-02-04"


def test_front_matter_date_wins_over_a_published_line(tmp_path):
    text = "---\npublished: 2025-03-14\n---\nPublished 12 March 2025\n\n" + PLAIN_ARTICLE
    document, _ = only_document([make(tmp_path / "flood" / "courier.md", text)])
    assert document.source.published == "2025-03-14"


# --------------------------------------------------------------------------- the whole pipeline

def test_offsets_through_the_whole_pipeline(tmp_path):
    path = make(tmp_path / "flood" / "01_gazette.md", FLOOD_FRONT_MATTER)
    result = api.extract([str(path)], db=str(tmp_path / "claims.db"))
    text = path.read_text(encoding="utf-8")
    assert result.claims, "the article states counts"
    for claim in result.claims:
        assert text[claim.start:claim.end] == claim.quote
        assert claim.start >= result.documents[0].body_start  # nothing from the front matter
        assert claim.source.outlet == "Harwick Gazette"
        assert claim.source.story == "flood"
    evacuated = [c for c in result.claims if c.quote.startswith("About 3,000")]
    assert [(c.value, c.approximate) for c in evacuated] == [("3000", True)]
    sandbags = [c for c in result.claims if "4,500 sandbags" in c.quote]
    assert [c.value for c in sandbags] == ["4500"]

    # read back from the store: the same offsets
    again = api.extract([str(path)], db=str(tmp_path / "claims.db"))
    assert [(c.id, c.start, c.end, c.quote) for c in again.claims] == [
        (c.id, c.start, c.end, c.quote) for c in result.claims]


# --------------------------------------------------------------------------- HTML pages

@pytest.fixture
def levee_page(tmp_path: Path) -> Path:
    target = tmp_path / "harwick" / "courier_levee.html"
    target.parent.mkdir()
    shutil.copy(LEVEE_HTML, target)
    return target


def test_html_page_text_and_metadata(levee_page):
    document, result = only_document([levee_page])
    text = document.text
    assert "About 3,000 residents were evacuated from low-lying streets in Harwick on Saturday" in text
    assert "Volunteers from the Harwick Flood Action Group filled 4,500 sandbags overnight" in text
    assert "repairs to the levee to take at least six months" in text
    for boilerplate in ("Privacy policy", "All rights reserved", "Contact us", "<p>", "<article>"):
        assert boilerplate not in text
    source = document.source
    assert source.path == str(levee_page)
    assert source.outlet == "Marlow Valley Courier"
    assert source.published == "2025-03-09"
    assert source.title == "Levee breach forces 3,000 from homes in Harwick"
    assert source.url == "https://courier.example/news/2025/03/harwick-levee-breach"
    assert source.story == "harwick"
    assert document.body_start == 0
    assert result.warnings == []


def test_html_claim_offsets_index_the_extracted_text(levee_page, tmp_path):
    result = api.extract([str(levee_page)], db=str(tmp_path / "claims.db"))
    [document] = result.documents
    assert result.claims
    for claim in result.claims:
        assert document.text[claim.start:claim.end] == claim.quote
        assert claim.source.path == str(levee_page)
        assert claim.source.outlet == "Marlow Valley Courier"
    money = [c for c in result.claims if c.kind == "money"]
    assert [(c.value, c.unit, c.approximate) for c in money] == [("4500000", "GBP", True)]
    # "on Saturday" in a page published Sunday 9 March 2025
    saturday = [c for c in result.claims if c.kind == "date" and "on Saturday" in c.quote]
    assert saturday and {c.value for c in saturday} == {"2025-03-08"}


def test_html_page_without_article_text_is_skipped(tmp_path):
    path = make(tmp_path / "site" / "index.html",
                "<html><head><title>Courier</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    result = read_documents([str(path)])
    assert result.documents == []
    assert [s.path for s in result.skipped] == [str(path)]
    assert result.skipped[0].reason


# --------------------------------------------------------------------------- encodings and binaries

def test_utf8_with_bom(tmp_path):
    text = "---\noutlet: Velden Tribune\npublished: 2025-05-04\n---\n" \
           "Mayor Ines Kaldor won 52.3 per cent of the vote in Velden.\n"
    path = make(tmp_path / "election" / "tribune.md", b"\xef\xbb\xbf" + text.encode("utf-8"))
    document, result = only_document([path])
    assert result.warnings == []
    assert document.source.outlet == "Velden Tribune"  # front matter still read after the BOM
    assert document.source.published == "2025-05-04"
    decoded = path.read_bytes().decode("utf-8")  # what a reader of the file sees, BOM included
    assert document.text == decoded
    quote = "52.3 per cent"
    start = document.text.index(quote)
    assert document.text[start:start + len(quote)] == quote


def test_utf8_with_bom_offsets_through_the_pipeline(tmp_path):
    text = "\ufeffVolunteers filled 4,500 sandbags overnight in Harwick, the council said.\n"
    path = make(tmp_path / "flood" / "bom.txt", text.encode("utf-8"))
    result = api.extract([str(path)], db=str(tmp_path / "claims.db"))
    decoded = path.read_bytes().decode("utf-8")
    sandbags = [c for c in result.claims if "4,500" in c.quote]
    assert sandbags
    for claim in result.claims:
        assert decoded[claim.start:claim.end] == claim.quote


def test_cp1252_fallback_with_a_warning_naming_the_file(tmp_path):
    text = "Caf\u00e9 owner Zo\u00eb Marsh said the council\u2019s \u00a34.5m plan \u2013 agreed on Monday \u2013 came too late.\n"
    path = make(tmp_path / "flood" / "letters.txt", text.encode("cp1252"))
    document, result = only_document([path])
    assert document.text == text
    assert len(result.warnings) == 1
    assert str(path) in result.warnings[0]
    assert "cp1252" in result.warnings[0]


def test_binary_file_is_skipped_with_a_reason(tmp_path):
    path = make(tmp_path / "flood" / "scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    good = make(tmp_path / "flood" / "radio.txt", PLAIN_ARTICLE)
    result = read_documents([str(path), str(good)])
    assert [d.path for d in result.documents] == [str(good)]
    assert [s.path for s in result.skipped] == [str(path)]
    assert "binary" in result.skipped[0].reason


def test_file_of_another_type_is_skipped_with_a_reason(tmp_path):
    path = make(tmp_path / "flood" / "photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    result = read_documents([str(path)])
    assert result.documents == []
    assert [s.path for s in result.skipped] == [str(path)]
    assert result.skipped[0].reason


def test_empty_file_is_skipped_with_a_reason(tmp_path):
    path = make(tmp_path / "flood" / "empty.md", "  \n\n")
    result = read_documents([str(path)])
    assert result.documents == []
    assert [(s.path, s.reason) for s in result.skipped] == [(str(path), "empty file")]
