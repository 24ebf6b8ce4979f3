"""End to end: a real headless chromium (Debian's, through its chromedriver) fills the page of a
real `talkdeck serve` server on 127.0.0.1, sees the slides and downloads a deck that passes the
OOXML schema check. Nothing is downloaded at run time: Selenium is given the system driver.

Set TALKDECK_SCREENSHOTS=DIR to keep desktop and phone screenshots of the page.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .office import need
from .test_realclient import VALIDATOR

pytestmark = pytest.mark.slow  # starts a server and a browser

CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "talkdeck", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # bounded: at most ~60 s for the library to load
            if proc.poll() is not None:
                pytest.fail(f"talkdeck serve exited: {proc.stdout.read() if proc.stdout else ''}")
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            log = proc.communicate(timeout=20)[0]
        except subprocess.TimeoutExpired:
            proc.kill()
            log = proc.communicate()[0]
    # What the server logged holds no school, presenter or lead.
    for secret in ("Hill Top School", "Ms Secret", "Mr Lead"):
        assert secret not in log


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator[Any]:
    if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
        need("chromium", "chromedriver")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_AVOID_STATS", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,900"]:
        options.add_argument(flag)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def _shot(driver: Any, name: str, width: int) -> None:
    folder = os.environ.get("TALKDECK_SCREENSHOTS")
    if not folder:
        return
    driver.set_window_size(width, 900)
    height = driver.execute_script("return document.body.scrollHeight")
    driver.set_window_size(width, min(int(height) + 40, 4000))
    driver.save_screenshot(str(Path(folder) / name))


def test_fill_preview_and_download(server: str, browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.ui import WebDriverWait

    d = browser
    d.get(f"{server}/?ui=es")
    assert d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "es"
    assert "Prepara una charla" in d.find_element(By.TAG_NAME, "h1").text
    _shot(d, "desktop-empty.png", 1280)
    Select(d.find_element(By.ID, "talk")).select_by_value("grooming-awareness")
    Select(d.find_element(By.ID, "age")).select_by_value("12")
    Select(d.find_element(By.ID, "region")).select_by_value("GB")
    Select(d.find_element(By.ID, "lang")).select_by_value("en")
    d.find_element(By.ID, "school").send_keys("Hill Top School")
    d.find_element(By.ID, "presenter").send_keys("Ms Secret")
    d.find_element(By.ID, "lead").send_keys("Mr Lead")
    d.find_element(By.CSS_SELECTOR, "button[value=preview]").click()
    wait = WebDriverWait(d, 60)
    heading = wait.until(ec.visibility_of_element_located((By.ID, "slides-heading")))
    assert d.switch_to.active_element == heading  # focus moved to the slides
    cards = d.find_elements(By.CSS_SELECTOR, ".deck .card")
    assert len(cards) > 5
    assert "Hill Top School" in cards[0].text
    notes = cards[0].find_element(By.TAG_NAME, "summary")
    notes.click()
    assert "Mr Lead" in cards[0].find_element(By.CLASS_NAME, "notes").text
    _shot(d, "desktop-preview.png", 1280)
    _shot(d, "phone-preview.png", 390)
    d.set_window_size(1280, 900)
    d.find_element(By.CSS_SELECTOR, "button[value=pptx]").click()
    downloads: Path = d.downloads
    deck = downloads / "grooming-awareness-GB-en-12.pptx"
    for _ in range(300):  # bounded: at most ~60 s
        if deck.exists():
            break
        time.sleep(0.2)
    assert deck.exists(), sorted(p.name for p in downloads.iterdir())
    from pptx import Presentation

    first = Presentation(str(deck)).slides[0]
    assert "Hill Top School" in " ".join(
        s.text_frame.text for s in first.shapes if s.has_text_frame
    )
    if VALIDATOR.exists():
        check = subprocess.run(
            [sys.executable, str(VALIDATOR), "--quiet", str(deck)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert check.returncode == 0, check.stdout + check.stderr
    elif os.environ.get("CI"):
        pytest.fail(f"{VALIDATOR} missing")


def test_bad_value_shows_a_message_on_the_page(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    d = browser
    d.get(server)
    d.execute_script(
        "document.getElementById('region').innerHTML = '<option value=\"../../etc\">x</option>'"
    )
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    d.find_element(By.CSS_SELECTOR, "button[value=pptx]").click()
    error = WebDriverWait(d, 30).until(ec.visibility_of_element_located((By.ID, "error")))
    assert error.text.endswith(
        "Country or region: '../../etc' is not a country or region offered here: "
        "choose one from the list."
    )
    assert "Traceback" not in d.page_source
