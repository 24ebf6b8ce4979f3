"""Which texts fill each kind of slide (:attr:`talkdeck.deck.kinds.Kind.content`), when a kind is
shown for a region, and which region texts it shows pupils (for lint's rules).

Pure: a kind's content reads the slide, the library and the region through :class:`Tailoring`
(implemented by ``deck.tailor._Tailor``) and gives plain strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from talkdeck.deck.slide_content import Card, Content, Line, Picture, QRCode, whole
from talkdeck.deck.visibility import channels_for, for_reader
from talkdeck.deck.word_limits import sentences, slide_words, words

if TYPE_CHECKING:
    from talkdeck.library.model import Region, Slide, Text


class Tailoring(Protocol):
    """What a kind's :attr:`Kind.content` may ask of the tailor (see deck.tailor._Tailor)."""

    lib: Any
    talk: Any
    region: Region
    labels: dict[str, str]
    channels: list[Any]
    """The region's channels this deck shows (:func:`channels_for`)."""

    @property
    def added(self) -> Sequence[Any]:
        """The presenter's own helplines (--helpline), first in ``channels``."""
        ...

    limit: int | None
    """The most words a slide of this deck shows (pupils' decks), or None."""

    def t(self, text: Text | None) -> str: ...
    def cite(self, fact: Any) -> str: ...
    def fact_note(self, fact: Any) -> str: ...
    def channel_line(self, ch: Any) -> str: ...
    def reach(self, ch: Any) -> str: ...
    def channels_note(self) -> str: ...
    def picture(self, name: str | None) -> Picture | None: ...
    def bullet(self, bullet: Any) -> str: ...
    def shown(self, item: Any) -> bool: ...
    def law_note(self, law: Any) -> str: ...


RegionText = tuple["Text | None", tuple[str | int, ...], str]
"""A region text a slide shows: (text, where in the region file, what it is for lint)."""


# --- tailoring: which texts fill a slide -------------------------------------------------------


def intro(t: Tailoring, slide: Slide) -> list[Line]:
    return [Line(t.t(slide.text), bullet=False)] if slide.text is not None else []


def slide_lines(t: Tailoring, slide: Slide, age: int) -> list[Line]:
    """The slide's own text (an intro line) and bullets for this age."""
    return intro(t, slide) + [
        Line(t.bullet(b), b.level) for b in slide.bullets if b.ages is None or age in b.ages
    ]


def text_slide(t: Tailoring, slide: Slide, age: int) -> Content:
    return Content(t.t(slide.title), slide_lines(t, slide, age))


def heading(t: Tailoring, slide: Slide, age: int) -> Content:
    """Title and section slides: a heading and one line under it; bullets are not shown."""
    return Content(t.t(slide.title), [Line(t.t(slide.text))] if slide.text else [])


def bullet_cards(t: Tailoring, slide: Slide, age: int) -> list[Card]:
    """A card per bullet shown at this age, with the bullet's picture (``pictures``)."""
    return [
        Card(
            (Line(t.bullet(b)),),
            picture=t.picture(slide.pictures[j] if j < len(slide.pictures) else None),
        )
        for j, b in enumerate(slide.bullets)
        if b.ages is None or age in b.ages
    ]


def card_slide(t: Tailoring, slide: Slide, age: int) -> Content:
    """Rules, activity and recap: the slide's text as a line under the title, bullets as cards."""
    return Content(t.t(slide.title), intro(t, slide), cards=bullet_cards(t, slide, age))


def fact_slide(t: Tailoring, title: str, fact: Any) -> Content:
    """A fact as a statistic: the number large, the claim, the source small."""
    number, claim = t.t(fact.number), t.t(fact.text)
    out = Content(
        title,
        [],
        number=number,
        claim=claim,
        source=t.cite(fact),
        notes=[t.fact_note(fact)],
        kind="statistic",
    )
    if not any(ch.isdigit() for ch in number):  # "Same age" is a statement, not a figure
        out.kind, out.number, out.claim, out.body = "statement", "", "", [Line(claim)]
    return out


def statistic(t: Tailoring, slide: Slide, age: int) -> Content:
    return fact_slide(t, t.t(slide.title), t.lib.facts[slide.fact or ""])


def statement(t: Tailoring, slide: Slide, age: int) -> Content:
    return Content(t.t(slide.title), [Line(t.t(slide.text))])


def tips(t: Tailoring, slide: Slide, age: int) -> Content:
    """A card per tip. Pupils read it in a few words (its card, or its key rule, worded as on
    the recap) and the notes give each tip in full, for the presenter to say."""
    out = card_slide(t, slide, age)
    said = []
    for tip_id in slide.tips:
        tip = t.lib.tips[tip_id]
        text = t.t(tip.text)
        if t.talk.audience != "pupils" and tip.audience != "adults":
            # A pupils' tip on a parents' slide says "you" to the child: say whose words they are.
            text = t.labels["pupil_tip"].format(tip=text)
        short = tip.card or tip.rule if t.talk.audience == "pupils" else None
        if short is not None:
            said.append(f"• {text}")
            text = t.t(short)
        out.cards.append(Card((Line(text),), picture=t.picture(tip.picture)))
    if said:
        out.notes.append("\n".join([t.labels["tips_said"], *said]))
    return out


def helpline(t: Tailoring, slide: Slide, age: int) -> Content:
    """A card per service: its name, what it is for, other ways to reach it; the number large."""
    lab = t.labels
    out = Content(t.t(slide.title) or lab["help"], [], notes=[t.channels_note()])
    elsewhere = help_elsewhere(t)
    for ch in t.channels:
        number, _, aside = ch.phone.partition(" (")  # "1-800-843-5678 (1-800-THE-LOST)"
        ways = [whole(f"({aside}")] if aside else []
        if not number and ch.text:
            number, ways = ch.text, [lab["sms"]]
        elif ch.text:
            ways.append(f"{lab['sms']} {ch.text}")
        if not number and ch.whatsapp:
            number, ways = ch.whatsapp, [*ways, lab["whatsapp"]]
        elif ch.whatsapp:
            ways.append(f"{lab['whatsapp']} {ch.whatsapp}")
        ways += [ch.url] if ch.url else []
        ways += [ch.hours] if ch.hours else []
        lines = [Line(ch.name)]
        what = channel_what(ch, t.talk.audience)[0]
        lines += [Line(t.t(what), 1)] if what is not None else []
        lines += [Line(" · ".join(ways), 1)] if ways else []
        if elsewhere and ch is t.channels[0]:
            lines.append(Line(elsewhere, 1))
        code = QRCode(ch.url, ch.name) if ch.url else None
        # Without a code, a picture of what kind of help it is takes the code's place.
        pictures = t.lib.helpline_pictures  # a kind without its own (a presenter's): a helpline's
        shown = None if code else t.picture(pictures.get(ch.kind) or pictures.get("helpline"))
        out.cards.append(Card(tuple(lines), number=number, picture=shown, qr=code))
        out.qr += [code] if code else []
    return out


def describe_helplines(labels: dict[str, str], cards: Sequence[Card]) -> str:
    """What the slide shows, for the notes: the QR codes only where there are some."""
    with_code = [c.qr.label for c in cards if c.qr]
    # One sentence a code: the label is written for one card ("its website").
    codes = [labels["help_qr"].format(names=name) for name in with_code]
    return " ".join([labels["help_cards"], *(codes or [labels["help_no_qr"]])])


def law(t: Tailoring, slide: Slide, age: int) -> Content:
    """What is a crime, one sentence a line; then the penalty on a slide of its own."""
    law = t.region.law
    out = Content(t.t(slide.title) or t.labels["law"], slide_lines(t, slide, age))
    if law is None:  # not shown then (see Kind.shown); kept total for the type checker
        return out
    out.body += [Line(sentence) for sentence in sentences(t.t(law.summary))]
    out.source = f"{law.name} – {law.source}"
    out.notes.append(t.law_note(law))
    if law.penalty is not None:
        penalty = [Line(sentence) for sentence in sentences(t.t(law.penalty))]
        out.more.append(
            Content(t.labels["penalty"], penalty, source=out.source, notes=[t.law_note(law)])
        )
    return out


def local(t: Tailoring, slide: Slide, age: int) -> Content:
    """Each local fact as a statistic of its own, then the local organisations, ending on where
    to get help now ("help near you" must offer help, not only names)."""
    r = t.region
    here = t.t(r.name)  # "In {region}" would read "In United States"
    facts = [fact_slide(t, here, fact) for fact in filter(t.shown, r.facts)]
    help_near = Content(
        t.t(slide.title) or t.labels["local"].format(region=here), slide_lines(t, slide, age)
    )
    help_near.body += [
        Line(f"{org.name}: {t.t(org.what)}") for org in filter(t.shown, r.organisations)
    ]
    if t.channels:
        help_near.body.append(Line(t.labels["help_now"].format(channel=t.reach(t.channels[0]))))
    first, *rest = [*facts, help_near]
    first.more = rest
    return first


def closing(t: Tailoring, slide: Slide, age: int) -> Content:
    """The slide's words and the first helpline, then where else to ask for one (the region's
    `help_elsewhere`); the second helpline too where the word limit allows."""
    out = text_slide(t, slide, age)
    elsewhere = help_elsewhere(t)
    for k, ch in enumerate(t.channels[:2]):
        line = Line(t.channel_line(ch))
        if k and t.limit is not None and slide_words(out) + words(line.text) > t.limit:
            break
        out.body.append(line)
        if not k and elsewhere:  # right under the one number it qualifies
            out.body.append(Line(elsewhere))
    return out


def help_elsewhere(t: Tailoring) -> str:
    """The region's line for pupils its helplines do not serve, unless the presenter added
    a helpline of their own for this class."""
    r = t.region
    if t.talk.audience != "pupils" or r.help_elsewhere is None or t.added:
        return ""
    return t.t(r.help_elsewhere)


# --- lint: region texts a slide shows ----------------------------------------------------------


def channel_what(ch: Any, audience: str) -> tuple[Text | None, str]:
    """The channel's description for this audience, and its key in the region file."""
    adults = getattr(ch, "what_adults", None)  # a presenter's added line has none
    if audience != "pupils" and adults is not None:
        return adults, "what_adults"
    return ch.what, "what"


def channel_texts(r: Region, audience: str, age: int) -> list[RegionText]:
    index = {id(ch): k for k, ch in enumerate(r.channels)}
    return [
        (text, ("channels", index[id(ch)], key), "channel")
        for ch in channels_for(r, audience, age)
        for text, key in [channel_what(ch, audience)]
    ] + elsewhere_texts(r, audience, age)


def elsewhere_texts(r: Region, audience: str, age: int) -> list[RegionText]:
    """The pupils' `help_elsewhere` line, checked as an organisation's line is (no numbers)."""
    if audience != "pupils" or r.help_elsewhere is None:
        return []
    return [(r.help_elsewhere, ("help_elsewhere",), "org")]


def law_texts(r: Region, audience: str, age: int) -> list[RegionText]:
    if r.law is None:
        return []
    return [(getattr(r.law, name), ("law", name), "law") for name in ("summary", "penalty")]


def local_texts(r: Region, audience: str, age: int) -> list[RegionText]:
    texts: list[RegionText] = [
        (f.text, ("facts", k, "text"), "fact")
        for k, f in enumerate(r.facts)
        if for_reader(f, audience, age)
    ]
    return texts + [
        (o.what, ("organisations", k, "what"), "org")
        for k, o in enumerate(r.organisations)
        if for_reader(o, audience, age)
    ]


def local_shown(r: Region, audience: str, age: int) -> bool:
    return any(for_reader(x, audience, age) for x in (*r.facts, *r.organisations))
