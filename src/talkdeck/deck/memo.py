"""What a workspace remembers between decks so the next one is faster: one object, owned by
:class:`talkdeck.workspace.Workspace` and passed to every stage that reads or fills it.

Each entry depends only on its key and on files that do not change while talkdeck runs (the
shipped fonts; a template is keyed by its path, size and modification time), so a memo may live
as long as its workspace: one build, one batch worker, or the whole life of ``talkdeck serve``.
:mod:`talkdeck.deck.cache` fills it from disk before a rebuild and keeps what it learned.
Nothing here is module-level state: two workspaces never share a memo.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pptx.presentation import Presentation

    from talkdeck.deck.boxes import BoxSpec
    from talkdeck.deck.kinds import Paragraphs
    from talkdeck.deck.ooxml.pictures import ImageInfo

Specs = dict[tuple[str, int], "BoxSpec"]
Box = tuple[int, int, int, int]
IMAGE_EXTS = ("png", "jpg", "gif", "bmp", "tiff", "wmf")  # what python-pptx names parts with


def template_key(template: Path) -> tuple[str, int, int]:
    """A template file as :attr:`Memo.boxes` keys it: path, modification time and size."""
    stat = template.stat()
    return str(template), stat.st_mtime_ns, stat.st_size


@dataclass(eq=False)
class Memo:
    """Text measurements, QR images, template boxes and picture sizes, kept for the owner's
    lifetime."""

    fits: dict[str, float | None] = field(default_factory=dict)
    """Answers of :func:`talkdeck.deck.fit.fit` by :func:`~talkdeck.deck.fit.answer_key`,
    measured here or read from the build cache (the fonts are the tool's, so they stay true)."""
    learned: dict[str, float | None] = field(default_factory=dict)
    """The answers of :attr:`fits` this memo measured itself: what the cache does not hold yet."""
    qr: dict[str, bytes] = field(default_factory=dict)
    """PNG bytes of the QR code for each helpline web address."""
    boxes: dict[tuple[str, int, int], Specs] = field(default_factory=dict)
    """Text boxes of a template (:func:`talkdeck.deck.boxes.box_specs`), keyed by the template's
    path, modification time and size."""
    geometry: dict[tuple[str, int, int], dict[str, dict[int, Box]]] = field(default_factory=dict)
    """Where each layout of a template puts its placeholders (see :meth:`geometry_of`)."""
    pictures: dict[str, ImageInfo] = field(default_factory=dict)
    """What Pillow says about each picture placed (format, pixels, dpi), by SHA-1 of its bytes:
    the same icons and QR codes recur in every deck."""
    _answers: dict[tuple[BoxSpec, Paragraphs], float | None] = field(default_factory=dict)
    """:attr:`fits` by the box and text themselves, so a repeat skips hashing the key."""
    _reprs: dict[BoxSpec, str] = field(default_factory=dict)
    """``repr`` of each box, a part of every key of :attr:`fits`."""

    def fit(self, spec: BoxSpec, paragraphs: Paragraphs) -> float | None:
        """:func:`talkdeck.deck.fit.fit`, measured once per box and text."""
        found = self._answers.get((spec, paragraphs), self)
        if found is not self:
            return found  # type: ignore[return-value]
        from talkdeck.deck.fit import answer_key, fit

        spec_repr = self._reprs.get(spec)
        if spec_repr is None:
            spec_repr = self._reprs[spec] = repr(spec)
        key = answer_key(spec, paragraphs, spec_repr)
        if key in self.fits:
            answer = self.fits[key]
        else:
            answer = self.learned[key] = self.fits[key] = fit(spec, paragraphs)
        self._answers[spec, paragraphs] = answer
        return answer

    def remember_fits(self, answers: dict[str, float | None]) -> None:
        """Take answers measured by an earlier run (see :mod:`talkdeck.deck.cache`)."""
        for key, answer in answers.items():
            self.fits.setdefault(key, answer)

    def qr_png(self, url: str) -> bytes:
        """The QR code for ``url`` (:func:`talkdeck.deck.qr.png`), made once."""
        if url not in self.qr:
            from talkdeck.deck.qr import png

            self.qr[url] = png(url)
        return self.qr[url]

    def remember_qr(self, url: str, data: bytes) -> None:
        """Take a code made by an earlier run (see :mod:`talkdeck.deck.cache`)."""
        self.qr.setdefault(url, data)

    def box_specs(self, template: Path, prs: Presentation | None = None) -> Specs:
        """The text boxes of ``template``, worked out once per template file.

        ``prs`` is the template already opened, if the caller has it; else it is opened here.
        """
        key = template_key(template)
        if key not in self.boxes:
            from talkdeck.deck.boxes import box_specs, template_prs

            self.boxes[key] = box_specs(prs if prs is not None else template_prs(template))
        return self.boxes[key]

    def geometry_of(self, template: Path) -> dict[str, dict[int, Box]]:
        """Where each layout of ``template`` puts its placeholders, by layout name and idx
        (left, top, width, height in EMU); the renderer fills it a layout at a time."""
        return self.geometry.setdefault(template_key(template), {})

    def kept(self, template: Path) -> dict[str, Any]:
        """What the build cache keeps for the next run (see :meth:`take_kept`): the template's
        boxes and layout geometry, and what Pillow said about each picture. Plain JSON data."""
        key = template_key(template)
        return {
            "boxes": [
                {**asdict(spec), "levels": [asdict(level) for level in spec.levels]}
                for spec in self.boxes.get(key, {}).values()
            ],
            "geometry": {
                layout: {str(idx): list(box) for idx, box in boxes.items()}
                for layout, boxes in self.geometry.get(key, {}).items()
            },
            "pictures": {
                sha1: [i.ext, i.content_type, list(i.size), list(i.dpi)]
                for sha1, i in self.pictures.items()
            },
        }

    def has_news(self, template: Path, kept: Any) -> bool:
        """Whether this memo knows more than ``kept`` (an earlier :meth:`kept`, or None)."""
        key = template_key(template)
        if key not in self.boxes:
            return False  # nothing worth keeping without the boxes
        try:
            return not (
                len(kept["boxes"]) == len(self.boxes[key])
                and self.geometry.get(key, {}).keys() <= kept["geometry"].keys()
                and self.pictures.keys() <= kept["pictures"].keys()
            )
        except (TypeError, KeyError, AttributeError):
            return True

    def take_kept(self, template: Path, kept: Any) -> None:
        """Take what :meth:`kept` returned in an earlier run with the same template file.

        ``kept`` is untrusted (a file): every value is checked before anything is taken.
        Raises TypeError, ValueError or KeyError on anything :meth:`kept` does not write.
        """
        from talkdeck.deck.boxes import BoxSpec, Level
        from talkdeck.deck.deck_json import typed
        from talkdeck.deck.ooxml.pictures import ImageInfo

        specs: Specs = {}
        for box in kept["boxes"]:
            levels = tuple(typed(Level, level, every=True) for level in box["levels"])
            spec = typed(BoxSpec, box, every=True, levels=levels)
            if not levels or spec.width <= 0 or spec.height <= 0:
                raise ValueError("a box without room or styles")
            specs[spec.layout, spec.idx] = spec
        geometry: dict[str, dict[int, Box]] = {}
        for layout, boxes in kept["geometry"].items():
            geometry[layout] = {}
            for idx, (left, top, width, height) in boxes.items():
                if not all(type(n) is int for n in (left, top, width, height)):
                    raise TypeError("a placeholder's place is four whole numbers")
                geometry[layout][int(idx)] = (left, top, width, height)
        pictures = {}
        for sha1, (ext, content_type, size, dpi) in kept["pictures"].items():
            numbers = [*size, *dpi]
            if not (
                isinstance(sha1, str)
                and ext in IMAGE_EXTS
                and isinstance(content_type, str)
                and len(numbers) == 4
                and all(type(n) is int and 0 < n < 1_000_000 for n in numbers)
            ):
                raise ValueError("not a picture's format, size and dpi")
            pictures[sha1] = ImageInfo(ext, content_type, (size[0], size[1]), (dpi[0], dpi[1]))
        key = template_key(template)
        if specs:
            self.boxes.setdefault(key, specs)
        for layout, boxes in geometry.items():
            self.geometry.setdefault(key, {}).setdefault(layout, boxes)
        for sha1, info in pictures.items():
            self.pictures.setdefault(sha1, info)
