"""Languages are library data (talks/common/languages.yaml): a third language needs no code."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pptx import Presentation

from talkdeck.cli import cli
from talkdeck.workspace import BuildRequest, build

from .conftest import MINI, REPO

SHIPPED = yaml.safe_load((REPO / "talks" / "common" / "languages.yaml").read_text("utf-8"))


def _portuguese() -> dict:
    english = next(lang for lang in SHIPPED["languages"] if lang["code"] == "en")
    deck = {
        **english["deck"],
        "help": "Onde pedir ajuda",
        "draft": "RASCUNHO",
        "qr": "Código QR: {url}",
        "local": "Em {region}",
    }
    return {
        **english,
        "code": "pt",
        "name": "português",
        "global_tag": "pt",
        "months": [
            "janeiro",
            "fevereiro",
            "março",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
        ],
        "date": "{day} de {month} de {year}",
        "deck": deck,
    }


LANGUAGES_WITH_PT = yaml.safe_dump(
    {"languages": [*SHIPPED["languages"], _portuguese()]}, allow_unicode=True, sort_keys=False
)
BRAZIL = """
    code: BR
    name: {pt: Brasil}
    languages: [pt]
    channels:
      - name: Disque 100
        kind: report
        phone: "100"
        what: {pt: Para denunciar violência contra crianças.}
        source: gov.br
        gathered: 2026-11-29
    """
PT_TALK = """
    id: mini
    title: Seguro na internet
    version: "1.0"
    version_date: 2026-11-29
    status: approved
    description: Uma conversa curta.
    duration: 10
    languages: [pt]
    slides:
      - id: intro
        kind: title
        title: Seguro na internet
        minutes: 1
        notes: Boas-vindas.
      - id: help
        kind: helpline
        minutes: 2
        notes: Mostre os números.
      - id: end
        kind: closing
        title: Você não está sozinho
        minutes: 1
        notes: Agradeça à turma.
    """
PT_GUIDANCE = """
    languages: [pt, en, es]
    before_talk: {pt: Fale com o responsável., en: Brief the lead., es: Informa al responsable.}
    disclosure: {pt: Ouça com calma., en: Listen calmly., es: Escucha con calma.}
    source: NSPCC
    """


def _texts(path: Path) -> list[str]:
    return [
        shape.text_frame.text
        for slide in Presentation(str(path)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]


@pytest.fixture
def with_pt(make_library: Callable[..., Path]) -> Path:
    global_pt = (
        MINI["talks/regions/global.yaml"]
        .replace(
            "{en: International, es: Internacional}",
            "{en: International, es: Internacional, pt: Internacional}",
        )
        .replace("languages: [en, es]", "languages: [en, es, pt]")
    )
    return make_library(
        {
            "talks/common/languages.yaml": LANGUAGES_WITH_PT,
            "talks/common/guidance.yaml": PT_GUIDANCE,
            "talks/regions/br.yaml": BRAZIL,
            "talks/regions/global.yaml": global_pt,
            "talks/mini.yaml": PT_TALK,
        }
    )


def test_a_third_language_builds_with_no_code_change(
    with_pt: Path, tmp_path: Path, runner: CliRunner
) -> None:
    assert runner.invoke(cli, ["validate", "-L", str(with_pt)]).exit_code == 0
    built = build(
        with_pt, BuildRequest(talk="mini", age=12, region="br", output=tmp_path / "br.pptx")
    )
    assert (built.deck.audience.lang, built.deck.tag) == ("pt", "pt-BR")
    texts = _texts(built.path)
    assert "Onde pedir ajuda" in texts
    assert any("Disque 100" in text for text in texts)
    again = build(
        with_pt,
        BuildRequest(
            talk="mini", age=12, region="global", lang="PT", output=tmp_path / "global.pptx"
        ),
    )
    assert again.deck.tag == "pt"  # global_tag of the new language


def test_a_wrong_language_lists_the_declared_ones(with_pt: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["build", "mini", "-L", str(with_pt), "--age", "12", "--lang", "fr"]
    )
    assert result.exit_code == 2
    assert result.output == "error: unknown language 'fr' (known: en, es, pt)\n"


@pytest.mark.parametrize(
    ("region", "lang", "tag"),
    [
        ("CO", "es", "es-CO"),
        ("CO", "en", "en-CO"),
        ("global", "en", "en"),
        ("global", "es", "es-419"),
    ],
)
def test_decks_carry_a_bcp47_tag(
    mini: Path, tmp_path: Path, region: str, lang: str, tag: str
) -> None:
    built = build(
        mini,
        BuildRequest(talk="mini", age=12, region=region, lang=lang, output=tmp_path / "d.pptx"),
    )
    assert built.deck.tag == tag


def test_an_undeclared_language_blocks_only_its_region(
    make_library: Callable[..., Path], tmp_path: Path, runner: CliRunner
) -> None:
    lib = make_library({"talks/regions/br.yaml": BRAZIL})
    result = runner.invoke(cli, ["validate", "-L", str(lib)])
    assert result.exit_code == 1
    assert (
        "talks/regions/br.yaml:3:13: languages[0]: unknown language 'pt' (known: en, es): "
        "declare it in languages.yaml\n" in result.output
    )
    for _ in range(2):  # the second build comes from the cache and still warns
        ok = runner.invoke(
            cli,
            [
                "build",
                "mini",
                "-L",
                str(lib),
                "--age",
                "12",
                "--region",
                "CO",
                "-o",
                str(tmp_path / "co.pptx"),
            ],
        )
        assert ok.exit_code == 0, ok.output
        assert ok.stderr.startswith("warning: talks/regions/br.yaml: left out (")
    broken = runner.invoke(
        cli,
        [
            "build",
            "mini",
            "-L",
            str(lib),
            "--age",
            "12",
            "--region",
            "BR",
            "-o",
            str(tmp_path / "br.pptx"),
        ],
    )
    assert broken.exit_code == 1
    assert "talks/regions/br.yaml:3:13: languages[0]: unknown language 'pt'" in broken.stderr


def test_an_english_only_region_never_crashes_another_build(
    make_library: Callable[..., Path], tmp_path: Path, runner: CliRunner
) -> None:
    english_only = """
        code: GB
        name: United Kingdom
        languages: [en]
        channels:
          - name: Childline
            kind: child-helpline
            what: Talk about anything that worries you.
            phone: "0800 1111"
            source: childline.org.uk
            gathered: 2026-11-29
        """
    lib = make_library({"talks/regions/gb.yaml": english_only})
    assert runner.invoke(cli, ["validate", "-L", str(lib)]).exit_code == 0
    for region in ("CO", "GB"):
        result = runner.invoke(
            cli,
            [
                "build",
                "mini",
                "-L",
                str(lib),
                "--age",
                "13",
                "--region",
                region,
                "-o",
                str(tmp_path / f"{region}.pptx"),
            ],
        )
        assert result.exit_code == 0, result.output
    spanish = runner.invoke(
        cli,
        [
            "build",
            "mini",
            "-L",
            str(lib),
            "--age",
            "13",
            "--region",
            "GB",
            "--lang",
            "es",
            "-o",
            str(tmp_path / "x.pptx"),
        ],
    )
    assert spanish.exit_code == 2
    assert spanish.output == "error: region GB does not offer 'es' (it offers: en)\n"
    lint = runner.invoke(cli, ["lint", "-L", str(lib)])
    assert lint.exception is None or isinstance(lint.exception, SystemExit), lint.exception


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'local: "In {region}"',
            'local: "In {regio}"',
            "label 'local' uses {regio}; it may use {region}",
        ),
        (
            'date: "{day} {month} {year}"',
            'date: "{day} {month} {year:>99999}"',
            "date uses {year:>99999}; it may use {day}, {month}, {year}",
        ),
    ],
)
def test_labels_fill_only_their_names(
    make_library: Callable[..., Path], runner: CliRunner, old: str, new: str, message: str
) -> None:
    text = MINI["talks/common/languages.yaml"]
    lib = make_library({"talks/common/languages.yaml": text.replace(old, new, 1)})
    result = runner.invoke(cli, ["validate", "-L", str(lib)])
    assert result.exit_code == 1
    assert "talks/common/languages.yaml:" in result.output
    assert message in result.output


def test_the_how_label_has_one_part_per_way_to_confirm(
    make_library: Callable[..., Path], runner: CliRunner, tmp_path: Path
) -> None:
    text = MINI["talks/common/languages.yaml"]
    three = text.replace("correo electrónico|en persona", "correo electrónico", 1)
    lib = make_library({"talks/common/languages.yaml": three})
    lines = textwrap.dedent(three).lstrip().splitlines()
    line = next(i for i, ln in enumerate(lines, 1) if "correo electrónico" in ln)
    message = (
        f"talks/common/languages.yaml:{line}:7: languages[1].deck.how: label 'how' "
        "has 3 parts separated by |; it needs 4, in this order: phone call|official "
        "site|email|in person\nerror: 1 problem found\n"
    )
    for args in (
        ["validate", "-L", str(lib)],
        [
            "build",
            "mini",
            "-a",
            "12",
            "-r",
            "CO",
            "--lang",
            "es",
            "-L",
            str(lib),
            "-o",
            str(tmp_path / "x.pptx"),
        ],
    ):
        result = runner.invoke(cli, args)
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.exit_code == 1
        assert result.stderr == message
