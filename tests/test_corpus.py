"""Score floors on the seeds, the invented stories and the real stories, with `factcheck evaluate`.

A floor is raised when the program gets better and never lowered to let a change through
(trafilatura's eval gate, in spirit). The held-out stories (fixtures/heldout/ for invented,
fixtures/real-heldout/ for real ones) were scored once, after the rules were written against
the others; their floors only guard against regressions, and no rule may be written against
them. Everything read here lies in the repository.
"""

import json
from pathlib import Path

import pytest

from factcheck.scoring import evaluate

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
FLOORS = json.loads((ROOT / "tests" / "score_floors.json").read_text(encoding="utf-8"))


def gold_and_folder(story: str) -> tuple[Path, Path]:
    if story == "seeds":
        return FIXTURES / "gold" / "seeds.gold.json", ROOT / "seeds"
    for corpus in ("real", "real-heldout"):
        if (FIXTURES / corpus / story).is_dir():
            return FIXTURES / corpus / f"{story}.gold.json", FIXTURES / corpus / story
    folder = FIXTURES / "stories" / story
    if not folder.is_dir():
        folder = FIXTURES / "heldout" / story
    return FIXTURES / "gold" / f"{story}.gold.json", folder


@pytest.mark.parametrize("story", sorted(FLOORS))
def test_story_scores_stay_above_their_floors(story, tmp_path):
    gold_path, folder = gold_and_folder(story)
    scores = evaluate(gold_path, [str(folder)], db=str(tmp_path / "claims.db")).scores.model_dump()
    exact, total = (int(n) for n in scores["offsets_exact"].split("/"))
    assert exact == total
    for measure, floor in FLOORS[story].items():
        if measure == "false_merges":
            assert scores[measure] <= floor, f"{story}: {measure} {scores[measure]} > {floor}"
        else:
            assert scores[measure] >= floor, f"{story}: {measure} {scores[measure]} < {floor}"


def test_every_story_in_the_repository_has_a_floor():
    real = {p.name for corpus in ("real", "real-heldout") for p in (FIXTURES / corpus).iterdir() if p.is_dir()}
    assert real <= set(FLOORS), f"stories without a floor: {sorted(real - set(FLOORS))}"
