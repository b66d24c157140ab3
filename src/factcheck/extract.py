"""Claims from parsed documents: pattern rules from data, and the general extractors in code.

Two kinds of rules find claims. Token patterns and regexes from the ruleset (data files)
state exactly what they match. The general extractors read the parse: a number, date or
duration that the NER or the tokenizer found is a claim when the words that govern it (found
in the vocabulary files) say what it is about; roles come from titles in front of or in
apposition to a name; stances from a verb and its object. A subject is resolved through the
article: an entity's longest form, a pronoun's nearest antecedent, a description such as "the
alliance" to the organisation the article is about.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Optional

from . import normalize
from .normalize import fold
from .errors import RulesetError
from .models import Claim, Document, stable_id
from .patterns import PatternSpec, Ruleset
from .extraction.candidates import PRIORITY_PATTERN, Candidate, best
from .extraction.context import ArticleContext, Inferred
from .extraction.names import NAMED, clean_name, dateline, entity_at, entity_text, is_byline
from .extraction.parse import (
    CLAUSE_DEPS, INHERIT_DEPS, RELATIVE_PRONOUNS, SUBJECT_DEPS, clause_head, find_trigger, governing_verb, hypothetical,
    modifiers, negated, noun_phrase, phrases, with_qualifier,
)
from .extraction.vocabulary import Vocabulary

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token


def _entities_by_sentence(doc: "Doc") -> dict[int, list["Span"]]:
    """The entities of each sentence, by the sentence's first token: one pass over the document
    (`Span.ents` scans every entity of the document for every sentence)."""
    by_sentence: dict[int, list["Span"]] = {}
    for ent in doc.ents:
        by_sentence.setdefault(ent.sent.start, []).append(ent)
    return by_sentence


class Extractor:
    """Applies a ruleset to parsed documents. Build one per process and model; it is reusable."""

    def __init__(self, nlp: "Language", rules: Ruleset):
        from spacy.matcher import Matcher

        self.rules = rules
        self.vocabulary = Vocabulary.from_ruleset(rules)
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
        self._cues: dict[tuple[int, int], Optional[str]] = {}

    # ------------------------------------------------------------------ the document

    def extract(self, document: Document, pieces: list[tuple[int, "Doc"]]) -> list[Claim]:
        """Every claim of one document, sorted by position; offsets index `document.text`.

        `pieces` are the parsed article body, `document.text[document.body_start:]`, each with
        its offset in the body.
        """
        pieces = [(offset + document.body_start, doc) for offset, doc in pieces]
        self._cues = {}
        context = ArticleContext(pieces, self.vocabulary, document.source.outlet)
        reference, coarse = normalize.parse_ref(document.source.published)
        candidates: list[Candidate] = []
        for offset, doc in pieces:
            candidates.extend(self._patterns(doc, offset, context))
            candidates.extend(self._regexes(doc, offset, context))
            entities = _entities_by_sentence(doc)
            for sentence in doc.sents:
                if offset + sentence.end_char <= document.body_start:
                    continue
                candidates.extend(self._general(sentence, entities.get(sentence.start, ()), offset, context))
        _places_from_article(candidates)
        claims = []
        for candidate in best(candidates):
            claim = self._claim(document, candidate, reference, coarse, context)
            if claim is not None:
                claims.append(claim)
        return sorted(claims, key=lambda c: (c.start, c.end, c.rule))

    def _claim(self, document: Document, c: Candidate, reference, coarse: bool, context: ArticleContext) -> Optional[Claim]:
        if c.start < document.body_start or not c.subject:
            return None
        sentence_start = c.offset + c.sentence.start_char
        sentence_end = c.offset + c.sentence.end_char
        start, end = max(c.start, sentence_start), min(c.end, sentence_end)
        quote = document.text[start:end]
        value = c.value
        tense_token = c.value_root if c.value_root is not None and value.kind in ("date", "date_range") else c.anchor
        tense = _tense(tense_token) if tense_token is not None else None
        at = quote.rfind(c.value_text)
        before = quote[: max(at, 0)].lower().split()
        if before and (before[-1] in ("until", "till", "through", "next") or before[-1] in ("by", "before") and tense != "past"):
            tense = "future"  # "in force until Thursday": the coming Thursday; "contained by Sunday" was past
        if value.kind in ("date", "date_range") and reference is not None and not value.value[:1].isdigit():
            resolved = normalize.temporal(c.value_text, reference, tense, coarse=coarse)
            if resolved is not None:
                value = resolved
        cue = self._cue(c.sentence)
        qualifier = c.qualifier
        if c.anchor is not None and c.kind in ("quantity", "money", "duration"):
            # "in the fourth ballot" says which count it is before any verb or modifier does
            qualifier = _ordinal_in_clause(c.anchor, c.start - c.offset, c.end - c.offset) or qualifier
        if qualifier is None:
            qualifier = _other_year(c, value, reference, context.latest_year)
        return Claim(
            id=stable_id(document.sha256, c.rule, start, end, c.attribute),
            source=document.source,
            start=start,
            end=end,
            quote=quote,
            sentence=document.text[sentence_start:sentence_end].strip() or quote,
            subject=str(c.subject),
            subject_inferred=isinstance(c.subject, Inferred),
            attribute=c.attribute,
            value=value.value,
            value_text=c.value_text,
            as_of=self._as_of(c, None if coarse else reference, tense) or (document.source.published if coarse else None),
            kind=value.kind if c.kind in ("quantity", "date", "date_range") else c.kind,  # type: ignore[arg-type]
            confidence=round(c.confidence, 2),
            rule=c.rule,
            approximate=value.approximate,
            bound=value.bound,  # type: ignore[arg-type]
            unit=value.unit,
            qualifier=qualifier,
            cue=cue,
        )

    def _cue(self, sentence: "Span") -> Optional[str]:
        key = (id(sentence.doc), sentence.start)
        if key not in self._cues:  # several claims share a sentence; the cache lives for one document
            match = self.vocabulary.change_cues.search(sentence.text)
            self._cues[key] = match.group(0).lower() if match else None
        return self._cues[key]

    def _as_of(self, c: Candidate, reference, tense: Optional[str]) -> Optional[str]:
        """A date the clause attaches to the claim, else the publication date, else null."""
        if c.anchor is not None and c.kind not in ("date", "date_range"):
            clause = clause_head(c.anchor)
            for token in clause.subtree:
                if token.ent_type_ == "DATE" and token.ent_iob_ == "B" and not (c.start <= c.offset + token.idx < c.end):
                    ent = entity_at(token)
                    if ent is not None:
                        value = normalize.temporal(ent.text, reference, tense)
                        if value is not None and value.kind == "date" and not value.value.startswith("--"):
                            return value.value
        if reference is not None:
            return reference.isoformat()
        return None

    # ------------------------------------------------------------------ data rules

    def _patterns(self, doc: "Doc", offset: int, context: ArticleContext) -> Iterable[Candidate]:
        for match_id, start, end, alignments in self.matcher(doc, with_alignments=True):
            spec = self.token_specs[doc.vocab.strings[match_id]]
            captures = spec.captures()
            value_tokens = [doc[start + i] for i, a in enumerate(alignments) if captures[a] == "value"]
            subject_tokens = [doc[start + i] for i, a in enumerate(alignments) if captures[a] == "subject"]
            span = doc[start:end]
            value_text = doc[value_tokens[0].i : value_tokens[-1].i + 1].text if value_tokens else ""
            value = self._value(spec.kind, spec.value or value_text)
            if value is None:
                continue
            subject = self._pattern_subject(spec, subject_tokens, span, offset, context)
            if not subject:
                continue
            yield Candidate(
                kind=spec.kind, attribute=spec.attribute, subject=subject, value=value,
                value_text=spec.value or value_text, start=offset + span.start_char, end=offset + span.end_char,
                sentence=span.sent, offset=offset, rule=spec.id, confidence=spec.confidence,
                priority=PRIORITY_PATTERN, anchor=span.root,
            )

    def _regexes(self, doc: "Doc", offset: int, context: ArticleContext) -> Iterable[Candidate]:
        for spec, regex in self.regex_specs:
            for match in regex.finditer(doc.text):
                groups = {k: v for k, v in match.groupdict().items() if v is not None}
                value_text = next((v for k, v in groups.items() if k.startswith("value")), spec.value or "")
                value = self._value(spec.kind, value_text)
                span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
                if value is None or span is None:
                    continue
                subject = spec.subject
                if not subject and groups.get("subject"):
                    subject = context.canonical(groups["subject"])
                if not subject:
                    subject = self._typed_subject(spec.subject_type, offset + match.start(), context)
                if not subject:
                    subject = self.actor(span.root, offset, context)  # the clause's own subject
                if not subject:
                    continue
                yield Candidate(
                    kind=spec.kind, attribute=spec.attribute, subject=subject, value=value, value_text=value_text,
                    start=offset + match.start(), end=offset + match.end(), sentence=span.sent, offset=offset,
                    rule=spec.id, confidence=spec.confidence, priority=PRIORITY_PATTERN, anchor=span.root,
                )

    def _pattern_subject(self, spec: PatternSpec, tokens, span, offset: int, context: ArticleContext) -> Optional[str]:
        if spec.subject:
            return spec.subject
        if tokens:
            if len(tokens) > 1 or tokens[0].ent_type_:
                return context.canonical(span.doc[tokens[0].i : tokens[-1].i + 1].text, tokens[0].ent_type_)
            resolved = self.resolve(tokens[0], offset, context)
            return tokens[0].lemma_.lower() if resolved == noun_phrase(tokens[0]) else resolved  # "council"
        return self._typed_subject(spec.subject_type, offset + span.start_char, context)

    def _typed_subject(self, label: Optional[str], before: int, context: ArticleContext) -> Optional[str]:
        if label is None:
            return None
        if label == "EVENT":
            return context.default(["EVENT"], event=True)
        return context.nearest([label], before) if label == "PERSON" else context.default([label])

    def _value(self, kind: str, text: str) -> Optional[normalize.Normalized]:
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

    # ------------------------------------------------------------------ general rules

    def _general(self, sentence: "Span", ents, offset: int, context: ArticleContext) -> Iterable[Candidate]:
        seen_values: set[int] = set()
        for ent in ents:
            if ent.label_ == "DATE":
                yield from self._date_entity(ent, offset, context)
            elif ent.label_ == "MONEY":
                yield from self._money(ent, offset, context)
            elif ent.label_ == "ORDINAL":
                yield from self._ordinal(ent, offset, context)
            elif ent.label_ == "TIME":
                yield from self._time(ent, offset, context)
            elif ent.label_ in ("CARDINAL", "QUANTITY", "PERCENT"):
                seen_values.update(range(ent.start, ent.end))
                yield from self._count(ent, offset, context)
        for start, end in _money_spans(sentence) if any(t.like_num for t in sentence) else ():
            span = sentence.doc.char_span(start, end, alignment_mode="expand")
            if span is not None and not any(t.ent_type_ == "MONEY" for t in span):
                seen_values.update(range(span.start, span.end))
                yield from self._money(span, offset, context)
        for token in sentence:
            if token.i in seen_values:
                continue
            if token.like_num and not token.ent_type_ and token.pos_ == "NUM":
                yield from self._count(sentence.doc[token.i : token.i + 1], offset, context)
            elif token.lower_ in normalize.lexicon().vague and token.dep_ in ("amod", "nummod"):
                yield from self._count(sentence.doc[token.i : token.i + 1], offset, context)
            elif token.lower_ == "all" and token.dep_ in ("det", "predet") and not any(t.like_num for t in token.head.children):
                # "the endorsement of all member states": every one of them, however many that is
                if self.vocabulary.count_nouns.get(noun_phrase(token.head)) in ("member_count", "backers"):
                    yield from self._count(sentence.doc[token.i : token.i + 1], offset, context)
        yield from self._stances(sentence, offset, context)
        yield from self._roles(sentence, offset, context)
        yield from self._led_by(sentence, offset, context)

    def _candidate(self, kind, attribute, subject, value, span, trigger, offset, rule, confidence, qualifier=None):
        tokens = [t for t in (span.start, span.end - 1, trigger.i if trigger is not None else None) if t is not None]
        start_token, end_token = min(tokens), max(tokens)
        doc = span.doc
        if end_token - start_token > 12:  # a far trigger: quote the value alone
            start_token, end_token = span.start, span.end - 1
        quote = doc[start_token : end_token + 1]
        return Candidate(
            kind=kind, attribute=attribute, subject=subject, value=value, value_text=span.text,
            start=offset + quote.start_char, end=offset + quote.end_char, sentence=span.sent, offset=offset,
            rule=rule, confidence=confidence, qualifier=qualifier, anchor=trigger if trigger is not None else span.root,
            value_root=span.root,
        )

    # counts, percentages ------------------------------------------------

    def _count(self, span: "Span", offset: int, context: ArticleContext) -> Iterable[Candidate]:
        v = self.vocabulary
        elapsed = normalize.elapsed_time(span.text)
        if elapsed is not None:  # "a course record of 2:05:41", "won in 2:21:08"
            found = list(self._duration(span, span, elapsed, offset, context))
            verb = clause_head(span.root)
            subject = None if found else self.actor(verb, offset, context)
            if subject:
                found.append(self._candidate("duration", "time", subject, elapsed, span, verb, offset, "duration.elapsed.v1", 0.6))
            yield from found
            return
        if len(span) > 1 and span.root.i == span.end - 1 and span.root.lemma_.lower() in v.measure_units:
            number = with_qualifier(span[:-1])  # "more than 12,000 acres": the NER's span ends with its unit
            value = normalize.quantity(number.text)
            if value is not None:
                yield from self._measure(number, number, value, span.root, offset, context)
            return
        text = with_qualifier(span)
        value = normalize.quantity(text.text)
        if value is None:
            return
        root = span.root
        if span.text.strip().isdigit() and len(span.text.strip()) == 4 and 1800 < int(span.text) < 2100:
            return  # a year is not a count
        if root.dep_ == "pobj" and root.head.lower_ in ("including", "excluding", "among"):
            return  # "43, including a dozen in Corvino": a part of another count
        if value.value.endswith("%"):
            yield from self._percent(span, text, value, offset, context)
            return
        noun = root.head if root.dep_ in ("nummod", "amod", "quantmod", "compound", "det", "predet") and root.head.pos_ in ("NOUN", "PROPN") else None
        if noun is None and root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in ("NOUN", "PROPN"):
            noun = root.head.head
        if noun is not None and noun.lemma_.lower() in v.measure_units:
            yield from self._measure(span, text, value, noun, offset, context)
            return
        if noun is None:
            tally = self._tally(root, context, offset)
            if tally is None and root.dep_ in SUBJECT_DEPS | {"dobj"}:
                verb_attribute, verb = self._count_verb(root)  # "more than 200 are missing"
                if verb_attribute:
                    tally = verb_attribute, self._event_subject(verb_attribute, context), verb
            if tally is not None and tally[1]:
                attribute, subject, trigger = tally
                yield self._candidate("quantity", attribute, subject, value, text, trigger, offset, "quantity.tally.v1", 0.7)
            return
        phrase = noun_phrase(noun)
        lemma = noun.lemma_.lower()
        attribute = v.count_nouns.get(phrase) or v.count_nouns.get(lemma)
        trigger = noun
        qualifier = None
        verb_attribute, verb = self._count_verb(noun)
        if verb_attribute and attribute not in ("member_count",):
            attribute, trigger = verb_attribute, verb  # "212 runners were treated": injured, not participants
        elif verb is None and attribute is not None:
            # "5,000 homes damaged" is not "two houses buried"; "board members" are not member countries
            qualifier = governing_verb(noun, v) or modifiers(noun, v)
        confidence = 0.7
        if attribute is None:
            if lemma in v.uncounted_nouns or noun.pos_ != "NOUN" or noun.tag_ not in ("NNS", "NN") or value.value.startswith("0"):
                return
            attribute, confidence = f"{lemma.replace(' ', '_')}_count", 0.5  # any other counted noun
            qualifier = governing_verb(noun, v) or modifiers(noun, v)
        if attribute == "member_count" and noun.dep_ == "pobj" and noun.head.head.lemma_.lower() in v.support_nouns:
            attribute = "backers"
            subject = self._owner(noun.head.head, offset, context)
            trigger = noun.head.head
        elif attribute == "member_count" and noun.dep_ in ("compound", "amod", "nmod") and noun.head.pos_ in ("NOUN", "PROPN"):
            subject = self.resolve(noun.head, offset, context)  # "the 32-member alliance"
        elif attribute in v.event_attributes:
            subject = self._owner(noun, offset, context, fallback=False) or self._event_subject(attribute, context)
        else:
            subject = self._owner(noun, offset, context)
        if not subject:
            return
        yield self._candidate("quantity", attribute, subject, value, text, trigger, offset, "quantity.counted_noun.v1",
                              confidence, qualifier=qualifier)

    def _event_subject(self, attribute: str, context: ArticleContext) -> Optional[str]:
        """What a casualty count is about: the event the article reports, else its place."""
        return context.default(["EVENT", "GPE", "ORG"], event=True)

    def _measure(self, span, text, value, unit: "Token", offset: int, context: ArticleContext) -> Iterable[Candidate]:
        """'310 millimetres of rain', 'crested at 8.4 metres': a measured amount of something."""
        v = self.vocabulary
        measured = next((g for c in unit.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
        candidates = [measured] if measured is not None else []
        node = unit.head
        for _ in range(3):
            candidates.append(node)
            candidates += [c for c in node.children if c.dep_ in SUBJECT_DEPS]
            if node.head.i == node.i:
                break
            node = node.head
        for token in candidates:
            attribute = v.measure_nouns.get(noun_phrase(token)) or v.measure_nouns.get(token.lemma_.lower())
            if attribute:
                subject = self.actor(token, offset, context) if token.pos_ != "VERB" else self.actor(token, offset, context)
                subject = subject or context.default(["EVENT", "GPE", "ORG"], event=True)
                unit_name = v.measure_units[unit.lemma_.lower()]
                measured_value = normalize.Normalized("quantity", value.value, value.approximate, value.bound, unit_name)
                if subject:
                    yield self._candidate("quantity", attribute, subject, measured_value, text, token, offset, "quantity.measure.v1", 0.65)
                return

    def _count_verb(self, noun: "Token"):
        """'40 people were killed', 'killed 40 people', '3,000 evacuated': the verb names the count."""
        v = self.vocabulary
        head = noun.head
        tokens = [head, *[c for c in head.children if c.dep_ in ("acomp", "xcomp", "oprd", "attr") and c.i != noun.i]]
        tokens += [c for c in noun.children if c.dep_ in ("acl", "relcl", "amod")]
        for token in tokens:
            for phrase in phrases(token):
                if phrase in v.count_verbs:
                    return v.count_verbs[phrase], token
        return None, None

    def _tally(self, root: "Token", context: ArticleContext, offset: int):
        """'the death toll rose to 40', 'turnout was 61%': a tally noun is the subject of the verb."""
        v = self.vocabulary
        verb = root.head.head if root.dep_ == "pobj" else root.head
        for _ in range(2):
            for child in verb.children:
                if child.dep_ in SUBJECT_DEPS:
                    for phrase in (noun_phrase(child), child.lemma_.lower()):
                        if phrase in v.tally_nouns:
                            attribute = v.tally_nouns[phrase]
                            if attribute in v.event_attributes:
                                owner = self._owner(child, offset, context, fallback=False) or self._event_subject(attribute, context)
                            else:
                                owner = self._owner(child, offset, context)
                            return attribute, owner, child
            if verb.head.i == verb.i:
                break
            verb = verb.head
        return None

    def _percent(self, span, text, value, offset, context) -> Iterable[Candidate]:
        v = self.vocabulary
        root = span.root
        attribute, trigger = None, root
        of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            objects = [c for c in of.children if c.dep_ == "pobj"]
            if objects:
                measured = objects[0]
                if measured.lemma_.lower() in v.generic_measures:  # "the 2% of GDP target"
                    measured = next((c for c in measured.children if c.dep_ == "compound"), measured)
                phrase = noun_phrase(measured)
                attribute = v.percent_nouns.get(phrase) or v.percent_nouns.get(measured.lemma_.lower())
                if attribute is None:
                    attribute = v.share_prefix + re.sub(r"\W+", "_", measured.text.lower()).strip("_")
                trigger = objects[0]
        if attribute is None:
            # "a premium of 31%", "turnout was 61%", "kept its benchmark rate at 5.25%", "prices rose 4.1%"
            owner = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root.head
            candidates = [owner] if owner.pos_ in ("NOUN", "PROPN") else []
            verb = owner
            for _ in range(3):
                candidates += [c for c in verb.children if c.dep_ in SUBJECT_DEPS | {"dobj", "attr"} and c.i != root.i]
                if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                    break
                verb = verb.head
            for token in candidates:
                phrase = noun_phrase(token)
                attribute = v.percent_nouns.get(phrase) or v.percent_nouns.get(token.lemma_.lower())
                if attribute:
                    trigger = token
                    break
        if attribute is None:
            return
        if attribute in v.event_attributes:  # "the fire was 15% contained"
            subject = self._event_subject(attribute, context) or self.actor(trigger, offset, context)
        else:
            subject = self.actor(trigger, offset, context) or context.default(["ORG", "GPE"])
        if subject:
            yield self._candidate("quantity", attribute, subject, value, text, trigger, offset, "quantity.percent.v1", 0.65)

    # money, ordinals, times -------------------------------------------------

    def _money(self, ent: "Span", offset: int, context: ArticleContext) -> Iterable[Candidate]:
        currencies = normalize.lexicon().currencies
        if ent.start > 0 and ent.doc[ent.start - 1].lower_ in currencies:
            ent = ent.doc[ent.start - 1 : ent.end]  # "€" left out of the entity
        following = ent.doc[ent.end].lower_.rstrip(".") if ent.end < len(ent.doc) else ""
        if following in currencies or following in normalize.lexicon().scale_words:
            ent = ent.doc[ent.start : ent.end + 1]  # "about 4.5 billion" and then "euros"; "€2.3" and "m"
        span = with_qualifier(ent)
        value = normalize.money(span.text)
        if value is None:
            return
        after = ent.doc[ent.end : ent.end + 2].text.lower()
        if after in ("a share", "per share"):
            found = ("price_per_share", ent.doc[ent.end + 1])
        else:
            found = find_trigger(ent.root, self.vocabulary.money_triggers, window=ent.sent)
        if found is None:
            return
        attribute, trigger = found
        subject = self.actor(trigger, offset, context) or context.default(["ORG"])
        if subject:
            yield self._candidate("money", attribute, subject, value, span, trigger, offset, "money.triggered.v1", 0.7)

    def _ordinal(self, ent: "Span", offset: int, context: ArticleContext) -> Iterable[Candidate]:
        v = self.vocabulary
        value = normalize.ordinal(ent.text)
        if value is None or value.value == "1" or ent.end < len(ent.doc) and ent.doc[ent.end].like_num:
            return  # "the first time", "the first three rounds": no count of anything
        root = ent.root
        noun = root.head if root.head.pos_ in ("NOUN", "PROPN") else None
        if noun is None:
            return
        attribute = v.ordinal_nouns.get(noun.lemma_.lower())
        if attribute == "extension_count":  # "for a fourth time": the verb says what is repeated
            verb = noun.head.head if noun.dep_ == "pobj" else noun.head
            attribute = next((v.repeat_verbs[p] for p in phrases(verb) if p in v.repeat_verbs), None)
            if attribute is None:
                return
            subject = self.actor(verb, offset, context)
            if subject:
                yield self._candidate("quantity", attribute, subject, value, ent, verb, offset, "ordinal.repeat.v1", 0.7)
            return
        if attribute is None:
            return
        if attribute == "member_count":
            subject = self._owner(noun, offset, context)
        else:
            subject = self._owner(noun, offset, context)
        if subject:
            yield self._candidate("ordinal", attribute, subject, value, ent, noun, offset, "ordinal.noun.v1", 0.7)

    def _time(self, ent: "Span", offset: int, context: ArticleContext) -> Iterable[Candidate]:
        value = normalize.time_of_day(ent.text)
        if value is None:
            return
        found = self._event(ent.root, context)
        if found is None:
            return
        subject, trigger = found
        yield self._candidate("time", "time", subject, value, ent, trigger, offset, "time.event.v1", 0.65)

    # dates and durations ----------------------------------------------------

    def _date_entity(self, ent: "Span", offset: int, context: ArticleContext, whole: bool = True) -> Iterable[Candidate]:
        v = self.vocabulary
        ent = _with_range_start(ent) if whole else ent
        text = with_qualifier(ent)
        duration = normalize.duration(text.text)
        if duration is not None and not re.search(r"\b(?:ago|earlier|later)\b", ent.text, re.I):
            if re.search(r"\bold\b", ent.text):
                return  # an age: the age patterns read it with its person
            yield from self._duration(ent, text, duration, offset, context)
            return
        value = normalize.temporal(ent.text)
        relative = value is None and normalize.is_relative(ent.text)
        if value is None and not relative:
            if normalize.quantity(ent.text) is not None:  # the NER calls some counts dates ("stands at 43")
                yield from self._count(ent, offset, context)
                return
            cut = next((t.i for t in ent[1:-1] if t.lower_ in ("to", "for", "and", ",")), None)
            if cut is not None:  # "on Friday to 12 years": the NER joined a date and a duration
                for part in (ent.doc[ent.start : cut], ent.doc[cut + 1 : ent.end]):
                    yield from self._date_entity(part, offset, context, whole=False)
            return
        if value is None:  # resolved later against the publication date; kept as written
            value = normalize.Normalized("date", ent.text.strip())
        root = ent.root
        preposition = root.head.lower_ if root.dep_ == "pobj" else ""
        if preposition == "since":
            yield from self._triggered("date", v.since_triggers, value, ent, offset, context, "date.since.v1", 0.8) or ()
            return
        found = find_trigger(root, v.date_triggers, hops=3)
        if found is not None:
            attribute, trigger = found
            if attribute in v.event_attributes:  # "the deal is expected to close by March 31": the story's deal
                subject = self._event_subject(attribute, context)
            else:
                subject = self.actor(trigger, offset, context)
            if subject:
                yield self._candidate("date", attribute, subject, value, ent, trigger, offset, "date.triggered.v1", 0.75)
                return
        event = self._event(root, context)
        if event is not None:
            subject, trigger = event
            yield self._candidate("date", "date", subject, value, ent, trigger, offset, "date.event.v1", 0.7)
            return
        attribute = v.boundary_prepositions.get(preposition) if value.kind == "date" else None
        verb = clause_head(root)
        if attribute is None and verb.pos_ == "VERB" and verb.lemma_.lower() not in v.reporting_verbs:
            attribute = f"{verb.lemma_.lower()}_date"  # "Funerals were held on Thursday": hold_date
        if attribute is None:
            return
        trigger = root.head.head if preposition else verb
        subject = self.actor(trigger, offset, context)
        done_to = next((c for c in verb.children if c.dep_ == "dobj"), None)  # "attended the Winter Olympics"
        qualifier = noun_phrase(done_to) if done_to is not None and done_to.pos_ in ("NOUN", "PROPN") else None
        if subject:
            yield self._candidate("date", attribute, subject, value, ent, trigger, offset, "date.clause.v1", 0.5, qualifier)

    def _triggered(self, kind, index, value, span, offset, context, rule, confidence) -> Optional[list[Candidate]]:
        """A value whose governing words are in `index`, said of the subject of those words; None
        when no such words govern it."""
        found = find_trigger(span.root, index, hops=3)
        if found is None:
            return None
        attribute, trigger = found
        subject = self.actor(trigger, offset, context)
        return [self._candidate(kind, attribute, subject, value, span, trigger, offset, rule, confidence)] if subject else []

    def _duration(self, ent, text, value, offset, context) -> Iterable[Candidate]:
        v = self.vocabulary
        root = ent.root
        noun = root.head if root.dep_ in ("compound", "amod", "nummod", "npadvmod") and root.head.pos_ == "NOUN" else None
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
            noun = root.head.head  # "a term of at least four years"
        if noun is not None and noun.lemma_.lower() in v.duration_nouns:
            subject = self._owner(noun, offset, context)
            if subject:
                attribute = v.duration_nouns[noun.lemma_.lower()]
                if attribute == "term_length" and _held_term(noun, root):
                    attribute = "tenure"  # "his 13-year term": how long he has held the post
                yield self._candidate("duration", attribute, subject, value, text, noun, offset, "duration.noun.v1", 0.75)
            return
        found = self._triggered("duration", v.duration_triggers, value, text, offset, context, "duration.triggered.v1", 0.7)
        if found is not None:
            yield from found
            return
        measured = noun if noun is not None and noun.lemma_.lower() not in v.generic_measures else None
        of = noun if noun is not None else root  # "three days of national mourning", "a three-day period of mourning"
        measured = measured or next((g for c in of.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
        if measured is not None:
            subject = self._owner(measured, offset, context)
            if subject:
                attribute = f"{measured.lemma_.lower()}_duration"
                yield self._candidate("duration", attribute, subject, value, text, measured, offset, "duration.noun.v1", 0.5)

    # stances, roles -------------------------------------------------------

    def _stances(self, sentence: "Span", offset: int, context: ArticleContext) -> Iterable[Candidate]:
        v = self.vocabulary
        for token in sentence:
            if token.pos_ not in ("VERB", "NOUN", "AUX"):
                continue
            for phrase in phrases(token):
                entries = v.stance_verbs.get(phrase)
                if not entries:
                    continue
                objects = [c for c in token.children if c.dep_ in ("dobj", "pobj", "attr", "nsubjpass")]
                objects += [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
                for stance, wanted in entries:
                    hit = next((o for o in objects if o.lemma_.lower() in wanted), None) if wanted else None
                    if wanted and hit is None:
                        continue
                    if token.pos_ == "NOUN" and not wanted:
                        continue
                    holder = _holder(hit) if hit is not None else None
                    agent = next((g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
                    if agent is not None:  # "the takeover was cleared by Brussels"
                        actors = [a for a in [self.resolve(agent, offset, context, strict=True)] if a]
                        patient = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
                        target = self.resolve(patient, offset, context) if patient is not None else None
                    elif holder is not None:  # "squared off opposition from Hungary": Hungary's stance
                        actors = [a for a in [self.resolve(holder, offset, context, strict=True)] if a]
                        subject_token = self._subject_token(token)
                        target = self.resolve(subject_token, offset, context, strict=True) if subject_token is not None else None
                    else:
                        actors = self.actors(token, offset, context)
                        target = self._stance_target(token, hit, offset, context)
                    end_token = hit if hit is not None else token
                    span = sentence.doc[min(token.i, end_token.i) : max(token.i, end_token.i) + 1]
                    if negated(token) or hypothetical(token) or (hit is not None and _negated_object(hit)):
                        continue
                    if not objects and stance not in v.intransitive_stances:
                        continue  # "it will clear": no one takes a stance on anything
                    for actor in actors:
                        if actor == target:
                            continue
                        yield Candidate(
                            kind="stance", attribute="stance", subject=actor, value=normalize.Normalized("stance", stance),
                            value_text=span.text, start=offset + span.start_char, end=offset + span.end_char,
                            sentence=sentence, offset=offset, rule="stance.verb_object.v1", confidence=0.7,
                            qualifier=target, anchor=token,
                        )
                    break
                break

    def _stance_target(self, verb: "Token", obj: Optional["Token"], offset, context) -> Optional[str]:
        """Whom a stance is about: 'veto on Rutte's candidacy', 'backed Rutte', 'objections to his bid'."""
        candidates = []
        if obj is not None:
            candidates += [g for c in obj.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        candidates += [c for c in verb.children if c.dep_ in ("dobj",)]
        candidates += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "on", "for", "of") for g in c.children if g.dep_ == "pobj"]
        for token in candidates:
            if obj is not None and token.i == obj.i:
                continue
            poss = next((c for c in token.children if c.dep_ == "poss"), None)
            named = poss if poss is not None else token
            if poss is None and token.lemma_.lower() in self.vocabulary.stance_objects:
                continue
            if entity_at(named) is None and named.pos_ != "PROPN" and named.lower_ not in self.vocabulary.pronouns:
                continue
            if named.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"):
                continue
            target = self.resolve(named, offset, context, strict=True)
            if target:
                return target
        return None

    def _roles(self, sentence: "Span", offset: int, context: ArticleContext) -> Iterable[Candidate]:
        """Titles in front of a name or in apposition to it."""
        v = self.vocabulary
        tokens = list(sentence)
        lowered = [t.lower_ for t in tokens]
        i = 0
        while i < len(tokens):
            title = next((t for t in v.titles.get(lowered[i], ()) if tuple(lowered[i : i + len(t)]) == t), None)
            if title is None:
                i += 1
                continue
            end = i + len(title)
            # "Minister of Foreign Affairs of Latvia": a place after the title
            place = None
            if end + 1 < len(tokens) and lowered[end] == "of":
                j = end + 2 if lowered[end + 1] == "the" else end + 1
                k = j
                while k < len(tokens) and tokens[k].pos_ == "PROPN":
                    k += 1
                if tokens[j].ent_type_ == "GPE" and tokens[j].ent_iob_ == "B":
                    ent = entity_at(tokens[j])
                    place_end = min(ent.end - sentence.start, k) if ent is not None else j + 1
                elif k - j >= 3:  # "of Latvia Edgars Rinkēvičs": the place, then a name
                    place_end = j + 1
                else:
                    place_end = k
                if place_end > j:
                    place = context.canonical(sentence.doc[tokens[j].i : tokens[place_end - 1].i + 1].text, "GPE")
                    end = place_end
            name = _name_after(tokens, end, context)
            if name is not None:
                name_end, person = name
                modifiers, place_before, first = self._title_modifiers(tokens, i, context, offset)
                yield from self._role_claims(
                    sentence, offset, tokens[first].i, tokens[name_end - 1].i,
                    title, modifiers, place or place_before, person, context,
                )
                i = name_end
                continue
            appositive = _appositive_name(tokens, i, v)
            if appositive is not None:
                person_token, start_token = appositive
                person = context.canonical(entity_text(person_token), "PERSON")
                modifiers, place_before, _ = self._title_modifiers(tokens, i, context, offset)
                if person:
                    yield from self._role_claims(
                        sentence, offset, person_token.i, tokens[end - 1].i, title, modifiers,
                        place or place_before, person, context,
                    )
            i = end

    def _title_modifiers(self, tokens, i, context: ArticleContext, offset: int = 0):
        """Words in front of a title: when it was held ('former') and where ('Latvian', 'NATO',
        'the assembly'), and the index of the first of them (where the role's quote begins)."""
        v = self.vocabulary
        modifiers, place = [], None
        j = i - 1
        while j >= 1 and tokens[j].lower_ in v.time_modifiers:
            j -= 1
        if j >= 1 and tokens[j].tag_ == "POS" and tokens[j - 1].pos_ == "PROPN":  # "Lumora's interim chief"
            owner = tokens[j - 1]
            place = context.canonical(entity_text(owner), owner.ent_type_)
            modifiers.append(("place", entity_text(owner)))
            modifiers += [t.lower_ for t in tokens[j + 1 : i] if t.lower_ in v.time_modifiers]
            return modifiers, place, j - 1
        j = i - 1
        while j >= 0 and (tokens[j].ent_type_ != "PERSON" or tokens[j].dep_ == "compound") and (
            tokens[j].lower_ in v.time_modifiers or tokens[j].ent_type_ in ("NORP", "GPE", "ORG")
            or tokens[j].lower_ in v.demonyms or (tokens[j].lower_ in v.descriptors and tokens[j].dep_ == "compound")
            or (tokens[j].pos_ == "PROPN" and tokens[j].dep_ == "compound" and tokens[j].lower_ not in v.title_words)
        ):
            token = tokens[j]
            if token.lower_ in v.time_modifiers:
                modifiers.append(token.lower_)
            elif place is None:
                text = token.text if token.lower_ in v.demonyms else entity_text(token) if token.ent_type_ in ("GPE", "ORG") else token.text
                if text.lower() in v.demonyms:
                    place = v.demonyms[text.lower()]
                elif token.ent_type_ or token.pos_ == "PROPN":
                    place = context.canonical(text, token.ent_type_)
                else:
                    place = self.resolve(token, offset, context, strict=True)
                modifiers.append(("place", text))
            j -= 1
        return modifiers, place, j + 1

    def _role_claims(self, sentence, offset, first, last, title, modifiers, place, person, context) -> Iterable[Candidate]:
        v = self.vocabulary
        phrase = " ".join(title).replace(" - ", "-")
        canonical = v.title_synonyms.get(phrase, v.title_synonyms.get(phrase.replace("-", " "), phrase)).replace("-", " ")
        words = [m for m in modifiers if isinstance(m, str)]
        place_words = [m[1] for m in modifiers if isinstance(m, tuple)]
        span = sentence.doc[min(first, last) : max(first, last) + 1]
        if "former" in words or "ex" in words:
            value = " ".join([*place_words, canonical]).strip()
            yield Candidate(
                kind="role", attribute="former_role", subject=person, value=normalize.Normalized("role", value),
                value_text=span.text, start=offset + span.start_char, end=offset + span.end_char, sentence=sentence,
                offset=offset, rule="role.former_title.v1", confidence=0.7,
            )
            return
        prefix = "next_" if set(words) & {"next", "incoming", "designate", "future", "new", "president-elect"} else ""
        attribute = prefix + canonical.replace(" ", "_")
        if not place and canonical in v.descriptive_titles:
            return  # "far-right politician Geert Wilders": a description, not an office
        if not place:  # "Interior Minister Paolo Greco": of the country (or event, or body) the article is about
            if canonical in v.government_titles:
                place = context.default(["GPE"])
            else:
                place = context.default(["ORG"], event=canonical in v.event_titles)
        if place and place != person:
            yield Candidate(
                kind="role", attribute=attribute, subject=place, value=normalize.Normalized("role", person),
                value_text=span.text, start=offset + span.start_char, end=offset + span.end_char, sentence=sentence,
                offset=offset, rule="role.title.v1", confidence=0.75,
            )

    def _led_by(self, sentence: "Span", offset: int, context: ArticleContext) -> Iterable[Candidate]:
        """'a coalition led by former spy chief Dick Schoof': who leads a body."""
        for token in sentence:
            if token.lemma_.lower() not in self.vocabulary.led_by_verbs or token.tag_ != "VBN":
                continue
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            person = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            if person is None:
                continue
            name = context.canonical(entity_text(person), "PERSON") if person.ent_type_ == "PERSON" else None
            if not name:
                continue
            led = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
            if led is None and token.dep_ in ("acl", "relcl"):
                led = token.head  # "a coalition led by ..."
            if led is None or led.lower_ in ("it", "they"):
                continue
            subject = self.resolve(led, offset, context)
            if not subject:
                continue
            span = sentence.doc[min(led.i, token.i) : person.i + 1]
            if len(span) > 14:
                span = sentence.doc[token.i : person.i + 1]
            yield Candidate(
                kind="role", attribute="led_by", subject=subject, value=normalize.Normalized("role", name),
                value_text=entity_text(person), start=offset + span.start_char, end=offset + span.end_char,
                sentence=sentence, offset=offset, rule="role.led_by.v1", confidence=0.7, anchor=token,
            )

    # ------------------------------------------------------------------ subjects

    def _event(self, token: "Token", context: Optional[ArticleContext] = None):
        """The event a date or time belongs to: 'the Nov. 22 election', 'summit in Washington on ...'."""
        v = self.vocabulary
        node = token
        path = []
        for _ in range(5):
            path.append(node)
            lemma = node.lemma_.lower()
            if lemma in v.event_nouns and (node.pos_ in ("NOUN", "PROPN") or lemma in v.event_verbs) and node.ent_type_ not in ("ORG", "PERSON"):
                return self._event_name(node, v.event_nouns[lemma], path, context), node
            if node.pos_ == "VERB" and lemma not in v.occurrence_verbs and lemma not in v.event_verbs:
                return None  # "the fire grew on Tuesday": a date of the growth, not of the fire
            for child in node.children:
                event = child
                if child.dep_ == "agent":
                    event = next((g for g in child.children if g.dep_ == "pobj"), child)
                elif child.dep_ not in SUBJECT_DEPS | {"dobj"}:
                    continue
                if event.pos_ in ("NOUN", "PROPN") and event.lemma_.lower() in v.event_nouns and event.ent_type_ not in ("ORG", "PERSON"):
                    return self._event_name(event, v.event_nouns[event.lemma_.lower()], path + [event], context), event
            if node.head.i == node.i or (node.pos_ in ("VERB", "AUX") and node.dep_ in CLAUSE_DEPS):
                break
            node = node.head
        return None

    def _event_name(self, node: "Token", event: str, path: list["Token"], context: Optional[ArticleContext] = None) -> str:
        """An event's name: its class with the place it is held in ('summit in Washington'), else
        the article's name for it ('Port Alder Marathon'), else its class."""
        places = []
        for token in (*path, node):
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "at"):
                    places += [g for g in child.children if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC", "FAC")]
                elif child.dep_ in ("compound", "amod") and child.ent_type_ in ("GPE", "NORP") and token.i == node.i:
                    places.append(child)
        if places:
            place = places[0]
            ent = entity_at(place)
            name = clean_name(ent.text if ent is not None else place.text).split(",")[0].strip()
            key = fold(name)
            name = self.vocabulary.aliases.get(key) or self.vocabulary.demonyms.get(key) or name
            return f"{event} in {name}"
        if context is not None and event in context.named_events:
            return context.named_events[event]
        return event

    def actors(self, token: "Token", offset: int, context: ArticleContext) -> list[str]:
        """Every subject of a verb: 'The United States and Britain backed ...' gives two."""
        subject_token = self._subject_token(token)
        if subject_token is None:
            return []
        names = []
        for t in (subject_token, *[c for c in subject_token.children if c.dep_ == "conj"]):
            name = self.resolve(t, offset, context, strict=True)
            if name and name not in names:
                names.append(name)
        return names

    def _subject_token(self, token: "Token") -> Optional["Token"]:
        node = token
        for _ in range(7):
            for child in node.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    if child.lower_ in RELATIVE_PRONOUNS and node.dep_ == "relcl":
                        return node.head
                    return child
            if node.dep_ in ("acl", "relcl") and node.head.pos_ in ("NOUN", "PROPN"):
                return node.head
            if node.dep_ in ("xcomp", "oprd", "acomp", "ccomp") and node.head.i != node.i:
                controller = next((c for c in node.head.children if c.dep_ == "dobj"), None)
                if controller is not None:
                    return controller
            if node.dep_ in ("appos",):
                return node.head
            if node.dep_ not in INHERIT_DEPS | {"acomp", "oprd"} and node.pos_ in ("VERB", "AUX", "ADJ"):
                return None
            if node.head.i == node.i:
                return None
            node = node.head
        return None

    def actor(self, token: "Token", offset: int, context: ArticleContext) -> Optional[str]:
        """Who or what a governing word is said of: its subject, or a noun's owner; for a verb
        done to someone ('sentenced Lanz', 'Lanz was jailed'), the one it is done to."""
        if token.lemma_.lower() in self.vocabulary.patient_verbs and token.pos_ == "VERB":
            patient = next((c for c in token.children if c.dep_ in ("nsubjpass", "dobj", "dative")), None)
            if patient is not None:
                return self.resolve(patient, offset, context)
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("ROOT",):
            owner = self._owner(token, offset, context, fallback=False)
            if owner:
                return owner
        subject_token = self._subject_token(token)
        if subject_token is not None:
            return self.resolve(subject_token, offset, context)
        return None

    def _owner(self, noun: "Token", offset: int, context: ArticleContext, fallback: bool = True) -> Optional[str]:
        """Whose a noun is: 'NATO's members', 'its members', 'his term', 'the term of X', 'NATO members'."""
        for child in noun.children:
            if child.dep_ == "poss":
                return self.resolve(child, offset, context)
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and (pobj.ent_type_ in NAMED or any(c.dep_ == "appos" for c in pobj.children)):
                        return self.resolve(pobj, offset, context)
        for child in noun.children:
            if child.dep_ in ("compound", "amod") and child.ent_type_ in ("ORG", "GPE", "NORP", "PERSON"):
                return self.resolve(child, offset, context)
        if not fallback:
            return None
        if noun.dep_ in ("compound", "amod") and noun.head.pos_ in ("NOUN", "PROPN"):
            return self._owner(noun.head, offset, context)
        subject = self._subject_token(noun.head) if noun.dep_ in ("dobj", "pobj", "attr") else None
        if subject is not None and subject.i != noun.i:
            resolved = self.resolve(subject, offset, context)
            if resolved and subject.ent_type_ in NAMED | {""} and not subject.lower_ in RELATIVE_PRONOUNS:
                return resolved
        return context.default(["ORG", "GPE", "EVENT"])

    def resolve(self, token: "Token", offset: int, context: ArticleContext, strict: bool = False) -> Optional[str]:
        """The canonical name a token refers to: entity, pronoun antecedent, description, noun phrase.

        With `strict`, a plain common noun ("members") names nothing: stances need a named actor.
        """
        v = self.vocabulary
        position = offset + token.idx
        ent = entity_at(token)
        if ent is not None and ent.label_ in NAMED:
            return None if is_byline(ent, None) else context.canonical(ent.text, ent.label_)
        lower = token.lower_
        if lower in v.pronouns and token.dep_ == "poss":
            # "the central bank kept its rate": a possessive usually means the clause's subject
            subject = next((c for c in clause_head(token).children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.lower_ not in v.pronouns and subject.i != token.head.i:
                owner = self.resolve(subject, offset, context, strict=True)
                label = v.pronouns[lower]
                if owner and (label != "PERSON" or subject.ent_type_ in ("PERSON", "")):
                    return owner
        if lower in v.pronouns:
            label = v.pronouns[lower]
            types = v.entity_types.get(label, [label])
            return context.nearest(types, position) or context.about(types)
        if lower in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            antecedent = token.head.head
            if antecedent.pos_ not in ("NOUN", "PROPN"):  # a misattached ", which": the noun before it
                antecedent = next((t for t in reversed(token.doc[token.sent.start : token.i]) if t.pos_ in ("NOUN", "PROPN")), antecedent)
            return self.resolve(antecedent, offset, context)
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        for child in token.children:
            if child.dep_ == "appos" and child.ent_type_ in NAMED:
                return self.resolve(child, offset, context)
        if token.dep_ == "appos" and token.head.ent_type_ in NAMED:  # "Pieter Hol, the 61-year-old who ..."
            return self.resolve(token.head, offset, context)
        if token.pos_ == "PROPN":
            if dateline(token):
                return None  # "BRUSSELS/LONDON (Reuters) -" names no subject
            if token.dep_ == "compound" and token.head.pos_ == "PROPN":
                return self.resolve(token.head, offset, context)
            words = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < token.i]
            return context.canonical(" ".join(t.text for t in [*words, token]), "PERSON" if words else "")
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and lemma in v.title_words and any(c.lower_ == "the" for c in token.children):
            person = context.nearest(["PERSON"], position)  # "the former judge": the person just named
            if person:
                return person
        if lemma in v.descriptors and not any(c.dep_ == "poss" for c in token.children):
            label = v.descriptors[lemma]
            if label == "EVENT":
                return v.event_nouns.get(lemma, lemma)
            return context.about(v.entity_types.get(label, [label])) or (None if strict else noun_phrase(token))
        if lemma not in v.relation_nouns:
            for child in token.children:
                if child.dep_ == "poss":
                    owner = self.resolve(child, offset, context)
                    if owner:
                        return owner
                if child.dep_ == "compound" and child.ent_type_ in ("ORG", "GPE", "PERSON"):
                    return self.resolve(child, offset, context)
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" and (entity_at(pobj) is not None or any(c.dep_ == "appos" for c in pobj.children)):
                            return self.resolve(pobj, offset, context)
        named = [c for c in token.children if c.i < token.i and c.dep_ in ("compound", "amod", "nmod") and c.text[:1].isupper()]
        if named and lemma in v.collective_heads:
            return " ".join(c.text for c in named)  # "the Yes side", "the Yes campaign": Yes
        return None if strict else noun_phrase(token)


# ---------------------------------------------------------------------- helpers


def _tense(token: "Token") -> Optional[str]:
    """'past', 'future' or 'present' from the verb that governs a word and its auxiliaries."""
    verb = token
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX"):
            break
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a in ("will", "shall", "'ll", "would") for a in aux):
        return "future"
    window = verb.doc[max(verb.sent.start, verb.i - 4) : verb.i].text.lower()
    if re.search(r"\b(?:set|due|expected|scheduled|going|poised|slated) to\b|\bis to\b|\bare to\b", window):
        return "future"
    if verb.tag_ == "VBD" or any(a in ("had", "was", "were", "did") for a in aux):
        return "past"
    if verb.tag_ == "VBN" and any(a in ("has", "have") for a in aux):
        return "past"
    return "present"


def _other_year(c: Candidate, value: normalize.Normalized, reference, latest_year: Optional[int]) -> Optional[str]:
    """'the 1998 floods killed 23', 'first held in 1975': a year other than the article's own (its
    publication year, else the latest year it mentions) says the claim is about another occasion."""
    published_year = reference.year if reference is not None else latest_year
    if value.kind == "date" and c.attribute == "date":
        year = value.value[:4]
        return f"in {year}" if year.isdigit() and int(year) != published_year else None
    if c.anchor is None or value.kind not in ("quantity", "money"):
        return None
    head = clause_head(c.anchor)
    own = [head] + [t for child in head.children if child.dep_ not in SUBJECT_DEPS for t in child.subtree]
    if head.dep_ == "relcl":  # "the 1998 floods, which killed 23 people"
        own += [t for t in head.head.children if t.i < head.head.i]
    for token in own:
        if token.ent_type_ == "DATE" and re.fullmatch(r"(1[89]|20)\d\d", token.text) and int(token.text) != published_year:
            if not (c.start <= c.offset + token.idx < c.end):
                return f"in {token.text}"
    return None


def _ordinal_in_clause(anchor: "Token", start: int, end: int) -> Optional[str]:
    """'in the fourth ballot': an ordinal in the claim's clause says which of several it is."""
    clause = clause_head(anchor)
    for token in clause.subtree:
        if token.ent_type_ == "ORDINAL" and not (start <= token.idx < end) and token.head.pos_ == "NOUN":
            value = normalize.ordinal(token.text)
            if value is not None:
                return f"{token.head.lemma_.lower()} {value.value}"
    return None


def _places_from_article(candidates: list[Candidate]) -> None:
    """'President Biden' after 'U.S. President Joe Biden': the place the article itself gives a
    person's title replaces the default (the country the article is about)."""
    explicit = {(c.attribute, c.value.value): c.subject for c in candidates
                if c.kind == "role" and not isinstance(c.subject, Inferred)}
    for c in candidates:
        if c.kind == "role" and isinstance(c.subject, Inferred) and (c.attribute, c.value.value) in explicit:
            c.subject = explicit[(c.attribute, c.value.value)]


def _money_spans(sentence: "Span") -> list[tuple[int, int]]:
    """Amounts the NER missed: '2.3m euros', 'EUR 50m' (character offsets in the doc)."""
    return [(sentence.start_char + m.start(), sentence.start_char + m.end()) for m in _money_regex().finditer(sentence.text)]


@lru_cache(maxsize=1)
def _money_regex() -> re.Pattern:
    lexicon = normalize.lexicon()
    symbols = "|".join(re.escape(c) for c in sorted(lexicon.currencies, key=len, reverse=True))
    scales = "|".join(re.escape(c) for c in sorted(lexicon.scale_words, key=len, reverse=True))
    number = rf"\d[\d,]*(?:\.\d+)?(?:\s?(?:{scales})\b)?"
    return re.compile(rf"(?i)(?:(?<![\w])(?:{symbols})\s?{number}|\b{number}\s(?:{symbols})\b)")


def _with_range_start(ent: "Span") -> "Span":
    """'between 3 and 14 March', 'from 3 to 14 March': the NER often tags only '14 March'."""
    doc = ent.doc
    start = ent.start
    if start >= 1 and doc[start - 1].like_num and not doc[start].like_num:  # "14 March" tagged as "March"
        start -= 1
    if start >= 2 and doc[start - 1].lower_ in ("and", "to", "-", "–", "until", "through") and doc[start - 2].like_num:
        start -= 2
        if start >= 1 and doc[start - 1].lower_ in ("between", "from"):
            start -= 1
    return doc[start : ent.end] if start != ent.start else ent


def _held_term(noun: "Token", duration: "Token") -> bool:
    """'his 13-year term' is a tenure; 'a term of four years' and 'his second five-year term' are
    the length of a term of office."""
    possessed = any(c.dep_ == "poss" for c in noun.children)
    numbered = any(c.ent_type_ == "ORDINAL" for c in noun.children)
    return possessed and not numbered and duration.i < noun.i


def _negated_object(stance_object: "Token") -> bool:
    """'raised no objections'."""
    return any(c.dep_ in ("det", "neg") and c.lower_ in ("no", "not", "never") for c in stance_object.children)


def _holder(stance_object: "Token") -> Optional["Token"]:
    """Whose objection or veto it is, when the text names them: 'opposition from Hungary',
    'Hungary's veto' (not 'its veto': that is the verb's subject's)."""
    for child in stance_object.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
        if child.dep_ == "prep" and child.lower_ == "from":
            holder = next((g for g in child.children if g.dep_ == "pobj"), None)
            if holder is not None:
                poss = next((g for g in holder.children if g.dep_ == "poss" and g.ent_type_ in ("GPE", "ORG", "NORP")), None)
                return poss if poss is not None else holder
    return None


def _name_after(tokens, end: int, context: ArticleContext):
    """A person's name right after a title: a PERSON entity or two or more capitalized words."""
    k = end
    while k < len(tokens) and tokens[k].pos_ == "PROPN" and tokens[k].text[:1].isupper() and k - end < 4:
        k += 1
    if k == end:
        return None
    words = [t.text for t in tokens[end:k]]
    is_person = any(t.ent_type_ == "PERSON" for t in tokens[end:k]) or fold(" ".join(words)) in context.full_names
    if not is_person and len(words) < 2:
        return None
    if not is_person and any(t.ent_type_ in ("GPE", "NORP", "DATE", "LOC", "FAC") for t in tokens[end:k]):
        return None
    name = context.canonical(" ".join(words), "PERSON")
    return (k, name) if name else None


def _appositive_name(tokens, i, vocabulary: Vocabulary):
    """'Mark Rutte, the outgoing prime minister': the person a title after a comma describes."""
    j = i - 1
    while j >= 0 and (tokens[j].lower_ in vocabulary.time_modifiers or tokens[j].ent_type_ in ("NORP", "GPE")
                      or tokens[j].lower_ in vocabulary.demonyms or tokens[j].pos_ == "ADJ"):
        j -= 1
    if j < 1 or tokens[j].lower_ not in ("a", "an", "the"):
        return None
    if tokens[j - 1].text != ",":
        return None
    person = tokens[j - 2] if j >= 2 else None
    if person is None or (person.ent_type_ != "PERSON" and not (person.pos_ == "PROPN" and person.ent_type_ in ("", "ORG"))):
        return None
    head = tokens[i].head if tokens[i].dep_ in ("compound", "amod") else tokens[i]
    for token in (tokens[i], head, *[t for t in tokens[i:i + 4]]):
        if token.dep_ == "appos" and token.head.i == person.i:
            return person, j
    return None
