"""The attribute registry: what an attribute means, the names extraction gives it, how it changes.

Extraction names an attribute by the words of the text (a vocabulary entry, or the lemma of an
unlisted noun or verb: `die_date`, `toll_count`); the registry says which of those names state
one attribute, and how its true value may move between reports, which is what decides whether a
difference between dated sources is change over time or a contradiction. It is data
(data/attributes.yml, extended by a user's `--patterns` file); this module only reads it.
"""

from __future__ import annotations

from functools import cached_property
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .models import Kind

Mutability = Literal["rises", "revised", "fixed", "calendar"]


class AttributeSpec(BaseModel):
    """One attribute of the registry."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Kind
    names: list[str] = []
    mutability: Mutability = "revised"
    event: Optional[str] = None  # the event class (vocabulary `event_nouns`) it belongs to
    of_event: bool = False  # said of the event whichever party the sentence names ("the buyer will pay")
    unit: Optional[str] = None


class AttributesFile(BaseModel):
    """The shape of data/attributes.yml (and of `attributes:` in a user's pattern file)."""

    model_config = ConfigDict(extra="forbid")

    registry: dict[str, AttributeSpec] = {}
    named_in_code: dict[str, str] = {}
    subject_similarity: float = Field(default=90, ge=0, le=100)
    approximate_tolerance: float = Field(default=0.1, ge=0, le=1)
    tenure_tolerance_years: float = Field(default=1, ge=0)
    revision_roles: list[str] = []  # roles that on a count that is revised only date the value

    @model_validator(mode="after")
    def _code_names_are_attributes(self) -> "AttributesFile":
        known = set(self.registry) | {n for spec in self.registry.values() for n in spec.names}
        for role, attribute in self.named_in_code.items():
            if self.registry and attribute not in known:
                raise ValueError(f"named_in_code -> {role}: {attribute!r} is no attribute of the registry")
        return self


UNLISTED = AttributeSpec(kind="quantity")


class Registry:
    """Lookups over the attributes file: an attribute's canonical name and its spec."""

    def __init__(self, data: AttributesFile):
        self.data = data
        self._canonical: dict[str, str] = {}
        for name, spec in data.registry.items():
            self._canonical.setdefault(name, name)
            for other in spec.names:
                self._canonical.setdefault(other, name)

    def canonical(self, attribute: str) -> str:
        """The registry's name for an attribute extraction named (itself when unlisted)."""
        return self._canonical.get(attribute, attribute)

    def named(self, role: str) -> str:
        """The attribute the code names by its part ('members' -> 'member_count')."""
        return self.data.named_in_code[role]

    def spec(self, attribute: str) -> AttributeSpec:
        return self.data.registry.get(self.canonical(attribute), UNLISTED)

    def mutability(self, attribute: str) -> Mutability:
        return self.spec(attribute).mutability

    @cached_property
    def by_event(self) -> dict[str, set[str]]:
        """The attributes that belong to each event class."""
        found: dict[str, set[str]] = {}
        for name, spec in self.data.registry.items():
            if spec.event:
                found.setdefault(spec.event, set()).add(name)
        return found
