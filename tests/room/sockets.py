"""Which TCP sockets a process listens on, read from /proc (Linux), for the room's tests.

The kernel lists every TCP socket of the network namespace in /proc/net/tcp and tcp6, with
its state and inode; a process's open descriptors (/proc/PID/fd) point at "socket:[INODE]".
A socket in state LISTEN (0A) whose inode one of the process's descriptors holds is one
that process listens on: the room's server, or anything else that would answer the network.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

LISTEN = "0A"  # TCP_LISTEN in the kernel's state numbers


@dataclass(frozen=True, order=True)
class Listening:
    """One listening socket: the address it is bound to (":: " or "0.0.0.0" for every
    interface) and its port."""

    address: str
    port: int

    @property
    def every_interface(self) -> bool:
        return ipaddress.ip_address(self.address).is_unspecified


def _address(hex_address: str) -> str:
    """The kernel prints each 32-bit word of the address in host (little-endian) order."""
    raw = bytes.fromhex(hex_address)
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    address = ipaddress.ip_address(words)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(address)


def listening_inodes() -> dict[int, Listening]:
    """Every listening TCP socket of this network namespace, by inode."""
    found: dict[int, Listening] = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text(encoding="ascii").splitlines()[1:]
        except FileNotFoundError:  # no IPv6 in this kernel
            continue
        for line in lines:
            fields = line.split()
            local, state, inode = fields[1], fields[3], int(fields[9])
            if state != LISTEN or inode == 0:
                continue
            hex_address, hex_port = local.split(":")
            found[inode] = Listening(_address(hex_address), int(hex_port, 16))
    return found


def socket_inodes(pid: int) -> set[int]:
    """Inodes of the sockets the process `pid` holds open."""
    inodes: set[int] = set()
    fd_dir = Path(f"/proc/{pid}/fd")
    for fd in os.listdir(fd_dir):
        try:
            target = os.readlink(fd_dir / fd)
        except FileNotFoundError:  # closed while we looked
            continue
        if target.startswith("socket:["):
            inodes.add(int(target[len("socket:[") : -1]))
    return inodes


def listening(pid: int | None = None) -> list[Listening]:
    """The TCP sockets `pid` (this process by default) listens on, sorted."""
    mine = socket_inodes(os.getpid() if pid is None else pid)
    return sorted(where for inode, where in listening_inodes().items() if inode in mine)
