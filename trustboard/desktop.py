"""Install or remove the user's desktop entry, file type and icons (freedesktop, no Qt)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from trustboard import APP_ID
from trustboard.assets import asset_dir, resource
from trustboard.i18n import _, ngettext, pgettext

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MIME_TYPE = "application/x-trustboard"
# Characters that force an Exec argument into double quotes (Desktop Entry spec, "Exec key").
_EXEC_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")


class DesktopEntryError(Exception):
    """The desktop entry cannot be installed or removed here; the message says why."""


def data_home() -> Path:
    """`$XDG_DATA_HOME`, or `~/.local/share` when it is unset or not absolute (as the spec says)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".local" / "share"


def launcher_command() -> list[str]:
    """The command the desktop runs to start this copy of TrustBoard."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the bundle's own executable
        return [sys.executable]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "trustboard" and os.access(script, os.X_OK):
        return [str(script.absolute())]  # keep the path people see (e.g. pipx's ~/.local/bin)
    beside = shutil.which("trustboard", path=str(Path(sys.executable).parent))
    if beside:
        return [beside]
    return [sys.executable, "-m", "trustboard"]


def exec_value(argv: list[str]) -> str:
    """The `Exec=` value that runs argv with the file to open: quoted and escaped per the spec."""
    parts = []
    for arg in argv:
        if "\n" in arg or "\r" in arg:
            raise DesktopEntryError(
                _("cannot put a line break in a desktop entry: {arg}").format(arg=repr(arg))
            )
        if _EXEC_RESERVED.intersection(arg):
            arg = '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'
        parts.append(arg.replace("%", "%%"))
    # The string-level escape applies on top of the Exec quoting, so each backslash doubles.
    return " ".join(parts).replace("\\", "\\\\") + " %f"


@dataclass(frozen=True)
class DesktopIntegration:
    """TrustBoard's files under one XDG data folder (usually `~/.local/share`)."""

    root: Path

    @classmethod
    def for_user(cls) -> DesktopIntegration:
        return cls(data_home())

    @property
    def desktop_file(self) -> Path:
        return self.root / "applications" / f"{APP_ID}.desktop"

    @property
    def mime_file(self) -> Path:
        return self.root / "mime" / "packages" / f"{APP_ID}.xml"

    @property
    def icon_files(self) -> dict[Path, Path]:
        """Installed icon → the shipped icon it is copied from."""
        hicolor = self.root / "icons" / "hicolor"
        icons = {hicolor / "scalable" / "apps" / f"{APP_ID}.svg": resource("icons/trustboard.svg")}
        for size in ICON_SIZES:
            target = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
            icons[target] = resource(f"icons/trustboard-{size}.png")
        return icons

    def installed_files(self) -> list[Path]:
        return [self.desktop_file, self.mime_file, *self.icon_files]

    def install(self, command: list[str] | None = None) -> list[str]:
        """Write the entry, MIME type and icons (overwriting older copies); say what was done."""
        _require_freedesktop()
        argv = command or launcher_command()
        shipped = asset_dir("linux")
        entry = desktop_entry_text(
            (shipped / f"{APP_ID}.desktop").read_text(encoding="utf-8"), argv
        )
        try:
            _write(self.desktop_file, entry.encode("utf-8"))
            _write(self.mime_file, (shipped / f"{APP_ID}.mime.xml").read_bytes())
            for target, source in self.icon_files.items():
                _write(target, source.read_bytes())
        except OSError as exc:
            raise DesktopEntryError(
                _("cannot install the desktop entry: {reason}").format(reason=exc)
            ) from exc
        icons = len(self.icon_files)
        report = [
            _("installed {path}").format(path=self.desktop_file),
            "  " + _("starts: {command}").format(command=exec_value(argv)),
            _("installed {path} ({type}, *.trustboard)").format(
                path=self.mime_file, type=MIME_TYPE
            ),
            ngettext(
                "installed {n} icon under {folder}", "installed {n} icons under {folder}", icons
            ).format(n=icons, folder=self.root / "icons" / "hicolor"),
        ]
        return report + self._refresh()

    def uninstall(self) -> list[str]:
        """Remove exactly the files `install` writes; nothing else is touched."""
        _require_freedesktop()
        removed = []
        try:
            for path in self.installed_files():
                if path.exists():
                    path.unlink()
                    removed.append(path)
        except OSError as exc:
            raise DesktopEntryError(
                _("cannot remove the desktop entry: {reason}").format(reason=exc)
            ) from exc
        if not removed:
            return [
                _("nothing to remove: TrustBoard's desktop entry is not in {folder}").format(
                    folder=self.root
                )
            ]
        report = [
            _("removed {path}").format(path=path) for path in removed if path not in self.icon_files
        ]
        icons = len(removed) - len(report)
        if icons:
            report.append(
                ngettext(
                    "removed {n} icon under {folder}", "removed {n} icons under {folder}", icons
                ).format(n=icons, folder=self.root / "icons" / "hicolor")
            )
        return report + self._refresh()

    def _refresh(self) -> list[str]:
        """Let the desktop notice the change; each tool is optional."""
        steps = [
            (["update-mime-database", str(self.root / "mime")], _("the .trustboard file type")),
            (["update-desktop-database", str(self.root / "applications")], _("the app menu")),
        ]
        hicolor = self.root / "icons" / "hicolor"
        if (hicolor / "icon-theme.cache").exists():  # a stale cache would hide new icons
            steps.append(
                (
                    ["gtk-update-icon-cache", "-f", "-t", "-q", str(hicolor)],
                    pgettext("desktop entry", "icons"),
                )
            )
        return [_run_tool(argv, what) for argv, what in steps]


def desktop_entry_text(template: str, argv: list[str]) -> str:
    """The shipped entry with `Exec` and `TryExec` pointing at this installation."""
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + exec_value(argv)
        elif line.startswith("TryExec="):
            line = "TryExec=" + argv[0].replace("\\", "\\\\")
        lines.append(line)
    return "\n".join(lines) + "\n"


def _require_freedesktop() -> None:
    if sys.platform in ("win32", "darwin"):
        raise DesktopEntryError(
            _(
                "desktop entries are for Linux and other freedesktop systems; "
                "on Windows and macOS use the TrustBoard installer"
            )
        )


def _write(path: Path, data: bytes) -> None:
    """Replace the file in one step, so a desktop watching the folder never reads half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _run_tool(argv: list[str], what: str) -> str:
    exe = shutil.which(argv[0])
    if exe is None:
        return _("{tool} not found; skipped ({what} may not show until it runs)").format(
            tool=argv[0], what=what
        )
    try:
        done = subprocess.run(
            [exe, *argv[1:]], capture_output=True, text=True, timeout=120, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return _("{tool} failed ({reason}); {what} may not show until it runs").format(
            tool=argv[0], reason=exc, what=what
        )
    if done.returncode != 0:
        detail = (
            done.stderr.strip().splitlines() or [_("exit code {code}").format(code=done.returncode)]
        )[0]
        return _("{tool} failed ({reason}); {what} may not show until it runs").format(
            tool=argv[0], reason=detail, what=what
        )
    return _("ran {command}").format(command=" ".join(argv))
