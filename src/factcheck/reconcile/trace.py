"""Why two claims are or are not in one group: the reconciler's own decisions, step by step.

Each step asks the part of the reconciler that decides it (the subject matcher, the attribute
registry, the rules' grouping, the learned merge, the value comparator) what it decided for
these two claims; nothing here judges on its own, so the explanation cannot drift from what
`conflicts` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..models import Claim, Group
from .explain import describe
from .merging import candidate_pairs, pair_features, summary
from .splitting import Part
from .values import Relation

RELATION_WORDS = {
    Relation.EQUAL: "the same value",
    Relation.COMPATIBLE: "consistent at different precision",
    Relation.SEQUENCE: "a later state of the same thing (a change of position)",
    Relation.UNKNOWN: "cannot be compared (a date that cannot be placed without a publication date)",
    Relation.DIFFERENT: "different values: they cannot both be true at one time",
}


@dataclass(frozen=True)
class Decision:
    """One step: what the reconciler made of each claim, and whether that keeps them together."""

    step: str
    first: str
    second: str
    same: Optional[bool]  # None: a step that does not decide the grouping (the values)
    detail: str


def _key(claim: Claim) -> tuple[str, str]:
    return claim.source.path, claim.id


def _where(parts: list[Part], claim: Claim) -> int:
    return next(i for i, part in enumerate(parts) if any(_key(c) == _key(claim) for c in part.claims))


def trace(reconciler, story_claims: list[Claim], a: Claim, b: Claim, groups: list[Group]) -> list[Decision]:
    """The decisions that put `a` and `b` (claims of one story) in one group or in two.
    `groups` are the story's groups as `conflicts` gives them."""
    parts, matcher = reconciler.story_parts(story_claims)
    i, j = _where(parts, a), _where(parts, b)
    decisions = [_subject(matcher, a, b, parts[i], parts[j]), _attribute(reconciler, a, b)]
    decisions.append(Decision(
        "what it is about", _about(a, parts[i]), _about(b, parts[j]), parts[i].qualifier == parts[j].qualifier,
        "nothing keeps them apart" if parts[i].qualifier == parts[j].qualifier else
        "each is about something else (another year, place, ballot, office holder, or a second value one report gives)"))
    together = i == j
    decisions.append(Decision(
        "the rules' groups", _part_words(parts[i], matcher), _part_words(parts[j], matcher), together,
        "the rules put them in one group" if together else "the rules put them in two groups"))
    merged = reconciler.merger.merge(parts, matcher)
    if not together:
        decisions.append(_learned_merge(reconciler, parts, matcher, i, j, merged, a, b))
    group_a, group_b = (next(g for g in groups if any(_key(c) == _key(claim) for c in g.claims)) for claim in (a, b))
    one = group_a.id == group_b.id
    words = RELATION_WORDS[reconciler.comparator.compare(a, b)]
    if a.source.report == b.source.report:
        words += "; one report: the verdict compares reports, not a report with itself"
    decisions.append(Decision("values", describe({a.value: [a]}), describe({b.value: [b]}), None,
                              words if one else f"never compared, being in two groups (they would be: {words})"))
    decisions.append(Decision("group", f"{group_a.id} ({group_a.verdict})", f"{group_b.id} ({group_b.verdict})", one,
                              "one group" if one else "two groups"))
    return decisions


def _subject(matcher, a: Claim, b: Claim, part_a: Part, part_b: Part) -> Decision:
    def words(claim: Claim, part: Part) -> str:
        written = "not named (the article's main subject)" if claim.subject_inferred else f"'{claim.subject}'"
        key = matcher.key(claim.subject)
        text = f"{written} -> {matcher.display.get(key, claim.subject)} ({matcher.resolution(claim.subject)})"
        if part.key != key:
            text += f"; counted under {matcher.display.get(part.key, part.key.strip(chr(0)) or claim.subject)}"
        return text

    same = part_a.key == part_b.key
    detail = "the same subject" if same else (
        "two subjects: if they are one, `factcheck correct merge` (or an aliases file) makes them one")
    return Decision("subject", words(a, part_a), words(b, part_b), same, detail)


def _attribute(reconciler, a: Claim, b: Claim) -> Decision:
    registry = reconciler.registry
    fa, fb = registry.canonical(a.attribute), registry.canonical(b.attribute)

    def words(claim: Claim, family: str) -> str:
        listed = "" if family in registry.data.registry else ", not in the attribute registry"
        return (f"{claim.attribute}" + (f" -> {family}" if family != claim.attribute else "")
                + f" ({registry.mutability(family)}{listed})")

    return Decision("attribute", words(a, fa), words(b, fb), fa == fb,
                    "one attribute family" if fa == fb else "two attributes: only the learned merge can join them")


def _about(claim: Claim, part: Part) -> str:
    said = [f"{name} {value!r}" for name, value in (("qualifier", claim.qualifier), ("scope", claim.scope),
                                                      ("occasion", claim.occasion)) if value]
    return (", ".join(said) or "says nothing more") + (f"; group about {part.qualifier!r}" if part.qualifier else "")


def _part_words(part: Part, matcher) -> str:
    name = matcher.display.get(part.key, part.claims[0].subject)
    return f"{name} · {part.family.replace('_', ' ')}" + (f" ({part.qualifier})" if part.qualifier else "") + f", {len(part.claims)} claim{'' if len(part.claims) == 1 else 's'}"


def _learned_merge(reconciler, parts: list[Part], matcher, i: int, j: int, merged: list[Part], a: Claim, b: Claim) -> Decision:
    merger = reconciler.merger
    joined = _where(merged, a) == _where(merged, b)
    pair = (min(i, j), max(i, j))
    if not merger.weights:
        return Decision("learned merge", "", "", joined, "the learned merge is off")
    if pair not in set(candidate_pairs(parts)):
        return Decision("learned merge", "", "", joined,
                        "not a candidate: the groups are of other kinds, roles or stances, or share no attribute, subject or value")
    p = merger.probability(pair_features(summary(parts[i], matcher), summary(parts[j], matcher), matcher, reconciler.comparator))
    score = f"the model scores the two groups {p:.2f} (it merges at {merger.threshold:.2f} or more)"
    if joined:
        return Decision("learned merge", "", "", True, f"{score}: merged")
    if p >= merger.threshold:
        return Decision("learned merge", "", "", False, f"{score}, but they stay apart: one report states both values, two "
                        "subjects named apart share a small value, or one of them joined a group the other cannot")
    return Decision("learned merge", "", "", False, f"{score}: not merged")
