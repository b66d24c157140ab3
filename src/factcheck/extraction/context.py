"""What the extractors know beyond the words they read: the article's entities, and the
sentence a value is in.

`ArticleContext` is built once per article and read by every rule: an entity's longest form, a
pronoun's nearest antecedent, the organisation or event the article is about. A
`SentenceContext` is the one argument every extractor takes: the sentence, where its parsed
piece starts in the document text, the article and the sentence's entities.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Iterable, Optional, Sequence

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LIKE_NUM, LOWER, ORTH, POS, SENT_START, TAG
from spacy.parts_of_speech import NOUN
from spacy.strings import get_string_id

from .. import normalize
from ..normalize import fold
from .names import NAMED, clean_name, is_byline, proper_name_before

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from .vocabulary import Vocabulary


class Inferred(str):
    """A subject the sentence does not name: the entity or event the article is about.

    The reconciler lets such a claim join the one named subject of its kind in the story.
    """


PARAGRAPH = re.compile(r"\n\s*")  # a line break starts a paragraph


class ArticleContext:
    """What one article says about its entities: their longest forms and which one it is about."""

    def __init__(self, pieces: list[tuple[int, "Doc"]], vocabulary: Vocabulary, outlet: Optional[str] = None,
                 text: Optional[str] = None):
        """`text` is the document's, which the pieces' offsets index: each piece's text is cut from
        it (a Doc keeps every character of the text it parsed) rather than joined from its tokens."""
        self.vocabulary = vocabulary
        self.mentions: list[tuple[int, str, str]] = []  # (absolute start, label, canonical)
        persons: list[str] = []
        raw: list[tuple[int, str, str]] = []
        passing: set[int] = set()  # where a person is named in passing: in a list, after a preposition
        self._paragraphs: list[int] = []  # where each paragraph starts
        self.texts: dict[int, str] = {}  # each piece's text by its offset: spaCy joins it anew on every access
        self.words: dict[int, Words] = {}  # each piece's arrays by its offset
        for offset, doc in pieces:
            self.texts[offset] = doc.text if text is None else text[offset : offset + _length(doc)]
            self.words[offset] = Words(doc, vocabulary)
            self._paragraphs.extend(offset + m.end() for m in PARAGRAPH.finditer(self.texts[offset]))
            for ent in doc.ents:
                label = ent.label_
                if label not in NAMED or is_byline(ent, outlet):
                    continue  # "LONDON (Reuters) -": the outlet is not what the article is about
                text = ent.text
                if not any(t.like_num for t in ent) and normalize.money(text) is None:
                    kind = "NORP" if label == "PERSON" and _kin_group(ent, vocabulary) else label
                    raw.append((offset + ent.start_char, kind, clean_name(text)))
                    if _in_passing(ent, vocabulary):
                        passing.add(offset + ent.start_char)
                    if label == "PERSON" and len(ent) >= 2:
                        persons.append(clean_name(text))
        self.full_names: dict[str, str] = {}
        frequency = Counter(persons)
        for name in sorted(frequency, key=lambda n: (-frequency[n], len(n.split()), n)):
            words = name.split()
            for size in range(1, len(words)):
                self.full_names.setdefault(fold(" ".join(words[-size:])), name)
            self.full_names.setdefault(fold(name), name)
        for start, label, text in raw:
            canonical = self.canonical(text, label)
            if canonical:
                self.mentions.append((start, self.label_of(text, label), canonical))
        self.mentions.sort()
        self._starts = [m[0] for m in self.mentions]
        counts = Counter((label, name) for _, label, name in self.mentions)
        self._in_passing = {start for start, label, name in self.mentions
                            if start in passing and counts[(label, name)] == 1}
        self._first: dict[str, int] = {}  # where each entity is first named
        for start, _, name in self.mentions:
            self._first.setdefault(name, start)
        self.main: dict[str, str] = {}
        for (label, name), _ in counts.most_common():
            self.main.setdefault(label, name)
        people = [name for label, name in counts if label == "PERSON"]
        if len(people) > 1:  # the NER misses many a bare surname: count the surname in the text
            self.main["PERSON"] = max(people, key=lambda n: (sum(t.count(n.split()[-1]) for t in self.texts.values()),
                                                             counts[("PERSON", n)]))
        events: Counter = Counter()
        named_events: Counter = Counter()
        years = []
        for words in self.words.values():  # one pass over the words: event nouns, their names, the years
            for t in (words.doc[i] for i in np.flatnonzero(_dates_and_event_nouns(words)).tolist()):
                if t.ent_type_ == "DATE" and len(t.text) == 4 and t.text[:2] in ("19", "20") and t.text.isdigit():
                    years.append(int(t.text))
                elif t.pos_ == "NOUN" and t.lemma_.lower() in vocabulary.event_nouns:
                    event_class = vocabulary.event_nouns[t.lemma_.lower()]
                    events[event_class] += 1
                    name = proper_name_before(t)
                    if name:
                        named_events[(event_class, name)] += 1  # "the Cedar Ridge fire"
        named_events.update(
            (vocabulary.event_nouns[word], name) for _, label, name in self.mentions
            for word, position in ((name.split()[0].lower(), 0), (name.split()[-1].lower(), -1))
            if word in vocabulary.event_nouns and len(name.split()) > 1
            and (position == 0 or label in ("EVENT", "FAC", "LOC", "WORK_OF_ART"))
        )  # "Storm Odalys", "the Port Alder Marathon"; not the agency "Cal Fire"
        self.named_events: dict[str, str] = {}
        for (event_class, name), _ in named_events.most_common():
            self.named_events.setdefault(event_class, name)
        main_class = events.most_common(1)[0][0] if events else None
        self.latest_year: Optional[int] = max(years) if years else None
        tagged = self.main.get("EVENT")  # the NER's most mentioned event, which may be an aside ("the Holocaust")
        tagged_is_event = tagged is not None and any(w.lower() in vocabulary.event_nouns for w in tagged.split())
        self.event: Optional[str] = (
            (tagged if tagged_is_event else None) or self.named_events.get(main_class)
            or next(iter(self.named_events.values()), None) or tagged or main_class
        )

    def text_of(self, span: "Span", offset: int) -> str:
        """A span's text (`Span.text`) cut from its piece's, not joined from its tokens."""
        return self.texts[offset][span.start_char : span.end_char]

    def label_of(self, text: str, label: str) -> str:
        """NER sometimes calls a surname an ORG: a known person's name is a PERSON."""
        return "PERSON" if fold(text) in self.full_names else label

    def canonical(self, text: str, label: str = "") -> Optional[str]:
        """The name a claim uses: aliases, a person's longest form, a nationality's country."""
        name = clean_name(text)
        words = name.split()
        while len(words) > 1 and words[0].lower() in self.vocabulary.title_words:
            words = words[1:]
        name = " ".join(words)
        if not name or (len(words) == 1 and words[0].lower() in self.vocabulary.title_words):
            return None
        key = fold(name)
        if key in self.full_names:
            return self.full_names[key]
        for start in range(1, len(words) - 1):  # "Shasta County Sheriff Michael Johnson"
            tail = fold(" ".join(words[start:]))
            if tail in self.full_names and self.full_names[tail] == " ".join(words[start:]):
                return self.full_names[tail]
        if key in self.vocabulary.aliases:
            return self.vocabulary.aliases[key]
        if label == "NORP" and key in self.vocabulary.demonyms:
            return self.vocabulary.demonyms[key]
        return name

    def nearest(self, labels: Iterable[str], before: int, salient: bool = False) -> Optional[str]:
        """The closest entity of one of these labels mentioned before a character offset; with
        `salient`, as a pronoun refers: not one named only once and in passing ('investors
        including Rupert Murdoch. She was convicted': not Murdoch), and from a paragraph of its
        own, the one the article is about rather than one named in an earlier paragraph."""
        wanted = set(labels)
        index = bisect_right(self._starts, before) - 1
        steps = 0
        while index >= 0 and steps < 60:
            start, label, name = self.mentions[index]
            if label in wanted and start < before and not (salient and start in self._in_passing):
                main = self.main.get(label)
                if salient and main and main != name and start < self._paragraph_start(before) and self._first[main] < before:
                    return main
                return name
            index -= 1
            steps += 1
        return None

    def _paragraph_start(self, position: int) -> int:
        index = bisect_right(self._paragraphs, position) - 1
        return self._paragraphs[index] if index >= 0 else 0

    def about(self, labels: Iterable[str]) -> Optional[str]:
        """The entity of these labels the article mentions most."""
        for label in labels:
            if label in self.main:
                return self.main[label]
        return None

    def default(self, labels: Iterable[str], event: bool = False) -> Optional[Inferred]:
        """The subject of a claim whose sentence names none: the article's event or main entity."""
        name = (self.event if event else None) or self.about(labels)
        return Inferred(name) if name else None


def _length(doc: "Doc") -> int:
    """How many characters a doc's text has."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def _dates_and_event_nouns(words: "Words") -> np.ndarray:
    """The words tagged DATE, and the nouns the vocabulary calls events."""
    return (words.ent_type == get_string_id("DATE")) | words.lemma_in("event_nouns", words.pos == NOUN)


class Words:
    """A parsed piece's words as arrays (`Doc.to_array`), made once for the article: a rule that
    would read every word of every sentence picks here, for the whole piece at once, the few
    words it can act on, and makes Token objects for those alone. The arrays hold the tokens'
    attributes as StringStore ids, which stand for the strings one to one."""

    ATTRS = (LOWER, ORTH, LEMMA, POS, TAG, DEP, ENT_TYPE, LIKE_NUM, HEAD, SENT_START)

    def __init__(self, doc: "Doc", vocabulary: "Vocabulary"):
        self.doc = doc
        self.vocabulary = vocabulary
        self.columns = doc.to_array(self.ATTRS).reshape(len(doc), len(self.ATTRS))
        self.lower, self.orth, self.lemma, self.pos, self.tag, self.dep, self.ent_type, like_num, head, starts = self.columns.T
        self.like_num = like_num == 1
        self.head = np.arange(len(doc)) + head.astype(np.int64)  # the head's index (HEAD is relative)
        self.sentence = np.cumsum(starts == 1)  # each word's sentence, numbered (`Doc.sents` starts one at 1)
        self._picked: dict[Callable, list[int]] = {}

    def lemma_in(self, name: str, where: np.ndarray) -> np.ndarray:
        """Which of the words `where` picks have their lemma, lowercased as the rules compare it
        (`lemma_.lower()`), in one of the vocabulary's lists; lowercased for those words alone."""
        at = np.flatnonzero(where)
        found = np.zeros(len(self.doc), dtype=bool)
        found[at] = among(_lowercase_lemmas(self.lemma[at], self.doc.vocab.strings), self.vocabulary.ids(name))
        return found

    def column(self, attrs: list[int]) -> np.ndarray:
        """The values of these attributes (of `ATTRS`), word by attribute."""
        return self.columns[:, [self.ATTRS.index(a) for a in attrs]]

    def picked(self, test: Callable[["Words"], np.ndarray], sentence: "Span") -> list[int]:
        """The indices of the words of a sentence that `test` picks (a function of these arrays
        to a truth value a word), in order; the test is run once for the whole piece."""
        found = self._found(test)
        return found[bisect_left(found, sentence.start) : bisect_left(found, sentence.end)]

    def has(self, test: Callable[["Words"], np.ndarray], start: int, end: int) -> bool:
        """Whether `test` picks a word from index `start` up to `end`."""
        found = self._found(test)
        at = bisect_left(found, start)
        return at < len(found) and found[at] < end

    def _found(self, test: Callable[["Words"], np.ndarray]) -> list[int]:
        if test not in self._picked:
            self._picked[test] = np.flatnonzero(test(self)).tolist()
        return self._picked[test]


def among(column: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Which of a piece's words have one of the `wanted` ids (sorted, as `vocabulary.ids` gives
    them) in one of its arrays: `np.isin`, in a fraction of its time on a piece's few hundred words."""
    if not len(wanted):
        return np.zeros(len(column), dtype=bool)
    at = wanted.searchsorted(column)
    np.minimum(at, len(wanted) - 1, out=at)
    return wanted[at] == column


_LOWERCASE_LEMMAS: dict[int, int] = {}  # a lemma's id -> its lowercase form's id, for every lemma read yet


def _lowercase_lemmas(lemmas: np.ndarray, strings) -> np.ndarray:
    """Each lemma's lowercase form's id, looked up once per distinct lemma of the piece."""
    distinct, where = np.unique(lemmas, return_inverse=True)
    lowered = []
    for lemma in distinct.tolist():
        lower = _LOWERCASE_LEMMAS.get(lemma)
        if lower is None:
            lower = _LOWERCASE_LEMMAS[lemma] = get_string_id(strings[lemma].lower())
        lowered.append(lower)
    return np.array(lowered, dtype=np.uint64)[where]


@dataclass(frozen=True)
class SentenceContext:
    """One sentence as the extractors read it. Character offsets in the sentence's doc become
    offsets in the document text by adding `offset`."""

    sentence: "Span"
    offset: int  # where the sentence's parsed piece starts in the document text
    article: ArticleContext
    entities: Sequence["Span"] = ()  # the NER's entities in the sentence

    @property
    def vocabulary(self) -> "Vocabulary":
        return self.article.vocabulary

    def sentence_of(self, span: "Span") -> "Span":
        """The sentence a span starts in (`span.sent`), without building it anew when it is this one."""
        return self.sentence if self.sentence.start <= span.start < self.sentence.end else span.sent

    @property
    def words(self) -> Words:
        """The arrays of the sentence's piece."""
        return self.article.words[self.offset]

    @cached_property
    def tokens(self) -> list["Token"]:
        """The sentence's tokens, made once for the extractors that each read them all."""
        return list(self.sentence)


def _kin_group(ent: "Span", vocabulary: Vocabulary) -> bool:
    """'the DeVos family', 'the Kennedy brothers': a person's name that stands for several."""
    return ent.end < len(ent.doc) and ent.doc[ent.end].lower_ in vocabulary.kin_groups


def _in_passing(ent: "Span", vocabulary: Vocabulary) -> bool:
    """Whether a name is given in passing: after a preposition, in a list, as what a neutral verb
    has ('investors included Rupert Murdoch'), not as who does or undergoes something."""
    root = ent.root
    listed = root.dep_ == "appos" and root.head.ent_type_ == "PERSON"  # "Larry Ellison, Rupert Murdoch"
    return root.dep_ in ("pobj", "conj") or listed or (root.dep_ == "dobj" and root.head.lemma_.lower() in vocabulary.neutral_verbs)
