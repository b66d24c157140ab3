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

FORMATS = ("table", "json", "jsonl", "csv", "markdown", "html")
Evaluation = Union[StoryEvaluation, CorpusEvaluation]
Result = Union[ExtractResult, ConflictsResult, Evaluation]

CLAIM_COLUMNS = [
    "id", "path", "outlet", "url", "published", "story", "stale", "start", "end", "quote", "sentence", "subject",
    "attribute", "value", "value_text", "as_of", "kind", "confidence", "rule", "approximate", "bound", "unit",
    "qualifier", "occasion", "scope", "cue", "zone",
]
GROUP_COLUMNS = ["group_id", "verdict", "group_subject", "group_attribute", "explanation"]
VERDICT_STYLE = {"conflict": "bold red", "temporal": "bold yellow", "compatible": "cyan", "agree": "green", "single": "dim"}


def render(result: Result, fmt: str, out: TextIO, width: int | None = None) -> None:
    """Write `result` to `out` in format `fmt` (one of FORMATS)."""
    if isinstance(result, ConflictsResult) and fmt in STREAMED:
        write_groups(result.groups, group_format(fmt, out, width), out)
        return
    writers: dict[str, Callable[[Result, TextIO], None]] = {
        "json": _json, "jsonl": _jsonl, "csv": _csv, "markdown": _markdown, "html": _html,
        "table": lambda r, o: _table(r, o, width),
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


def group_format(fmt: str, out: TextIO, width: int | None = None) -> GroupFormat:
    """The GroupFormat of one of STREAMED; a table is laid out for `out` (a terminal or not)."""
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
        return GroupFormat("", _markdown_group, "", nothing, "_No groups to show._\n")
    console = _console(out, width)

    def panel(group: Group) -> str:
        with console.capture() as captured:
            console.print(_panel(group))
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
    head = {"group_id": group.id, "verdict": group.verdict, "group_subject": group.subject,
            "group_attribute": group.attribute, "explanation": group.explanation}
    return [{**head, **claim_row(c)} for c in group.claims]


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
    """A row's values as CSV cells a spreadsheet will not run (see escaping.csv_cell)."""
    return {key: csv_cell(value) for key, value in row.items()}


def _csv(result: Result, out: TextIO) -> None:
    ClaimWriter("csv", out).write(result.claims).finish()




def _markdown(result: Result, out: TextIO) -> None:
    out.write("| source | subject | attribute | value | quote |\n|---|---|---|---|---|\n")
    for c in result.claims:
        out.write(f"| {markdown_text(_source(c))} | {markdown_text(c.subject)} | {markdown_text(c.attribute)} | {markdown_text(c.value)} | “{markdown_text(c.quote)}” |\n")


def _markdown_group(g: Group) -> str:
    lines = [f"### {markdown_text(g.subject)}: {markdown_text(g.attribute.replace('_', ' '))} — **{g.verdict}**\n\n",
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


def _console(out: TextIO, width: int | None):
    from rich.console import Console

    terminal = getattr(out, "isatty", lambda: False)()
    return Console(file=out, width=width or (None if terminal else 120), highlight=False, soft_wrap=False,
                   force_terminal=terminal)  # a terminal's own width; 120 columns in a file


def _captured(console, *renderables) -> str:
    with console.capture() as captured:
        console.print(*renderables)
    return captured.get()


def _panel(g: Group):
    """A group as a panel: its explanation, then each claim's source, value and sentence."""
    from rich.console import Group as RichGroup
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    quotes = Table(show_header=True, expand=True, box=None, padding=(0, 1))
    quotes.add_column("source", ratio=2, overflow="fold")
    quotes.add_column("value", ratio=1, overflow="fold")
    quotes.add_column("sentence", ratio=6, overflow="fold")
    for c in g.claims:
        quotes.add_row(_text(_source(c)), _text(c.value + (" ~" if c.approximate else "")), _highlight(c))
    style = VERDICT_STYLE[g.verdict]
    title = Text.assemble((g.verdict.upper(), style), " ", _text(f"{g.subject} · {g.attribute.replace('_', ' ')}"))
    return Panel(RichGroup(_text(g.explanation), quotes), title=title, title_align="left", border_style=style)


def _table(result: Result, out: TextIO, width: int | None) -> None:
    from rich.table import Table

    console = _console(out, width)
    if isinstance(result, (StoryEvaluation, CorpusEvaluation)):
        _evaluation_table(result, console)
        return
    table = Table(show_lines=False, expand=True)
    for name, ratio in (("source", 2), ("kind", 1), ("subject", 2), ("attribute", 2), ("value", 2), ("quote", 4)):
        table.add_column(name, ratio=ratio, overflow="fold")
    for c in result.claims:
        table.add_row(*(_text(v) for v in (_source(c), c.kind, c.subject, c.attribute, c.value, c.quote)))
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


def to_string(result: Result, fmt: str, width: int | None = None) -> str:
    buffer = io.StringIO()
    render(result, fmt, buffer, width)
    return buffer.getvalue()
