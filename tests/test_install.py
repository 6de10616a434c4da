"""A real, non-editable install finds its templates and resources inside the package."""

from __future__ import annotations

import os
import site
import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_a_wheel_install_lists_the_templates(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    # Dependencies come from this interpreter's site-packages (appended after the new
    # venv's own), so the check needs no network; TrustBoard itself only from the wheel.
    purelib = subprocess.run(
        [py, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    parents = [p for p in (*site.getsitepackages(), site.getusersitepackages()) if Path(p).is_dir()]
    (Path(purelib) / "zz_parent_site.pth").write_text(
        "".join(f"import site; site.addsitedir({p!r})\n" for p in parents)
    )
    install = subprocess.run(
        [py, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    probe = (
        "import trustboard, trustboard.assets as a;"
        "print(trustboard.__file__); print(a.templates_dir()); print(a.asset_dir('resources'))"
    )
    where = subprocess.run(
        [py, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert where.returncode == 0, where.stderr
    module, templates, resources = where.stdout.split("\n")[:3]
    assert Path(module).is_relative_to(purelib), "trustboard came from the checkout, not the wheel"
    assert Path(templates).is_relative_to(purelib)
    assert Path(resources).is_relative_to(purelib)
    exe = env_dir / ("Scripts/trustboard.exe" if os.name == "nt" else "bin/trustboard")
    listed = subprocess.run(
        [exe, "--data-dir", str(tmp_path / "d"), "templates"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert listed.returncode == 0, listed.stderr
    assert "rtx-trust-framework" in listed.stdout
    assert "Vertrauensmodell (RTx)" in listed.stdout  # templates/de travels in the wheel
