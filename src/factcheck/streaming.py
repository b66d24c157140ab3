"""`conflicts` a story at a time: read one story's claims from the store, reconcile it, write its
groups, let it go. Memory follows the largest story, not the store.

Stories never share a group, so reconciling them one by one gives the groups of reconciling them
all at once. The output keeps the order of a whole-store run (discrepancies first, then by story,
subject and attribute): stories are taken in the order of their names and each story's groups
come sorted, so `conflict` groups can be written as soon as they are made, and the others are
held in a temporary file per verdict (on disk, not in memory) until the conflicts are all out.
Stories may be reconciled in worker processes (`jobs`) or on a Dask cluster; results are taken
in story order either way, so the output is the same byte for byte.
"""

from __future__ import annotations

import gc
import shutil
import tempfile
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional, Sequence, TextIO

from .models import VERDICTS, Claim, Group

if TYPE_CHECKING:  # pragma: no cover
    from .api import Options
    from .render import GroupFormat
    from .store import StoredClaims, StoryInStore

DEFAULT_VERDICTS = ("conflict", "temporal")


def shown_verdicts(show_all: bool, verdicts: Optional[Sequence[str]]) -> frozenset[str]:
    """The verdicts a run shows: those asked for, else all with --all, else the discrepancies."""
    if verdicts:
        return frozenset(verdicts)
    return frozenset(VERDICTS if show_all else DEFAULT_VERDICTS)


STORIES_PER_TASK = 8  # stories sent to a worker at once: a task's overhead is small next to them
TASKS_PER_WORKER = 3  # in flight per worker, enough to keep each busy while results are written
COLLECT_EVERY = 20_000  # allocations between passes of the cycle collector while stories are reconciled
_reconcilers: dict = {}  # per process (a worker's too): the rules are built once


@dataclass(frozen=True)
class Reconcile:
    """One story's stored claims to its groups with a shown verdict: the task a worker process or
    a Dask worker runs, as small to send as its options; the claims are read where it runs."""

    options: "Options"
    shown: frozenset[str]
    rules: str = ""  # the rules' fingerprint where the task was made: a worker with other rules refuses it
    corrections: tuple = ()  # the store's hand corrections (review.Correction), applied to each story

    def __call__(self, stored: "StoredClaims | StoryInStore") -> tuple[list[Group], list[str]]:
        """The story's groups shown, and a line for each stored claim that could not be read."""
        claims, unreadable = stored.read()
        return self.groups(claims), unreadable

    def groups(self, claims: list[Claim]) -> list[Group]:
        reconciler = _reconcilers.get(self.options)
        if reconciler is None:
            from .errors import FactcheckError
            from .reconcile import Reconciler

            rules = self.options.ruleset()
            if self.rules and rules.fingerprint != self.rules:
                raise FactcheckError(f"a worker has other rules ({rules.fingerprint}, not {self.rules}); "
                                     "install the same factcheck and rule files on every worker")
            reconciler = _reconcilers[self.options] = Reconciler(rules)
        if self.corrections:
            from .review import reconcile_reviewed

            return [g for g in reconcile_reviewed(claims, reconciler.rules, self.corrections) if g.verdict in self.shown]
        return reconciler.groups(claims, self.shown)

    def many(self, stories: list["StoredClaims | StoryInStore"]) -> list[tuple[list[Group], list[str]]]:
        with fewer_collections():
            return [self(stored) for stored in stories]


@contextmanager
def fewer_collections(allocations: int = COLLECT_EVERY):
    """Python's cycle collector run less often: a story's claims and groups are made by the
    thousand and freed by their reference counts, and a pass over the young objects every 700
    allocations (the default) took a seventh of the time of `conflicts`, finding nothing."""
    before = gc.get_threshold()
    gc.set_threshold(allocations, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def reconciled(stories: Iterable["StoredClaims"], task: Reconcile, jobs: int = 1,
               dask_address: Optional[str] = None) -> Iterator[tuple[list[Group], list[str]]]:
    """Each story's groups (and unreadable rows), in story order: here, over `jobs` processes,
    or on a Dask cluster."""
    if dask_address:
        from .distributed import reconcile_on_cluster

        return reconcile_on_cluster(stories, task, dask_address)
    if jobs > 1:
        return _in_processes(stories, task, jobs)
    return _here(stories, task)


def _here(stories: Iterable["StoredClaims"], task: Reconcile) -> Iterator[tuple[list[Group], list[str]]]:
    with fewer_collections():
        yield from map(task, stories)


def in_order(stories: Iterable["StoredClaims | StoryInStore"], submit: Callable, result: Callable, window: int) -> Iterator:
    """Stories sent out in tasks of a few (`submit(task_stories)` gives a handle, `result(handle)` its
    groups), at most `window` tasks in flight, their groups given back in story order. Stories are
    read here, in this thread: the store's connection stays in the thread that opened it."""
    in_flight: deque = deque()
    batch: list["StoredClaims | StoryInStore"] = []
    for stored in stories:
        batch.append(stored)
        if len(batch) == STORIES_PER_TASK:
            in_flight.append(submit(batch))
            batch = []
        if len(in_flight) >= window:
            yield from result(in_flight.popleft())
    if batch:
        in_flight.append(submit(batch))
    while in_flight:
        yield from result(in_flight.popleft())


def _in_processes(stories: Iterable["StoredClaims | StoryInStore"], task: Reconcile, jobs: int) -> Iterator:
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # no sqlite connection copied by fork
    with context.Pool(jobs) as pool:
        yield from in_order(stories, lambda batch: pool.apply_async(task.many, (batch,)), lambda handle: handle.get(),
                            jobs * TASKS_PER_WORKER)


def in_verdict_order(stories: Iterable[list[Group]]) -> list[Group]:
    """Every story's groups in the order of one whole-store run (for a result held in memory)."""
    order = {verdict: i for i, verdict in enumerate(VERDICTS)}
    return sorted(chain.from_iterable(stories), key=lambda g: order[g.verdict])


def write_in_verdict_order(stories: Iterable[list[Group]], form: "GroupFormat", out: TextIO) -> dict[str, int]:
    """Write every story's groups in the order of one whole-store run: the first verdict's as they
    come, the others' held in a temporary file each until then. Returns the count of each verdict."""
    first, *later = VERDICTS
    counts = dict.fromkeys(VERDICTS, 0)
    held = {verdict: tempfile.TemporaryFile("w+", encoding="utf-8", newline="") for verdict in later}
    try:
        for groups in stories:
            for group in groups:
                text = form.item(group)
                if group.verdict == first:
                    out.write(form.between if counts[first] else form.head)
                    out.write(text)
                else:
                    held[group.verdict].write(form.between + text)  # the leading separator is dropped if it comes first
                counts[group.verdict] += 1
        for verdict in later:
            spool = held[verdict]
            if not counts[verdict]:
                continue
            spool.seek(0)
            if not any(counts[v] for v in VERDICTS[: VERDICTS.index(verdict)]):
                spool.read(len(form.between))
                out.write(form.head)
            shutil.copyfileobj(spool, out)
    finally:
        for spool in held.values():
            spool.close()
    shown = {verdict: n for verdict, n in counts.items() if n}
    out.write(form.tail(shown) if shown else form.empty)
    return shown
