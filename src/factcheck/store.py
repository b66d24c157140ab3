"""The claim store: an embedded SQLite file that `extract` writes and `conflicts` reads.

Documents are keyed by path and content hash; re-extracting a document replaces its claims
in one transaction, so a store never holds a claim twice. WAL journaling and a busy timeout
let two processes write one store at once. A file that is not a factcheck store, or is from
a newer schema, is refused before anything is written to it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .errors import StoreError
from .models import Claim, Correction, Document, Source

DB_ENV = "FACTCHECK_DB"
DEFAULT_DB = "factcheck.db"
STORE_SCHEMA = 1
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 60_000
# Columns added after stores existed that reading does without (an older store is read as it is,
# and upgraded by the next extract); any other missing column makes an older store unreadable.
READ_WITHOUT = {"documents.file"}

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    ruleset TEXT NOT NULL,
    story TEXT,
    source TEXT NOT NULL,
    text TEXT NOT NULL,
    body_start INTEGER NOT NULL DEFAULT 0,
    file TEXT  -- the file's absolute path when it was read from one (not stdin, not fetched): for staleness
);
CREATE TABLE IF NOT EXISTS claims (
    id TEXT NOT NULL,
    path TEXT NOT NULL REFERENCES documents(path) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    story TEXT,
    body TEXT NOT NULL,
    PRIMARY KEY (path, id)
);
CREATE INDEX IF NOT EXISTS claims_story ON claims(story);
"""
# Added later, and created in any store a writer opens (so it is additive: a store without it
# has no corrections, and an older factcheck ignores it).
CORRECTIONS = """
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    story TEXT,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    other TEXT,
    note TEXT,
    created TEXT NOT NULL
)
"""


INSERT_CLAIM = "INSERT OR REPLACE INTO claims (id, path, position, story, body) VALUES (?, ?, ?, ?, ?)"


def _claim_row(claim: Claim, path: str, position: int) -> tuple:
    return (claim.id, path, position, claim.source.story, claim.model_dump_json(exclude={"source": {"stale"}}))


def default_path(requested: Optional[str] = None) -> str:
    """`--db` > FACTCHECK_DB > ./factcheck.db."""
    return requested or os.environ.get(DB_ENV) or DEFAULT_DB


class Store:
    """One open store. Use as a context manager; every write is its own short transaction."""

    def __init__(self, path: str, readonly: bool = False):
        self.path = path
        self.warnings: list[str] = []  # rows that could not be read, one line each
        _check_file(path)
        if readonly and not Path(path).exists():
            raise StoreError(f"no store at {path}: run `factcheck extract` first (or name one with --db)")
        try:
            self.connection = _connect(path, readonly)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store {path}: {exc}") from None
        try:
            self.connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._prepare(readonly)
        except sqlite3.Error as exc:
            self.connection.close()
            raise StoreError(f"cannot use {path} as a store: {exc}") from None
        except BaseException:
            self.connection.close()
            raise

    def _prepare(self, readonly: bool) -> None:
        """Check what the file is before writing a byte to it; then create the schema once, or
        add to an older store the tables and columns it lacks.

        Two processes may create one store at the same moment: the schema is written inside
        one BEGIN IMMEDIATE transaction, after looking again at what is there.
        """
        con = self.connection
        missing = [m for m in self._check_schema(self._tables()) if m not in READ_WITHOUT]
        if readonly:
            if missing:
                raise StoreError(f"{self.path} is a store of an older schema ({', '.join(missing)} missing); "
                                 "`factcheck extract` with it upgrades it; it was left untouched")
            return
        for attempt in range(100):  # switching to WAL can answer "locked" at once, without the busy timeout
            try:
                con.execute("PRAGMA journal_mode = WAL")
                break
            except sqlite3.OperationalError:
                if attempt == 99:
                    raise
                time.sleep(0.1)
        con.execute("PRAGMA synchronous = NORMAL")
        con.execute("PRAGMA foreign_keys = ON")
        with self.transaction():
            tables = self._tables()
            self._check_schema(tables)
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    con.execute(statement)  # IF NOT EXISTS: only what an older store lacks
            for table, column in _missing_columns(con):
                con.execute(f"ALTER TABLE {table} ADD COLUMN {_EXPECTED[table][column]}")
            con.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)", (str(STORE_SCHEMA),))
            con.execute(CORRECTIONS)

    def _tables(self) -> set[str]:
        return {row[0] for row in self.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def _check_schema(self, tables: set[str]) -> list[str]:
        """Refuse a file that is not a store, or is of a newer schema; name what an older store
        lacks (`table.column`), and refuse one whose missing column cannot be added."""
        if tables and "meta" not in tables:
            raise StoreError(f"{self.path} is an SQLite file but not a factcheck store; name another with --db")
        if "meta" in tables:
            row = self.connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            try:
                version = int(row[0]) if row else 0
            except (TypeError, ValueError):
                raise StoreError(f"{self.path} has an unreadable store schema version {row[0]!r}") from None
            if version > STORE_SCHEMA:
                raise StoreError(
                    f"{self.path} was written by a newer factcheck (store schema {version}, this one reads"
                    f" {STORE_SCHEMA}); it was left untouched"
                )
        if not tables:
            return []
        missing = [f"{t}.{c}" for t, c in _missing_columns(self.connection)]
        missing += sorted(set(_EXPECTED) - tables)
        unaddable = [m for m in missing if "." in m and not _addable(*m.split("."))]
        if unaddable:
            raise StoreError(f"{self.path} is a store of an older schema that cannot be upgraded"
                             f" ({', '.join(unaddable)} missing); it was left untouched")
        return missing

    def transaction(self):
        return _Transaction(self.connection)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    def save(self, batch: Iterable[tuple[Document, list[Claim]]], ruleset: str) -> None:
        """Store documents with their claims, replacing what each had before, in one transaction."""
        rows = list(batch)
        if not rows:
            return
        try:
            with self.transaction():
                for document, claims in rows:
                    self._replace(document, ruleset, _file_of(document.path))
                    self.connection.executemany(INSERT_CLAIM, [_claim_row(c, document.store_key, i) for i, c in enumerate(claims)])
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to the store {self.path}: {exc}") from None

    def save_stream(self, claims: Iterable[tuple[Document, Claim]], ruleset: str, batch: int = 5000) -> None:
        """Store claims as they come, each with its document, in one transaction: a document met
        for the first time replaces what the store had under its path. Memory stays that of a
        batch of claims, however many there are."""
        positions: dict[str, int] = {}
        rows: list[tuple] = []
        try:
            with self.transaction():
                for document, claim in claims:
                    key = document.store_key
                    if key not in positions:
                        positions[key] = 0
                        self._replace(document, ruleset, None)  # no file: never stale
                    rows.append(_claim_row(claim, key, positions[key]))
                    positions[key] += 1
                    if len(rows) >= batch:
                        self.connection.executemany(INSERT_CLAIM, rows)
                        rows = []
                self.connection.executemany(INSERT_CLAIM, rows)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to the store {self.path}: {exc}") from None

    def _replace(self, document: Document, ruleset: str, file: Optional[str]) -> None:
        """A document's row, in place of what its key had (its claims too), inside a transaction.
        The path as typed was the key before documents were keyed by resolved path: a row under
        it is that document too, and goes."""
        key = document.store_key
        for old in dict.fromkeys((key, document.path)):
            self.connection.execute("DELETE FROM claims WHERE path = ?", (old,))
            self.connection.execute("DELETE FROM documents WHERE path = ?", (old,))
        self.connection.execute(
            "INSERT INTO documents (path, sha256, ruleset, story, source, text, body_start, file)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (key, document.sha256, ruleset, document.source.story,
             document.source.model_dump_json(exclude={"stale"}), document.text, document.body_start, file),
        )

    @staticmethod
    def kept(claims: list[Claim]) -> list[Claim]:
        """The claims of a document as the store keeps them: one per id, the last one given (a
        claim replaces one with its id)."""
        last = {claim.id: i for i, claim in enumerate(claims)}
        return [claim for i, claim in enumerate(claims) if last[claim.id] == i]

    # ------------------------------------------------------------------ reading

    def unchanged(self, path: str, sha256: str, ruleset: str) -> bool:
        """Whether a document was extracted from these very bytes with these very rules."""
        row = self.connection.execute(
            "SELECT 1 FROM documents WHERE path = ? AND sha256 = ? AND ruleset = ?", (path, sha256, ruleset)
        ).fetchone()
        return row is not None

    def documents(self, paths: Optional[list[str]] = None, shown_as: Optional[list[str]] = None) -> list[Document]:
        """Stored documents: those with the keys `paths`, or with the paths `shown_as` as typed
        (what a claim's source gives)."""
        query = "SELECT path, sha256, source, text, body_start FROM documents"
        column = "path" if shown_as is None else "json_extract(source, '$.path')"
        rows = self._select(query, column, paths if shown_as is None else shown_as, order="path")
        stale = self.stale_paths()
        return [
            Document(source=_marked(Source.model_validate_json(source), key in stale), text=text, sha256=sha,
                     body_start=body_start, key=key)
            for key, sha, source, text, body_start in rows
        ]

    def claims(self, paths: Optional[list[str]] = None, story: Optional[str] = None) -> list[Claim]:
        """Stored claims, in document and text order; only those of `paths` or `story` when given."""
        query = "SELECT path, id, body FROM claims"
        params: list = []
        if story is not None:
            query += " WHERE story = ?"
            params.append(story)
        rows = self._select(query, "path", paths, order="path, position", params=params)
        return self._read(rows, self.stale_paths())

    def _read(self, rows, stale: set[str]) -> list[Claim]:
        claims, warnings = StoredClaims(self.path, rows, stale).read()
        self.warnings.extend(warnings)
        return claims

    def stale_paths(self) -> set[str]:
        """Documents read from a file that is now gone or empty: their claims may no longer be
        what the file says. Documents that came from no file (stdin, fetched) are never stale."""
        if "file" not in {row[1] for row in self.connection.execute("PRAGMA table_info(documents)")}:
            return set()  # an older store read as it is: it never recorded files
        rows = self.connection.execute("SELECT path, file FROM documents WHERE file IS NOT NULL").fetchall()
        return {path for path, file in rows if not _has_content(file)}

    def story_claims(self, story: Optional[str] = None, paths: Optional[list[str]] = None,
                     by_name: bool = False) -> Iterator[Union["StoredClaims", "StoryInStore"]]:
        """Each story's stored claims (in document and text order, still to be read), story after story in
        the order of their names; only `story`'s, or those of `paths`, when given. One story is
        read at a time, so memory follows the largest story, not the store. With `by_name` (and
        no `paths`), each story is only named, to be read by the process that reconciles it."""
        where = ""
        if paths is not None:
            self.connection.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (value TEXT PRIMARY KEY)")
            self.connection.execute("DELETE FROM wanted")
            self.connection.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", [(p,) for p in paths])
            where = " AND path IN (SELECT value FROM wanted)"
        try:
            names = [row[0] for row in self.connection.execute(f"SELECT DISTINCT story FROM claims WHERE 1{where}")]
            stale = self.stale_paths()
            for name in sorted(names, key=lambda n: n or ""):
                if story is not None and name != story:
                    continue
                if by_name and paths is None:
                    yield StoryInStore(self.path, name, frozenset(stale))
                    continue
                rows = self.story_rows(name, where)
                yield StoredClaims(self.path, rows, stale & {path for path, _id, _body in rows})
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read the store {self.path}: {exc}") from None

    def story_rows(self, story: Optional[str], where: str = "") -> list[tuple[str, str, str]]:
        """A story's claims as (path, id, body) rows, in document and text order."""
        return self.connection.execute(
            f"SELECT path, id, body FROM claims WHERE story IS ?{where} ORDER BY path, position", (story,)).fetchall()

    def add_correction(self, correction: Correction) -> Correction:
        """Store a hand correction; it is returned with its number and time."""
        created = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        try:
            with self.transaction():
                cursor = self.connection.execute(
                    "INSERT INTO corrections (story, action, target, other, note, created) VALUES (?, ?, ?, ?, ?, ?)",
                    (correction.story, correction.action, correction.target, correction.other, correction.note, created))
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to the store {self.path}: {exc}") from None
        return correction.model_copy(update={"id": cursor.lastrowid, "created": created})

    def remove_correction(self, number: int) -> bool:
        try:
            with self.transaction():
                return self.connection.execute("DELETE FROM corrections WHERE id = ?", (number,)).rowcount > 0
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to the store {self.path}: {exc}") from None

    def corrections(self) -> list[Correction]:
        """The hand corrections, oldest first (none in a store written before they existed)."""
        if "corrections" not in self._tables():
            return []
        rows = self._select("SELECT id, story, action, target, other, note, created FROM corrections", "id", None, order="id")
        return [Correction(id=i, story=story, action=action, target=target, other=other, note=note, created=created)
                for i, story, action, target, other, note, created in rows]

    def document_counts(self) -> list[tuple[Document, int]]:
        """Every document (without its text) with the number of its claims, by story and path."""
        rows = self._select(
            "SELECT d.path, d.sha256, d.source, d.body_start, (SELECT COUNT(*) FROM claims c WHERE c.path = d.path)"
            " FROM documents d", "d.path", None, order="d.story, d.path")
        return [(Document(source=Source.model_validate_json(source), text="", sha256=sha, body_start=body_start, key=key), n)
                for key, sha, source, body_start, n in rows]

    def claim_count(self) -> int:
        return self.connection.execute("SELECT COUNT(*) FROM claims").fetchone()[0]

    def stories(self) -> list[str]:
        return [row[0] for row in self.connection.execute("SELECT DISTINCT story FROM documents ORDER BY story")]

    def _select(self, query: str, column: str, values: Optional[list[str]], order: str, params: Optional[list] = None):
        params = list(params or [])
        if values is not None:
            if not values:
                return []
            self.connection.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (value TEXT PRIMARY KEY)")
            self.connection.execute("DELETE FROM wanted")
            self.connection.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", [(v,) for v in values])
            query += (" AND " if " WHERE " in query else " WHERE ") + f"{column} IN (SELECT value FROM wanted)"
        try:
            return self.connection.execute(f"{query} ORDER BY {order}", params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read the store {self.path}: {exc}") from None


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (Ctrl-C included)."""

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def __enter__(self):
        self.connection.execute("BEGIN IMMEDIATE")
        return self.connection

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.connection.execute("COMMIT")
        elif self.connection.in_transaction:  # not when BEGIN itself was interrupted or failed
            try:
                self.connection.execute("ROLLBACK")
            except sqlite3.Error:  # the original error is the one to report
                pass


def _connect(path: str, readonly: bool) -> sqlite3.Connection:
    """A connection. To read, a store this process may write is opened as usual (SQLite tidies
    its -wal and -shm files on close); one it cannot write - the file or its folder read-only -
    is opened read-only, and where SQLite cannot even make the -shm file a WAL store needs to be
    read, as immutable (nobody is writing a store in a folder nobody can write)."""
    if not readonly or _writable(path):
        return sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    uri = Path(path).resolve().as_uri()
    connection = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except sqlite3.OperationalError:
        connection.close()
        return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)


def _file_of(path: str) -> Optional[str]:
    """The absolute path of the file a document was read from, None when it was not read from one."""
    return os.path.abspath(path) if os.path.isfile(path) else None


def _has_content(file: str) -> bool:
    try:
        return os.stat(file).st_size > 0
    except OSError:
        return False


@dataclass(frozen=True)
class StoredClaims:
    """Claims as the store holds them, (path, id, body) rows, and which of their documents are
    stale: small to send to another process, which reads them there."""

    store: str
    rows: list[tuple[str, str, str]]
    stale: set[str]

    def read(self) -> tuple[list[Claim], list[str]]:
        """The claims, marked when their document is stale; and a warning for each row that cannot
        be read, which is left out."""
        claims, warnings = [], []
        for path, claim_id, body in self.rows:
            try:
                claim = Claim.model_validate_json(body)
                claims.append(claim.model_copy(update={"source": _marked(claim.source, True)}) if path in self.stale else claim)
            except ValueError as exc:  # a row edited by hand or by another program
                first = " ".join(str(exc).split())[:160]
                warnings.append(f"{self.store}: claim {claim_id} of {path} cannot be read and was left out ({first})")
        return claims, warnings


@dataclass(frozen=True)
class StoryInStore:
    """One story of a store on this machine, read where it is reconciled: a worker process opens
    the store itself, so that only the story's name is sent to it, not its claims (pickling
    every claim to a worker cost more CPU than two workers saved)."""

    store: str
    story: Optional[str]
    stale: frozenset[str]  # the store's stale documents

    def read(self) -> tuple[list[Claim], list[str]]:
        store = _opened.get(self.store)
        if store is None:
            store = _opened[self.store] = Store(self.store, readonly=True)  # kept open for the process's life
        try:
            rows = store.story_rows(self.story)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read the store {self.store}: {exc}") from None
        return StoredClaims(self.store, rows, set(self.stale & {path for path, _id, _body in rows})).read()


_opened: dict[str, Store] = {}  # the stores a worker process reads stories from


def _marked(source: Source, stale: bool) -> Source:
    return source.model_copy(update={"stale": True}) if stale else source


def _writable(path: str) -> bool:
    folder = Path(path).resolve().parent
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK)


def _expected_columns() -> dict[str, dict[str, str]]:
    """Each table's columns as SCHEMA declares them ({table: {column: its definition}}), read
    from SCHEMA itself in a database in memory, so that adding a column to SCHEMA is enough."""
    memory = sqlite3.connect(":memory:")
    try:
        memory.executescript(SCHEMA)
        tables = [row[0] for row in memory.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        expected = {}
        for table in tables:
            columns = {}
            for _cid, name, kind, notnull, default, primary in memory.execute(f"PRAGMA table_info({table})"):
                definition = f"{name} {kind}"
                if notnull:
                    definition += " NOT NULL"
                if default is not None:
                    definition += f" DEFAULT {default}"
                columns[name] = definition if not primary else ""  # a key cannot be added later
            expected[table] = columns
        return expected
    finally:
        memory.close()


_EXPECTED = _expected_columns()


def _missing_columns(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    """(table, column) that SCHEMA declares and the store's existing tables lack."""
    missing = []
    for table, columns in _EXPECTED.items():
        present = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
        if present:
            missing.extend((table, column) for column in columns if column not in present)
    return missing


def _addable(table: str, column: str) -> bool:
    """Whether ALTER TABLE can add the column: not a key, and with a default when NOT NULL."""
    definition = _EXPECTED[table][column]
    return bool(definition) and ("NOT NULL" not in definition or " DEFAULT " in definition)


def _check_file(path: str) -> None:
    """Refuse, before opening, a file that is not SQLite and a folder that cannot hold one."""
    file = Path(path)
    if file.is_dir():
        raise StoreError(f"{path} is a folder; --db takes a file name")
    if file.exists():
        try:
            with file.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise StoreError(f"cannot read the store {path}: {exc.strerror or exc}") from None
        if header and header != SQLITE_HEADER:
            raise StoreError(f"{path} is not a factcheck store (not an SQLite file); it was left untouched")
        return
    parent = file.parent if str(file.parent) else Path(".")
    if not parent.is_dir():
        raise StoreError(f"cannot create the store {path}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise StoreError(f"cannot create the store {path}: folder {parent} is not writable")

