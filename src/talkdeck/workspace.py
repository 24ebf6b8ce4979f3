"""The application service (:class:`Workspace`) and the core functions the command line calls.

The workspace ties the stages together (load -> tailor -> render -> write) once for every
command, batch worker and the web front end; functions here return plain data for their
caller to print; none of them prints.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING, Any

from talkdeck.deck.added_help import confirmed_today, help_warnings
from talkdeck.deck.memo import Memo
from talkdeck.deck.personalise import personalise
from talkdeck.deck.pptx_bytes import deck_bytes
from talkdeck.deck.resolved import Audience, Deck
from talkdeck.deck.tailor import tailor
from talkdeck.deck.variants import pick_language
from talkdeck.deck.write import read_stamp, stamp_fields
from talkdeck.errors import ContentError, TalkdeckError, UsageError, did_you_mean
from talkdeck.library.locate import (
    TEMPLATE,
    here,
    resolve_library,
    talk_ids,
    talk_path,
)
from talkdeck.showable import unshowable

if TYPE_CHECKING:  # load and model pull in pydantic: only when the cache cannot answer
    from talkdeck.library.load import Library
    from talkdeck.library.model import Talk
    from talkdeck.library.safe_yaml import Document


@dataclass(frozen=True)
class BuildRequest:
    """What the volunteer asked for."""

    talk: str
    age: int
    region: str = "global"
    lang: str | None = None
    output: Path | None = None
    school: str = ""
    presenter: str = ""
    date: str = ""
    lead: str = ""
    """The school's safeguarding lead, named in the speaker notes and, for the pupils, on the
    closing slide."""
    helplines: tuple[str, ...] = ()
    """Helplines the presenter confirmed for this class, each 'NAME=NUMBER' or 'NAME=WEB
    ADDRESS' (``--helpline``): shown first and marked as added by the presenter."""
    draft: bool = False
    force: bool = False
    """Replace an existing file even if it was edited by hand or is not a talkdeck deck."""
    logo: Path | None = None
    """A school's or charity's logo (PNG, JPEG or SVG) for the title and closing slides."""
    output_folder: bool = False
    """``output`` was named as a folder (``-o decks/``): the deck goes inside it, and the folder
    is made, if missing, only when the deck is written."""


@dataclass(frozen=True)
class Built:
    path: Path
    deck: Deck
    size: int
    warnings: tuple[str, ...] = ()
    """Library files this deck did not need that have problems (see ``validate``), and a
    region with no child helpline in the reference data (``deck.added_help.help_warnings``)."""


def set_aside_warnings(lib: Library) -> list[str]:
    """One line per region file a lenient load left out."""
    return [
        f"{problems[0].path}: left out ({len(problems)} problem"
        f"{'s' if len(problems) != 1 else ''}; `talkdeck validate` lists them)"
        for _, problems in sorted(lib.set_aside.items())
    ]


def region_code(lib: Library, region: str) -> str:
    """Match a region code, or an alias a region file lists (``uk`` -> GB), case-insensitively;
    unknown codes list the valid ones. Every command and the web page resolve regions here.

    A region file set aside by a lenient load raises its own problems."""
    wanted = region.lower()
    for code in lib.regions:
        if code.lower() == wanted:
            return code
    for code, found in lib.regions.items():
        if any(alias.lower() == wanted for alias in found.aliases):
            return code
    if region.lower() in lib.set_aside:
        raise ContentError(lib.set_aside[region.lower()])
    aliases = [alias for found in lib.regions.values() for alias in found.aliases]
    raise UsageError(
        f"unknown region '{region}' ({did_you_mean(region, [*lib.regions, *aliases])}"
        f"valid: {', '.join(sorted(lib.regions))})"
    )


def output_path(given: Path | None, name: str, folder: bool = False) -> Path:
    """Where `build -o` writes: an existing folder, or one named as a folder (``folder``, made
    by the caller when writing), gets ``name`` inside it; a name without a suffix gets .pptx; any
    other suffix is a usage error. A missing folder is not made here: the writer names it."""
    if given is None:
        return here() / name
    if (folder or given.is_dir()) and given.suffix.lower() != ".pptx":  # "deck.pptx/": an error
        return given / name
    if not given.suffix:
        return given.with_name(f"{given.name}.pptx")
    if given.suffix.lower() != ".pptx":
        raise UsageError(f"{given}: the output name must end in .pptx")
    return given


def default_name(deck: Deck) -> str:
    aud = deck.audience
    return f"{deck.talk_id}-{aud.region}-{aud.lang}-{aud.age}.pptx"


def tailor_request(lib: Library, talk: Talk, req: BuildRequest) -> Deck:
    region = region_code(lib, req.region)
    if talk.status == "draft" and not req.draft:
        raise TalkdeckError(
            f"talk '{talk.id}' version {talk.version} is a draft; "
            "pass --draft to build it anyway (every slide will say DRAFT)"
        )
    lang = req.lang.lower() if req.lang else None
    if lang and lang not in lib.languages:
        raise UsageError(
            f"unknown language '{req.lang}' ({did_you_mean(lang, lib.languages)}"
            f"known: {', '.join(lib.languages)})"
        )
    try:
        lang = pick_language(talk, lib.regions[region], lang)
    except TalkdeckError as exc:
        raise UsageError(exc.message) from exc
    check_details(req)
    audience = Audience(
        age=req.age,
        region=region,
        lang=lang,
        school=req.school,
        presenter=req.presenter,
        date=req.date,
        lead=req.lead,
    )
    return tailor(lib, talk, audience, confirmed_today(req.helplines, req.presenter))


MAX_DETAIL = 200  # characters of --school, --presenter or --date: two lines of a title slide


def _details(req: BuildRequest) -> tuple[tuple[str, str], ...]:
    return (("--school", req.school), ("--presenter", req.presenter), ("--date", req.date))


def check_details(req: BuildRequest) -> None:
    """The title-slide details must be text a slide can hold."""
    for option, value in (*_details(req), ("--lead", req.lead)):
        bad = unshowable(value)
        if bad:
            raise UsageError(f"{option}: holds {bad}, which a slide cannot show")
        if len(value) > MAX_DETAIL:
            raise UsageError(
                f"{option}: {len(value):,} characters; the title slide holds at most {MAX_DETAIL}"
            )
    confirmed_today(req.helplines, req.presenter)


def blame_details(exc: Exception, deck: Deck, req: BuildRequest) -> None:
    """A title slide that overflows only with the volunteer's details is the options' fault:
    raise a usage error naming the longest of them."""
    misfits = getattr(exc, "misfits", [])
    titles = {s.id for s in deck.slides if s.kind == "title"}
    given = [(len(value), option) for option, value in _details(req) if value]
    if given and misfits and all(m.slide in titles for m in misfits):
        option = max(given)[1]
        raise UsageError(f"{option}: too long for the title slide; shorten it") from None
    # The presenter's helplines and lead only add to help and closing slides.
    helps = {s.id for s in deck.slides if s.kind in ("helpline", "closing", "local")}
    if (req.helplines or req.lead) and misfits and all(m.slide in helps for m in misfits):
        option = "--helpline" if req.helplines else "--lead"
        raise UsageError(f"{option}: too long for the slides that show it; shorten it") from None


class Workspace:
    """The application service: one library, loaded at most once, and every talk once.

    Every command and batch worker goes through it (the web front end too), so the rules live
    here only: drafts need ``draft``, region and language codes match case-insensitively, a
    deck's language is one its region offers and its talk is written in, the cache is tried
    first. Typical use::

        ws = Workspace(library)              # None: $TALKDECK_LIBRARY or the shipped library
        deck = ws.tailor(BuildRequest("grooming-awareness", age=13, region="co"))
        data = ws.render(deck, "grooming-awareness")   # .pptx bytes; ContentError on a misfit
        built = ws.build(request)            # the above, then an atomic write

    ``strict=False`` (a volunteer's build) sets a broken region file aside: it blocks only its
    own region's decks and is named in :attr:`warnings`. ``validate`` and ``lint`` are strict.
    ``keep=N`` (a server) keeps the last N variants tailored, without the volunteer's details,
    in memory; :meth:`tailor` is then safe to call from several threads once :attr:`lib` and
    the talks are loaded. Raises :class:`~talkdeck.errors.TalkdeckError` subclasses only.

    The workspace owns one :class:`~talkdeck.deck.memo.Memo` (:attr:`memo`): text measurements,
    QR codes and template boxes, kept from one deck to the next for as long as it lives (a
    build, a batch worker, the web server) and passed explicitly to the stages that use it.
    """

    def __init__(
        self,
        library: str | Path | None = None,
        *,
        strict: bool = False,
        use_cache: bool = True,
        keep: int = 0,
    ) -> None:
        self.root = resolve_library(library)
        self.strict = strict
        self.use_cache = use_cache
        self.keep = keep
        self._lib: Library | None = None
        self._talks: dict[str, tuple[Talk, Document]] = {}
        self._warnings: list[str] = []
        self._entry: Path | None = None  # the build cache's entry a hit came from
        self._entries: dict[Path, Path] = {}  # talk file -> that entry, for the next lookup
        self.memo = Memo()
        """What this workspace remembers between decks (filled from the build cache too)."""
        self._kept: OrderedDict[tuple[str, int, str, str, bool], Deck] = OrderedDict()
        self._kept_lock = Lock()

    @classmethod
    def over(cls, lib: Library) -> Workspace:
        """A workspace around a library already loaded (a batch worker inherits one)."""
        ws = cls(lib.root, strict=not lib.set_aside, use_cache=False)
        ws._lib = lib
        return ws

    @property
    def lib(self) -> Library:
        """The library, loaded and checked on first use."""
        if self._lib is None:
            from talkdeck.library.load import load_library

            self._lib = load_library(self.root, strict=self.strict)
            self._warnings = set_aside_warnings(self._lib)
        return self._lib

    @property
    def warnings(self) -> list[str]:
        """Library files left out of a lenient load (each blocks only its own region)."""
        return list(self._warnings)

    @property
    def template(self) -> Path:
        return self.root / TEMPLATE

    def talk_file(self, talk: str) -> Path:
        """A talk id from the library, or a path to a talk file (the one place that decides)."""
        return talk_path(self.root, talk)

    def talk(self, talk: str) -> tuple[Talk, Document]:
        """The talk, loaded and checked against the library once."""
        if talk not in self._talks:
            from talkdeck.library.load import load_talk

            self._talks[talk] = load_talk(self.lib, talk)
        return self._talks[talk]

    def talk_ids(self) -> list[str]:
        return talk_ids(self.root)

    def region(self, code: str) -> str:
        return region_code(self.lib, code)

    def tailor(self, req: BuildRequest) -> Deck:
        """The deck for one class: from the cache when it can answer, else tailored (and every
        variant of the talk kept in the cache for the next build)."""
        from talkdeck.deck import cache

        check_details(req)
        lang = req.lang.lower() if req.lang else None
        # The cache keeps the library's decks only: added helplines change the help slides'
        # cards and pages, so such a deck is tailored from the library.
        if self._lib is None and self.use_cache and not req.helplines:
            talk_file = self.talk_file(req.talk)
            known = self._entries.get(talk_file)
            hit = cache.lookup(
                self.root, talk_file, req.region, lang, req.age, req.draft, self.memo, known
            )
            if hit is not None:
                self._warnings, self._entry = hit[1], hit[2]
                self._entries[talk_file] = hit[2]
                return personalise(hit[0], req.school, req.presenter, req.date, req.lead)
        if self.keep and not req.helplines:  # added helplines are the presenter's: tailored
            return self._kept_variant(req)
        talk, _ = self.talk(req.talk)
        deck = tailor_request(self.lib, talk, req)
        if self.use_cache:
            cache.store(
                self.root, self.talk_file(req.talk), self.lib, talk, self._warnings, self.memo
            )
        return deck

    def _kept_variant(self, req: BuildRequest) -> Deck:
        """The variant from memory (else tailored and kept), with the volunteer's details."""
        key = (req.talk, req.age, req.region.lower(), (req.lang or "").lower(), req.draft)
        with self._kept_lock:
            bare = self._kept.get(key)
            if bare is not None:
                self._kept.move_to_end(key)
        if bare is None:
            talk, _ = self.talk(req.talk)
            plain = replace(req, school="", presenter="", date="", lead="")
            bare = tailor_request(self.lib, talk, plain)
            with self._kept_lock:
                self._kept[key] = bare
                while len(self._kept) > self.keep:
                    self._kept.popitem(last=False)
        return personalise(bare, req.school, req.presenter, req.date, req.lead)

    def render(
        self, deck: Deck, talk: str, logo: bytes | None = None, req: BuildRequest | None = None
    ) -> bytes:
        """The deck's .pptx bytes. A text that does not fit becomes a ContentError pointing
        at the talk's lines (the talk is parsed once, only then, if the cache answered)."""
        from talkdeck.deck.fit import FitError, located

        try:
            return deck_bytes(self.template, deck, self.memo, logo)
        except FitError as exc:
            if req is not None:
                blame_details(exc, deck, req)
            model, doc = self.talk(talk)
            raise ContentError(located(exc.misfits, model, doc)) from None

    def build(self, req: BuildRequest) -> Built:
        """Build one deck and write it atomically. Writes nothing on error.

        An existing file at the output path is replaced only if talkdeck wrote it and nobody
        has changed it since (see :func:`talkdeck.coordinate.staleness.protect`), or with
        ``req.force``.
        """
        from talkdeck.deck import cache
        from talkdeck.deck.overwrite import protect
        from talkdeck.deck.write import remove_stale_temps, write_atomic

        self.talk_file(req.talk)  # an unknown talk is reported before anything else
        check_details(req)
        logo = None
        if req.logo is not None:
            from talkdeck.deck.logo import checked_logo

            logo = checked_logo(req.logo)
        deck = self.tailor(req)
        path = output_path(req.output, default_name(deck), req.output_folder)
        protect(path, req.force)
        data = self.render(deck, req.talk, logo, req)
        if req.output_folder:  # -o new/: made now, when there is a deck to put in it
            path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(path.parent)  # a build killed while writing here left its temporary
        write_atomic(path, data)
        if self.use_cache:
            cache.keep_memo(self.root, self.talk_file(req.talk), self.memo, self._entry)
        return Built(path, deck, len(data), (*self._warnings, *help_warnings(deck)))


def build(library: str | Path | None, req: BuildRequest) -> Built:
    """Build one deck (see :meth:`Workspace.build`)."""
    return Workspace(library).build(req)


def inspect_deck(path: Path) -> dict[str, Any]:
    """The stamp of a built deck, decoded."""
    if not path.exists():
        raise UsageError(f"{path}: no such file")
    stamp = read_stamp(path)  # a FIFO or device: "not a PowerPoint file (is a FIFO...)"
    if stamp is None:
        raise TalkdeckError(f"{path}: not a talkdeck deck (no talkdeck stamp)")
    return stamp_fields(stamp)
