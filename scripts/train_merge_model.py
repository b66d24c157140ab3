"""Train the learned merge (src/factcheck/reconcile/merging.py) on the real stories' answer keys.

    python scripts/train_merge_model.py            # leave-one-story-out report, then write the model
    python scripts/train_merge_model.py --dry-run  # the report only

Each development story of fixtures/real/ (never fixtures/real-heldout/) is extracted once; its
claims are grouped by the rules; every candidate pair of groups (same kind, sharing an
attribute, a subject or a value) whose claims the gold maps to facts is a training example:
1 when both groups state the same fact, 0 otherwise. A logistic regression with an L2 penalty
is fitted by gradient descent (numpy, which spaCy brings). The threshold is chosen by scoring
each story with a model trained on the other stories only (leave one story out), with
`factcheck evaluate`'s own figures; the report prints, story by story, the figures without the
merge and with it, so the merge is judged on stories it did not learn from.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from factcheck.api import Options, extract  # noqa: E402
from factcheck.scoring import claim_facts, combine, load_gold, score  # noqa: E402
from factcheck.reconcile import Comparator, Reconciler, by_story  # noqa: E402
from factcheck.reconcile.merging import FEATURES, Merger, no_merge, parts_features  # noqa: E402
from factcheck.store import Store  # noqa: E402

CORPUS = ROOT / "fixtures" / "real"
MODEL = ROOT / "src" / "factcheck" / "data" / "merge_model.json"
THRESHOLDS = (0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9)
L2 = 0.01


def stories() -> list[str]:
    return sorted(p.name[: -len(".gold.json")] for p in CORPUS.glob("*.gold.json") if (CORPUS / p.name[: -len(".gold.json")]).is_dir())


INVENTED = ROOT / "fixtures" / "stories"


def extra_sources() -> dict[str, tuple[Path, Path]]:
    """Training-only stories (never scored here): the seeds and the invented stories, with their gold."""
    found = {"seeds": (ROOT / "seeds", ROOT / "fixtures" / "gold" / "seeds.gold.json")}
    for folder in sorted(p for p in INVENTED.iterdir() if p.is_dir()):
        gold = ROOT / "fixtures" / "gold" / f"{folder.name}.gold.json"
        if gold.is_file():
            found[folder.name] = (folder, gold)
    return found


def load(scratch: Path, with_extra: bool):
    """Every story's claims, texts and gold, extracted once."""
    db = str(scratch / "claims.db")
    names = stories()
    extra = extra_sources() if with_extra else {}
    extract([str(CORPUS / s) for s in names] + [str(folder) for folder, _gold in extra.values()], db=db, options=Options())
    with Store(db, readonly=True) as store:
        documents, claims = store.documents(), store.claims()
    data = {}
    golds = {s: CORPUS / f"{s}.gold.json" for s in names} | {s: gold for s, (_f, gold) in extra.items()}
    for story, story_claims in by_story(claims).items():
        if story in golds:
            texts = {Path(d.path).name: d.text for d in documents if d.source.story == story}
            data[story] = (story_claims, texts, load_gold(golds[story]))
    return data, set(extra)


def examples(reconciler: Reconciler, claims, texts, gold):
    """(features, label) of one story's candidate pairs whose groups the gold maps to facts."""
    parts, matcher = reconciler.story_parts(claims)
    facts = claim_facts(gold, texts, claims)
    majority = []
    for part in parts:
        counted = Counter(facts[c.id] for c in part.claims if c.id in facts)
        majority.append(counted.most_common(1)[0][0] if counted else None)
    rows = []
    for a, b, features in parts_features(parts, matcher, reconciler.comparator):
        if majority[a] is not None and majority[b] is not None:
            rows.append((features, float(majority[a] == majority[b])))
    return rows


def fit(rows) -> tuple[np.ndarray, float]:
    x = np.array([r[0] for r in rows], dtype=float)
    y = np.array([r[1] for r in rows], dtype=float)
    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(4000):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        w -= 0.5 * (x.T @ (p - y) / len(y) + L2 * w)
        b -= 0.5 * float(np.mean(p - y))
    return w, b


def figures(reconciler: Reconciler, data, names):
    results = [score(data[s][2], data[s][1], reconciler.groups(data[s][0])).model_copy(update={"story": s}) for s in names]
    return results, combine(results)


def utility(combined) -> float:
    """What the threshold is chosen for: pairs put together and discrepancies found, less false merges."""
    return (combined.grouping_pair_recall or 0) + combined.discrepancy_f1 - 0.02 * combined.false_merges


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="report only; do not write the model")
    parser.add_argument("--real-only", action="store_true", help="train on the real stories only (not the seeds and invented ones)")
    args = parser.parse_args()
    options = Options()
    rules = options.ruleset()
    plain = Reconciler(rules, merger=no_merge(Comparator(rules)))
    with tempfile.TemporaryDirectory() as scratch:
        data, extra = load(Path(scratch), not args.real_only)
    names = sorted(set(data) - extra)
    rows = {s: examples(plain, *data[s]) for s in data}
    extra_rows = [r for s in extra for r in rows[s]]
    print(f"{sum(len(r) for r in rows.values())} pairs from {len(rows)} stories ({len(extra)} for training only) "
          f"({sum(int(y) for r in rows.values() for _x, y in r)} of one fact)")
    folds = {}
    for held in names:
        w, b = fit([r for s in names if s != held for r in rows[s]] + extra_rows)
        folds[held] = (w, b)
    best, chosen = None, THRESHOLDS[0]
    for threshold in THRESHOLDS:
        per_story = []
        for held in names:
            w, b = folds[held]
            merger = Merger(plain.comparator, tuple(w), b, threshold)
            per_story.append(figures(Reconciler(rules, merger=merger), data, [held])[0][0])
        combined = combine(per_story)
        print(f"threshold {threshold}: left-out stories pairs {combined.grouping_pair_recall} merges {combined.false_merges} "
              f"disc P {combined.discrepancy_precision} R {combined.discrepancy_recall} F1 {combined.discrepancy_f1}")
        if best is None or utility(combined) > best:
            best, chosen = utility(combined), threshold
    without, without_all = figures(plain, data, names)
    print(f"\nchosen threshold {chosen}; each story scored by a model that did not see it:")
    with_merge = []
    for held, plain_result in zip(names, without):
        w, b = folds[held]
        result = figures(Reconciler(rules, merger=Merger(plain.comparator, tuple(w), b, chosen)), data, [held])[0][0]
        with_merge.append(result)
        p, m = plain_result.scores, result.scores
        print(f"  {held:24} pairs {p.grouping_pair_recall} -> {m.grouping_pair_recall}  merges {p.false_merges} -> {m.false_merges}"
              f"  disc P {p.discrepancy_precision} -> {m.discrepancy_precision}  R {p.discrepancy_recall} -> {m.discrepancy_recall}")
    merged_all = combine(with_merge)
    print(f"  {'combined':24} pairs {without_all.grouping_pair_recall} -> {merged_all.grouping_pair_recall}  merges "
          f"{without_all.false_merges} -> {merged_all.false_merges}  disc P {without_all.discrepancy_precision} -> "
          f"{merged_all.discrepancy_precision}  R {without_all.discrepancy_recall} -> {merged_all.discrepancy_recall}")
    w, b = fit([r for s in names for r in rows[s]] + extra_rows)
    model = {"features": list(FEATURES), "weights": [round(float(v), 4) for v in w], "bias": round(b, 4),
             "threshold": chosen, "trained_on": names + sorted(extra),
             "note": "scripts/train_merge_model.py: logistic regression on pairs of rule groups of the real stories' answer keys"}
    for name, weight in zip(FEATURES, model["weights"]):
        print(f"  {name:22} {weight:+.3f}")
    if not args.dry_run:
        MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
