"""The facilitator's side of the room: phones' edits on the board as undo steps, moderation,
the join code, and nothing listening once the room, the workshop or the app closes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from trustboard.document import room_edits
from trustboard.domain.workshop import Perspective
from trustboard.room.model import Phase
from trustboard.ui.actions import ActionId
from trustboard.ui.main_window import MainWindow
from trustboard.ui.room.controller import RoomController
from trustboard.ui.room.hooks import open_from_command_line, room_of

from .conftest import Phones


def cell_of(window: MainWindow) -> list[str]:
    session = window.session
    assert session is not None and session.current_cell is not None
    return list(session.current_cell)


def card_on_board(window: MainWindow, card_id: str) -> bool:
    return window.scene is not None and card_id in window.scene.cards


def set_phase(room: RoomController, **changes: object) -> None:
    panel = room.parts.panel
    assert panel is not None
    import dataclasses

    room.set_settings(dataclasses.replace(panel.settings(), **changes))


# -- opening and closing ----------------------------------------------------------------------


def test_the_room_opens_from_the_action_and_nothing_listens_after_close(
    qtbot: QtBot,
    window: MainWindow,
    is_listening: Callable[[str], bool],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from trustboard.ui.room import open_dialog
    from trustboard.ui.room.addresses import LOOPBACK, LOOPBACK_ADDRESS, RoomAddress

    actions = window.actions_
    assert actions[ActionId.ROOM_OPEN].isEnabled() and not actions[ActionId.ROOM_CLOSE].isEnabled()
    here = RoomAddress(LOOPBACK_ADDRESS, LOOPBACK, "loopback")
    monkeypatch.setattr(open_dialog.OpenRoomDialog, "exec", lambda self: 1)
    monkeypatch.setattr(open_dialog.OpenRoomDialog, "chosen", lambda self: here)
    actions[ActionId.ROOM_OPEN].trigger()
    room = room_of(window)
    assert room.is_open and is_listening(room.url)
    assert actions[ActionId.ROOM_CLOSE].isEnabled() and not actions[ActionId.ROOM_OPEN].isEnabled()
    assert window.settings.room_address == LOOPBACK_ADDRESS  # offered first next time
    url = room.url
    actions[ActionId.ROOM_CLOSE].trigger()
    assert not room.is_open and not is_listening(url)
    assert actions[ActionId.ROOM_OPEN].isEnabled()


def test_closing_the_workshop_closes_the_room(
    window: MainWindow, room: RoomController, is_listening: Callable[[str], bool]
) -> None:
    url = room.url
    assert is_listening(url)
    assert window.close_workshop()
    assert not room.is_open and not is_listening(url)


def test_closing_the_app_closes_the_room(
    window: MainWindow, room: RoomController, is_listening: Callable[[str], bool]
) -> None:
    url = room.url
    window.close()
    assert not is_listening(url)


def test_the_command_line_opens_the_room_and_prints_the_url_on_one_line(
    window: MainWindow, capsys: pytest.CaptureFixture[str], is_listening: Callable[[str], bool]
) -> None:
    assert open_from_command_line(window, "127.0.0.1", 0)
    out = capsys.readouterr().out
    room = room_of(window)
    url = room.url
    assert out == url + "\n" and is_listening(url)
    room.close()
    assert not is_listening(url)


def test_an_address_that_is_not_this_computers_is_a_sentence_and_nothing_listens(
    window: MainWindow, capsys: pytest.CaptureFixture[str]
) -> None:
    assert not open_from_command_line(window, "192.0.2.1", 0)  # TEST-NET: never ours
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("trustboard: The room could not open on 192.0.2.1")
    assert "Traceback" not in captured.err and not room_of(window).is_open


# -- what phones do reaches the board ------------------------------------------------------------


def test_a_card_from_a_phone_is_on_the_board_as_one_undo_step(
    qtbot: QtBot, window: MainWindow, room: RoomController, phones: Phones
) -> None:
    session = window.session
    assert session is not None
    phone = phones.join(room.url)
    reply = phones.run(phone.add_card("The status page is a week behind", cell=cell_of(window)))
    assert reply["type"] == "ok", reply
    card_id = reply["card"]
    qtbot.waitUntil(lambda: card_on_board(window, card_id))
    assert session.undo_stack.text(session.undo_stack.index() - 1) == "Card from a phone"
    session.undo()
    assert not card_on_board(window, card_id)
    session.redo()
    assert card_on_board(window, card_id)


def test_scores_from_phones_reach_the_cell_panel(
    qtbot: QtBot, window: MainWindow, room: RoomController, phones: Phones
) -> None:
    session = window.session
    assert session is not None and window.cell_panel is not None
    cell = cell_of(window)
    before = session.round.rating(tuple(cell), session.layer, Perspective.SELF).scores  # type: ignore[arg-type]
    set_phase(room, phase=Phase.SCORE)
    a, b = phones.join(room.url), phones.join(room.url)
    for phone, score in ((a, 2), (b, 5)):
        reply = phones.run(phone.score(cell, score))
        assert reply["type"] == "ok", reply
    histogram = window.cell_panel.rating_box.rows[Perspective.SELF].histogram  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: sorted([*before, 2, 5]) == sorted(
        s for s, n in histogram.counts for _ in range(n)))  # fmt: skip
    assert session.undo_stack.text(session.undo_stack.index() - 1) == "Score from a phone"


def test_waiting_cards_stay_off_the_board_until_revealed(
    qtbot: QtBot, window: MainWindow, room: RoomController, phones: Phones
) -> None:
    session, panel = window.session, room.parts.panel
    assert session is not None and panel is not None
    panel.private.setChecked(True)  # private until reveal
    phone = phones.join(room.url)
    card_id = phones.run(phone.add_card("Nobody reads the runbook", cell=cell_of(window)))["card"]
    qtbot.waitUntil(lambda: room.parts.notice().waiting == 1)
    qtbot.waitUntil(lambda: all("1 card waiting" in o.lines_text() for o in room.parts.overlays))
    assert not card_on_board(window, card_id)
    qtbot.waitUntil(lambda: panel.reveal.isEnabled())
    assert "Reveal 1 waiting card" in panel.reveal.text().replace("&", "")
    panel.reveal.click()
    assert card_on_board(window, card_id)
    assert session.undo_stack.text(session.undo_stack.index() - 1) == "Reveal 1 card"
    session.undo()
    assert not card_on_board(window, card_id)


def test_hiding_a_phones_card_takes_it_off_the_board_and_undo_brings_it_back(
    qtbot: QtBot, window: MainWindow, room: RoomController, phones: Phones
) -> None:
    session, panel = window.session, room.parts.panel
    assert session is not None and panel is not None
    phone = phones.join(room.url)
    card_id = phones.run(phone.add_card("Off-topic rant", cell=cell_of(window)))["card"]
    qtbot.waitUntil(lambda: card_on_board(window, card_id))
    board_card = session.add_card(tuple(cell_of(window)), "typed on the laptop")  # type: ignore[arg-type]
    assert board_card is not None
    assert room.parts.card_entries(window.menus.card_menu, [board_card]) == []  # not a phone's
    hide, block = room.parts.card_entries(window.menus.card_menu, [card_id])
    assert hide.text() == "&Hide card" and block.text() == "&Block the phone that wrote it"
    hide.trigger()
    assert not card_on_board(window, card_id)
    assert session.undo_stack.text(session.undo_stack.index() - 1) == "Hide card"
    qtbot.waitUntil(lambda: panel.hidden.count() == 1)
    session.undo()
    assert card_on_board(window, card_id)
    hide.trigger()
    qtbot.waitUntil(lambda: panel.hidden.count() == 1)
    panel.hidden.item(0).setSelected(True)
    panel.show_card.click()
    assert card_on_board(window, card_id)
    assert session.undo_stack.text(session.undo_stack.index() - 1) == "Show card"


def test_a_blocked_phone_can_send_nothing_more(
    qtbot: QtBot, window: MainWindow, room: RoomController, phones: Phones
) -> None:
    phone, other = phones.join(room.url), phones.join(room.url)
    card_id = phones.run(phone.add_card("spam", cell=cell_of(window)))["card"]
    qtbot.waitUntil(lambda: card_on_board(window, card_id))
    _hide, block = room.parts.card_entries(window.menus.card_menu, [card_id])
    block.trigger()
    phones.run(phone.wait_for(lambda: phone.bye is not None or phone.closed))
    again = phones.join(room.url)  # another tab of a fresh phone still gets in
    assert again.welcome is not None
    reply = phones.run(other.add_card("still here", cell=cell_of(window)))
    assert reply["type"] == "ok"
    assert room.logic is not None and [d.blocked for d in room.logic.devices()].count(True) == 1


def test_a_locked_room_lets_those_in_stay_and_no_one_new_join(
    qtbot: QtBot, window: MainWindow, room: RoomController, phones: Phones
) -> None:
    panel = room.parts.panel
    assert panel is not None
    inside = phones.join(room.url)
    panel.locked.click()
    late = phones.join(room.url)
    assert late.welcome is None
    refused = [m for m in late.messages if m.get("type") in ("error", "bye")]
    assert refused and refused[0]["code"] == "locked"
    assert phones.run(inside.add_card("in before the lock", cell=cell_of(window)))["type"] == "ok"
    qtbot.waitUntil(lambda: "Room locked" in room.parts.overlays[0].lines_text())


def test_ending_the_session_gives_a_new_code_and_the_old_link_expires(
    qtbot: QtBot,
    window: MainWindow,
    room: RoomController,
    phones: Phones,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel = room.parts.panel
    assert panel is not None
    old_url = room.url
    phone = phones.join(old_url)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    panel.end.click()
    assert room.url != old_url
    qtbot.waitUntil(lambda: all(o.notice.url == room.url for o in room.parts.overlays))
    phones.run(phone.wait_for(lambda: phone.bye is not None or phone.closed))
    assert phone.bye is None or phone.bye["code"] == "expired"
    assert phones.join(room.url).welcome is not None


def test_phones_are_counted_never_named(
    qtbot: QtBot, window: MainWindow, room: RoomController, phones: Phones
) -> None:
    phones.join(room.url)
    phones.join(room.url)
    qtbot.waitUntil(lambda: room.connected == 2)
    qtbot.waitUntil(lambda: "2 phones in" in room.parts.overlays[0].lines_text())
    panel = room.parts.panel
    assert panel is not None
    qtbot.waitUntil(lambda: "2 phones connected" in panel.status.text())
    said = panel.status.text() + panel.devices.text() + room.parts.overlays[0].lines_text()
    assert "phone-" not in said


# -- the join code -------------------------------------------------------------------------------


def test_the_join_code_key_shows_and_hides_it_and_the_current_cell_stays_clear(
    qtbot: QtBot, window: MainWindow, room: RoomController
) -> None:
    view = window.view
    assert view is not None and window.scene is not None and window.session is not None
    overlay = room.parts.overlays[0]
    assert overlay.isVisible()
    view.fit_cell()
    cell = window.scene.cells[window.session.current_cell]  # type: ignore[index]
    shown = view.mapFromScene(cell.rect).boundingRect().translated(view.viewport().pos())
    assert not shown.intersects(overlay.geometry()), "the code covers the current cell"
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F6)
    assert not overlay.isVisible()
    assert view.viewportMargins().right() == 0  # the board has its whole width back
    qtbot.keyClick(view, Qt.Key.Key_F6)
    assert overlay.isVisible()


def test_the_vote_hides_the_dots_until_it_ends_then_shows_them_sorted(
    qtbot: QtBot, window: MainWindow, room: RoomController, phones: Phones
) -> None:
    session = window.session
    assert session is not None and window.voting_panel is not None
    set_phase(room, phase=Phase.VOTE, per_person=3)
    assert session.votes_hidden and session.current_round.voting is not None
    phone = phones.join(room.url)
    cards = phones.run(phone.state())["vote"]["cards"]
    reply = phones.run(phone.vote(cards[0]["id"], 2))
    assert reply["type"] == "ok", reply
    assert session.undo_stack.text(session.undo_stack.index() - 1) == "Vote from a phone"
    set_phase(room, phase=Phase.CLOSED)
    assert not session.votes_hidden and session.current_round.voting is None
    results = window.voting_panel.results()
    assert cards[0]["id"] in {c.id for c in results}
    assert [c.votes for c in results] == sorted((c.votes for c in results), reverse=True)


# -- people's text stays text -----------------------------------------------------------------


HOSTILE_PHONE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '"><b>bold</b>',
    "\u202egnp.exe",
    "x" * 1000,
]


@pytest.mark.parametrize("text", HOSTILE_PHONE)
def test_a_phones_hostile_text_is_shown_as_text_on_the_board(
    qtbot: QtBot, window: MainWindow, room: RoomController, phones: Phones, text: str
) -> None:
    phone = phones.join(room.url)
    reply = phones.run(phone.add_card(text, cell=cell_of(window)))
    assert reply["type"] == "ok", reply
    qtbot.waitUntil(lambda: card_on_board(window, reply["card"]))
    item = window.scene.cards[reply["card"]]  # type: ignore[union-attr]
    assert item.card.text == text  # kept as typed
    tip = item.toolTip()
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(tip)
    assert doc.toPlainText().startswith(text[:100])  # a tooltip shows the tags, obeys none
    hide, _block = room.parts.card_entries(window.menus.card_menu, [reply["card"]])
    hide.trigger()
    panel = room.parts.panel
    assert panel is not None
    qtbot.waitUntil(lambda: panel.hidden.count() == 1)
    assert panel.hidden.item(0).text().startswith(text[:80].replace("\n", " "))
    doc.setHtml(panel.hidden.item(0).toolTip())  # the Room panel's list: as typed too
    assert doc.toPlainText().startswith(text[:100])


def test_a_text_over_the_limit_is_refused_and_changes_nothing(
    window: MainWindow, room: RoomController, phones: Phones
) -> None:
    session = window.session
    assert session is not None
    steps = session.undo_stack.count()
    phone = phones.join(room.url)
    reply = phones.run(phone.add_card("y" * 10_000, cell=cell_of(window)))
    assert reply["type"] == "error" and reply["code"] == "too-long"
    assert session.undo_stack.count() == steps
    assert room_edits.phone_cards(session.current_round, phone.device) == []


def test_a_pin_shows_on_the_screen_and_a_phone_without_it_stays_out(
    qtbot: QtBot, window: MainWindow, room: RoomController, phones: Phones
) -> None:
    panel = room.parts.panel
    assert panel is not None and room.logic is not None
    panel.pin.click()
    pin = room.logic.pin
    assert len(pin) == 4 and pin.isdigit()
    qtbot.waitUntil(lambda: f"PIN {pin}" in room.parts.overlays[0].lines_text())
    assert f"PIN {pin}" in panel.status.text()
    stranger = phones.join(room.url)
    assert stranger.welcome is None
    assert [m["code"] for m in stranger.messages if m.get("type") == "error"][:1] == ["pin"]
    assert phones.join(room.url, pin=pin).welcome is not None


def test_the_phase_chosen_in_the_room_panel_reaches_the_phones(
    qtbot: QtBot, window: MainWindow, room: RoomController, phones: Phones
) -> None:
    panel = room.parts.panel
    assert panel is not None
    phone = phones.join(room.url)
    assert phone.latest is not None and phone.latest["phase"] == "write"
    panel.phase.setCurrentIndex(panel.phase.findData(Phase.SCORE))
    phones.run(
        phone.wait_for(lambda: phone.latest is not None and phone.latest["phase"] == "score")
    )
    qtbot.waitUntil(lambda: "Score" in room.parts.overlays[0].lines_text())
    reply = phones.run(phone.add_card("too late to write", cell=cell_of(window)))
    assert reply["type"] == "error" and reply["code"] == "phase"


def test_every_control_of_the_room_panel_has_a_name_and_a_tip(
    room: RoomController, unnamed_controls: Callable[[object], list[str]]
) -> None:
    assert unnamed_controls(room.parts.panel) == []


def test_phones_keep_writing_while_the_facilitator_browses_an_earlier_round(
    qtbot: QtBot, window: MainWindow, room: RoomController, phones: Phones
) -> None:
    session = window.session
    assert session is not None and len(session.workshop.rounds) > 1
    cell = cell_of(window)
    session.set_viewed_round(session.workshop.rounds[0].id)
    assert session.browsing
    phone = phones.join(room.url)
    reply = phones.run(phone.add_card("written while you looked back", cell=cell))
    assert reply["type"] == "ok", reply
    assert reply["card"] in session.current_round.cards
    session.set_viewed_round(None)
    assert card_on_board(window, reply["card"])


def test_a_room_that_cannot_open_says_why_in_a_sentence(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, is_listening: Callable[[str], bool]
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    room = room_of(window)
    assert not room.parts.open("192.0.2.1")  # not an address of this computer
    assert len(said) == 1 and said[0].startswith("The room could not open on 192.0.2.1")
    assert said[0].endswith("Nothing is listening.") and "Traceback" not in said[0]
    assert not room.is_open and window.actions_[ActionId.ROOM_OPEN].isEnabled()


def test_right_clicking_a_phones_card_offers_hide_and_block_and_only_then(
    qtbot: QtBot,
    window: MainWindow,
    room: RoomController,
    phones: Phones,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session, scene = window.session, window.scene
    assert session is not None and scene is not None
    phone = phones.join(room.url)
    card_id = phones.run(phone.add_card("from the back row", cell=cell_of(window)))["card"]
    qtbot.waitUntil(lambda: card_on_board(window, card_id))
    offered: list[list[str]] = []
    menu = window.menus.card_menu
    monkeypatch.setattr(menu, "exec", lambda *a: offered.append([x.text() for x in menu.actions()]))
    scene.clearSelection()
    scene.cards[card_id].setSelected(True)
    window.menus.card_context_menu(window.view.mapToGlobal(window.view.rect().center()))  # type: ignore[union-attr]
    assert "&Hide card" in offered[-1] and "&Block the phone that wrote it" in offered[-1]
    assert "&Hide card" not in [a.text() for a in window.menus.card_menu.actions()]  # gone after
    laptop = session.add_card(tuple(cell_of(window)), "typed here")  # type: ignore[arg-type]
    scene.clearSelection()
    scene.cards[laptop].setSelected(True)  # type: ignore[index]
    window.menus.card_context_menu(window.view.mapToGlobal(window.view.rect().center()))  # type: ignore[union-attr]
    assert "&Hide card" not in offered[-1]
