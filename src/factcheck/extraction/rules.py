"""The data-driven rules: the ruleset's token patterns and regexes, which state exactly what they match.

They run over a whole parsed piece, not sentence by sentence: a token pattern is matched by
spaCy's Matcher, and a regex may match across a sentence boundary. Their candidates take
priority over the general extractors' (`PRIORITY_PATTERN`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING, Iterable, Optional

from .. import normalize
from ..errors import RulesetError
from ..patterns import PatternSpec, Ruleset
from . import subjects
from .candidates import PRIORITY_PATTERN, Candidate
from .context import SentenceContext

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from .context import ArticleContext


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
                self.regex_specs.append((spec, re.compile(spec.regex)))

    def find(self, doc: "Doc", offset: int, article: "ArticleContext", sentences: list["Span"]) -> Iterable[Candidate]:
        """Every match of the token patterns, then of the regexes, in one parsed piece of these sentences."""
        yield from self._tokens(doc, offset, article)
        yield from self._regexes(doc, offset, article, sentences)

    def _tokens(self, doc: "Doc", offset: int, article: "ArticleContext") -> Iterable[Candidate]:
        for match_id, start, end, alignments in self.matcher(doc, with_alignments=True):
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
