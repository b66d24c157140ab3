"""`extract --dask` and `conflicts --dask`: a real two-process cluster must find exactly the claims, and give byte for byte the groups, of a local run."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import pytest

from typer.testing import CliRunner

from factcheck import api, distributed, streaming
from factcheck.cli import app
from factcheck.errors import FactcheckError, UsageError
from factcheck.ingest import FRONT_MATTER, read_documents
from factcheck.models import ExtractResult

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = 20


def _articles() -> list[Path]:
    stories = sorted(p for p in (ROOT / "fixtures" / "stories").glob("*/*") if p.suffix in (".md", ".txt"))
    return sorted((ROOT / "seeds").glob("*.txt")) + stories


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Copies of seeds and fixtures, each with its own first body line, so no two texts are equal."""
    folder = tmp_path_factory.mktemp("corpus")
    articles = _articles()
    for number in range(DOCUMENTS):
        source = articles[number % len(articles)]
        text = source.read_text(encoding="utf-8")
        match = FRONT_MATTER.match(text)
        head, body = (text[: match.end()], text[match.end() :]) if match else ("", text)
        story = folder / source.parent.name
        story.mkdir(exist_ok=True)
        (story / f"{number:03d}_{source.name}").write_text(f"{head}Copy {number}.\n\n{body}", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def scheduler():
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def local_store(corpus, tmp_path_factory) -> tuple[Path, ExtractResult]:
    """The corpus extracted here, in this process."""
    db = tmp_path_factory.mktemp("local") / "local.db"
    return db, api.extract([str(corpus)], db=str(db))


def test_cluster_finds_the_claims_of_a_local_run(corpus, scheduler, local_store, tmp_path, monkeypatch):
    monkeypatch.setattr(distributed, "CHUNK_DOCUMENTS", 3)  # several chunks on each worker
    local = local_store[1]
    spread = api.extract([str(corpus)], db=str(tmp_path / "dask.db"), dask_address=scheduler)
    assert len(local.documents) == DOCUMENTS
    assert local.claims, "the corpus should have claims"
    assert [c.model_dump() for c in spread.claims] == [c.model_dump() for c in local.claims]


@pytest.mark.parametrize("shown", [[], ["--all"]])
def test_conflicts_on_the_cluster_are_byte_for_byte_those_of_a_local_run(scheduler, local_store, monkeypatch, shown):
    monkeypatch.setattr(streaming, "STORIES_PER_TASK", 1)  # a task per story, several on each worker
    db = str(local_store[0])
    local = CliRunner().invoke(app, ["conflicts", "--db", db, "--format", "jsonl", *shown])
    spread = CliRunner().invoke(app, ["conflicts", "--db", db, "--format", "jsonl", "--dask", scheduler, *shown])
    assert local.exit_code == spread.exit_code == 0, spread.stderr
    stories = {json.loads(line)["story"] for line in local.stdout.splitlines()}
    assert len(stories) >= 3 and spread.stdout == local.stdout


def test_a_worker_with_other_rules_refuses_to_reconcile(monkeypatch):
    task = streaming.Reconcile(api.Options(), frozenset(["conflict"]), rules="not these rules")
    monkeypatch.setattr(streaming, "_reconcilers", {})
    with pytest.raises(FactcheckError, match=r"^a worker has other rules \([0-9a-f]+, not not these rules\)"):
        task([])


def test_cluster_yields_documents_in_input_order(corpus, scheduler, monkeypatch):
    monkeypatch.setattr(distributed, "CHUNK_DOCUMENTS", 1)
    documents = read_documents([str(corpus)]).documents[:8]
    results = list(distributed.claims_on_cluster(documents, api.Options(), scheduler))
    assert [d.path for d, _ in results] == [d.path for d in documents]


def test_unreachable_scheduler_is_one_line(monkeypatch):
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT_SECONDS", 1)
    with pytest.raises(FactcheckError, match=r"^cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9\b[^\n]*$"):
        list(distributed.claims_on_cluster([], api.Options(), "tcp://127.0.0.1:9"))


def test_bad_address_is_a_usage_error():
    with pytest.raises(UsageError, match=r"^--dask 'foo://bar' is not a scheduler address: unknown address scheme"):
        list(distributed.claims_on_cluster([], api.Options(), "foo://bar"))


def test_missing_dask_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(UsageError, match=r"pip install 'factcheck\[dask\]'"):
        list(distributed.claims_on_cluster([], api.Options(), "tcp://127.0.0.1:9"))
