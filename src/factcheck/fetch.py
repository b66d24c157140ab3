"""Web pages named by URL: fetched with trafilatura, then read as any HTML file is.

A URL is the document's key and path, so re-running over it reuses its claims while the page
is unchanged. A page that cannot be fetched is the caller's to skip with a warning: one dead
link must not lose the other pages.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from .errors import UsageError

URL = re.compile(r"^https?://[^\s/]+", re.I)
OS_ERROR = re.compile(r"\[Errno -?\d+\] ([^'\")]+)")
PRIVATE_OPTION = "--fetch-private"
DEFAULT_STORY = "web"  # the story of a page whose metadata names none (there is no folder)


class FetchError(Exception):
    """A page could not be fetched; the message says why in a few words."""


def is_url(text: str) -> bool:
    return bool(URL.match(text))


def fetch(url: str, allow_private: bool = False) -> bytes:
    """The page's bytes, or FetchError with the server's status or the network's reason.

    Loopback and private addresses are refused (trafilatura's SSRF protection: a list of URLs
    from elsewhere must not reach into the user's network) unless `allow_private`."""
    from trafilatura.downloads import fetch_response
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "SSRF_PROTECTION", "off" if allow_private else "on")
    reason = _LastError()
    logger = logging.getLogger("trafilatura.downloads")
    logger.addHandler(reason)
    try:
        response = fetch_response(url, config=config)
    finally:
        logger.removeHandler(reason)
    if response is None:
        raise FetchError(reason.why() or "no answer")
    if response.status != 200:
        raise FetchError(f"HTTP {response.status}")
    if not response.data:
        raise FetchError("an empty answer")
    return bytes(response.data)


class _LastError(logging.Handler):
    """Keeps the reason trafilatura logs for a failed download (it returns None without one)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.message = ""

    def emit(self, record: logging.LogRecord) -> None:
        self.message = record.getMessage()

    def why(self) -> str:
        if "SSRF protection" in self.message:
            return f"a loopback or private address; {PRIVATE_OPTION} allows it"
        found = OS_ERROR.search(self.message)
        return found.group(1).strip() if found else ""


def read_url_list(path: str) -> list[str]:
    """The URLs of a file, one a line; blank lines and `#` comments are passed over. A line that
    is not a URL is a usage error naming the file and line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read --urls {path}: {getattr(exc, 'strerror', None) or exc}") from None
    urls = []
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line):
            raise UsageError(f"{path}: line {number} is not an http(s) URL: {line[:80]!r}")
        urls.append(line)
    return urls
