"""The room's panel, join code and Open room dialog in the facilitator's language: under the
pseudo-language every text is the catalogue's; German and French read as people there say it."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from tests.i18n.visible import unwrapped, visible_texts, workshop_data
from trustboard.ui.main_window import MainWindow
from trustboard.ui.room.hooks import room_of
from trustboard.ui.room.open_dialog import OpenRoomDialog
from trustboard.ui.room.overlay import RoomNotice, RoomOverlay


def _open(window: MainWindow, switch: Callable[[str], str], code: str) -> object:
    switch(code)  # before the room's widgets are built
    room = room_of(window)
    room.open("127.0.0.1", 0)
    return room


def test_under_pseudo_the_room_panel_code_and_dialog_are_the_catalogue_s(
    qtbot: QtBot, demo_window: MainWindow, interface_language: Callable[[str], str]
) -> None:
    room = _open(demo_window, interface_language, "pseudo")
    assert demo_window.session is not None
    data = [*workshop_data(demo_window.session.workshop), room.url]  # type: ignore[attr-defined]
    panel = room.parts.panel  # type: ignore[attr-defined]
    texts = visible_texts(room.parts.dock)  # type: ignore[attr-defined]
    texts += [("status", panel.status.text()), ("devices", panel.devices.text())]
    overlay = room.parts.overlays[0]  # type: ignore[attr-defined]
    texts += [("join code", overlay.lines_text())]
    data += [overlay.address(), overlay.token()]
    notice = RoomNotice(url=room.url, phones=3, phase="x", waiting=2, locked=True, pin="0420")  # type: ignore[attr-defined]
    other = RoomOverlay()
    qtbot.addWidget(other)
    other.show_notice(notice)
    texts += [("join code", line) for line in other.status_lines()[1:]]
    dialog = OpenRoomDialog()
    qtbot.addWidget(dialog)
    texts += visible_texts(dialog)
    addresses = [dialog.address.itemText(i) for i in range(dialog.address.count())]
    data += [a.split("(")[-1].rstrip(")") for a in addresses]  # the system's interface names
    bad = unwrapped(texts, data=data)
    assert bad == [], "\n".join(bad)
    assert any("[!! Scan to join !!]" in t for _where, t in texts)
    room.close()  # type: ignore[attr-defined]


def test_german_room(
    qtbot: QtBot, demo_window: MainWindow, interface_language: Callable[[str], str]
) -> None:
    room = _open(demo_window, interface_language, "de")
    panel = room.parts.panel  # type: ignore[attr-defined]
    assert panel.status.text().startswith("Raum offen · 0 Handys verbunden")
    assert panel.close_room.text() == "Raum &schließen"
    assert room.parts.dock.windowTitle() == "Raum"  # type: ignore[attr-defined]
    said = room.parts.overlays[0].lines_text()  # type: ignore[attr-defined]
    assert said.startswith("Zum Beitreten scannen") and "Noch keine Handys · Schreiben" in said
    assert [panel.phase.itemText(i) for i in range(panel.phase.count())] == [
        "Karten schreiben", "Bewerten", "Punktabfrage", "Geschlossen (Handys warten)",
    ]  # fmt: skip
    overlay = RoomOverlay()
    qtbot.addWidget(overlay)
    overlay.show_notice(RoomNotice(url=room.url, phones=1, waiting=1))  # type: ignore[attr-defined]
    assert overlay.status_lines() == ["1 Handy dabei · Write", "1 Karte wartet"]
    room.close()  # type: ignore[attr-defined]


def test_french_room(
    qtbot: QtBot, demo_window: MainWindow, interface_language: Callable[[str], str]
) -> None:
    room = _open(demo_window, interface_language, "fr")
    panel = room.parts.panel  # type: ignore[attr-defined]
    assert panel.status.text().startswith("Salle ouverte · 0 téléphone connecté")
    said = room.parts.overlays[0].lines_text()  # type: ignore[attr-defined]
    assert said.startswith("Scannez pour entrer")
    dialog = OpenRoomDialog()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Ouvrir la salle"
    room.close()  # type: ignore[attr-defined]


def test_the_join_code_shrinks_long_words_rather_than_cut_them(
    qtbot: QtBot, interface_language: Callable[[str], str]
) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QFontMetrics

    from trustboard.ui.room.overlay import HEADING, MIN_WIDTH, fit_font
    from trustboard.ui.room.parts import phase_name

    for code in ("de", "fr"):
        interface_language(code)
        overlay = RoomOverlay()
        qtbot.addWidget(overlay)
        notice = RoomNotice(url="http://192.168.178.20:49152/abcdefghijklmnopqrstuvwxyz",
                            phones=12, phase=phase_name("score"), waiting=17, locked=True)  # fmt: skip
        overlay.show_notice(notice)
        overlay.fit(QSize(MIN_WIDTH, 800))
        big, _mono, small = overlay._fonts()
        width = overlay.width() - 2 * overlay._pad()
        from trustboard.i18n import _

        for font, text in [(big, _(HEADING)), *((small, t) for t in overlay.status_lines())]:
            assert QFontMetrics(fit_font(font, text, width)).horizontalAdvance(text) <= width, text
