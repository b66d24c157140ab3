"""Speed and scale of factcheck against spaCy alone (issue 6).

    .venv/bin/python bench/bench.py                       # 200 documents; 10k and 100k claims
    .venv/bin/python bench/bench.py --docs 400 --repeat 3 --json /tmp/bench.json

Every command runs as its own process, timed by wall clock, with its CPU time and peak RSS
from wait4, so the figures are what a user sees, model load included. On a shared machine
the parsing commands take turns `--repeat` times and the fastest run counts. Reconciliation
is timed in this process, on synthetic claims made by varying the claims the corpus run stored.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

import factcheck
from factcheck.ingest import FRONT_MATTER
from factcheck.models import Claim, Document, stable_id
from factcheck.normalize import format_number
from factcheck.patterns import load_ruleset
from factcheck.reconcile import reconcile
from factcheck.store import Store

ROOT = Path(__file__).resolve().parents[1]
FACTCHECK = str(Path(sys.executable).with_name("factcheck"))
BARE_PIPE = str(Path(__file__).with_name("bare_pipe.py"))
STORY_DOCUMENTS = 10  # documents per synthetic story: a well-covered story, as reconcile sees one
STARTUP_RUNS = 5
SPIN = "x = 0\nfor i in range(20_000_000):\n    x += i"


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system, children included: steadier than wall time on a shared machine
    peak_rss_mb: float


def run(*args: str) -> Run:
    """Wall time, CPU time and peak RSS of one process (peak: the largest of it and its children)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=errors)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(args)} exited {process.returncode}:\n{errors.read().decode(errors='replace')}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def startup(*args: str) -> Run:
    """The median of a few runs: start-up times are short enough for noise to matter."""
    runs = [run(*args) for _ in range(STARTUP_RUNS)]
    return Run(statistics.median(r.seconds for r in runs), statistics.median(r.cpu_seconds for r in runs),
                max(r.peak_rss_mb for r in runs))


def cpu_scaling() -> float:
    """Throughput of two busy processes over one: what any 2-process run can gain on this
    machine (2.0 on two free cores; less on shared or hyperthreaded vCPUs)."""
    one = run(sys.executable, "-c", SPIN).seconds
    start = time.perf_counter()
    pair = [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(2)]
    for process in pair:
        process.wait()
    return 2 * one / (time.perf_counter() - start)


def commit() -> str:
    """The code measured: the repository's commit, or the folder factcheck is imported from when
    that is elsewhere (a snapshot put first on PYTHONPATH)."""
    package = Path(factcheck.__file__).resolve().parent
    if not package.is_relative_to(ROOT):
        return str(package)
    found = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True, text=True)
    return found.stdout.strip() or "unknown"


# ---------------------------------------------------------------------- corpus

def articles() -> list[Path]:
    stories = sorted(p for p in (ROOT / "fixtures" / "stories").glob("*/*") if p.suffix in (".md", ".txt"))
    return sorted((ROOT / "seeds").glob("*.txt")) + stories


def build_corpus(folder: Path, count: int) -> int:
    """Write `count` articles, none equal to another: each is numbered and its paragraphs after
    the lead are shuffled. Stories keep their folders, so reconcile sees real stories.
    Returns the words parsed (front matter is not)."""
    sources = articles()
    words = 0
    for number in range(count):
        source = sources[number % len(sources)]
        text = source.read_text(encoding="utf-8")
        match = FRONT_MATTER.match(text)
        head, body = (text[: match.end()], text[match.end() :]) if match else ("", text)
        paragraphs = [p.strip("\n") for p in body.split("\n\n") if p.strip()]
        lead, rest = paragraphs[:2], paragraphs[2:]
        random.Random(number).shuffle(rest)
        body = f"Copy {number}.\n\n" + "\n\n".join(lead + rest) + "\n"
        story = folder / source.parent.name
        story.mkdir(parents=True, exist_ok=True)
        (story / f"{number:04d}_{source.name}").write_text(head + body, encoding="utf-8")
        words += len(body.split())
    return words


# ---------------------------------------------------------------------- synthetic claims

def synthetic_claims(claims: list[Claim], count: int) -> list[Claim]:
    """`count` claims from real ones: each round copies every story as a new story of up to
    STORY_DOCUMENTS documents, naming a fifth of the subjects another way (case, article,
    surname) and giving a tenth of the numbers another value, so groups, aliases and conflicts
    all occur as they do in real stories."""
    by_story: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        by_story[claim.source.story or ""][claim.source.path].append(claim)
    stories = [[documents[p] for p in sorted(documents)[:STORY_DOCUMENTS]] for _s, documents in sorted(by_story.items())]
    made: list[Claim] = []
    round_ = 0
    while len(made) < count:
        for documents in stories:
            rng = random.Random(f"{round_}:{documents[0][0].source.story}")
            for document in documents:
                first = document[0].source
                source = first.model_copy(update={"path": f"{first.path}#{round_}", "story": f"{first.story}#{round_}"})
                for claim in document:
                    made.append(claim.model_copy(update={
                        "id": stable_id(claim.id, round_), "source": source,
                        "subject": _other_name(claim.subject, rng), "value": _other_value(claim.value, rng),
                    }))
        round_ += 1
    return made[:count]


def _other_name(subject: str, rng: random.Random) -> str:
    if rng.random() >= 0.2:
        return subject
    return rng.choice([subject.upper(), f"the {subject}", (subject.split() or [subject])[-1]])


def _other_value(value: str, rng: random.Random) -> str:
    try:
        number = float(value.rstrip("%"))
    except ValueError:
        return value
    if rng.random() >= 0.1:
        return value
    return format_number(number * rng.choice([0.5, 0.9, 1.1, 2])) + ("%" if value.endswith("%") else "")


def write_store(path: Path, claims: list[Claim], documents: dict[str, Document], ruleset: str) -> None:
    """A store holding the synthetic claims, each under a copy of the document it was made from."""
    by_path: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_path[claim.source.path].append(claim)
    batch = []
    for synthetic, found in by_path.items():
        original = documents[synthetic.rsplit("#", 1)[0]]
        batch.append((original.model_copy(update={"source": found[0].source, "key": synthetic}), found))  # a document of its own
    with Store(str(path)) as store:
        store.save(batch, ruleset)


# ---------------------------------------------------------------------- the bench

PIPE, PIPE_2, EXTRACT, RERUN, JOBS_2 = "bare nlp.pipe", "bare nlp.pipe n_process=2", "extract", "extract again", "extract --jobs 2"
PARSING = (PIPE, PIPE_2, EXTRACT, JOBS_2)  # the runs that parse the corpus: words/s makes sense for them


def measure(docs: int, claim_counts: list[int], repeat: int, tmp: Path) -> dict:
    measured = commit()  # before the runs: the tree may change while they go on
    corpus, double = tmp / "corpus", tmp / "corpus2"
    words = build_corpus(corpus, docs)
    build_corpus(double, 2 * docs)
    extract = (FACTCHECK, "extract", str(corpus), "--quiet")
    load = os.getloadavg()[0]
    scaling = cpu_scaling()
    tries: dict[str, list[Run]] = defaultdict(list)
    for attempt in range(repeat):  # round robin, so that a busy spell on a shared machine hits every command alike
        db = str(tmp / f"claims{attempt}.db")  # new stores each time: every extract starts from nothing
        parsing = {
            PIPE: (sys.executable, BARE_PIPE, str(corpus)),
            PIPE_2: (sys.executable, BARE_PIPE, str(corpus), "--n-process", "2"),
            EXTRACT: (*extract, "--db", db),
            JOBS_2: (*extract, "--db", str(tmp / f"jobs{attempt}.db"), "--jobs", "2"),
        }
        for name, args in parsing.items():
            tries[name].append(run(*args))
    runs = {name: min(found, key=lambda r: r.seconds) for name, found in tries.items()}
    runs.update({
        RERUN: run(*extract, "--db", db),
        f"extract {2 * docs} docs": run(FACTCHECK, "extract", str(double), "--quiet", "--db", str(tmp / "double.db")),
        "conflicts --all (corpus)": run(FACTCHECK, "conflicts", "--all", "--format", "json", "--db", db),
        "--version": startup(FACTCHECK, "--version"),
        "--help": startup(FACTCHECK, "--help"),
    })
    with Store(db, readonly=True) as store:
        real = store.claims()
        documents = {d.path: d for d in store.documents()}
        fingerprint = store.connection.execute("SELECT ruleset FROM documents LIMIT 1").fetchone()[0]
    rules = load_ruleset()
    reconciles = {}
    for count in claim_counts:
        claims = synthetic_claims(real, count)
        start, cpu = time.perf_counter(), time.process_time()
        groups = reconcile(claims, rules)
        reconciles[count] = {"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu,
                             "groups": len(groups), "stories": len({c.source.story for c in claims})}
        synthetic_db = tmp / f"synthetic{count}.db"
        write_store(synthetic_db, claims, documents, fingerprint)
        runs[f"conflicts --all ({count} claims)"] = run(
            FACTCHECK, "conflicts", "--all", "--format", "json", "--db", str(synthetic_db))
    largest = f"conflicts --all ({max(claim_counts)} claims)" if claim_counts else None
    ratios = {
        "extract / bare nlp.pipe": (_ratio(runs[EXTRACT], runs[PIPE]), "<= 1.15"),
        "--jobs 2 speed-up": ((runs[EXTRACT].seconds / runs[JOBS_2].seconds, None), ">= 1.6"),
        "bare n_process=2 speed-up": ((runs[PIPE].seconds / runs[PIPE_2].seconds, None), "reference"),
        "2 busy processes / 1 (machine)": ((scaling, None), "reference: 2.0 on two free cores"),
        "re-run / first run": (_ratio(runs[RERUN], runs[EXTRACT]), "<= 0.10"),
        f"peak RSS {2 * docs} / {docs} docs": (
            (runs[f"extract {2 * docs} docs"].peak_rss_mb / runs[EXTRACT].peak_rss_mb, None), "<= 1.10 (flat)"),
    }
    seconds = {"--version": (runs["--version"].seconds, "< 0.3 s"), "--help": (runs["--help"].seconds, "< 0.3 s")}
    if largest:
        seconds[largest] = (runs[largest].seconds, "< 10 s")
    return {
        "commit": measured, "repeat": repeat, "docs": docs, "words": words, "claims_in_corpus": len(real), "cpus": os.cpu_count(),
        "load_average": [load, os.getloadavg()[0]],
        "runs": {name: asdict(r) for name, r in runs.items()},
        "reconcile": reconciles,
        "ratios": {name: {"wall": v[0], "cpu": v[1], "target": t} for name, (v, t) in ratios.items()},
        "seconds": {name: {"value": v, "target": t} for name, (v, t) in seconds.items()},
    }


def _ratio(a: Run, b: Run) -> tuple[float, float]:
    return a.seconds / b.seconds, a.cpu_seconds / b.cpu_seconds


def report(results: dict) -> str:
    words = results["words"]
    load_before, load_after = results["load_average"]
    lines = [
        f"factcheck {results['commit']}; corpus: {results['docs']} documents, {words:,} words parsed, "
        f"best of {results['repeat']} runs, "
        f"{results['claims_in_corpus']:,} claims stored; {results['cpus']} CPUs, load average {load_before:.1f} before, "
        f"{load_after:.1f} after",
        "",
        f"{'command':<36}{'wall s':>8}{'CPU s':>8}{'words/s':>9}{'peak RSS MB':>13}",
    ]
    for name, r in results["runs"].items():
        rate = f"{words / r['seconds']:,.0f}" if name in PARSING else ""
        lines.append(f"{name:<36}{r['seconds']:>8.2f}{r['cpu_seconds']:>8.2f}{rate:>9}{r['peak_rss_mb']:>13.0f}")
    lines += ["", f"{'reconcile alone (in process)':<36}{'wall s':>8}{'CPU s':>8}{'claims/s':>9}{'groups':>8}{'stories':>9}"]
    for count, r in results["reconcile"].items():
        lines.append(f"{f'{int(count):,} synthetic claims':<36}{r['seconds']:>8.2f}{r['cpu_seconds']:>8.2f}"
                     f"{int(count) / r['seconds']:>9,.0f}{r['groups']:>8}{r['stories']:>9}")
    lines += ["", f"{'target':<36}{'wall':>8}{'CPU':>8}  goal"]
    for name, r in results["ratios"].items():
        cpu = f"{r['cpu']:.2f}" if r["cpu"] is not None else ""
        lines.append(f"{name:<36}{r['wall']:>8.2f}{cpu:>8}  {r['target']}")
    for name, r in results["seconds"].items():
        lines.append(f"{name + ' (s)':<36}{r['value']:>8.2f}{'':>8}  {r['target']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Time factcheck against bare spaCy; see the module docstring.")
    parser.add_argument("--docs", type=int, default=200, help="documents in the corpus (default 200)")
    parser.add_argument("--claims", default="10000,100000", help="synthetic claim counts for reconcile, comma-separated")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each parsing command; the fastest counts (default 2)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()
    counts = [int(c) for c in args.claims.split(",") if c.strip()]
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        results = measure(args.docs, counts, args.repeat, Path(tmp))
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
