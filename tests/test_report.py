"""The HTML report: structure, escaping and timelines, checked by parsing the page it writes."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from factcheck.models import Claim, ConflictsResult, ExtractResult, Group, GroupValue, Source
from factcheck.render import to_string
from factcheck.normalize import display_value
from factcheck.report import html_report, timeline

HERALD = Source(path="ferry/01_lakeside_herald.md", outlet="Lakeside Herald", published="2025-03-02",
                url="https://lakesideherald.example/ferry-capsizes", story="ferry")
RADIO = Source(path="ferry/02_northgate_radio.md", outlet="Northgate Radio", published="2025-03-04",
               url="https://northgate.example/news/ferry-toll", story="ferry")
DAILY = Source(path="ferry/03_orvandi_daily.txt", story="ferry")


def claim(source: Source, sentence: str, quote: str, value: str, *, subject="Lake Orvandi ferry",
          attribute="deaths", kind="quantity", **extra) -> Claim:
    start = sentence.index(quote)
    return Claim(id=f"{source.path}:{start}:{value}", source=source, start=start, end=start + len(quote), quote=quote,
                 sentence=sentence, subject=subject, attribute=attribute, value=value, value_text=quote, kind=kind,
                 confidence=0.9, rule="test.v1", **extra)


def group(verdict: str, claims: list[Claim], explanation="", gid=None) -> Group:
    values: dict[str, GroupValue] = {}
    for c in claims:
        v = values.setdefault(c.value, GroupValue(value=c.value, value_texts=[], sources=[], claim_ids=[]))
        v.value_texts.append(c.value_text)
        v.sources.append(c.source.outlet or c.source.path)
        v.claim_ids.append(c.id)
    first = claims[0]
    return Group(id=gid or f"{first.subject}/{first.attribute}", story=first.source.story, subject=first.subject,
                 attribute=first.attribute, kind=first.kind, verdict=verdict,
                 explanation=explanation or f"The sources give {len(values)} values.", values=list(values.values()),
                 claims=claims)


def toll() -> Group:
    """Three reports of a rising death toll, the last one without a publication date."""
    return group("temporal", [
        claim(HERALD, "Nine people died when the ferry capsized near Port Essel on Saturday evening, police said.",
              "Nine people died", "9"),
        claim(RADIO, "The number of confirmed deaths has risen to 14 as divers reached the lower deck.",
              "risen to 14", "14"),
        claim(DAILY, "Officials now say at least 17 passengers lost their lives in the sinking.",
              "at least 17 passengers lost their lives", "17", bound="min"),
    ], "Lakeside Herald says 9; Northgate Radio says 14; 03_orvandi_daily.txt says at least 17: the toll rose.")


def capacity() -> Group:
    return group("conflict", [
        claim(HERALD, "The vessel, licensed to carry 120 passengers, was close to full.", "carry 120 passengers",
              "120", attribute="capacity"),
        claim(DAILY, "Harbour records show the ferry was certified for 150 people.", "certified for 150 people",
              "150", attribute="capacity"),
    ], "Lakeside Herald says 120; 03_orvandi_daily.txt says 150: the sources disagree.")


def operator() -> Group:
    return group("agree", [
        claim(HERALD, "The ferry is run by Brisa Lines, which has operated on the lake since 1987.", "run by Brisa Lines",
              "Brisa Lines", subject="ferry", attribute="operator", kind="role"),
        claim(RADIO, "Brisa Lines, the operator, suspended all crossings.", "Brisa Lines, the operator",
              "Brisa Lines", subject="ferry", attribute="operator", kind="role"),
    ], "Lakeside Herald and Northgate Radio agree on ferry operator: Brisa Lines.")


class Page(HTMLParser):
    """Every element as (tag, attributes, ancestors), and every piece of text with its ancestors."""

    VOID = {"meta", "br", "link", "img"}  # HTML elements without an end tag; SVG ones close with />

    def __init__(self, html: str):
        super().__init__()
        self.stack: list[tuple[str, dict]] = []
        self.elements: list[tuple[str, dict, list[tuple[str, dict]]]] = []
        self.texts: list[tuple[str, list[tuple[str, dict]]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        self.elements.append((tag, attrs, list(self.stack)))
        if tag not in self.VOID:
            self.stack.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}, list(self.stack)))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if data.strip():
            self.texts.append((data, list(self.stack)))

    def find(self, tag, cls=None, inside=None):
        """Elements with this tag (and class), optionally within the element whose id is `inside`."""
        return [(t, a, anc) for t, a, anc in self.elements if t == tag
                and (cls is None or cls in a.get("class", "").split())
                and (inside is None or any(x.get("id") == inside for _, x in anc))]

    def strings(self, inside_id=None, tag=None) -> list[str]:
        return [d for d, anc in self.texts if (inside_id is None or any(a.get("id") == inside_id for _, a in anc))
                and (tag is None or any(t == tag for t, _ in anc))]

    def text(self, inside_id=None, tag=None) -> str:
        return " ".join(self.strings(inside_id, tag))


def page(*groups: Group) -> Page:
    return Page(html_report(ConflictsResult(groups=list(groups))))


def counts(p: Page) -> list[str]:
    """The numbers in the header's verdict counts, in verdict order."""
    return [t for t, anc in p.texts if any(a.get("class") == "n" for _, a in anc)]


def test_a_section_per_group_in_the_given_order_with_its_badge():
    p = page(capacity(), toll(), operator())
    sections = p.find("section", "group")
    assert [a["class"].split()[1] for _, a, _ in sections] == ["conflict", "temporal", "agree"]
    for _, attrs, _ in sections:
        verdict = attrs["class"].split()[1]
        badges = p.find("span", "badge", inside=attrs["id"])
        assert [b[1]["class"] for b in badges] == [f"badge {verdict}"]
        words = [d for d, anc in p.texts if anc[-1][1].get("class") == f"badge {verdict}" and ("section", attrs) in anc]
        assert words == [verdict]


def test_header_names_story_sources_and_counts():
    p = page(capacity(), toll(), operator())
    assert "Fact check: ferry" in p.text(tag="h1")
    links = {a["href"] for _, a, _ in p.find("a")}
    assert {HERALD.url, RADIO.url} <= links
    sources_text = p.text(tag="table")
    assert "Lakeside Herald" in sources_text and "2 Mar 2025" in sources_text
    assert "03_orvandi_daily.txt" in sources_text and "unknown" in sources_text
    in_counts = [a["class"] for _, a, anc in p.find("span", "badge") if ("ul", {"class": "counts"}) in anc]
    assert in_counts == [f"badge {v}" for v in ("conflict", "temporal", "compatible", "agree", "single")]
    assert counts(p) == ["1", "1", "0", "1", "0"]


def test_cards_show_each_value_with_outlet_date_link_and_marked_quote():
    p = page(capacity())
    gid = p.find("section", "group")[0][1]["id"]
    cards = p.find("article", "card", inside=gid)
    assert len(cards) == 2
    assert p.strings(gid, "mark") == ["carry 120 passengers", "certified for 150 people"]
    text = p.text(gid)
    assert "The vessel, licensed to" in text and ", was close to full." in text
    assert "Lakeside Herald" in text and "2 Mar 2025" in text and "date unknown" in text
    # the outlet's page, and the same page opened at the quote (a text fragment)
    assert [a["href"] for _, a, _ in p.find("a", inside=gid)] == [HERALD.url, HERALD.url + "#:~:text=carry%20120%20passengers"]


def test_temporal_group_has_a_timeline_with_one_mark_per_source():
    p = page(capacity(), toll())
    conflict_id, temporal_id = (a["id"] for _, a, _ in p.find("section", "group"))
    assert len(p.find("svg", inside=conflict_id)) == 1  # a numeric conflict is drawn too (issue 8)
    assert len(p.find("svg", inside=temporal_id)) == 1
    marks = p.find("circle", "mark", inside=temporal_id)
    assert len(marks) == 3
    labels = p.text(temporal_id, "svg")
    assert "Lakeside Herald" in labels and "at least 17" in labels and "date unknown" in labels
    assert "unknown for 1 of 3 sources" in p.text(temporal_id, "figcaption")


def test_timeline_coordinates_follow_dates_and_values():
    t = timeline(toll())
    herald, radio, daily = sorted(t.points, key=lambda p: p.x)
    assert (herald.source, radio.source, daily.source) == ("Lakeside Herald", "Northgate Radio", "03_orvandi_daily.txt")
    assert herald.y > radio.y > daily.y  # larger values sit higher
    assert t.band and t.band[0] < daily.x < t.band[0] + t.band[2]
    assert all(t.left <= p.x <= t.right and t.top <= p.y <= t.bottom for p in t.points)
    assert t.line.count(",") == 2  # the trend joins the two dated reports only


def test_numeric_group_published_on_two_days_gets_a_timeline_even_when_it_agrees():
    g = group("agree", [
        claim(HERALD, "Rescuers pulled 31 survivors from the water.", "31 survivors", "31", attribute="survivors"),
        claim(RADIO, "In all, 31 survivors were taken to hospital in Essel.", "31 survivors", "31",
              attribute="survivors"),
    ])
    assert timeline(g) is not None
    assert timeline(operator()) is None  # roles do not change with the date


def test_undated_temporal_group_orders_by_source_and_says_so():
    first = Source(path="b_second_file.txt", story="ferry")
    second = Source(path="a_first_file.txt", story="ferry")
    g = group("temporal", [
        claim(first, "The harbour master has since lifted the ban on night crossings.", "lifted the ban", "lifted",
              subject="harbour master", attribute="stance", kind="stance"),
        claim(second, "The harbour master imposed a ban on night crossings.", "imposed a ban", "imposed",
              subject="harbour master", attribute="stance", kind="stance"),
    ])
    t = timeline(g)
    # the x axis names the sources, in file-name order, so that it cannot be read as time
    assert [tick.label for tick in sorted(t.x_ticks, key=lambda x: x.at)] == ["a_first_file.txt", "b_second_file.txt"]
    assert [tick.at for tick in sorted(t.x_ticks, key=lambda x: x.at)] == [p.x for p in sorted(t.points, key=lambda p: p.x)]
    assert not t.dated and all(p.source == "" for p in t.points)
    assert t.band is None and "dates are unknown" in t.note and "not a time axis" in t.note
    assert {tick.label for tick in t.y_ticks} == {"lifted", "imposed"}


def test_text_from_articles_is_escaped():
    evil = "<script>alert('x')</script>"
    g = group("conflict", [
        claim(HERALD, f"A reader wrote {evil} in the comments.", evil, "1", subject=f"ferry {evil}"),
        claim(DAILY, "Another reader wrote 2 in the comments.", "2", "2", subject=f"ferry {evil}"),
    ], explanation=f"Lakeside Herald says {evil}.")
    html = html_report(ConflictsResult(groups=[g]))
    p = Page(html)
    assert p.find("script") == []
    assert "&lt;script&gt;" in html
    assert evil in p.text(tag="mark") and evil in p.text(tag="h2") and evil in p.text(tag="p")


@pytest.mark.parametrize("n", [0, 1, 500])
def test_any_number_of_groups(n):
    groups = [group(("conflict", "agree", "single")[i % 3], capacity().claims, gid=f"g{i:03d}") for i in range(n)]
    p = page(*groups)
    sections = p.find("section", "group")
    assert len(sections) == n
    assert len({a["id"] for _, a, _ in sections}) == n
    if n == 0:
        assert "No groups to show" in p.text()
    assert counts(p)[0] == str((n + 2) // 3)


def test_page_is_self_contained():
    html = to_string(ConflictsResult(groups=[toll(), capacity()]), "html")
    p = Page(html)
    assert p.find("script") == [] and p.find("link") == [] and p.find("img") == []
    assert "@import" not in html and "url(" not in html
    assert "@media print" in html


def test_extract_results_have_no_report():
    with pytest.raises(ValueError):
        html_report(ExtractResult(documents=[], claims=[]))


@pytest.mark.parametrize("value, kind, unit, shown", [
    ("2024-10-01", "date", None, "1 October 2024"),
    ("2024-10", "date", None, "October 2024"),
    ("--10-01", "date", None, "1 October (year not given)"),
    ("--07-09/--07-11", "date_range", None, "9 July – 11 July (year not given)"),
    ("2014", "date", None, "2014"),
    ("last week", "date", None, "last week"),
    ("P10Y", "duration", None, "10 years"),
    ("P1M", "duration", None, "1 month"),
    ("23000000000", "money", "USD", "USD 23 billion"),
    ("1100000000", "money", "EUR", "EUR 1.1 billion"),
    ("1234567", "quantity", None, "1,234,567"),
    ("310", "quantity", "mm", "310 mm"),
    ("2940", "quantity", None, "2,940"),
    ("2%", "quantity", None, "2%"),
    ("Brisa Lines", "role", None, "Brisa Lines"),
])
def test_values_are_written_for_people(value, kind, unit, shown):
    assert display_value(value, kind, unit) == shown


def test_a_numeric_conflict_gets_a_timeline_even_without_dates():
    """The seeds' member count (31 against 32, no publication dates) is drawn: when each figure was
    given is what a reader of a numeric conflict asks next."""
    g = toll().model_copy(update={"verdict": "conflict"})
    undated = [c.model_copy(update={"source": c.source.model_copy(update={"published": None})}) for c in g.claims]
    assert timeline(g.model_copy(update={"claims": undated})) is not None
