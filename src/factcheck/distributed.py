"""Extraction and reconciliation spread over a Dask cluster (`extract --dask ADDRESS`,
`conflicts --dask ADDRESS`).

Documents travel in chunks: each task parses a score of documents in one spaCy pipe, so
the per-task overhead is small next to the parse, and each worker process loads the model
once (the `api.extractor` cache). Only a few chunks per worker thread are in flight at a
time, so the scheduler and the workers never hold the whole corpus, and results come back
in input order.

Workers need factcheck, the model and any --patterns/--aliases files at the same paths; a
worker whose rules or model differ from this process's is refused rather than trusted.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import deque
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from .api import Options, claims_of_documents
from .errors import FactcheckError, UsageError
from .models import Claim, Document, Group

if TYPE_CHECKING:  # pragma: no cover
    from .streaming import Reconcile

CHUNK_DOCUMENTS = 20
CHUNKS_PER_WORKER_THREAD = 3  # in flight: enough to keep every worker busy while results are read
CONNECT_TIMEOUT_SECONDS = 10

# spaCy's Language is not thread-safe: a worker with several threads parses one chunk at a time.
_parse_lock = threading.Lock()


def claims_on_cluster(
    documents: Sequence[Document], options: Options, address: str
) -> Iterator[tuple[Document, list[Claim]]]:
    """Yield each document with its claims, in input order, parsed on the cluster at `address`."""
    from . import nlp

    client = _client(address)
    # The model is named here, not on each worker, so that every worker uses the one this store records.
    options = dataclasses.replace(options, model=nlp.model_name(options.model), jobs=1)
    fingerprint = options.fingerprint()
    with client:
        threads = sum(client.nthreads().values())
        window = max(1, threads) * CHUNKS_PER_WORKER_THREAD
        chunks = (documents[i : i + CHUNK_DOCUMENTS] for i in range(0, len(documents), CHUNK_DOCUMENTS))
        in_flight: deque = deque()
        for chunk in chunks:
            in_flight.append(client.submit(_extract_chunk, chunk, options, fingerprint, pure=False))
            if len(in_flight) >= window:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()


def reconcile_on_cluster(stories: Iterable[list[Claim]], task: "Reconcile", address: str) -> Iterator[list[Group]]:
    """Each story's groups, in story order, reconciled on the cluster at `address`: stories go out
    a few per task, a few tasks per worker thread in flight, so neither side holds the store."""
    from .streaming import TASKS_PER_WORKER, in_order

    task = dataclasses.replace(task, rules=task.options.ruleset().fingerprint)
    with _client(address) as client:
        window = max(1, sum(client.nthreads().values())) * TASKS_PER_WORKER
        yield from in_order(stories, lambda batch: client.submit(task.many, batch, pure=False),
                            lambda future: future.result(), window)


def _extract_chunk(documents: Sequence[Document], options: Options, fingerprint: str) -> list[tuple[Document, list[Claim]]]:
    """The task run on a worker: one pipe over the chunk, with the worker's cached model."""
    with _parse_lock:
        found = options.fingerprint()
        if found != fingerprint:
            raise FactcheckError(
                f"a Dask worker has other rules or another model ({found}, not {fingerprint}); "
                "install the same factcheck, model and rule files on every worker"
            )
        return list(claims_of_documents(documents, options))


def _client(address: str):
    """A client of the scheduler at `address`; a missing extra, a bad address or an unreachable
    scheduler is one line."""
    try:
        from distributed import Client
        from distributed.comm import parse_address
        from distributed.comm.registry import get_backend
    except ImportError:
        raise UsageError("--dask needs the dask extra: pip install 'factcheck[dask]'") from None
    try:  # checked before Client(): a Client that failed on its address hangs when collected
        get_backend(parse_address(address)[0])
    except ValueError as exc:
        raise UsageError(f"--dask {address!r} is not a scheduler address: {exc}") from None
    try:
        return Client(address, timeout=CONNECT_TIMEOUT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise FactcheckError(f"cannot reach the Dask scheduler at {address}: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
