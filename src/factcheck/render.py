"""One renderer for every output format: table, json, jsonl, csv, markdown, html.

Every format starts from the models' `model_dump(mode="json")`, so a field is spelled the
same in all of them. Claims (extract) and groups (conflicts) are both rendered here.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from dataclasses import dataclass
from typing import Any, Callable, Iterable, TextIO, Union

from .escaping import csv_cell, markdown_text, terminal_text
from .scoring import CorpusEvaluation, StoryEvaluation, flat
from .models import SCHEMA_VERSION, Claim, ConflictsResult, ExtractResult, Group
from . import render_review

FORMATS = ("table", "json", "jsonl", "csv", "markdown", "html")
Evaluation = Union[StoryEvaluation, CorpusEvaluation]
Result = Union[ExtractResult, ConflictsResult, Evaluation, render_review.ReviewResult]
COLORS = ("auto", "always", "never")
FILE_WIDTH = 120  # a table's width in a file or a pipe, unless COLUMNS says otherwise
BOM = "\ufeff"

CLAIM_COLUMNS = [
    "id", "path", "outlet", "url", "published", "story", "stale", "start", "end", "quote", "sentence", "subject",
    "attribute", "value", "value_text", "as_of", "kind", "confidence", "rule", "approximate", "bound", "unit",
    "qualifier", "occasion", "scope", "cue", "zone",
]
GROUP_COLUMNS = ["group_id", "verdict", "review", "group_subject", "group_attribute", "explanation"]
VERDICT_STYLE = {"conflict": "bold red", "temporal": "bold yellow", "compatible": "cyan", "agree": "green", "single": "dim"}


def render(result: Result, fmt: str, out: TextIO, width: int | None = None, color: str = "auto", bom: bool = False) -> None:
    """Write `result` to `out` in format `fmt` (one of FORMATS). `color` (COLORS) is the table's:
    `auto` colours it on a terminal only; `bom` starts a CSV with a byte-order mark, which
    spreadsheets (Excel) need to read it as UTF-8."""
    if bom and fmt == "csv":
        out.write(BOM)
    if isinstance(result, render_review.REVIEW_TYPES):
        render_review.render(result, fmt, out, lambda: _console(out, width, color))
        return
    if isinstance(result, ConflictsResult) and fmt in STREAMED:
        several = len({g.story for g in result.groups}) > 1
        write_groups(result.groups, group_format(fmt, out, width, color, with_story=several), out)
        return
    writers: dict[str, Callable[[Result, TextIO], None]] = {
        "json": _json, "jsonl": _jsonl, "csv": _csv, "markdown": _markdown, "html": _html,
        "table": lambda r, o: _table(r, o, width, color),
    }
    writers[fmt](result, out)


STREAMED = ("json", "jsonl", "csv", "markdown", "table")  # the formats that write a group at a time


@dataclass(frozen=True)
class GroupFormat:
    """How a format writes groups one at a time, so that `conflicts` can write each story's as
    it is reconciled: the text before the first group, each group's, the text between two, after
    the last (given the count of each verdict shown), and the whole output when there is none."""

    head: str
    item: Callable[[Group], str]
    between: str
    tail: Callable[[dict[str, int]], str]
    empty: str


def write_groups(groups: Iterable[Group], form: GroupFormat, out: TextIO) -> dict[str, int]:
    """Groups in the order given; returns how many of each verdict were written."""
    counts: dict[str, int] = {}
    for group in groups:
        out.write(form.between if counts else form.head)
        out.write(form.item(group))
        counts[group.verdict] = counts.get(group.verdict, 0) + 1
    out.write(form.tail(counts) if counts else form.empty)
    return counts


def group_format(fmt: str, out: TextIO, width: int | None = None, color: str = "auto",
                 with_story: bool = False) -> GroupFormat:
    """The GroupFormat of one of STREAMED; a table is laid out for `out` (a terminal or not).
    `with_story`: the groups are of several stories, and the table and Markdown name each's."""
    nothing = lambda counts: ""  # noqa: E731
    if fmt == "jsonl":
        return GroupFormat("", _json_line, "", nothing, "")
    if fmt == "json":  # pydantic's own indentation of ConflictsResult, a group at a time
        head = f'{{\n  "schema_version": "{SCHEMA_VERSION}",\n  "groups": [\n'
        item = lambda g: textwrap.indent(g.model_dump_json(indent=2), "    ")  # noqa: E731
        return GroupFormat(head, item, ",\n", lambda counts: "\n  ]\n}\n",
                           f'{{\n  "schema_version": "{SCHEMA_VERSION}",\n  "groups": []\n}}\n')
    if fmt == "csv":
        header = _csv_text([GROUP_COLUMNS + CLAIM_COLUMNS], header=True)
        return GroupFormat(header, lambda g: _csv_text(_group_rows(g)), "", nothing, header)
    if fmt == "markdown":
        return GroupFormat("", lambda g: _markdown_group(g, with_story), "", nothing, "_No groups to show._\n")
    console = _console(out, width, color)

    def panel(group: Group) -> str:
        with console.capture() as captured:
            console.print(_panel(group, console.width, with_story))
        return captured.get()

    def counts_line(counts: dict[str, int]) -> str:
        with console.capture() as captured:
            console.print(", ".join(f"{n} {v}" for v, n in counts.items()) or "0 groups")
        return captured.get()

    return GroupFormat("", panel, "", counts_line,
                       _captured(console, "No groups to show (use --all to see every group).") + counts_line({}))


def _json(result: Result, out: TextIO) -> None:
    if isinstance(result, (StoryEvaluation, CorpusEvaluation)):
        data = flat(result) if isinstance(result, StoryEvaluation) else {
            "stories": [flat(s) for s in result.stories], "combined": result.combined.model_dump()}
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    out.write(result.model_dump_json(indent=2))  # pydantic's encoder: one write, not millions
    out.write("\n")


def _jsonl(result: Result, out: TextIO) -> None:
    ClaimWriter("jsonl", out).write(result.claims).finish()


class ClaimWriter:
    """Claims written as they come, for the formats that need nothing else (jsonl, csv): what
    `extract` writes as each document is done. The CSV header comes with the first claim, or at
    the end when there is none, so a run that fails before any claim writes nothing."""

    FORMATS = ("jsonl", "csv")

    def __init__(self, fmt: str, out: TextIO):
        self.out = out
        self.csv = csv.DictWriter(out, fieldnames=CLAIM_COLUMNS, extrasaction="ignore", lineterminator="\n") \
            if fmt == "csv" else None
        self.started = False

    def write(self, claims: Iterable[Claim]) -> "ClaimWriter":
        for claim in claims:
            self._start()
            if self.csv is None:
                self.out.write(_json_line(claim))
            else:
                self.csv.writerow(_csv_cells(claim_row(claim)))
        return self

    def finish(self) -> None:
        self._start()

    def _start(self) -> None:
        if not self.started and self.csv is not None:
            self.csv.writeheader()
        self.started = True


def _json_line(item: Union[Claim, Group]) -> str:
    return json.dumps(item.model_dump(mode="json"), ensure_ascii=False) + "\n"


def claim_row(claim: Claim) -> dict[str, Any]:
    """A claim flattened for a table: its source's fields side by side with its own."""
    data = claim.model_dump(mode="json")
    source = data.pop("source")
    return {**{k: source.get(k) for k in ("path", "outlet", "url", "published", "story", "stale")}, **data}


def _group_rows(group: Group) -> list[dict[str, Any]]:
    """A group as CSV rows: one per claim, the group's fields first."""
    return [{**group_row(group), **claim_row(c)} for c in group.claims]


def group_row(group: Group) -> dict[str, Any]:
    return {"group_id": group.id, "verdict": group.verdict, "review": review_words(group),
            "group_subject": group.subject, "group_attribute": group.attribute, "explanation": group.explanation}


REVIEW_WORDS = {"checked": "checked", "false_alarm": "false alarm", "split": "split off by hand"}


def review_words(group: Group) -> str:
    """A person's word on a group, as every format shows it: 'false alarm: the 31 is from 2023'."""
    if group.review is None:
        return ""
    return REVIEW_WORDS[group.review.status] + (f": {group.review.note}" if group.review.note else "")


def _csv_text(rows, header: bool = False) -> str:
    """CSV lines of the rows (dicts of GROUP_COLUMNS + CLAIM_COLUMNS), or the header line."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=GROUP_COLUMNS + CLAIM_COLUMNS, extrasaction="ignore", lineterminator="\n")
    if header:
        writer.writeheader()
    else:
        writer.writerows(_csv_cells(row) for row in rows)
    return buffer.getvalue()


def _csv_cells(row: dict[str, Any]) -> dict[str, Any]:
    """A row's values as CSV cells a spreadsheet will not run (see escaping.csv_cell), booleans
    as JSON spells them (true/false), not as Python does."""
    return {key: csv_cell(_csv_value(value)) for key, value in row.items()}


def _csv_value(value: Any) -> Any:
    return ("true" if value else "false") if isinstance(value, bool) else value


def _csv(result: Result, out: TextIO) -> None:
    ClaimWriter("csv", out).write(result.claims).finish()




def _markdown(result: Result, out: TextIO) -> None:
    out.write("| source | subject | attribute | value | quote |\n|---|---|---|---|---|\n")
    for c in result.claims:
        out.write(f"| {markdown_text(_source(c))} | {markdown_text(c.subject)} | {markdown_text(c.attribute)} | {markdown_text(c.value)} | “{markdown_text(c.quote)}” |\n")


def _markdown_group(g: Group, with_story: bool = False) -> str:
    reviewed = f" ({markdown_text(review_words(g))})" if g.review else ""
    story = f" · {markdown_text(g.story)}" if with_story else ""
    lines = [f"### {markdown_text(g.subject)}: {markdown_text(g.attribute.replace('_', ' '))} — **{g.verdict}**{reviewed}{story}\n\n",
             f"{markdown_text(g.explanation)}\n\n| source | value | quote |\n|---|---|---|\n"]
    lines += [f"| {markdown_text(_source(c))} | {markdown_text(c.value)} | “{markdown_text(c.quote)}” |\n" for c in g.claims]
    return "".join(lines) + "\n"


STALE_MARK = " (stale)"  # its file was deleted or emptied since it was read


def _source(claim: Claim) -> str:
    from .reconcile import source_label

    return source_label(claim) + (STALE_MARK if claim.source.stale else "")


def _html(result: Result, out: TextIO) -> None:
    from .report import html_report

    out.write(html_report(result))


def _text(value: Any):
    """Data for the terminal as rich Text: never read as markup, controls made visible."""
    from rich.text import Text

    return Text(terminal_text(value))


def _highlight(claim: Claim):
    """The claim's sentence with its quote in bold, as rich Text."""
    text = _text(claim.sentence)
    quote = terminal_text(claim.quote)
    index = text.plain.find(quote)
    if index >= 0:
        text.stylize("bold underline", index, index + len(quote))
    return text


def _console(out: TextIO, width: int | None, color: str = "auto"):
    """The rich Console a table is drawn on: a terminal's own width, else COLUMNS, else FILE_WIDTH;
    colour on a terminal (`auto`), always (for `less -R`) or never."""
    import os

    from rich.console import Console

    terminal = getattr(out, "isatty", lambda: False)()
    if width is None and not terminal:
        columns = os.environ.get("COLUMNS", "")
        width = int(columns) if columns.isdigit() and int(columns) > 0 else FILE_WIDTH
    coloured = {"always": True, "never": False}.get(color, terminal)
    return Console(file=out, width=width, highlight=False, soft_wrap=False, force_terminal=coloured,
                   color_system="standard" if coloured and not terminal else ("auto" if coloured else None))


def _captured(console, *renderables) -> str:
    with console.capture() as captured:
        console.print(*renderables)
    return captured.get()


def _panel(g: Group, width: int = FILE_WIDTH, with_story: bool = False):
    """A group as a panel: its explanation, then each claim's source, value and sentence. A source
    is cut with an ellipsis rather than wrapped over lines, and a value's words stay whole."""
    from rich.console import Group as RichGroup
    from rich.panel import Panel
    from rich.table import Table

    labels = [_source(c) for c in g.claims]
    values = [c.value + (" ~" if c.approximate else "") for c in g.claims]
    quotes = Table(show_header=True, expand=True, box=None, padding=(0, 1))
    quotes.add_column("source", no_wrap=True, overflow="ellipsis", max_width=max(12, width // 4),
                      min_width=min(max(map(len, labels)), 12))
    quotes.add_column("value", overflow="fold", min_width=min(max(len(w) for v in values for w in v.split() or [v]), 20))
    quotes.add_column("sentence", ratio=1, overflow="fold")
    for label, value, c in zip(labels, values, g.claims):
        quotes.add_row(_text(label), _text(value), _highlight(c))
    style = VERDICT_STYLE[g.verdict]
    return Panel(RichGroup(_text(g.explanation), quotes), title=group_title(g, style, with_story), title_align="left",
                 border_style=style)


def group_title(group: Group, style: str, with_story: bool = False):
    """A group's panel title: verdict, subject and attribute, a person's review when given, and
    the story when the output holds several."""
    from rich.text import Text

    parts = [(group.verdict.upper(), style), " ", _text(f"{group.subject} · {group.attribute.replace('_', ' ')}")]
    if group.review:
        parts += [" ", (terminal_text(f"({review_words(group)})"), "bold")]
    if with_story:
        parts += [" ", _text(f"· {group.story}")]
    return Text.assemble(*parts)


def _table(result: Result, out: TextIO, width: int | None, color: str = "auto") -> None:
    from rich.table import Table

    console = _console(out, width, color)
    if isinstance(result, (StoryEvaluation, CorpusEvaluation)):
        _evaluation_table(result, console)
        return
    # one line a claim, cut with an ellipsis where it does not fit: the JSON has every word
    stories = len({c.source.story for c in result.claims}) > 1
    table = Table(show_lines=False, expand=True, box=None, padding=(0, 1), header_style="bold")
    columns = (("story", 2),) * stories + (("source", 3), ("kind", 2), ("subject", 3), ("attribute", 3), ("value", 3), ("quote", 6))
    for name, ratio in columns:
        table.add_column(name, ratio=ratio, no_wrap=True, overflow="ellipsis")
    for c in result.claims:
        table.add_row(*(_text(v) for v in ((c.source.story or "",) * stories
                                          + (_source(c), c.kind, c.subject, c.attribute, c.value, c.quote))))
    console.print(table)
    console.print(f"{len(result.claims)} claims from {len(result.documents)} documents")


EVALUATION_COLUMNS = (
    ("value", "mention_recall_value"), ("span", "mention_recall_span"), ("pairs", "grouping_pair_recall"),
    ("merges", "false_merges"), ("verdicts", "verdict_accuracy"), ("disc P", "discrepancy_precision"),
    ("disc R", "discrepancy_recall"), ("disc F1", "discrepancy_f1"), ("false alarms", "discrepancy_false_alarms"),
)


def _evaluation_table(result: Evaluation, console) -> None:
    """A row of figures per story (and the combined row), then each story's misses, if kept."""
    from rich.table import Table
    from rich.text import Text

    stories = [result] if isinstance(result, StoryEvaluation) else list(result.stories)
    table = Table(expand=False)
    table.add_column("story", overflow="fold")
    for name, _key in EVALUATION_COLUMNS:
        table.add_column(name, justify="right")
    rows = [(s.story, s.scores) for s in stories]
    if isinstance(result, CorpusEvaluation):
        rows.append(("combined", result.combined))
    for name, scores in rows:
        figures = scores.model_dump()
        table.add_row(_text(name), *("-" if figures[key] is None else str(figures[key]) for _n, key in EVALUATION_COLUMNS))
    console.print(table)
    for story in stories:
        if story.misses:
            console.print(Text.assemble((terminal_text(story.story), "bold"), f": {len(story.misses)} misses"))
        for miss in story.misses:
            fact = f" {miss.fact}" if miss.fact else ""
            console.print(_text(f"  {miss.kind}{fact}: {miss.detail}"), soft_wrap=True)


def to_string(result: Result, fmt: str, width: int | None = None, color: str = "auto") -> str:
    buffer = io.StringIO()
    render(result, fmt, buffer, width, color)
    return buffer.getvalue()
