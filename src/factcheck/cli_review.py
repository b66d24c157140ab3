"""The commands that look into the store and correct it by hand: show, explain, correct,
stories, documents. Each parses its options, calls `factcheck.review`, and renders."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .cli import (
    AliasesOption, BomOption, ColorOption, DbOption, FormatOption, OutputOption, PatternsOption, _Command,
    _check_look, _check_output, _config, _emit, _format, _options, app,
)

LISTING_FORMATS = ("table", "json", "jsonl", "csv", "markdown")
StoryOption = Annotated[Optional[str], typer.Option("--story", metavar="STORY", help="Only this story.")]
NoteOption = Annotated[Optional[str], typer.Option("--note", metavar="TEXT", help="Why: shown beside the group.")]


def _db(db: Optional[str]) -> Optional[str]:
    return db or _config().get("db")


def _rules(patterns, aliases):
    return _options(None, patterns, aliases, None, 1).ruleset()


def _look(fmt, output, color, bom, formats=LISTING_FORMATS) -> str:
    """The format, checked with the other output options before any work is done."""
    fmt = _format(fmt, output, formats)
    _check_look(fmt, color, bom)
    _check_output(output)
    return fmt


@app.command(cls=_Command)
def show(
    item: Annotated[str, typer.Argument(metavar="ID", help="A group id or a claim id (or their first 6+ characters).")],
    fmt: FormatOption = None,
    output: OutputOption = None,
    db: DbOption = None,
    story: StoryOption = None,
    patterns: PatternsOption = None,
    aliases: AliasesOption = None,
    color: ColorOption = "auto",
    bom: BomOption = False,
) -> None:
    """One group in full: every claim in its paragraph, with offsets, source, date and link."""
    from . import review

    fmt = _look(fmt, output, color, bom, LISTING_FORMATS + ("html",))
    _emit(review.show(item, db=_db(db), rules=_rules(patterns, aliases), story=story), fmt, output, color, bom)


@app.command(cls=_Command)
def explain(
    first: Annotated[str, typer.Argument(metavar="ID", help="A claim id.")],
    second: Annotated[str, typer.Argument(metavar="ID", help="Another claim id.")],
    fmt: FormatOption = None,
    output: OutputOption = None,
    db: DbOption = None,
    patterns: PatternsOption = None,
    aliases: AliasesOption = None,
    color: ColorOption = "auto",
    bom: BomOption = False,
) -> None:
    """Why two claims are, or are not, in one group: the reconciler's decisions step by step."""
    from . import review

    fmt = _look(fmt, output, color, bom)
    _emit(review.explain(first, second, db=_db(db), rules=_rules(patterns, aliases)), fmt, output, color, bom)


@app.command(cls=_Command)
def stories(
    fmt: FormatOption = None,
    output: OutputOption = None,
    db: DbOption = None,
    patterns: PatternsOption = None,
    aliases: AliasesOption = None,
    color: ColorOption = "auto",
    bom: BomOption = False,
) -> None:
    """The stories in the store, with their documents, claims and groups by verdict."""
    from . import review

    fmt = _look(fmt, output, color, bom)
    _emit(review.stories(db=_db(db), rules=_rules(patterns, aliases)), fmt, output, color, bom)


@app.command(cls=_Command)
def documents(
    fmt: FormatOption = None,
    output: OutputOption = None,
    db: DbOption = None,
    story: StoryOption = None,
    color: ColorOption = "auto",
    bom: BomOption = False,
) -> None:
    """The documents in the store: path, story, outlet, date and number of claims."""
    from . import review

    fmt = _look(fmt, output, color, bom)
    _emit(review.documents(db=_db(db), story=story), fmt, output, color, bom)


correct_app = typer.Typer(help="Correct the grouping by hand; the store keeps it for every later run.",
                          no_args_is_help=True, rich_markup_mode=None)
app.add_typer(correct_app, name="correct")


def _stored(action: str, target: str, other: Optional[str], note: Optional[str], story: Optional[str],
            db: Optional[str], patterns, aliases, fmt, output, color) -> None:
    from . import review
    from .models import CorrectionsResult

    fmt = _look(fmt, output, color, False)
    correction = review.correct(action, target, other, note=note, story=story, db=_db(db), rules=_rules(patterns, aliases))
    typer.echo(f"factcheck: stored correction {correction.id} ({correction.action} {correction.target}"
               f"{' and ' + correction.other if correction.other else ''}); `factcheck correct remove {correction.id}` undoes it",
               err=True)
    _emit(CorrectionsResult(corrections=[correction]), fmt, output, color)


@correct_app.command("merge", cls=_Command)
def correct_merge(
    subject: Annotated[str, typer.Argument(metavar="SUBJECT", help="A subject as shown (e.g. 'NATO').")],
    other: Annotated[str, typer.Argument(metavar="SUBJECT", help="Another name of the same subject.")],
    story: StoryOption = None,
    note: NoteOption = None,
    fmt: FormatOption = None, output: OutputOption = None, db: DbOption = None,
    patterns: PatternsOption = None, aliases: AliasesOption = None, color: ColorOption = "auto",
) -> None:
    """Two subjects are one (in one story with --story): their claims are grouped together."""
    _stored("merge", subject, other, note, story, db, patterns, aliases, fmt, output, color)


@correct_app.command("split", cls=_Command)
def correct_split(
    claim: Annotated[str, typer.Argument(metavar="CLAIM_ID", help="The claim to take out of its group.")],
    note: NoteOption = None,
    fmt: FormatOption = None, output: OutputOption = None, db: DbOption = None,
    patterns: PatternsOption = None, aliases: AliasesOption = None, color: ColorOption = "auto",
) -> None:
    """Take a claim out of its group: it stands alone, and its old group is judged without it."""
    _stored("split", claim, None, note, None, db, patterns, aliases, fmt, output, color)


@correct_app.command("checked", cls=_Command)
def correct_checked(
    group: Annotated[str, typer.Argument(metavar="GROUP_ID", help="The group a person has checked.")],
    note: NoteOption = None,
    fmt: FormatOption = None, output: OutputOption = None, db: DbOption = None,
    patterns: PatternsOption = None, aliases: AliasesOption = None, color: ColorOption = "auto",
) -> None:
    """Mark a group as checked by a person."""
    _stored("checked", group, None, note, None, db, patterns, aliases, fmt, output, color)


@correct_app.command("false-alarm", cls=_Command)
def correct_false_alarm(
    group: Annotated[str, typer.Argument(metavar="GROUP_ID", help="The group whose discrepancy is not real.")],
    note: NoteOption = None,
    fmt: FormatOption = None, output: OutputOption = None, db: DbOption = None,
    patterns: PatternsOption = None, aliases: AliasesOption = None, color: ColorOption = "auto",
) -> None:
    """Mark a group as a false alarm: shown as such, and --fail-on-conflict passes over it."""
    _stored("false_alarm", group, None, note, None, db, patterns, aliases, fmt, output, color)


@correct_app.command("list", cls=_Command)
def correct_list(fmt: FormatOption = None, output: OutputOption = None, db: DbOption = None,
                 color: ColorOption = "auto", bom: BomOption = False) -> None:
    """The stored corrections, oldest first."""
    from . import review

    fmt = _look(fmt, output, color, bom)
    _emit(review.corrections(db=_db(db)), fmt, output, color, bom)


@correct_app.command("remove", cls=_Command)
def correct_remove(
    number: Annotated[int, typer.Argument(metavar="N", help="The correction's number (see `correct list`).")],
    fmt: FormatOption = None, output: OutputOption = None, db: DbOption = None, color: ColorOption = "auto",
) -> None:
    """Take a correction back; the corrections left are shown."""
    from . import review

    fmt = _look(fmt, output, color, False)
    _emit(review.remove_correction(number, db=_db(db)), fmt, output, color)
