"""One renderer for every output format: table, json, jsonl, csv, markdown, html.

Every format starts from the models' `model_dump(mode="json")`, so a field is spelled the
same in all of them. Claims (extract) and groups (conflicts) are both rendered here.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Callable, TextIO, Union

from .escaping import csv_cell, markdown_text, terminal_text
from .scoring import CorpusEvaluation, StoryEvaluation, flat
from .models import Claim, ConflictsResult, ExtractResult, Group

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
    writers: dict[str, Callable[[Result, TextIO], None]] = {
        "json": _json, "jsonl": _jsonl, "csv": _csv, "markdown": _markdown, "html": _html,
        "table": lambda r, o: _table(r, o, width),
    }
    writers[fmt](result, out)


def _items(result: Result) -> list[Union[Claim, Group]]:
    return list(result.claims) if isinstance(result, ExtractResult) else list(result.groups)


def _json(result: Result, out: TextIO) -> None:
    if isinstance(result, (StoryEvaluation, CorpusEvaluation)):
        data = flat(result) if isinstance(result, StoryEvaluation) else {
            "stories": [flat(s) for s in result.stories], "combined": result.combined.model_dump()}
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    out.write(result.model_dump_json(indent=2))  # pydantic's encoder: one write, not millions
    out.write("\n")


def _jsonl(result: Result, out: TextIO) -> None:
    for item in _items(result):
        out.write(json.dumps(item.model_dump(mode="json"), ensure_ascii=False))
        out.write("\n")


def claim_row(claim: Claim) -> dict[str, Any]:
    """A claim flattened for a table: its source's fields side by side with its own."""
    data = claim.model_dump(mode="json")
    source = data.pop("source")
    return {**{k: source.get(k) for k in ("path", "outlet", "url", "published", "story", "stale")}, **data}


def _rows(result: Result) -> tuple[list[str], list[dict[str, Any]]]:
    if isinstance(result, ExtractResult):
        return CLAIM_COLUMNS, [claim_row(c) for c in result.claims]
    rows = []
    for group in result.groups:
        head = {"group_id": group.id, "verdict": group.verdict, "group_subject": group.subject,
                "group_attribute": group.attribute, "explanation": group.explanation}
        rows.extend({**head, **claim_row(c)} for c in group.claims)
    return GROUP_COLUMNS + CLAIM_COLUMNS, rows


def _csv(result: Result, out: TextIO) -> None:
    columns, rows = _rows(result)
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: csv_cell(value) for key, value in row.items()} for row in rows)



def _markdown(result: Result, out: TextIO) -> None:
    if isinstance(result, ExtractResult):
        out.write("| source | subject | attribute | value | quote |\n|---|---|---|---|---|\n")
        for c in result.claims:
            out.write(f"| {markdown_text(_source(c))} | {markdown_text(c.subject)} | {markdown_text(c.attribute)} | {markdown_text(c.value)} | “{markdown_text(c.quote)}” |\n")
        return
    if not result.groups:
        out.write("_No groups to show._\n")
    for g in result.groups:
        out.write(f"### {markdown_text(g.subject)}: {markdown_text(g.attribute.replace('_', ' '))} — **{g.verdict}**\n\n")
        out.write(f"{markdown_text(g.explanation)}\n\n| source | value | quote |\n|---|---|---|\n")
        for c in g.claims:
            out.write(f"| {markdown_text(_source(c))} | {markdown_text(c.value)} | “{markdown_text(c.quote)}” |\n")
        out.write("\n")


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


def _table(result: Result, out: TextIO, width: int | None) -> None:
    from rich.console import Console, Group as RichGroup
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    terminal = getattr(out, "isatty", lambda: False)()
    console = Console(file=out, width=width or (None if terminal else 120), highlight=False, soft_wrap=False,
                      force_terminal=terminal)  # a terminal's own width; 120 columns in a file
    if isinstance(result, (StoryEvaluation, CorpusEvaluation)):
        _evaluation_table(result, console)
        return
    if isinstance(result, ExtractResult):
        table = Table(show_lines=False, expand=True)
        for name, ratio in (("source", 2), ("kind", 1), ("subject", 2), ("attribute", 2), ("value", 2), ("quote", 4)):
            table.add_column(name, ratio=ratio, overflow="fold")
        for c in result.claims:
            table.add_row(*(_text(v) for v in (_source(c), c.kind, c.subject, c.attribute, c.value, c.quote)))
        console.print(table)
        console.print(f"{len(result.claims)} claims from {len(result.documents)} documents")
        return
    if not result.groups:
        console.print("No groups to show (use --all to see every group).")
    for g in result.groups:
        quotes = Table(show_header=True, expand=True, box=None, padding=(0, 1))
        quotes.add_column("source", ratio=2, overflow="fold")
        quotes.add_column("value", ratio=1, overflow="fold")
        quotes.add_column("sentence", ratio=6, overflow="fold")
        for c in g.claims:
            quotes.add_row(_text(_source(c)), _text(c.value + (" ~" if c.approximate else "")), _highlight(c))
        style = VERDICT_STYLE[g.verdict]
        title = Text.assemble((g.verdict.upper(), style), " ", _text(f"{g.subject} · {g.attribute.replace('_', ' ')}"))
        console.print(Panel(RichGroup(_text(g.explanation), quotes), title=title, title_align="left", border_style=style))
    counts = {}
    for g in result.groups:
        counts[g.verdict] = counts.get(g.verdict, 0) + 1
    console.print(", ".join(f"{n} {v}" for v, n in counts.items()) or "0 groups")


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
