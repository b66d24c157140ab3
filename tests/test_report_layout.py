"""The HTML report's layout fixes of issue 15: date labels apart, point labels apart, single-source
claims on one line, the sources after the findings, a footer with version and date."""

from __future__ import annotations

import re
from datetime import date

from factcheck import __version__
from factcheck.models import Source
from factcheck.report import CHAR, MIN_TICK_GAP, html_report, timeline
from factcheck.models import ConflictsResult

from test_report import HERALD, Page, capacity, claim, group, operator, toll


def _day_sources(days: list[str]) -> list[Source]:
    return [Source(path=f"s/{i}.txt", outlet=f"Outlet {i}", published=d, story="s") for i, d in enumerate(days)]


def counts_group(days: list[str], values: list[str]):
    return group("temporal", [claim(src, f"The toll rose to {v} by then.", f"rose to {v}", v)
                              for src, v in zip(_day_sources(days), values)])


def test_date_labels_of_close_days_do_not_print_over_each_other():
    t = timeline(counts_group(["2024-02-01", "2024-02-22", "2024-02-23", "2024-06-20"], ["10", "12", "13", "20"]))
    xs = sorted(tick.at for tick in t.x_ticks)
    assert all(b - a >= MIN_TICK_GAP * CHAR for a, b in zip(xs, xs[1:])), xs
    labels = [tick.label for tick in sorted(t.x_ticks, key=lambda x: x.at)]
    assert labels[0] == "1 Feb" and labels[-1] == "20 Jun"  # the first and last dates stay


def _boxes(t):
    """Each point label's box as the chart draws it: value on the baseline, source one line below."""
    boxes = []
    for p in t.points:
        width = max(len(p.value), len(p.source)) * CHAR
        left = p.x - width if p.anchor == "end" else p.x if p.anchor == "start" else p.x - width / 2
        boxes.append((left, p.label_y - 12, left + width, p.label_y + 14))
    return boxes


def test_point_labels_do_not_collide():
    # four reports on two close days with close values: the labels must take different places
    t = timeline(counts_group(["2024-03-01", "2024-03-01", "2024-03-02", "2024-03-02"], ["100", "101", "102", "103"]))
    boxes = _boxes(t)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_single_source_groups_are_one_compact_line_each():
    single = group("single", [claim(HERALD, "The ferry sailed at 7 p.m., the operator said.", "sailed at 7 p.m.", "19:00",
                                    attribute="departure", kind="time")], gid="one")
    p = Page(html_report(ConflictsResult(groups=[capacity(), single])))
    [section] = [a for _, a, _ in p.find("section", "group") if a["id"] == "g-one"]
    assert "compact" in section["class"].split()
    assert p.find("article", "card", inside="g-one") == [] and p.find("figure", inside="g-one") == []
    assert "sailed at 7 p.m." in p.text("g-one", "mark")


def test_sources_come_after_the_findings_and_the_footer_dates_the_page():
    html = html_report(ConflictsResult(groups=[toll(), capacity(), operator()]))
    assert html.index('id="g-') < html.index('<section class="sources"')
    footer = re.search(r"<footer>(.*?)</footer>", html, re.S).group(1)
    assert f"factcheck {__version__}" in footer and date.today().isoformat() in footer


def test_the_chart_keeps_a_legible_width_on_a_phone():
    html = html_report(ConflictsResult(groups=[toll()]))
    assert re.search(r"figure\.timeline svg \{[^}]*min-width: 760px", html)  # 11px text stays about 9px at 420 px
    assert re.search(r"figure\.timeline \{[^}]*overflow-x: auto", html)


def test_the_caption_says_by_publication_date_once():
    html = html_report(ConflictsResult(groups=[toll()]))
    assert "by by" not in html.lower() and "by publication date" in html
