"""Find the shipped templates and resources, from a checkout, a wheel or a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# In a checkout the Linux desktop files live with the rest of the packaging.
_IN_CHECKOUT = {"linux": "packaging/linux"}


def _candidates(name: str) -> list[Path]:
    bundle = getattr(sys, "_MEIPASS", None)
    found = []
    if bundle:  # PyInstaller unpacks data next to the frozen modules
        found.append(Path(bundle) / name)
    found.append(_PACKAGE / "_data" / name)  # installed wheel
    found.append(_PACKAGE.parent / _IN_CHECKOUT.get(name, name))  # checkout or editable install
    return found


def asset_dir(name: str) -> Path:
    """The folder `templates`, `resources` or `linux` (desktop entry, MIME type, metainfo),
    wherever this copy of TrustBoard keeps it."""
    for path in _candidates(name):
        if path.is_dir():
            return path
    from trustboard.i18n import _

    raise FileNotFoundError(
        _("TrustBoard's {name} folder is missing from this installation").format(name=repr(name))
    )


def templates_dir() -> Path:
    return asset_dir("templates")


def resource(relative: str) -> Path:
    return asset_dir("resources") / relative
