"""Rewrite fixtures/golden/seeds.json from the current program: run it only after reading the
diff (`git diff fixtures/golden`) and checking each changed claim against the article by hand."""

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from factcheck.api import Options, conflicts  # noqa: E402


def golden() -> dict:
    """The seeds' claims and groups, reduced to what a reader checks: words, subject, value, verdict."""
    with tempfile.TemporaryDirectory() as folder:
        result, extracted = conflicts([str(ROOT / "seeds")], db=str(Path(folder) / "golden.db"), options=Options(), show_all=True)
    claims = sorted(
        [Path(c.source.path).name, c.start, c.end, c.quote, c.kind, c.subject, c.attribute, c.value]
        for c in extracted.claims
    )
    groups = sorted([g.subject, g.attribute, g.verdict, sorted(v.value for v in g.values)] for g in result.groups
                    if g.verdict != "single")
    return {"claims": claims, "groups": groups}


if __name__ == "__main__":
    path = ROOT / "fixtures" / "golden" / "seeds.json"
    path.write_text(json.dumps(golden(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")
