"""Escaping by context, one place per output: text from an article or a file name is data, and
must never become a link, a formula, a terminal command or markup where it is shown.

- `web_url`: a URL becomes a link only when it is http(s), parsed as a browser parses it.
- `csv_cell`: a cell a spreadsheet would evaluate gets a leading `'` (plain numbers stay).
- `terminal_text` / `one_line`: control characters are replaced by visible stand-ins.
- `markdown_text`: Markdown and HTML syntax in a cell is escaped, so a renderer shows it as text.
"""

from __future__ import annotations

import re
from typing import Any, Optional
from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")
# WHATWG URL parsing strips C0 controls and spaces at both ends and drops tab, LF and CR anywhere,
# so `java\tscript:` and ` JAVASCRIPT:` are the javascript: scheme to a browser.
_URL_EDGES = "".join(chr(c) for c in range(0x21))
_URL_DROPPED = re.compile(r"[\t\n\r]")
_URL_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f\s]")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list of what a spreadsheet evaluates
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides that
# reorder what a reader sees (Trojan Source).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|])")
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def web_url(url: Optional[str]) -> Optional[str]:
    """The URL as a browser would read it when it is an http(s) link with a host, else None."""
    if not url:
        return None
    cleaned = _URL_DROPPED.sub("", url.strip(_URL_EDGES))
    if _URL_FORBIDDEN.search(cleaned):
        return None
    try:
        parts = urlsplit(cleaned)
    except ValueError:  # an unbalanced [ in the host
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return None
    return cleaned


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet would evaluate (starting with = + - @, tab or CR) prefixed with `'`;
    numbers, and text that is a plain number ("-1", "+2.5%"), are left as they are."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS) or _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def _visible(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def terminal_text(text: Any) -> str:
    """Text safe to print on a terminal: escape sequences, OSC titles, carriage returns and
    bidi overrides are shown as visible characters instead of acting; tab and newline stay."""
    return _CONTROLS.sub(_visible, "" if text is None else str(text))


def one_line(text: Any) -> str:
    """A message for stderr: one line (whitespace runs become one space), controls made visible."""
    return terminal_text(" ".join(str(text).split()))


def markdown_text(text: Any) -> str:
    """A Markdown table cell or paragraph: Markdown syntax escaped with a backslash and `< > &`
    as HTML entities (Markdown passes raw HTML through), on one line."""
    plain = "" if text is None else str(text)
    plain = _MARKDOWN_SPECIAL.sub(r"\\\1", plain)
    plain = "".join(_HTML_SPECIAL.get(ch, ch) for ch in plain)
    return terminal_text(" ".join(plain.splitlines()))
