"""Checked, tailored decks kept between runs, so a rebuild skips YAML, validation and pydantic.

Volunteers rebuild the same talk for each class (another school name, another date): after the
first build of a talk, every variant (age x region x language) is kept as JSON, without the
volunteer's details, under a key made of talkdeck's version and code and the bytes of every
file the decks depend on. Any change to the library gives a new key, so a stale entry is never used.

JSON, not pickle: a cache file is data and can never run code. The cache is a convenience:
when it cannot be read or written, talkdeck builds the slow way and says nothing.
``TALKDECK_CACHE=off`` turns it off; ``TALKDECK_CACHE=DIR`` moves it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from talkdeck import __version__

from talkdeck.deck import qr
from talkdeck.library.locate import LIBRARY_FILES, region_files
from talkdeck.deck.tailor import FORMAT, Audience, Deck, Line, Picture, QRCode, ResolvedSlide

if TYPE_CHECKING:
    from talkdeck.library.load import Library
    from talkdeck.library.model import Talk

CACHE_ENV = "TALKDECK_CACHE"
LAYOUT = 2  # of the cache's own files: bump when they change


def cache_dir() -> Path | None:
    value = os.environ.get(CACHE_ENV, "")
    if value.lower() == "off":
        return None
    if value:
        return Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "talkdeck"


def _key(root: Path, talk_file: Path) -> str:
    """Digest of everything a tailored deck depends on: the library's files and talkdeck's own
    code (a checkout can change without a new version number)."""
    digest = hashlib.sha256(f"{__version__}/{FORMAT}/{LAYOUT}".encode())
    code = sorted(Path(__file__).parent.glob("*.py"))
    files = [*code, talk_file, *(root / name for name in LIBRARY_FILES),
             *region_files(root)]
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    # Pictures are checked at load time: a changed picture must be checked again.
    for folder, dirs, names in sorted(os.walk(root / "assets")):
        dirs.sort()
        for name in sorted(names):
            stat = (Path(folder) / name).stat()
            digest.update(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:32]


def _folder(root: Path, talk_file: Path) -> tuple[Path, str] | None:
    """The entry's folder and the prefix shared by older entries of the same talk."""
    base = cache_dir()
    if base is None:
        return None
    owner = hashlib.sha256(f"{root}\0{talk_file.resolve()}".encode()).hexdigest()[:12]
    prefix = f"{owner}-"
    return base / f"{prefix}{_key(root, talk_file)}", prefix


def lookup(root: Path, talk_file: Path, region: str, lang: str | None, age: int,
           draft: bool) -> Deck | None:
    """The cached deck for this audience, or None when the cache cannot answer for sure.

    Anything unusual (an unknown region, a language the talk lacks, a draft without --draft)
    is a miss, so the full path raises the proper error.
    """
    try:
        found = _folder(root, talk_file)
        if found is None:
            return None
        folder = found[0]
        index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
        code = next((c for c in index["regions"] if c.lower() == region.lower()), None)
        if code is None or (index["status"] == "draft" and not draft):
            return None
        lang = lang or index["regions"][code]
        entry = folder / f"{age}-{code}-{lang}.json"
        deck = _from_json(json.loads(entry.read_text(encoding="utf-8")))
        fits = folder / "fits.json"
        if fits.is_file():
            from talkdeck.deck import fit

            fit.remember(json.loads(fits.read_text(encoding="utf-8")))
        wanted = {q.url for s in deck.slides for q in s.qr}
        for number, url in enumerate(index["qr"]):
            if url in wanted:
                qr.remember(url, (folder / "qr" / f"{number}.png").read_bytes())
        return deck
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(root: Path, talk_file: Path, lib: Library, talk: Talk) -> None:
    """Tailor and keep every variant of a talk. Side effect: writes under :func:`cache_dir`."""
    from talkdeck.deck.tailor import pick_language, tailor

    try:
        found = _folder(root, talk_file)
        if found is None:
            return
        folder, prefix = found
        if (folder / "index.json").is_file():
            return
        folder.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".new-"))
        defaults = {}
        for code, region in lib.regions.items():
            defaults[code] = pick_language(talk, region, None)
            for lang in talk.languages:
                for age in talk.ages.ages:
                    deck = tailor(lib, talk, Audience(age=age, region=code, lang=lang))
                    (work / f"{age}-{code}-{lang}.json").write_text(
                        json.dumps(_to_json(deck), ensure_ascii=False), encoding="utf-8")
        urls = sorted({ch.url for r in lib.regions.values() for ch in r.channels if ch.url})
        (work / "qr").mkdir()
        for number, url in enumerate(urls):
            (work / "qr" / f"{number}.png").write_bytes(qr.png(url))
        index = {"talk": talk.id, "status": talk.status, "regions": defaults, "qr": urls}
        (work / "index.json").write_text(json.dumps(index), encoding="utf-8")
        for old in folder.parent.glob(f"{prefix}*"):  # entries for older versions of the files
            shutil.rmtree(old, ignore_errors=True)
        os.replace(work, folder)
    except OSError:
        return


def keep_fits(root: Path, talk_file: Path) -> None:
    """Keep the text measurements this run made, so the next build need not load fonts."""
    from talkdeck.deck import fit

    learned = fit.learned()
    found = _folder(root, talk_file) if learned else None
    if found is None or not found[0].is_dir():
        return
    path = found[0] / "fits.json"
    try:
        known = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        if learned.keys() <= known.keys():
            return
        fd, tmp = tempfile.mkstemp(dir=found[0], suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(known | learned, handle, sort_keys=True)
        os.replace(tmp, path)
    except (OSError, ValueError):
        return


def _to_json(deck: Deck) -> dict[str, Any]:
    return asdict(deck) | {"version_date": deck.version_date.isoformat()}


def _from_json(data: dict[str, Any]) -> Deck:
    slides = tuple(
        ResolvedSlide(**{
            **s,
            "body": tuple(Line(**line) for line in s["body"]),
            "qr": tuple(QRCode(**q) for q in s["qr"]),
            "picture": Picture(**s["picture"]) if s["picture"] else None,
        })
        for s in data["slides"]
    )
    return Deck(**{**data, "slides": slides, "audience": Audience(**data["audience"]),
                   "version_date": dt.date.fromisoformat(data["version_date"])})
