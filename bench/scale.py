"""Scale (issue 16): `conflicts` over 10 thousand to a million imported claims, and the peak
memory of `extract --format jsonl` as the corpus grows tenfold.

    .venv/bin/python bench/scale.py                         # 10k and 100k claims; one story; 200 and 2,000 documents
    .venv/bin/python bench/scale.py --claims 10000,100000,1000000 --docs "" --json /tmp/scale.json

The seeds are extracted once; their claims are copied into as many stories as the count needs
(about 115 claims a story, one story per copy of the five articles), with a tenth of the
numbers given another value, written as JSON lines and put in a store by `factcheck import`.
Then `factcheck conflicts --format jsonl` runs over the store as its own process, as a user
types it (a large store is reconciled over every CPU) and with `--jobs 1`: wall time, CPU in
all processes, claims per second, peak RSS of the largest process, and how each grows per tenfold. The corpus of bench.py (articles
numbered, paragraphs shuffled) is extracted at each `--docs` size with `--format jsonl`. One
story of `--one-story` one-sentence articles (issue 17) times a group of thousands of claims.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

from bench import FACTCHECK, ROOT, _other_value, build_corpus, commit, run

from factcheck.models import Claim, stable_id


def seed_claims(tmp: Path) -> list[Claim]:
    found = tmp / "seeds.jsonl"
    with found.open("w", encoding="utf-8") as out:
        import subprocess

        subprocess.run([FACTCHECK, "extract", str(ROOT / "seeds"), "--quiet", "--format", "jsonl", "--db",
                        str(tmp / "seeds.db")], stdout=out, check=True)
    return [Claim.model_validate_json(line) for line in found.read_text(encoding="utf-8").splitlines()]


def write_claims(seeds: list[Claim], count: int, target: Path) -> int:
    """`count` claims as JSON lines: story after story, each a copy of the seeds with a tenth of
    its numbers varied. Returns the number of stories."""
    stories = 0
    with target.open("w", encoding="utf-8") as out:
        written = 0
        while written < count:
            rng = random.Random(stories)
            story = f"seeds-{stories:05d}"
            for claim in seeds[: count - written]:
                source = claim.source.model_copy(update={"path": f"{story}/{Path(claim.source.path).name}", "story": story})
                copy = claim.model_copy(update={"id": stable_id(claim.id, stories), "source": source,
                                                "value": _other_value(claim.value, rng) if claim.kind == "quantity" else claim.value})
                out.write(copy.model_dump_json() + "\n")
                written += 1
            stories += 1
    return stories


def write_one_story(count: int, target: Path) -> None:
    """`count` one-sentence articles of one story, as claims: one passenger count each, of four
    values (one in seven approximate), from forty outlets over four weeks."""
    rng = random.Random(count)
    with target.open("w", encoding="utf-8") as out:
        for i in range(count):
            value = rng.choice(["120", "121", "95", "120", "120"])
            text = f"The ferry carried {value} passengers."
            source = {"path": f"wire/{i:05d}.txt", "story": "ferry", "published": f"2024-05-{1 + i % 28:02d}",
                      "outlet": f"Outlet {i % 40}"}
            out.write(json.dumps({"source": source, "subject": "the ferry", "attribute": "passenger_count",
                                  "kind": "quantity", "value": value, "quote": f"{value} passengers", "text": text,
                                  "approximate": i % 7 == 0}) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description="conflicts --format jsonl over imported claims; see the docstring.")
    parser.add_argument("--claims", default="10000,100000", help="claim counts, comma-separated")
    parser.add_argument("--docs", default="200,2000", help="corpus sizes for extract's peak memory, comma-separated")
    parser.add_argument("--one-story", type=int, default=5000, help="one-sentence articles of one story (0: none)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()
    counts = [int(c) for c in args.claims.split(",") if c.strip()]
    sizes = [int(c) for c in args.docs.split(",") if c.strip()]
    results = {"commit": commit(), "runs": {}, "extract": {}, "one_story": None}
    with tempfile.TemporaryDirectory(prefix="factcheck-scale-") as folder:
        tmp = Path(folder)
        seeds = seed_claims(tmp)
        for count in counts:
            claims, db = tmp / f"claims{count}.jsonl", tmp / f"claims{count}.db"
            stories = write_claims(seeds, count, claims)
            imported = run(FACTCHECK, "import", str(claims), "--db", str(db), "--quiet")
            conflicts = run(FACTCHECK, "conflicts", "--format", "jsonl", "--db", str(db))  # as a user types it
            alone = run(FACTCHECK, "conflicts", "--format", "jsonl", "--db", str(db), "--jobs", "1")
            results["runs"][count] = {"stories": stories, "import_seconds": imported.seconds,
                                      "seconds": conflicts.seconds, "cpu_seconds": conflicts.cpu_seconds,
                                      "peak_rss_mb": conflicts.peak_rss_mb, "one_process_seconds": alone.seconds,
                                      "one_process_peak_rss_mb": alone.peak_rss_mb}
            claims.unlink()
            db.unlink()
        if args.one_story:
            claims, db = tmp / "one.jsonl", tmp / "one.db"
            write_one_story(args.one_story, claims)
            run(FACTCHECK, "import", str(claims), "--db", str(db), "--quiet")
            one = run(FACTCHECK, "conflicts", "--all", "--format", "jsonl", "--db", str(db))
            results["one_story"] = {"articles": args.one_story, "seconds": one.seconds, "cpu_seconds": one.cpu_seconds,
                                    "peak_rss_mb": one.peak_rss_mb}
        for size in sizes:
            corpus = tmp / f"corpus{size}"
            words = build_corpus(corpus, size)
            extracted = run(FACTCHECK, "extract", str(corpus), "--quiet", "--format", "jsonl", "--db", str(tmp / f"docs{size}.db"))
            results["extract"][size] = {"words": words, "seconds": extracted.seconds, "peak_rss_mb": extracted.peak_rss_mb}
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def report(results: dict) -> str:
    lines = [f"factcheck {results['commit']}; conflicts --format jsonl over imported claims (its own choice of",
             "processes; peak: the largest process), and with --jobs 1 beside it", "",
             f"{'claims':>10}{'stories':>9}{'import s':>10}{'wall s':>9}{'CPU s':>8}{'claims/s':>10}{'peak MB':>9}"
             f"{'time x':>8}{'peak x':>8}{'-j1 wall s':>12}{'-j1 MB':>8}"]
    previous = None
    for count, r in results["runs"].items():
        growth = ("", "")
        if previous and int(count) == 10 * int(previous[0]):
            growth = (f"{r['seconds'] / previous[1]['seconds']:.1f}", f"{r['peak_rss_mb'] / previous[1]['peak_rss_mb']:.2f}")
        lines.append(f"{int(count):>10,}{r['stories']:>9,}{r['import_seconds']:>10.1f}{r['seconds']:>9.2f}"
                     f"{r['cpu_seconds']:>8.2f}{int(count) / r['seconds']:>10,.0f}{r['peak_rss_mb']:>9.0f}"
                     f"{growth[0]:>8}{growth[1]:>8}{r['one_process_seconds']:>12.2f}{r['one_process_peak_rss_mb']:>8.0f}")
        previous = (count, r)
    if results["one_story"]:
        r = results["one_story"]
        lines += ["", f"one story of {r['articles']:,} one-sentence articles (conflicts --all): {r['seconds']:.2f} s wall,"
                      f" {r['cpu_seconds']:.2f} s CPU, {r['peak_rss_mb']:.0f} MB"]
    if results["extract"]:
        lines += ["", f"{'extract --format jsonl':<24}{'words':>10}{'wall s':>9}{'peak MB':>9}{'peak x':>8}"]
        first = None
        for size, r in results["extract"].items():
            growth = f"{r['peak_rss_mb'] / first['peak_rss_mb']:.2f}" if first else ""
            lines.append(f"{f'{int(size):,} documents':<24}{r['words']:>10,}{r['seconds']:>9.1f}{r['peak_rss_mb']:>9.0f}{growth:>8}")
            first = first or r
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
