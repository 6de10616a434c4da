"""`trustboard --install-desktop-entry`: user-level, complete, idempotent and reversible."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from trustboard import APP_ID
from trustboard.assets import asset_dir, resource
from trustboard.cli import main
from trustboard.desktop import (
    ICON_SIZES,
    DesktopEntryError,
    DesktopIntegration,
    data_home,
    exec_value,
    launcher_command,
)


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "xdg data"  # a space, as in many real home folders
    monkeypatch.setenv("XDG_DATA_HOME", str(root))
    return root


def entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not _generated_cache(p, root)
    }


def _generated_cache(path: Path, root: Path) -> bool:
    """Files the system tools regenerate (MIME caches, mimeinfo.cache), not ours."""
    rel = path.relative_to(root).parts
    return (rel[0] == "mime" and rel[1] != "packages") or rel[-1] == "mimeinfo.cache"


def test_install_puts_entry_mime_type_and_icons_under_xdg_data_home(xdg: Path) -> None:
    report = DesktopIntegration.for_user().install(["/opt/TrustBoard/TrustBoard"])
    desktop = xdg / "applications" / f"{APP_ID}.desktop"
    keys = entry(desktop)
    assert keys["Exec"] == "/opt/TrustBoard/TrustBoard %f"
    assert keys["TryExec"] == "/opt/TrustBoard/TrustBoard"
    assert keys["Icon"] == APP_ID
    assert keys["MimeType"] == "application/x-trustboard;"
    mime = xdg / "mime" / "packages" / f"{APP_ID}.xml"
    assert mime.read_bytes() == (asset_dir("linux") / f"{APP_ID}.mime.xml").read_bytes()
    hicolor = xdg / "icons" / "hicolor"
    for size in ICON_SIZES:
        icon = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert icon.read_bytes() == resource(f"icons/trustboard-{size}.png").read_bytes()
    assert (hicolor / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert f"installed {desktop}" in report
    assert not list(xdg.rglob(".*.tmp")), "temp files were left behind"


def test_the_default_command_is_this_installation(xdg: Path) -> None:
    DesktopIntegration.for_user().install()
    keys = entry(xdg / "applications" / f"{APP_ID}.desktop")
    argv = launcher_command()
    assert keys["Exec"] == exec_value(argv)
    assert os.access(argv[0], os.X_OK)


def test_installing_twice_changes_nothing(xdg: Path) -> None:
    target = DesktopIntegration.for_user()
    target.install(["/usr/bin/trustboard"])
    first = snapshot(xdg)
    target.install(["/usr/bin/trustboard"])
    assert snapshot(xdg) == first


def test_uninstall_removes_exactly_what_install_added(xdg: Path) -> None:
    other = xdg / "applications" / "someone-else.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\nType=Application\nName=X\nExec=x\n")
    target = DesktopIntegration.for_user()
    before = snapshot(xdg)
    target.install(["/usr/bin/trustboard"])
    report = target.uninstall()
    assert snapshot(xdg) == before
    assert not any(APP_ID in p.name for p in xdg.rglob("*") if p.is_file())
    assert any("removed" in line for line in report)
    assert target.uninstall() == [f"nothing to remove: TrustBoard's desktop entry is not in {xdg}"]


def test_the_command_line_options(xdg: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--install-desktop-entry"]) == 0
    out = capsys.readouterr().out
    assert f"installed {xdg / 'applications' / f'{APP_ID}.desktop'}" in out
    assert main(["--uninstall-desktop-entry"]) == 0
    assert "removed" in capsys.readouterr().out
    assert not (xdg / "applications" / f"{APP_ID}.desktop").exists()


def test_both_options_at_once_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--install-desktop-entry", "--uninstall-desktop-entry"])
    assert exit_.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


def test_without_the_system_tools_it_still_installs(
    xdg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")
    report = DesktopIntegration.for_user().install(["/usr/bin/trustboard"])
    assert (xdg / "applications" / f"{APP_ID}.desktop").exists()
    assert "update-mime-database not found; skipped" in "\n".join(report)


@pytest.mark.skipif(
    shutil.which("update-mime-database") is None, reason="shared-mime-info is not installed"
)
def test_the_mime_database_learns_the_file_type(xdg: Path) -> None:
    report = DesktopIntegration.for_user().install(["/usr/bin/trustboard"])
    assert f"ran update-mime-database {xdg / 'mime'}" in report
    globs = (xdg / "mime" / "globs2").read_text()
    assert "application/x-trustboard:*.trustboard" in globs


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed"
)
def test_the_installed_entry_is_valid(xdg: Path) -> None:
    DesktopIntegration.for_user().install(["/home/ann/My Apps/trust$board", "--x=100%"])
    desktop = xdg / "applications" / f"{APP_ID}.desktop"
    done = subprocess.run(
        ["desktop-file-validate", str(desktop)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_exec_arguments_are_quoted_and_escaped_as_the_spec_says() -> None:
    assert exec_value(["/usr/bin/trustboard"]) == "/usr/bin/trustboard %f"
    assert exec_value(["/usr/bin/python3", "-m", "trustboard"]) == (
        "/usr/bin/python3 -m trustboard %f"
    )
    # Quoted because of the space and `$`; `$` backslash-escaped inside the quotes, and
    # that backslash doubled again by the string-level escape; `%` doubled.
    assert exec_value(["/home/ann/My Apps/trust$board", "--x=100%"]) == (
        '"/home/ann/My Apps/trust\\\\$board" --x=100%% %f'
    )
    with pytest.raises(DesktopEntryError):
        exec_value(["/tmp/a\nb"])


def test_launcher_of_a_frozen_bundle_is_the_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/TrustBoard/TrustBoard")
    assert launcher_command() == ["/opt/TrustBoard/TrustBoard"]


def test_launcher_keeps_the_script_path_people_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "bin" / "trustboard"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.setattr(sys, "argv", [str(script), "--install-desktop-entry"])
    assert launcher_command() == [str(script)]


def test_a_relative_xdg_data_home_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")
    assert data_home() == Path.home() / ".local" / "share"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert data_home() == Path.home() / ".local" / "share"


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_other_systems_get_a_clear_message(
    platform: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    with pytest.raises(DesktopEntryError, match="Linux"):
        DesktopIntegration.for_user().install(["x"])
    assert main(["--uninstall-desktop-entry"]) == 1
    assert "installer" in capsys.readouterr().err
