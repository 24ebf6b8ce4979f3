"""Shared fixtures: small libraries written into tmp_path, and the repository's own library."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

REPO = Path(__file__).resolve().parent.parent

# No property test has a time limit per example (hypothesis' default is 200 ms): a test must not
# depend on the machine's speed. Tests still choose how many examples they run.
settings.register_profile("talkdeck", deadline=None)
settings.load_profile("talkdeck")
TEMPLATE = REPO / "assets" / "templates" / "talkdeck.pptx"

# A complete, valid library in as few lines as possible; tests override single files.
MINI: dict[str, str] = {
    "talks/common/facts.yaml": """
        languages: [en, es]
        sources:
          - id: reuters-2018
            publisher: Reuters
            via: Thomson Reuters Foundation
            title: "Grooming is gateway to child sex trafficking as 'seducing' moves online"
            date: 2018-06-16
        facts:
          - id: predators-online
            number: {en: "750,000", es: "750.000"}
            text:
              en: {"11-12": In 2017 people online wanted to harm children, "13-15": In 2017 sexual predators were online at any moment}
              es: En 2017 había depredadores en línea en cualquier momento
            organisation: International Centre for Missing & Exploited Children
            short: ICMEC
            year: 2017
            source: reuters-2018
            quote: "About 750,000 sexual predators worldwide are online at any given moment"
        """,
    "talks/common/tips.yaml": """
        languages: [en, es]
        tips:
          - id: tell-adult
            text: {en: Tell an adult you trust., es: Cuéntaselo a un adulto de confianza.}
            source: NSPCC
        """,
    "talks/common/guidance.yaml": """
        languages: [en, es]
        before_talk: {en: Brief the safeguarding lead., es: Informa al responsable de protección.}
        disclosure: {en: Listen calmly and do not promise secrecy., es: Escucha con calma.}
        source: NSPCC
        """,
    "talks/regions/global.yaml": """
        code: global
        name: {en: International, es: Internacional}
        languages: [en, es]
        channels:
          - name: Child helpline
            kind: child-helpline
            phone: "116 111"
            source: scoop.co.nz
            gathered: 2026-11-29
            confirmed: {date: 2026-11-29, by: "T. Test, coordinator", how: phone call}
        """,
    "talks/regions/co.yaml": """
        code: CO
        name: {en: Colombia, es: Colombia}
        languages: [es, en]
        channels:
          - name: ICBF Línea 141
            kind: child-helpline
            phone: "141"
            source: elespectador.com
            gathered: 2026-11-29
            confirmed: {date: 2026-11-29, by: "T. Test, coordinator", how: phone call}
          - name: Te Protejo
            kind: report
            url: teprotejocolombia.org
            source: teprotejocolombia.org
            gathered: 2026-11-29
            confirmed: {date: 2026-11-29, by: "T. Test, coordinator", how: phone call}
        """,
    "talks/mini.yaml": """
        id: mini
        title: {en: Staying safe online, es: Seguros en línea}
        version: "1.0"
        version_date: 2026-11-29
        status: approved
        description: {en: A short talk., es: Una charla corta.}
        duration: 10
        languages: [en, es]
        slides:
          - id: intro
            kind: title
            title: {en: Staying safe online, es: Seguros en línea}
            minutes: 1
            notes: {en: Welcome everyone., es: Bienvenida.}
          - id: words
            kind: bullets
            title: {en: "What is grooming?", es: "¿Qué es el grooming?"}
            bullets:
              - en: {"11-12": Someone pretends to be your friend., "13-15": An adult wins your trust to abuse you.}
                es: Alguien finge ser tu amigo.
            minutes: 2
            notes: {en: Explain the word., es: Explica la palabra.}
          - id: older
            kind: bullets
            ages: 13-15
            title: {en: Sextortion, es: Sextorsión}
            bullets: [{en: Threats to share nudes are a crime., es: Amenazar con difundir desnudos es un delito.}]
            minutes: 1
            notes: {en: Only for older pupils., es: Solo para mayores.}
          - id: number
            kind: statistic
            fact: predators-online
            minutes: 1
            notes: {en: Read the number slowly., es: Lee la cifra despacio.}
          - id: do
            kind: tips
            title: {en: What to do, es: Qué hacer}
            tips: [tell-adult]
            minutes: 1
            notes: {en: Go through the steps., es: Repasa los pasos.}
          - id: help
            kind: helpline
            minutes: 2
            notes: {en: Point to the numbers., es: Señala los números.}
          - id: end
            kind: closing
            title: {en: You are not alone, es: No estás solo}
            minutes: 1
            notes: {en: Thank the class., es: Agradece a la clase.}
        changelog: [{version: '1.0', date: 2026-11-29, changes: First version.}]
        approved: {by: "T. Test, safeguarding lead", date: 2026-11-29}
        """,
    # The shipped languages and their labels, as a coordinator's copy of the library has them.
    "talks/common/languages.yaml": (REPO / "talks" / "common" / "languages.yaml").read_text(
        encoding="utf-8"
    ),
}


def edit(text: str, *pairs: str) -> str:
    """``text`` with each (old, new) pair replaced; every old must occur exactly once."""
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def write_tree(root: Path, files: Mapping[str, str | None]) -> Path:
    """Write {relative path: YAML text} under root; None deletes a file."""
    for rel, text in files.items():
        path = root / rel
        if text is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets an empty build cache, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("TALKDECK_CACHE", str(folder))
    return folder


@pytest.fixture
def make_library(tmp_path: Path) -> Callable[..., Path]:
    """Factory: make_library({"talks/x.yaml": "..."}) -> a library folder with MINI plus overrides."""

    def make(files: dict[str, str | None] | None = None, name: str = "lib") -> Path:
        root = tmp_path / name
        (root / "assets" / "templates").mkdir(parents=True, exist_ok=True)
        shutil.copy(TEMPLATE, root / "assets" / "templates" / "talkdeck.pptx")
        return write_tree(root, {**MINI, **(files or {})})

    return make


@pytest.fixture
def mini(make_library: Callable[..., Path]) -> Path:
    return make_library()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped library (talks/ and assets/) that a test may edit."""
    root = tmp_path / "shipped"
    for name in ("talks", "assets"):
        shutil.copytree(REPO / name, root / name)
    return root


def swap(root: Path, rel: str, old: str, new: str) -> int:
    """Replace the one occurrence of ``old`` in ``root/rel``; return its line number."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1
