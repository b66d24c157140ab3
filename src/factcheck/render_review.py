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
        from .render import _csv_value

        columns, rows = _rows(result)
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _csv_value(v) for k, v in row.items()} for row in rows)
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


def _md(value: Any) -> str:
    text = "" if value is None else ("yes" if value is True else "no" if value is False else str(value))
    return text.replace("|", "\\|").replace("\n", " ")


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
                      f" {_md(_bold(p.paragraph, c.quote))}\n")
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
    return paragraph.replace(words, f"**{words}**", 1) if words in paragraph else paragraph


def _table(result: ReviewResult, console) -> None:
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table

    from .render import VERDICT_STYLE, _highlight, _source, group_title

    if isinstance(result, ShowResult):
        g = result.group
        values = Table(box=None, padding=(0, 1), expand=False)
        for name in ("value", "as written", "sources"):
            values.add_column(name, overflow="fold")
        for v in g.values:
            values.add_row(escape(v.value), escape(", ".join(v.value_texts)), escape(", ".join(v.sources)))
        style = VERDICT_STYLE[g.verdict]
        from rich.console import Group as RichGroup

        console.print(Panel(RichGroup(escape(g.explanation), values), title=group_title(g, style),
                            subtitle=f"{g.id} · {escape(str(g.story))}", title_align="left", border_style=style))
        for p in result.claims:
            c = p.claim
            where = f"{escape(c.source.path)}:{p.line}:{p.column} (offsets {c.start}-{c.end})"
            head = f"[bold]{escape(_source(c))}[/] · {c.id} · {where}" + (" [bold]← asked for[/]" if c.id == result.claim_id else "")
            console.print(head)
            console.print(_highlight(c.model_copy(update={"sentence": p.paragraph})), soft_wrap=False)
            if p.link:
                console.print(escape(p.link), overflow="fold")
            console.print()
        return
    if isinstance(result, ExplainResult):
        table = Table(expand=True, show_lines=True)
        for name, ratio in (("step", 1), ("first claim", 3), ("second claim", 3), ("", 1), ("what it means", 3)):
            table.add_column(name, ratio=ratio, overflow="fold")
        for s in result.steps:
            mark = {True: "[green]same[/]", False: "[red]apart[/]", None: ""}[s.same]
            table.add_row(escape(s.step), escape(s.first), escape(s.second), mark, escape(s.detail))
        console.print(f"{escape(result.first.id)} ({escape(_source(result.first))}) and "
                      f"{escape(result.second.id)} ({escape(_source(result.second))})")
        console.print(table)
        console.print(escape(result.conclusion))
        return
    columns, rows = _rows(result)
    shown = [c for c in columns if any(row.get(c) not in (None, "") for row in rows)] or columns  # no empty columns
    table = Table(expand=False)
    for name in shown:
        table.add_column(name, overflow="fold", no_wrap=name == "path")
    for row in rows:
        table.add_row(*(escape(_cut_left(_md(row.get(c)), PATH_WIDTH) if c == "path" else _md(row.get(c))) for c in shown))
    console.print(table)


def _cut_left(text: str, width: int) -> str:
    """A long path cut at its start, so that the file name stays whole: '…/seeds/a.txt'."""
    return text if len(text) <= width else "…" + text[-(width - 1):]
