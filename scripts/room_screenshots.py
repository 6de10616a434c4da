"""Photograph the room's participant page in every phase, as a phone and as a laptop sees it.

    python scripts/room_screenshots.py OUT_DIR [--lang de-DE,de]

Opens a room (the real RoomLogic and RoomServer, no window) on the demo workshop in a
temporary file, bound to 127.0.0.1, and drives Debian's chromium (/usr/bin/chromium with
/usr/bin/chromedriver: nothing is downloaded) through Write, Score, Vote and the closed and
refused screens, at 390×844 and 1280×800, light and dark. Needs no display. `--lang`
is the browser's language (its Accept-Language), which the page speaks when it can.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By

from tests.room.browser import (
    LAPTOP,
    PHONE,
    chromium,
    screenshot,
    text_of,
    type_text,
    visible,
    wait_for,
)
from trustboard.assets import templates_dir
from trustboard.document.commands import Command
from trustboard.document.document import WorkshopDocument
from trustboard.frameworks.templates import load_template
from trustboard.room.calls import LockedCaller
from trustboard.room.logic import RoomLogic
from trustboard.room.model import Phase, PhaseSettings, Scope
from trustboard.room.server import RoomServer
from trustboard.services.demo import demo_workshop
from trustboard.store import WorkshopFile

CELL = ("competence", "individuals")
OTHERS = [
    "Our account managers know each customer's history before they call.",
    "Release notes name every change that touches customer data.",
    "Invoices still arrive late in December.",
]


class Room:
    """A room on a demo workshop, without a window: edits run at once under one lock."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        framework = load_template(templates_dir() / "rtx-trust-framework.toml").framework
        self.file = WorkshopFile.create(folder / "room.trustboard", demo_workshop(framework))
        self.doc = WorkshopDocument(self.file.workshop, self.file)
        self.logic = RoomLogic(self.doc, self.push, lambda: CELL)
        self.server = RoomServer(self.logic, LockedCaller(), "127.0.0.1", 0)

    def push(self, command: Command) -> None:
        command.redo()

    def phase(self, settings: PhaseSettings) -> None:
        self.logic.set_settings(settings)
        self.server.notify()


def _when(driver: WebDriver, css: str) -> None:
    wait_for(driver, lambda: visible(driver, css), css)


def _shoot(driver: WebDriver, out: Path, name: str) -> None:
    driver.execute_script("window.scrollTo(0, 0)")
    print("saved", screenshot(driver, out / f"{name}.png"))


def _others_write(room: Room) -> None:
    """Two other phones' cards, so the vote has something to choose from."""
    from trustboard.document import room_edits

    for n, text in enumerate(OTHERS):
        command = room_edits.phone_card(
            room.doc, f"phone-{n:012x}", f"demo-card-{n}", text, "evidence", CELL,
            room.logic.settings.layer, private=False,
        )  # fmt: skip
        if command is not None:
            room.push(command)


def tour(room: Room, size: tuple[int, int], tag: str, out: Path, *, dark: bool = False) -> None:
    with chromium(size, dark=dark, language=LANGUAGE) as driver:
        room.phase(PhaseSettings(phase=Phase.WRITE))
        driver.get(room.server.url)
        _when(driver, "#draft")
        type_text(
            driver,
            driver.find_element(By.ID, "draft"),
            "Support answers within the hour, also at weekends.",
        )
        driver.find_element(By.ID, "send").click()
        _when(driver, "#mine li")
        type_text(driver, driver.find_element(By.ID, "draft"), "Our onboarding calls are ")
        _shoot(driver, out, f"{tag}-1-write")
        if dark:
            return

        room.phase(PhaseSettings(phase=Phase.WRITE, scope=Scope.ALL, private=True))
        _when(driver, "#write-private")
        _shoot(driver, out, f"{tag}-2-write-private-choose-cell")

        room.phase(PhaseSettings(phase=Phase.SCORE))
        _when(driver, ".score")
        driver.find_element(By.CSS_SELECTOR, ".score[data-score='4']").click()
        # the digit, whatever language the page speaks ("Your score: 4", "Votre note : 4")
        wait_for(driver, lambda: "4" in text_of(driver, "#score-state"), "the score")
        _shoot(driver, out, f"{tag}-3-score")

        room.phase(PhaseSettings(phase=Phase.SCORE, scope=Scope.ALL))
        _when(driver, "#walk")
        _shoot(driver, out, f"{tag}-4-score-walk")

        _others_write(room)
        room.phase(PhaseSettings(phase=Phase.VOTE, per_person=5, per_card=2))
        _when(driver, ".vote-card .primary")
        driver.find_elements(By.CSS_SELECTOR, ".vote-card .primary")[1].click()
        wait_for(driver, lambda: "4" in text_of(driver, "#vote-left"), "a dot")
        _shoot(driver, out, f"{tag}-5-vote")

        room.phase(PhaseSettings(phase=Phase.CLOSED))
        _when(driver, "#phase-closed")
        _shoot(driver, out, f"{tag}-6-paused")

        room.logic.set_pin(True)
        with chromium(size, language=LANGUAGE) as newcomer:
            newcomer.get(room.server.url)
            _when(newcomer, "#pin-form")
            _shoot(newcomer, out, f"{tag}-7-pin")
        room.logic.set_pin(False)

        room.logic.end_session()
        room.server.notify()
        _when(driver, "#view-gate")
        _shoot(driver, out, f"{tag}-8-expired")


def closed(room: Room, out: Path) -> None:
    with chromium(PHONE, language=LANGUAGE) as driver:
        room.phase(PhaseSettings(phase=Phase.WRITE))
        driver.get(room.server.url)
        _when(driver, "#draft")
        type_text(driver, driver.find_element(By.ID, "draft"), "Half a thought about")
        room.server.stop()
        _when(driver, "#view-gate")
        _shoot(driver, out, "phone-9-room-closed")


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)"> "><b>x',
    "\u202eevil.exe\u202c شكرا لكم",
    "W" * 1000,
]


def hostile(room: Room, out: Path) -> None:
    """What the room's strangest text looks like on a phone: as text, wrapped, in place."""
    with chromium(PHONE, language=LANGUAGE) as driver:
        room.phase(PhaseSettings(phase=Phase.WRITE))
        driver.get(room.server.url)
        _when(driver, "#draft")
        for text in HOSTILE:
            type_text(driver, driver.find_element(By.ID, "draft"), text)
            driver.find_element(By.ID, "send").click()
            wait_for(
                driver,
                lambda: not driver.find_element(By.ID, "draft").get_attribute("value"),
                "sent",
            )
        wait_for(
            driver,
            lambda: len(driver.find_elements(By.CSS_SELECTOR, "#mine li")) == len(HOSTILE),
            "cards",
        )
        type_text(driver, driver.find_element(By.ID, "draft"), "x" * 1005)
        driver.execute_script("document.getElementById('mine-head').scrollIntoView()")
        print("saved", screenshot(driver, out / "phone-10-hostile-text.png"))


LANGUAGE = ""  # the phones' language; "" leaves chromium's own


def main() -> int:
    global LANGUAGE
    args = sys.argv[1:]
    if "--lang" in args:
        at = args.index("--lang")
        LANGUAGE = args[at + 1]
        del args[at : at + 2]
    out = Path(args[0] if args else "room-screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for size, tag, dark in ((PHONE, "phone", False), (LAPTOP, "laptop", False),
                                (PHONE, "phone-dark", True)):  # fmt: skip
            room = Room(Path(folder) / tag)
            room.server.start()
            try:
                tour(room, size, tag, out, dark=dark)
            finally:
                room.server.stop()
                room.file.close()
        room = Room(Path(folder) / "hostile")
        room.server.start()
        try:
            hostile(room, out)
        finally:
            room.server.stop()
            room.file.close()
        room = Room(Path(folder) / "closed")
        room.server.start()
        try:
            closed(room, out)
        finally:
            room.server.stop()
            room.file.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
