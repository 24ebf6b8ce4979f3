"""What a workspace remembers between decks so the next one is faster: one object, owned by
:class:`talkdeck.workspace.Workspace` and passed to every stage that reads or fills it.

Each entry depends only on its key and on files that do not change while talkdeck runs (the
shipped fonts; a template is keyed by its path, size and modification time), so a memo may live
as long as its workspace: one build, one batch worker, or the whole life of ``talkdeck serve``.
:mod:`talkdeck.deck.cache` fills it from disk before a rebuild and keeps what it learned.
Nothing here is module-level state: two workspaces never share a memo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pptx.presentation import Presentation

    from talkdeck.deck.boxes import BoxSpec
    from talkdeck.deck.kinds import Paragraphs

Specs = dict[tuple[str, int], "BoxSpec"]


@dataclass(eq=False)
class Memo:
    """Text measurements, QR images and template boxes, kept for the owner's lifetime."""

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
    _answers: dict[tuple[BoxSpec, Paragraphs], float | None] = field(default_factory=dict)
    """:attr:`fits` by the box and text themselves, so a repeat skips hashing the key."""

    def fit(self, spec: BoxSpec, paragraphs: Paragraphs) -> float | None:
        """:func:`talkdeck.deck.fit.fit`, measured once per box and text."""
        found = self._answers.get((spec, paragraphs), self)
        if found is not self:
            return found  # type: ignore[return-value]
        from talkdeck.deck.fit import answer_key, fit

        key = answer_key(spec, paragraphs)
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
        stat = template.stat()
        key = (str(template), stat.st_mtime_ns, stat.st_size)
        if key not in self.boxes:
            from talkdeck.deck.boxes import box_specs, template_prs

            self.boxes[key] = box_specs(prs if prs is not None else template_prs(template))
        return self.boxes[key]
