"""The local addresses phones can reach the room on, named as people know them."""

from __future__ import annotations

import ipaddress
import sys
from dataclasses import dataclass

from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface

from trustboard.i18n import N_, _

WIFI, HOTSPOT, ETHERNET, OTHER, VIRTUAL, LOOPBACK = (
    N_("Wi-Fi"), N_("Hotspot"), N_("Ethernet"), N_("Network"), N_("Virtual network"),
    N_("This computer only"),
)  # fmt: skip
_ORDER = (WIFI, HOTSPOT, ETHERNET, OTHER, VIRTUAL, LOOPBACK)
LOOPBACK_ADDRESS = "127.0.0.1"
# The addresses the systems' own hotspots give the laptop: NetworkManager, Windows'
# Mobile hotspot, macOS Internet Sharing.
_HOTSPOT_ADDRESSES = ("10.42.0.1", "192.168.137.1", "192.168.2.1")
_VIRTUAL_PREFIXES = ("docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "tun", "tap", "utun")
_WIFI_PREFIXES = ("wl", "wifi", "wi-fi", "wlan", "airport")
_ETHERNET_PREFIXES = ("en", "eth", "ethernet")


@dataclass(frozen=True)
class RoomAddress:
    address: str  # IPv4, as phones type it
    kind: str  # WIFI, HOTSPOT, ETHERNET, OTHER, VIRTUAL, LOOPBACK
    interface: str  # the system's name for it (wlan0, Ethernet 2, en0)

    @property
    def label(self) -> str:
        if self.kind == LOOPBACK:
            return _("{kind} ({address}, phones cannot join; to try the page)").format(
                kind=_(LOOPBACK), address=self.address
            )
        # Translators: a network in the Open the room dialog: "Wi-Fi — 192.168.1.20 (wlan0)".
        return _("{kind} — {address} ({interface})").format(
            kind=_(self.kind), address=self.address, interface=self.interface
        )


def _kind(interface: QNetworkInterface, address: str) -> str:
    name = interface.humanReadableName().lower()
    kinds = QNetworkInterface.InterfaceType
    itype = interface.type()
    if address in _HOTSPOT_ADDRESSES or name.startswith(("bridge", "ap", "hotspot")):
        return HOTSPOT
    if itype == kinds.Virtual or name.startswith(_VIRTUAL_PREFIXES):
        return VIRTUAL
    if itype in (kinds.Wifi, kinds.Ieee80211) or name.startswith(_WIFI_PREFIXES):
        return WIFI
    if itype == kinds.Ethernet or name.startswith(_ETHERNET_PREFIXES):
        return ETHERNET
    return OTHER


def room_addresses(*, loopback: bool = False) -> list[RoomAddress]:
    """The IPv4 addresses of interfaces that are up, best first (Wi-Fi, hotspot, Ethernet,
    others, virtual). This computer's own address only when asked for or nothing else is."""
    flags = QNetworkInterface.InterfaceFlag
    found: list[RoomAddress] = []
    for interface in QNetworkInterface.allInterfaces():
        iflags = interface.flags()
        if not (iflags & flags.IsUp and iflags & flags.IsRunning) or iflags & flags.IsLoopBack:
            continue
        for entry in interface.addressEntries():
            ip = entry.ip()
            if ip.protocol() != QAbstractSocket.NetworkLayerProtocol.IPv4Protocol:
                continue
            text = ip.toString()
            try:
                parsed = ipaddress.IPv4Address(text)
            except ValueError:
                continue
            if parsed.is_loopback or parsed.is_link_local or parsed.is_unspecified:
                continue
            found.append(RoomAddress(text, _kind(interface, text), interface.humanReadableName()))
    found.sort(key=lambda a: (_ORDER.index(a.kind), a.interface, a.address))
    if loopback or not found:
        found.append(RoomAddress(LOOPBACK_ADDRESS, LOOPBACK, "loopback"))
    return found


def preferred_address(remembered: str = "") -> str | None:
    """The address chosen last when it is still there, else the best one phones can reach;
    None when phones can reach none (then `hotspot_help()` says what to do)."""
    usable = [a for a in room_addresses() if a.kind != LOOPBACK]
    for a in usable:
        if a.address == remembered:
            return a.address
    if remembered == LOOPBACK_ADDRESS:
        return remembered
    return usable[0].address if usable else None


def hotspot_help(platform: str = sys.platform) -> str:
    """How to give the room a network when the laptop has none, for this system."""
    if platform == "darwin":
        how = _(
            "on a Mac, open System Settings › General › Sharing and turn on Internet Sharing "
            "(to Wi-Fi devices), or join the meeting room's Wi-Fi"
        )
    elif platform.startswith("win"):
        how = _(
            "on Windows, open Settings › Network & internet › Mobile hotspot and turn it on, "
            "or join the meeting room's Wi-Fi"
        )
    else:
        # Translators: the system's own words ("Turn On Wi-Fi Hotspot…") are GNOME's: use
        # what GNOME shows in your language.
        how = _(
            "on Linux, open Settings › Wi-Fi and choose “Turn On Wi-Fi Hotspot…” (or run "
            "“nmcli device wifi hotspot”), or join the meeting room's Wi-Fi"
        )
    return _(
        "This laptop is on no network the phones could reach. Start a hotspot or join a "
        "network first: {how}. Then open the room again; no internet is needed."
    ).format(how=how)
