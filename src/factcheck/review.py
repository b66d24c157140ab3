"""A fact-checker's look into the store: one group or claim in full (`show`), why two claims are
or are not one group (`explain`), hand corrections that later runs keep (`correct`), and what
the store holds (`stories`, `documents`).

Corrections live in the store's `corrections` table and are applied wherever groups are made
(`reconcile_reviewed`), so `conflicts`, `show`, `explain` and `stories` all see them: two
subjects made one (an alias for that story), a claim split off to stand alone, a group marked
checked or a false alarm (shown beside its verdict in every format).
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from typing import Optional, Sequence
from urllib.parse import quote

from .errors import UsageError
from .models import (
    Claim, ClaimInPlace, Correction, CorrectionsResult, Document, DocumentSummary, DocumentsResult, ExplainResult,
    ExplainStep, Group, Review, ShowResult, StoriesResult, StorySummary, stable_id,
)
from .patterns import Ruleset
from .store import Store, default_path

MIN_ID_PREFIX = 6  # an id may be given by its first characters, as git takes a commit's


def reconcile_reviewed(claims: list[Claim], rules: Ruleset, corrections: Sequence[Correction] = ()) -> list[Group]:
    """The groups of `claims`, as the reconciler makes them with the hand corrections applied."""
    from .reconcile import VERDICT_ORDER, Reconciler, by_story

    if not corrections:
        return Reconciler(rules).groups(claims)
    groups: list[Group] = []
    for story, story_claims in by_story(claims).items():
        mine = [c for c in corrections if c.story in (None, story)]
        reconciler = Reconciler(_with_merges(rules, mine))
        split = {c.target: c for c in mine if c.action == "split"}
        groups.extend(reconciler.groups([c for c in story_claims if c.id not in split]))
        for claim in story_claims:
            if claim.id in split:
                [alone] = reconciler.groups([claim])
                groups.append(alone.model_copy(update={
                    "id": stable_id("split", story, claim.id),
                    "review": Review(status="split", note=split[claim.id].note, correction=split[claim.id].id or 0)}))
    marks = {c.target: c for c in corrections if c.action in ("checked", "false_alarm")}  # the latest mark wins
    groups = [g.model_copy(update={"review": Review(status=marks[g.id].action, note=marks[g.id].note,
                                                    correction=marks[g.id].id or 0)}) if g.id in marks else g
              for g in groups]
    groups.sort(key=lambda g: (VERDICT_ORDER[g.verdict], g.story or "", g.subject.casefold(), g.attribute))
    return groups


def _with_merges(rules: Ruleset, corrections: Sequence[Correction]) -> Ruleset:
    """The rules with each `merge` correction as an alias group ahead of the others."""
    merges = [[c.target, c.other] for c in corrections if c.action == "merge" and c.other]
    return dataclasses.replace(rules, aliases=merges + list(rules.aliases)) if merges else rules


class _Loaded:
    """A store's claims, corrections and groups, read once for one command."""

    def __init__(self, db: Optional[str], rules: Ruleset, story: Optional[str] = None):
        with Store(default_path(db), readonly=True) as store:
            if story is not None and story not in store.stories():
                raise UsageError(f"no story {story!r} in the store; it has: {', '.join(map(str, store.stories())) or 'none'}")
            self.claims = store.claims(story=story)
            self.corrections = store.corrections()
            self.store_path = store.path
        self.rules = rules
        self.groups = reconcile_reviewed(self.claims, rules, self.corrections)

    def claim(self, wanted: str) -> Optional[Claim]:
        return _one(wanted, self.claims, lambda c: c.id, "claim")

    def group(self, wanted: str) -> Optional[Group]:
        return _one(wanted, self.groups, lambda g: g.id, "group")

    def group_of(self, claim: Claim) -> Group:
        return next(g for g in self.groups if any(c.id == claim.id and c.source.path == claim.source.path for c in g.claims))


def _one(wanted: str, items, id_of, what: str):
    """The item whose id is `wanted`, or starts with it (at least MIN_ID_PREFIX characters)."""
    exact = [item for item in items if id_of(item) == wanted]
    if exact:
        return exact[0]
    if len(wanted) < MIN_ID_PREFIX:
        return None
    found = {id_of(item): item for item in items if id_of(item).startswith(wanted)}
    if len(found) > 1:
        raise UsageError(f"{wanted!r} is the start of {len(found)} {what} ids; give more of it")
    return next(iter(found.values()), None)


def _missing(wanted: str) -> UsageError:
    short = f"; a shortened id needs at least {MIN_ID_PREFIX} characters" if len(wanted) < MIN_ID_PREFIX else ""
    return UsageError(f"no group or claim {wanted!r} in the store (ids are in `conflicts --all --format json`){short}")


# ------------------------------------------------------------------------------------ show


def show(item_id: str, db: Optional[str] = None, rules: Optional[Ruleset] = None, story: Optional[str] = None) -> ShowResult:
    """One group in full (a group id), or the group of one claim with that claim marked (a claim id)."""
    loaded = _Loaded(db, rules or _builtin_rules(), story)
    group = loaded.group(item_id)
    claim = None if group is not None else loaded.claim(item_id)
    if group is None and claim is None:
        raise _missing(item_id)
    if claim is not None:
        group = loaded.group_of(claim)
    with Store(loaded.store_path, readonly=True) as store:
        documents = store.documents(shown_as=sorted({c.source.path for c in group.claims}))
    return ShowResult(group=group, claim_id=claim.id if claim else None,
                      claims=[in_place(c, _document_of(c, documents)) for c in group.claims])


def _document_of(claim: Claim, documents: list[Document]) -> Document:
    """The document a claim was read from: shown under its path, holding its quote where its
    offsets say and its sentence (`x.txt` typed in two folders, or two piped articles, `-`, are
    two documents shown under one path)."""
    return next(d for d in documents if d.path == claim.source.path and d.text[claim.start:claim.end] == claim.quote
                and claim.sentence in d.text)


def in_place(claim: Claim, document: Document) -> ClaimInPlace:
    """A claim with the paragraph (line) it stands in, its line and column, and a link to its words."""
    text = document.text
    line_start = text.rfind("\n", 0, claim.start) + 1
    start = max(line_start, document.body_start) if claim.start >= document.body_start else line_start
    end = text.find("\n", claim.end)
    end = len(text) if end < 0 else end
    return ClaimInPlace(claim=claim, paragraph=text[start:end].strip(), paragraph_start=start,
                        line=text.count("\n", 0, claim.start) + 1, column=claim.start - line_start + 1,
                        link=quote_link(claim.source.url, claim.quote))


def quote_link(url: Optional[str], words: str) -> Optional[str]:
    """The page's address with a text fragment (`#:~:text=`) that browsers scroll to and mark."""
    from .escaping import web_url

    page = web_url(url)
    if page is None:
        return None
    return f"{page.split('#')[0]}#:~:text={quote(words, safe='').replace('-', '%2D')}"


# --------------------------------------------------------------------------------- explain


def explain(first_id: str, second_id: str, db: Optional[str] = None, rules: Optional[Ruleset] = None) -> ExplainResult:
    """Why two claims are, or are not, in one group: the reconciler's decisions, step by step."""
    from .reconcile import Reconciler
    from .reconcile.trace import trace

    loaded = _Loaded(db, rules or _builtin_rules())
    a, b = (loaded.claim(i) for i in (first_id, second_id))
    for wanted, found in ((first_id, a), (second_id, b)):
        if found is None:
            raise UsageError(f"no claim {wanted!r} in the store (claim ids are in `extract --format json` and `show`)")
    assert a is not None and b is not None
    story_step = ExplainStep(step="story", first=str(a.source.story), second=str(b.source.story),
                             same=a.source.story == b.source.story,
                             detail="one story" if a.source.story == b.source.story else "claims of different stories are never grouped")
    if not story_step.same:
        return ExplainResult(first=a, second=b, together=False, steps=[story_step],
                             conclusion="Not in one group: they belong to different stories.")
    story = a.source.story
    mine = [c for c in loaded.corrections if c.story in (None, story)]
    split = {c.target: c for c in mine if c.action == "split"}
    group_a, group_b = loaded.group_of(a), loaded.group_of(b)
    steps = [story_step]
    if a.id in split or b.id in split:
        for claim in (a, b):
            if claim.id in split:
                steps.append(ExplainStep(step="hand correction", first=claim.id, second="", same=False,
                                         detail=f"correction {split[claim.id].id} split this claim off to stand alone"))
    else:
        story_claims = [c for c in loaded.claims if c.source.story == story and c.id not in split]
        reconciler = Reconciler(_with_merges(loaded.rules, mine))
        steps += [ExplainStep(**dataclasses.asdict(d)) for d in trace(reconciler, story_claims, a, b, loaded.groups)]
        merged = [c for c in mine if c.action == "merge"]
        if merged:
            steps.insert(1, ExplainStep(step="hand correction", first="", second="", same=None, detail="; ".join(
                f"correction {c.id} makes '{c.target}' and '{c.other}' one subject" for c in merged)))
    together = group_a.id == group_b.id
    if together:
        conclusion = f"In one group, {group_a.id} ({group_a.verdict}): {group_a.explanation}"
    else:
        parted = next((s.step for s in steps if s.same is False), "group")
        conclusion = (f"Not in one group ({group_a.id}, {group_a.verdict}; {group_b.id}, {group_b.verdict}):"
                      f" they part at the step '{parted}'.")
    return ExplainResult(first=a, second=b, together=together, conclusion=conclusion, steps=steps)


# ------------------------------------------------------------------------------ corrections


def correct(action: str, target: str, other: Optional[str] = None, note: Optional[str] = None,
            story: Optional[str] = None, db: Optional[str] = None, rules: Optional[Ruleset] = None) -> Correction:
    """Store a hand correction after checking that what it names is in the store."""
    loaded = _Loaded(db, rules or _builtin_rules(), story)
    if action == "merge":
        subjects = {c.subject.casefold(): c.subject for c in loaded.claims} | {g.subject.casefold(): g.subject for g in loaded.groups}
        for name in (target, other or ""):
            if name.casefold() not in subjects:
                raise UsageError(f"no claim or group has the subject {name!r}" + (f" in story {story!r}" if story else ""))
        correction = Correction(action="merge", story=story, target=subjects[target.casefold()],
                                other=subjects[(other or "").casefold()], note=note)
    elif action == "split":
        claim = loaded.claim(target)
        if claim is None:
            raise UsageError(f"no claim {target!r} in the store")
        correction = Correction(action="split", story=claim.source.story, target=claim.id, note=note)
    elif action in ("checked", "false_alarm"):
        group = loaded.group(target)
        if group is None:
            raise UsageError(f"no group {target!r} in the store (group ids are in `conflicts --all --format json`)")
        correction = Correction(action=action, story=group.story, target=group.id, note=note)  # type: ignore[arg-type]
    else:
        raise UsageError(f"unknown correction {action!r}")
    with Store(loaded.store_path) as store:
        return store.add_correction(correction)


def corrections(db: Optional[str] = None) -> CorrectionsResult:
    with Store(default_path(db), readonly=True) as store:
        return CorrectionsResult(corrections=store.corrections())


def remove_correction(number: int, db: Optional[str] = None) -> CorrectionsResult:
    """Take a correction back; what is left is returned."""
    path = default_path(db)
    with Store(path, readonly=True):
        pass  # refuse a missing store before a writer would create one
    with Store(path) as store:
        if not store.remove_correction(number):
            raise UsageError(f"no correction {number} in the store (see `factcheck correct list`)")
        return CorrectionsResult(corrections=store.corrections())


# ------------------------------------------------------------------------- store contents


def stories(db: Optional[str] = None, rules: Optional[Ruleset] = None) -> StoriesResult:
    """Each story with its documents, claims and groups by verdict (corrections applied)."""
    loaded = _Loaded(db, rules or _builtin_rules())
    with Store(loaded.store_path, readonly=True) as store:
        counted = store.document_counts()
    documents: Counter = Counter(d.source.story for d, _n in counted)
    claims: Counter = Counter()
    for document, n in counted:
        claims[document.source.story] += n
    verdicts: dict[Optional[str], Counter] = defaultdict(Counter)
    for group in loaded.groups:
        verdicts[group.story][group.verdict] += 1
    from .models import VERDICTS

    return StoriesResult(stories=[
        StorySummary(story=s, documents=documents[s], claims=claims[s], verdicts={v: verdicts[s][v] for v in VERDICTS})
        for s in sorted(documents, key=lambda s: s or "")])


def documents(db: Optional[str] = None, story: Optional[str] = None) -> DocumentsResult:
    """Every stored document (of one story when given) with its metadata and number of claims."""
    with Store(default_path(db), readonly=True) as store:
        if story is not None and story not in store.stories():
            raise UsageError(f"no story {story!r} in the store; it has: {', '.join(map(str, store.stories())) or 'none'}")
        counted = store.document_counts()
    return DocumentsResult(documents=[
        DocumentSummary(path=d.source.path, story=d.source.story, outlet=d.source.outlet, published=d.source.published,
                        url=d.source.url, title=d.source.title, claims=n)
        for d, n in counted if story is None or d.source.story == story])


def several_stories(db: Optional[str] = None, extracted=None) -> bool:
    """Whether an output holds groups of several stories, and must name each's: those of the
    documents just extracted, else the store's."""
    if extracted is not None:
        return len({d.source.story for d in extracted.documents}) > 1
    with Store(default_path(db), readonly=True) as store:
        return len(store.stories()) > 1


def _builtin_rules() -> Ruleset:
    from .patterns import load_ruleset

    return load_ruleset()
