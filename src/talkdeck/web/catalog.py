"""What the server offers, read once at start: talks, ages, regions, languages, page words.

Also turns what a browser or API client sent into a checked :class:`BuildRequest`; tailoring
and rendering go through the catalog's one long-lived :class:`talkdeck.workspace.Workspace`
(``catalog.ws``), with the rules the command line uses. A request value is only ever compared
with what the library holds: none reaches a file path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from talkdeck.errors import ContentError, UsageError
from talkdeck.library.locate import WEB, default_library
from talkdeck.showable import unshowable
from talkdeck.workspace import MAX_DETAIL, BuildRequest, Workspace, check_details

if TYPE_CHECKING:
    from talkdeck.library.load import Library
    from talkdeck.library.model import Talk

FIELDS = ("talk", "age", "region", "lang", "school", "presenter", "date", "lead", "helpline")
KEPT_DECKS = 64  # tailored decks (without any school's details) the workspace keeps in memory


class FieldError(UsageError):
    """A wrong value in one field of a request; ``field`` names it for the page.

    ``message`` is the API's English; ``key`` names the page's own text in web.yaml, said in
    the page's language with ``params`` filled in (:meth:`said`)."""

    def __init__(self, field_name: str, message: str, key: str = "", **params: object) -> None:
        super().__init__(message)
        self.field = field_name
        self.key = key
        self.params = params
        self.values: dict[str, str] = {}
        """What the form held, when the error came before the caller had it."""

    def said(self, words: dict[str, str]) -> str:
        """The message in the page's words (the English message if web.yaml lacks the key)."""
        return words[self.key].format(**self.params) if self.key in words else self.message


def from_library(field_name: str, exc: UsageError) -> FieldError:
    """A library message about one field ("--helpline 'x': ...", "logo: ...") as the page's
    text for that field, with the library's explanation (after the field's name) appended."""
    detail = re.sub(r"^(--)?[a-z]+( '.*')?: ", "", exc.message)
    if field_name == "logo":
        return FieldError("logo", exc.message, "err_logo", detail=detail)
    if field_name == "helpline" and not detail.startswith("too long"):
        return FieldError("helpline", exc.message, "err_helpline", detail=detail)
    if detail.startswith("too long for the"):  # the slides overflow with this value
        return FieldError(field_name, exc.message, "err_shorten")
    return FieldError(field_name, exc.message, "err_detail", detail=detail)


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    ages: tuple[int, ...] = ()
    langs: tuple[str, ...] = ()


@dataclass
class Catalog:
    """The library as the page offers it, loaded and checked once."""

    ws: Workspace
    talks: dict[str, Talk]
    strings: dict[str, dict[str, str]]
    """Page words: key -> language -> text (from talks/common/web.yaml)."""
    ui_languages: tuple[str, ...]
    draft: bool = False

    @property
    def lib(self) -> Library:
        return self.ws.lib

    def words(self, lang: str) -> dict[str, str]:
        lang = lang if lang in self.ui_languages else self.ui_languages[0]
        return {key: texts[lang] for key, texts in self.strings.items()}

    def language_name(self, code: str) -> str:
        """The language's own name from languages.yaml ("Español"), or its code."""
        found = self.lib.languages.get(code)
        return found.name if found is not None else code

    def talk_choices(self, lang: str) -> list[Choice]:
        return [
            Choice(
                t.id,
                t.title.get(lang if lang in t.languages else t.languages[0], t.ages.lo) or t.id,
                t.ages.ages,
                tuple(t.languages),
            )
            for t in self.talks.values()
        ]

    def region_choices(self, lang: str) -> list[Choice]:
        regions = sorted(self.lib.regions.values(), key=lambda r: (r.code != "global", r.code))
        return [
            Choice(
                r.code,
                r.name.get(lang if lang in r.languages else r.languages[0], 11) or r.code,
                langs=tuple(r.languages),
            )
            for r in regions
        ]

    def offers(self) -> dict[str, Any]:
        """Every combination that can be built, for API clients (GET /api/options)."""
        return {
            "talks": [
                {
                    "id": t.id,
                    "version": t.version,
                    "status": t.status,
                    "ages": list(t.ages.ages),
                    "languages": list(t.languages),
                }
                for t in self.talks.values()
            ],
            "regions": [
                {"code": r.code, "languages": list(r.languages)} for r in self.lib.regions.values()
            ],
        }

    def request(self, values: dict[str, str]) -> BuildRequest:
        """Check submitted values; raise :class:`FieldError` naming the first wrong field."""
        talk_id = values.get("talk", "").strip()
        if not talk_id:
            raise FieldError("talk", "choose a talk", "err_no_talk")
        if talk_id not in self.talks:
            raise FieldError(
                "talk",
                f"unknown talk '{_shown(talk_id)}' (known: {', '.join(self.talks)})",
                "err_talk",
                talk=_shown(talk_id),
            )
        talk = self.talks[talk_id]
        raw_age = values.get("age", "").strip()
        if not raw_age.isdigit() or int(raw_age) not in talk.ages:
            raise FieldError(
                "age",
                f"age '{_shown(raw_age)}': talk '{talk_id}' is for ages {talk.ages}",
                "err_age" if raw_age else "err_no_age",
                age=_shown(raw_age),
                ages=str(talk.ages),
            )
        given_region = values.get("region", "").strip() or "global"
        try:
            region = self.ws.region(given_region)
        except UsageError as exc:
            raise FieldError(
                "region", _shown(exc.message, 300), "err_region", region=_shown(given_region)
            ) from None
        lang = values.get("lang", "").strip().lower() or None
        if lang is not None and lang not in talk.languages:
            raise FieldError(
                "lang",
                f"talk '{talk_id}' is not written in '{_shown(lang)}' "
                f"(it has: {', '.join(talk.languages)})",
                "err_lang",
                lang=_shown(lang),
                langs=self._names(talk.languages),
            )
        self._check_region_language(talk, region, lang)
        # One line each, as a title slide shows them; the length limit is the CLI's.
        one = {
            name: " ".join(values.get(name, "").split())
            for name in ("school", "presenter", "date", "lead", "helpline")
        }
        for name in ("school", "presenter", "date", "lead"):
            _check_detail(name, one[name])
        request = BuildRequest(
            talk=talk_id,
            age=int(raw_age),
            region=region,
            lang=lang,
            draft=self.draft,
            school=one["school"],
            presenter=one["presenter"],
            date=one["date"],
            lead=one["lead"],
            helplines=(one["helpline"],) if one["helpline"] else (),  # the CLI takes up to 3
        )
        try:
            check_details(request)
        except UsageError as exc:  # worded for the CLI: "--helpline 'x': ..."
            raise from_library(option_of(exc.message), exc) from None
        return request

    def _names(self, codes: Any) -> str:
        return ", ".join(self.language_name(code) for code in codes)

    def _check_region_language(self, talk: Talk, code: str, lang: str | None) -> None:
        """The rules of :func:`talkdeck.deck.variants.pick_language`, said for the page."""
        offered = self.lib.regions[code].languages
        if lang is not None and lang not in offered:
            raise FieldError(
                "lang",
                f"region {code} does not offer '{lang}' (it offers: {', '.join(offered)})",
                "err_region_lang",
                region=code,
                lang=self.language_name(lang),
                langs=self._names(lg for lg in talk.languages if lg in offered),
            )
        if not any(lg in offered for lg in talk.languages):
            raise FieldError(
                "region",
                f"talk '{talk.id}' is written in {', '.join(talk.languages)}; region "
                f"{code} offers none of them ({', '.join(offered)})",
                "err_region_none",
                region=code,
                langs=self._names(offered),
            )


def _check_detail(name: str, value: str) -> None:
    """What :func:`check_details` says of a title-slide detail, said for the page."""
    bad = unshowable(value)
    if bad:
        char = bad.rsplit(" ", 1)[-1].strip("()")
        raise FieldError(
            name,
            f"--{name}: holds {bad}, which a slide cannot show",
            "err_unshowable",
            char=char,
        )
    if len(value) > MAX_DETAIL:
        raise FieldError(
            name,
            f"--{name}: {len(value):,} characters; the title slide holds at most {MAX_DETAIL}",
            "err_too_long",
            count=f"{len(value):,}",
            limit=MAX_DETAIL,
        )


def option_of(message: str) -> str:
    """The option a CLI-worded message is about ("--helpline 'x=1': ..." -> "helpline"), or ""."""
    found = re.match(r"--([a-z]+)\b", message)
    return found.group(1) if found else ""


def _shown(text: str, limit: int = 40) -> str:
    """A submitted value as an error message may repeat it: short and on one line."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def load_catalog(library: str | Path | None, draft: bool = False) -> Catalog:
    """Load and check the library and every talk it offers (drafts only with ``draft``)."""
    # Strict, as `validate` is; no disk cache: the workspace keeps variants in memory.
    ws = Workspace(library, strict=True, use_cache=False, keep=KEPT_DECKS)
    talks = {}
    for talk_id in ws.talk_ids():
        talk, _ = ws.talk(talk_id)
        if talk.status != "draft" or draft:
            talks[talk.id] = talk
    strings, languages = load_strings(ws.root)
    return Catalog(ws, talks, strings, languages, draft)


def load_strings(root: Path) -> tuple[dict[str, dict[str, str]], tuple[str, ...]]:
    """The page's words from the library, or from the shipped library when it has none."""
    from talkdeck.library.load import parse_model
    from talkdeck.library.model import WebWords
    from talkdeck.library.safe_yaml import read_yaml

    path = root / WEB
    if not path.is_file():
        path = default_library() / WEB
    doc, problems = read_yaml(path, WEB)
    words = parse_model(WebWords, doc, problems) if doc else None
    if words is None or doc is None or problems:
        raise ContentError(problems)
    for key, texts in words.strings.items():
        missing = [lg for lg in words.languages if lg not in texts]
        if missing:
            problems.append(doc.problem(("strings", key), f"no text in {', '.join(missing)}"))
    if problems:
        raise ContentError(problems)
    return (
        {key: {lg: texts[lg] for lg in words.languages} for key, texts in words.strings.items()},
        tuple(words.languages),
    )
