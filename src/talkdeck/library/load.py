"""YAML files -> typed model, collecting every problem with its file, line and column.

A library is a folder laid out as::

    talks/<id>.yaml      one talk per file
    talks/common/facts.yaml     sources and facts
    talks/common/tips.yaml      safety tips
    talks/common/guidance.yaml  safeguarding text for speaker notes
    talks/common/languages.yaml languages, their labels and BCP 47 tags
    talks/regions/<code>.yaml   one region per file (global.yaml is the default)
    assets/templates/talkdeck.pptx

The shipped library is the default; ``--library DIR`` or ``TALKDECK_LIBRARY`` picks another.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from talkdeck.errors import ContentError, Problem
from talkdeck.library.contents import Library
from talkdeck.library.files import inside
from talkdeck.library.languages import Language, LanguagesFile
from talkdeck.library.locate import (
    FACTS,
    GUIDANCE,
    LANGUAGES,
    OUTSIDE,
    PICTURES,
    REGIONS,
    TEMPLATE,
    THEME,
    TIPS,
    default_library,
    region_files,
    resolve_library,
    talk_path,
)
from talkdeck.library.model import (
    FactsFile,
    Guidance,
    PicturesFile,
    Region,
    Talk,
    TipsFile,
)
from talkdeck.library.safe_yaml import Document, read_yaml, where
from talkdeck.library.theme import Theme

__all__ = ["TEMPLATE", "Library", "default_library", "load_library", "load_talk", "resolve_library"]

M = TypeVar("M", bound=BaseModel)


def shown_path(path: Path, root: Path) -> str:
    """A path as the user should read it: relative to the library when inside it.

    Taken as written first (a symlinked facts.yaml is still shown, and keyed, as facts.yaml).
    """
    for candidate in (Path(os.path.abspath(path)), path):
        try:
            return str(candidate.relative_to(root))
        except ValueError:
            pass
    try:
        return str(path.resolve().relative_to(root))
    except (ValueError, OSError, RuntimeError):
        return str(path)


_YAML_KIND = {
    "list": "a list",
    "str": "a line of text",
    "int": "a number",
    "float": "a number",
    "bool": "true/false",
    "NoneType": "nothing",
    "date": "a date",
    "datetime": "a date",
}


def parse_model(model: type[M], doc: Document, problems: list[Problem]) -> M | None:
    """Validate a document against a model, turning pydantic errors into located problems."""
    data = doc.data
    if not isinstance(data, dict):
        kind = _YAML_KIND.get(type(data).__name__, "a single value")
        problems.append(doc.problem((), f"expected a mapping of keys, got {kind}"))
        return None
    langs = data.get("languages")
    lang = langs[0] if isinstance(langs, list) and langs and isinstance(langs[0], str) else "en"
    try:
        return model.model_validate(data, context={"lang": lang})
    except ValidationError as exc:
        problems.extend(_problem(doc, err, model) for err in exc.errors())
        return None


def _problem(doc: Document, err: Any, model: type[BaseModel]) -> Problem:
    loc = tuple(err["loc"])
    kind, message = err["type"], err["msg"]
    if kind == "missing":
        line, col = doc.mark(loc[:-1])
        return Problem(doc.path, line, col, where(loc), f"missing required key '{loc[-1]}'")
    if kind == "extra_forbidden":
        known = _known_keys(model, loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), known, n=1)
        hint = f" (did you mean '{guess[0]}'?)" if guess else f" (allowed: {', '.join(known)})"
        return doc.problem(loc, f"unknown key '{loc[-1]}'{hint}")
    if kind == "literal_error":
        message = f"{err['input']!r} is not allowed; expected {err['ctx']['expected']}"
    elif kind == "string_pattern_mismatch":
        message = f"{err['input']!r} is not valid here (expected pattern {err['ctx']['pattern']})"
    message = message.removeprefix("Value error, ")
    return doc.problem(loc, message)


def _known_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model reached by ``loc`` (for 'did you mean' hints)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _model_in(info.annotation)
    return sorted(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    """The model class inside ``list[Slide]``, ``Law | None`` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        inner = _model_in(arg)
        if inner is not None:
            return inner
    return None


def _read(
    root: Path,
    rel: str | Path,
    model: type[M],
    lib_docs: dict[str, Document],
    problems: list[Problem],
) -> M | None:
    path = root / rel
    shown = shown_path(path, root)
    if not path.exists() and not path.is_symlink():
        problems.append(Problem(shown, 0, 0, "", "missing file"))
        return None
    if not inside(root, path):  # the same rule as pictures and the template
        problems.append(Problem(shown, 0, 0, "", OUTSIDE))
        return None
    doc, found = read_yaml(path, shown)
    problems.extend(found)
    if doc is None:
        return None
    lib_docs[shown] = doc
    return parse_model(model, doc, problems)


def _unique(
    items: list[Any], doc: Document | None, loc: str, problems: list[Problem]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for i, item in enumerate(items):
        if item.id in out and doc is not None:
            problems.append(doc.problem((loc, i, "id"), f"duplicate id '{item.id}'"))
        out.setdefault(item.id, item)
    return out


def load_theme(root: Path, problems: list[Problem]) -> tuple[Theme, Document | None]:
    """The library's theme and its parsed file (the defaults and None without a theme file)."""
    path = root / THEME
    if not path.exists() and not path.is_symlink():
        return Theme(), None
    if not inside(root, path):  # the same rule as every library file
        problems.append(Problem(str(THEME), 0, 0, "", OUTSIDE))
        return Theme(), None
    doc, found = read_yaml(path, THEME)
    problems.extend(found)
    theme = parse_model(Theme, doc, problems) if doc is not None else None
    return theme or Theme(), doc


def load_library(
    option: str | os.PathLike[str] | None = None, *, strict: bool = True, check: bool = True
) -> Library:
    """Read and validate facts, tips, guidance, languages and regions.

    Raises ContentError listing every problem. With ``strict=False`` (a volunteer's build), a
    broken region file is set aside instead (``Library.set_aside``): it blocks only decks for
    that region. ``validate`` and ``lint`` load strictly.

    ``check=False`` stops after reading the files: the caller must run
    :func:`~talkdeck.library.references.check_library` itself before using the library (a
    batch runs it on another core: :mod:`talkdeck.coordinate.background_check`; validate,
    when a region file is broken, to report everything else in the same run).
    """
    from talkdeck.library.references import check_library

    root = resolve_library(option)
    problems: list[Problem] = []
    docs: dict[str, Document] = {}
    facts_file = _read(root, FACTS, FactsFile, docs, problems)
    tips_file = _read(root, TIPS, TipsFile, docs, problems)
    guidance = _read(root, GUIDANCE, Guidance, docs, problems)
    pictures = (
        _read(root, PICTURES, PicturesFile, docs, problems) if (root / PICTURES).is_file() else None
    )
    languages_file = _read(root, LANGUAGES, LanguagesFile, docs, problems)
    regions = _read_regions(root, docs, problems)
    theme, theme_doc = load_theme(root, problems)
    if theme_doc is not None:
        docs[THEME] = theme_doc
    facts_doc, tips_doc = docs.get(FACTS), docs.get(TIPS)
    library = Library(
        root=root,
        sources=_unique(facts_file.sources, facts_doc, "sources", problems) if facts_file else {},
        facts=_unique(facts_file.facts, facts_doc, "facts", problems) if facts_file else {},
        tips=_unique(tips_file.tips, tips_doc, "tips", problems) if tips_file else {},
        regions=regions,
        guidance=guidance or Guidance(before_talk="", disclosure="", source=""),  # type: ignore[arg-type]
        languages=_languages(languages_file, docs.get(LANGUAGES), problems),
        docs=docs,
        theme=theme,
        pictures=_unique(pictures.pictures, docs.get(PICTURES), "pictures", problems)
        if pictures
        else {},
        helpline_pictures={str(k): v for k, v in pictures.helplines.items()} if pictures else {},
    )
    if not strict:
        _set_aside(library, problems)
    if not problems and check:
        problems.extend(check_library(library))
        if not strict:
            _set_aside(library, problems)
    if problems:
        raise ContentError(problems)
    return library


def _languages(
    found: LanguagesFile | None, doc: Document | None, problems: list[Problem]
) -> dict[str, Language]:
    out: dict[str, Language] = {}
    for i, language in enumerate(found.languages if found else []):
        if language.code in out and doc is not None:
            problems.append(
                doc.problem(("languages", i, "code"), f"duplicate language '{language.code}'")
            )
        out.setdefault(language.code, language)
    return out


def _set_aside(library: Library, problems: list[Problem]) -> None:
    """Move problems in region files out of ``problems``, and those regions out of the library."""
    for problem in [p for p in problems if Path(p.path).parent == REGIONS]:
        problems.remove(problem)
        stem = Path(problem.path).stem.lower()
        library.set_aside.setdefault(stem, []).append(problem)
        for code in [c for c in library.regions if c.lower() == stem]:
            del library.regions[code]


def _read_regions(
    root: Path, docs: dict[str, Document], problems: list[Problem]
) -> dict[str, Region]:
    regions: dict[str, Region] = {}
    for path in region_files(root):
        region = _read(root, path.relative_to(root), Region, docs, problems)
        if region is None:
            continue
        if region.code.lower() != path.stem.lower():
            message = f"'{region.code}' does not match the file name {path.name}"
            problems.append(docs[shown_path(path, root)].problem(("code",), message))
            continue
        regions[region.code] = region
        docs[f"region:{region.code}"] = docs[shown_path(path, root)]
    problems.extend(_alias_clashes(regions, docs))
    if "global" not in regions and not any(p.path.startswith(str(REGIONS)) for p in problems):
        problems.append(Problem(f"{REGIONS}/global.yaml", 0, 0, "", "the global region is missing"))
    return regions


def _alias_clashes(regions: dict[str, Region], docs: dict[str, Document]) -> list[Problem]:
    """An alias names one region: never another region's code, nor another region's alias."""
    codes = {code.lower(): code for code in regions}
    taken: dict[str, str] = {}
    problems: list[Problem] = []
    for code, region in sorted(regions.items()):
        for i, alias in enumerate(region.aliases):
            key = alias.lower()
            if codes.get(key, code) != code:
                message = f"alias '{alias}' is the code of region {codes[key]}"
            elif taken.setdefault(key, code) != code:
                message = f"alias '{alias}' is already an alias of region {taken[key]}"
            else:
                continue
            problems.append(docs[f"region:{code}"].problem(("aliases", i), message))
    return problems


def load_talk(library: Library, talk: str) -> tuple[Talk, Document]:
    """Read and fully check one talk against the library. Raises ContentError listing all."""
    from talkdeck.library.references import check_references, check_talk

    path = library.talk_path(talk)
    shown = shown_path(path, library.root)
    problems: list[Problem] = []
    doc, found = read_yaml(path, shown)
    problems.extend(found)
    model = parse_model(Talk, doc, problems) if doc else None
    if model is None and doc is not None:
        # The model did not validate, but wrong references are still worth reporting now.
        problems.extend(check_references(library, doc))
    if model is not None and doc is not None:
        problems.extend(_id_problem(library.root, path, model, doc))
        problems.extend(check_talk(library, model, doc))
    if problems or model is None or doc is None:
        raise ContentError(problems)
    return model, doc


def read_talk_alone(root: Path, talk: str) -> list[Problem]:
    """A talk's own problems (its YAML, its model, its id against its file name), checked
    without the library: what can still be said about a talk while the library does not load,
    so that one run reports both. Its references to facts, tips and pictures are not checked."""
    try:
        path = talk_path(root, talk)
    except ContentError as exc:
        return list(exc.problems)
    doc, problems = read_yaml(path, shown_path(path, root))
    model = parse_model(Talk, doc, problems) if doc else None
    if model is not None and doc is not None:
        problems.extend(_id_problem(root, path, model, doc))
    return problems


def _id_problem(root: Path, path: Path, model: Talk, doc: Document) -> list[Problem]:
    if path.parent == root / "talks" and model.id != path.stem:
        return [doc.problem(("id",), f"'{model.id}' does not match the file name {path.name}")]
    return []
