"""Packaging check: build the bundle, then prove it holds everything by running it headless.

    python packaging/check.py                # build (packaging/build.py), then check
    python packaging/check.py --skip-build   # check the bundle in dist/ if it is up to date

The frozen app creates a workshop, imports cards, exports a PDF (once `export` exists),
checks the file with `check --json`, installs and removes its desktop entry in a temp
XDG folder, and opens the demo workshop offscreen. Start-up times of the frozen app and
of the same code from source are measured in the same run. Exit 0 when all steps pass.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import IO

import build  # packaging/build.py, beside this file

ROOT = build.ROOT
APP_NAME = build.APP_NAME
CARDS = (  # markup-like text, three scripts and an emoji, a quoted line break
    ("Competence", "Individuals", "as-is", "evidence", "<b>Certified</b> & trained staff", "Ann"),
    ("Empathy", "Technology", "to-be", "idea", "お客様の声 — صوت العميل 🎉", ""),
    ("Reliability", "Organizations", "as-is", "customer-voice", '"On time"\n(survey, Q3)', ""),
)
TITLE = "Packaging check – Ünïcødé 信頼"
BUNDLED_FILES = (
    "templates/rtx-trust-framework.toml",
    "templates/de/rtx-trust-framework.toml",  # translations sit in language folders
    "resources/icons/trustboard.svg",
    "resources/icons/trustboard-256.png",
    "resources/room/index.html",
    "resources/room/room.js",
    "resources/room/room.css",
    "linux/org.trustboard.TrustBoard.desktop",
    "linux/org.trustboard.TrustBoard.mime.xml",
    "reportlab/fonts",
)
QT_PLUGINS = (  # Linux names; this check runs where the bundle was built
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/QtNetwork.abi3.so",  # the addresses the room may listen on
)
# Modules loaded only at run time (by name or once a window needs them): they must be in.
BUNDLED_MODULES = (
    "trustboard.ui.app",
    "trustboard.ui.main_window",
    "pyqtgraph",
    "pyqtgraph.graphicsItems.PlotItem.plotConfigTemplate_generic",
    "pyqtgraph.graphicsItems.ViewBox.axisCtrlTemplate_generic",
    "reportlab.pdfgen.canvas",
    "reportlab.platypus",
    "reportlab.pdfbase._fontdata_enc_winansi",
    "reportlab.pdfbase.ttfonts",
    "uharfbuzz",  # shapes Arabic and Hebrew in the PDF; optional at run time, so check
    "pypdf",  # PDF passwords: encrypts the finished PDF
    "pypdf._crypt_providers._cryptography",  # its AES; without it pypdf cannot encrypt
    "cryptography.hazmat.primitives.ciphers",
    "pypdfium2",  # the export dialog's preview
    "trustboard.room.server",  # the room's server, loaded when the facilitator opens it
    "aiohttp.web",
    "segno",  # the join code
    "pptx",  # the slides export, loaded on the first .pptx
)


class CheckError(Exception):
    """A step found the bundle incomplete or broken; the message says how."""


class Checker:
    """Runs the frozen app in a temp folder with its own HOME, XDG dirs and data dir."""

    def __init__(self, exe: Path, work: Path) -> None:
        self.exe = exe
        self.work = work
        self.data = work / "data"
        self.env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(work / "home"))
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            self.env[var] = str(work / "home" / var.lower())
        self.passed: list[str] = []

    def run(
        self, *args: str, ok: bool = True, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(self.exe), *args],
            cwd=self.work,
            env=self.env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
            check=False,
        )
        if ok and done.returncode != 0:
            raise CheckError(
                f"`TrustBoard {' '.join(args)}` exited {done.returncode}:\n{done.stderr}"
            )
        return done

    def step(self, name: str, action: Callable[[], str | None]) -> None:
        note = action()
        self.passed.append(name)
        print(f"  ok   {name}{': ' + note if note else ''}", flush=True)


def check_contents(folder: Path, python: Path) -> str:
    internal = folder / "_internal" if (folder / "_internal").is_dir() else folder
    expected = BUNDLED_FILES + (QT_PLUGINS if sys.platform.startswith("linux") else ())
    missing = [f for f in expected if not (internal / f).exists()]
    if missing:
        raise CheckError(f"missing from the bundle: {', '.join(missing)}")
    listing = subprocess.run(
        [python, "-m", "PyInstaller.utils.cliutils.archive_viewer", "-r", "-b", build.executable()],
        capture_output=True,
        text=True,
        check=False,
    )
    if listing.returncode != 0:
        return f"{len(expected)} files (module list skipped: no PyInstaller for {python})"
    names = {line.strip() for line in listing.stdout.splitlines()}
    absent = [m for m in BUNDLED_MODULES if m not in names]
    if absent:
        raise CheckError(f"modules missing from the bundle: {', '.join(absent)}")
    return f"{len(expected)} files, {len(BUNDLED_MODULES)} lazily loaded modules"


def export_command(help_text: str, workshop: str, pdf: str) -> list[str]:
    """`export` as its help describes it: an output option, or the PDF as 2nd argument."""
    for option in ("--output", "--out", "-o", "--pdf"):
        if f"{option} " in help_text or f"{option}=" in help_text or f"[{option}" in help_text:
            return ["export", workshop, option, pdf]
    return ["export", workshop, pdf]


def verify_pdf(pdf: Path) -> str:
    data = pdf.read_bytes() if pdf.exists() else b""
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise CheckError(f"{pdf.name} is not a complete PDF ({len(data)} bytes)")
    pages = data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type/Page")
    note = f"{len(data) / 1024:.0f} KiB"
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=False
        ).stdout.decode("utf-8", "replace")
        if "Packaging check" not in text:
            raise CheckError(f"the workshop title is not in the text of {pdf.name}")
        note += ", title found by pdftotext"
    return note + (f", {pages} page{'s' * (pages != 1)}" if pages else "")


def run_checks(checker: Checker) -> None:
    w = "workshop.trustboard"
    with (checker.work / "cards.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["element", "domain", "layer", "kind", "text", "author"])
        writer.writerows(CARDS)

    def version() -> str:
        out = checker.run("--version").stdout.strip()
        if out != f"TrustBoard {build.version()}":
            raise CheckError(f"--version printed {out!r}")
        return out

    def templates() -> str:
        out = checker.run("--data-dir", str(checker.data), "templates").stdout
        if "rtx-trust-framework" not in out:
            raise CheckError(f"the built-in templates are missing:\n{out}")
        return f"{len(out.splitlines())} built-in templates"

    def new() -> None:
        checker.run(
            "--data-dir", str(checker.data), "new", w, "--template", "rtx-trust-framework",
            "--title", TITLE,
        )  # fmt: skip

    def import_cards() -> str:
        return checker.run("--data-dir", str(checker.data), "import", w, "cards.csv").stdout.strip()

    def check_json() -> str:
        summary = json.loads(
            checker.run("--data-dir", str(checker.data), "check", w, "--json").stdout
        )
        if (
            not summary.get("ok")
            or summary.get("cards") != len(CARDS)
            or summary.get("title") != TITLE
        ):
            raise CheckError(f"check --json says {summary}")
        return f"{summary['cards']} cards, title intact"

    def export_pdf() -> str:
        helped = checker.run("export", "--help", ok=False)
        if helped.returncode != 0 or not helped.stdout.startswith("usage: trustboard export"):
            return "SKIPPED: this TrustBoard has no `export` command yet"
        cmd = export_command(helped.stdout, w, "summary.pdf")
        checker.run("--data-dir", str(checker.data), *cmd)
        return verify_pdf(checker.work / "summary.pdf")

    def languages() -> str:
        """The catalogues and Babel's locale data are in the bundle: German and French
        messages, and the frameworks written in them."""
        german = checker.run("--lang", "de", "check", "missing.trustboard", ok=False).stderr
        if "existiert nicht" not in german:
            raise CheckError(f"--lang de printed no German message: {german!r}")
        listed = checker.run("--data-dir", str(checker.data), "--lang", "fr", "templates").stdout
        first = listed.splitlines()[0] if listed else ""
        if " fr " not in first or "français" not in first:
            raise CheckError(f"--lang fr did not list the French frameworks first:\n{listed}")
        return "German message; French frameworks first, named in French"

    def desktop_entry() -> str:
        checker.run("--install-desktop-entry")
        entry = (
            Path(checker.env["XDG_DATA_HOME"])
            / "applications"
            / "org.trustboard.TrustBoard.desktop"
        )
        if f"Exec={checker.exe} %f" not in entry.read_text(encoding="utf-8"):
            raise CheckError(f"the installed entry does not start the bundle:\n{entry.read_text()}")
        checker.run("--uninstall-desktop-entry")
        if entry.exists():
            raise CheckError("--uninstall-desktop-entry left the entry behind")
        return "installed and removed; Exec is the bundle"

    def demo_window() -> str:
        output = run_until_timeout(
            [str(checker.exe), "--data-dir", str(checker.data), "--demo"], checker.env, 8
        )
        if "Traceback" in output:
            raise CheckError(f"the demo window printed a traceback:\n{output}")
        return "still running after 8 s, no traceback"

    checker.step("--version", version)
    checker.step("templates", templates)
    checker.step("new", new)
    checker.step("import cards", import_cards)
    checker.step("check --json", check_json)
    checker.step("export PDF", export_pdf)
    checker.step("languages", languages)
    checker.step("desktop entry", desktop_entry)
    checker.step("demo window (offscreen)", demo_window)
    checker.step("room: a phone loads the page", lambda: room(checker, w))
    checker.step("demo window (X11 under Xvfb)", lambda: x11_window(checker))


def room(checker: Checker, workshop: str) -> str:
    """Open the room from the command line, load the participant page as a phone would,
    and see a wrong link refused; the room closes with the app."""
    cmd = [
        str(checker.exe), "--data-dir", str(checker.data), workshop, "--open-room",
        "--room-address", "127.0.0.1", "--room-port", "0",
    ]  # fmt: skip
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        proc = subprocess.Popen(
            cmd, cwd=checker.work, env=checker.env, stdout=subprocess.PIPE, stderr=errors,
            text=True, encoding="utf-8",
        )  # fmt: skip
        lines: queue.Queue[str] = queue.Queue()
        out = proc.stdout
        assert out is not None
        threading.Thread(target=lambda: [lines.put(x) for x in out], daemon=True).start()
        try:
            url = lines.get(timeout=60).strip()
        except queue.Empty:
            url = ""
        try:
            if not re.fullmatch(r"http://127\.0\.0\.1:\d+/[a-z2-7]{26}", url):
                errors.seek(0)
                raise CheckError(f"--open-room printed {url!r}, not a join URL:\n{errors.read()}")
            return room_page(url)
        finally:
            proc.kill()
            proc.wait()


def room_page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as page:
        html = page.read().decode("utf-8")
        policy = page.headers.get("Content-Security-Policy", "")
    if "room.js" not in html or "default-src 'none'" not in policy:
        raise CheckError(f"the join URL did not serve the participant page:\n{html[:300]}")
    with urllib.request.urlopen(f"{url}/room.js", timeout=10) as script:
        size = len(script.read())
    wrong = url.rsplit("/", 1)[0] + "/" + "a" * 26
    try:
        with urllib.request.urlopen(wrong, timeout=10):
            raise CheckError("a wrong link was served a page")
    except urllib.error.HTTPError as exc:
        if exc.code != 404:
            raise CheckError(f"a wrong link got {exc.code}, not 404") from None
    return f"page and its {size / 1024:.0f} KiB script served; a wrong link gets 404"


def run_until_timeout(
    cmd: list[str],
    env: dict[str, str],
    seconds: float,
    meanwhile: Callable[[], None] = lambda: None,
) -> str:
    """Run a window for `seconds`; it must still be running then. Returns its output."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            code = proc.wait(timeout=seconds - 2)
        except subprocess.TimeoutExpired:
            meanwhile()
            try:
                code = proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                code = None
                proc.kill()
                proc.wait()
        log.seek(0)
        output = log.read()
    if code is not None:
        raise CheckError(f"the window exited by itself (exit {code}):\n{output}")
    return output


def x11_window(checker: Checker) -> str:
    """Open the demo on a virtual X server: the xcb plugin and its libraries load, and the
    window's WM_CLASS is the desktop entry's StartupWMClass."""
    if shutil.which("Xvfb") is None:
        return "SKIPPED: no Xvfb (apt-get install xvfb x11-utils)"
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1440x900x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        display = ":" + os.read(read_end, 32).decode().strip()
        env = dict(checker.env, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        classes: list[str] = []

        def look() -> None:  # while the window is up
            if shutil.which("xwininfo"):
                tree = subprocess.run(
                    ["xwininfo", "-root", "-tree"],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=False,
                ).stdout
                # e.g. 0x200007 "TITLE — TrustBoard": ("TrustBoard" "TrustBoard")  1440x900+0+0
                classes.extend(re.findall(r'"[^"\n]*": \(("[^"]*" "[^"]*")\)', tree))

        output = run_until_timeout(
            [str(checker.exe), "--data-dir", str(checker.data), "--demo"], env, 8, look
        )
    finally:
        os.close(read_end)
        xvfb.terminate()
        xvfb.wait()
    if "Traceback" in output or "qt.qpa.plugin" in output:
        raise CheckError(f"the X11 window failed:\n{output}")
    if not classes:
        return "still running after 8 s, no traceback (no window found with xwininfo)"
    wm_class = classes[0]
    startup = f'"{APP_NAME}"'
    if not wm_class.endswith(startup):
        raise CheckError(
            f"WM_CLASS is {wm_class}; the desktop entry says StartupWMClass={APP_NAME}"
        )
    return f"still running after 8 s, WM_CLASS {wm_class}"


def first_frame(cmd: list[str], env: dict[str, str], timeout: float = 30) -> float | None:
    """Seconds from launch until Qt first flushes a painted window (offscreen)."""
    env = dict(env, QT_LOGGING_RULES="qt.widgets.painting.debug=true")
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    lines: queue.Queue[bytes] = queue.Queue()

    def pump(stream: IO[bytes]) -> None:  # a thread, so a silent app cannot block the wait
        for line in stream:
            lines.put(line)

    assert proc.stderr is not None
    threading.Thread(target=pump, args=(proc.stderr,), daemon=True).start()
    seen = None
    try:
        while seen is None and time.perf_counter() - started < timeout:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                if proc.poll() is not None:
                    break
                continue
            if b"painting: Flushing" in line:  # the window's first frame reaches the screen
                seen = time.perf_counter() - started
    finally:
        proc.kill()
        proc.wait()
        proc.stderr.close()
    return seen


def time_runs(fn: Callable[[], float | None], runs: int) -> str:
    values = [v for v in (fn() for _ in range(runs)) if v is not None]
    if not values:
        return "n/a"
    return f"first {values[0]:.2f} s, median {statistics.median(values):.2f} s"


def measure_startup(checker: Checker, source_python: Path, runs: int) -> None:
    frozen = [str(checker.exe)]
    source = [str(source_python), "-m", "trustboard"]
    data = ["--data-dir", str(checker.data)]

    def timed(cmd: list[str]) -> Callable[[], float]:
        def once() -> float:
            started = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, env=checker.env, capture_output=True, check=True)
            return time.perf_counter() - started

        return once

    print(f"start-up ({runs} runs each; source = {source_python} -m trustboard):")
    for label, args in (
        ("--version", ["--version"]),
        ("first window", data),
        ("demo window", [*data, "--demo"]),
    ):
        for name, base in (("frozen", frozen), ("source", source)):
            cmd = [*base, *args]
            fn = timed(cmd) if label == "--version" else (lambda c=cmd: first_frame(c, checker.env))
            print(f"  {label:13} {name}: {time_runs(fn, runs)}", flush=True)


def stale_source(exe: Path) -> str | None:
    """None when the bundle is newer than every file it is built from, else the newest file."""
    if not exe.exists():
        return "(no bundle yet)"
    built = exe.stat().st_mtime
    sources = [ROOT / "packaging" / "trustboard.spec", ROOT / "pyproject.toml"]
    for folder in ("trustboard", "templates", "resources", "packaging/linux"):
        sources += [
            p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts
        ]
    newest = max(sources, key=lambda p: p.stat().st_mtime)
    return str(newest.relative_to(ROOT)) if newest.stat().st_mtime > built else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="check the existing bundle")
    parser.add_argument(
        "--here", action="store_true", help="build with this Python (build.py --here)"
    )
    parser.add_argument("--runs", type=int, default=3, help="start-up timing runs (default 3)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    venv = build.venv_python()
    python = venv if venv.exists() and not args.here else Path(sys.executable)
    exe = build.executable()
    if args.skip_build:
        stale = stale_source(exe)
        if stale:
            print(
                f"the bundle is out of date ({stale} is newer); run without --skip-build",
                file=sys.stderr,
            )
            return 1
    else:
        python = Path(sys.executable) if args.here else build.build_python()
        if build.build(python) != 0:
            return 1
    size = build.size_of(build.bundle_dir())[0]
    with tempfile.TemporaryDirectory(prefix="trustboard-pkg-") as tmp:
        checker = Checker(exe, Path(tmp))
        (checker.work / "home").mkdir()
        print(f"checking {exe.relative_to(ROOT)}:")
        try:
            checker.step("bundle contents", lambda: check_contents(build.bundle_dir(), python))
            run_checks(checker)
            measure_startup(checker, python, args.runs)
        except (CheckError, subprocess.SubprocessError, OSError) as exc:
            print(f"  FAIL {exc}", file=sys.stderr)
            return 1
    print(
        f"packaging check passed: {len(checker.passed)} steps, bundle {size / 2**20:.1f} MiB, "
        f"{time.perf_counter() - started:.0f} s in all"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
