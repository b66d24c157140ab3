"""The library API: what the CLI calls, and what a Python user imports.

    import factcheck
    result = factcheck.extract(["seeds/"], db="claims.db")
    report, _ = factcheck.conflicts(db="claims.db", show_all=True)  # (ConflictsResult, ExtractResult or None)
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import time
from dataclasses import dataclass
from collections import deque
from typing import Callable, Iterable, Iterator, Optional, Sequence, Union

from . import ingest
from .errors import Interrupted, UsageError
from .models import Claim, ConflictsResult, Document, ExtractResult, Group, Skipped, VERDICTS
from .patterns import Ruleset, load_ruleset
from .store import Store, default_path

Progress = Callable[[int, int], None]  # (documents done, documents in all)
PathsArgument = Union[str, "os.PathLike[str]", Iterable[Union[str, "os.PathLike[str]"]]]
COMMIT_EVERY_SECONDS = 1.0
COMMIT_EVERY_DOCUMENTS = 200
AUTO_JOBS_CLAIMS = 50_000  # from this many claims, reconciling over every CPU is faster (bench/scale.py)
MAX_AUTO_JOBS = 4
_extractors: dict[tuple[str, str], object] = {}


@dataclass(frozen=True)
class Options:
    """What every entry point shares: the model, the user's rule files, a default publication date."""

    model: Optional[str] = None
    patterns: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    published: Optional[str] = None
    jobs: int = 1
    # processes that reconcile stories; None: `jobs` when above 1, else one per CPU for a store
    # large enough to pay for starting them (`reconciling_processes`)
    reconcile_jobs: Optional[int] = None
    max_size_mb: float = ingest.MAX_DOCUMENT_MB  # one document larger than this is skipped, with a warning
    fetch_private: bool = False  # URLs may reach loopback and private addresses
    name: Optional[str] = None  # the path shown for the document read from stdin
    date_order: str = "mdy"  # '03/04/2024' as March 4 (mdy) or 3 April (dmy) where the document has no locale

    def ruleset(self) -> Ruleset:
        return load_ruleset(tuple(self.patterns), tuple(self.aliases))

    def fingerprint(self) -> str:
        from .nlp import model_name

        return f"{self.ruleset().fingerprint}:{model_name(self.model)}" + (":dmy" if self.date_order == "dmy" else "")


def extractor(options: Options):
    """The model and compiled rules, built once per process (the Dask workers' cache too)."""
    from . import nlp
    from .extraction import Extractor

    key = (nlp.model_name(options.model), options.ruleset().fingerprint)
    if key not in _extractors:
        _extractors[key] = Extractor(nlp.load(options.model), options.ruleset())
    return _extractors[key]


def claims_of_documents(
    documents: Iterable[Document], options: Options = Options(), failures: Optional[list[Skipped]] = None
) -> Iterator[tuple[Document, list[Claim]]]:
    """Parse documents in one spaCy pipe and yield each with its claims, in input order; no store,
    no global state but the per-process model cache. `options.jobs` > 1 spreads them over
    worker processes. With a `failures` list, a document the rules fail on is reported there and
    the others go on; without one, the error is raised."""
    from . import nlp

    if options.jobs > 1:
        yield from _claims_in_processes(list(documents), options)
        return
    documents = iter(documents)
    first = next(documents, None)
    if first is None:  # every document unchanged: no model to load
        return
    rules = extractor(options)
    model = nlp.load(options.model)
    bodies = ((d.text[d.body_start :], d) for d in itertools.chain([first], documents))  # front matter is metadata, not article
    for document, pieces in nlp.parse(model, bodies):
        try:
            claims = rules.extract(document, pieces)
        except Exception as exc:
            if failures is None:
                raise
            failures.append(Skipped(path=document.path, reason=f"extraction failed ({type(exc).__name__}: {exc})"))
            continue  # a bug on one article must not lose a long run
        yield document, claims


def _claims_in_processes(documents: list[Document], options: Options) -> Iterator[tuple[Document, list[Claim]]]:
    """Documents over `options.jobs` worker processes, each with its own model, in input order.

    The workers ignore SIGINT: Ctrl-C reaches the whole process group, and it is this process
    that answers it, ending the workers, rather than each printing its own KeyboardInterrupt.
    """
    import multiprocessing
    import signal
    import threading

    if not documents:
        return
    one = dataclasses.replace(options, jobs=1)
    context = multiprocessing.get_context("spawn")  # no sqlite connection or model copied by fork
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if in_main_thread else None  # the workers inherit it
    try:
        pool = context.Pool(min(options.jobs, len(documents)), initializer=_worker_start, initargs=(one,))
    finally:
        if in_main_thread:
            signal.signal(signal.SIGINT, previous)
    from .nlp import BATCH_SIZE

    chunks = [documents[i : i + BATCH_SIZE] for i in range(0, len(documents), BATCH_SIZE)]
    try:
        for chunk, results in zip(chunks, pool.imap(_worker_claims, chunks)):
            yield from zip(chunk, results)  # a chunk is one spaCy batch in the worker
        pool.close()
    finally:
        pool.terminate()
        pool.join()


_worker: dict[str, object] = {}


def _worker_start(options: Options) -> None:
    """A worker process's initializer: load the model once. A failure is kept for the first task
    to raise; an initializer that raised would be restarted by the pool for ever."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker["options"] = options
    try:
        extractor(options)
    except BaseException as exc:  # noqa: BLE001 - reported by _worker_claims
        _worker["error"] = exc


def _worker_claims(documents: list[Document]) -> list[list[Claim]]:
    if "error" in _worker:
        raise _worker["error"]  # type: ignore[misc]
    options: Options = _worker["options"]  # type: ignore[assignment]
    return [claims for _document, claims in claims_of_documents(documents, options)]


def extract(
    paths: PathsArgument,
    db: Optional[str] = None,
    options: Options = Options(),
    progress: Optional[Progress] = None,
    dask_address: Optional[str] = None,
    on_claims: Optional[Callable[[list[Claim]], None]] = None,
) -> ExtractResult:
    """Read the articles at `paths` (a path, or a list of them), extract their claims and store
    them; unchanged files are taken from the store without parsing them again. Documents are
    read one by one as the parse needs them, so the first are stored before the last are read.
    With `on_claims`, each document's claims are handed to it as the document is done, in input
    order, and not kept in the result."""
    paths = as_paths(paths)
    if options.published is not None and ingest.parse_iso_date(options.published) is None:
        raise UsageError(f"--published {options.published!r} is not a date (YYYY-MM-DD)")
    if options.date_order not in ("mdy", "dmy"):
        raise UsageError(f"--date-order {options.date_order!r} is not mdy or dmy")
    read = ingest.Ingested()
    reading = ingest.iter_documents(paths, read, published=options.published, max_mb=options.max_size_mb,
                                    fetch_private=options.fetch_private, name=options.name, date_order=options.date_order)
    first = next(reading, None)
    if first is None:  # nothing to store: do not create a store for it
        return ExtractResult(documents=[], claims=[], skipped=read.skipped, warnings=read.warnings, passed_over=read.passed_over)
    fingerprint = options.fingerprint()
    documents: list[Document] = []
    done = 0
    turns: deque[tuple[str, bool]] = deque()  # (key, stored): the documents read, in input order, not yet handed over

    def total() -> int:
        return max(done, read.found - read.passed_over - len(read.skipped))

    def report() -> None:
        if progress:
            progress(done, total())

    with Store(default_path(db)) as store:
        def fresh() -> Iterator[Document]:
            """The documents read, those the store already holds for these rules left out."""
            nonlocal done
            for document in itertools.chain([first], reading):
                documents.append(document)
                stored = store.unchanged(document.store_key, document.sha256, fingerprint)
                if on_claims is not None:
                    turns.append((document.store_key, stored))
                if stored:
                    done += 1
                    report()
                    continue
                yield document

        def hand_over(finished: Optional[str], claims: Sequence[Claim] = ()) -> None:
            """Hand `on_claims` what comes before `finished` (just parsed) in input order: the stored
            claims of unchanged documents (and all of them when `finished` is None); a parsed
            document before it that gave nothing failed, and is passed over."""
            while turns:
                path, stored = turns.popleft()
                if stored:
                    on_claims(store.claims([path]))
                elif path == finished:
                    on_claims(store.kept(list(claims)))  # what the store gives later runs, and JSON
                    return

        if dask_address:
            from .distributed import claims_on_cluster

            results = claims_on_cluster(list(fresh()), options, dask_address)
        else:
            results = claims_of_documents(fresh(), options, failures=read.skipped)
        pending: list[tuple[Document, list[Claim]]] = []
        last_commit = time.monotonic()
        try:
            for document, claims in results:
                if on_claims is not None:
                    hand_over(document.store_key, claims)
                pending.append((document, claims))
                done += 1
                if len(pending) >= COMMIT_EVERY_DOCUMENTS or time.monotonic() - last_commit >= COMMIT_EVERY_SECONDS:
                    store.save(pending, fingerprint)
                    pending, last_commit = [], time.monotonic()
                report()
            store.save(pending, fingerprint)
        except KeyboardInterrupt:
            store.save(pending, fingerprint)  # every finished document is kept, as the progress bar counted it
            raise Interrupted(done, total()) from None
        if on_claims is not None:
            hand_over(None)
        failed = {s.path for s in read.skipped}
        documents = [d for d in documents if d.path not in failed]
        claims = store.claims([d.store_key for d in documents]) if on_claims is None else []
        read.warnings.extend(store.warnings)
    return ExtractResult(documents=documents, claims=claims, skipped=read.skipped, warnings=read.warnings,
                         passed_over=read.passed_over)


def as_paths(paths: PathsArgument) -> list[str]:
    """What the library takes as paths - a `str` or `Path` (one path, never its characters) or a
    list of them - as the list of strings the reader walks."""
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    listed = list(paths)
    wrong = [p for p in listed if not isinstance(p, (str, os.PathLike))]
    if wrong:
        raise UsageError(f"paths must be str or Path objects, not {type(wrong[0]).__name__}")
    return [os.fspath(p) for p in listed]


def conflicts(
    paths: Optional[PathsArgument] = None,
    db: Optional[str] = None,
    options: Options = Options(),
    show_all: bool = False,
    verdicts: Optional[Sequence[str]] = None,
    story: Optional[str] = None,
    progress: Optional[Progress] = None,
) -> tuple[ConflictsResult, Optional[ExtractResult]]:
    """Reconcile stored claims (those of `paths`, extracted first, when given), with the hand
    corrections the store holds. Returns a tuple: the ConflictsResult, and the ExtractResult of
    `paths` (None without paths).

    By default only discrepancies (conflict, temporal) are returned; `show_all` returns every
    group and `verdicts` keeps only those verdicts.
    """
    from .streaming import in_verdict_order

    stories, extracted, unreadable = conflict_stories(paths, db, options, show_all, verdicts, story, progress)
    groups = in_verdict_order(stories)
    return ConflictsResult(groups=groups, warnings=unreadable), extracted


def conflict_stories(
    paths: Optional[PathsArgument] = None,
    db: Optional[str] = None,
    options: Options = Options(),
    show_all: bool = False,
    verdicts: Optional[Sequence[str]] = None,
    story: Optional[str] = None,
    progress: Optional[Progress] = None,
    dask_address: Optional[str] = None,
) -> tuple[Iterator[list[Group]], Optional[ExtractResult], list[str]]:
    """As `conflicts`, a story at a time: each story's groups (those shown), in the order of the
    stories' names, reconciled as the iterator is read (over `options.jobs` processes, or on the
    Dask cluster at `dask_address`); and the list that is given a line for each stored claim that
    cannot be read, as the stories are. Extraction of `paths` and the checks happen at once."""
    from .streaming import Reconcile, reconciled, shown_verdicts

    unknown = [v for v in verdicts or [] if v not in VERDICTS]
    if unknown:
        raise UsageError(f"unknown verdict {unknown[0]!r}; choose from {', '.join(VERDICTS)}")
    extracted, wanted = None, None
    if paths is not None and not isinstance(paths, (str, os.PathLike)):
        paths = list(paths)
    if paths:
        extracted = extract(paths, db=db, options=options, progress=progress)
        wanted = [d.store_key for d in extracted.documents]
    else:
        with Store(default_path(db), readonly=True) as store:
            if story is not None and story not in store.stories():
                raise UsageError(f"no story {story!r} in the store; it has: {', '.join(store.stories()) or 'none'}")
    unreadable: list[str] = []

    def stories() -> Iterator[list[Group]]:
        if wanted == []:  # nothing was extracted, and no store may exist
            return
        with Store(default_path(db), readonly=True) as store:
            task = Reconcile(dataclasses.replace(options, jobs=1), shown_verdicts(show_all, verdicts),
                             corrections=tuple(store.corrections()))  # the hand corrections (`factcheck correct`)
            jobs = 1 if dask_address else reconciling_processes(store, options, story, wanted)
            named = jobs > 1  # worker processes here read their stories themselves
            for groups, warnings in reconciled(store.story_claims(story, wanted, by_name=named), task, jobs, dask_address):
                unreadable.extend(warnings)  # stored rows that cannot be read, told as they are met
                yield groups

    return stories(), extracted, unreadable


def reconciling_processes(store: Store, options: Options, story: Optional[str], wanted: Optional[list[str]]) -> int:
    """How many processes reconcile: as asked (`options.reconcile_jobs`, else `options.jobs` above
    1); unasked, one per CPU (at most MAX_AUTO_JOBS) for a whole store of AUTO_JOBS_CLAIMS
    claims or more, and one for anything smaller, where starting workers costs more than they save."""
    if options.reconcile_jobs is not None:
        return options.reconcile_jobs
    if options.jobs > 1:
        return options.jobs
    if story is not None or wanted is not None or store.claim_count() < AUTO_JOBS_CLAIMS:
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1  # those this process may use
    return min(cpus, MAX_AUTO_JOBS)
