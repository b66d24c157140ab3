"""Errors a user can act on: each carries one line of text and the exit status it maps to."""

from __future__ import annotations


class FactcheckError(Exception):
    """A failure the user can fix; the CLI prints `factcheck: error: <message>` and exits 4, a code
    of its own, so that CI tells a broken run from `--fail-on-conflict`'s 1."""

    exit_code = 4


class UsageError(FactcheckError):
    """The command line asks for something impossible (a missing path, a bad option): exit 2."""

    exit_code = 2


class StoreError(FactcheckError):
    """The claim store cannot be opened or written; the file is left as it was."""


class ModelError(FactcheckError):
    """The spaCy model cannot be loaded."""


class RulesetError(FactcheckError):
    """A pattern, alias or vocabulary file is invalid; the message names the file and entry."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during `extract`: the `kept` documents finished (of `total`) are in the store."""

    def __init__(self, kept: int, total: int):
        super().__init__(f"{kept} of {total} documents")
        self.kept = kept
        self.total = total
