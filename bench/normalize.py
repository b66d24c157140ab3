"""Value normalization beside the libraries a user would otherwise reach for (issue 14).

    .venv/bin/pip install -e ".[bench]"
    .venv/bin/python bench/normalize.py                    # both sets, every system
    .venv/bin/python bench/normalize.py --misses factcheck --type date
    .venv/bin/python bench/normalize.py --only factcheck --json /tmp/normalize.json

Two sets of gold spans, each item a `text` the pipeline would have found, a `type`, the
publication date `ref` relative words are read against, and `exp`, the values (in the
contract's formats) that count as right:

- `rt`: the 806 English items of microsoft/Recognizers-Text in ../shared/peers (see its README);
- `news`: bench/normalize_news.json, spans from news text checked by hand, with the tense of
  their clause where it decides the reading (a peer cannot take it; factcheck can).

Every system gets the item's text and reference date as its own API takes them. A value is
right when it is among `exp` (a number also when it equals one of them in another notation; and, for factcheck on `bounded` items, when its bound is the
item's: the peers give no bound); a value that is not is *confident wrong*, which is worse than
no value, since nothing downstream can tell it from a right one. The time per span is wall
clock in this process, the libraries' start-up excluded (each builds its parser once).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable, Optional

from factcheck import normalize

ROOT = Path(__file__).resolve().parents[1]
PEERS = ROOT.parent / "shared" / "peers" / "recognizers-text-en.json"
NEWS = Path(__file__).with_name("normalize_news.json")
TYPES = ("number", "ordinal", "percent", "bounded", "date", "relative", "range", "duration", "time")
DATE_TYPES = ("date", "relative", "range")
NUMBER_TYPES = ("number", "ordinal", "percent", "bounded")
NUMBER = re.compile(r"-?\d+(?:,\d{3})*(?:\.\d+)?")


def _reference(item: dict) -> Optional[dt.date]:
    return dt.date.fromisoformat(item["ref"]) if item.get("ref") else None


def factcheck_value(item: dict) -> Optional[str]:
    """What the pipeline's normalizer makes of the span, by the type an extractor found it as."""
    kind, text = item["type"], item["text"]
    if kind in DATE_TYPES:
        value = normalize.temporal(text, _reference(item), item.get("tense"), date_order=item.get("order", "mdy"))
    elif kind == "duration":
        value = normalize.duration(text)
    elif kind == "time":
        value = normalize.time_of_day(text)
    elif kind == "ordinal":
        value = normalize.ordinal(text)
    else:
        value = normalize.quantity(text)
        if value is not None and kind == "bounded" and value.bound != item.get("b"):
            return f"{value.value} (bound {value.bound})"  # a bound read the wrong way is wrong
    if value is None:
        return None
    return value.value + (f" {value.zone}" if getattr(value, "zone", None) else "")


def _number_text(output: str, kind: str) -> Optional[str]:
    """The one number in a peer's output text, in the contract's format, else None."""
    found = NUMBER.findall(output)
    if len(found) != 1:
        return None
    value = normalize.format_number(float(found[0].replace(",", "")))
    return value + "%" if kind == "percent" else value


def _number_value(number, kind: str) -> Optional[str]:
    if number is None:
        return None
    value = normalize.format_number(float(number))
    return value + "%" if kind == "percent" else value


def text2num_value(item: dict) -> Optional[str]:
    """text2num: `text2num` for a whole number in words, else `alpha2digit` and its one number."""
    from text_to_num import alpha2digit, text2num

    text, kind = item["text"], item["type"]
    try:
        return _number_value(text2num(text, "en"), kind)
    except ValueError:
        return _number_text(alpha2digit(text, "en"), kind)


def number_parser_value(item: dict) -> Optional[str]:
    """number-parser: `parse_ordinal` for ordinals, `parse_number`, else `parse` and its one number."""
    from number_parser import parse, parse_number, parse_ordinal

    text, kind = item["text"], item["type"]
    if kind == "ordinal":
        return _number_value(parse_ordinal(text), kind)
    number = parse_number(text)
    return _number_value(number, kind) if number is not None else _number_text(parse(text), kind)


def word2number_value(item: dict) -> Optional[str]:
    """word2number: `word_to_num` (cardinals only)."""
    from word2number import w2n

    try:
        return _number_value(w2n.word_to_num(item["text"]), item["type"])
    except (ValueError, IndexError):
        return None


_DATEPARSERS: dict = {}


def _dateparser(ref: Optional[dt.date]):
    from dateparser.date import DateDataParser

    if ref not in _DATEPARSERS:
        settings = {"RELATIVE_BASE": dt.datetime(ref.year, ref.month, ref.day)} if ref else {}
        _DATEPARSERS[ref] = DateDataParser(languages=["en"], settings=settings)
    return _DATEPARSERS[ref]


def _iso(moment: dt.datetime, period: str) -> str:
    """A dateparser result at the precision it says it found."""
    if period == "year":
        return f"{moment.year:04d}"
    if period == "month":
        return f"{moment.year:04d}-{moment.month:02d}"
    if period == "week":
        year, week, _ = moment.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return moment.date().isoformat()


def dateparser_value(item: dict) -> Optional[str]:
    """dateparser: `DateDataParser.get_date_data` (dates and times), `search_dates` for ranges."""
    ref, text, kind = _reference(item), item["text"], item["type"]
    if kind == "range":
        from dateparser.search import search_dates

        settings = {"RELATIVE_BASE": dt.datetime(ref.year, ref.month, ref.day)} if ref else {}
        found = search_dates(text, languages=["en"], settings=settings) or []
        if len(found) >= 2:
            return f"{found[0][1].date().isoformat()}/{found[-1][1].date().isoformat()}"
    data = _dateparser(ref).get_date_data(text)
    if data.date_obj is None:
        return None
    if kind == "time":
        return data.date_obj.strftime("%H:%M")
    return _iso(data.date_obj, data.period or "day")


SYSTEMS: dict[str, tuple[Callable[[dict], Optional[str]], tuple[str, ...]]] = {
    "factcheck": (factcheck_value, TYPES),
    "dateparser": (dateparser_value, DATE_TYPES + ("time",)),
    "text2num": (text2num_value, NUMBER_TYPES),
    "number-parser": (number_parser_value, NUMBER_TYPES),
    "word2number": (word2number_value, ("number", "percent", "bounded")),
}


def load(path: Path, name: str) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data["items"] if isinstance(data, dict) else data
    return [dict(item, set=name) for item in items]


def run(items: list[dict], systems: list[str]) -> dict:
    """Each system's value of each item it applies to, with the time it took."""
    results: dict = {name: {} for name in systems}
    for name in systems:
        function, types = SYSTEMS[name]
        for item in items:
            if item["type"] not in types:
                continue
            started = time.perf_counter()
            try:
                value = function(item)
            except Exception as error:  # a peer that raises on a span gives no value for it
                value = None
                if name == "factcheck":
                    raise RuntimeError(f"factcheck failed on {item['id']}: {error}") from error
            results[name][item["id"]] = (value, time.perf_counter() - started)
    return results


def is_right(item: dict, value: str) -> bool:
    """Among `exp`; a number also when it equals one of them written otherwise ('1E-12' is
    0.000000000001: the set keeps the spec's scientific notation, the contract writes digits)."""
    if value in item["exp"]:
        return True
    if item["type"] not in NUMBER_TYPES:
        return False
    try:
        number = float(value.rstrip("%"))
        return any(math.isclose(number, float(e.rstrip("%")), rel_tol=1e-12) and value.endswith("%") == e.endswith("%")
                   for e in item["exp"])
    except ValueError:
        return False


def score(items: list[dict], results: dict) -> dict:
    """Per set and type: items, and per system right, confident wrong and seconds."""
    table: dict = defaultdict(lambda: defaultdict(lambda: {"right": 0, "wrong": 0, "seconds": 0.0, "n": 0}))
    counts: dict = defaultdict(int)
    for item in items:
        for key in ((item["set"], item["type"]), (item["set"], "all")):
            counts[key] += 1
            for name, values in results.items():
                if item["id"] not in values:
                    continue
                value, seconds = values[item["id"]]
                cell = table[key][name]
                cell["n"] += 1
                cell["seconds"] += seconds
                if value is None:
                    continue
                cell["right" if is_right(item, value) else "wrong"] += 1
    return {"counts": counts, "table": table}


def render(scored: dict, systems: list[str]) -> str:
    counts, table = scored["counts"], scored["table"]
    header = ["set", "type", "items"] + [f"{name} acc / wrong" for name in systems]
    rows = [header]
    for key in sorted(counts, key=lambda k: (k[0], TYPES.index(k[1]) if k[1] in TYPES else len(TYPES))):
        row = [key[0], key[1], str(counts[key])]
        for name in systems:
            cell = table[key].get(name)
            if not cell or not cell["n"] or (key[1] == "all" and name != "factcheck"):
                row.append("–")
                continue
            row.append(f"{cell['right'] / cell['n']:.2f} / {cell['wrong']}")
        rows.append(row)
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |" for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    speed = ["", "time per span (µs, all items a system applies to):"]
    for name in systems:
        cells = [c[name] for (s, t), c in table.items() if t == "all" and name in c]
        n, seconds = sum(c["n"] for c in cells), sum(c["seconds"] for c in cells)
        if n:
            speed.append(f"  {name}: {seconds / n * 1e6:.0f}")
    return "\n".join(lines + speed)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--peers", type=Path, default=PEERS, help="the Recognizers-Text items")
    parser.add_argument("--news", type=Path, default=NEWS, help="the news items")
    parser.add_argument("--only", action="append", choices=sorted(SYSTEMS), help="run only these systems")
    parser.add_argument("--type", action="append", choices=TYPES, help="only items of these types")
    parser.add_argument("--misses", choices=sorted(SYSTEMS), help="list the items a system got wrong or gave nothing for")
    parser.add_argument("--json", type=Path, help="write every value and the table here")
    args = parser.parse_args(argv)
    items = []
    for path, name in ((args.peers, "rt"), (args.news, "news")):
        if not path.exists():
            print(f"normalize bench: {path} not found; that set is left out", file=sys.stderr)
            continue
        items += load(path, name)
    if args.type:
        items = [i for i in items if i["type"] in args.type]
    systems = args.only or list(SYSTEMS)
    missing = []
    for name in systems[:]:
        try:
            SYSTEMS[name][0]({"type": "number", "text": "1", "id": "probe"}) if name != "dateparser" else _dateparser(None)
        except ImportError:
            missing.append(name)
            systems.remove(name)
    if missing:
        print(f"normalize bench: not installed, left out: {', '.join(missing)} (pip install -e '.[bench]')", file=sys.stderr)
    results = run(items, systems)
    scored = score(items, results)
    print(render(scored, systems))
    if args.misses:
        print()
        for item in items:
            value = results.get(args.misses, {}).get(item["id"], (None,))[0]
            if item["id"] in results.get(args.misses, {}) and (value is None or not is_right(item, value)):
                mark = "WRONG" if value is not None else "none "
                print(f"{mark} {item['set']}:{item['type']:9} {item['text']!r} ref={item.get('ref')} got={value!r} exp={item['exp'][:3]}")
    if args.json:
        args.json.write_text(json.dumps({
            "values": {name: {k: v[0] for k, v in values.items()} for name, values in results.items()},
            "table": {f"{s}:{t}": cells for (s, t), cells in scored["table"].items()},
        }, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
