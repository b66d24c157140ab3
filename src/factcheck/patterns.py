"""The ruleset registry: built-in pattern, family, title and alias files, plus the user's.

Rules are data. The package ships YAML files under `data/`: one file per claim family under
`data/families/` holds that family's patterns, the vocabulary it owns and its example sentences
(tests run them); their vocabularies merge into one `vocabulary` mapping. A user file given with
`--patterns` or `--aliases` (or in `factcheck.toml`) adds entries, and an entry with the id of a
built-in pattern replaces it. Every file is validated here, and an error names the file, the
entry and what is wrong, in one line.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Optional

import typing

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .attributes import AttributesFile, Registry
from .errors import RulesetError
from .models import Kind
from .schemas import AliasesFile, AliasFile, FamilyFile, TitlesFile, VocabularyFile

__all__ = ["AliasFile", "PatternFile", "PatternSpec", "Ruleset", "load_alias_file", "load_families",
           "load_pattern_file", "load_ruleset", "phrase_index"]

SubjectType = Literal["PERSON", "ORG", "GPE", "EVENT"]
CAPTURE_KEY = "capture"
EXTRACTION_MODULES = ("nlp.py", "ingest.py")  # besides the extraction and normalize packages and the data files
EXTRACTION_PACKAGES = ("extraction", "normalize")


class PatternSpec(BaseModel):
    """One pattern: a spaCy Matcher token pattern or a regular expression, and what it states."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)*\.v\d+$")
    kind: Kind
    attribute: str = Field(min_length=1)
    tokens: Optional[list[dict[str, Any]]] = None
    regex: Optional[str] = None
    subject_type: Optional[SubjectType] = None
    subject: Optional[str] = None  # a fixed subject, when the pattern names it
    value: Optional[str] = None  # a fixed value (a stance word), when nothing is captured
    confidence: float = Field(default=0.8, ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _one_matcher(self) -> "PatternSpec":
        if (self.tokens is None) == (self.regex is None):
            raise ValueError("give exactly one of 'tokens' or 'regex'")
        if self.regex is not None:
            try:
                compiled = re.compile(self.regex)
            except re.error as exc:
                raise ValueError(f"regex does not compile: {exc}") from None
            if self.value is None and not any(g.startswith("value") for g in compiled.groupindex):
                raise ValueError("regex needs a named group 'value' (or a fixed 'value')")
        else:
            captures = [element.get(CAPTURE_KEY) for element in self.tokens or []]
            unknown = {c for c in captures if c not in (None, "value", "subject")}
            if unknown:
                raise ValueError(f"capture must be 'value' or 'subject', not {sorted(unknown)}")
            if self.value is None and "value" not in captures:
                raise ValueError("tokens need an element with 'capture: value' (or a fixed 'value')")
        return self

    def matcher_pattern(self) -> list[dict[str, Any]]:
        """The token pattern as spaCy's Matcher takes it (without the capture marks)."""
        return [{k: v for k, v in element.items() if k != CAPTURE_KEY} for element in self.tokens or []]

    def captures(self) -> list[Optional[str]]:
        return [element.get(CAPTURE_KEY) for element in self.tokens or []]


class PatternFile(BaseModel):
    """A user's pattern file: patterns, and vocabulary lists to add to the built-in ones."""

    model_config = ConfigDict(extra="forbid")

    patterns: list[PatternSpec] = []
    vocabulary: VocabularyFile = VocabularyFile()
    attributes: dict[str, Any] = {}  # validated as an AttributesFile once merged with the built-in one


@dataclass
class Ruleset:
    """Everything the extractors and the reconciler read, merged and validated."""

    patterns: list[PatternSpec]
    vocabulary: dict[str, Any]
    titles: dict[str, Any]
    attributes: dict[str, Any]
    aliases: list[list[str]]
    descriptors: dict[str, list[str]]
    pronouns: dict[str, list[str]]
    entity_types: dict[str, list[str]]
    sources: list[str] = field(default_factory=list)
    _registry: Optional[Registry] = field(default=None, repr=False, compare=False)

    @property
    def registry(self) -> Registry:
        """The attribute registry of these rules (built once per ruleset)."""
        if self._registry is None:
            self._registry = Registry(AttributesFile.model_validate(self.attributes))
        return self._registry

    @property
    def fingerprint(self) -> str:
        """A digest of every rule: claims stored under another ruleset are extracted again."""
        payload = json.dumps(
            [_code_digest(), [p.model_dump() for p in self.patterns], self.vocabulary, self.titles,
             self.attributes, self.aliases, self.descriptors],
            sort_keys=True, default=str,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """The extraction code's own digest: a new version of the rules in code re-extracts too.

    It reads every module of the `extraction` and `normalize` packages, the modules they rely on
    and every data file, by sorted path, so a module added to a package counts without being
    listed here.
    """
    package = resources.files("factcheck")
    digest = hashlib.sha256()
    for name in _code_files(package):
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(package.joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


def _code_files(package) -> list[str]:
    """The paths, relative to the package, of the files whose contents decide what is extracted."""
    names = list(EXTRACTION_MODULES)
    names += [f"{folder}/{entry.name}" for folder in EXTRACTION_PACKAGES
              for entry in package.joinpath(folder).iterdir() if entry.name.endswith(".py")]
    folders = ["data"]
    while folders:
        folder = folders.pop()
        for entry in package.joinpath(folder).iterdir():
            path = f"{folder}/{entry.name}"
            if entry.is_dir():
                folders.append(path)
            elif entry.is_file():
                names.append(path)
    return sorted(names)


def builtin_yaml(text: str) -> Any:
    """A built-in data file's YAML, read with libyaml's safe loader when PyYAML has it (ten times
    faster, and every run reads them); a user's file keeps the pure loader and its messages."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _read_yaml(name: str, text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RulesetError(f"{name}: not valid YAML{where}: {problem}") from None


def _builtin(relative: str, model: Optional[type[BaseModel]] = None) -> Any:
    """A built-in data file, checked against its schema when it has one."""
    text = resources.files("factcheck").joinpath(f"data/{relative}").read_text(encoding="utf-8")
    data = builtin_yaml(text)
    if model is not None:
        name = f"data/{relative}"
        try:
            model.model_validate(data)
        except ValidationError as exc:
            raise RulesetError(_validation_message(name, exc, model=model)) from None
    return data


FAMILIES_FOLDER = "families"


@lru_cache(maxsize=1)
def load_families() -> dict[str, FamilyFile]:
    """The claim families' files (data/families/*.yml) by family name, each checked against its schema.

    A vocabulary key no family may own is an unknown key; one given by two families is an error
    naming the second file and the key; one given by none is an error naming the keys.
    """
    folder = resources.files("factcheck").joinpath(f"data/{FAMILIES_FOLDER}")
    families: dict[str, FamilyFile] = {}
    owners: dict[str, str] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not (entry.is_file() and entry.name.endswith(".yml")):
            continue
        name = f"data/{FAMILIES_FOLDER}/{entry.name}"
        data = _builtin(f"{FAMILIES_FOLDER}/{entry.name}", FamilyFile) or {}
        family = FamilyFile.model_validate(data)
        try:
            PatternFile.model_validate({"patterns": family.patterns})
        except ValidationError as exc:
            raise RulesetError(_validation_message(name, exc, family.patterns, PatternFile)) from None
        for key in family.vocabulary.model_fields_set:
            if key in owners:
                raise RulesetError(f"{name}: vocabulary -> {key}: already given in {owners[key]}")
            owners[key] = name
        families[entry.name.removesuffix(".yml")] = family
    missing = [key for key in VocabularyFile.model_fields if key not in owners]
    if missing:
        raise RulesetError(f"data/{FAMILIES_FOLDER}: no family gives the vocabulary keys {', '.join(missing)}")
    return families


def _builtin_vocabulary() -> dict[str, Any]:
    """The families' vocabularies merged into one mapping, as the files give them."""
    load_families()  # validated, and every key given once
    vocabulary: dict[str, Any] = {}
    for entry in sorted(resources.files("factcheck").joinpath(f"data/{FAMILIES_FOLDER}").iterdir(),
                        key=lambda e: e.name):
        if entry.is_file() and entry.name.endswith(".yml"):
            vocabulary.update((builtin_yaml(entry.read_text(encoding="utf-8")) or {}).get("vocabulary") or {})
    return vocabulary


def _validation_message(name: str, exc: ValidationError, entries: Any = None,
                        model: Optional[type[BaseModel]] = None) -> str:
    """One line: the file, the entry (a pattern by number and id, or a path of keys) and the fault.

    With the file's `model`, an unknown key says which keys were expected.
    """
    error = exc.errors()[0]
    location = list(error["loc"])
    message = _fault(error, model)
    label = ""
    if len(location) >= 2 and location[0] == "patterns" and isinstance(location[1], int):
        index = location[1]
        entry_id = None
        if isinstance(entries, list) and index < len(entries) and isinstance(entries[index], dict):
            entry_id = entries[index].get("id")
        label = f"pattern {index + 1}" + (f" ({entry_id})" if entry_id else "")
        location = location[2:]
    where = " -> ".join(str(part) for part in location)
    return f"{name}: {label}{': ' if label and where else ''}{where}: {message}" if (label or where) else f"{name}: {message}"


_SHAPES = {"dict_type": "a mapping", "list_type": "a list", "string_type": "a string",
           "model_type": "a mapping", "model_attributes_type": "a mapping"}


def _fault(error: dict[str, Any], model: Optional[type[BaseModel]]) -> str:
    """What is wrong, in the file's terms (a mapping, a list; the keys it may have)."""
    kind = error["type"]
    if kind == "extra_forbidden":
        owner = _model_at(model, error["loc"][:-1]) if model is not None else None
        if owner is not None:
            return f"unknown key (expected one of {', '.join(owner.model_fields)})"
        return "unknown key"
    if kind in _SHAPES:
        return f"expected {_SHAPES[kind]}, not {_shape_of(error.get('input'))}"
    return error["msg"].removeprefix("Value error, ")


def _shape_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the string {value!r}"
    return f"{type(value).__name__} {value!r}"


def _model_at(model: type[BaseModel], location: tuple) -> Optional[type[BaseModel]]:
    """The model a validation error's location points into (through fields, lists and mappings)."""
    current: Any = model
    for part in location:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field_info = current.model_fields.get(str(part))
            if field_info is None:
                return None
            current = field_info.annotation
        elif typing.get_origin(current) in (list, dict):
            current = typing.get_args(current)[-1]
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """An annotation without Annotated[...] and Optional[...]."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union:
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _read_user_file(path: str) -> Any:
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulesetError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if file.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except ValueError as exc:
            raise RulesetError(f"{path}: not valid JSON: {exc}") from None
    return _read_yaml(path, text)


def load_pattern_file(path: str) -> PatternFile:
    """A user's pattern file (a list of patterns, or a mapping with `patterns` and `vocabulary`)."""
    data = _read_user_file(path)
    if isinstance(data, list):
        data = {"patterns": data}
    if not isinstance(data, dict):
        raise RulesetError(f"{path}: expected a list of patterns or a mapping with 'patterns'")
    try:
        parsed = PatternFile.model_validate(data)
    except ValidationError as exc:
        raise RulesetError(_validation_message(path, exc, data.get("patterns"), PatternFile)) from None
    try:
        AttributesFile.model_validate(parsed.attributes)
    except ValidationError as exc:
        raise RulesetError(_validation_message(f"{path}: attributes", exc, model=AttributesFile)) from None
    for number, spec in enumerate(parsed.patterns, start=1):
        if spec.tokens is not None:
            from spacy.schemas import validate_token_pattern  # spaCy's own check, with its messages

            errors = validate_token_pattern(spec.matcher_pattern())
            if errors:
                where, _, what = errors[0].partition("] ")
                where = where.lstrip("[").replace("pattern -> ", "tokens -> ")
                raise RulesetError(f"{path}: pattern {number} ({spec.id}): {where}: {what}")
    return parsed


def load_alias_file(path: str) -> AliasFile:
    """A user's alias file: `aliases: [[canonical, alias, ...], ...]` or `canonical: [alias, ...]`."""
    data = _read_user_file(path)
    if isinstance(data, dict) and "aliases" not in data and "descriptors" not in data:
        data = {"aliases": [[str(k), *[str(v) for v in (vs or [])]] for k, vs in data.items()]}
    if isinstance(data, list):
        data = {"aliases": data}
    if not isinstance(data, dict):
        raise RulesetError(f"{path}: expected a mapping 'aliases:' of name groups")
    if isinstance(data.get("aliases"), dict):
        data["aliases"] = [[str(k), *[str(v) for v in (vs or [])]] for k, vs in data["aliases"].items()]
    try:
        return AliasFile.model_validate(data)
    except ValidationError as exc:
        raise RulesetError(_validation_message(path, exc, model=AliasFile)) from None


def _merge_vocabulary(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Lists are extended and mappings merged key by key, so a user file adds without repeating."""
    merged = dict(base)
    for key, value in extra.items():
        old = merged.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            merged[key] = _merge_vocabulary(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            merged[key] = old + [v for v in value if v not in old]
        else:
            merged[key] = value
    return merged


@lru_cache(maxsize=8)
def load_ruleset(pattern_files: tuple[str, ...] = (), alias_files: tuple[str, ...] = ()) -> Ruleset:
    """The built-in rules overlaid with the user's files, in the order given."""
    patterns: dict[str, PatternSpec] = {}
    for family in load_families().values():
        for entry in family.patterns:
            spec = PatternSpec.model_validate(entry)
            if spec.id in patterns:
                raise RulesetError(f"data/{FAMILIES_FOLDER}: pattern {spec.id} is given twice")
            patterns[spec.id] = spec
    vocabulary = _builtin_vocabulary()
    attributes = _builtin("attributes.yml")
    alias_data = _builtin("aliases.yml", AliasesFile)
    aliases = [list(group) for group in alias_data["aliases"]]
    descriptors = {k: list(v) for k, v in alias_data["descriptors"].items()}
    for path in pattern_files:
        user = load_pattern_file(path)
        for spec in user.patterns:
            patterns[spec.id] = spec
        vocabulary = _merge_vocabulary(vocabulary, user.vocabulary.model_dump(exclude_unset=True))
        attributes = _merge_vocabulary(attributes, user.attributes)
    for path in alias_files:
        user_aliases = load_alias_file(path)
        aliases = [list(group) for group in user_aliases.aliases] + aliases
        descriptors = _merge_vocabulary(descriptors, user_aliases.descriptors)
    try:
        AttributesFile.model_validate(attributes)
    except ValidationError as exc:
        raise RulesetError(_validation_message("data/attributes.yml", exc, model=AttributesFile)) from None
    return Ruleset(
        patterns=list(patterns.values()),
        vocabulary=vocabulary,
        titles=_builtin("titles.yml", TitlesFile),
        attributes=attributes,
        aliases=aliases,
        descriptors=descriptors,
        pronouns=alias_data["pronouns"],
        entity_types=alias_data["entity_types"],
        sources=[*pattern_files, *alias_files],
    )


def phrase_index(mapping: dict[str, list[str]]) -> dict[str, str]:
    """Invert {attribute: [phrase, ...]} to {phrase: attribute}; earlier attributes win."""
    index: dict[str, str] = {}
    for attribute, phrases in mapping.items():
        for phrase in phrases or []:
            index.setdefault(str(phrase).lower(), attribute)
    return index
