"""The presenter's guide and the take-home handout, made from the same tailored deck.

Both start from :func:`talkdeck.deck.tailor.tailor`, so every word of the script, the warning signs
and the helplines is the text on the slides and in the speaker notes for that age, region and
language. Nothing here writes files; :func:`write_document` does, in Markdown or PDF.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from talkdeck.deck.write import write_atomic
from talkdeck.errors import TalkdeckError, UsageError
from talkdeck.library.files import read_regular
from talkdeck.library.locate import FONTS, here
from talkdeck.printouts import local_help
from talkdeck.printouts.document import (
    Block,
    Contact,
    Document,
    Heading,
    Items,
    Para,
    to_markdown,
    to_pdf,
)

if TYPE_CHECKING:
    from talkdeck.deck.tailor import Deck, ResolvedSlide
    from talkdeck.library.load import Library
    from talkdeck.library.model import Channel, Region, Talk, Text
    from talkdeck.workspace import BuildRequest

# Slides and tips a handout draws on, by id; a talk without them gets the nearest fallback.
WARNING_SLIDE = "warning-signs"
ACTION_SLIDE = "what-to-do"
PARENT_SIGNS_TIP = "know-the-signs"
PARENT_TIPS = ("talk-without-blame", "never-view-image", "stay-involved", "parental-controls")
RECAP_SLIDE = "recap"
"""Its bullets are the talk's key rules, word for word as on the slides (tips.yaml `rule`)."""


@dataclass(frozen=True)
class Tailored:
    lib: Library
    talk: Talk
    deck: Deck
    request: BuildRequest

    @property
    def region(self) -> Region:
        return self.lib.regions[self.deck.audience.region]

    @property
    def labels(self) -> dict[str, str]:
        """The guide and handout labels of the deck's language and audience (languages.yaml)."""
        return self.labels_for(self.talk.audience)

    def labels_for(self, audience: str) -> dict[str, str]:
        """The same, for a handout's reader ('pupils' or 'parents')."""
        language = self.lib.languages[self.deck.audience.lang]
        return language.labels("guide", self.deck.tag, adults=audience != "pupils")

    def t(self, text: Text | None) -> str:
        aud = self.deck.audience
        tag = self.deck.tag
        return "" if text is None else text.get(aud.lang, aud.age, tag) or ""


def tailored(
    library: str | Path | None,
    talk_ref: str,
    age: int | None,
    region: str,
    lang: str | None,
    draft: bool = False,
    helplines: tuple[str, ...] = (),
    presenter: str = "",
    lead: str = "",
) -> Tailored:
    """Load the library and tailor the talk exactly as ``talkdeck build`` would.

    ``age`` None means the youngest age the talk is for (the simplest wording).
    """
    from talkdeck.workspace import BuildRequest, Workspace

    ws = Workspace(library, use_cache=False)  # the guide needs the library's texts anyway
    talk, _ = ws.talk(talk_ref)
    request = BuildRequest(
        talk=talk_ref,
        age=talk.ages.lo if age is None else age,
        region=region,
        lang=lang,
        draft=draft,
        helplines=helplines,
        presenter=presenter,
        lead=lead,
    )
    return Tailored(ws.lib, talk, ws.tailor(request), request)


def _command(verb: str, td: Tailored, extra: str = "") -> str:
    aud = td.deck.audience
    age = f" --age {aud.age}"
    given = local_help.options(td)
    return (
        f"talkdeck {verb} {td.request.talk}{age} --region {aud.region} --lang {aud.lang}"
        f"{given}{extra}"
    )


def _ways(ch: Channel, lab: dict[str, str]) -> list[str]:
    ways = [lab["call"].format(number=ch.phone)] if ch.phone else []
    ways += [lab["sms"].format(number=ch.text)] if ch.text else []
    ways += [lab["whatsapp"].format(number=ch.whatsapp)] if ch.whatsapp else []
    ways += [lab["web"].format(url=ch.url)] if ch.url else []
    ways += [lab["hours"].format(hours=ch.hours)] if ch.hours else []
    return [" · ".join(ways)]


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _deck_labels(td: Tailored) -> dict[str, str]:
    return td.deck.labels


def _channels(td: Tailored) -> list[Channel]:
    """The channels the deck shows: the same filter and order as the slides."""
    from talkdeck.deck.tailor import channels_for

    return channels_for(td.region, td.talk.audience, td.deck.audience.age)


def _gathered(td: Tailored) -> str:
    return max(ch.gathered for ch in td.region.channels).isoformat()


def _confirm(td: Tailored, lab: dict[str, str]) -> list[Block]:
    """The guide's opening checklist: confirm each helpline the deck shows."""
    from talkdeck.deck.tailor import confirmation

    items = local_help.confirm_items(td, lab)
    for ch in _channels(td):
        when = f" ({ch.source_date})" if ch.source_date else ""
        items.append(
            lab["confirm_item"].format(
                name=ch.name,
                ways=_ways(ch, lab)[0],
                source=f"{ch.source}{when}",
                status=confirmation(ch, _deck_labels(td)),
            )
        )
    blocks: list[Block] = [
        Heading(lab["confirm"]),
        Para(lab["confirm_intro"].format(date=_gathered(td))),
        Items(tuple(items), checkbox=True),
    ]
    if td.region.help_gap is not None and td.request.helplines:  # else it opens the guide
        blocks.append(Para(td.t(td.region.help_gap)))
    return blocks


def _who(td: Tailored, lab: dict[str, str]) -> str:
    return lab[td.talk.audience].format(age=td.deck.audience.age)


def guide(td: Tailored) -> Document:
    """The presenter's guide: timing, preparation, safeguarding, the script, the helplines."""
    deck, aud = td.deck, td.deck.audience
    lab = td.labels
    g, who = td.lib.guidance, td.talk.audience
    before, disclosure = td.t(g.text("before_talk", who)), td.t(g.text("disclosure", who))
    gap = local_help.gap(td, lab, _command("build", td))
    blocks: list[Block] = [
        *gap,
        *_confirm(td, lab),
        Heading(lab["glance"]),
        Items(
            (
                lab["length"].format(
                    minutes=f"{deck.minutes:g}", slides=len(deck.slides), duration=td.talk.duration
                ),
                lab["words"].format(who=_who(td, lab)),
            )
        ),
        Para(deck.description),
        Heading(lab["prepare"]),
        Items(
            (
                lab["p_deck"].format(command=_command("build", td, " --pdf")),
                lab["p_handout"].format(command=_command("handout", td, " --format pdf")),
                lab["p_room"],
                lab["p_box"],
            ),
            checkbox=True,
        ),
        Heading(lab["before"]),
        Items(_lines(before)),
        Heading(lab["disclosure"]),
        Items(_lines(disclosure)),
        Para(lab["practice"].format(source=g.source), small=True),
        Heading(lab["script"]),
    ]
    for number, slide in enumerate(deck.slides, start=1):
        blocks += _script(slide, number, _start(deck, number - 1), lab, (before, disclosure))
    blocks += _helplines(td, lab, qr=False)
    blocks.append(
        Para(
            lab["made"].format(
                tool=_tool(), talk=deck.talk_id, version=deck.version, fingerprint=deck.fingerprint
            ),
            small=True,
        )
    )
    return Document(
        f"{lab['guide']}: {deck.title}",
        _subtitle(td, lab),
        tuple(blocks),
        aud.lang,
        aud.region,
        deck.version_date,
    )


def _tool() -> str:
    from talkdeck import __version__

    return __version__


def _subtitle(td: Tailored, lab: dict[str, str]) -> str:
    aud = td.deck.audience
    return lab["for"].format(
        region=td.t(td.region.name),
        who=_who(td, lab),
        language=td.lib.languages[aud.lang].name,
        version=td.deck.version,
        date=td.deck.version_date.isoformat(),
    )


def _start(deck: Deck, index: int) -> float:
    return sum(s.minutes for s in deck.slides[:index])


def _script(
    slide: ResolvedSlide, number: int, start: float, lab: dict[str, str], guidance: tuple[str, str]
) -> list[Block]:
    """One slide of the script: heading with timing, what is on it, then its speaker notes."""
    title = slide.title or slide.claim or slide.id
    timing = lab["timing"].format(
        start=f"{start:g}", end=f"{start + slide.minutes:g}", minutes=f"{slide.minutes:g}"
    )
    shown = [x for x in (slide.number, slide.claim, slide.source) if x]
    shown += [line.text for line in slide.body]
    shown += [" ".join([*(line.text for line in c.lines), c.number]).strip() for c in slide.cards]
    out: list[Block] = [Heading(f"{number}. {title} ({timing})", 3)]
    if shown:
        out.append(Para(f"{lab['on_slide']} " + " / ".join(shown), small=True))
    # The notes' first paragraph is the timing line (shown in the heading); the safeguarding
    # paragraphs repeat sections above, so they are pointed to rather than printed again.
    paragraphs = slide.notes.split("\n\n")[1:]
    kept = [p for p in paragraphs if not any(text and text in p for text in guidance)]
    out += [Para(p.strip()) for p in kept if p.strip()]
    if len(kept) < len(paragraphs):
        out.append(Para(lab["see"], small=True))
    return out


def _helplines(td: Tailored, lab: dict[str, str], qr: bool) -> list[Block]:
    from talkdeck.deck.kind_content import channel_what
    from talkdeck.deck.tailor import confirmation

    region = td.region
    blocks: list[Block] = [Heading(lab["helplines"].format(region=td.t(region.name)))]
    blocks += local_help.contacts(td, lab, qr)
    for ch in _channels(td):
        lines = _ways(ch, lab)
        what = channel_what(ch, td.talk.audience)[0]
        if what is not None:
            lines.append(td.t(what))
        if not qr:  # the guide: where each number comes from, for the presenter to re-check
            when = f"{ch.source_date}, " if ch.source_date else ""
            lines.append(
                lab["source"].format(
                    source=f"{ch.source} ({when}"
                    f"{lab['checked'].format(date=ch.gathered)}; "
                    f"{confirmation(ch, _deck_labels(td))})"
                )
            )
            if ch.note is not None:
                lines.append(lab["note"].format(note=td.t(ch.note)))
        blocks.append(Contact(ch.name, tuple(lines), ch.url, qr=qr))
    if region.law is not None and not qr:
        law = region.law
        blocks += [Heading(lab["law"], 3), Para(f"{law.name}: {td.t(law.summary)}")]
        if law.penalty is not None:
            blocks.append(Para(f"{td.deck.labels['penalty']}: {td.t(law.penalty)}"))
        blocks.append(
            Para(
                lab["source"].format(
                    source=f"{law.source} ({lab['checked'].format(date=law.gathered)}; "
                    f"{confirmation(law, _deck_labels(td))})"
                ),
                small=True,
            )
        )
    return blocks


def handout(td: Tailored, audience: str | None = None) -> Document:
    """A one-page take-home sheet for pupils or parents: warning signs, what to do, helplines."""
    deck, aud = td.deck, td.deck.audience
    who = audience or td.talk.audience
    lab = td.labels_for(who)
    slides = {s.id: s for s in deck.slides}
    tips = td.lib.tips
    blocks: list[Block] = []
    if who == "parents":
        title = lab["parents_title"].format(title=deck.title)
        blocks.append(Para(lab["parents_intro"]))
        signs: list[Block] = (
            [Para(td.t(tips[PARENT_SIGNS_TIP].text))]
            if PARENT_SIGNS_TIP in tips
            else _slide_lines(slides.get(WARNING_SLIDE))
        )
        helping = tuple(td.t(tips[t].text) for t in PARENT_TIPS if t in tips)
        doing: list[Block] = [Items(helping)] if helping else _slide_lines(_action(deck))
        blocks += [Heading(lab["signs"]), *signs, Heading(lab["help_parent"]), *doing]
    else:
        title = deck.title
        signs = _slide_lines(slides.get(WARNING_SLIDE))
        if signs:
            blocks += [Heading(lab["signs"]), *signs]
        blocks += [Heading(lab["do"]), *_slide_lines(_action(deck))]
        remember = _slide_lines(slides.get(RECAP_SLIDE))
        if remember:
            blocks += [Heading(lab["remember"]), *remember]
    blocks += [Heading(lab["who"]), *local_help.lead(td), *_helplines(td, lab, qr=True)[1:]]
    blocks.append(
        Para(
            lab["from"].format(title=deck.title, version=deck.version, date=_gathered(td)),
            small=True,
        )
    )
    subtitle = lab["sheet"].format(region=td.t(td.region.name))
    return Document(title, subtitle, tuple(blocks), aud.lang, aud.region, deck.version_date)


def _action(deck: Deck) -> ResolvedSlide | None:
    by_id = {s.id: s for s in deck.slides}
    return by_id.get(ACTION_SLIDE) or next((s for s in deck.slides if s.kind == "tips"), None)


def _slide_lines(slide: ResolvedSlide | None) -> list[Block]:
    """A slide's lines as on screen: intro lines as text, bullets as a list."""
    if slide is None:
        return []
    out: list[Block] = []
    bullets: list[str] = []
    for line in slide.body:
        if line.bullet:
            bullets.append(line.text)
            continue
        if bullets:
            out.append(Items(tuple(bullets)))
            bullets = []
        out.append(Para(line.text))
    bullets += [" ".join(line.text for line in card.lines) for card in slide.cards]
    if bullets:
        out.append(Items(tuple(bullets)))
    return out


def write_document(
    doc: Document, fmt: str, output: Path, fonts: Path, one_page: bool = False, force: bool = False
) -> Path:
    """Write ``doc`` as Markdown or PDF. Side effect: writes ``output`` atomically.

    An existing file is replaced only if talkdeck wrote it (and, for Markdown, nobody changed
    it since), or with ``force``: a hand-written notes.md must never be lost.
    """
    wanted = {"md": ".md", "pdf": ".pdf"}[fmt]
    if output.suffix.lower() != wanted:
        raise UsageError(f"{output}: a {fmt} file's name must end in {wanted}")
    protect_document(output, force)
    data = to_pdf(doc, fonts, one_page) if fmt == "pdf" else seal(to_markdown(doc)).encode()
    write_atomic(output, data)
    return output


_SEAL = re.compile(r"\n<!-- written by talkdeck; sha256 ([0-9a-f]{64}) -->\n\Z")
MAX_DOCUMENT = 50_000_000  # bytes: guides and handouts are far smaller


def seal(text: str) -> str:
    """Markdown with a last line that lets talkdeck tell its own, unchanged file."""
    digest = hashlib.sha256(text.encode()).hexdigest()
    return f"{text}\n<!-- written by talkdeck; sha256 {digest} -->\n"


def protect_document(path: Path, force: bool) -> None:
    """Raise unless ``path`` is absent, ``force`` is set, or talkdeck wrote it as it is."""
    if force or not (path.exists() or path.is_symlink()):
        return
    try:
        data = read_regular(path, MAX_DOCUMENT)
    except OSError:
        data = b""
    why = "not written by talkdeck"
    if path.suffix.lower() == ".pdf":
        if b"/Author (talkdeck)" in data[-100_000:] or b"/Author (talkdeck)" in data[:100_000]:
            return
    else:
        text = data.decode("utf-8", "replace")
        found = _SEAL.search(text)
        if found:
            body = text[: found.start()]
            if hashlib.sha256(body.encode()).hexdigest() == found.group(1):
                return
            why = "changed after talkdeck wrote it (edited by hand?)"
    raise TalkdeckError(f"{path}: {why}; use --force to replace it or choose a different -o")


def default_output(kind: str, td: Tailored, fmt: str, audience: str = "") -> Path:
    """``<talk>-<region>-<lang>-<age>-guide.md`` (or -handout[-parents]) in the current folder."""
    aud = td.deck.audience
    suffix = f"-{audience}" if audience and audience != "pupils" else ""
    return here() / f"{td.deck.talk_id}-{aud.region}-{aud.lang}-{aud.age}-{kind}{suffix}.{fmt}"


def make(
    kind: str,
    library: str | Path | None,
    talk: str,
    age: int | None,
    region: str,
    lang: str | None,
    draft: bool = False,
    fmt: str = "md",
    output: Path | None = None,
    audience: str | None = None,
    force: bool = False,
    helplines: tuple[str, ...] = (),
    presenter: str = "",
    lead: str = "",
    warn: Callable[[str], None] | None = None,
) -> Path:
    """Write the guide (``kind="guide"``) or the handout of a talk for one class.

    ``helplines``, ``presenter``, ``lead``: as for ``talkdeck build`` (see
    :mod:`talkdeck.printouts.local_help`); ``warn`` is told of a region with no child helpline
    in the reference data. Side effect: writes one file, atomically; default name from
    :func:`default_output`.
    """
    from talkdeck.deck.added_help import help_warnings

    td = tailored(library, talk, age, region, lang, draft, helplines, presenter, lead)
    if warn is not None:
        for warning in help_warnings(td.deck):
            warn(warning)
    if kind == "guide":
        doc = guide(td)
    else:
        audience = audience or td.talk.audience
        doc = handout(td, audience)
    path = output or default_output(kind, td, fmt, audience or "")
    return write_document(doc, fmt, path, FONTS, one_page=kind == "handout", force=force)
