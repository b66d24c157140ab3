"""The vocabulary files, indexed once per ruleset for lookup by lemma phrase."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

import numpy as np
from spacy.strings import get_string_id

from ..normalize import fold
from ..patterns import Ruleset, phrase_index
from .lookahead import opened


@dataclass
class Vocabulary:
    """The vocabulary files, indexed for lookup by lemma phrase."""

    count_nouns: dict[str, str]
    count_verbs: dict[str, str]
    tally_nouns: dict[str, str]
    support_nouns: set[str]
    percent_nouns: dict[str, str]
    money_triggers: dict[str, str]
    payment_forms: set[str]  # "$4.2 billion in cash": how it is paid, not what it pays for
    date_triggers: dict[str, str]
    since_triggers: dict[str, str]
    event_nouns: dict[str, str]
    duration_nouns: dict[str, str]
    duration_triggers: dict[str, str]
    ordinal_nouns: dict[str, str]
    repeat_verbs: dict[str, str]
    rank_verbs: set[str]
    stance_verbs: dict[str, list[tuple[str, set[str]]]]
    stance_objects: set[str]
    stance_parts: set[str]  # what a word's lemma must be for a phrase of it to be a stance's ...
    stance_openers: set[str]  # ... unless a preposition under it opens the phrase: what comes before a space in one
    intransitive_stances: set[str]
    share_prefix: str
    measure_units: dict[str, str]
    measure_nouns: dict[str, str]
    uncounted_nouns: set[str]
    stray_subjects: set[str]
    scope_prepositions: set[str]
    scope_nouns: set[str]
    occasion_nouns: set[str]  # "on the second day": nouns an ordinal makes one of several occasions
    scope_modifiers: set[str]  # "in northern Syria" is a part of Syria; "in neighbouring Syria" is Syria
    count_roles: dict[str, str]
    asking_roles: set[str]  # "asked the judge to make her pay $804 million": sought
    former_modifiers: set[str]
    future_modifiers: set[str]
    future_auxiliaries: set[str]
    future_phrases: re.Pattern
    hedging_modals: set[str]
    until_words: set[str]
    before_words: set[str]
    part_prepositions: set[str]
    tally_heads: set[str]
    organisation_words: set[str]
    human_nouns: set[str]
    named: dict[str, str]  # the attributes the code names, by their part (the registry's named_in_code)
    event_attributes: set[str]
    event_verbs: set[str]
    occurrence_verbs: set[str]
    collective_heads: set[str]
    kin_groups: set[str]  # "the DeVos family": a name that stands for several people
    judging_bodies: set[str]  # "the jury's verdict": who decides, not whom it is about
    boundary_prepositions: dict[str, str]
    patient_verbs: set[str]
    neutral_verbs: set[str]
    plain_modifiers: set[str]
    event_titles: set[str]
    reporting_verbs: set[str]
    generic_measures: set[str]
    generic_rates: set[str]
    lasting_verbs: set[str]  # "the strike has lasted 40 days": how long an event has gone on
    measuring_verbs: set[str]  # "the quake measured 6.8": what an event measured
    event_measures: dict[str, str]  # an event class -> the attribute of what it measured (magnitude)
    tenure_ending_verbs: set[str]  # "resigned after five years", "ousted Chapek after three years"
    staying_verbs: set[str]  # "will remain CEO through 2026": staying in a post
    handover_verbs: set[str]  # "handing the mantle over to Chapek": the one handed to takes office
    handover_objects: set[str]  # what is handed over when a post is: the mantle, the reins
    period_parts: set[str]  # "at the end of 2021": a part of a period, in the date, not a word about it
    word_classes: dict[str, str]  # word -> the class that names attributes derived from it
    title_words: set[str]
    relation_nouns: set[str]
    led_by_verbs: set[str]
    change_cues: re.Pattern
    titles: dict[str, list[tuple[str, ...]]]  # by first word, longest first
    title_synonyms: dict[str, str]
    time_modifiers: set[str]
    government_titles: set[str]
    descriptive_titles: set[str]
    demonyms: dict[str, str]
    aliases: dict[str, str]
    descriptors: dict[str, str]
    pronouns: dict[str, str]
    entity_types: dict[str, list[str]]
    _ids: dict[str, np.ndarray] = field(default_factory=dict, init=False, repr=False, compare=False)

    def ids(self, name: str) -> np.ndarray:
        """The StringStore ids of the words of one of these lists, by its name: made once, to find
        the words in a piece's arrays (`context.Words`)."""
        if name not in self._ids:
            self._ids[name] = ids(getattr(self, name))
        return self._ids[name]

    def role_of(self, words: Optional[str]) -> Optional[str]:
        """The role words give a count ('lose' -> 'lost', 'not guilty' -> 'acquitted'), or None."""
        if not words:
            return None
        return self.count_roles.get(words.lower()) or self.count_roles.get(words.lower().split()[-1])

    @classmethod
    def from_ruleset(cls, rules: Ruleset) -> "Vocabulary":
        v = rules.vocabulary
        dates = dict(v["date_triggers"])
        since = {k: dates.pop(k) for k in ("in_office_since", "member_since") if k in dates}
        stance_verbs: dict[str, list[tuple[str, set[str]]]] = {}
        for stance, spec in v["stances"].items():
            objects = {str(o).lower() for o in spec.get("objects") or []}
            for verb in spec.get("verbs") or []:
                stance_verbs.setdefault(str(verb).lower(), []).append((spec.get("value") or stance, objects))
        titles = rules.titles
        synonyms = {}
        for group in titles["synonyms"]:
            for name in group:
                synonyms[str(name).lower()] = str(group[0]).lower()
        aliases = {}
        for group in rules.aliases:
            for name in group:
                aliases.setdefault(fold(str(name)), str(group[0]))
        cues = sorted((str(c) for c in v["change_cues"]), key=len, reverse=True)
        title_phrases = {tuple(str(t).lower().replace("-", " - ").split()) for t in titles["titles"]}
        title_phrases |= {tuple(s.replace("-", " - ").split()) for s in synonyms}
        return cls(
            count_nouns=phrase_index(v["count_nouns"]),
            count_verbs=phrase_index(v["count_verbs"]),
            tally_nouns=phrase_index(v["tally_nouns"]),
            support_nouns=_words(v["support_nouns"]),
            percent_nouns=phrase_index(v["percent_nouns"]),
            money_triggers=phrase_index(v["money_triggers"]),
            payment_forms=_words(v["payment_forms"]),
            date_triggers=phrase_index(dates),
            since_triggers=phrase_index(since),
            event_nouns=phrase_index(v["event_nouns"]),
            duration_nouns=phrase_index(v["duration_nouns"]),
            duration_triggers=phrase_index(v["duration_triggers"]),
            ordinal_nouns=phrase_index(v["ordinal_nouns"]),
            repeat_verbs=phrase_index(v["repeat_verbs"]),
            rank_verbs=_words(v["rank_verbs"]),
            stance_verbs=stance_verbs,
            stance_objects={o for entries in stance_verbs.values() for _, objects in entries for o in objects},
            stance_parts=_parts(stance_verbs),
            stance_openers={p[:at] for p in stance_verbs for at, char in enumerate(p) if char == " "},
            intransitive_stances={str(x) for x in v["intransitive_stances"]},
            share_prefix=str(v["share_attribute_prefix"]),
            measure_units={str(k).lower(): str(u) for k, u in v["measure_units"].items()},
            measure_nouns=phrase_index(v["measure_nouns"]),
            uncounted_nouns=_words(v["uncounted_nouns"]),
            scope_prepositions=_words(v["scope_prepositions"]),
            scope_nouns=_words(v["scope_nouns"]),
            scope_modifiers=_words(v["scope_modifiers"]),
            occasion_nouns=_words(v["occasion_nouns"]),
            count_roles=phrase_index(v["count_roles"]),
            asking_roles=_words(v["asking_roles"]),
            former_modifiers=_words(v["former_modifiers"]),
            future_modifiers=_words(v["future_modifiers"]),
            future_auxiliaries=_words(v["future_auxiliaries"]),
            future_phrases=re.compile(r"\b(?:" + "|".join(re.escape(p) for p in v["future_phrases"]) + r")\b"),
            hedging_modals=_words(v["hedging_modals"]),
            until_words=_words(v["until_words"]),
            before_words=_words(v["before_words"]),
            part_prepositions=_words(v["part_prepositions"]),
            tally_heads=_words(v["tally_heads"]),
            organisation_words=_words(v["organisation_words"]),
            human_nouns=_words(v["human_nouns"]),
            named=dict(rules.registry.data.named_in_code),
            stray_subjects={fold(str(w)) or str(w) for w in v["stray_subjects"]} | {fold(u) for u in v["measure_units"]},
            event_attributes={str(a) for a in v["event_attributes"]},
            event_verbs=_words(v["event_verbs"]),
            occurrence_verbs=_words(v["occurrence_verbs"]),
            collective_heads=_words(v["collective_heads"]),
            kin_groups=_words(v["kin_groups"]),
            judging_bodies=_words(v["judging_bodies"]),
            boundary_prepositions={str(k).lower(): str(a) for k, a in v["boundary_prepositions"].items()},
            patient_verbs=_words(v["patient_verbs"]),
            neutral_verbs=_words(v["neutral_verbs"]),
            plain_modifiers=_words(v["plain_modifiers"]),
            event_titles={str(t).lower() for t in titles["event_titles"]},
            reporting_verbs=_words(v["reporting_verbs"]),
            generic_measures=_words(v["generic_measures"]),
            generic_rates=_words(v["generic_rates"]),
            lasting_verbs=_words(v["lasting_verbs"]),
            measuring_verbs=_words(v["measuring_verbs"]),
            event_measures=phrase_index(v["event_measures"]),
            tenure_ending_verbs=_words(v["tenure_ending_verbs"]),
            staying_verbs=_words(v["staying_verbs"]),
            period_parts=_words(v["period_parts"]),
            handover_verbs=_words(v["handover_verbs"]),
            handover_objects=_words(v["handover_objects"]),
            word_classes=phrase_index(v["word_classes"]),
            title_words={w for t in title_phrases for w in t if w != "-"} | {"mr", "mrs", "ms", "dr", "sir", "lady", "lord"},
            relation_nouns=_words(v["relation_nouns"]),
            led_by_verbs=_words(v["led_by_verbs"]),
            change_cues=re.compile(opened(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b", re.I), re.I),
            titles=_by_first_word(title_phrases),
            title_synonyms=synonyms,
            time_modifiers={str(m).lower() for m in titles["time_modifiers"]},
            government_titles={str(t).lower() for t in titles["government_titles"]},
            descriptive_titles={str(t).lower() for t in titles["descriptive_titles"]},
            demonyms={str(k).lower(): str(val) for k, val in titles["demonyms"].items()},
            aliases=aliases,
            descriptors={str(w).lower(): label for label, words in rules.descriptors.items() for w in words},
            pronouns={str(w).lower(): label for label, words in rules.pronouns.items() for w in words},
            entity_types=rules.entity_types,
        )


def ids(words: Iterable[str]) -> np.ndarray:
    """The StringStore ids of some words, sorted, to find them in a piece's arrays (`context.among`)."""
    return np.unique(np.array([get_string_id(w) for w in words], dtype=np.uint64))


def _by_first_word(phrases: Iterable[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        index.setdefault(phrase[0], []).append(phrase)
    return index


def _parts(phrases: Iterable[str]) -> set[str]:
    """The phrases with what comes before and after each space in them: 'object to' gives
    'object to', 'object' and 'to'."""
    parts = set()
    for phrase in phrases:
        parts.add(phrase)
        for at, char in enumerate(phrase):
            if char == " ":
                parts.update((phrase[:at], phrase[at + 1 :]))
    return parts


def _words(words) -> set[str]:
    return {str(w).lower() for w in words}
