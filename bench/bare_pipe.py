"""The baseline of bench.py: spaCy alone over a folder of articles, loaded and batched as factcheck does.

It parses what extract parses, the text after any front matter. Run as its own process so
that interpreter start and model load count as they do for `factcheck extract`; the
difference between the two is what factcheck adds.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from factcheck import nlp
from factcheck.nlp import BATCH_SIZE
from factcheck.ingest import FRONT_MATTER


def body(text: str) -> str:
    match = FRONT_MATTER.match(text)
    return text[match.end() :] if match else text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="default: the batch extract uses")
    args = parser.parse_args()
    texts = [body(p.read_text(encoding="utf-8")) for p in sorted(args.folder.rglob("*")) if p.is_file()]
    model = nlp.load()
    for _doc in model.pipe(texts, batch_size=args.batch_size, n_process=args.n_process):
        pass


if __name__ == "__main__":
    main()
