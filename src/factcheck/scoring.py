"""The project's own scorer: how the groups of a story compare with a hand-made answer key.

A gold file (the format of fixtures/gold/seeds.gold.json) lists facts, each with the mentions
that state it (document, exact quote, normalized value) and the verdicts a careful reader
accepts. A gold mention is *found* when a claim of the same document overlaps the quote's
characters, and found *right* when that claim's value also matches. The figures follow the
reference scorer (shared/score.py) key by key; `misses` says, for a developer, which mention
was not found, which value was wrong, which fact was split over groups, which groups merged
facts, and which verdict was wrong, so that a score can be read as a list of causes.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Optional, Sequence

from pydantic import BaseModel

from .errors import UsageError
from .models import Claim, Group

GOLD_VERDICTS = {
    "compatible": "compatible_granularity",
    "temporal": "temporal_change",
    "single": "single_source",
    "agree": "agree",
    "conflict": "conflict",
}
DISCREPANT = {"conflict", "temporal_change"}
GOLD_SUFFIX = ".gold.json"


class GoldMention(BaseModel):
    doc: str
    quote: str
    value: str
    as_of: Optional[str] = None


class GoldFact(BaseModel):
    id: str
    subject: Optional[str] = None
    attribute: Optional[str] = None
    kind: Optional[str] = None
    mentions: list[GoldMention]
    verdict: str
    accept: Optional[list[str]] = None
    note: Optional[str] = None

    @property
    def accepted(self) -> set[str]:
        return set(self.accept or [self.verdict])


class Gold(BaseModel):
    """An answer key: the facts of one story and the mentions that state them."""

    cluster: Optional[str] = None
    documents: dict[str, dict] = {}
    documents_note: Optional[str] = None
    facts: list[GoldFact]


class Scores(BaseModel):
    """The figures of one story, or of a corpus (see `combine`)."""

    mentions: int
    mention_recall_span: float
    mention_recall_value: float
    grouping_pair_recall: Optional[float]
    false_merges: int
    verdict_accuracy: Optional[float]
    verdicts_judged: int
    discrepancy_precision: float
    discrepancy_recall: float
    discrepancy_f1: float
    discrepancy_false_alarms: int
    discrepancies_reported: int
    discrepancies_right: int
    discrepancies_gold: int
    discrepancies_found: int
    multi_source_facts: int
    claims_scored: int
    offsets_exact: str


MissKind = Literal["not_found", "wrong_value", "split", "merged", "wrong_verdict", "false_alarm"]


class Miss(BaseModel):
    """One reason a figure is below 1, said so that a developer can find it in the text."""

    kind: MissKind
    fact: Optional[str]
    detail: str


class StoryEvaluation(BaseModel):
    story: str
    scores: Scores
    misses: list[Miss] = []


class CorpusEvaluation(BaseModel):
    """Every story's figures and the combined ones: recalls and F1 are means over stories,
    discrepancy precision and recall pooled, false merges a total."""

    stories: list[StoryEvaluation]
    combined: Scores


def fold(text: object) -> str:
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s_]+", " ", text).strip().casefold()


def gold_verdict(verdict: str) -> str:
    """A tool verdict in the gold's spelling (compatible -> compatible_granularity, ...)."""
    v = fold(verdict).replace(" ", "_")
    return GOLD_VERDICTS.get(v, v)


def value_matches(got: Optional[str], want: str) -> bool:
    """Whether a claim's value is the gold value: equal text, equal numbers, a yearless date of
    the same day, a range whose ends match, or a name whose words are all in the other."""
    if got is None:
        return False
    g, w = fold(got), fold(want)
    if g == w:
        return True
    try:
        return float(g.rstrip("%")) == float(w.rstrip("%")) and g.endswith("%") == w.endswith("%")
    except ValueError:
        pass
    if re.fullmatch(r"--\d\d(?:-\d\d)?", g) and re.fullmatch(r"\d{4}-" + re.escape(g[2:]), w):
        return True
    if "/" in w:
        got_ends, want_ends = g.replace("..", "/").split("/"), w.split("/")
        if len(got_ends) == 2 and len(want_ends) == 2 and all(map(value_matches, got_ends, want_ends)):
            return True
    got_words, want_words = set(g.split()), set(w.split())
    if got_words and want_words and not any(ch.isdigit() for ch in g + w):
        small, big = sorted((got_words, want_words), key=len)
        return small <= big
    return False


@dataclass(frozen=True)
class _Placed:
    """A scored claim: the group it is in, and where it lies in its document."""

    group: int
    claim: Claim
    doc: str


def _label(group: Group) -> str:
    return f"{group.subject} · {group.attribute} ({group.verdict})"


def score(gold: Gold, texts: dict[str, str], groups: Sequence[Group]) -> StoryEvaluation:
    """Score groups against a gold key; `texts` maps a document's file name to its text."""
    misses: list[Miss] = []
    placed: list[_Placed] = []
    exact = total = 0
    for index, group in enumerate(groups):
        for claim in group.claims:
            doc = Path(claim.source.path).name
            if doc not in texts:
                continue
            total += 1
            exact += texts[doc][claim.start : claim.end] == claim.quote
            placed.append(_Placed(index, claim, doc))

    found = right = mentions = 0
    fact_groups: list[tuple[GoldFact, list[Optional[int]]]] = []
    mention_group: dict[tuple[str, str, str], int] = {}
    for fact in gold.facts:
        hit_groups: list[Optional[int]] = []
        for m in fact.mentions:
            mentions += 1
            text = texts.get(m.doc)
            if text is None:
                raise UsageError(f"gold fact {fact.id}: document {m.doc} is not among the articles scored")
            if m.quote not in text:
                raise UsageError(f"gold fact {fact.id}: quote {m.quote!r} is not in {m.doc}")
            qs = text.index(m.quote)
            qe = qs + len(m.quote)
            hits = [p for p in placed if p.doc == m.doc and p.claim.start < qe and p.claim.end > qs]
            if not hits:
                hit_groups.append(None)
                misses.append(Miss(kind="not_found", fact=fact.id, detail=f"{m.doc}: no claim in {m.quote!r} (want {m.value})"))
                continue
            found += 1
            good = [p for p in hits if value_matches(p.claim.value, m.value)]
            right += bool(good)
            if not good:
                got = ", ".join(f"{p.claim.value} ({p.claim.attribute}, {p.claim.rule})" for p in hits)
                misses.append(Miss(kind="wrong_value", fact=fact.id, detail=f"{m.doc}: {m.quote!r} gives {got}; want {m.value}"))
            best = (good or hits)[0]
            hit_groups.append(best.group)
            mention_group[(fact.id, m.doc, m.quote)] = best.group
        fact_groups.append((fact, hit_groups))

    same = same_ok = 0
    for fact, hit_groups in fact_groups:
        hit = [g for g in hit_groups if g is not None]
        for i in range(len(hit)):
            for j in range(i + 1, len(hit)):
                same += 1
                same_ok += hit[i] == hit[j]
        if len(set(hit)) > 1:
            where = "; ".join(f"{_label(groups[g])} x{hit.count(g)}" for g in dict.fromkeys(hit))
            misses.append(Miss(kind="split", fact=fact.id, detail=f"found in {len(set(hit))} groups: {where}"))
    facts_of_group: dict[int, set[str]] = {}
    for (fact_id, _doc, _quote), g in mention_group.items():
        facts_of_group.setdefault(g, set()).add(fact_id)
    false_merges = sum(len(v) - 1 for v in facts_of_group.values() if len(v) > 1)
    for g, fact_ids in sorted(facts_of_group.items()):
        if len(fact_ids) > 1:
            misses.append(Miss(kind="merged", fact=None, detail=f"{_label(groups[g])} holds {', '.join(sorted(fact_ids))}"))

    judged = verdict_ok = 0
    real_discrepancies = [f for f, _ in fact_groups if f.verdict in DISCREPANT and len(f.mentions) > 1]
    detected: set[str] = set()
    right_groups: set[int] = set()
    for fact, hit_groups in fact_groups:
        hit = [g for g in hit_groups if g is not None]
        if len(fact.mentions) < 2 or len(hit) < 2:
            continue
        main = max(set(hit), key=hit.count)
        if hit.count(main) < 2:
            continue
        verdict = gold_verdict(groups[main].verdict)
        judged += 1
        if verdict in fact.accepted:
            verdict_ok += 1
        else:
            misses.append(Miss(kind="wrong_verdict", fact=fact.id, detail=(
                f"{_label(groups[main])}: want {' or '.join(sorted(fact.accepted))}; {groups[main].explanation}")))
        if fact.verdict in DISCREPANT and verdict in DISCREPANT and len(facts_of_group.get(main, ())) == 1:
            detected.add(fact.id)
            right_groups.add(main)
    reported = [
        i for i, g in enumerate(groups)
        if gold_verdict(g.verdict) in DISCREPANT and any(Path(c.source.path).name in texts for c in g.claims)
    ]
    for i in reported:
        if i not in right_groups:
            misses.append(Miss(kind="false_alarm", fact=None, detail=f"{_label(groups[i])}: {groups[i].explanation}"))
    precision = len(right_groups) / len(reported) if reported else 0.0
    recall = len(detected) / len(real_discrepancies) if real_discrepancies else 0.0
    scores = Scores(
        mentions=mentions,
        mention_recall_span=round(found / mentions, 3) if mentions else 0.0,
        mention_recall_value=round(right / mentions, 3) if mentions else 0.0,
        grouping_pair_recall=round(same_ok / same, 3) if same else None,
        false_merges=false_merges,
        verdict_accuracy=round(verdict_ok / judged, 3) if judged else None,
        verdicts_judged=judged,
        discrepancy_precision=round(precision, 3),
        discrepancy_recall=round(recall, 3),
        discrepancy_f1=round(_f1(precision, recall), 3),
        discrepancy_false_alarms=len([i for i in reported if i not in right_groups]),
        discrepancies_reported=len(reported),
        discrepancies_right=len(right_groups),
        discrepancies_gold=len(real_discrepancies),
        discrepancies_found=len(detected),
        multi_source_facts=sum(len(f.mentions) > 1 for f, _ in fact_groups),
        claims_scored=len(placed),
        offsets_exact=f"{exact}/{total}",
    )
    return StoryEvaluation(story=gold.cluster or "", scores=scores, misses=misses)


def claim_facts(gold: Gold, texts: dict[str, str], claims: Sequence[Claim]) -> dict[str, str]:
    """Which gold fact each claim states: the fact of a mention whose quote it overlaps (the one
    whose value it matches when it overlaps several). The labels the merge model learns from."""
    found: dict[str, tuple[bool, str]] = {}
    for fact in gold.facts:
        for m in fact.mentions:
            text = texts.get(m.doc)
            if text is None or m.quote not in text:
                continue
            qs = text.index(m.quote)
            qe = qs + len(m.quote)
            for claim in claims:
                if Path(claim.source.path).name == m.doc and claim.start < qe and claim.end > qs:
                    right = value_matches(claim.value, m.value)
                    if claim.id not in found or (right and not found[claim.id][0]):
                        found[claim.id] = (right, fact.id)
    return {claim_id: fact_id for claim_id, (_right, fact_id) in found.items()}


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _mean(values: list[Optional[float]]) -> Optional[float]:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 3) if known else None


def combine(stories: Sequence[StoryEvaluation]) -> Scores:
    """A corpus's figures: recalls and F1 are means over stories; discrepancy precision and
    recall are pooled (right / reported, found / real); counts are totals."""
    s = [e.scores for e in stories]
    reported = sum(x.discrepancies_reported for x in s)
    real = sum(x.discrepancies_gold for x in s)
    precision = sum(x.discrepancies_right for x in s) / reported if reported else 0.0
    recall = sum(x.discrepancies_found for x in s) / real if real else 0.0
    judged = sum(x.verdicts_judged for x in s)
    right_verdicts = sum(round((x.verdict_accuracy or 0) * x.verdicts_judged) for x in s)
    exact = sum(int(x.offsets_exact.split("/")[0]) for x in s)
    total = sum(int(x.offsets_exact.split("/")[1]) for x in s)
    return Scores(
        mentions=sum(x.mentions for x in s),
        mention_recall_span=_mean([x.mention_recall_span for x in s]) or 0.0,
        mention_recall_value=_mean([x.mention_recall_value for x in s]) or 0.0,
        grouping_pair_recall=_mean([x.grouping_pair_recall for x in s]),
        false_merges=sum(x.false_merges for x in s),
        verdict_accuracy=round(right_verdicts / judged, 3) if judged else None,
        verdicts_judged=judged,
        discrepancy_precision=round(precision, 3),
        discrepancy_recall=round(recall, 3),
        discrepancy_f1=_mean([x.discrepancy_f1 for x in s]) or 0.0,
        discrepancy_false_alarms=sum(x.discrepancy_false_alarms for x in s),
        discrepancies_reported=reported,
        discrepancies_right=sum(x.discrepancies_right for x in s),
        discrepancies_gold=real,
        discrepancies_found=sum(x.discrepancies_found for x in s),
        multi_source_facts=sum(x.multi_source_facts for x in s),
        claims_scored=sum(x.claims_scored for x in s),
        offsets_exact=f"{exact}/{total}",
    )


def load_gold(path: str | Path) -> Gold:
    try:
        return Gold.model_validate_json(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read gold file {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        first = str(exc).splitlines()
        raise UsageError(f"{path} is not a gold file: {' '.join(first[:3])}") from None


def evaluate(gold_path: str | Path, paths: Sequence[str] = (), db: Optional[str] = None,
             story: Optional[str] = None, options=None) -> StoryEvaluation:
    """Extract and reconcile `paths` (into a temporary store unless `db` is given), or reconcile
    the story `story` of the store `db`, and score the groups against the gold file."""
    from .api import Options

    gold = load_gold(gold_path)
    options = options or Options()
    if not paths and db is None:
        raise UsageError("give the articles to score, or --db with --story")
    with tempfile.TemporaryDirectory(prefix="factcheck-evaluate-") as scratch:
        store = db or str(Path(scratch) / "claims.db")
        if paths:
            _extract(paths, store, options)
        if not paths and story is None:
            story = gold.cluster  # a store and no articles: the story the gold file is about
        return _score_story(gold, store, story, paths, options)


def evaluate_corpus(folder: str | Path, options=None) -> CorpusEvaluation:
    """Score every `<story>/` of a folder that has `<story>.gold.json` beside it."""
    from .api import Options

    options = options or Options()
    root = Path(folder)
    stories = sorted(p.name[: -len(GOLD_SUFFIX)] for p in root.glob(f"*{GOLD_SUFFIX}") if (root / p.name[: -len(GOLD_SUFFIX)]).is_dir())
    if not stories:
        raise UsageError(f"no stories in {folder}: expected <story>/ folders with <story>{GOLD_SUFFIX} beside them")
    with tempfile.TemporaryDirectory(prefix="factcheck-evaluate-") as scratch:
        store = str(Path(scratch) / "claims.db")
        _extract([str(root / s) for s in stories], store, options)
        results = [
            _score_story(load_gold(root / f"{s}{GOLD_SUFFIX}"), store, None, [str(root / s)], options).model_copy(update={"story": s})
            for s in stories
        ]
    return CorpusEvaluation(stories=results, combined=combine(results))


def _extract(paths: Sequence[str], store: str, options) -> None:
    from .api import extract

    extract(list(paths), db=store, options=options)


def _story_name(paths: Sequence[str]) -> str:
    return Path(paths[0]).name if paths else ""


def _score_story(gold: Gold, store: str, story: Optional[str], paths: Sequence[str], options) -> StoryEvaluation:
    """Reconcile one story (or the documents of `paths`) from the store and score it."""
    from .reconcile import reconcile
    from .store import Store

    with Store(store, readonly=True) as opened:
        documents = opened.documents()
        claims = opened.claims(story=story)
    if story is None:
        documents = list(_documents_under(documents, paths))
        wanted = {d.path for d in documents}
        claims = [c for c in claims if c.source.path in wanted]
    else:
        documents = [d for d in documents if d.source.story == story]
    texts = {Path(d.path).name: d.text for d in documents}
    result = score(gold, texts, reconcile(claims, options.ruleset()))
    return result.model_copy(update={"story": story or gold.cluster or _story_name(paths)})


def _documents_under(documents, paths: Sequence[str]):
    roots = [Path(p).resolve() for p in paths]
    for d in documents:
        resolved = Path(d.path).resolve()
        if any(resolved == r or r in resolved.parents for r in roots):
            yield d


def flat(result: StoryEvaluation) -> dict:
    """One story's figures with its keys at the top level, as the reference scorer prints them;
    its misses under `misses` when they were kept."""
    data = {"story": result.story, **result.scores.model_dump()}
    if result.misses:
        data["misses"] = [m.model_dump() for m in result.misses]
    return data


def without_misses(result: StoryEvaluation | CorpusEvaluation) -> StoryEvaluation | CorpusEvaluation:
    if isinstance(result, StoryEvaluation):
        return result.model_copy(update={"misses": []})
    return result.model_copy(update={"stories": [without_misses(s) for s in result.stories]})
