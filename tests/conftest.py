"""Shared fixtures: the seeds extracted once per session, and an environment the tests control."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch):
    """No store, traceback switch or colour setting of the developer's shell leaks into a test."""
    for name in ("FACTCHECK_DB", "FACTCHECK_TRACEBACK", "FORCE_COLOR", "NO_COLOR", "COLUMNS", "TERM"):
        monkeypatch.delenv(name, raising=False)


@dataclass(frozen=True)
class SeedStore:
    """A copy of the seeds in a folder named `seeds` (the story), and a store holding their claims."""

    folder: Path
    db: Path
    files: tuple[Path, ...]
    claim_count: int

    def copy_db(self, target: Path) -> Path:
        """A private copy of the store (a test that writes must not change what others read)."""
        source = sqlite3.connect(self.db)
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)
        source.close()
        copy.close()
        return target


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> SeedStore:
    """The seeds, extracted once through the library (the model loads once for the session)."""
    from factcheck import api

    base = tmp_path_factory.mktemp("seedstore")
    folder = base / "seeds"
    folder.mkdir()
    files = []
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copyfile(path, folder / path.name)
        files.append(folder / path.name)
    db = base / "seeds.db"
    result = api.extract([str(folder)], db=str(db))
    assert len(result.documents) == len(files) and result.claims, "the seeds must give claims"
    return SeedStore(folder=folder, db=db, files=tuple(files), claim_count=len(result.claims))


def write(folder: Path, name: str, text: str) -> Path:
    """A UTF-8 article in `folder` (created when needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
