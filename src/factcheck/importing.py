"""`factcheck import`: claims made elsewhere (a newsroom's own extractor, a hand-made sheet) go
into the store as they are, so that `conflicts` reconciles them like extracted ones.

A file is JSONL (one CLAIM of the contract per line) or the JSON object `extract --format json`
writes (its `documents` give the texts). A claim needs a source (with a path), subject,
attribute, kind and value; quote, offsets, sentence and the document's `text` are optional and
checked against each other when given. Imported documents are never parsed. A bad line is one
warning naming it and is left out; everything else goes in in one transaction, so an error or
Ctrl-C leaves the store as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterator, Optional, Sequence

from pydantic import ValidationError

from .errors import UsageError
from .ingest import STDIN
from .models import Claim, Document, stable_id
from .store import Store, default_path

IMPORTED_RULESET = "imported"  # the store's ruleset for imported documents: no rules made them
IMPORT_RULE = "import"
REQUIRED = ("source", "subject", "attribute", "kind", "value")


@dataclass
class ImportResult:
    """What `import` stored, and a warning for each line it left out."""

    claims: int = 0
    documents: int = 0
    warnings: list[str] = field(default_factory=list)


class BadClaim(ValueError):
    """One claim that cannot be imported; the message says why."""


def import_claims(files: Sequence[str], db: Optional[str] = None) -> ImportResult:
    """Store the claims of `files` (JSONL or extract's JSON; "-" for stdin) in one transaction."""
    for name in files:
        if name != STDIN and not Path(name).is_file():
            raise UsageError(f"no such file: {name}" if not Path(name).exists() else f"{name} is not a file")
    result = ImportResult()
    documents: dict[str, Document] = {}

    def claims() -> Iterator[tuple[Document, Claim]]:
        for name in files:
            label = "stdin" if name == STDIN else name
            with _open(name) as handle:
                for where, data, texts in _records(handle, label, result):
                    try:
                        document, claim = _claim(data, texts, documents, _default_story(name))
                    except BadClaim as exc:
                        result.warnings.append(f"{where}: {exc}")
                        continue
                    result.claims += 1
                    yield document, claim

    stream = claims()
    first = next(stream, None)
    if first is None:  # nothing to store: no store is created for it
        return result
    with Store(default_path(db)) as store:
        store.save_stream(itertools.chain([first], stream), IMPORTED_RULESET)
    result.documents = len(documents)
    return result


def _open(name: str) -> IO[bytes]:
    if name == STDIN:
        return contextlib.nullcontext(sys.stdin.buffer)  # type: ignore[return-value]  # not ours to close
    try:
        return open(name, "rb")
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror or exc}") from None


def _default_story(name: str) -> str:
    """The story of a claim whose source names none: its file's stem (stdin's is 'stdin')."""
    return "stdin" if name == STDIN else Path(name).stem


def _records(handle: IO[bytes], label: str, result: ImportResult) -> Iterator[tuple[str, object, dict[str, str]]]:
    """(where, claim data, document texts by path) for each claim of a file. A file whose first
    line that is not blank is not a JSON value of its own is read whole, as the JSON of `extract`."""
    skipped_blank = 0
    first = handle.readline()
    while first and not first.strip():
        skipped_blank += 1
        first = handle.readline()
    try:
        json.loads(first)
    except ValueError:
        yield from _extract_json(first + handle.read(), label, result)
        return
    number = skipped_blank
    for line in itertools.chain([first], handle):
        number += 1
        if not line.strip():
            continue
        try:
            yield f"{label}:{number}", json.loads(line), {}
        except ValueError as exc:  # UnicodeDecodeError included
            result.warnings.append(f"{label}:{number}: not a JSON line ({_short(exc)})")


def _extract_json(data: bytes, label: str, result: ImportResult) -> Iterator[tuple[str, object, dict[str, str]]]:
    """The claims of one `extract --format json` object, with its documents' texts; a file that
    is neither that nor JSON lines is one warning."""
    try:
        whole = json.loads(data)
    except ValueError as exc:
        line = f":{exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        result.warnings.append(f"{label}{line}: neither JSON lines nor a JSON object ({_short(exc)}); nothing imported from it")
        return
    if not isinstance(whole, dict) or not isinstance(whole.get("claims"), list):
        result.warnings.append(f"{label}: not JSON lines, nor a JSON object with a 'claims' list as extract writes;"
                               " nothing imported from it")
        return
    texts = {d["source"]["path"]: d["text"] for d in whole.get("documents") or []
             if isinstance(d, dict) and isinstance(d.get("source"), dict) and isinstance(d.get("text"), str)}
    for number, data in enumerate(whole["claims"], start=1):
        yield f"{label}: claim {number}", data, texts


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200]


def _claim(data: object, texts: dict[str, str], documents: dict[str, Document], story: str) -> tuple[Document, Claim]:
    """One record as a claim of the contract, with the document it belongs to (made from the
    first claim of a path that is seen; later ones must agree with its metadata)."""
    if not isinstance(data, dict):
        raise BadClaim("a claim is a JSON object")
    missing = [key for key in REQUIRED if data.get(key) in (None, "")]
    if missing:
        raise BadClaim(f"missing {', '.join(repr(k) for k in missing)}")
    source = data["source"]
    if not isinstance(source, dict) or not isinstance(source.get("path"), str) or not source["path"]:
        raise BadClaim("'source' must be an object with a 'path'")
    path = source["path"]
    text = data.get("text", texts.get(path))
    if text is not None and not isinstance(text, str):
        raise BadClaim("'text' must be a string")
    fields = {k: v for k, v in data.items() if k != "text"}
    fields["source"] = {**source, "story": source.get("story") or story}
    _place_quote(fields, text)
    fields.setdefault("sentence", fields["quote"])
    fields.setdefault("value_text", fields["value"])
    fields.setdefault("confidence", 1.0)
    fields.setdefault("rule", IMPORT_RULE)
    fields.setdefault("id", stable_id(IMPORT_RULE, path, fields["start"], fields["end"], fields["subject"],
                                      fields["attribute"], fields["kind"], fields["value"], fields["quote"]))
    try:
        claim = Claim.model_validate(fields)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise BadClaim(f"{where}: {error['msg']}") from None
    document = documents.get(path)
    if document is None:
        body = text or ""
        document = documents[path] = Document(source=claim.source, text=body,
                                              sha256=hashlib.sha256(body.encode("utf-8")).hexdigest())
    elif claim.source != document.source:
        raise BadClaim(f"its source's metadata differs from that of the earlier claims of {path}")
    elif text is not None and text != document.text:
        raise BadClaim(f"its 'text' differs from that of the earlier claims of {path}")
    return document, claim


def _place_quote(fields: dict, text: Optional[str]) -> None:
    """Quote and offsets from each other and the text, as far as they are given; a quote that is
    not where the offsets say is an error, not a claim to store."""
    start, end, quote = fields.get("start"), fields.get("end"), fields.get("quote")
    if (start is None) != (end is None):
        raise BadClaim("give both 'start' and 'end', or neither")
    if start is not None and not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end):
        raise BadClaim("'start' and 'end' must be whole numbers, 0 <= start <= end")
    if text is not None and start is not None:
        if end > len(text):
            raise BadClaim(f"'end' {end} is past the end of the text ({len(text)} characters)")
        if quote is None:
            quote = text[start:end]
        elif text[start:end] != quote:
            raise BadClaim(f"the quote is not the text at {start}:{end} ({text[start:end]!r})")
    elif text is not None and quote:
        start = text.find(quote)
        if start < 0:
            raise BadClaim("the quote is not in the text")
        end = start + len(quote)
    fields["quote"] = quote if quote is not None else ""
    fields["start"] = start if start is not None else 0
    fields["end"] = end if end is not None else 0
