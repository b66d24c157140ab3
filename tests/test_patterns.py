"""The user's own rules: pattern, vocabulary and alias files on top of the built-in ones.

Each test writes the user's file to tmp_path, loads it with `load_ruleset`, and runs the
installed spaCy model over a sentence of an invented story.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import nlp
from factcheck.cli import app, main
from factcheck.errors import RulesetError
from factcheck.extraction import Extractor
from factcheck.models import Claim, Document, Source
from factcheck.patterns import load_ruleset
from factcheck.reconcile import reconcile


@pytest.fixture(scope="module")
def model():
    return nlp.load()


def write(path: Path, text: str) -> str:
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return str(path)


def claims_of(model, text: str, patterns=(), aliases=(), published=None, path="harwick/01_gazette.txt"):
    rules = load_ruleset(tuple(patterns), tuple(aliases))
    document = Document(source=Source(path=path, published=published, story="harwick"), text=text,
                        sha256="patterns-test")
    claims = Extractor(model, rules).extract(document, [(0, model(text))])
    for claim in claims:  # every claim, whatever rule made it, rests on exact words of the text
        assert text[claim.start:claim.end] == claim.quote
    return claims


def by_rule(claims, rule: str) -> list[Claim]:
    return [c for c in claims if c.rule == rule]


# --------------------------------------------------------------------------- user patterns

SANDBAGS = """
patterns:
  - id: user.sandbags.v1
    kind: quantity
    attribute: sandbags_filled
    subject: Harwick Flood Action Group
    tokens:
      - {LIKE_NUM: true, capture: value}
      - {LOWER: sandbags}
"""


def test_token_pattern_with_value_capture_adds_a_claim(model, tmp_path):
    text = "Volunteers worked through the night and filled 4,500 sandbags before the river peaked."
    assert not by_rule(claims_of(model, text), "user.sandbags.v1")

    claims = by_rule(claims_of(model, text, [write(tmp_path / "p.yml", SANDBAGS)]), "user.sandbags.v1")

    assert len(claims) == 1
    claim = claims[0]
    assert (claim.subject, claim.attribute, claim.kind, claim.value) == (
        "Harwick Flood Action Group", "sandbags_filled", "quantity", "4500")
    assert claim.value_text == "4,500"
    assert claim.quote == "4,500 sandbags"
    assert claim.start == text.index("4,500 sandbags")


def test_token_pattern_with_subject_capture(model, tmp_path):
    path = write(tmp_path / "p.yml", """
        patterns:
          - id: user.filled.v1
            kind: quantity
            attribute: sandbags_filled
            tokens:
              - {ENT_TYPE: ORG, OP: "+", capture: subject}
              - {LEMMA: fill}
              - {LIKE_NUM: true, capture: value}
    """)
    text = "The Harwick Flood Action Group filled 4,500 sandbags overnight."
    claims = by_rule(claims_of(model, text, [path]), "user.filled.v1")
    assert [(c.subject, c.attribute, c.value) for c in claims] == [
        ("Harwick Flood Action Group", "sandbags_filled", "4500")]


def test_token_pattern_with_bound_keeps_the_bound(model, tmp_path):
    path = write(tmp_path / "p.yml", """
        - id: user.pumps.v1
          kind: quantity
          attribute: pumps
          subject: Harwick
          tokens:
            - {LOWER: {IN: [more, at]}, capture: value}
            - {LOWER: {IN: [than, least]}, capture: value}
            - {LIKE_NUM: true, capture: value}
            - {LOWER: pumps}
    """)  # a bare list of patterns is a pattern file too
    text = "Engineers brought more than 30 pumps to the flooded streets."
    claims = by_rule(claims_of(model, text, [path]), "user.pumps.v1")
    assert [(c.value, c.bound, c.value_text) for c in claims] == [("30", "min", "more than 30")]


RIVER_LEVEL = r"""
patterns:
  - id: user.river_level.v1
    kind: quantity
    attribute: river_level_m
    subject: Marlow River
    regex: '(?i)\bpeaked at (?P<value>\d+(?:\.\d+)?) ?(?:m|metres)\b'
"""


ACROSS = """
patterns:
  - id: user.across.v1
    kind: quantity
    attribute: crossed
    subject: Harwick
    tokens:
      - {LOWER: aged}
      - {ORTH: {IN: [".", ","]}, OP: "*"}
      - {LIKE_NUM: true, capture: value}
"""
NOT_SANDBAGS = """
patterns:
  - id: user.not.v1
    kind: quantity
    attribute: not_sandbags
    subject: Harwick
    tokens:
      - {LIKE_NUM: true, capture: value}
      - {LOWER: sandbags, OP: "!"}
"""


@pytest.mark.parametrize("patterns, read_all", [(ACROSS, False), (NOT_SANDBAGS, True)])
def test_the_matcher_read_in_stretches_finds_what_it_finds_in_the_whole_piece(model, tmp_path, patterns, read_all):
    """The token patterns are matched only where the words can make a match (Rules._matches):
    the matches and their order are the Matcher's on the whole piece, across a sentence's end
    too; an element 'OP: !' can take any word, so then the whole piece is read."""
    from factcheck.extraction.context import Words
    from factcheck.extraction.rules import Rules
    from factcheck.extraction.vocabulary import Vocabulary

    ruleset = load_ruleset((write(tmp_path / "p.yml", patterns),), ())
    rules = Rules(model, ruleset)
    text = ("The man was aged. 45 of them, aged 61, and Jane Doe, 52, of the 27 member states, and NATO's 32 members "
            "filled 4,500 sandbags. The 70-year-old Jane Doe said its 27 members of the European Union agreed.")
    doc = model(text)
    words = Words(doc, Vocabulary.from_ruleset(ruleset))
    whole = [(key, start, end, list(alignments)) for key, start, end, alignments in rules.matcher(doc, with_alignments=True)]
    assert len(whole) > 5
    assert [(key, start, end, list(alignments)) for key, start, end, alignments in rules._matches(words)] == whole
    assert (rules.stretches.of(words) == [(0, len(doc))]) is read_all


@pytest.mark.parametrize("pattern, opens", [
    (r"(?i)\bmagnitude[- ](?P<value>\d{1,2}(?:\.\d)?)\b|\b(?P<value2>\d{1,2}\.\d)[- ]magnitude\b", "(?i)(?=[m\\d])"),
    (r"(?<![\d-])\b(?P<value>\d{1,2})[-–]\d{1,2}\s+(?:on penalties|in (?:a |the )?shoot-?outs?\b)", "(?=[\\d])"),
    (r"(?:\b(?:scored|his|her)\s+(?:[a-z-]+\s+){0,2}|['’]s\s+)hat[- ]?tricks?\b", "(?=[sh'’])"),
    (r"(?:Mr|Ms)?\.? ?[A-Z]\w+ said", "(?=[M\\.\\ A-Z])"),
    (r"x?", None), (r".ate", None), (r"[^a]b", None), (r"(a)\1", "(?=[a])"), (r"(?i:k)m", None), (r"(?x) a b # c", None),
])
def test_a_regex_opened_with_its_first_characters_finds_the_same_matches(pattern, opens):
    """lookahead.opened: a regex that may match nothing, or opens with '.', a negated class or
    flags of its own, is left as it is; any other finds the same matches, with their groups."""
    from factcheck.extraction.lookahead import opened

    text = ("Magnitude 7.8 quake; a 6.1-magnitude aftershock. Kane's hat-trick, his first hat trick, won 4-2 on "
            "penalties (3-3). Mr. Smith said, and Ms Kate Jones said: late date xate ab cb aa KM km; ſ ı İ K.")
    result = opened(pattern)
    assert result.startswith(opens) if opens else result == pattern
    for flags in (0, re.I):  # the lookahead's class is read under the regex's flags, as its letters are
        found = [(m.span(), m.groupdict()) for m in re.compile(opened(pattern, flags), flags).finditer(text)]
        assert found == [(m.span(), m.groupdict()) for m in re.compile(pattern, flags).finditer(text)]


def test_regex_pattern_with_value_group_adds_a_claim(model, tmp_path):
    text = "Officials said the water peaked at 5.2 metres on Sunday evening."
    assert not by_rule(claims_of(model, text), "user.river_level.v1")

    claims = by_rule(claims_of(model, text, [write(tmp_path / "p.yml", RIVER_LEVEL)]), "user.river_level.v1")

    assert len(claims) == 1
    claim = claims[0]
    assert (claim.subject, claim.attribute, claim.kind, claim.value, claim.value_text) == (
        "Marlow River", "river_level_m", "quantity", "5.2", "5.2")
    assert claim.quote == "peaked at 5.2 metres"


def test_regex_pattern_with_money_value(model, tmp_path):
    path = write(tmp_path / "p.yml", r"""
        patterns:
          - id: user.relief_fund.v1
            kind: money
            attribute: relief_fund
            subject: Harwick Council
            regex: 'relief fund of (?P<value>£[\d,.]+(?:m| million)?)'
    """)
    text = "The council opened a relief fund of £2.5m for families forced from their homes."
    claims = by_rule(claims_of(model, text, [path]), "user.relief_fund.v1")
    assert [(c.value, c.unit, c.kind) for c in claims] == [("2500000", "GBP", "money")]


def test_user_pattern_with_a_builtin_id_replaces_it(model, tmp_path):
    path = write(tmp_path / "p.yml", r"""
        patterns:
          - id: quantity.magnitude.v1
            kind: quantity
            attribute: quake_magnitude
            subject: Velden earthquake
            regex: '(?i)\bmagnitude (?P<value>\d\.\d)\b'
    """)
    builtin = load_ruleset()
    user = load_ruleset((path,))
    assert [p.attribute for p in builtin.patterns if p.id == "quantity.magnitude.v1"] == ["magnitude"]
    assert [p.attribute for p in user.patterns if p.id == "quantity.magnitude.v1"] == ["quake_magnitude"]
    assert len(user.patterns) == len(builtin.patterns)

    text = "A magnitude 6.1 earthquake struck the hill town of Velden before dawn on Friday."
    claims = by_rule(claims_of(model, text, [path]), "quantity.magnitude.v1")
    assert [(c.subject, c.attribute, c.value) for c in claims] == [("Velden earthquake", "quake_magnitude", "6.1")]


def test_user_patterns_add_to_the_builtins(tmp_path):
    builtin = load_ruleset()
    user = load_ruleset((write(tmp_path / "p.yml", SANDBAGS),))
    assert {p.id for p in user.patterns} == {p.id for p in builtin.patterns} | {"user.sandbags.v1"}


# --------------------------------------------------------------------------- user vocabulary

LIFEBOATS = """
vocabulary:
  count_nouns:
    lifeboats: [lifeboat]
    rescuers: [lifeguard]
"""


def test_user_vocabulary_extends_the_builtin_lists(tmp_path):
    rules = load_ruleset((write(tmp_path / "v.yml", LIFEBOATS),))
    count_nouns = rules.vocabulary["count_nouns"]
    assert count_nouns["lifeboats"] == ["lifeboat"]
    assert count_nouns["rescuers"] == ["rescuer", "firefighter", "lifeguard"]  # extended, not replaced
    assert "member" in count_nouns["member_count"]  # other built-in lists untouched
    assert load_ruleset().vocabulary["count_nouns"]["rescuers"] == ["rescuer", "firefighter"]


def test_user_count_noun_gives_a_count(model, tmp_path):
    text = "The Harwick Coastguard launched 6 lifeboats as the Marlow River burst its banks."
    before = [c for c in claims_of(model, text) if c.attribute == "lifeboats"]
    assert before == []

    claims = [c for c in claims_of(model, text, [write(tmp_path / "v.yml", LIFEBOATS)]) if c.attribute == "lifeboats"]

    assert [(c.subject, c.value, c.kind, c.quote) for c in claims] == [
        ("Harwick Coastguard", "6", "quantity", "6 lifeboats")]


def test_user_word_added_to_a_builtin_list_counts_for_that_attribute(model, tmp_path):
    text = "Harwick was hit by floods on Sunday. The coastguard sent 14 lifeguards to the beach."
    assert not [c for c in claims_of(model, text) if c.attribute == "rescuers"]
    claims = [c for c in claims_of(model, text, [write(tmp_path / "v.yml", LIFEBOATS)]) if c.attribute == "rescuers"]
    assert [(c.value, c.quote) for c in claims] == [("14", "14 lifeguards")]


# --------------------------------------------------------------------------- aliases

ALIASES = """
aliases:
  - [Northwind Logistics, Nordvind, Nordvind AB]
"""


def employees_claim(path: str, outlet: str, published: str, subject: str, sentence: str, quote: str) -> Claim:
    start = sentence.index(quote)
    return Claim(id=f"{path}:{start}", source=Source(path=path, outlet=outlet, published=published, story="takeover"),
                 start=start, end=start + len(quote), quote=quote, sentence=sentence, subject=subject,
                 attribute="employees", value="9", value_text="9", kind="quantity", confidence=0.9,
                 rule="quantity.counted_noun.v1")


def takeover_claims() -> list[Claim]:
    return [
        employees_claim("takeover/01_ledger.md", "Harbour Ledger", "2025-02-03", "Northwind Logistics",
                        "Northwind Logistics employs 9 workers across the region.", "9 workers"),
        employees_claim("takeover/02_posten.md", "Kystposten", "2025-02-04", "Nordvind AB",
                        "Nordvind AB, which employs 9 workers, agreed the takeover.", "9 workers"),
    ]


def test_alias_file_puts_two_spellings_in_one_group(tmp_path):
    claims = takeover_claims()
    without = reconcile(claims, load_ruleset())
    assert sorted(g.subject for g in without) == ["Nordvind AB", "Northwind Logistics"]

    groups = reconcile(claims, load_ruleset((), (write(tmp_path / "aliases.yml", ALIASES),)))

    assert len(groups) == 1
    group = groups[0]
    assert (group.subject, group.attribute, group.verdict) == ("Northwind Logistics", "employees", "agree")
    assert {c.subject for c in group.claims} == {"Northwind Logistics", "Nordvind AB"}


def test_alias_file_as_a_mapping(tmp_path):
    path = write(tmp_path / "aliases.yml", """
        Northwind Logistics: [Nordvind, Nordvind AB]
    """)
    groups = reconcile(takeover_claims(), load_ruleset((), (path,)))
    assert [g.subject for g in groups] == ["Northwind Logistics"]


def test_alias_file_gives_claims_the_canonical_name(model, tmp_path):
    text = "Nordvind AB, which employs 1,200 workers, agreed the takeover on Monday."
    plain = [c.subject for c in claims_of(model, text) if c.attribute == "employees"]
    assert plain == ["Nordvind AB"]
    aliased = [c.subject for c in claims_of(model, text, aliases=[write(tmp_path / "a.yml", ALIASES)])
               if c.attribute == "employees"]
    assert aliased == ["Northwind Logistics"]


# --------------------------------------------------------------------------- errors in the user's files

def error_of(tmp_path, text: str, name="mine.yml", kind="patterns", model=None) -> str:
    path = write(tmp_path / name, text)
    with pytest.raises(RulesetError) as info:
        rules = load_ruleset((path,)) if kind == "patterns" else load_ruleset((), (path,))
        if model is not None:
            Extractor(model, rules)  # some errors only the Matcher finds
    message = str(info.value)
    assert "\n" not in message, message
    assert path in message, message
    return message


def test_bad_yaml_names_the_file_and_line(tmp_path):
    message = error_of(tmp_path, """
        patterns:
          - id: user.tide.v1
            kind: quantity
           attribute: tide_height
    """)
    assert "YAML" in message
    assert "line 4" in message


def test_missing_value_capture_names_the_entry(tmp_path):
    message = error_of(tmp_path, """
        patterns:
          - id: user.boats.v1
            kind: quantity
            attribute: boats
            tokens:
              - {LIKE_NUM: true, capture: value}
              - {LOWER: boats}
          - id: user.ferries.v1
            kind: quantity
            attribute: ferries
            tokens:
              - {LIKE_NUM: true}
              - {LOWER: ferries}
    """)
    assert "pattern 2" in message
    assert "user.ferries.v1" in message
    assert "capture: value" in message


def test_unknown_kind_names_the_entry_and_field(tmp_path):
    message = error_of(tmp_path, """
        patterns:
          - id: user.cargo.v1
            kind: weight
            attribute: cargo
            tokens:
              - {LIKE_NUM: true, capture: value}
              - {LOWER: tonnes}
    """)
    assert "pattern 1" in message
    assert "user.cargo.v1" in message
    assert "kind" in message
    assert "quantity" in message  # says what a kind may be


def test_invalid_spacy_token_key_names_the_file_entry_and_key(tmp_path, model):
    message = error_of(tmp_path, """
        patterns:
          - id: user.boats.v1
            kind: quantity
            attribute: boats
            tokens:
              - {LIKE_NUM: true, capture: value}
              - {LOWR: boats}
    """, model=model)
    assert "pattern 1" in message
    assert "user.boats.v1" in message
    assert "LOWR" in message


def test_regex_that_does_not_compile_names_the_entry(tmp_path):
    message = error_of(tmp_path, r"""
        patterns:
          - id: user.boats.v1
            kind: quantity
            attribute: boats
            tokens:
              - {LIKE_NUM: true, capture: value}
              - {LOWER: boats}
          - id: user.tide.v1
            kind: quantity
            attribute: tide_height
            regex: 'tide of (?P<value>\d+ metres'
    """)
    assert "pattern 2" in message
    assert "user.tide.v1" in message
    assert "regex" in message and "compile" in message


def test_regex_without_value_group_names_the_entry(tmp_path):
    message = error_of(tmp_path, r"""
        patterns:
          - id: user.tide.v1
            kind: quantity
            attribute: tide_height
            regex: 'tide of (\d+) metres'
    """)
    assert "pattern 1 (user.tide.v1)" in message
    assert "value" in message


def test_unknown_field_in_a_pattern_is_an_error(tmp_path):
    message = error_of(tmp_path, """
        patterns:
          - id: user.boats.v1
            kind: quantity
            attribute: boats
            colour: red
            tokens:
              - {LIKE_NUM: true, capture: value}
    """)
    assert "pattern 1 (user.boats.v1)" in message
    assert "colour" in message


def test_misspelt_vocabulary_key_names_the_file_the_key_and_the_expected_keys(tmp_path):
    message = error_of(tmp_path, """
        vocabulary:
          count_noun:
            lifeboats: [lifeboat]
    """)
    assert message.startswith(f"{tmp_path / 'mine.yml'}: vocabulary -> count_noun: unknown key (expected one of count_nouns, ")
    assert "stances" in message and "measure_units" in message


def test_misspelt_key_inside_a_stance_names_the_stance(tmp_path):
    message = error_of(tmp_path, """
        vocabulary:
          stances:
            opposes:
              verb: [snub]
    """)
    assert message.endswith("vocabulary -> stances -> opposes -> verb: unknown key (expected one of verbs, objects, value)")


def test_list_where_a_vocabulary_mapping_belongs_is_one_line(tmp_path):
    message = error_of(tmp_path, """
        vocabulary:
          count_nouns: [lifeboat, dinghy]
    """)
    assert message.endswith("vocabulary -> count_nouns: expected a mapping, not a list")


def test_mapping_where_a_vocabulary_list_belongs_is_one_line(tmp_path):
    message = error_of(tmp_path, """
        vocabulary:
          reporting_verbs:
            say: [tell]
    """)
    assert message.endswith("vocabulary -> reporting_verbs: expected a list, not a mapping")


def test_user_stance_verbs_extend_the_builtin_stance(tmp_path):
    rules = load_ruleset((write(tmp_path / "v.yml", """
        vocabulary:
          stances:
            opposes:
              verbs: [snub]
    """),))
    verbs = rules.vocabulary["stances"]["opposes"]["verbs"]
    assert verbs[-1] == "snub" and "oppose" in verbs
    assert rules.vocabulary["stances"]["opposes"]["objects"] == []


def test_builtin_data_files_validate_against_their_schemas():
    from importlib import resources

    import yaml

    from factcheck.attributes import AttributesFile
    from factcheck.patterns import load_families
    from factcheck.schemas import AliasesFile, TitlesFile, VocabularyFile

    def data(name):
        return yaml.safe_load(resources.files("factcheck").joinpath(f"data/{name}").read_text(encoding="utf-8"))

    families = load_families()
    given = [key for family in families.values() for key in family.vocabulary.model_fields_set]
    assert sorted(given) == sorted(VocabularyFile.model_fields)  # every key, each in one family
    assert set(load_ruleset().vocabulary) == set(VocabularyFile.model_fields)
    TitlesFile.model_validate(data("titles.yml"))
    AliasesFile.model_validate(data("aliases.yml"))
    AttributesFile.model_validate(data("attributes.yml"))
    load_ruleset()  # and the loader checks them itself


def test_builtin_vocabulary_of_the_wrong_shape_is_a_ruleset_error(monkeypatch):
    from factcheck import patterns

    real = patterns.builtin_yaml

    def broken(text):
        loaded = real(text)
        if isinstance(loaded, dict) and "count_nouns" in (loaded.get("vocabulary") or {}):
            loaded["vocabulary"]["count_nouns"] = ["member"]
        return loaded

    monkeypatch.setattr(patterns, "builtin_yaml", broken)
    with pytest.raises(RulesetError) as info:
        patterns._builtin("families/counts.yml", patterns.FamilyFile)
    assert str(info.value) == "data/families/counts.yml: vocabulary -> count_nouns: expected a mapping, not a list"


def _families_with(monkeypatch, tmp_path, files):
    """The built-in family files, with `files` ({name: text}) added or replacing theirs."""
    from importlib import resources

    from factcheck import patterns

    real = resources.files("factcheck").joinpath("data/families")
    folder = tmp_path / "data" / "families"
    folder.mkdir(parents=True)
    for entry in real.iterdir():
        (folder / entry.name).write_text(entry.read_text(encoding="utf-8"), encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")

    class Package:
        def joinpath(self, relative):
            return tmp_path.joinpath(relative)

    monkeypatch.setattr(patterns.resources, "files", lambda _name: Package())
    patterns.load_families.cache_clear()
    try:
        with pytest.raises(RulesetError) as info:
            patterns.load_families()
    finally:
        monkeypatch.undo()
        patterns.load_families.cache_clear()
    return str(info.value)


def test_vocabulary_key_in_two_family_files_names_the_file_and_the_key(monkeypatch, tmp_path):
    message = _families_with(monkeypatch, tmp_path, {"zz_extra.yml": "vocabulary:\n  support_nouns: [aid]\n"})
    assert message == "data/families/zz_extra.yml: vocabulary -> support_nouns: already given in data/families/counts.yml"


def test_vocabulary_key_of_no_family_names_the_file_and_the_key(monkeypatch, tmp_path):
    message = _families_with(monkeypatch, tmp_path, {"zz_extra.yml": "vocabulary:\n  support_noun: [aid]\n"})
    assert message.startswith("data/families/zz_extra.yml: vocabulary -> support_noun: unknown key (expected one of ")


def test_bad_alias_file_names_the_file(tmp_path):
    message = error_of(tmp_path, "aliases: [[Northwind Logistics, Nordvind], 3]\n", name="aliases.yml", kind="aliases")
    assert "aliases" in message


def test_missing_user_file_is_a_ruleset_error(tmp_path):
    missing = str(tmp_path / "nowhere.yml")
    with pytest.raises(RulesetError) as info:
        load_ruleset((missing,))
    assert missing in str(info.value)


# --------------------------------------------------------------------------- fingerprint

def test_fingerprint_changes_when_a_user_file_is_added(tmp_path):
    builtin = load_ruleset().fingerprint
    assert load_ruleset().fingerprint == builtin  # stable
    assert load_ruleset((write(tmp_path / "p.yml", SANDBAGS),)).fingerprint != builtin
    assert load_ruleset((write(tmp_path / "v.yml", LIFEBOATS),)).fingerprint != builtin
    assert load_ruleset((), (write(tmp_path / "a.yml", ALIASES),)).fingerprint != builtin


# --------------------------------------------------------------------------- the command line

ARTICLE = """\
---
outlet: Harwick Gazette
published: 2025-01-14
---
Flood defences held in Harwick overnight.

Volunteers filled 4,500 sandbags before the Marlow River peaked on Monday, the council said.
"""


def run_cli(args: list[str]):
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, (result.exit_code, result.output, result.exception)
    return json.loads(result.stdout)


def check_user_claim(data: dict, article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    claims = [c for c in data["claims"] if c["rule"] == "user.sandbags.v1"]
    assert len(claims) == 1
    claim = claims[0]
    assert (claim["subject"], claim["attribute"], claim["value"], claim["kind"]) == (
        "Harwick Flood Action Group", "sandbags_filled", "4500", "quantity")
    assert text[claim["start"]:claim["end"]] == claim["quote"] == "4,500 sandbags"
    assert claim["source"]["outlet"] == "Harwick Gazette"


def test_cli_extract_with_patterns_option(tmp_path, model):
    article = tmp_path / "harwick" / "gazette.md"
    article.parent.mkdir()
    article.write_text(ARTICLE, encoding="utf-8")
    patterns = write(tmp_path / "p.yml", SANDBAGS)

    data = run_cli(["extract", str(article), "--patterns", patterns, "--format", "json",
                    "--db", str(tmp_path / "claims.db")])

    assert data["schema_version"] == "1"
    check_user_claim(data, article)


def test_cli_extract_without_patterns_has_no_user_claim(tmp_path, model):
    article = tmp_path / "gazette.md"
    article.write_text(ARTICLE, encoding="utf-8")
    data = run_cli(["extract", str(article), "--format", "json", "--db", str(tmp_path / "claims.db")])
    assert not [c for c in data["claims"] if c["rule"] == "user.sandbags.v1"]


def test_cli_reads_patterns_from_factcheck_toml(tmp_path, monkeypatch, model):
    (tmp_path / "gazette.md").write_text(ARTICLE, encoding="utf-8")
    write(tmp_path / "p.yml", SANDBAGS)
    (tmp_path / "factcheck.toml").write_text('patterns = ["p.yml"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    data = run_cli(["extract", "gazette.md", "--format", "json", "--db", "claims.db"])

    check_user_claim(data, tmp_path / "gazette.md")


def test_cli_bad_pattern_file_is_one_line_error(tmp_path, capsys):
    article = tmp_path / "gazette.md"
    article.write_text(ARTICLE, encoding="utf-8")
    patterns = write(tmp_path / "p.yml", """
        patterns:
          - id: user.cargo.v1
            kind: weight
            attribute: cargo
            tokens:
              - {LIKE_NUM: true, capture: value}
    """)
    with pytest.raises(SystemExit) as info:
        main(["extract", str(article), "--patterns", patterns, "--format", "json", "--db", str(tmp_path / "claims.db")])
    assert info.value.code == 4
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("factcheck: error: ")
    assert patterns in lines[0] and "pattern 1 (user.cargo.v1)" in lines[0] and "kind" in lines[0]


def test_an_attribute_the_code_names_must_be_in_the_registry(tmp_path):
    path = write(tmp_path / "mine.yml", """
        attributes:
          registry:
            member_count: {kind: quantity}
          named_in_code:
            members: memberz
    """)
    with pytest.raises(RulesetError, match="named_in_code -> members: 'memberz' is no attribute"):
        load_ruleset((str(path),))


def test_family_example_with_neither_expect_nor_reject_names_the_file(monkeypatch, tmp_path):
    message = _families_with(monkeypatch, tmp_path, {"zz_extra.yml": "examples:\n  - text: Nine died.\n"})
    assert message == ("data/families/zz_extra.yml: examples -> 0: give exactly one of 'expect' (a positive example)"
                       " or 'reject' (a negative one)")
