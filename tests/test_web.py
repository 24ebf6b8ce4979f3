"""`talkdeck serve` over HTTP (Starlette's TestClient): the page, the API, every bad input."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pptx import Presentation
from starlette.testclient import TestClient

from talkdeck.web.app import create_app
from talkdeck.web.catalog import Catalog, load_catalog

TALK = "grooming-awareness"
GOOD = {"talk": TALK, "age": "13", "region": "GB", "lang": "en"}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(None)


@pytest.fixture()
def client(catalog: Catalog) -> TestClient:
    return TestClient(create_app(catalog))


@pytest.fixture()
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of the test's own (the machine's /tmp is shared with other work)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def png(width: int = 120, height: int = 60, exif: bool = False, fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", (width, height), (200, 30, 30))
    if exif:
        info = Image.Exif()
        info[0x010F] = "SecretCameraMaker"  # Make
        image.save(out, fmt, exif=info)
    else:
        image.save(out, fmt)
    return out.getvalue()


def deck_of(data: bytes) -> Any:
    return Presentation(io.BytesIO(data))


def all_text(prs: Any) -> str:
    return " ".join(
        shape.text_frame.text
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )


# --- the page ---------------------------------------------------------------------------------


def test_page_offers_the_library_in_the_browsers_language(client: TestClient) -> None:
    page = client.get("/", headers={"accept-language": "es-ES,es;q=0.9"})
    assert page.status_code == 200
    assert '<html lang="es">' in page.text
    assert "Prepara una charla para una clase" in page.text
    assert f'<option value="{TALK}"' in page.text
    assert 'value="GB"' in page.text and 'value="global"' in page.text
    assert '<label for="school">Centro educativo</label>' in page.text
    english = client.get("/?ui=en", headers={"accept-language": "es"})
    assert '<html lang="en">' in english.text and "Make a talk for a class" in english.text


def test_every_input_has_a_label(client: TestClient) -> None:
    import re

    page = client.get("/").text
    ids = re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', page)
    assert set(ids) == {
        "talk",
        "age",
        "region",
        "lang",
        "school",
        "presenter",
        "date",
        "lead",
        "helpline",
        "logo",
    }
    for one in ids:
        assert f'<label for="{one}">' in page


def test_drafts_hidden_unless_asked(tmp_path: Path) -> None:
    import shutil

    from .conftest import MINI, TEMPLATE, edit, write_tree

    (tmp_path / "assets" / "templates").mkdir(parents=True)
    shutil.copy(TEMPLATE, tmp_path / "assets" / "templates" / "talkdeck.pptx")
    root = write_tree(
        tmp_path,
        {
            **MINI,
            "talks/mini.yaml": edit(MINI["talks/mini.yaml"], "status: approved", "status: draft"),
        },
    )
    hidden = TestClient(create_app(load_catalog(root)))
    shown = TestClient(create_app(load_catalog(root, draft=True)))
    assert 'value="mini"' not in hidden.get("/").text
    assert 'value="mini"' in shown.get("/").text
    refused = hidden.post("/api/decks", json={"talk": "mini", "age": 13})
    assert refused.status_code == 422
    assert refused.json()["error"] == "unknown talk 'mini' (known: )"
    built = shown.post("/api/decks", json={"talk": "mini", "age": 13})
    assert built.status_code == 200
    assert "DRAFT" in all_text(deck_of(built.content))


def test_preview_shows_slides_and_notes_without_libreoffice(client: TestClient) -> None:
    form = {
        **GOOD,
        "school": "Hill School",
        "presenter": "Ana",
        "lead": "Mr Lead",
        "format": "preview",
    }
    page = client.post("/", data=form, files={"logo": ("logo.png", png(), "image/png")})
    assert page.status_code == 200
    assert page.text.count('<li class="card">') >= 10
    assert "Hill School" in page.text and "Mr Lead" in page.text
    assert "data:image/png;base64," in page.text  # the logo, drawn from the re-encoded PNG
    fragment = client.post("/preview", data=form)
    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith("<section") and "<html" not in fragment.text


def test_api_builds_the_same_deck_as_the_cli(client: TestClient, tmp_path: Path) -> None:
    from talkdeck.workspace import BuildRequest, build

    reply = client.post("/api/decks", json={**GOOD, "age": 13, "school": "Hill School"})
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    )
    assert reply.headers["content-disposition"] == f'attachment; filename="{TALK}-GB-en-13.pptx"'
    built = build(
        None,
        BuildRequest(
            talk=TALK,
            age=13,
            region="GB",
            lang="en",
            school="Hill School",
            output=tmp_path / "cli.pptx",
        ),
    )
    assert reply.content == built.path.read_bytes()


def test_api_takes_a_region_alias_as_build_does(client: TestClient) -> None:
    """gb.yaml lists the alias UK: the page builds the GB deck for 'uk' too."""
    by_code = client.post("/api/decks", json={**GOOD, "age": 13})
    by_alias = client.post("/api/decks", json={**GOOD, "age": 13, "region": "uk"})
    assert (by_alias.status_code, by_alias.headers["content-disposition"]) == (
        200,
        f'attachment; filename="{TALK}-GB-en-13.pptx"',
    )
    assert by_alias.content == by_code.content


def test_api_takes_a_form_too_and_puts_the_logo_on_the_title_slide_as_build_does(
    client: TestClient,
) -> None:
    logo = png(300, 100, exif=True, fmt="JPEG")
    reply = client.post(
        "/api/decks",
        data={**GOOD, "format": "pptx"},
        files={"logo": ("logo.jpg", logo, "image/jpeg")},
    )
    assert reply.status_code == 200
    title = deck_of(reply.content).slides[0]
    pictures = [s for s in title.shapes if s.shape_type == 13 and s.name == "Logo"]
    assert len(pictures) == 1  # beside the slide's own picture
    blob = pictures[0].image.blob
    assert pictures[0].image.content_type == "image/png"
    assert b"SecretCameraMaker" not in blob and b"Exif" not in blob


@pytest.mark.parametrize(
    ("fmt", "name", "kind"),
    [
        ("guide", f"{TALK}-GB-en-13-guide.pdf", "application/pdf"),
        ("handout", f"{TALK}-GB-en-13-handout.pdf", "application/pdf"),
    ],
)
def test_printouts(client: TestClient, fmt: str, name: str, kind: str) -> None:
    reply = client.post("/api/decks", json={**GOOD, "format": fmt, "lead": "Mr Lead"})
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"] == kind
    assert reply.headers["content-disposition"] == f'attachment; filename="{name}"'
    assert reply.content.startswith(b"%PDF")


def test_zip_holds_every_file(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    from talkdeck.web import files

    monkeypatch.setattr(files, "office_available", lambda: False)  # no LibreOffice run here
    reply = client.post("/api/decks", json={**GOOD, "format": "zip"})
    assert reply.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(reply.content)).namelist()
    assert names == [
        f"{TALK}-GB-en-13.pptx",
        f"{TALK}-GB-en-13-guide.pdf",
        f"{TALK}-GB-en-13-handout.pdf",
    ]


def test_lead_is_named_in_the_notes_and_to_pupils_on_the_closing_slide(
    client: TestClient,
) -> None:
    reply = client.post("/api/decks", json={**GOOD, "lead": "Mr Lead"})
    prs = deck_of(reply.content)
    shown = [
        [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame] for slide in prs.slides
    ]
    assert [k for k, texts in enumerate(shown) if any("Mr Lead" in t for t in texts)] == [
        len(shown) - 1
    ]
    assert "In school, you can talk to: Mr Lead" in shown[-1][1]
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides]
    assert "The school's safeguarding lead: Mr Lead" in notes[0]
    assert "The school's safeguarding lead: Mr Lead" in notes[-1]


def test_a_confirmed_helpline_goes_first_and_is_marked_as_the_presenters(
    client: TestClient,
) -> None:
    body = {**GOOD, "region": "MX", "presenter": "Ana", "helpline": "Línea de la Vida=800 911 2000"}
    prs = deck_of(client.post("/api/decks", json=body).content)
    today = dt.date.today().isoformat()
    card = f"Línea de la Vida\nAdded by the presenter, confirmed on {today} by Ana"
    assert card in all_text(prs)
    page = client.get("/")
    assert 'name="helpline"' in page.text and 'aria-describedby="helpline-help"' in page.text


def test_the_preview_shows_the_cards_of_tips_and_helplines(client: TestClient) -> None:
    page = client.post("/preview", data={**GOOD, "age": "12", "format": "preview"}).text
    cards = page.split('<ul class="s-cards">')[1:]
    assert len(cards) >= 5  # ground rules, scenarios, what to do, helplines, tips, recap
    helplines = next(c for c in cards if "Childline" in c.split("</ul>")[0])
    assert '<span class="c-number">0800 1111</span>' in helplines
    assert "QR code: ceop.police.uk" in page


@pytest.mark.parametrize("ui", ["en", "es"])
def test_a_region_without_a_national_helpline_asks_for_one_before_the_slides(
    client: TestClient, ui: str
) -> None:
    mx = {**GOOD, "region": "MX", "lang": "es", "ui": ui, "format": "preview"}
    page = client.post("/preview", data=mx).text
    gap = {"en": "no national child helpline", "es": "no tienen una línea nacional"}[ui]
    assert 'id="help-gap"' in page and gap in page
    assert page.index('id="help-gap"') < page.index('<ol class="deck"')
    added = client.post("/preview", data={**mx, "helpline": "Línea de la Vida=800 911 2000"})
    assert 'id="help-gap"' not in added.text  # the presenter added one
    assert 'id="help-gap"' not in client.post("/preview", data={**GOOD, "format": "preview"}).text


def test_health_and_options(client: TestClient) -> None:
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    options = client.get("/api/options").json()
    assert TALK in [t["id"] for t in options["talks"]]
    assert {"code": "GB", "languages": ["en", "es"]} in options["regions"]


def test_security_headers(client: TestClient) -> None:
    for reply in (
        client.get("/"),
        client.post("/api/decks", json=GOOD),
        client.post("/api/decks", json={}),
    ):
        assert reply.headers["x-content-type-options"] == "nosniff"
        assert reply.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in reply.headers["content-security-policy"]
        assert "script-src 'self'" in reply.headers["content-security-policy"]


def test_root_path_for_a_reverse_proxy(catalog: Catalog) -> None:
    client = TestClient(create_app(catalog), root_path="/talkdeck")
    page = client.get("/talkdeck/")
    assert 'href="/talkdeck/static/style.css"' in page.text
    assert 'formaction="/talkdeck/api/decks"' in page.text
    assert client.get("/talkdeck/static/app.js").status_code == 200


# --- bad input: a 4xx with a clear message, no traceback, no file left behind -----------------

BAD: list[tuple[dict[str, Any], int, str, str]] = [
    ({**GOOD, "talk": "no-such-talk"}, 422, "talk", "unknown talk 'no-such-talk' (known: "),
    ({**GOOD, "talk": "../talks/grooming-awareness"}, 422, "talk", "unknown talk"),
    ({**GOOD, "talk": "/etc/passwd"}, 422, "talk", "unknown talk '/etc/passwd'"),
    ({**GOOD, "age": "99"}, 422, "age", f"age '99': talk '{TALK}' is for ages 11-15"),
    ({**GOOD, "age": "thirteen"}, 422, "age", "age 'thirteen'"),
    ({**GOOD, "region": "../../etc"}, 422, "region", "unknown region '../../etc' (valid: "),
    ({**GOOD, "lang": "fr"}, 422, "lang", f"talk '{TALK}' is not written in 'fr'"),
    ({**GOOD, "school": "a\x07b"}, 422, "school", "--school: holds control character U+0007"),
    (
        {**GOOD, "presenter": "x" * 201},
        422,
        "presenter",
        "--presenter: 201 characters; the title slide holds at most 200",
    ),
    (
        {**GOOD, "school": "Wide " * 39, "presenter": "Wide " * 39, "date": "Wide " * 39},
        422,
        "school",
        "--school: too long for the title slide; shorten it",
    ),
    (
        {**GOOD, "helpline": "Local=call us"},
        422,
        "helpline",
        "--helpline 'Local=call us': 'call us' is neither a phone number",
    ),
    (
        {**GOOD, "helpline": "L=+52 1 800 911 2000 1234"},
        422,
        "helpline",
        "--helpline: too long for the slides that show it; shorten it",
    ),
    ({"age": "13"}, 422, "talk", "choose a talk"),
    ({**GOOD, "format": "exe"}, 422, "format", "format 'exe' is not one of"),
    ({**GOOD, "colour": "red"}, 422, "colour", "unknown field 'colour'"),
    ({**GOOD, "age": ["13"]}, 422, "age", "age: expected text or a number"),
    ({**GOOD, "logo": "not base64!"}, 422, "logo", "logo: not valid base64"),
    (
        {**GOOD, "logo": base64.b64encode(b"GIF89a not really").decode()},
        422,
        "logo",
        "logo: not a picture; use PNG, JPEG or SVG",
    ),
]


@pytest.mark.parametrize(("body", "status", "field", "message"), BAD)
def test_bad_json(
    client: TestClient,
    body: dict[str, Any],
    status: int,
    field: str,
    message: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO):
        reply = client.post("/api/decks", json=body)
    assert reply.status_code == status
    assert reply.json()["field"] == field
    assert message in reply.json()["error"]
    assert "Traceback" not in reply.text and "Traceback" not in caplog.text


LONG = {"school": "Wide " * 39, "presenter": "Wide " * 39, "date": "Wide " * 39}
CALL_US = (
    "'call us' is neither a phone number (digits, spaces and + ( ) - . /) "
    "nor a web address (like childhelplineinternational.org)"
)
# What the page says, in its language, beside the field's own name (never repeating it).
ON_PAGE: list[tuple[dict[str, Any], str, str, str]] = [
    ({"age": "13"}, "talk", "Talk: Choose a talk.", "Charla: Elige una charla."),
    (
        {**GOOD, "talk": "x"},
        "talk",
        "Talk: 'x' is not a talk offered here: choose one from the list.",
        "Charla: «x» no es una charla de este servidor: elige una de la lista.",
    ),
    (
        {**GOOD, "age": "10"},
        "age",
        "Pupils' age: 10 is not an age this talk is for: choose 11-15.",
        "Edad del alumnado: 10 no es una edad para esta charla: elige 11-15.",
    ),
    (
        {**GOOD, "age": ""},
        "age",
        "Pupils' age: Choose the pupils' age.",
        "Edad del alumnado: Elige la edad del alumnado.",
    ),
    (
        {**GOOD, "region": "XX"},
        "region",
        "Country or region: 'XX' is not a country or region offered here: "
        "choose one from the list.",
        "País o región: «XX» no es un país o región de este servidor: elige uno de la lista.",
    ),
    (
        {**GOOD, "lang": "fr"},
        "lang",
        "Language of the slides: This talk is not written in 'fr': choose English, español.",
        "Idioma de las diapositivas: Esta charla no está escrita en «fr»: elige English, español.",
    ),
    (
        {**GOOD, "school": "a\x07b"},
        "school",
        "School: This holds a character a slide cannot show (U+0007): type it again.",
        "Centro educativo: Contiene un carácter que una diapositiva no puede mostrar (U+0007): "
        "vuelve a escribirlo.",
    ),
    (
        {**GOOD, "date": "x" * 201},
        "date",
        "Date of the talk: 201 characters; at most 200 fit: shorten it.",
        "Fecha de la charla: 201 caracteres; caben como máximo 200: acórtalo.",
    ),
    (
        {**GOOD, "lead": "x" * 201},
        "lead",
        "Safeguarding lead's name: 201 characters; at most 200 fit: shorten it.",
        "Responsable de protección infantil: 201 caracteres; caben como máximo 200: acórtalo.",
    ),
    (
        {**GOOD, **LONG},
        "school",
        "School: Too long for the slide that shows it: shorten it.",
        "Centro educativo: Demasiado largo para la diapositiva que lo muestra: acórtalo.",
    ),
    (
        {**GOOD, "helpline": "Local=call us"},
        "helpline",
        f"A helpline you confirmed (optional): This helpline cannot be used: {CALL_US}. "
        "Write NAME=NUMBER or NAME=WEB ADDRESS.",
        f"Una línea de ayuda que confirmaste (opcional): Esta línea de ayuda no se puede usar: "
        f"{CALL_US}. Escribe NOMBRE=NÚMERO o NOMBRE=DIRECCIÓN WEB.",
    ),
    (
        {**GOOD, "format": "exe"},
        "format",
        "Download: 'exe' is not a download offered here: choose pptx, guide, handout, pdf, zip.",
        "Descargar: «exe» no es una descarga de este servidor: "
        "elige pptx, guide, handout, pdf, zip.",
    ),
]


def alert(page: str) -> str:
    """The error box's words as a reader hears them (tags dropped, entities read)."""
    import html
    import re

    found = re.search(r'role="alert"[^>]*>(.*?)</div>', page, re.S)
    assert found, "no error box"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).split())


def _on_page_cases() -> list[Any]:
    """Each error with each path that meets it: the preview does not render the slides, so a
    title slide that overflows only fails a download."""
    return [
        pytest.param(*case, path, id=f"{path}-{n}")
        for n, case in enumerate(ON_PAGE)
        for path in ("/", "/api/decks")
        if not (path == "/" and case[1] == "school" and "Wide" in case[0].get("school", ""))
    ]


@pytest.mark.parametrize(("body", "field", "english", "spanish", "path"), _on_page_cases())
def test_bad_form_says_what_is_wrong_in_the_page_language(
    client: TestClient, body: dict[str, Any], field: str, english: str, spanish: str, path: str
) -> None:
    """A browser posting the form (to the page, or a download button) gets the page back,
    with the message in the page's words; the JSON API keeps its English and its field."""
    for ui, said, heading in (
        ("en", english, "Please check this:"),
        ("es", spanish, "Revisa esto:"),
    ):
        reply = client.post(path, data={**body, "ui": ui}, headers={"accept": "text/html"})
        assert reply.status_code == 422
        assert reply.headers["content-type"].startswith("text/html")
        assert alert(reply.text) == f"{heading} {said}"
        assert f'id="{field}"' in reply.text and 'aria-invalid="true"' in reply.text
    api = client.post("/api/decks", data=body)
    assert api.status_code == 422 and api.json()["field"] == field
    english_api = [m for b, _, _, m in BAD if b == body]
    assert all(m in api.json()["error"] for m in english_api)


def test_logo_not_an_image(client: TestClient) -> None:
    reply = client.post(
        "/api/decks",
        data=GOOD,
        files={"logo": ("logo.png", b"%PDF-1.4 not a picture", "image/png")},
    )
    assert reply.status_code == 422
    assert reply.json() == {"error": "logo: not a picture; use PNG, JPEG or SVG", "field": "logo"}


def test_logo_too_big_in_pixels(client: TestClient) -> None:
    out = io.BytesIO()
    Image.new("1", (8000, 6000)).save(out, "PNG")  # compresses to a few kB: a decompression bomb
    reply = client.post("/api/decks", data=GOOD, files={"logo": ("bomb.png", out.getvalue())})
    assert reply.status_code == 422
    assert reply.json()["error"].startswith("logo: is 8000x6000 pixels; the limit is")


def test_fifty_megabyte_logo_is_refused_before_it_is_read(
    client: TestClient, private_tmp: Path
) -> None:
    big = b"\x89PNG" + b"\0" * (50 * 1024 * 1024)
    reply = client.post("/api/decks", data=GOOD, files={"logo": ("big.png", big, "image/png")})
    assert reply.status_code == 413
    assert "Traceback" not in reply.text
    assert list(private_tmp.iterdir()) == []


def test_body_over_the_limit_while_streaming(catalog: Catalog) -> None:
    client = TestClient(create_app(catalog, max_body=1000))

    def chunks() -> Any:
        yield b'{"talk": "' + b"x" * 2000 + b'"}'

    reply = client.post(
        "/api/decks", content=chunks(), headers={"content-type": "application/json"}
    )
    assert reply.status_code == 413
    assert "over" in reply.json()["error"]


@pytest.mark.parametrize("kind", ["text/plain", "application/xml", ""])
def test_wrong_content_type(client: TestClient, kind: str) -> None:
    reply = client.post("/api/decks", content=json.dumps(GOOD), headers={"content-type": kind})
    assert reply.status_code == 415
    assert "send JSON (application/json) or a form" in reply.json()["error"]


def test_not_json(client: TestClient) -> None:
    reply = client.post(
        "/api/decks", content=b"{talk", headers={"content-type": "application/json"}
    )
    assert reply.status_code == 422 and reply.json()["error"] == "the body is not valid JSON"


def test_busy_server_says_so(catalog: Catalog) -> None:
    client = TestClient(create_app(catalog, waiting=0))
    reply = client.post("/api/decks", json=GOOD)
    assert reply.status_code == 503
    assert reply.json()["error"].startswith("The server is busy")


def test_nothing_about_the_school_is_logged_or_kept(
    client: TestClient, private_tmp: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        client.post("/?ui=es", data={**GOOD, "school": "Secret School", "format": "preview"})
        client.post("/api/decks", json={**GOOD, "presenter": "Secret Person"})
        noise = io.BytesIO()  # over 1 MB: Starlette spools it to a temporary file
        Image.frombytes("RGB", (760, 760), os.urandom(760 * 760 * 3)).save(noise, "PNG")
        assert 1024 * 1024 < len(noise.getvalue()) < 2 * 1024 * 1024
        kept = client.post(
            "/api/decks",
            data={**GOOD, "school": "Secret School"},
            files={"logo": ("logo.png", noise.getvalue(), "image/png")},
        )
        assert kept.status_code == 200
    assert "Secret" not in caplog.text
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("talkdeck"))
    assert "POST /api/decks 200" in ours  # the log line it does write: path and status
    assert "ui=es" not in ours  # never the query string
    assert list(private_tmp.iterdir()) == []


def test_an_unexpected_failure_is_a_500_without_a_traceback(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    from talkdeck.web import files

    def broken(*args: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(files, "make", broken)
    client = TestClient(create_app(catalog), raise_server_exceptions=False)
    reply = client.post("/api/decks", json=GOOD)
    assert reply.status_code == 500
    assert reply.text == "Internal Server Error"
    assert reply.headers["x-content-type-options"] == "nosniff"


def test_page_words_missing_a_language_stop_the_server(tmp_path: Path) -> None:
    import shutil

    from talkdeck.errors import ContentError
    from talkdeck.web.catalog import load_strings

    from .conftest import REPO

    (tmp_path / "talks" / "common").mkdir(parents=True)
    text = (REPO / "talks" / "common" / "web.yaml").read_text(encoding="utf-8")
    shutil.copy(REPO / "talks" / "common" / "web.yaml", tmp_path / "talks" / "common")
    assert load_strings(tmp_path)[1] == ("en", "es")
    broken = text.replace(
        'page_title: {en: "Make a talk for a class", es: ',
        'page_title: {en: "Make a talk for a class", fr: ',
    )
    (tmp_path / "talks" / "common" / "web.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_strings(tmp_path)
    assert caught.value.problems[0].message == "no text in es"
    assert caught.value.problems[0].path == "talks/common/web.yaml"


def test_page_refuses_an_unknown_format(client: TestClient) -> None:
    """A POST to / with a format no button sends is a field error, as on /api/decks."""
    reply = client.post("/", data={**GOOD, "format": "zzz"})
    assert reply.status_code == 422
    assert 'role="alert"' in reply.text
    assert "&#39;zzz&#39; is not a download offered here: choose pptx" in reply.text
    assert 'class="slides"' not in reply.text
    for fmt in ("preview", ""):  # the preview button, or no button (Enter in a field)
        shown = client.post("/", data={**GOOD, "format": fmt})
        assert shown.status_code == 200 and 'role="alert"' not in shown.text
        assert 'class="slides"' in shown.text


def test_region_without_the_language_is_said_in_the_page_language(make_library: Any) -> None:
    from .conftest import MINI, edit

    root = make_library(
        {
            "talks/regions/co.yaml": edit(
                MINI["talks/regions/co.yaml"], "languages: [es, en]", "languages: [es]"
            )
        }
    )
    client = TestClient(create_app(load_catalog(root)))
    body = {"talk": "mini", "age": "13", "region": "CO", "lang": "en"}
    page = client.post("/", data={**body, "ui": "es"})
    assert page.status_code == 422
    assert alert(page.text) == (
        "Revisa esto: Idioma de las diapositivas: "
        "Las diapositivas para CO no se hacen en English: elige español."
    )
    english = client.post("/", data={**body, "ui": "en"})
    assert alert(english.text).endswith("Slides for CO are not made in English: choose español.")
    api = client.post("/api/decks", json=body)
    assert api.status_code == 422
    assert api.json() == {"error": "region CO does not offer 'en' (it offers: es)", "field": "lang"}


def test_logo_problem_in_the_page_language(client: TestClient) -> None:
    reply = client.post(
        "/api/decks",
        data={**GOOD, "ui": "es"},
        files={"logo": ("logo.png", b"%PDF-1.4 not a picture", "image/png")},
        headers={"accept": "text/html"},
    )
    assert reply.status_code == 422
    assert alert(reply.text) == (
        "Revisa esto: Logotipo del centro (opcional): Este archivo no sirve como logotipo: "
        "not a picture; use PNG, JPEG or SVG. Usa una imagen PNG, JPEG o SVG de hasta 2 MB."
    )
    big = client.post(
        "/",
        data={**GOOD, "ui": "es"},
        files={"logo": ("big.png", b"\x89PNG" + b"\0" * 2_000_001, "image/png")},
    )
    assert big.status_code == 422
    assert alert(big.text) == (
        "Revisa esto: Logotipo del centro (opcional): "
        "El logotipo pasa de 2 MB, el límite: guárdalo más pequeño."
    )


def test_busy_and_too_large_in_the_page_language(catalog: Catalog) -> None:
    busy = TestClient(create_app(catalog, waiting=0)).post("/", data={**GOOD, "ui": "es"})
    assert busy.status_code == 503
    assert alert(busy.text) == (
        "Revisa esto: El servidor está preparando otras presentaciones. "
        "Inténtalo de nuevo en un minuto."
    )
    small = TestClient(create_app(catalog, max_body=1000))
    for declared in (True, False):  # refused before reading, or while reading
        large = small.post(
            "/?ui=es",
            content=b"school=" + b"x" * 2000
            if declared
            else iter([b"talk=x&school=", b"x" * 2000]),
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert large.status_code == 413
        assert alert(large.text) == (
            "Revisa esto: Lo que enviaste es demasiado grande: "
            "el logotipo puede tener como máximo 2 MB."
        )
    api = small.post("/api/decks", content=b"x" * 2000, headers={"content-type": "text/plain"})
    assert api.status_code == 413
    assert api.json() == {"error": "the request is over 0 MB", "field": None}
