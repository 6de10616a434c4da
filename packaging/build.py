"""Build the one-folder TrustBoard bundle with PyInstaller into dist/ and report its size.

    python packaging/build.py           # in a build venv: build/venv, made on first use
    python packaging/build.py --here    # with this Python (needs: pip install -e '.[package]')

The build venv holds exactly TrustBoard's dependencies and PyInstaller, so the bundle
carries nothing that happens to be installed elsewhere; it is remade when pyproject.toml
changes. Nothing is installed outside build/. Output: dist/TrustBoard/ (Linux, Windows) or
dist/TrustBoard.app (macOS); PyInstaller's work files go to build/.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "trustboard.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
VENV = WORK / "venv"
APP_NAME = "TrustBoard"


def version() -> str:
    """The version the bundle must carry: trustboard/__init__.py's, read without importing."""
    init = (ROOT / "trustboard" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', init, re.M)
    if found is None:
        raise RuntimeError("no __version__ in trustboard/__init__.py")
    return found.group(1)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def bundle_dir() -> Path:
    """The folder to ship: the .app on macOS, the one-folder bundle elsewhere."""
    app = DIST / f"{APP_NAME}.app"
    return app if sys.platform == "darwin" else DIST / APP_NAME


def executable() -> Path:
    if sys.platform == "darwin":
        return DIST / f"{APP_NAME}.app" / "Contents" / "MacOS" / APP_NAME
    return DIST / APP_NAME / (f"{APP_NAME}.exe" if os.name == "nt" else APP_NAME)


def size_of(folder: Path) -> tuple[int, list[tuple[int, Path]]]:
    """Total bytes of the files under folder, and the files by size, largest first."""
    files = [(p.stat().st_size, p) for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    files.sort(key=lambda item: item[0], reverse=True)
    return sum(size for size, _ in files), files


def report_size(folder: Path, largest: int = 12) -> int:
    total, files = size_of(folder)
    print(f"bundle: {folder.relative_to(ROOT)}  {total / 2**20:.1f} MiB in {len(files)} files")
    for size, path in files[:largest]:
        print(f"  {size / 2**20:6.1f} MiB  {path.relative_to(folder)}")
    return total


def build_python() -> Path:
    """The build venv's Python, made (or refreshed after pyproject.toml changed) first."""
    python = venv_python()
    stamp = VENV / ".installed"
    pyproject = ROOT / "pyproject.toml"
    if python.exists() and stamp.exists() and stamp.stat().st_mtime >= pyproject.stat().st_mtime:
        return python
    print(f"setting up the build venv in {VENV.relative_to(ROOT)}", flush=True)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "-e", f"{ROOT}[package]"], check=True)
    stamp.touch()
    return python


def build(python: Path, clean: bool = True) -> int:
    has_pyinstaller = subprocess.run(
        [str(python), "-c", "import PyInstaller"], capture_output=True, check=False
    )
    if has_pyinstaller.returncode != 0:
        print(
            f"PyInstaller is not installed for {python}.\n"
            "Install the packaging tools first: pip install -e '.[package]'",
            file=sys.stderr,
        )
        return 1
    cmd = [
        str(python),
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level=WARN",
        f"--distpath={DIST}",
        f"--workpath={WORK}",
        *(["--clean"] if clean else []),
        str(SPEC),
    ]
    print("$", " ".join(cmd), flush=True)
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, check=False)
    if done.returncode != 0:
        print(f"PyInstaller failed (exit {done.returncode})", file=sys.stderr)
        return done.returncode
    print(f"built in {time.perf_counter() - started:.0f} s: {executable().relative_to(ROOT)}")
    report_size(bundle_dir())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--here", action="store_true", help="build with this Python instead of build/venv"
    )
    parser.add_argument(
        "--no-clean", action="store_true", help="reuse PyInstaller's cache in build/"
    )
    args = parser.parse_args(argv)
    try:
        python = Path(sys.executable) if args.here else build_python()
    except subprocess.CalledProcessError as exc:
        print(f"could not set up the build venv: {exc}", file=sys.stderr)
        return 1
    return build(python, clean=not args.no_clean)


if __name__ == "__main__":
    raise SystemExit(main())
