"""Score floors on the seeds and on the development corpus, with the shared scorer.

A floor is raised when the program gets better and never lowered to let a change through
(trafilatura's eval gate, in spirit). The held-out stories in fixtures/heldout/ were scored
once, after the rules were written against the others; their floors only guard against
regressions, and no rule may be written against them.
"""

import importlib.util
import json
from pathlib import Path

import pytest

from factcheck.api import Options, conflicts

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FLOORS = json.loads((ROOT / "tests" / "score_floors.json").read_text(encoding="utf-8"))


def load_scorer():
    path = SHARED / "score.py"
    assert path.is_file(), f"the shared scorer is expected at {path} (CI puts shared/ beside the clone)"
    spec = importlib.util.spec_from_file_location("shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_and_folder(story):
    if story == "seeds":
        return SHARED / "gold" / "seeds.gold.json", ROOT / "seeds"
    folder = ROOT / "fixtures" / "stories" / story
    if not folder.is_dir():
        folder = ROOT / "fixtures" / "heldout" / story
    return ROOT / "fixtures" / "gold" / f"{story}.gold.json", folder


@pytest.mark.parametrize("story", sorted(FLOORS))
def test_story_scores_stay_above_their_floors(story, tmp_path):
    scorer = load_scorer()
    gold_path, folder = gold_and_folder(story)
    result, _ = conflicts([str(folder)], db=str(tmp_path / "claims.db"), options=Options(), show_all=True)
    scores = scorer.score(json.loads(gold_path.read_text(encoding="utf-8")), str(folder), result.model_dump(mode="json"))
    exact, total = (int(n) for n in scores["offsets_exact"].split("/"))
    assert exact == total
    for measure, floor in FLOORS[story].items():
        if measure == "false_merges":
            assert scores[measure] <= floor, f"{story}: {measure} {scores[measure]} > {floor}"
        else:
            assert scores[measure] >= floor, f"{story}: {measure} {scores[measure]} < {floor}"
