"""A regex opened with a lookahead for the characters its matches can start with.

Python's `re` tries a regex that opens with an alternation ('\\b(?:drew|drawn|...)', a list of
currencies) alternative by alternative at every position of the text. Opened with
'(?=[dlm...])', it passes over at once every position where no match can start: the matches are
the same, found in about half the time. The characters are read from the regex's parse; a regex
with anything this does not follow (a backreference, '.', a negated class, a flag set inside it,
a match that can be empty) is left as it is.
"""

from __future__ import annotations

import re

try:
    from re import _constants as C, _parser as sre_parse  # Python 3.11 on
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_WORD: r"\w",
              C.CATEGORY_NOT_WORD: r"\W", C.CATEGORY_SPACE: r"\s", C.CATEGORY_NOT_SPACE: r"\S"}
ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}  # '\b', '^', lookarounds: the match starts after them
REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)}
GLOBAL_FLAGS = re.compile(r"\A(?:\(\?[aiLmsux]+\))*")  # '(?i)' must stay first


class _Unknown(Exception):
    """A part of a regex whose first characters are not worked out."""


def opened(pattern: str, flags: int = 0) -> str:
    """The pattern with a lookahead for its first characters, or as it is; compiled with the same
    flags it finds the same matches (the class of the lookahead is read under them too)."""
    try:
        parsed = sre_parse.parse(pattern, flags)
        if parsed.state.flags & re.VERBOSE:
            return pattern  # a comment at its end would swallow the closing parenthesis
        first, empty = _first(parsed)
    except (_Unknown, re.error):
        return pattern
    if empty or not first:
        return pattern
    prefix = GLOBAL_FLAGS.match(pattern).group(0)
    return f"{prefix}(?=[{''.join(dict.fromkeys(first))}])(?:{pattern[len(prefix):]})"


def _first(items) -> tuple[list[str], bool]:
    """The class items a match of a sequence can start with, and whether it can match nothing."""
    first: list[str] = []
    for op, value in items:
        if op in ZERO_WIDTH:
            continue
        if op == C.LITERAL:
            return first + [re.escape(chr(value))], False
        if op == C.IN:
            return first + [_class_item(op, v) for op, v in value], False
        if op == C.SUBPATTERN:
            _group, add_flags, del_flags, content = value
            if add_flags or del_flags:
                raise _Unknown("flags set inside the regex")
            found, empty = _first(content)
        elif op == C.BRANCH:
            alternatives = [_first(alternative) for alternative in value[1]]
            found = [item for found, _ in alternatives for item in found]
            empty = any(empty for _, empty in alternatives)
        elif op in REPEATS:
            least, _most, content = value
            found, empty = _first(content)
            empty = empty or least == 0
        elif op == getattr(C, "ATOMIC_GROUP", None):
            found, empty = _first(value)
        else:
            raise _Unknown(op)
        first += found
        if not empty:
            return first, False
    return first, True


def _class_item(op, value) -> str:
    if op == C.LITERAL:
        return re.escape(chr(value))
    if op == C.RANGE:
        return f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}"
    if op == C.CATEGORY and value in CATEGORIES:
        return CATEGORIES[value]
    raise _Unknown(op)  # a negated class, among others
