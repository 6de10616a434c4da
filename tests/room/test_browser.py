"""The participant page in a real browser: Debian's chromium at 390×844, on the window's room.

Each test opens the real window on a workshop file, opens its room on 127.0.0.1 (a free
port) and drives the page as a participant would; what the phone did is then looked for on
the board, in the cell panel and in the file on disk. While the browser works, the tests wait
with `qtbot.waitUntil`, so the window's event loop runs the phone's edits meanwhile.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By

from tests.room.browser import PHONE, chromium, page_elements, text_of, type_text, visible
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Layer, Perspective, Round, new_workshop
from trustboard.paths import UserPaths
from trustboard.room.model import Phase, PhaseSettings, Scope
from trustboard.services.settings import Settings
from trustboard.store import WorkshopFile
from trustboard.ui.main_window import MainWindow
from trustboard.ui.room.controller import RoomController
from trustboard.ui.room.hooks import room_of

CI = ("competence", "individuals")
SELF = Perspective.SELF
WAIT_MS = 20_000  # a ceiling for a slow shared machine, not a timing assertion
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="document.title=1">',
    '"><b>x',
    "\u202eevil.exe\u202c and more",
]
HOSTILE_TITLE = '<img src=x onerror="document.title=1"> "><b>Workshop'
ROOM_JS = Path(__file__).parents[2] / "resources" / "room" / "room.js"


@pytest.fixture
def window(qtbot: QtBot, data_dir: UserPaths, tmp_path: Path, rtx: Framework
           ) -> Iterator[MainWindow]:  # fmt: skip
    path = tmp_path / "room.trustboard"
    WorkshopFile.create(path, new_workshop(rtx, HOSTILE_TITLE)).close()
    w = MainWindow(data_dir, Settings.load(data_dir))
    qtbot.addWidget(w)
    w.show()
    assert w.open_file(path)
    assert w.session is not None
    w.session.set_current_cell(CI)
    yield w
    room_of(w).close()
    w.close()


@pytest.fixture
def room(window: MainWindow) -> RoomController:
    room = room_of(window)
    room.open("127.0.0.1", 0)
    return room


@pytest.fixture
def phone() -> Iterator[WebDriver]:
    with chromium(PHONE) as driver:
        yield driver


def _join(qtbot: QtBot, phone: WebDriver, room: RoomController) -> None:
    phone.get(room.url)
    qtbot.waitUntil(lambda: visible(phone, "#view-room") is not None, timeout=WAIT_MS)


def _on_disk(window: MainWindow) -> Round:
    assert window.session is not None
    window.session.file.flush()
    with WorkshopFile.open(window.session.file.path, read_only=True) as again:
        return again.workshop.current_round


def _write(phone: WebDriver, text: str) -> None:
    type_text(phone, phone.find_element(By.ID, "draft"), text)
    phone.find_element(By.ID, "send").click()


def _on_board(window: MainWindow) -> list[str]:
    """The texts of the cards the board scene shows."""
    assert window.scene is not None
    return [item.card.text for item in window.scene.cards.values()]


def _kept(phone: WebDriver, what: str) -> list[object]:
    """What the page keeps in localStorage under `what` ("draft", "outbox"), per link."""
    kept: list[object] = phone.execute_script(
        "return Object.keys(localStorage).filter(k => k.endsWith('.' + arguments[0]))"
        ".map(k => JSON.parse(localStorage.getItem(k)))",
        what,
    )
    return kept


def _mine(phone: WebDriver) -> list[str]:
    texts: list[str] = phone.execute_script(
        "return Array.from(document.querySelectorAll('#mine .card-text')).map(e => e.textContent)"
    )
    return texts


def test_a_phone_writes_scores_and_votes_into_the_board_the_panel_and_the_file(
    qtbot: QtBot, window: MainWindow, room: RoomController, phone: WebDriver
) -> None:
    session = window.session
    assert session is not None and window.scene is not None
    _join(qtbot, phone, room)
    assert text_of(phone, "#cell-name") == "Competence × Individuals"
    assert text_of(phone, "#phase") == "Write"

    _write(phone, "Support answers within the hour")
    qtbot.waitUntil(
        lambda: _on_board(window) == ["Support answers within the hour"], timeout=WAIT_MS
    )
    qtbot.waitUntil(lambda: _mine(phone) == ["Support answers within the hour"], timeout=WAIT_MS)
    assert phone.find_element(By.ID, "draft").get_attribute("value") == ""
    assert session.undo_stack.undoText() == "Card from a phone"

    room.set_settings(PhaseSettings(phase=Phase.SCORE))
    qtbot.waitUntil(lambda: visible(phone, ".score[data-score='4']") is not None, timeout=WAIT_MS)
    phone.find_element(By.CSS_SELECTOR, ".score[data-score='4']").click()
    readout = window.cell_panel.rating_box.rows[Perspective.SELF].readout  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: readout.text().startswith("1 score · median 4"), timeout=WAIT_MS)
    four = phone.find_element(By.CSS_SELECTOR, ".score[data-score='4']")
    qtbot.waitUntil(lambda: four.get_attribute("aria-pressed") == "true", timeout=WAIT_MS)

    vote = PhaseSettings(phase=Phase.VOTE, per_person=3, per_card=2)
    room.set_settings(vote, per_person=3, per_card=2)
    qtbot.waitUntil(lambda: visible(phone, ".vote-card .primary") is not None, timeout=WAIT_MS)
    assert text_of(phone, "#vote-left") == "3 dots left"
    for left in ("2 dots left", "1 dot left"):
        phone.find_element(By.CSS_SELECTOR, ".vote-card .primary").click()
        qtbot.waitUntil(lambda left=left: text_of(phone, "#vote-left") == left, timeout=WAIT_MS)
    card_id = next(iter(session.round.cards))
    qtbot.waitUntil(lambda: session.round.cards[card_id].votes == 2, timeout=WAIT_MS)
    # at most 2 dots on one card: the page will not offer a third
    assert not phone.find_element(By.CSS_SELECTOR, ".vote-card .primary").is_enabled()

    room.set_settings(PhaseSettings(phase=Phase.CLOSED))
    qtbot.waitUntil(lambda: visible(phone, "#phase-closed") is not None, timeout=WAIT_MS)

    # The page loaded nothing the Content-Security-Policy refused and threw no error.
    assert [e["message"] for e in phone.get_log("browser") if e["level"] == "SEVERE"] == []

    saved = _on_disk(window)
    (card,) = saved.cards.values()
    assert card.text == "Support answers within the hour"
    assert card.cell == CI and card.owner.startswith("phone-") and card.author == ""
    assert card.votes == 2
    assert saved.rating(CI, Layer.AS_IS, Perspective.SELF).scores == (4,)


def test_hostile_text_stays_text_on_the_phone_and_on_the_board(
    qtbot: QtBot, window: MainWindow, room: RoomController, phone: WebDriver
) -> None:
    assert window.scene is not None
    _join(qtbot, phone, room)
    before = sorted(page_elements(phone))
    assert phone.find_element(By.ID, "title").get_attribute("textContent") == HOSTILE_TITLE
    for text in HOSTILE:
        _write(phone, text)
        qtbot.waitUntil(lambda text=text: text in _mine(phone), timeout=WAIT_MS)
    long_text = "W" * 10_000
    type_text(phone, phone.find_element(By.ID, "draft"), long_text)

    assert _mine(phone) == sorted(HOSTILE, key=lambda t: _card_id_order(window, t))
    tags = page_elements(phone)
    assert "img" not in tags and "b" not in tags
    assert tags.count("script") == before.count("script")
    assert phone.title.endswith("TrustBoard room")  # no onerror ran
    assert sorted(_on_board(window)) == sorted(HOSTILE)
    # 10,000 characters: the page says it is too long and will not send it
    assert phone.find_element(By.ID, "counter").get_attribute("data-over") == "true"
    assert "too long" in text_of(phone, "#counter")
    assert not phone.find_element(By.ID, "send").is_enabled()
    width = phone.execute_script("return document.documentElement.scrollWidth")
    assert width <= PHONE[0]  # long text wraps: nothing pushes the page sideways


def _card_id_order(window: MainWindow, text: str) -> str:
    """The phone lists its cards by id, as the room sends them."""
    assert window.session is not None
    return next(c.id for c in window.session.round.cards.values() if c.text == text)


def test_a_wrong_or_expired_link_shows_no_room(
    qtbot: QtBot, room: RoomController, phone: WebDriver
) -> None:
    base, token = room.url.rsplit("/", 1)
    phone.get(f"{base}/{'a' * len(token)}")
    assert "No room here" in phone.find_element(By.TAG_NAME, "body").text
    assert not phone.find_elements(By.TAG_NAME, "script")

    _join(qtbot, phone, room)
    type_text(phone, phone.find_element(By.ID, "draft"), "Typed before the new link")
    room.end_session()  # old links stop working: the open page says so
    qtbot.waitUntil(lambda: "expired" in text_of(phone, "#gate-title"), timeout=WAIT_MS)
    assert "Scan the code on the screen again" in text_of(phone, "#gate-text")
    phone.get(f"{base}/{token}")
    assert "This link has expired" in phone.find_element(By.TAG_NAME, "body").text
    _join(qtbot, phone, room)  # the new link: what was typed comes along
    assert phone.find_element(By.ID, "draft").get_attribute("value") == "Typed before the new link"


def test_closing_the_room_tells_the_phone_and_keeps_the_draft(
    qtbot: QtBot, window: MainWindow, room: RoomController, phone: WebDriver
) -> None:
    _join(qtbot, phone, room)
    type_text(phone, phone.find_element(By.ID, "draft"), "Half a thought about")
    room.close()
    qtbot.waitUntil(lambda: "closed" in text_of(phone, "#gate-title"), timeout=WAIT_MS)
    assert "closed the room" in text_of(phone, "#gate-text")
    assert visible(phone, "#gate-safe") is not None  # "Anything you were typing is kept"
    # the laptop no longer answers; what was typed is kept on the phone
    assert _kept(phone, "draft") == ["Half a thought about"]


def test_a_card_sent_while_the_connection_drops_lands_once(
    qtbot: QtBot, window: MainWindow, room: RoomController, phone: WebDriver
) -> None:
    """Send, lose the socket before the answer, reconnect: the page sends the card again
    with the same key, and the workshop holds it once."""
    from trustboard.room.server import RoomServer

    session = window.session
    assert session is not None
    _join(qtbot, phone, room)
    type_text(phone, phone.find_element(By.ID, "draft"), "Draft kept across the drop")
    _write(phone, "Sent while the Wi-Fi drops")
    # The window has not run the phone's edit yet (this test has not let Qt work): the card
    # is on its way. Now the server goes away and comes back on the same port and link.
    old = room.server
    assert old is not None and room.logic is not None
    old.stop()
    new = RoomServer(room.logic, room.caller, room.address, old.port)
    new.on_count = old.on_count
    new.start()
    room.server = new
    qtbot.waitUntil(lambda: visible(phone, "#mine li") is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: _kept(phone, "outbox") == [[]], timeout=WAIT_MS)
    texts = [c.text for c in session.round.cards.values()]
    assert texts == ["Sent while the Wi-Fi drops"]
    assert _mine(phone) == ["Sent while the Wi-Fi drops"]
    assert _on_disk(window).cards.keys() == session.round.cards.keys()
    phone.find_element(By.ID, "send")  # still the write screen
    assert text_of(phone, "#link-text") == "Connected"


def test_the_draft_survives_a_reload(qtbot: QtBot, room: RoomController, phone: WebDriver) -> None:
    _join(qtbot, phone, room)
    type_text(phone, phone.find_element(By.ID, "draft"), "مرحبا — typed before the screen locked")
    phone.refresh()
    qtbot.waitUntil(lambda: visible(phone, "#draft") is not None, timeout=WAIT_MS)
    draft = phone.find_element(By.ID, "draft")
    assert draft.get_attribute("value") == "مرحبا — typed before the screen locked"
    assert draft.get_attribute("dir") == "auto"


def test_cards_can_go_to_a_chosen_cell_and_be_edited_and_deleted(
    qtbot: QtBot, window: MainWindow, room: RoomController, phone: WebDriver
) -> None:
    session = window.session
    assert session is not None
    room.set_settings(PhaseSettings(phase=Phase.WRITE, scope=Scope.ALL))
    _join(qtbot, phone, room)
    select = phone.find_element(By.ID, "write-cell")
    labels = [o.text for o in select.find_elements(By.TAG_NAME, "option")]
    target = labels.index("Integrity × Technology")
    select.find_elements(By.TAG_NAME, "option")[target].click()
    _write(phone, "Two-factor login for every customer")
    qtbot.waitUntil(lambda: len(session.round.cards) == 1, timeout=WAIT_MS)
    (card,) = session.round.cards.values()
    assert card.cell == ("integrity", "technology")

    qtbot.waitUntil(lambda: visible(phone, "#mine li button") is not None, timeout=WAIT_MS)
    _button(phone, "Edit").click()
    box = phone.find_element(By.CSS_SELECTOR, "#mine textarea")
    type_text(phone, box, "Two-factor login for every customer, by default")
    _button(phone, "Save").click()
    qtbot.waitUntil(
        lambda: session.round.cards[card.id].text.endswith("by default"), timeout=WAIT_MS
    )
    qtbot.waitUntil(lambda: _mine(phone) == [session.round.cards[card.id].text], timeout=WAIT_MS)
    _button(phone, "Delete").click()
    _button(phone, "Yes, delete").click()
    qtbot.waitUntil(lambda: not session.round.cards, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: _mine(phone) == [], timeout=WAIT_MS)
    assert session.undo_stack.undoText() == "Delete card from a phone"


def _button(phone: WebDriver, label: str):  # type: ignore[no-untyped-def]
    for button in phone.find_elements(By.CSS_SELECTOR, "#mine button"):
        if button.is_displayed() and button.text == label:
            return button
    return None


def test_the_page_script_never_turns_text_into_markup() -> None:
    """Every string from the room reaches the page by textContent or value only."""
    source = ROOM_JS.read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)
    for banned in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                   "eval(", "new Function", "setTimeout(\"", "setInterval(\""):  # fmt: skip
        assert banned not in code, banned
    page = (ROOM_JS.parent / "index.html").read_text(encoding="utf-8")
    # nothing from anywhere but the laptop: no absolute URL, no inline script or style
    assert not re.search(r"(src|href)\s*=\s*\"(https?:)?//", page)
    assert "<script>" not in page and "style=" not in page and " on" + "click" not in page


def test_a_locked_room_and_a_pin_tell_a_new_phone_what_to_do(
    qtbot: QtBot, room: RoomController, phone: WebDriver
) -> None:
    room.set_locked(True)
    phone.get(room.url)
    qtbot.waitUntil(lambda: text_of(phone, "#gate-title") == "The room is locked", timeout=WAIT_MS)
    assert "Ask the facilitator" in text_of(phone, "#gate-text")
    assert visible(phone, "#draft") is None
    room.set_locked(False)
    room.set_pin(True)
    phone.find_element(By.ID, "gate-retry").click()  # never a dead end
    qtbot.waitUntil(lambda: visible(phone, "#pin") is not None, timeout=WAIT_MS)
    assert room.logic is not None
    wrong = "0000" if room.logic.pin != "0000" else "1111"
    for pin, expected in ((wrong, "not right"), (room.logic.pin, "")):
        phone.find_element(By.ID, "pin").send_keys(pin)
        phone.find_element(By.CSS_SELECTOR, "#pin-form button").click()
        if expected:
            qtbot.waitUntil(lambda e=expected: e in text_of(phone, "#gate-text"), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: visible(phone, "#draft") is not None, timeout=WAIT_MS)


def test_a_card_being_edited_keeps_its_new_text_when_the_room_sends_news(
    qtbot: QtBot, window: MainWindow, room: RoomController, phone: WebDriver
) -> None:
    session = window.session
    assert session is not None
    _join(qtbot, phone, room)
    for text in ("First card", "Second card"):
        _write(phone, text)
        qtbot.waitUntil(lambda text=text: text in _mine(phone), timeout=WAIT_MS)
    first = _card_id_order(window, "First card")
    second = _card_id_order(window, "Second card")
    phone.find_element(By.CSS_SELECTOR, f"#mine li[data-card='{first}'] button").click()
    box = phone.find_element(By.CSS_SELECTOR, "#mine textarea")
    type_text(phone, box, "First card, reworded on the phone")
    # The facilitator tidies the other card: the phone's list of cards comes again.
    session.update_card(second, text="Second card, tidied on the board")
    qtbot.waitUntil(lambda: "Second card, tidied on the board" in _mine(phone), timeout=WAIT_MS)
    box = phone.find_element(By.CSS_SELECTOR, "#mine textarea")
    assert box.get_attribute("value") == "First card, reworded on the phone"


def test_a_phone_walks_through_every_cell_and_scores_each(
    qtbot: QtBot, window: MainWindow, room: RoomController, phone: WebDriver
) -> None:
    session = window.session
    assert session is not None
    cells = list(session.framework.cells())
    room.set_settings(PhaseSettings(phase=Phase.SCORE))
    _join(qtbot, phone, room)
    phone.find_element(By.CSS_SELECTOR, ".score[data-score='2']").click()  # the current cell
    qtbot.waitUntil(
        lambda: session.round.rating(CI, Layer.AS_IS, SELF).scores == (2,), timeout=WAIT_MS
    )
    room.set_settings(PhaseSettings(phase=Phase.SCORE, scope=Scope.ALL))
    # the walk starts at the first cell this phone has not scored yet
    qtbot.waitUntil(lambda: text_of(phone, "#walk-where").startswith("Cell 2 of"), timeout=WAIT_MS)
    assert text_of(phone, "#walk-where") == f"Cell 2 of {len(cells)} · 1 scored"
    phone.find_element(By.CSS_SELECTOR, ".score[data-score='5']").click()
    qtbot.waitUntil(lambda: text_of(phone, "#walk-where").startswith("Cell 3 of"), timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: session.round.rating(cells[1], Layer.AS_IS, SELF).scores == (5,), timeout=WAIT_MS
    )
    phone.find_element(By.ID, "walk-prev").click()
    assert text_of(phone, "#walk-cell") == _name(window, cells[1])
    assert (
        phone.find_element(By.CSS_SELECTOR, ".score[data-score='5']").get_attribute("aria-pressed")
        == "true"
    )
    phone.find_element(By.ID, "score-clear").click()  # take it back
    qtbot.waitUntil(
        lambda: session.round.rating(cells[1], Layer.AS_IS, SELF).scores == (), timeout=WAIT_MS
    )


def _name(window: MainWindow, cell: tuple[str, str]) -> str:
    assert window.session is not None
    framework = window.session.framework
    return f"{framework.element(cell[0]).name} × {framework.domain(cell[1]).name}"


def test_the_page_says_connected_again_when_the_phone_is_back_online(
    qtbot: QtBot, room: RoomController, phone: WebDriver
) -> None:
    """Phones report "offline" for a moment on a Wi-Fi change while the socket survives: the
    page checks with the room and says "Connected" again, not "Offline" for ever."""
    _join(qtbot, phone, room)
    phone.execute_cdp_cmd("Network.enable", {})
    conditions = {"latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
    for offline in (True, False):
        phone.execute_cdp_cmd(
            "Network.emulateNetworkConditions", {"offline": offline, **conditions}
        )
        qtbot.waitUntil(
            lambda o=offline: phone.execute_script("return navigator.onLine") is not o,
            timeout=WAIT_MS,
        )
    qtbot.waitUntil(lambda: text_of(phone, "#link-text") == "Connected", timeout=WAIT_MS)


SMALL_TARGETS = """
return Array.from(document.querySelectorAll(
    'button, select, textarea, input:not([type=radio]), label.kind, summary'))
  .filter(e => e.offsetParent !== null)
  .map(e => [e.id || e.className || e.tagName, e.getBoundingClientRect()])
  .filter(([, r]) => r.height < 48 || r.width < 48)
  .map(([name, r]) => name + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
"""


def test_every_phase_fits_a_360_px_phone_with_48_px_targets(
    qtbot: QtBot, window: MainWindow, room: RoomController
) -> None:
    session = window.session
    assert session is not None
    session.add_card(CI, "A card from the board to vote on")
    with chromium((360, 640)) as phone:
        steps = [
            (PhaseSettings(phase=Phase.WRITE, scope=Scope.ALL, private=True), "#write-cell"),
            (PhaseSettings(phase=Phase.SCORE, scope=Scope.ALL), "#walk"),
            (PhaseSettings(phase=Phase.VOTE, per_person=3), ".vote-card"),
            (PhaseSettings(phase=Phase.CLOSED), "#phase-closed"),
        ]
        _join(qtbot, phone, room)
        for settings, shown in steps:
            room.set_settings(settings, per_person=3)
            qtbot.waitUntil(lambda s=shown: visible(phone, s) is not None, timeout=WAIT_MS)
            width = phone.execute_script("return document.documentElement.scrollWidth")
            assert width <= 360, settings.phase
            assert phone.execute_script(SMALL_TARGETS) == [], settings.phase


def test_a_name_given_on_the_phone_signs_its_cards_when_the_workshop_allows_names(
    qtbot: QtBot, window: MainWindow, room: RoomController, phone: WebDriver
) -> None:
    session = window.session
    assert session is not None and not session.workshop.anonymous
    _join(qtbot, phone, room)
    name = phone.find_element(By.ID, "name")
    assert name.is_displayed()
    name.send_keys("Ana")
    phone.find_element(By.ID, "draft").click()  # leaving the field gives the name to the room
    qtbot.waitUntil(lambda: text_of(phone, "#link-text") == "Connected", timeout=WAIT_MS)
    _write(phone, "Signed card")
    qtbot.waitUntil(lambda: _on_board(window) == ["Signed card"], timeout=WAIT_MS)
    (card,) = session.round.cards.values()
    assert card.author == "Ana"
