"""The participant page in German in a real browser (Debian's chromium at 390×844): the
phone asks for German, the page speaks it, nothing clips; a screenshot is left in /tmp."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from selenium.webdriver.chrome.webdriver import WebDriver

from tests.room.browser import PHONE, chromium, screenshot, text_of, visible
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import new_workshop
from trustboard.paths import UserPaths
from trustboard.room.model import Phase, PhaseSettings
from trustboard.services.settings import Settings
from trustboard.store import WorkshopFile
from trustboard.ui.main_window import MainWindow
from trustboard.ui.room.hooks import room_of

WAIT_MS = 20_000  # a ceiling for a slow shared machine, not a timing assertion
SHOTS = Path("/tmp/trustboard-room-de")
# Elements whose text must fit: nothing wider than its box, nothing cut off.
CLIPPED = """
return Array.from(document.querySelectorAll('button, label, h1, h2, h3, p, legend, summary'))
  .filter(e => e.offsetParent !== null && e.textContent.trim())
  .filter(e => e.scrollWidth > e.clientWidth + 1
               || e.getBoundingClientRect().right > window.innerWidth + 1)
  .map(e => e.id || e.tagName + ': ' + e.textContent.trim().slice(0, 40));
"""


@pytest.fixture
def window(qtbot: QtBot, data_dir: UserPaths, tmp_path: Path, rtx: Framework
           ) -> Iterator[MainWindow]:  # fmt: skip
    path = tmp_path / "room.trustboard"
    WorkshopFile.create(path, new_workshop(rtx, "Vertrauens-Workshop")).close()
    w = MainWindow(data_dir, Settings.load(data_dir))
    qtbot.addWidget(w)
    w.show()
    assert w.open_file(path)
    assert w.session is not None
    w.session.set_current_cell(("competence", "individuals"))
    yield w
    room_of(w).close()
    w.close()


@pytest.mark.parametrize("phase", [Phase.WRITE, Phase.SCORE, Phase.VOTE])
def test_a_german_phone_reads_the_page_in_german_and_nothing_clips(
    qtbot: QtBot, window: MainWindow, phase: Phase
) -> None:
    room = room_of(window)
    room.open("127.0.0.1", 0, PhaseSettings(phase=phase))
    with chromium(PHONE, language="de-DE,de") as phone:
        _join(qtbot, phone, room.url)
        assert phone.execute_script("return document.documentElement.lang") == "de-DE"
        assert text_of(phone, "#link-text") == "Verbunden"
        if phase == Phase.WRITE:
            assert text_of(phone, "#write-head") == "Karte schreiben"
            assert text_of(phone, "#send") == "Karte senden"
            assert text_of(phone, "#phase") == "Schreiben"
        elif phase == Phase.SCORE:
            assert text_of(phone, "#score-head") == "Ihre Bewertung"
            assert text_of(phone, "#score-state") == "Sie haben dieses Feld noch nicht bewertet."
        else:
            assert text_of(phone, "#vote-head") == "Mit Ihren Punkten abstimmen"
            assert text_of(phone, "#vote-left") == "Noch 3 Punkte"
        shot = screenshot(phone, SHOTS / f"{phase.value}.png")
        assert shot.stat().st_size > 0
        assert phone.execute_script(CLIPPED) == []


def _join(qtbot: QtBot, phone: WebDriver, url: str) -> None:
    phone.get(url)
    qtbot.waitUntil(lambda: visible(phone, "#view-room") is not None, timeout=WAIT_MS)
