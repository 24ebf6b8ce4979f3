"""Pictures added through talkdeck.deck.ooxml.pictures give python-pptx's own bytes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from talkdeck.deck.logo import checked_logo
from talkdeck.deck.memo import Memo
from talkdeck.deck.ooxml.pictures import PictureAdder
from talkdeck.deck.pptx_bytes import deck_bytes
from talkdeck.library.load import load_library, load_talk
from talkdeck.workspace import BuildRequest, tailor_request

from .conftest import REPO


def python_pptx_add(self: PictureAdder, slide: object, data: bytes, left: int, top: int) -> object:
    from pptx.util import Emu

    return slide.shapes.add_picture(io.BytesIO(data), Emu(left), Emu(top))  # type: ignore[attr-defined]


@pytest.mark.parametrize("region", ["GB", "CO"])
def test_the_same_bytes_as_python_pptx_with_icons_qr_codes_and_a_logo(
    region: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = load_library(REPO)
    talk, _ = load_talk(lib, "grooming-awareness")
    request = BuildRequest(talk="grooming-awareness", age=13, region=region, school="Hill")
    deck = tailor_request(lib, talk, request)
    Image.new("RGB", (400, 200), (200, 30, 60)).save(tmp_path / "logo.png")
    logo = checked_logo(tmp_path / "logo.png")
    memo = Memo()
    fast = deck_bytes(lib.template, deck, memo, logo)
    again = deck_bytes(lib.template, deck, memo, logo)  # sizes now from the memo, not Pillow
    monkeypatch.setattr(PictureAdder, "add", python_pptx_add)
    slow = deck_bytes(lib.template, deck, Memo(), logo)
    assert fast == again == slow
    with zipfile.ZipFile(io.BytesIO(fast)) as package:
        media = [n for n in package.namelist() if n.startswith("ppt/media/")]
    assert len(media) > 5  # pictures, icons, QR codes and the logo, each stored once
    assert len(memo.pictures) == len(media)
