"""Files to documents: find the articles a user named, decode them, read their metadata.

Offsets later count in `Document.text`, which is the file's decoded text exactly as a
reader of the file sees it (front matter and any byte-order mark included); for HTML it is
the article text trafilatura extracts, which the store keeps so quotes stay checkable.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import logging
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

import yaml

from . import fetch
from .errors import UsageError
from .models import Document, Skipped, Source

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FRONT_MATTER = re.compile(r"\A(\ufeff?)---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
PUBLISHED_LINE = re.compile(
    r"^[ \t]*(?:Published|Posted|First published)(?: on)?:?[ \t]+(?P<date>[^\n|]{6,40}?)[ \t]*(?:\||$)",
    re.M | re.I,
)
STDIN = "-"
MIN_ARTICLE_WORDS = 10
STORE_SUFFIXES = {".db", ".db-wal", ".db-shm", ".db-journal", ".sqlite", ".sqlite3"}
UNCLOSED_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")  # checked first: UTF-16 LE's BOM begins UTF-32 LE's
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
MAX_DOCUMENT_MB = 10  # one article larger than this is skipped with a warning (--max-size raises it)
MAX_FRONT_MATTER_CHARS = 64 * 1024  # metadata, not an article: a longer block is ignored with a warning
MAX_YAML_VALUES = 10_000  # values front matter may expand to through its aliases


class _MetaLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as written: `_published` checks them, so an impossible date
    (2024-13-45) costs that one field, not the whole front matter."""


    def construct_document(self, node):
        """Refuse a block whose aliases expand it past MAX_YAML_VALUES (a "billion laughs" bomb
        is a few lines that expand to billions), counted on the composed graph before any of it
        is built or turned into text."""
        if _expanded_size(node, {}) > MAX_YAML_VALUES:
            raise yaml.YAMLError(f"its aliases expand it to more than {MAX_YAML_VALUES:,} values")
        return super().construct_document(node)


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many values a YAML node stands for once every alias is expanded; each node is counted
    once (sizes is the memo), so the count costs the size of the text, not of the expansion."""
    if id(node) not in sizes:
        sizes[id(node)] = 1  # a node that contains itself counts once
        children = node.value if isinstance(node, yaml.SequenceNode) else (
            [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else [])
        sizes[id(node)] = 1 + sum(_expanded_size(child, sizes) for child in children)
    return sizes[id(node)]


_MetaLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Ingested:
    """The documents read, and the files that were skipped or read with a fallback."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    passed_over: int = 0  # files of a walked folder that are not articles by their extension
    found: int = 0  # names the paths expanded to (articles or not, skipped or not), once walked


def expand_paths(paths: Iterable[str]) -> list[tuple[str, str]]:
    """Each file the user named, with the story it belongs to unless its metadata says otherwise.

    Folders are walked recursively and globs expanded; a story is the folder a file lies in.
    A name that matches nothing is a usage error, named in the message.
    """
    return [(path, story) for path, story, _walked in _expand(paths, Ingested())]


def _expand(paths: Iterable[str], result: Ingested) -> list[tuple[str, str, bool]]:
    """expand_paths, with whether each file was found by walking a folder (not named or globbed).
    What cannot be read as a file - a folder that cannot be listed, a FIFO, a socket, a dangling
    link, a name that is not UTF-8 - is added to `result.skipped` with the reason."""
    found: list[tuple[str, str, bool]] = []
    for raw in paths:
        if raw == STDIN:
            found.append((STDIN, "stdin", False))
            continue
        if fetch.is_url(raw):
            found.append((raw, fetch.DEFAULT_STORY, False))
            continue
        path = Path(raw)
        if path.is_dir():
            found.extend((str(p), _story_of(p), True) for p in _walk(path, result))
        elif path.is_file():
            found.append((raw, _story_of(path), False))
        elif glob.has_magic(raw):
            matches = sorted(m for m in glob.glob(raw, recursive=True) if Path(m).is_file())
            if not matches:
                raise UsageError(f"no files match {raw!r}")
            found.extend((m, _story_of(Path(m)), False) for m in matches)
        elif os.path.lexists(raw):
            result.skipped.append(Skipped(path=printable_path(raw), reason=_not_a_file(path)))
        else:
            raise UsageError(f"no such file or folder: {raw}")
    seen: set[str] = set()
    unique = [(p, s, w) for p, s, w in found if not (p in seen or seen.add(p))]
    named = [entry for entry in unique if _utf8_name(entry[0])]
    result.skipped.extend(Skipped(path=printable_path(p), reason="the file name is not valid UTF-8; rename it to read it")
                          for p, _s, _w in unique if not _utf8_name(p))
    return named


def _walk(folder: Path, result: Ingested) -> list[Path]:
    """The files under `folder`, hidden ones left out, in name order; a subfolder that cannot be
    listed is skipped with a warning, and symbolic links to folders are not followed (no loops)."""

    def unreadable(error: OSError) -> None:
        result.skipped.append(Skipped(path=printable_path(error.filename or str(folder)),
                                      reason=f"folder cannot be read ({error.strerror or error})"))

    files: list[Path] = []
    for top, folders, names in os.walk(folder, onerror=unreadable):
        folders[:] = [f for f in folders if not f.startswith(".")]
        for name in names:
            candidate = Path(top, name)
            if name.startswith("."):
                continue
            if candidate.is_file():
                files.append(candidate)
            elif candidate.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES:  # an article's name on no file
                result.skipped.append(Skipped(path=printable_path(str(candidate)), reason=_not_a_file(candidate)))
            else:
                result.passed_over += 1
    return sorted(files)


def _not_a_file(path: Path) -> str:
    """Why a name that exists is not a file to read: what it is, precisely."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        target = os.readlink(path) if path.is_symlink() else "?"
        return f"a dangling symbolic link (to {target}, which does not exist)"
    for test, what in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return f"{what}, not a file"
    return "not a regular file"


def _utf8_name(path: str) -> bool:
    try:
        path.encode("utf-8")
        return True
    except UnicodeEncodeError:  # bytes Python kept as surrogates (os.fsdecode): not writable as UTF-8
        return False


def printable_path(path: str) -> str:
    """A path as text that can be written anywhere: bytes that are not UTF-8 shown as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace") if not _utf8_name(path) else path


def _story_of(path: Path) -> str:
    parent = path.parent
    return parent.name or str(parent.resolve().name) or "."


def read_documents(paths: Iterable[str], published: Optional[str] = None, max_mb: float = MAX_DOCUMENT_MB,
                   fetch_private: bool = False, name: Optional[str] = None, date_order: str = "mdy") -> Ingested:
    """Read every named file and URL; what cannot be read is skipped with a reason, never fatal."""
    result = Ingested()
    result.documents.extend(iter_documents(paths, result, published, max_mb, fetch_private, name, date_order))
    return result


def iter_documents(paths: Iterable[str], result: Ingested, published: Optional[str] = None,
                   max_mb: float = MAX_DOCUMENT_MB, fetch_private: bool = False,
                   name: Optional[str] = None, date_order: str = "mdy") -> Iterator[Document]:
    """The documents at `paths`, each read only when the one before it has been used (so a run
    parses and stores as it reads); skipped files and warnings are added to `result` as they come.
    Any failure reading one file costs that file only; a URL is fetched (`fetch_private` lets it
    reach loopback and private addresses); `name` names the document read from stdin. One file
    named twice (`seeds/a.txt`, `../fc/seeds/a.txt`) is read once."""
    entries = _expand(paths, result)
    result.found = len(entries) + len(result.skipped)  # what expanding refused counts as found, and skipped
    keys: set[str] = set()
    for path, story, walked in entries:
        is_url = fetch.is_url(path)
        suffix = "" if path == STDIN else ".html" if is_url else Path(path).suffix.lower()
        if walked and suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
            result.passed_over += 1  # a gold file, a spreadsheet, an image lying beside the articles
            continue
        if suffix in STORE_SUFFIXES:
            continue  # a claim store lying among the articles (the default one is ./factcheck.db)
        if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
            result.skipped.append(Skipped(path=path, reason=f"not a text or HTML file ({suffix})"))
            continue
        try:
            data = _fetched(path, max_mb, fetch_private) if is_url else _read_bytes(path, max_mb)
            if data is None:
                result.skipped.append(Skipped(path=path, reason=f"larger than {max_mb:g} MB, the limit for one"
                                                               " document (--max-size MB raises it)"))
                continue
            document = read_document(path, data, story, result, is_html=suffix in HTML_SUFFIXES)
        except fetch.FetchError as exc:
            result.skipped.append(Skipped(path=path, reason=f"cannot be fetched ({exc})"))
            continue
        except OSError as exc:
            result.skipped.append(Skipped(path=path, reason=f"cannot be read ({exc.strerror or exc})"))
            continue
        except Exception as exc:  # noqa: BLE001 - a parser's bug on one file must not lose the run
            result.skipped.append(Skipped(path=path, reason=f"cannot be read ({type(exc).__name__}: {exc})"))
            continue
        if document is None:
            continue
        if document.source.published is None and published:
            document = document.model_copy(
                update={"source": document.source.model_copy(update={"published": published})}
            )
        if document.date_order is None:
            document = document.model_copy(update={"date_order": date_order})
        if path == STDIN and name:
            document = document.model_copy(update={"source": document.source.model_copy(update={"path": name})})
        document = document.model_copy(update={"key": document_key(document, piped=path == STDIN)})
        if document.key in keys:
            continue
        keys.add(document.key)
        yield document


def document_key(document: Document, piped: bool = False) -> str:
    """What the store knows a document by: a file's resolved path (however it was typed), a
    page's URL, and for stdin its `--name`, else its front matter's `url:`, else its content (two
    piped articles never overwrite each other)."""
    path = document.source.path
    if piped:
        if path != STDIN:
            return f"{STDIN}:{path}"
        return document.source.url or f"{STDIN}:{document.sha256[:16]}"
    if fetch.is_url(path):
        return path
    return str(Path(path).resolve())


def _fetched(url: str, max_mb: float, fetch_private: bool) -> Optional[bytes]:
    """A web page's bytes, or None when it holds more than `max_mb` megabytes."""
    data = fetch.fetch(url, fetch_private)
    return None if len(data) > int(max_mb * 1_000_000) else data


def _read_bytes(path: str, max_mb: float) -> Optional[bytes]:
    """The file's bytes, or None when it holds more than `max_mb` megabytes (never read whole)."""
    limit = int(max_mb * 1_000_000)
    if path == STDIN:
        data = sys.stdin.buffer.read(limit + 1)
    else:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    return None if len(data) > limit else data


def read_document(path: str, data: bytes, story: str, result: Ingested, is_html: bool = False) -> Optional[Document]:
    """One file's bytes to a Document; appends to result.skipped/warnings what went wrong."""
    if not data.strip():
        result.skipped.append(Skipped(path=path, reason="empty file"))
        return None
    if data.startswith(UTF32_BOMS):
        try:
            text, fallback = data.decode("utf-32"), None
        except UnicodeDecodeError:
            result.skipped.append(Skipped(path=path, reason="starts with a UTF-32 byte-order mark but is not UTF-32"))
            return None
    elif looks_binary(data) and not data.startswith(UTF16_BOMS):
        result.skipped.append(Skipped(path=path, reason="binary file, not text"))
        return None
    else:
        text, fallback = decode(data)
    if not text.strip("\ufeff \t\r\n"):
        result.skipped.append(Skipped(path=path, reason="empty file"))
        return None
    if fallback:
        result.warnings.append(f"{path}: not UTF-8, read as {fallback}")
    if is_html:
        return _html_document(path, text, data, story, result)
    meta, body_start = parse_front_matter(text, path, result)
    source = Source(
        path=path,
        outlet=_string(meta.get("outlet") or meta.get("source") or meta.get("site_name")),
        url=_string(meta.get("url") or meta.get("link")),
        published=_published(meta.get("published", meta.get("date")), path, result)
        or published_from_text(text[body_start:]),
        story=_string(meta.get("story")) or story,
        title=_string(meta.get("title")),
    )
    from .normalize import date_order_of

    return Document(source=source, text=text, sha256=hashlib.sha256(data).hexdigest(), body_start=body_start,
                    date_order=date_order_of(_string(meta.get("locale"))))


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean this is not an article."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def decode(data: bytes) -> tuple[str, Optional[str]]:
    """UTF-8 (a BOM is kept, so offsets match a plain UTF-8 read), UTF-16 with a BOM, else a legacy
    encoding."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def parse_front_matter(text: str, path: str, result: Ingested) -> tuple[dict, int]:
    """YAML between leading `---` lines; broken YAML is a warning and empty metadata."""
    match = FRONT_MATTER.match(text)
    if not match:
        if UNCLOSED_FRONT_MATTER.match(text):
            result.warnings.append(f"{path}: front matter is never closed by a `---` line; read as article text")
        return {}, 0
    if len(match.group(2)) > MAX_FRONT_MATTER_CHARS:
        result.warnings.append(f"{path}: front matter is longer than {MAX_FRONT_MATTER_CHARS // 1024} KiB; metadata ignored")
        return {}, match.end()
    try:
        meta = yaml.load(match.group(2), Loader=_MetaLoader) or {}
    except Exception as exc:  # any YAML error (a bad value included) costs the metadata, not the article
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        result.warnings.append(f"{path}: front matter is not valid YAML ({first_line}); metadata ignored")
        return {}, match.end()
    if not isinstance(meta, dict):
        result.warnings.append(f"{path}: front matter is not a mapping; metadata ignored")
        return {}, match.end()
    return {str(k).lower(): v for k, v in meta.items()}, match.end()


def _string(value: object) -> Optional[str]:
    """A metadata field as text; a list or mapping (or anything else that is not one value) is none."""
    if value is None or not isinstance(value, (str, int, float, dt.date)):
        return None
    text = str(value).strip()
    return text or None


def _published(value: object, path: str, result: Ingested) -> Optional[str]:
    """A publication date as ISO (day, month or year precision); an impossible one is a warning."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    parsed = parse_iso_date(str(value).strip()) or _written_date(str(value))
    if parsed is None:
        result.warnings.append(f"{path}: published date {value!r} is not a valid date; ignored")
    return parsed


def parse_iso_date(text: str) -> Optional[str]:
    """`2024`, `2024-06`, `2024-06-20` or a timestamp starting with one, validated, else None."""
    match = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][\d:.+\-Z]*)?$", text)
    if not match:
        return None
    year, month, day = match.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day)).isoformat()
        if month:
            return dt.date(int(year), int(month), 1).isoformat()[:7]
    except ValueError:
        return None
    return year


def _written_date(text: str) -> Optional[str]:
    """`June 26, 2024` or `26 June 2024` in front matter, read by the claims' own date grammar."""
    from .normalize import absolute_date

    if not re.search(r"\d{4}", text) or len(text) > 60:
        return None
    iso = absolute_date(text.strip())
    return iso if iso and not iso.startswith("--") else None


def published_from_text(body: str) -> Optional[str]:
    """A `Published 12 March 2024` line near the top of the article, read at day precision only."""
    from .normalize import absolute_date  # the date grammar lives in one place

    for match in PUBLISHED_LINE.finditer(body[:3000]):
        iso = absolute_date(match.group("date"))
        if iso and len(iso) == 10 and not iso.startswith("--"):
            return iso
    return None


def _html_document(path: str, html: str, data: bytes, story: str, result: Ingested) -> Optional[Document]:
    """Main text and metadata of a web page; offsets will count in the extracted text."""
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    extracted = document.as_dict() if document is not None else {}
    if len((extracted.get("text") or "").split()) < MIN_ARTICLE_WORDS:  # a menu is not an article
        result.skipped.append(Skipped(path=path, reason="no article text found in the HTML page"))
        return None
    text = extracted["text"]
    source = Source(
        path=path,
        outlet=_string(extracted.get("sitename")),
        url=_string(extracted.get("url")) or (path if fetch.is_url(path) else None),
        published=_published(extracted.get("date"), path, result) or published_from_text(text),
        story=story,
        title=_string(extracted.get("title")),
    )
    return Document(source=source, text=text, sha256=hashlib.sha256(data).hexdigest(), body_start=0)
