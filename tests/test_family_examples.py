"""The claim families' own examples (data/families/<family>.yml `examples:`), run as tests.

A positive example names the claims a reader expects of its sentence (each must be among the
extractor's claims) and, with `rule`, the rule one of them comes from; a negative example names
claims no extraction may give. Every rule, in code or in the pattern files, needs a positive
example, and every negation or hedge branch below a negative one.
"""

from __future__ import annotations

import ast
import re
from importlib import resources

import pytest

from factcheck.patterns import load_families, load_ruleset

RULE_ID = r"[a-z0-9_]+(\.[a-z0-9_]+)*\.v\d+"  # as PatternSpec.id
FAMILIES = load_families()
EXAMPLES = [(name, number, example) for name, family in FAMILIES.items()
            for number, example in enumerate(family.examples, start=1)]

# The branches that keep a claim from being made, each needing a negative example (`branch:`).
NEGATIVE_BRANCHES = {
    "negated_object": "a negated stance object: 'raised no objection' is no stance",
    "hypothetical": "a hedged verb: 'could block' is no stance",
    "year_not_count": "a year is not a count",
    "partitive_part": "'including a dozen in X' is a part of another count, not a claim",
    "vague_duration": "'for many years' is no governor duration",
    "name_number": "'Local 862 president', 'a Boeing 737 jet': a number in a name counts nothing",
    "stressed_one": "'only one building was left standing' stresses a single thing, it counts nothing",
    "role_bid": "'put herself forward to be chief executive' is a bid for the post, not the post",
    "unit_subject": "a unit ('%', 'metres') is never what a claim is about",
    "generic_hat_trick": "'the first player to score a hat-trick' says nobody scored three",
    "score_with_shootout_added": "'won 3-2 after the shoot-out' adds the shoot-out to the score: no final score, no money won",
}


@pytest.fixture(scope="session")
def extract():
    from factcheck import nlp
    from factcheck.extraction import Extractor
    from factcheck.models import Document, Source

    model = nlp.load()
    extractor = Extractor(model, load_ruleset())

    def run(text, published=None):
        source = Source(path="example.txt", published=published.isoformat() if published else None)
        document = Document(source=source, text=text, sha256="example")
        return extractor.extract(document, [(0, model(text))])

    return run


def _matches(claim, wanted) -> bool:
    return all(getattr(claim, field) == value for field, value in wanted.model_dump(exclude_none=True).items())


def _shown(claims) -> str:
    return "; ".join(f"{c.kind} {c.attribute}={c.value!r} of {c.subject!r} ({c.rule})" for c in claims) or "no claims"


@pytest.mark.parametrize("family, number, example", EXAMPLES,
                         ids=[f"{name}-{number}" for name, number, _ in EXAMPLES])
def test_family_example(extract, family, number, example):
    claims = extract(example.text, example.published)
    matched = []
    for wanted in example.expect:
        found = [c for c in claims if _matches(c, wanted)]
        assert found, f"{family} example {number}: no {wanted.model_dump(exclude_none=True)} in {_shown(claims)}"
        matched += found
    if example.rule is not None:
        assert any(c.rule == example.rule for c in matched), \
            f"{family} example {number}: no expected claim from {example.rule}: {_shown(matched)}"
    for unwanted in example.reject:
        found = [c for c in claims if _matches(c, unwanted)]
        assert not found, f"{family} example {number}: {unwanted.model_dump(exclude_none=True)} given: {_shown(found)}"


def _code_rule_ids() -> set[str]:
    """The `rule` ids written in the extraction modules (string constants shaped like rule ids)."""
    shape = re.compile(RULE_ID)
    folder = resources.files("factcheck").joinpath("extraction")
    ids = set()
    for entry in folder.iterdir():
        if entry.name.endswith(".py"):
            for node in ast.walk(ast.parse(entry.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and shape.fullmatch(node.value):
                    ids.add(node.value)
    return ids


def test_the_rule_ids_are_found():
    ids = _code_rule_ids()
    assert {"quantity.counted_noun.v1", "date.clause.v1", "money.governor.v1", "stance.verb_object.v1"} <= ids


def test_every_rule_has_a_positive_example():
    rules = _code_rule_ids() | {spec.id for spec in load_ruleset().patterns}
    covered = {example.rule for _, _, example in EXAMPLES if example.rule}
    assert not sorted(rules - covered), f"rules without a positive example: {', '.join(sorted(rules - covered))}"
    assert not sorted(covered - rules), f"examples name unknown rules: {', '.join(sorted(covered - rules))}"


def test_every_negative_branch_has_a_negative_example():
    branches = {example.branch for _, _, example in EXAMPLES if example.reject}
    missing = {name: why for name, why in NEGATIVE_BRANCHES.items() if name not in branches}
    assert not missing, f"negative branches without an example: {missing}"
    assert not branches - set(NEGATIVE_BRANCHES) - {None}, f"unknown branches: {branches - set(NEGATIVE_BRANCHES)}"
