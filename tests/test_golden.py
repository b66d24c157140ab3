"""The seeds' claims and verdicts, pinned: a change to any rule shows here as a diff to read.

The golden file is rewritten only by scripts/update_golden.py, after its diff has been checked
against the articles by hand.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from update_golden import golden  # noqa: E402


def test_seeds_match_the_golden_file():
    expected = json.loads((ROOT / "fixtures" / "golden" / "seeds.json").read_text(encoding="utf-8"))
    actual = golden()
    missing = [c for c in expected["claims"] if c not in actual["claims"]]
    extra = [c for c in actual["claims"] if c not in expected["claims"]]
    assert not missing and not extra, f"claims lost: {missing[:5]}; claims new: {extra[:5]} (see scripts/update_golden.py)"
    assert actual["groups"] == expected["groups"]
