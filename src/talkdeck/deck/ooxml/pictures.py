"""Pictures added without python-pptx's per-picture package walks; the bytes are its own.

``shapes.add_picture`` walks every relationship of the package twice a picture (once to find
an image part with the same bytes, once for the next free ``/ppt/media/imageN`` name) and opens
the image with Pillow twice for its size: about a fifth of a rebuild's time for a deck of ~40
pictures. A presentation's image parts change only through these adds, so they are walked once
per render and then kept in step; what Pillow says about a picture (format, pixels, dpi) is
kept in the workspace's memo (the same icons recur in every deck), so a rebuild opens no
picture at all. Then the picture is placed exactly as ``add_picture`` places it: same part,
name, relationship, shape id, description and native size (tests/test_pictures.py compares
the bytes with python-pptx's own path).

Part of :mod:`talkdeck.deck.ooxml`, the only place that touches python-pptx's internals
(pinned below 1.1 in pyproject.toml).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from talkdeck.deck.placeholders import EMU_PER_INCH

if TYPE_CHECKING:
    from pptx.shapes.picture import Picture
    from pptx.slide import Slide

MEDIA = "/ppt/media/image"


@dataclass(frozen=True)
class ImageInfo:
    """What python-pptx reads from a picture's bytes with Pillow to name and size it."""

    ext: str
    """Canonical extension ('png', 'jpg'), also of the part name."""
    content_type: str
    size: tuple[int, int]
    """Width and height in pixels."""
    dpi: tuple[int, int]
    """Horizontal and vertical dots per inch (72 when the file says nothing usable)."""

    @classmethod
    def of(cls, data: bytes) -> ImageInfo:
        from pptx.parts.image import Image

        image = Image.from_blob(data)
        return cls(image.ext, image.content_type, image.size, image.dpi)

    def native_size(self) -> tuple[int, int]:
        """Size in EMU at the image's dpi (python-pptx's ``ImagePart._native_size``)."""
        (width_px, height_px), (horz_dpi, vert_dpi) = self.size, self.dpi
        return int(EMU_PER_INCH * width_px / horz_dpi), int(EMU_PER_INCH * height_px / vert_dpi)


class PictureAdder:
    """Adds pictures to the slides of one presentation; one per render.

    ``infos`` maps a picture's SHA-1 to its :class:`ImageInfo`, kept by the caller between
    presentations (a workspace's memo). Every picture of the presentation must be added through
    the same adder after its first use, so the parts it tracks stay the package's.
    """

    def __init__(self, infos: dict[str, ImageInfo]) -> None:
        self.infos = infos
        self._parts: dict[str, Any] | None = None
        """Image parts of the package by SHA-1 of their bytes, the first python-pptx would find."""
        self._numbers: list[int] = []
        """N of every ``/ppt/media/imageN.*`` part, as python-pptx's next_image_partname lists."""

    def _start(self, package: Any) -> dict[str, Any]:
        """Walk the package once, as python-pptx walks it for every picture."""
        parts: dict[str, Any] = {}
        for part in package._image_parts:
            if hasattr(part, "sha1"):  # python-pptx skips unknown kinds (SVG) the same way
                parts.setdefault(part.sha1, part)
        self._numbers = [
            part.partname.idx
            for part in package.iter_parts()
            if part.partname.startswith(MEDIA) and part.partname.idx is not None
        ]
        self._parts = parts
        return parts

    def _next_number(self) -> int:
        """python-pptx's first_available_image_idx over the numbers in use."""
        for i, number in enumerate(sorted(self._numbers)):
            if i + 1 < number:
                return i + 1
        return len(self._numbers) + 1

    def add(self, slide: Slide, data: bytes, left: int, top: int) -> Picture:
        """``slide.shapes.add_picture(BytesIO(data), left, top)``, at the picture's native size."""
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.opc.packuri import PackURI
        from pptx.parts.image import ImagePart
        from pptx.util import Emu

        slide_part = slide.part
        package = slide_part.package
        parts = self._parts if self._parts is not None else self._start(package)
        sha1 = hashlib.sha1(data).hexdigest()
        info = self.infos.get(sha1)
        if info is None:
            info = self.infos[sha1] = ImageInfo.of(data)
        part = parts.get(sha1)
        if part is None:
            number = self._next_number()
            self._numbers.append(number)
            partname = PackURI(f"{MEDIA}{number}.{info.ext}")
            part = parts[sha1] = ImagePart(partname, info.content_type, package, data, None)
        r_id = slide_part.relate_to(part, RT.IMAGE)
        # python-pptx's _add_pic_from_image_part, sized from ``info``: its own asks Pillow twice.
        width, height = info.native_size()
        shapes: Any = slide.shapes
        shape_id = shapes._next_shape_id
        pic = shapes._grpSp.add_pic(
            shape_id,
            f"Picture {shape_id - 1}",
            part.desc,
            r_id,
            Emu(left),
            Emu(top),
            Emu(width),
            Emu(height),
        )
        shape: Picture = shapes._shape_factory(pic)
        return shape
