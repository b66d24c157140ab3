"""The shapes of the built-in data files: the claim families (families/*.yml), titles.yml and aliases.yml.

Each file is validated when it is loaded, and so is the `vocabulary:` section of a user's pattern
file (which may give any subset of the keys: it adds to the built-in lists). An unknown key or a
value of the wrong shape is a one-line error naming the file and the entry (see
`patterns._validation_message`), not an AttributeError deep in extraction. The schema of
data/attributes.yml is `attributes.AttributesFile`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

Phrases = list[str]  # words or lemma phrases ("object to", "square off")
PhrasesByAttribute = dict[str, Phrases]  # attribute -> the phrases that name it
NameGroup = Annotated[list[str], Field(min_length=1)]  # the first name is the canonical one
StancePair = Annotated[list[str], Field(min_length=2, max_length=2)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


class StanceSpec(_Strict):
    """One stance: the verbs that state it and, for a light verb ('lift'), the objects it needs;
    `value` when the entry states a stance another entry names ('won approval': approved)."""

    verbs: Phrases = []
    objects: Phrases = []
    value: Optional[str] = None


class VocabularyFile(_Strict):
    """The `vocabulary:` sections of the family files (merged), and that of a user's pattern file.

    Every key has a default so that a user's section (or one family's) may give only what it
    adds; the built-in families together must give every key (`missing_builtin_keys`).
    """

    count_nouns: PhrasesByAttribute = {}
    count_verbs: PhrasesByAttribute = {}
    tally_nouns: PhrasesByAttribute = {}
    support_nouns: Phrases = []
    relation_nouns: Phrases = []
    led_by_verbs: Phrases = []
    share_attribute_prefix: str = "share_of_"
    percent_nouns: PhrasesByAttribute = {}
    money_triggers: PhrasesByAttribute = {}
    payment_forms: Phrases = []
    date_triggers: PhrasesByAttribute = {}
    event_nouns: PhrasesByAttribute = {}
    event_descriptions: Phrases = []
    duration_nouns: PhrasesByAttribute = {}
    duration_triggers: PhrasesByAttribute = {}
    ordinal_nouns: PhrasesByAttribute = {}
    repeat_verbs: PhrasesByAttribute = {}
    rank_verbs: Phrases = []  # verbs an ordinal says the place of ('ranks third')
    stances: dict[str, StanceSpec] = {}
    stance_compatible: list[StancePair] = []  # stances one actor may hold at once
    stance_sequences: list[StancePair] = []  # a stance, then the later one that presupposes it
    change_cues: Phrases = []
    measure_units: dict[str, str] = {}  # unit word -> canonical unit
    measure_nouns: PhrasesByAttribute = {}
    uncounted_nouns: Phrases = []
    event_attributes: Phrases = []
    event_verbs: Phrases = []
    occurrence_verbs: Phrases = []
    generic_measures: Phrases = []
    generic_rates: Phrases = []
    lasting_verbs: Phrases = []
    measuring_verbs: Phrases = []
    event_measures: PhrasesByAttribute = {}
    tenure_ending_verbs: Phrases = []
    staying_verbs: Phrases = []
    period_parts: Phrases = []
    handover_verbs: Phrases = []
    handover_objects: Phrases = []
    scope_modifiers: Phrases = []
    occasion_nouns: Phrases = []
    word_classes: PhrasesByAttribute = {}  # class -> the words a derived attribute is named by
    boundary_prepositions: dict[str, str] = {}  # preposition -> the attribute it bounds
    reporting_verbs: Phrases = []
    patient_verbs: Phrases = []
    neutral_verbs: Phrases = []
    plain_modifiers: Phrases = []
    intransitive_stances: Phrases = []
    collective_heads: Phrases = []
    kin_groups: Phrases = []
    judging_bodies: Phrases = []
    corporate_suffixes: Phrases = []
    former_modifiers: Phrases = []  # "former minister"
    future_modifiers: Phrases = []  # "incoming minister"
    future_auxiliaries: Phrases = []  # "will", "would"
    future_phrases: Phrases = []  # "expected to", "set to"
    hedging_modals: Phrases = []  # "could", "might": a possibility, not a stance
    until_words: Phrases = []  # "until Thursday": to come
    before_words: Phrases = []  # "by Sunday": to come unless the verb is past
    part_prepositions: Phrases = []
    tally_heads: Phrases = []  # "the number of X": a tally of X
    organisation_words: Phrases = []
    human_nouns: Phrases = []  # "people", "residents": counted by what they did  # "Disney Company": a body's name, not a person's  # "including a dozen": a part of another count
    scope_prepositions: Phrases = []  # "died in Syria": a count limited to a place
    scope_nouns: Phrases = []  # "in government-held areas": a part of a place without a name
    stray_subjects: Phrases = []  # never what a claim is about ("%", "people")
    count_roles: PhrasesByAttribute = {}  # the role a number plays ("lost", "projected")
    asking_roles: Phrases = []  # the count roles of a verb a whole clause may be asked for under

    def missing_builtin_keys(self) -> list[str]:
        return [name for name in type(self).model_fields if name not in self.model_fields_set]


class ExpectedClaim(_Strict):
    """A claim a positive example must give (among others): its kind, attribute and value."""

    kind: str
    attribute: str
    value: str
    subject: Optional[str] = None


class RejectedClaim(_Strict):
    """What no claim of a negative example may be: the fields given must not all match one claim."""

    kind: Optional[str] = None
    attribute: Optional[str] = None
    value: Optional[str] = None
    subject: Optional[str] = None  # "a unit is never a subject"


class Example(_Strict):
    """One example sentence of a family: the claims it gives (`expect`), or must not (`reject`).

    `rule` names the rule a positive example exercises (some expected claim comes from it);
    `branch` names the negation or hedge a negative example exercises.
    """

    text: str = Field(min_length=1)
    published: Optional[date] = None
    rule: Optional[str] = None
    branch: Optional[str] = None
    expect: list[ExpectedClaim] = []
    reject: list[RejectedClaim] = []

    @model_validator(mode="after")
    def _expect_or_reject(self) -> "Example":
        if bool(self.expect) == bool(self.reject):
            raise ValueError("give exactly one of 'expect' (a positive example) or 'reject' (a negative one)")
        if self.rule is not None and not self.expect:
            raise ValueError("'rule' belongs to a positive example")
        if self.branch is not None and not self.reject:
            raise ValueError("'branch' belongs to a negative example")
        return self


class FamilyFile(_Strict):
    """data/families/<family>.yml: one claim family's patterns, the vocabulary keys it owns, its examples.

    The patterns are checked as `patterns.PatternSpec`s by the loader (which names each by its id).
    """

    patterns: list[dict[str, Any]] = []
    vocabulary: VocabularyFile = VocabularyFile()
    examples: list[Example] = []


class TitlesFile(_Strict):
    """data/titles.yml: the titles of office and the words around them."""

    titles: Phrases
    government_titles: Phrases
    descriptive_titles: Phrases
    shared_offices: Phrases
    event_titles: Phrases
    time_modifiers: Phrases
    synonyms: list[NameGroup]
    demonyms: dict[str, str]  # demonym -> country


class AliasFile(_Strict):
    """A user's alias file: groups of names for one thing, the first being the canonical one."""

    aliases: list[NameGroup] = []
    descriptors: dict[str, Phrases] = {}


class AliasesFile(AliasFile):
    """data/aliases.yml: name groups, and the words that point back at an entity of a type."""

    aliases: list[NameGroup]
    descriptors: dict[str, Phrases]
    pronouns: dict[str, Phrases]
    entity_types: dict[str, Phrases]
