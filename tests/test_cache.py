"""The build cache: a rebuild skips loading, and never serves a deck the library no longer gives."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

import talkdeck.library.load
from talkdeck.deck.memo import Memo
from talkdeck.errors import TalkdeckError, UsageError
from talkdeck.workspace import BuildRequest, build

from .conftest import MINI, write_tree


def make(lib: Path, out: Path, **kw: Any) -> bytes:
    return build(
        lib, BuildRequest(**{"talk": "mini", "age": 12, "output": out, **kw})
    ).path.read_bytes()


def test_a_rebuild_comes_from_the_cache_with_the_same_bytes(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own_cache: Path
) -> None:
    first = make(mini, tmp_path / "a.pptx", age=13, region="CO")
    assert any(own_cache.iterdir())
    monkeypatch.setattr(talkdeck.library.load, "load_library", lambda *a: pytest.fail("loaded"))
    assert make(mini, tmp_path / "b.pptx", age=13, region="co") == first
    # Every variant was kept on the first build, not only the one asked for.
    make(mini, tmp_path / "c.pptx", age=15, region="global", lang="es")


def test_a_rebuild_takes_its_measurements_from_the_cache_into_the_workspace_memo(
    mini: Path, tmp_path: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The speed state is the workspace's own: a first build fills its memo, and a rebuild's
    workspace starts empty, takes what the cache kept, and measures nothing itself: no text,
    no template boxes, no picture read with Pillow."""
    from talkdeck.deck import boxes
    from talkdeck.deck.ooxml.pictures import ImageInfo
    from talkdeck.workspace import Workspace

    first = Workspace(mini)
    first.build(BuildRequest("mini", 12, "CO", output=tmp_path / "a.pptx"))
    assert first.memo.learned and first.memo.qr and first.memo.boxes and first.memo.pictures
    again = Workspace(mini)
    assert not (again.memo.fits or again.memo.qr or again.memo.boxes or again.memo.pictures)
    monkeypatch.setattr(boxes, "box_specs", lambda *a: pytest.fail("template read"))
    monkeypatch.setattr(ImageInfo, "of", lambda *a: pytest.fail("picture read"))
    again.build(BuildRequest("mini", 12, "CO", output=tmp_path / "b.pptx"))
    assert again.memo.fits.keys() >= first.memo.learned.keys()
    assert again.memo.learned == {}
    assert again.memo.qr == first.memo.qr
    assert again.memo.boxes == first.memo.boxes
    assert again.memo.geometry == first.memo.geometry
    assert again.memo.pictures == first.memo.pictures
    assert (tmp_path / "a.pptx").read_bytes() == (tmp_path / "b.pptx").read_bytes()


def test_a_workspace_reads_an_entry_s_key_and_memo_once_for_many_decks(
    mini: Path, tmp_path: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch worker tailors many decks through the cache: the entry's key (every library and
    code file hashed) and what the memo took from it are read once, not for each deck."""
    from talkdeck.deck import cache
    from talkdeck.workspace import Workspace

    make(mini, tmp_path / "first.pptx")  # keeps the entry
    ws = Workspace(mini)
    one = ws.tailor(BuildRequest("mini", 11, "CO"))
    monkeypatch.setattr(cache, "_key", lambda *a: pytest.fail("key worked out again"))
    monkeypatch.setattr(cache, "_fits", lambda *a: pytest.fail("fits read again"))
    monkeypatch.setattr(ws.memo, "take_kept", lambda *a: pytest.fail("memo read again"))
    two = ws.tailor(BuildRequest("mini", 13, "global", lang="es"))
    assert ws._lib is None  # both from the cache
    assert (one.audience.age, two.audience.age, two.audience.region) == (11, 13, "global")
    assert two == Workspace(mini, use_cache=False).tailor(BuildRequest("mini", 13, "global", "es"))


def test_cached_and_fresh_builds_agree_on_title_details(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(mini, tmp_path / "warm.pptx")
    monkeypatch.setenv("TALKDECK_CACHE", "off")
    fresh = make(mini, tmp_path / "fresh.pptx", school="Hill School", date="3 May")
    monkeypatch.undo()
    cached = make(mini, tmp_path / "cached.pptx", school="Hill School", date="3 May")
    assert cached == fresh
    title = Presentation(str(tmp_path / "cached.pptx")).slides[0].placeholders[1]
    assert title.text_frame.text == "Hill School\n3 May"


def test_a_library_change_is_never_served_stale(make_library: Callable, tmp_path: Path) -> None:
    lib = make_library()
    make(lib, tmp_path / "a.pptx", age=14)
    write_tree(
        lib,
        {
            "talks/common/facts.yaml": MINI["talks/common/facts.yaml"].replace(
                '"750,000"', '"750 000"'
            )
        },
    )
    make(lib, tmp_path / "b.pptx", age=14)
    texts = [
        sh.text_frame.text
        for s in Presentation(str(tmp_path / "b.pptx")).slides
        for sh in s.shapes
        if sh.has_text_frame
    ]
    assert "750 000" in texts and "750,000" not in texts


def test_usage_errors_are_the_same_with_a_warm_cache(mini: Path, tmp_path: Path) -> None:
    make(mini, tmp_path / "a.pptx")
    with pytest.raises(UsageError, match=r"unknown region 'XX' \(valid: CO, global\)"):
        make(mini, tmp_path / "b.pptx", region="XX")


def test_a_draft_needs_the_flag_even_from_the_cache(make_library: Callable, tmp_path: Path) -> None:
    lib = make_library(
        {"talks/mini.yaml": MINI["talks/mini.yaml"].replace("status: approved", "status: draft")}
    )
    make(lib, tmp_path / "a.pptx", draft=True)
    with pytest.raises(TalkdeckError, match="is a draft; pass --draft"):
        make(lib, tmp_path / "b.pptx")


def test_a_damaged_cache_is_ignored(mini: Path, tmp_path: Path, own_cache: Path) -> None:
    first = make(mini, tmp_path / "a.pptx")
    for entry in own_cache.rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert make(mini, tmp_path / "b.pptx") == first


def test_the_cache_can_be_turned_off(
    mini: Path, tmp_path: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TALKDECK_CACHE", "off")
    make(mini, tmp_path / "a.pptx")
    assert not any(own_cache.iterdir())


def test_qr_codes_come_back_from_the_cache(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    first = make(mini, tmp_path / "a.pptx", region="CO")  # a new workspace (and memo) a build
    monkeypatch.setitem(sys.modules, "segno", None)  # any new QR code would fail to import
    assert make(mini, tmp_path / "b.pptx", region="CO") == first


@pytest.mark.slow
def test_a_rebuild_imports_neither_pydantic_nor_yaml_nor_segno(
    mini: Path, tmp_path: Path, own_cache: Path
) -> None:
    import os
    import subprocess
    import sys

    code = (
        "import sys\nfrom talkdeck.cli import main\n"
        f"sys.argv = ['talkdeck', 'build', 'mini', '-a', '12', '-r', 'CO', '-L', {str(mini)!r},"
        f" '-o', {str(tmp_path / 'x.pptx')!r}, '--force']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'yaml', 'segno'}))"
    )
    env = {**os.environ, "TALKDECK_CACHE": str(own_cache)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        ).stdout.splitlines()[-1]
        for _ in range(2)
    ]
    assert runs == ["['pydantic', 'segno', 'yaml']", "[]"]


@pytest.mark.parametrize("changed", ["deck/tailor.py", "library/references.py"])
def test_a_change_to_talkdecks_code_is_never_served_stale(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own_cache: Path, changed: str
) -> None:
    from talkdeck.deck import cache

    make(mini, tmp_path / "a.pptx")
    package = Path(cache.__file__).parents[1]
    fake = tmp_path / "pkg"
    for source in package.rglob("*.py"):
        copy = fake / source.relative_to(package)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(source.read_bytes())
    monkeypatch.setattr(cache, "__file__", str(fake / "deck" / "cache.py"))
    talk = mini / "talks" / "mini.yaml"
    assert cache.lookup(mini, talk, "global", None, 12, False, Memo()) is not None  # same code
    (fake / changed).write_text("# changed\n", encoding="utf-8")  # a new check, a new rule
    assert cache.lookup(mini, talk, "global", None, 12, False, Memo()) is None
    assert cache.talk_entry(mini, talk) is None  # nor does a batch plan from it


# --- issue 13, family 7: the cache is untrusted input -------------------------------------------


def _entry(own_cache: Path) -> tuple[Path, dict, Path, dict]:
    folder = next(p for p in own_cache.iterdir() if not p.name.startswith("."))
    index = json.loads((folder / "index.json").read_text())
    entry = folder / "12-global-en.json"
    return folder, index, entry, json.loads(entry.read_text())


def _forge(folder: Path, index: dict, entry: Path, data: dict) -> None:
    """Write ``data`` as the entry and fix its checksum too: only type checks can catch it."""
    blob = json.dumps(data).encode()
    entry.write_bytes(blob)
    index["sums"][entry.name] = hashlib.sha256(blob).hexdigest()
    (folder / "index.json").write_text(json.dumps(index))


def _titles(path: Path) -> list[str]:
    return [s.shapes.title.text for s in Presentation(str(path)).slides if s.shapes.title]


def test_an_edited_entry_is_not_served(mini: Path, tmp_path: Path, own_cache: Path) -> None:
    make(mini, tmp_path / "a.pptx")
    _, _, entry, data = _entry(own_cache)
    data["slides"][-1]["title"] = "Tampered"
    entry.write_text(json.dumps(data))
    make(mini, tmp_path / "b.pptx")
    assert "Tampered" not in _titles(tmp_path / "b.pptx")
    assert "You are not alone" in _titles(tmp_path / "b.pptx")


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["slides"][0].update(title=["a", "list"]),
        lambda d: d["slides"][0].update(minutes="two"),
        lambda d: d["slides"][0].update(body={"not": "a list"}),
        lambda d: d["audience"].update(age="twelve"),
        lambda d: d.update(components=[1, 2]),
        lambda d: d.update(slides=None),
        lambda d: d["slides"][0].update(qr=[{"url": 5, "label": None}]),
    ],
    ids=[
        "title list",
        "minutes text",
        "body mapping",
        "age text",
        "components list",
        "no slides",
        "qr numbers",
    ],
)
def test_an_entry_with_wrong_types_falls_back_to_a_build(
    mini: Path, tmp_path: Path, own_cache: Path, damage: Any
) -> None:
    first = make(mini, tmp_path / "a.pptx")
    folder, index, entry, data = _entry(own_cache)
    damage(data)
    _forge(folder, index, entry, data)
    assert make(mini, tmp_path / "b.pptx") == first


def test_a_picture_path_edited_into_an_entry_is_checked_again(
    make_library: Callable, tmp_path: Path, own_cache: Path
) -> None:
    from .hostile_corpus import png, with_image

    lib = make_library({"talks/mini.yaml": with_image("photo.png")})
    (lib / "assets" / "photo.png").write_bytes(png(4, 4))
    (tmp_path / "private.png").write_bytes(png(9, 9))
    first = make(lib, tmp_path / "a.pptx")
    folder, index, entry, data = _entry(own_cache)
    data["slides"][-1]["picture"]["path"] = "../../private.png"
    _forge(folder, index, entry, data)
    assert make(lib, tmp_path / "b.pptx") == first


def test_orphan_new_folders_are_removed_when_old(
    mini: Path, tmp_path: Path, own_cache: Path
) -> None:
    from talkdeck.deck import cache

    old, recent = own_cache / ".new-old", own_cache / ".new-recent"
    for folder in (old, recent):
        folder.mkdir()
        (folder / "x.json").write_text("{}")
    long_ago = time.time() - cache.ORPHAN_AGE - 60
    os.utime(old, (long_ago, long_ago))
    make(mini, tmp_path / "a.pptx")
    assert not old.exists() and recent.exists()  # a concurrent build may still own it
    assert not any(p.name.startswith(".new-") and p != recent for p in own_cache.iterdir())


def test_a_failed_store_leaves_no_new_folder(
    mini: Path, tmp_path: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from talkdeck.deck import cache

    def full(deck: object) -> dict:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache, "to_json", full)  # the disk fills while the entry is written
    make(mini, tmp_path / "a.pptx")
    assert list(own_cache.iterdir()) == []


def test_a_relative_xdg_cache_home_is_ignored(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from talkdeck.deck import cache

    monkeypatch.delenv("TALKDECK_CACHE")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache.cache_dir() == tmp_path / ".cache" / "talkdeck"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "abs"))
    assert cache.cache_dir() == tmp_path / "abs" / "talkdeck"


def test_fits_that_are_not_measurements_are_ignored(
    mini: Path, tmp_path: Path, own_cache: Path
) -> None:
    from talkdeck.deck import cache

    make(mini, tmp_path / "a.pptx")
    folder = _entry(own_cache)[0]
    answers = {"k": "big"}
    (folder / "fits.json").write_text(
        json.dumps(
            {
                "answers": answers,
                "sha256": hashlib.sha256(json.dumps(answers, sort_keys=True).encode()).hexdigest(),
            }
        )
    )
    with pytest.raises(ValueError):
        cache._fits(folder)
    assert (
        cache.lookup(mini, mini / "talks" / "mini.yaml", "global", None, 12, False, Memo()) is None
    )


@pytest.mark.parametrize(
    "edit",
    [
        lambda kept: kept["boxes"][0].update(width="wide"),
        lambda kept: kept["boxes"][0].update(height=-3.0),
        lambda kept: kept["boxes"][0]["levels"][0].update(bold=1),
        lambda kept: kept["boxes"][0].pop("floor"),
        lambda kept: kept["pictures"].update(x=["exe", "image/png", [1, 1], [72, 72]]),
        lambda kept: kept["pictures"].update(x=["png", "image/png", [0, 1], [72, 72]]),
        lambda kept: kept.update(boxes="all"),
        lambda kept: kept["geometry"].update(Title={"1": [0, 0, "wide", 1]}),
        lambda kept: kept["geometry"].update(Title={"one": [0, 0, 1, 1]}),
    ],
)
def test_kept_boxes_and_pictures_that_are_not_ours_are_never_used(
    mini: Path, tmp_path: Path, own_cache: Path, edit: Callable[[dict], None]
) -> None:
    from talkdeck.deck import cache

    first = make(mini, tmp_path / "a.pptx")
    folder = _entry(own_cache)[0]
    kept = json.loads((folder / "memo.json").read_text())["kept"]
    edit(kept)
    digest = hashlib.sha256(json.dumps(kept, sort_keys=True).encode()).hexdigest()
    (folder / "memo.json").write_text(json.dumps({"kept": kept, "sha256": digest}))
    memo = Memo()
    talk = mini / "talks" / "mini.yaml"
    assert cache.lookup(mini, talk, "global", None, 12, False, memo) is None
    assert not (memo.boxes or memo.pictures or memo.geometry)
    assert make(mini, tmp_path / "b.pptx") == first  # built the slow way, the same deck


def test_a_region_alias_gives_the_same_bytes_cache_warm_and_cold(
    make_library: Callable, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own_cache: Path
) -> None:
    """-r colombia (an alias in co.yaml) is the CO deck: the cache resolves it too."""
    co = MINI["talks/regions/co.yaml"].replace(
        "code: CO\n", "code: CO\n        aliases: [Colombia]\n"
    )
    lib = make_library({"talks/regions/co.yaml": co})
    cold = make(lib, tmp_path / "cold.pptx", region="colombia")  # the cache is empty
    assert any(own_cache.iterdir())
    monkeypatch.setattr(talkdeck.library.load, "load_library", lambda *a: pytest.fail("loaded"))
    warm = make(lib, tmp_path / "warm.pptx", region="COLOMBIA")
    assert make(lib, tmp_path / "code.pptx", region="CO") == warm == cold
    monkeypatch.undo()
    monkeypatch.setenv("TALKDECK_CACHE", "off")
    assert make(lib, tmp_path / "off.pptx", region="Colombia") == cold
