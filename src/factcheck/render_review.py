"""The renderer's part for looking into the store: `show`, `explain`, `stories`, `documents` and
`correct list`, in every format. `render.render` hands these results here; the flat listings
share one path (a row per item, whatever the format)."""

from __future__ import annotations

import csv
import json
from typing import Any, Callable, TextIO, Union

from pydantic import BaseModel

from .models import CorrectionsResult, DocumentsResult, ExplainResult, ShowResult, StoriesResult

Listing = Union[StoriesResult, DocumentsResult, CorrectionsResult]
ReviewResult = Union[ShowResult, ExplainResult, Listing]
REVIEW_TYPES = (ShowResult, ExplainResult, StoriesResult, DocumentsResult, CorrectionsResult)
PLACE_COLUMNS = ["paragraph", "line", "column", "link", "shown"]
STEP_COLUMNS = ["step", "first", "second", "same", "detail"]
PATH_WIDTH = 40  # a path in a listing's table is cut to this, from the left


def render(result: ReviewResult, fmt: str, out: TextIO, console: Callable[[], Any]) -> None:
    """Write `result` in `fmt`; `console()` gives the table's rich Console (width and colour)."""
    if fmt == "json":
        out.write(result.model_dump_json(indent=2) + "\n")
    elif fmt == "jsonl":
        for item in _items(result):
            out.write(json.dumps(item.model_dump(mode="json"), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        from .escaping import csv_cell
        from .render import _csv_value

        columns, rows = _rows(result)
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: csv_cell(_csv_value(v)) for k, v in row.items()} for row in rows)
    elif fmt == "markdown":
        _markdown(result, out)
    elif fmt == "html":
        if not isinstance(result, ShowResult):
            raise ValueError("html is for `conflicts` and `show`")
        from .models import ConflictsResult
        from .report import html_report

        out.write(html_report(ConflictsResult(groups=[result.group])))
    else:
        _table(result, console())


def _items(result: ReviewResult) -> list[BaseModel]:
    if isinstance(result, ShowResult):
        return list(result.claims)
    if isinstance(result, ExplainResult):
        return list(result.steps)
    if isinstance(result, StoriesResult):
        return list(result.stories)
    if isinstance(result, DocumentsResult):
        return list(result.documents)
    return list(result.corrections)


def _flat(item: BaseModel) -> dict[str, Any]:
    """A listing's item as one row: a mapping (a story's verdicts) becomes a column per key."""
    row: dict[str, Any] = {}
    for key, value in item.model_dump(mode="json").items():
        if isinstance(value, dict):
            row.update(value)
        else:
            row[key] = value
    return row


def _rows(result: ReviewResult) -> tuple[list[str], list[dict[str, Any]]]:
    from .render import CLAIM_COLUMNS, GROUP_COLUMNS, claim_row, group_row

    if isinstance(result, ShowResult):
        head = group_row(result.group)
        rows = [{**head, **claim_row(p.claim), **p.model_dump(mode="json", exclude={"claim"}),
                 "shown": p.claim.id == result.claim_id} for p in result.claims]
        return GROUP_COLUMNS + CLAIM_COLUMNS + PLACE_COLUMNS, rows
    if isinstance(result, ExplainResult):
        return STEP_COLUMNS, [s.model_dump(mode="json") for s in result.steps]
    rows = [_flat(item) for item in _items(result)]
    columns = list(rows[0]) if rows else _empty_columns(result)
    return columns, rows


def _empty_columns(result: Listing) -> list[str]:
    from .models import Correction, DocumentSummary, StorySummary

    model = {StoriesResult: StorySummary, DocumentsResult: DocumentSummary}.get(type(result), Correction)
    return [name for name in model.model_fields if name != "verdicts"]


def _plain(value: Any) -> str:
    return "" if value is None else ("yes" if value is True else "no" if value is False else str(value))


def _md(value: Any) -> str:
    """A Markdown cell or paragraph, its syntax and any HTML escaped (see escaping.py)."""
    from .escaping import markdown_text

    return markdown_text(_plain(value))


def _markdown(result: ReviewResult, out: TextIO) -> None:
    from .render import _source, review_words

    if isinstance(result, ShowResult):
        g = result.group
        reviewed = f" ({review_words(g)})" if g.review else ""
        out.write(f"### {_md(g.subject)}: {_md(g.attribute.replace('_', ' '))} — **{g.verdict}**{reviewed}\n\n")
        out.write(f"Group `{g.id}`, story {_md(g.story)}. {g.explanation}\n\n| value | as written | sources |\n|---|---|---|\n")
        for v in g.values:
            out.write(f"| {_md(v.value)} | {_md(', '.join(v.value_texts))} | {_md(', '.join(v.sources))} |\n")
        out.write("\n")
        for p in result.claims:
            c = p.claim
            marker = " ← asked for" if c.id == result.claim_id else ""
            link = f" [on the page]({p.link})" if p.link else ""
            out.write(f"- **{_md(_source(c))}**, `{c.id}`, {_md(c.source.path)} line {p.line}, offsets {c.start}-{c.end}{link}{marker}:"
                      f" {_bold(p.paragraph, c.quote)}\n")
        return
    if isinstance(result, ExplainResult):
        out.write(f"**{_md(result.conclusion)}**\n\n")
    columns, rows = _rows(result)
    if not rows:
        out.write("_Nothing to show._\n")
        return
    out.write("| " + " | ".join(columns) + " |\n|" + "---|" * len(columns) + "\n")
    for row in rows:
        out.write("| " + " | ".join(_md(row.get(c)) for c in columns) + " |\n")


def _bold(paragraph: str, words: str) -> str:
    """The paragraph for Markdown with the quote in bold (each part escaped on its own)."""
    index = paragraph.find(words)
    if index < 0:
        return _md(paragraph)
    return f"{_md(paragraph[:index])}**{_md(words)}**{_md(paragraph[index + len(words):])}"


def _table(result: ReviewResult, console) -> None:
    from rich.console import Group as RichGroup
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from .render import VERDICT_STYLE, _highlight, _source, _text, group_title

    if isinstance(result, ShowResult):
        g = result.group
        values = Table(box=None, padding=(0, 1), expand=False)
        for name in ("value", "as written", "sources"):
            values.add_column(name, overflow="fold")
        for v in g.values:
            values.add_row(_text(v.value), _text(", ".join(v.value_texts)), _text(", ".join(v.sources)))
        style = VERDICT_STYLE[g.verdict]
        console.print(Panel(RichGroup(_text(g.explanation), values), title=group_title(g, style),
                            subtitle=_text(f"{g.id} · {g.story}"), title_align="left", border_style=style))
        for p in result.claims:
            c = p.claim
            asked = [(" ← asked for", "bold")] if c.id == result.claim_id else []
            console.print(Text.assemble((_source(c), "bold"), _text(f" · {c.id}"), *asked))
            console.print(_text(f"{c.source.path}:{p.line}:{p.column}, offsets {c.start}-{c.end}"))
            console.print(_highlight(c.model_copy(update={"sentence": p.paragraph})))
            if p.link:
                console.print(_text(p.link), overflow="fold")
            console.print()
        return
    if isinstance(result, ExplainResult):
        table = Table(expand=True, show_lines=True)
        for name, ratio in (("step", 1), ("first claim", 3), ("second claim", 3), ("", 1), ("what it means", 3)):
            table.add_column(name, ratio=ratio, overflow="fold")
        for s in result.steps:
            mark = {True: Text("same", "green"), False: Text("apart", "red"), None: Text("")}[s.same]
            table.add_row(_text(s.step), _text(s.first), _text(s.second), mark, _text(s.detail))
        console.print(_text(f"{result.first.id} ({_source(result.first)}) and {result.second.id} ({_source(result.second)})"))
        console.print(table)
        console.print(_text(result.conclusion))
        return
    columns, rows = _rows(result)
    shown = [c for c in columns if any(row.get(c) not in (None, "") for row in rows)] or columns  # no empty columns
    table = Table(expand=False)
    for name in shown:
        table.add_column(name, overflow="fold", no_wrap=name == "path")
    for row in rows:
        table.add_row(*(_text(_cut_left(_plain(row.get(c)), PATH_WIDTH) if c == "path" else _plain(row.get(c))) for c in shown))
    console.print(table)


def _cut_left(text: str, width: int) -> str:
    """A long path cut at its start, so that the file name stays whole: '…/seeds/a.txt'."""
    return text if len(text) <= width else "…" + text[-(width - 1):]
