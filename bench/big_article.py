"""One very long article (issue 17): `factcheck extract` time and memory against its size.

    .venv/bin/python bench/big_article.py                 # 1, 4 and 20 MB
    .venv/bin/python bench/big_article.py 0.5 1 2         # other sizes, in MB
    .venv/bin/python bench/big_article.py --comparisons 0.1 0.2 0.4

The article is the seeds repeated until it has the size asked for (news text, paragraphs as
the seeds have them). Each size runs `factcheck extract FILE --format json` as its own
process with `--max-size` raised past it, timed by wall clock with its CPU time and peak RSS
from wait4, model load included. Linear means CPU seconds per MB stay about the same.
`--comparisons` instead counts, in this process, the comparisons the choice among overlapping
candidates makes, and those comparing every candidate with every kept one would make.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench import FACTCHECK, ROOT, run

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def article(megabytes: float) -> str:
    """The seeds, one after another and again, cut at a paragraph to about `megabytes` MB."""
    seeds = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in SEEDS) + "\n\n"
    size = int(megabytes * 1_000_000)
    text = seeds * (size // len(seeds.encode("utf-8")) + 1)
    cut = text.rfind("\n\n", 0, size)
    return text[: cut if cut > 0 else size] + "\n"


def comparisons(sizes: list[float]) -> None:
    """Overlap comparisons made by `candidates.best` on each article, and by all pairs."""
    from factcheck import api, nlp
    from factcheck.extraction import candidates, extractor
    from factcheck.models import Document, Source

    found: list[list] = []
    real_best, real_clashes = extractor.best, candidates.clashes
    extractor.best = lambda cs: found.append(list(cs)) or real_best(cs)
    calls = 0

    def counted(kept, c) -> bool:
        nonlocal calls
        calls += 1
        return real_clashes(kept, c)

    model, rules = nlp.load(None), api.extractor(api.Options())
    print("| size | candidates | kept | all pairs | sweep |")
    print("| --- | --- | --- | --- | --- |")
    for megabytes in sizes:
        text = article(megabytes)
        document = Document(source=Source(path="big.txt", story="big"), text=text, sha256="-")
        found.clear()
        for parsed, pieces in nlp.parse(model, [(text, document)]):
            rules.extract(parsed, pieces)
        calls = 0
        candidates.clashes = counted
        kept = candidates.best(found[0])
        candidates.clashes = real_clashes
        chosen = {id(c) for c in kept}
        ordered = sorted(found[0], key=lambda c: (-c.priority, -c.confidence, -len(c.value_text), c.start, c.end))
        all_pairs, so_far = 0, 0
        for c in ordered:  # all pairs: each candidate against every one kept before it
            all_pairs += so_far
            so_far += id(c) in chosen
        print(f"| {megabytes:g} MB | {len(found[0]):,} | {len(kept):,} | {all_pairs:,} | {calls:,} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=float, default=[1, 4, 20], help="article sizes in MB")
    parser.add_argument("--comparisons", action="store_true", help="count overlap comparisons instead of timing")
    args = parser.parse_args()
    if args.comparisons:
        return comparisons(args.sizes)
    print("| size | words | wall | CPU | CPU per MB | peak RSS |")
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in args.sizes:
            path = Path(folder) / f"big_{megabytes:g}mb.txt"
            text = article(megabytes)
            path.write_text(text, encoding="utf-8")
            actual = path.stat().st_size / 1_000_000
            result = run(FACTCHECK, "extract", str(path), "--db", str(Path(folder) / f"{megabytes:g}.db"),
                         "--format", "json", "--max-size", str(megabytes * 2 + 1), "--quiet")
            print(f"| {actual:.2f} MB | {len(text.split()):,} | {result.seconds:.1f} s | {result.cpu_seconds:.1f} s"
                  f" | {result.cpu_seconds / actual:.1f} s | {result.peak_rss_mb:,.0f} MB |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
