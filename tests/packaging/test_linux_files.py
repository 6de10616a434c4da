"""The desktop entry, AppStream metainfo and MIME type that ship in packaging/linux."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from trustboard import APP_ID, APP_NAME, __version__
from trustboard.assets import asset_dir
from trustboard.domain.workshop import Workshop
from trustboard.store import WorkshopFile

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME = LINUX / f"{APP_ID}.mime.xml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    assert parser.sections() == ["Desktop Entry"]
    return parser["Desktop Entry"]


def test_the_files_are_found_through_the_assets_helper() -> None:
    assert asset_dir("linux") == LINUX
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    force = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force["packaging/linux"] == "trustboard/_data/linux"  # and in a wheel


def test_the_desktop_entry() -> None:
    keys = desktop_entry()
    assert keys["Type"] == "Application"
    assert keys["Name"] == APP_NAME
    assert keys["Icon"] == APP_ID
    assert keys["Exec"] == "trustboard %f"
    assert keys["Terminal"] == "false"
    assert keys["MimeType"].split(";") == ["application/x-trustboard", ""]
    assert {"Office", "ProjectManagement"} <= set(keys["Categories"].split(";"))
    assert keys["Categories"].endswith(";")
    # X11 matches windows to the entry by WM_CLASS; Qt's class is the application name
    # (checked with xprop on the real window: WM_CLASS = "trustboard", "TrustBoard").
    assert keys["StartupWMClass"] == APP_NAME


def test_the_metainfo() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.tag == "component"
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID
    assert component.findtext("name") == APP_NAME
    launchable = component.find("launchable")
    assert launchable is not None
    assert launchable.get("type") == "desktop-id"
    assert launchable.text == f"{APP_ID}.desktop"
    assert component.findtext("metadata_license") == "CC0-1.0"
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert component.findtext("project_license") == pyproject["project"]["license"]
    assert component.findtext("provides/mediatype") == "application/x-trustboard"
    releases = component.findall("releases/release")
    assert releases, "no release notes"
    assert releases[0].get("version") == __version__, "the newest release is listed first"
    for release in releases:
        assert release.get("date")
        assert release.find("description") is not None


def test_the_mime_type() -> None:
    info = ET.parse(MIME).getroot()
    assert info.tag == f"{MIME_NS}mime-info"
    (mime_type,) = info.findall(f"{MIME_NS}mime-type")
    assert mime_type.get("type") == "application/x-trustboard"
    globs = [g.get("pattern") for g in mime_type.findall(f"{MIME_NS}glob")]
    assert globs == ["*.trustboard"]
    sub_class = mime_type.find(f"{MIME_NS}sub-class-of")
    assert sub_class is not None
    assert sub_class.get("type") == "application/json"
    icon = mime_type.find(f"{MIME_NS}icon")
    assert icon is not None
    assert icon.get("name") == APP_ID


def test_the_magic_matches_a_real_workshop_file(tmp_path: Path, workshop: Workshop) -> None:
    (match,) = ET.parse(MIME).getroot().iter(f"{MIME_NS}match")
    assert match.get("type") == "string"
    start, end = (int(n) for n in (match.get("offset") or "").split(":"))
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, workshop).close()
    head = path.read_bytes()[: end + 64]
    value = (match.get("value") or "").encode()
    assert value == b'"trustboard-workshop"'
    assert start <= head.find(value) <= end


def validator(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate is not installed (apt-get install desktop-file-utils); "
    "the entry's keys are still checked by test_the_desktop_entry",
)
def test_desktop_file_validate() -> None:
    done = validator("desktop-file-validate", str(DESKTOP))
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


@pytest.mark.skipif(
    shutil.which("appstreamcli") is None,
    reason="appstreamcli is not installed (apt-get install appstream); "
    "the metainfo's fields are still checked by test_the_metainfo",
)
def test_appstreamcli_validate() -> None:
    done = validator("appstreamcli", "validate", "--no-net", str(METAINFO))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(
    shutil.which("update-mime-database") is None,
    reason="update-mime-database is not installed (apt-get install shared-mime-info); "
    "the MIME type is still checked by test_the_mime_type",
)
def test_update_mime_database_accepts_the_mime_type(tmp_path: Path) -> None:
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME, packages / f"{APP_ID}.xml")
    done = validator("update-mime-database", str(tmp_path / "mime"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "application/x-trustboard:*.trustboard" in (tmp_path / "mime" / "globs2").read_text()
