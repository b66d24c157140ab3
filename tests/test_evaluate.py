"""`factcheck evaluate`: figures computed by hand on a small story, and the command's outputs."""

import json

import pytest
from typer.testing import CliRunner

from factcheck.cli import app, main
from factcheck.scoring import Gold, combine, score, value_matches
from factcheck.models import Claim, Group, Source

TEXTS = {
    "a.txt": "The toll rose to 12 on Monday. Officials said 3 were missing.",
    "b.txt": "At least 15 people died. 3 remain missing.",
}
GOLD = Gold.model_validate({"cluster": "tiny", "facts": [
    {"id": "deaths", "verdict": "temporal_change", "mentions": [
        {"doc": "a.txt", "quote": "rose to 12", "value": "12"},
        {"doc": "b.txt", "quote": "At least 15 people died", "value": "15"}]},
    {"id": "missing", "verdict": "agree", "mentions": [
        {"doc": "a.txt", "quote": "3 were missing", "value": "3"},
        {"doc": "b.txt", "quote": "3 remain missing", "value": "3"}]},
    {"id": "day", "verdict": "single_source", "mentions": [
        {"doc": "a.txt", "quote": "on Monday", "value": "2024-01-01"}]},
]})


def claim(doc: str, word: str, value: str) -> Claim:
    start = TEXTS[doc].index(word)
    return Claim(id=f"{doc}{start}", source=Source(path=f"/x/{doc}"), start=start, end=start + len(word), quote=word,
                 sentence=TEXTS[doc], subject="s", attribute="a", value=value, value_text=word, kind="quantity",
                 confidence=1.0, rule="r")


def group(verdict: str, *claims: Claim) -> Group:
    return Group(id=verdict, story="tiny", subject="s", attribute="a", kind="quantity", verdict=verdict,
                 explanation="", values=[], claims=list(claims))


GROUPS = [
    group("temporal", claim("a.txt", "12", "12"), claim("b.txt", "15", "15")),
    group("agree", claim("a.txt", "3", "3")),
    group("single", claim("b.txt", "3", "4")),  # found, wrong value, and split from its fact's other mention
    group("conflict", claim("a.txt", "Monday", "2024-01-02")),  # a discrepancy the gold does not have
]


def test_figures_worked_out_by_hand():
    result = score(GOLD, TEXTS, GROUPS)
    s = result.scores
    assert s.mentions == 5
    assert s.mention_recall_span == 1.0  # every quote is overlapped by a claim
    assert s.mention_recall_value == 0.6  # 12, 15 and a's 3 are right; b's 4 and the day are not
    assert s.grouping_pair_recall == 0.5  # deaths' pair shares a group, missing's pair does not
    assert s.false_merges == 0
    assert (s.verdicts_judged, s.verdict_accuracy) == (1, 1.0)  # only deaths has two mentions in one group
    assert (s.discrepancies_reported, s.discrepancies_right, s.discrepancies_gold) == (2, 1, 1)
    assert (s.discrepancy_precision, s.discrepancy_recall, s.discrepancy_f1) == (0.5, 1.0, 0.667)
    assert s.discrepancy_false_alarms == 1
    assert s.offsets_exact == "5/5"
    kinds = sorted((m.kind, m.fact) for m in result.misses)
    assert kinds == [("false_alarm", None), ("split", "missing"), ("wrong_value", "day"), ("wrong_value", "missing")]


def test_a_group_holding_two_facts_is_a_false_merge():
    merged = [group("conflict", claim("a.txt", "12", "12"), claim("a.txt", "3", "3"))]
    result = score(GOLD, TEXTS, merged)
    assert result.scores.false_merges == 1
    assert any(m.kind == "merged" and "deaths, missing" in m.detail for m in result.misses)


def test_corpus_recalls_are_means_and_discrepancies_pooled():
    one = score(GOLD, TEXTS, GROUPS)
    other = score(GOLD, TEXTS, [])
    combined = combine([one, other])
    assert combined.mention_recall_value == 0.3  # (0.6 + 0) / 2
    assert combined.discrepancy_precision == 0.5  # 1 right of 2 reported, over both stories
    assert combined.discrepancy_recall == 0.5  # 1 found of 2 real
    assert combined.false_merges == 0


def test_values_match_as_the_reference_scorer_matches_them():
    assert value_matches("32.0", "32")
    assert value_matches("--10-01", "2024-10-01")
    assert value_matches("2024-01-01..2024-01-05", "2024-01-01/2024-01-05")
    assert value_matches("Rutte", "Mark Rutte")
    assert not value_matches("34%", "34")
    assert not value_matches(None, "1")


def tiny_story(folder):
    """A one-article story and its one-fact gold file beside it, as a corpus lays them out."""
    story = folder / "tiny"
    story.mkdir()
    (story / "a.txt").write_text("Officials said 3 people were missing on Monday.\n", encoding="utf-8")
    gold = folder / "tiny.gold.json"
    gold.write_text(json.dumps({"cluster": "tiny", "facts": [{"id": "missing", "verdict": "single_source", "mentions": [
        {"doc": "a.txt", "quote": "3 people were missing", "value": "3"}]}]}), encoding="utf-8")
    return story, gold


def test_evaluate_command_scores_a_story_and_lists_misses(tmp_path):
    story, gold = tiny_story(tmp_path)
    runner = CliRunner()
    single = runner.invoke(app, ["evaluate", str(gold), str(story), "--format", "json", "--db", str(tmp_path / "s.db")])
    assert single.exit_code == 0, single.output
    figures = json.loads(single.output)
    assert figures["mentions"] == 1 and figures["offsets_exact"].split("/")[0] == figures["offsets_exact"].split("/")[1]
    corpus = runner.invoke(app, ["evaluate", "--corpus", str(tmp_path), "--format", "table", "--verbose"])
    assert corpus.exit_code == 0, corpus.output
    assert "tiny" in corpus.output and "combined" in corpus.output


def test_evaluate_without_gold_or_corpus_is_a_usage_error():
    result = CliRunner().invoke(app, ["evaluate"])
    assert result.exit_code == 2


def test_evaluate_reads_a_story_from_a_store(tmp_path):
    story, gold = tiny_story(tmp_path)
    runner = CliRunner()
    db = str(tmp_path / "s.db")
    assert runner.invoke(app, ["extract", str(story), "--db", db, "--format", "json"]).exit_code == 0
    from_store = runner.invoke(app, ["evaluate", str(gold), "--db", db, "--format", "json"])
    assert from_store.exit_code == 0, from_store.output
    assert json.loads(from_store.output)["mentions"] == 1


def test_a_gold_document_missing_from_the_articles_is_one_line_and_exit_2(tmp_path, capsys):
    gold = tmp_path / "g.gold.json"
    gold.write_text(json.dumps({"facts": [{"id": "f", "verdict": "single_source", "mentions": [
        {"doc": "absent.txt", "quote": "x", "value": "1"}]}]}), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Nothing here but 4 words.\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit:
        main(["evaluate", str(gold), str(tmp_path / "docs"), "--db", str(tmp_path / "s.db")])
    err = capsys.readouterr().err
    assert exit.value.code == 2 and err.count("\n") == 1 and "absent.txt" in err
