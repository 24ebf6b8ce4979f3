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

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from talkdeck import __version__
from talkdeck.deck.deck_json import from_json, to_json
from talkdeck.deck.resolved import FORMAT, Audience, Deck
from talkdeck.deck.talk_entry import TalkEntry, entry_of
from talkdeck.library.assets import inside_assets
from talkdeck.library.files import feed_regular, inside, read_regular
from talkdeck.library.locate import LIBRARY_FILES, TEMPLATE, region_files

if TYPE_CHECKING:
    from talkdeck.deck.memo import Memo
    from talkdeck.library.load import Library
    from talkdeck.library.model import Talk

CACHE_ENV = "TALKDECK_CACHE"
LAYOUT = 4  # of the cache's own files: bump when they change
MAX_BYTES = 1_000_000  # a library file over this is refused by the loader (safe_yaml.MAX_BYTES)
MAX_ENTRY = 20_000_000  # bytes per cache file; a tailored deck's JSON is a few kB
FITS = "fits.json"
KEPT = "memo.json"  # Memo.kept(): the template's boxes and the pictures' sizes


ORPHAN_AGE = 15 * 60  # seconds: a `.new-*` folder this old belongs to a build that died
MAX_CODE = 1_000_000  # bytes per source file hashed into the key


def cache_dir() -> Path | None:
    value = os.environ.get(CACHE_ENV, "")
    if value.lower() == "off":
        return None
    if value:
        return Path(value).absolute()
    # The XDG spec: a relative path in XDG_CACHE_HOME is invalid and must be ignored.
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = str(Path.home() / ".cache")
    return Path(base) / "talkdeck"


def _key(root: Path, talk_file: Path) -> str:
    """Digest of everything a tailored deck depends on: the library's files and talkdeck's own
    code (a checkout can change without a new version number).

    Raises OSError when a file cannot be hashed safely (a FIFO, a device, over the size limit,
    outside the library): the cache then steps aside and the normal build reports the problem.
    """
    digest = hashlib.sha256(f"{__version__}/{FORMAT}/{LAYOUT}".encode())
    # All of talkdeck's code, not only deck/: an entry also vouches that the library passed the
    # checks in library/ (a batch plans from it), and a new check must see the library again.
    code = sorted(Path(__file__).parents[1].rglob("*.py"))
    # pictures.yaml is optional: a library without it has nothing to hash there.
    library = [
        *(root / name for name in LIBRARY_FILES if (root / name).exists()),
        *region_files(root),
    ]
    for path in library:
        if not inside(root, path):
            raise OSError(f"{path}: outside the library")
    for path, limit in [
        *((p, MAX_CODE) for p in code),
        (talk_file, MAX_BYTES),
        *((p, MAX_BYTES) for p in library),
    ]:
        digest.update(path.name.encode() + b"\0")
        feed_regular(path, digest.update, limit)  # never a FIFO, never over the limit
        digest.update(b"\0")
    # Pictures are checked at load time: a changed picture must be checked again. A broken
    # or looping symlink is hashed as such (the load reports it if a talk uses it).
    for folder, dirs, names in sorted(os.walk(root / "assets")):
        dirs.sort()
        for name in sorted(names):
            try:
                stat = (Path(folder) / name).stat()
                seen = f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_mode}"
            except (OSError, ValueError):
                seen = "unreadable"
            digest.update(f"{folder}/{name}:{seen}\0".encode())
    return digest.hexdigest()[:32]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_checked(folder: Path, name: str, sums: Any) -> bytes:
    """An entry's bytes, if the index lists it with this checksum. Raises ValueError if not."""
    data = read_regular(folder / name, MAX_ENTRY)
    if not isinstance(sums, dict) or sums.get(name) != _sha(data):
        raise ValueError(f"{folder / name}: changed since it was cached")
    return data


def _folder(root: Path, talk_file: Path) -> tuple[Path, str] | None:
    """The entry's folder and the prefix shared by older entries of the same talk."""
    base = cache_dir()
    if base is None:
        return None
    owner = hashlib.sha256(f"{root}\0{talk_file.resolve()}".encode()).hexdigest()[:12]
    prefix = f"{owner}-"
    return base / f"{prefix}{_key(root, talk_file)}", prefix


def lookup(
    root: Path,
    talk_file: Path,
    region: str,
    lang: str | None,
    age: int,
    draft: bool,
    memo: Memo,
    known: Path | None = None,
) -> tuple[Deck, list[str], Path] | None:
    """The cached deck for this audience, the warnings its load gave (region files set
    aside) and the entry's folder (for :func:`keep_memo`), or None when the cache cannot answer
    for sure. On a hit, ``memo`` takes the text
    measurements and QR codes kept with the entry.

    Anything unusual (an unknown region, a language the talk lacks, a draft without --draft)
    is a miss, so the full path raises the proper error. Entries are untrusted input: each must
    match the checksum the index recorded, hold the right types, and point only at pictures
    inside the library; on any doubt the build takes the normal path.

    ``known``: the entry an earlier lookup through ``memo`` answered from, for a workspace that
    builds many decks (a batch worker): its key is not worked out again (the library does not
    change while a workspace lives) and what ``memo`` already took from it is not read again.
    """
    try:
        found = (known, "") if known is not None else _folder(root, talk_file)
        if found is None:
            return None
        folder = found[0]
        index = json.loads(read_regular(folder / "index.json", MAX_ENTRY).decode("utf-8"))
        sums = index["sums"]
        regions, urls, aliases = index["regions"], index["qr"], index["aliases"]
        if not (
            isinstance(regions, dict)
            and all(isinstance(v, str) for v in regions.values())
            and isinstance(aliases, dict)
            and isinstance(urls, list)
            and all(isinstance(u, str) for u in urls)
        ):
            return None
        code = next((c for c in regions if c.lower() == region.lower()), None)
        code = code or aliases.get(region.lower())  # a region file's aliases: uk -> GB
        if code not in regions or (index["status"] == "draft" and not draft):
            return None
        lang = lang or regions[code]
        offered = index["languages"][code]
        if not (isinstance(offered, list) and lang in offered):  # keeps an odd --lang out
            return None
        warnings = index["warnings"]
        if not (isinstance(warnings, list) and all(isinstance(w, str) for w in warnings)):
            return None
        name = f"{age}-{code}-{lang}.json"
        deck = from_json(json.loads(_read_checked(folder, name, sums).decode("utf-8")))
        if (deck.audience.age, deck.audience.region, deck.audience.lang) != (age, code, lang):
            return None
        for slide in deck.slides:
            if slide.picture is not None and inside_assets(root, slide.picture.path)[0] is None:
                return None  # a path edited into the entry: never embed it unchecked
        fits = _fits(folder) if known is None else {}
        if known is None and (folder / KEPT).exists():
            memo.take_kept(root / TEMPLATE, _unwrap(folder / KEPT, "kept"))
        wanted = {q.url for s in deck.slides for q in s.qr} - memo.qr.keys()
        codes = {
            url: _read_checked(folder, f"qr/{n}.png", sums)
            for n, url in enumerate(urls)
            if url in wanted
        }
    except (
        OSError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        UnicodeDecodeError,
        RecursionError,
    ):
        return None
    memo.remember_fits(fits)
    for url, data in codes.items():
        memo.remember_qr(url, data)
    return deck, warnings, folder


def talk_entry(root: Path, talk_file: Path) -> TalkEntry | None:
    """The entry for this talk and the library as they are now, if a build kept one whose load
    set nothing aside: that library and talk then passed every check a strict load makes (the
    key covers every file they are read from). None on any doubt."""
    try:
        found = _folder(root, talk_file)
        if found is None:
            return None
        index = json.loads(read_regular(found[0] / "index.json", MAX_ENTRY).decode("utf-8"))
        return TalkEntry.from_index(index)
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
        return None


def _unwrap(path: Path, name: str) -> Any:
    """The value a file written by :func:`_wrap` holds, if it is unchanged."""
    box = json.loads(read_regular(path, MAX_ENTRY).decode("utf-8"))
    value = box[name]
    if box["sha256"] != _sha(json.dumps(value, sort_keys=True).encode()):
        raise ValueError(f"{path.name} changed since it was written")
    return value


def _wrap(folder: Path, file: str, name: str, value: Any) -> None:
    """Write ``value`` with its checksum to ``folder/file``, atomically."""
    box = {name: value, "sha256": _sha(json.dumps(value, sort_keys=True).encode())}
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(box, handle, sort_keys=True)
    os.replace(tmp, folder / file)


def _fits(folder: Path) -> dict[str, float | None]:
    """Text measurements kept with the entry, if they are well formed."""
    path = folder / FITS
    if not path.exists():
        return {}
    answers = _unwrap(path, "answers")
    if not isinstance(answers, dict) or not all(
        isinstance(k, str) and (v is None or (type(v) in (int, float) and 0 < v <= 400))
        for k, v in answers.items()
    ):
        raise ValueError("fits.json holds values no measurement gives")
    return answers


def store(
    root: Path, talk_file: Path, lib: Library, talk: Talk, warnings: list[str], memo: Memo
) -> None:
    """Tailor and keep every variant of a talk, and the QR codes of every region (made through
    ``memo``). Side effect: writes under :func:`cache_dir`."""
    from talkdeck.deck.tailor import tailor

    work: Path | None = None
    try:
        found = _folder(root, talk_file)
        if found is None:
            return
        folder, prefix = found
        if (folder / "index.json").is_file():
            return
        folder.parent.mkdir(parents=True, exist_ok=True)
        remove_orphans(folder.parent)
        work = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".new-"))
        entry, defaults, sums = entry_of(lib, talk), {}, {}
        for code, offered in entry.offered.items():
            if not offered:
                continue  # no deck possible: a miss, so the full path explains why
            defaults[code] = offered[0]
            for lang in offered:
                for age in talk.ages.ages:
                    deck = tailor(lib, talk, Audience(age=age, region=code, lang=lang))
                    name = f"{age}-{code}-{lang}.json"
                    data = json.dumps(to_json(deck), ensure_ascii=False).encode("utf-8")
                    (work / name).write_bytes(data)
                    sums[name] = _sha(data)
        urls = sorted({ch.url for r in lib.regions.values() for ch in r.channels if ch.url})
        (work / "qr").mkdir()
        for number, url in enumerate(urls):
            data = memo.qr_png(url)
            (work / "qr" / f"{number}.png").write_bytes(data)
            sums[f"qr/{number}.png"] = _sha(data)
        index = {
            **entry.index(),
            "regions": defaults,
            "qr": urls,
            "sums": sums,
            "warnings": warnings,
        }
        (work / "index.json").write_text(json.dumps(index), encoding="utf-8")
        for old in folder.parent.glob(f"{prefix}*"):  # entries for older versions of the files
            shutil.rmtree(old, ignore_errors=True)
        os.replace(work, folder)
        work = None
    except (OSError, ValueError):  # ValueError: e.g. a QR code too long (load reports it)
        return
    finally:
        if work is not None:  # a failed or raced first build leaves nothing behind
            shutil.rmtree(work, ignore_errors=True)


def remove_orphans(base: Path, now: float | None = None) -> None:
    """Delete ``.new-*`` folders left by builds that died (killed, disk full) long ago."""
    now = time.time() if now is None else now
    try:
        for old in base.glob(".new-*"):
            if old.is_dir() and not old.is_symlink() and now - old.lstat().st_mtime > ORPHAN_AGE:
                shutil.rmtree(old, ignore_errors=True)
    except OSError:
        return


def keep_memo(root: Path, talk_file: Path, memo: Memo, folder: Path | None = None) -> None:
    """Keep what ``memo`` learned that the entry lacks (text measurements, the template's
    boxes, picture sizes), so the next build need not load fonts or read the template.
    ``folder``: the entry :func:`lookup` answered from, if it did (saves hashing again)."""
    try:
        if folder is None:
            found = _folder(root, talk_file)
            if found is None:
                return
            folder = found[0]
        if not folder.is_dir():
            return
        try:
            known = _fits(folder)
        except (OSError, ValueError, KeyError, TypeError):
            known = {}
        if not memo.learned.keys() <= known.keys():
            _wrap(folder, FITS, "answers", known | memo.learned)
        try:
            before = _unwrap(folder / KEPT, "kept") if (folder / KEPT).exists() else None
        except (OSError, ValueError, KeyError, TypeError):
            before = None
        if memo.has_news(root / TEMPLATE, before):
            if before is not None:
                with contextlib.suppress(ValueError, KeyError, TypeError, AttributeError):
                    memo.take_kept(root / TEMPLATE, before)  # what other builds kept stays
            _wrap(folder, KEPT, "kept", memo.kept(root / TEMPLATE))
    except (OSError, ValueError):
        return
