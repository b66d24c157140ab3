"""The data-driven rules: the ruleset's token patterns and regexes, which state exactly what they match.

They run over a whole parsed piece, not sentence by sentence: a token pattern is matched by
spaCy's Matcher, and a regex may match across a sentence boundary. Their candidates take
priority over the general extractors' (`PRIORITY_PATTERN`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING, Iterable, Optional

import numpy as np
from spacy.attrs import ENT_TYPE, LIKE_NUM, LOWER, ORTH, POS

from .. import normalize
from ..errors import RulesetError
from ..patterns import PatternSpec, Ruleset
from . import subjects
from .candidates import PRIORITY_PATTERN, Candidate
from .lookahead import opened
from .context import SentenceContext

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from .context import ArticleContext, Words


class Rules:
    """A ruleset's patterns compiled for one model's vocabulary: built once, read by every document."""

    def __init__(self, nlp: "Language", rules: Ruleset):
        from spacy.matcher import Matcher

        self.matcher = Matcher(nlp.vocab, validate=True)
        self.token_specs: dict[str, PatternSpec] = {}
        self.regex_specs: list[tuple[PatternSpec, re.Pattern]] = []
        for spec in rules.patterns:
            if spec.tokens is not None:
                try:
                    self.matcher.add(spec.id, [spec.matcher_pattern()], greedy="LONGEST")
                except Exception as exc:  # spaCy's MatchPatternError and ValueError
                    first = str(exc).strip().splitlines()
                    detail = next((line for line in first if "pattern" in line.lower() or "->" in line), first[-1] if first else "")
                    raise RulesetError(f"pattern {spec.id}: not a valid spaCy token pattern: {detail.strip()[:160]}") from None
                self.token_specs[spec.id] = spec
            else:
                self.regex_specs.append((spec, re.compile(opened(spec.regex))))
        self.stretches = Stretches(nlp.vocab, [spec.matcher_pattern() for spec in self.token_specs.values()])

    def find(self, doc: "Doc", offset: int, article: "ArticleContext", sentences: list["Span"]) -> Iterable[Candidate]:
        """Every match of the token patterns, then of the regexes, in one parsed piece of these sentences."""
        yield from self._tokens(doc, offset, article)
        yield from self._regexes(doc, offset, article, sentences)

    def _matches(self, words: "Words") -> list[tuple[int, int, int, list[int]]]:
        """The Matcher's matches in a piece, read in the stretches where a pattern can match, and
        in the order a call on the whole piece gives them: by pattern in the order each first
        matched, then (every pattern being greedy LONGEST) the longest first, then by start.
        No match crosses a stretch's end, so each stretch's are the piece's there."""
        doc = words.doc
        found = []
        for first, last in self.stretches.of(words):
            found += [(key, first + start, first + end, alignments)
                      for key, start, end, alignments in self.matcher(doc[first:last], with_alignments=True)]
        rank: dict[int, int] = {}
        for key, *_ in found:
            rank.setdefault(key, len(rank))
        return sorted(found, key=lambda m: (rank[m[0]], m[1] - m[2], m[1]))

    def _tokens(self, doc: "Doc", offset: int, article: "ArticleContext") -> Iterable[Candidate]:
        for match_id, start, end, alignments in self._matches(article.words[offset]):
            spec = self.token_specs[doc.vocab.strings[match_id]]
            captures = spec.captures()
            value_tokens = [doc[start + i] for i, a in enumerate(alignments) if captures[a] == "value"]
            subject_tokens = [doc[start + i] for i, a in enumerate(alignments) if captures[a] == "subject"]
            span = doc[start:end]
            value_text = doc[value_tokens[0].i : value_tokens[-1].i + 1].text if value_tokens else ""
            value = normalized_value(spec.kind, spec.value or value_text)
            if value is None:
                continue
            sentence = span.sent
            subject = subjects.pattern_subject(spec, subject_tokens, span, SentenceContext(sentence, offset, article))
            if not subject:
                continue
            yield Candidate(
                kind=spec.kind, attribute=spec.attribute, subject=subject, value=value,
                value_text=spec.value or value_text, start=offset + span.start_char, end=offset + span.end_char,
                sentence=sentence, offset=offset, rule=spec.id, confidence=spec.confidence,
                priority=PRIORITY_PATTERN, anchor=span.root,
            )

    def _regexes(self, doc: "Doc", offset: int, article: "ArticleContext", sentences: list["Span"]) -> Iterable[Candidate]:
        starts: list[int] = []  # the sentences' starts, listed once when a regex first matches
        text = article.texts[offset]  # the piece's text, joined from its tokens once for the article
        for spec, regex in self.regex_specs:
            for match in regex.finditer(text):
                groups = {k: v for k, v in match.groupdict().items() if v is not None}
                value_text = next((v for k, v in groups.items() if k.startswith("value")), spec.value or "")
                value = normalized_value(spec.kind, value_text)
                span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
                if value is None or span is None:
                    continue
                if not starts:
                    starts = [s.start for s in sentences]
                sentence = sentences[bisect_right(starts, span.start) - 1]  # not span.sent, which walks the piece from its start
                sc = SentenceContext(sentence, offset, article)
                subject = spec.subject
                if not subject and groups.get("subject"):
                    subject = article.canonical(groups["subject"])
                if not subject:
                    subject = subjects.typed_subject(spec.subject_type, offset + match.start(), sc)
                if not subject:
                    subject = subjects.actor(span.root, sc)  # the clause's own subject
                if not subject:
                    continue
                yield Candidate(
                    kind=spec.kind, attribute=spec.attribute, subject=subject, value=value, value_text=value_text,
                    start=offset + match.start(), end=offset + match.end(), sentence=sentence, offset=offset,
                    rule=spec.id, confidence=spec.confidence, priority=PRIORITY_PATTERN, anchor=span.root,
                )


ARRAY_COLUMNS = {"LOWER": LOWER, "ORTH": ORTH, "TEXT": ORTH, "POS": POS, "ENT_TYPE": ENT_TYPE, "LIKE_NUM": LIKE_NUM}
REQUIRED_OPS = (None, "1", "+")  # an element without one of these may match no word


class Stretches:
    """Where in a piece the token patterns can match, found in the piece's arrays: the Matcher
    tests its IN sets in Python on every word it reads, so it reads these stretches alone.

    The tests are the elements' LOWER, ORTH, POS, ENT_TYPE and LIKE_NUM ones (a value or IN);
    an element's other tests are left out, which only lets more words through. A word that
    passes none of them is in no match, since an element takes only words that pass all its
    tests: a match lies within one stretch between such words. A stretch is read when its words
    together pass every test of the elements some pattern requires. An element with none of
    these tests (or 'OP: !', which takes the words that fail it) can take any word: the piece is
    then one stretch; with more tests than a word's bits hold it is read whole."""

    def __init__(self, vocab, patterns: list[list[dict]]):
        tests: dict[tuple[int, tuple[int, ...]], int] = {}  # (column, values) -> its bit
        requires = []  # each pattern's required elements' tests, as bits
        self.any_word = False  # whether an element can take any word
        for pattern in patterns:
            required = 0
            for element in pattern:
                need = 0
                for column, values in _tests(element, vocab) if element.get("OP") != "!" else ():
                    need |= 1 << tests.setdefault((column, values), len(tests))
                self.any_word |= need == 0
                if element.get("OP") in REQUIRED_OPS:
                    required |= need
            requires.append(required)
        self.whole = len(tests) > 64 or not patterns
        self.columns = [] if self.whole else sorted({column for column, _ in tests})
        # one sorted table of the values the tests take, each salted with its column (a clash of
        # two salted values only lets a word pass more tests), and the bits of the tests it passes
        self.salts = np.array([(0x9E3779B97F4A7C15 * (j + 1)) % 2**64 for j in range(len(self.columns))], dtype=np.uint64)
        bits: dict[int, int] = {}
        for (column, values), bit in tests.items() if self.columns else ():
            salt = int(self.salts[self.columns.index(column)])
            for value in values:
                bits[value ^ salt] = bits.get(value ^ salt, 0) | 1 << bit
        self.keys = np.array(sorted(bits), dtype=np.uint64)
        self.bits = np.array([bits[k] for k in sorted(bits)], dtype=np.uint64)
        self.requires = np.array(requires, dtype=np.uint64)

    def of(self, words: "Words") -> list[tuple[int, int]]:
        """The (start, end) token stretches of a piece that the Matcher must read."""
        if self.whole or not len(self.keys):
            return [(0, len(words.doc))] if len(words.doc) else []
        salted = words.column(self.columns) ^ self.salts  # word by column
        at = self.keys.searchsorted(salted)
        np.minimum(at, len(self.keys) - 1, out=at)
        bits = np.bitwise_or.reduce(np.where(self.keys[at] == salted, self.bits[at], np.uint64(0)), axis=1)
        bounded = np.zeros(len(bits) + 2, dtype=np.int8)
        bounded[1:-1] = True if self.any_word else bits != 0
        edges = np.flatnonzero(bounded[1:] != bounded[:-1])
        starts, ends = edges[0::2], edges[1::2]
        if not len(starts):
            return []
        passed = np.bitwise_or.reduceat(bits, starts)  # by stretch; the words between pass none
        read = ((passed[:, None] & self.requires) == self.requires).any(axis=1)
        return [(int(s), int(e)) for s, e in zip(starts[read], ends[read])]


def _tests(element: dict, vocab) -> list[tuple[int, tuple[int, ...]]]:
    """The tests of a pattern element that the piece's arrays answer: (column, the values it takes)."""
    tests = []
    for key, wanted in element.items():
        column = ARRAY_COLUMNS.get(key.upper()) if isinstance(key, str) else None
        if isinstance(wanted, dict):
            wanted = wanted.get("IN")
            if not isinstance(wanted, list):
                continue
        else:
            wanted = [wanted]
        if column == LIKE_NUM:
            values = [int(w) for w in wanted if isinstance(w, bool)]
        else:
            values = [vocab.strings[w] if isinstance(w, str) else w for w in wanted if isinstance(w, (str, int)) and not isinstance(w, bool)]
        if column is not None and len(values) == len(wanted):
            tests.append((column, tuple(sorted(set(values)))))
    return tests


def normalized_value(kind: str, text: str) -> Optional[normalize.Normalized]:
    """A pattern's captured words as a value of the pattern's kind; None when they are not one."""
    if kind in ("quantity", "age"):
        value = normalize.quantity(text)
        return normalize.Normalized(kind, value.value, value.approximate, value.bound) if value else None
    if kind == "money":
        return normalize.money(text)
    if kind == "ordinal":
        return normalize.ordinal(text)
    if kind == "duration":
        return normalize.duration(text)
    if kind == "time":
        return normalize.time_of_day(text)
    if kind in ("date", "date_range"):
        return normalize.temporal(text)
    return normalize.Normalized(kind, text)
