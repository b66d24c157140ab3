"""One very long article (issue 17): `factcheck extract` time and memory against its size.

    .venv/bin/python bench/big_article.py                 # 1, 4 and 20 MB
    .venv/bin/python bench/big_article.py 0.5 1 2         # other sizes, in MB

The article is the seeds repeated until it has the size asked for (news text, paragraphs as
the seeds have them). Each size runs `factcheck extract FILE --format json` as its own
process with `--max-size` raised past it, timed by wall clock with its CPU time and peak RSS
from wait4, model load included. Linear means CPU seconds per MB stay about the same.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=float, default=[1, 4, 20], help="article sizes in MB")
    args = parser.parse_args()
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
