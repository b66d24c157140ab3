"""Any text through ingest and extraction: nothing raises, and every claim's offsets hold."""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from factcheck.api import Options, claims_of_documents
from factcheck.ingest import Ingested, read_document

SENTENCES = [
    "The 12-member council met in Besançon on March 3, 2021.",
    "About 20 people were hurt, police said on Tuesday.",
    "Mayor Ana Ruiz, 54, has led the city since 2019 and backs the plan.",
    "The ferry, licensed for 120 passengers, sank at 9:59 p.m. on 2 May.",
    "Turnout fell below 2% in the fourth ballot; $23 billion was pledged.",
]

# Pieces that stress offsets: accents, astral and combining characters, control characters,
# a long token, only digits, a byte-order mark, Windows line ends, front matter fences.
PIECES = st.one_of(
    st.sampled_from(SENTENCES),
    st.text(max_size=80),
    st.text(alphabet=st.characters(codec="utf-8", categories=("Cc", "Zs", "Zl", "Zp", "Mn", "So")), max_size=30),
    st.from_regex(r"[0-9]{1,40}", fullmatch=True),
    st.integers(min_value=200, max_value=30_000).map(lambda n: "x" * n),
    st.sampled_from(["\ufeff", "\r\n", "\n\n", "---\n", "\u200b", "🙂", "e\u0301", "\x00", "\x0c", "—", "“", "”"]),
)
TEXTS = st.one_of(
    st.lists(PIECES, max_size=12).map(" ".join),
    st.lists(PIECES, max_size=12).map("".join),
    st.text(),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(TEXTS)
def test_any_text_gives_claims_whose_offsets_hold(text):
    data = text.encode("utf-8")
    read = Ingested()
    document = read_document("any.md", data, "story", read)
    if document is None:  # an empty or binary-looking text is skipped, with its reason
        assert [s.path for s in read.skipped] == ["any.md"] and read.skipped[0].reason
        return
    assert document.text == text  # offsets count in exactly the decoded file
    for found, claims in claims_of_documents([document], Options()):
        assert found is document
        event("with claims" if claims else "without claims")
        for claim in claims:
            assert 0 <= claim.start <= claim.end <= len(text)
            assert text[claim.start:claim.end] == claim.quote
            assert claim.quote in claim.sentence
            assert 0 <= claim.confidence <= 1


def test_the_property_is_not_vacuous():
    """The sentences the strategy draws from do give claims, so the property checks real ones."""
    text = "\ufeff---\r\n" + " 🙂 ".join(SENTENCES) + "\x0c" + "7" * 40
    document = read_document("any.md", text.encode("utf-8"), "story", Ingested())
    [(_, claims)] = list(claims_of_documents([document], Options()))
    assert len(claims) >= len(SENTENCES)
    assert all(text[c.start:c.end] == c.quote and c.quote in c.sentence for c in claims)
