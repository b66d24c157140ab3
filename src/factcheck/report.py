"""The HTML report of `conflicts --format html`: one self-contained page, rendered with Jinja2.

Everything the page shows is worked out here (labels, the parts of each highlighted sentence,
timeline coordinates) and handed to the template as plain data: the template only lays it out,
and Jinja2's autoescaping covers every piece of text that came from an article.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .escaping import web_url
from .models import VERDICTS, Claim, ConflictsResult, Group
from .normalize import MONTHS, NUMERIC_KINDS, display_value

VERDICT_HELP = {
    "conflict": "cannot both be true, and nothing explains the difference",
    "temporal": "different values explained as change over time",
    "compatible": "consistent, at different precision",
    "agree": "the same value",
    "single": "stated by one source only",
}
CONTEXT = 180  # characters of sentence kept on each side of a quote
MAX_TITLE_STORIES = 3  # more stories than this are counted in the title, not listed (the groups name theirs)


@dataclass
class SourceView:
    """One document as the header lists it."""

    label: str
    path: Optional[str]  # shown under the outlet's name; the label already is the file name otherwise
    published: Optional[str]
    url: Optional[str]  # as the metadata gives it, shown as text
    link: Optional[str]  # the same URL when it is safe to follow (http or https), else None
    title: Optional[str]
    story: Optional[str]


@dataclass
class QuoteView:
    """One claim in a card: who said it, and its sentence split around the quote."""

    source: str
    published: Optional[str]
    link: Optional[str]  # the source's URL when it is http(s); anything else is never a link
    before: str
    quote: str
    after: str
    place: Optional[str] = None  # the page scrolled to the quote (a text fragment), when its URL is known


@dataclass
class CardView:
    """One distinct value of a group and the claims that state it."""

    value: str
    raw: str
    sources: int
    quotes: list[QuoteView]


@dataclass
class Point:
    """One mark on a timeline: a source's value at its publication date."""

    x: float
    y: float
    value: str
    source: str
    label_y: float  # the value's baseline; the source's name sits one line below
    anchor: str

    @property
    def source_y(self) -> float:
        return round(self.label_y + 12, 1)


@dataclass
class Tick:
    """An axis label at `at` (x for dates, y for values), with its grid line when on the value axis."""

    at: float
    label: str

    @property
    def baseline(self) -> float:
        """Where the text sits so that it is centred on a value axis line."""
        return round(self.at + 4, 1)


@dataclass
class Timeline:
    """An inline SVG chart, every coordinate computed here so the template only places them."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    points: list[Point]
    line: str  # polyline through the dated numeric points, "" when there is none
    band: Optional[tuple[float, float, float, float]]  # x, y, width, height of the "date unknown" band
    note: Optional[str]
    dated: bool = True  # False: no source has a date, and the x axis lists sources, not time

    @property
    def y_label_x(self) -> int:
        return self.left - 8

    @property
    def x_label_y(self) -> int:
        return self.bottom + 18


@dataclass
class GroupView:
    id: str
    verdict: str
    subject: str
    attribute: str
    story: Optional[str]
    explanation: str
    cards: list[CardView]
    timeline: Optional[Timeline]
    review: str = ""  # a person's word on the group ('false alarm: ...'), from `factcheck correct`

    @property
    def compact(self) -> bool:
        """A single source's claim takes one line, not a card: `--all` gives dozens of them."""
        return self.verdict == "single"


@dataclass
class CountView:
    verdict: str
    count: int
    help: str
    anchor: Optional[str]  # the first group with this verdict


@dataclass
class ReportView:
    title: str
    stories: list[str]
    sources: list[SourceView]
    counts: list[CountView]
    groups: list[GroupView] = field(default_factory=list)
    generated: str = ""  # the day the page was made
    version: str = ""


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(loader=PackageLoader("factcheck", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def html_report(result) -> str:
    """The page for a conflicts result (extract results have no report)."""
    if not isinstance(result, ConflictsResult):
        raise ValueError("the HTML report is for `conflicts`")
    view = build_view(result)
    return _environment().get_template("report.html.jinja").render(
        report=view, schema_version=result.schema_version)


def build_view(result: ConflictsResult) -> ReportView:
    """Everything the template shows, as plain data."""
    groups = [_group_view(g) for g in result.groups]
    stories = sorted({g.story for g in result.groups if g.story})
    counts = [CountView(v, sum(g.verdict == v for g in groups), VERDICT_HELP[v],
                        next((g.id for g in groups if g.verdict == v), None)) for v in VERDICTS]
    named = ", ".join(stories) if len(stories) <= MAX_TITLE_STORIES else f"{len(stories)} stories"
    title = "Fact check: " + named if stories else "Fact check report"
    from . import __version__

    return ReportView(title, stories, _sources(result.groups), counts, groups, generated=date.today().isoformat(),
                      version=__version__)


def _sources(groups: list[Group]) -> list[SourceView]:
    """Every document the groups cite, once, by story and then by publication date."""
    seen: dict[str, tuple[tuple, SourceView]] = {}
    for claim in (c for g in groups for c in g.claims):
        s = claim.source
        if s.path not in seen:
            key = (s.story or "", _date(s.published) or date.max, s.path)
            seen[s.path] = key, SourceView(_name(claim), s.path if s.outlet else None, _human_date(s.published), s.url,
                                            web_url(s.url), s.title, s.story)
    return [view for _, view in sorted(seen.values(), key=lambda item: item[0])]


def _name(claim: Claim) -> str:
    """How the page names a source: its outlet, else its file name; marked when its file is gone."""
    from .render import STALE_MARK

    return (claim.source.outlet or Path(claim.source.path).name) + (STALE_MARK if claim.source.stale else "")


def _date(published: Optional[str]) -> Optional[date]:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _human_date(published: Optional[str]) -> Optional[str]:
    parsed = _date(published)
    return f"{parsed.day} {MONTHS[parsed.month - 1][:3]} {parsed.year}" if parsed else published


def _group_view(group: Group) -> GroupView:
    cards = []
    for value, claims in _claims_by_value(group):
        cards.append(CardView(_qualified(value, claims), value, len({c.source.path for c in claims}),
                              [_quote(c) for c in claims]))
    from .render import review_words

    return GroupView(group.id, group.verdict, group.subject, group.attribute.replace("_", " "), group.story,
                     group.explanation, cards, timeline(group), review=review_words(group))


def _claims_by_value(group: Group) -> list[tuple[str, list[Claim]]]:
    """Each distinct value with the claims that state it, leaving out values with none."""
    by_id = {c.id: c for c in group.claims}
    pairs = [(v.value, [by_id[i] for i in v.claim_ids if i in by_id]) for v in group.values]
    return [(value, claims) for value, claims in pairs if claims]


def _quote(claim: Claim) -> QuoteView:
    """The claim's sentence cut around its quote, so the template can wrap the quote in <mark>."""
    sentence, quote = claim.sentence, claim.quote
    index = sentence.find(quote)
    if index < 0:  # a quote that spans sentences: show both rather than guess
        before, after = (sentence + " … " if sentence else ""), ""
    else:
        before, after = sentence[:index], sentence[index + len(quote):]
    from .review import quote_link

    return QuoteView(_name(claim), _human_date(claim.source.published), web_url(claim.source.url), _clip(before, start=True),
                     quote, _clip(after, start=False), quote_link(claim.source.url, quote))


def _clip(text: str, start: bool) -> str:
    """Context around a quote cut to CONTEXT characters at a word boundary: sentences can run long."""
    if len(text) <= CONTEXT:
        return text
    if start:
        cut = text[-CONTEXT:]
        return "… " + cut[cut.find(" ") + 1:]
    cut = text[:CONTEXT]
    return cut[: cut.rfind(" ")] + " …"


def _qualified(value: str, claims: list[Claim]) -> str:
    """The value as a person reads it, with "about" or "at least" when every claim says so."""
    text = display_value(value, claims[0].kind, claims[0].unit)
    if all(c.approximate for c in claims):
        return "about " + text
    bounds = {c.bound for c in claims}
    if len(bounds) == 1 and None not in bounds:
        return ("at least " if "min" in bounds else "at most ") + text
    return text


# Timelines -----------------------------------------------------------------------------------

WIDTH, HEIGHT = 960, 240
RIGHT, TOP, BOTTOM = 24, 36, 36  # margins in SVG units; the left one fits the value labels
CHAR = 6.2  # average width of an 11px label character, to size the left margin
LABEL_MAX = 24


def wants_timeline(group: Group) -> bool:
    """Temporal groups, numeric conflicts (the reader asks when each figure was given), and
    numeric groups whose sources were published on different days."""
    if group.verdict == "temporal":
        return True
    if group.verdict == "conflict" and _numbers(group) is not None:
        return True
    dates = {d for d in (_date(c.source.published) for c in group.claims) if d}
    return _numbers(group) is not None and len(dates) >= 2


def _numbers(group: Group) -> Optional[dict[str, float]]:
    """Each value as a number when the group is numeric, else None."""
    if group.kind not in NUMERIC_KINDS:
        return None
    try:
        return {v.value: float(v.value.rstrip("%")) for v in group.values}
    except ValueError:
        return None


def timeline(group: Group) -> Optional[Timeline]:
    """Value against publication date, one mark per source and value; None when not wanted."""
    if not wants_timeline(group):
        return None
    marks: dict[tuple[str, str], Claim] = {}
    for value, claims in _claims_by_value(group):
        for claim in claims:
            marks.setdefault((claim.source.path, value), claim)
    if not marks:
        return None
    numbers = _numbers(group)
    top, bottom = TOP, HEIGHT - BOTTOM
    labels = {value: display_value(value, claim.kind, claim.unit) for (_, value), claim in marks.items()}
    y_of, y_ticks = _y_axis(labels, numbers, top, bottom)
    left = int(min(max(max(len(t.label) for t in y_ticks) * CHAR + 14, 48), 180))
    right = WIDTH - RIGHT
    sources = {path: claim.source.published for (path, _), claim in marks.items()}
    x_of, x_ticks, undated = _x_axis(sources, left, right)

    placed = sorted(((round(x_of[path], 1), y_of(value), value, claim) for (path, value), claim in marks.items()),
                    key=lambda p: (p[0], p[1]))
    dated_axis = any(_date(published) for published in sources.values())
    points: list[Point] = []
    taken: list[tuple[float, float, float, float]] = []  # label boxes already placed
    for x, y, value, claim in placed:
        anchor = "end" if x > right - 60 else "start" if x < left + 60 else "middle"
        shown, source = _qualified(value, [claim]), _short(_name(claim)) if dated_axis else ""
        label_y = _free_label_y(x, y, anchor, max(len(shown), len(source)) * CHAR, taken, top, bottom)
        points.append(Point(x, y, shown, source, label_y, anchor))
    dated_points = [(x, y) for x, y, _, claim in placed if _date(claim.source.published)]
    one_per_date = len({x for x, _ in dated_points}) == len(dated_points)
    trend = numbers is not None and one_per_date and len(dated_points) > 1
    line = " ".join(f"{x},{y}" for x, y in dated_points) if trend else ""
    unknown = sum(_date(published) is None for published in sources.values())
    if unknown == len(sources):
        note = "Publication dates are unknown: sources are shown in order of file name."
    elif unknown:
        note = f"Publication dates are unknown for {unknown} of {len(sources)} sources, shown at the right."
    else:
        note = None
    band = (undated[0], top, round(undated[1] - undated[0], 1), bottom - top) if undated else None
    if not dated_axis:
        note = "Publication dates are unknown: the marks are the sources, in order of file name, not a time axis."
    return Timeline(WIDTH, HEIGHT, left, right, top, bottom, x_ticks, y_ticks, points, line, band, note, dated=dated_axis)


LABEL_OFFSETS = (-24, 18, -50, 44)  # above the mark, below it, then further out: the first free one


def _free_label_y(x: float, y: float, anchor: str, width: float, taken: list, top: float, bottom: float) -> float:
    """The baseline of a mark's two-line label where it overlaps no label placed before it (the
    first of LABEL_OFFSETS that is free and inside the chart; else the first)."""
    left = x - width if anchor == "end" else x if anchor == "start" else x - width / 2
    for offset in LABEL_OFFSETS:
        baseline = y + offset
        box = (left, baseline - 12, left + width, baseline + 14)
        inside = top - 12 <= box[1] and box[3] <= bottom + 14
        if inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
            taken.append(box)
            return baseline
    taken.append((left, y + LABEL_OFFSETS[0] - 12, left + width, y + LABEL_OFFSETS[0] + 14))
    return y + LABEL_OFFSETS[0]


def _y_axis(labels: dict[str, str], numbers: Optional[dict[str, float]], top: float, bottom: float):
    """A linear scale for numeric values, else one row per distinct value, in the group's order."""
    if numbers is not None:
        ticks, low, high = _scale(list(numbers.values()))
        percent = all(v.endswith("%") for v in numbers)

        def to_y(number: float) -> float:
            return round(bottom - (number - low) / (high - low) * (bottom - top), 1)

        return (lambda value: to_y(numbers[value])), [Tick(to_y(t), _compact(t, percent)) for t in ticks]
    order = list(labels)
    row = (bottom - top) / len(order)

    def y_of(value: str) -> float:
        return round(top + row * (order.index(value) + 0.5), 1)

    return y_of, [Tick(y_of(v), _short(label)) for v, label in labels.items()]


def _x_axis(sources: dict[str, Optional[str]], left: float, right: float):
    """Dated sources by publication date; undated ones in a band at the right, by file name."""
    dates = {path: _date(published) for path, published in sources.items()}
    undated_paths = sorted(path for path, d in dates.items() if d is None)
    dated = sorted({d for d in dates.values() if d})
    x_of: dict[str, float] = {}
    ticks: list[Tick] = []
    undated = None
    split = right
    if undated_paths:
        share = 1.0 if not dated else min(0.45, 0.12 * len(undated_paths))
        split = right - share * (right - left)
        undated = (round(split, 1), right) if dated else None
        step = (right - split) / len(undated_paths)
        x_of.update({path: split + step * (i + 0.5) for i, path in enumerate(undated_paths)})
        if dated:
            ticks.append(Tick(round((split + right) / 2, 1), "date unknown"))
        else:  # no dates at all: the axis names the sources, so it cannot be read as time
            ticks += [Tick(round(x_of[path], 1), _short(Path(path).name)) for path in undated_paths]
    if dated:
        low, high = left + 50, split - 60
        span = (dated[-1] - dated[0]).days
        with_year = dated[0].year != dated[-1].year
        position = {d: (low + high) / 2 if span == 0 else low + (high - low) * (d - dated[0]).days / span for d in dated}
        ticks += _spaced([Tick(round(x, 1), f"{d.day} {MONTHS[d.month - 1][:3]}" + (f" {d.year}" if with_year else ""))
                          for d, x in position.items()])
        x_of.update({path: position[d] for path, d in dates.items() if d})
    return x_of, ticks, undated


MIN_TICK_GAP = 14  # characters' width between the centres of two date labels


def _spaced(ticks: list[Tick]) -> list[Tick]:
    """Date labels far enough apart not to print over each other ('22 Feb' and '23 Feb' a few
    pixels apart were '223 Feb'): the first, then each one clear of the last kept; the last date
    replaces a kept one too close to it."""
    kept: list[Tick] = []
    for tick in sorted(ticks, key=lambda t: t.at):
        if not kept or tick.at - kept[-1].at >= MIN_TICK_GAP * CHAR:
            kept.append(tick)
        elif tick is ticks[-1] and len(kept) > 1:
            kept[-1] = tick
    return kept


def _scale(values: list[float]) -> tuple[list[float], float, float]:
    """Round tick values covering `values`, from zero when zero is not far below them."""
    low, high = min(values), max(values)
    if 0 <= low <= high / 2:
        low = 0.0
    if low == high:
        low, high = (0.0, high) if high > 0 else (low - 1, high + 1)
    raw = (high - low) / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if all(v == int(v) for v in values):
        step = max(step, 1.0)  # counts: no tick between 31 and 32
    first, last = math.floor(low / step), math.ceil(high / step)
    ticks = [round(k * step, 10) for k in range(first, last + 1)]
    return ticks, ticks[0], ticks[-1]


def _compact(number: float, percent: bool) -> str:
    """A tick label: 1.1bn, 2.5m, 40k, 12."""
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e4, "k")):
        if abs(number) >= size:
            return f"{number / size:g}{suffix}"
    return f"{number:g}" + ("%" if percent else "")


def _short(text: str) -> str:
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"
