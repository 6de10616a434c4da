"""Open the room: the networks named as people know them; no network, no dead URL."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from trustboard.ui.room import open_dialog
from trustboard.ui.room.addresses import (
    ETHERNET,
    HOTSPOT,
    LOOPBACK,
    LOOPBACK_ADDRESS,
    WIFI,
    RoomAddress,
    hotspot_help,
)


def fake_addresses(found: list[RoomAddress]) -> object:
    def room_addresses(*, loopback: bool = False) -> list[RoomAddress]:
        usable = list(found)
        if loopback or not usable:
            usable.append(RoomAddress(LOOPBACK_ADDRESS, LOOPBACK, "loopback"))
        return usable

    return room_addresses


def test_with_no_network_the_dialog_says_how_to_start_a_hotspot_and_opens_nothing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(open_dialog, "room_addresses", fake_addresses([]))
    monkeypatch.setattr(open_dialog, "warm_up_server", lambda: None)
    dialog = open_dialog.OpenRoomDialog()
    qtbot.addWidget(dialog)
    open_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Open)
    assert not open_button.isEnabled() and dialog.address.count() == 0
    assert "hotspot" in dialog.help.text().lower() and not dialog.help.isHidden()
    dialog.this_computer.setChecked(True)  # asked for: this computer only, to try the page
    assert open_button.isEnabled() and dialog.chosen() is not None
    assert dialog.chosen().address == LOOPBACK_ADDRESS  # type: ignore[union-attr]


def test_networks_are_named_and_the_last_choice_comes_first(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = [
        RoomAddress("192.168.1.20", WIFI, "wlan0"),
        RoomAddress("10.42.0.1", HOTSPOT, "wlan1"),
        RoomAddress("172.16.0.5", ETHERNET, "eth0"),
    ]
    monkeypatch.setattr(open_dialog, "room_addresses", fake_addresses(found))
    monkeypatch.setattr(open_dialog, "warm_up_server", lambda: None)
    dialog = open_dialog.OpenRoomDialog(remembered="172.16.0.5")
    qtbot.addWidget(dialog)
    labels = [dialog.address.itemText(i) for i in range(dialog.address.count())]
    assert labels == [
        "Wi-Fi — 192.168.1.20 (wlan0)",
        "Hotspot — 10.42.0.1 (wlan1)",
        "Ethernet — 172.16.0.5 (eth0)",
    ]
    assert dialog.chosen() == found[2] and dialog.help.isHidden()
    assert dialog.chosen_phase() == "write"  # the room opens in Write unless picked otherwise


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_the_hotspot_help_names_where_this_system_keeps_it(platform: str) -> None:
    text = hotspot_help(platform)
    where = {"linux": "Hotspot", "darwin": "Internet Sharing", "win32": "Mobile hotspot"}
    assert where[platform] in text and "no internet is needed" in text
