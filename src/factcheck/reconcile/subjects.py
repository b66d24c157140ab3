"""Subjects matched within a story: the names, surnames, acronyms, descriptions and event nouns
that mean one subject get one key, blocked so the cost grows with the claims, not their square."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Optional

from rapidfuzz import fuzz, process

from ..models import Claim
from ..normalize import fold
from ..patterns import Ruleset, phrase_index


@dataclass(frozen=True)
class SubjectRules:
    """What matching subjects reads of the rules, worked out once per ruleset, not once per story."""

    threshold: float  # how alike two spellings must be to be one name
    aliases: dict[str, str]  # a folded name -> the folded name of its group's first
    event_classes: dict[str, str]  # an event noun -> its class
    generic: frozenset[str]  # words that name whatever the story's main event is
    roles: frozenset[str]  # the folded count roles (seats lost)
    part_of: frozenset[str]  # words before a place that name a part of it ("northern")
    corporate_suffixes: frozenset[str]  # "Co.", "Inc.": no part of what tells a company apart

    @classmethod
    def of(cls, rules: Ruleset) -> "SubjectRules":
        aliases: dict[str, str] = {}
        for group in rules.aliases:
            for name in group:
                aliases.setdefault(fold(str(name)), fold(str(group[0])))
        return cls(rules.registry.data.subject_similarity, aliases, phrase_index(rules.vocabulary.get("event_nouns", {})),
                   frozenset(rules.vocabulary.get("event_descriptions", [])),
                   frozenset(fold(role) for role in rules.vocabulary.get("count_roles", {})),
                   frozenset(fold(str(w)) for w in rules.vocabulary.get("scope_modifiers", [])),
                   frozenset(fold(str(w)) for w in rules.vocabulary.get("corporate_suffixes", [])))


class SubjectMatcher:
    """Maps the subjects of one story to canonical keys."""

    def __init__(self, subjects: Iterable[str], rules: SubjectRules):
        self.threshold = rules.threshold
        alias = rules.aliases
        counts = Counter(subjects)
        keys = {}
        self.how: dict[str, str] = {}  # a folded name -> how it found its key (for `factcheck explain`)
        for subject in counts:
            key = _without_suffix(fold(subject), rules.corporate_suffixes)
            keys[subject] = alias.get(key, key)
            if keys[subject] != key:
                self.how[key] = f"an alias of '{keys[subject]}'"
        self.display: dict[str, str] = {}
        distinct = sorted(set(keys.values()), key=lambda k: (-len(k.split()), -len(k), k))
        canonical = {key: key for key in distinct}
        by_last: dict[str, list[str]] = defaultdict(list)
        by_initials: dict[str, list[str]] = defaultdict(list)
        for key in distinct:
            words = key.split()
            if len(words) > 1:
                if words[0] not in rules.part_of:  # "northern Syria" is a part of Syria, not a longer name of it
                    by_last[words[-1]].append(key)
                initials = "".join(w[0] for w in words if w not in ("of", "and", "for", "the", "de"))
                by_initials[initials].append(key)
        descriptions: dict[str, list[str]] = defaultdict(list)  # common-noun subjects by word
        described = {keys[subject] for subject in counts if subject == subject.lower()}
        for key in distinct:
            if key in described and len(key.split()) > 1:
                for word in key.split():
                    descriptions[word].append(key)
        self.events = _story_events(counts, keys, rules.event_classes, rules.generic)
        blocks: dict[str, list[str]] = defaultdict(list)
        for key in distinct:
            words = key.split()
            if key in self.events.of_key:
                canonical[key] = self.events.of_key[key]  # "the quake", "Turkey-Syria earthquake": the story's event
                self.how.setdefault(key, "names or describes the story's event")
                continue
            if key in described and len(words) == 1 and len(descriptions.get(key, [])) == 1:
                canonical[key] = descriptions[key][0]  # "the coalition" and "the coalition government"
                self.how.setdefault(key, "a shorter description of the same thing")
                continue
            if len(words) == 1 and len(by_last.get(key, [])) == 1:
                canonical[key] = by_last[key][0]  # a surname: the one full name that ends with it
                self.how.setdefault(key, "a surname: the story's one full name ending with it")
                continue
            if len(words) == 1 and len(by_initials.get(key, [])) == 1 and len(key) >= 2:
                canonical[key] = by_initials[key][0]  # an acronym of a longer name
                self.how.setdefault(key, "an acronym of the longer name")
                continue
            block = blocks[(words[-1][:3] if words else "")]
            match = process.extractOne(key, block, scorer=fuzz.token_sort_ratio, score_cutoff=self.threshold) if block else None
            if match is not None:
                canonical[key] = canonical[match[0]]
                self.how.setdefault(key, f"spelt like '{match[0]}' ({match[1]:.0f}% alike)")
            else:
                block.append(key)
        self.keys = {subject: canonical[key] for subject, key in keys.items()}
        self._named = keys
        self.roles = rules.roles
        self._event_keys: Optional[set[str]] = None
        names: dict[str, dict[str, int]] = defaultdict(dict)  # each key's names as written, with their counts
        for subject, n in counts.items():
            names[self.keys[subject]][subject] = n
        for key, written in names.items():
            self.display[key] = max(written, key=lambda s: (s != s.lower(), written[s], len(s), s))  # names first

    def key(self, subject: str) -> str:
        return self.keys[subject]

    def resolution(self, subject: str) -> str:
        """How a subject found its key, in words: each step from the name as written."""
        names = dict.fromkeys((fold(subject), self._named[subject]))  # as written, then through the aliases
        return "; then ".join(self.how[n] for n in names if n in self.how) or "its own name"

    @property
    def event_keys(self) -> set[str]:
        """The keys of the story's events."""
        if self._event_keys is None:
            self._event_keys = set(self.events.of_key.values())
        return self._event_keys

    def is_event_or_description(self, claim: Claim) -> bool:
        """Whether a claim is said of the story's event, a description or nothing named."""
        key = self.key(claim.subject)
        return claim.subject_inferred or claim.subject == claim.subject.lower() or key in self.event_keys

    def event(self, event_class: str) -> Optional[str]:
        """The key of the story's event of a class ('deal', 'earthquake'; '' for its main event of
        any class), when it has one."""
        return self.events.main.get(event_class)


def _without_suffix(key: str, suffixes: frozenset[str]) -> str:
    """A folded name without the company suffix that ends it ('walt disney co' -> 'walt disney')."""
    head, _, last = key.rpartition(" ")
    return head if head and last in suffixes else key


@dataclass
class StoryEvents:
    """The events a story's subjects name: for each folded subject that names or describes an
    event, the key of the event it is; and the story's main event of each class."""

    of_key: dict[str, str]
    main: dict[str, str]


def _story_events(counts: Counter, keys: dict[str, str], event_class: dict[str, str], generic: frozenset[str]) -> StoryEvents:
    """One event per class and distinct name: a description ('the quake', 'the deal') is the
    story's most mentioned event of its class; names of one class join when the words besides
    the event noun of one are among the other's ('Syria earthquake', 'Turkey-Syria earthquake');
    a generic word ('the disaster', 'the tragedy') is the story's most mentioned event."""
    mentions: Counter = Counter()
    classes: dict[str, str] = {}
    names: dict[str, set[str]] = {}
    for subject, n in counts.items():
        key = keys[subject]
        words = key.replace("-", " ").split()
        if words and words[-1] in generic:
            found: Optional[str] = ""  # any class: the story's main event
        else:
            found = next((event_class[w] for w in reversed(words) if w in event_class), None)
        if found is None:
            continue
        classes[key] = found
        mentions[key] += n
        if subject != subject.lower():
            names[key] = {w for w in words if w not in event_class and w not in generic}
    of_key: dict[str, str] = {}
    main: dict[str, str] = {}
    ranked = sorted(names, key=lambda k: (-mentions[k], -len(k), k))
    for key in ranked:  # names: the most mentioned first, others join it when their words fit
        target = next((t for t in ranked if of_key.get(t) == t and classes[t] == classes[key]
                       and names[key] and (names[key] <= names[t] or names[t] <= names[key])), key)
        of_key[key] = target
        main.setdefault(classes[key], target)
    for key in sorted(set(classes) - set(names)):  # descriptions
        cls = classes[key]
        target = main.get(cls) if cls else (ranked[0] if ranked else None)
        if target is None:
            target = main.setdefault(cls, key) if cls else key
        of_key[key] = target
    if ranked:
        main.setdefault("", ranked[0])
    return StoryEvents(of_key=of_key, main=main)
