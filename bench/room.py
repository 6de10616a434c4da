"""The room under load: 100 phones writing, scoring and voting into the live window.

    python bench/room.py                         # everything below
    python bench/room.py --phones 100 --idle 300 --starts 11
    python bench/room.py --skip-start            # leave out the cold starts

Drives the real MainWindow (offscreen) with its room open on 127.0.0.1; the phones are
simulated participants (tests/room/phones.py) in a child process, so their work is not
counted as the app's. Both processes read the same monotonic clock.

* Load: every phone sends 10 cards (Write), then 12 scores (Score, every cell), then 5
  votes (Vote), each message as soon as the previous one was answered. Every edit must
  land exactly once in the file. Phone-to-board latency: from the phone sending a card to
  the later of its "ok" and the board scene holding the card's item (scores and votes: to
  the "ok", which comes after the document changed); p50/p95/max. GUI-thread stall: the
  largest gap of a 5 ms QTimer during the load, less its interval, against the same timer
  in the idle window. Peak RSS growth: the process's high-water mark after the load
  against its size before the room opened.
* Idle: 300 phones connected and quiet; the app's CPU over 10 s, as % of one core, against
  the same window with the room closed.
* Opening the room (the first time, which imports the server, and again); closing it.
* Start-up with the room unused: first paint of `trustboard` from this tree against the
  main branch (`git archive main`), interleaved, medians; and that the server (aiohttp),
  the QR code (segno) and the room's modules are not loaded by then.

Goals: latency p95 <= 250 ms, stall <= 50 ms, RSS growth <= 100 MB, idle <= 5 % of a core,
opening <= 300 ms, start-up ratio ~1.0.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TRUSTBOARD_PRELOAD_CHARTS", "0")  # no import thread during timings
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CARDS, SCORES, VOTES = 10, 12, 5
ROOM_MODULES = ("aiohttp", "segno", "trustboard.room", "trustboard.ui.room")
SPENT: dict[str, list[float]] = {}  # seconds per call of the room's rules on the GUI thread


def watch_logic() -> None:
    """Time the room's rules where they run (the GUI thread): the phones' edits, joins and
    the states the server sends them, to tell whose work a stall is."""
    from trustboard.room.logic import RoomLogic

    for name in ("handle", "join", "attach", "detach", "snapshot", "snapshots", "snapshot_parts"):
        if not hasattr(RoomLogic, name):
            continue
        original = getattr(RoomLogic, name)

        def timed(*args: Any, _original: Any = original, _name: str = name, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                SPENT.setdefault(_name, []).append(time.perf_counter() - t)

        setattr(RoomLogic, name, timed)


def spent() -> str:
    parts = []
    for name, times in sorted(SPENT.items()):
        parts.append(f"{name} {len(times)}x total {sum(times) * 1000:.0f} ms, "
                     f"longest {max(times) * 1000:.1f} ms")  # fmt: skip
    SPENT.clear()
    return "; ".join(parts)


class ServerMeter:
    """What the room's server thread costs: its own CPU time (not the GUI thread's, not the
    phones') and the bytes of text it sends to phones. Hooks RoomServer once it is imported."""

    def __init__(self) -> None:
        from trustboard.room.server import RoomServer

        self.bytes = 0
        self.messages = 0
        original = RoomServer._send_text
        meter = self

        async def counted(server: Any, conn: Any, text: str) -> None:
            if not conn.ws.closed:
                meter.bytes += len(text.encode("utf-8"))
                meter.messages += 1
            await original(server, conn, text)

        RoomServer._send_text = counted  # type: ignore[method-assign]

    @staticmethod
    def cpu() -> float:
        """CPU seconds of the server's thread so far (0 when no room is open)."""
        import threading

        for thread in threading.enumerate():
            if thread.name == "trustboard-room" and thread.ident is not None:
                return time.clock_gettime(time.pthread_getcpuclockid(thread.ident))
        return 0.0

    def mark(self) -> tuple[float, int, int, float]:
        return self.cpu(), self.bytes, self.messages, time.monotonic()

    def since(self, mark: tuple[float, int, int, float], edits: int, seconds: float) -> str:
        """The server's cost since `mark`: CPU over the stage's `seconds` and bytes sent."""
        cpu, sent, messages, _ = mark
        cpu = self.cpu() - cpu
        sent, messages = self.bytes - sent, self.messages - messages
        return (f"server thread {cpu:.2f} s CPU ({cpu / max(1e-9, seconds) * 100:.0f} % of a "
                f"core over the stage, {cpu / max(1, edits) * 1000:.1f} ms per edit); sent "
                f"{sent / 1e6:.2f} MB in {messages} messages ({sent / max(1, edits) / 1024:.1f} "
                "KiB per edit)")  # fmt: skip


# -- the phones (child process) ------------------------------------------------------------


async def _phones_child(url: str, count: int) -> None:
    """Connect `count` phones, then run the stages the parent names on stdin."""
    from tests.room.phones import Phone

    phones = [Phone(url) for _ in range(count)]
    for phone in phones:
        await phone.connect()
    welcomes = await asyncio.gather(*(p.hello() for p in phones))
    refused = [w for w in welcomes if w.get("type") != "welcome"]
    assert not refused, refused[:3]
    _tell({"ready": count, "devices": [p.device for p in phones]})
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        order = json.loads(line) if line.strip() else {"stage": "quit"}
        stage = order["stage"]
        if stage == "quit":
            break
        t = time.monotonic()
        logs = await asyncio.gather(*(_stage(n, p, stage, order) for n, p in enumerate(phones)))
        _tell(
            {
                "done": stage,
                "seconds": time.monotonic() - t,
                "sent": [m for log in logs for m in log],
            }
        )
    await asyncio.gather(*(p.close() for p in phones))


async def _stage(n: int, phone: Any, stage: str, order: dict[str, Any]) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = []
    cells = order.get("cells", [])
    if stage == "cards":
        for i in range(CARDS):
            messages.append({"type": "card.add", "key": f"bench-{n:03d}-{i:02d}",
                             "text": f"Card {i} from phone {n}", "kind": "evidence",
                             "cell": cells[(n + i) % len(cells)]})  # fmt: skip
    elif stage == "scores":
        for i, cell in enumerate(cells[:SCORES]):
            messages.append({"type": "score", "cell": cell, "score": (n + i) % 5 + 1})
    elif stage == "votes":
        cards = order["cards"]
        for i in range(VOTES):
            messages.append(
                {"type": "vote", "card": cards[(n * VOTES + i) % len(cards)], "dots": 1}
            )
    log = []
    for msg in messages:
        sent = time.monotonic()
        reply = await phone.send(msg)
        retries = 0
        while reply.get("type") == "error" and reply.get("code") == "too-fast" and retries < 50:
            retries += 1  # "as fast as the server accepts": wait a moment, send again
            await asyncio.sleep(0.05)
            reply = await phone.send(msg)
        log.append({"n": n, "msg": msg, "sent": sent, "acked": time.monotonic(),
                    "reply": reply.get("type"), "code": reply.get("code", ""),
                    "retries": retries})  # fmt: skip
    return log


def _tell(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


# -- the app (this process) ----------------------------------------------------------------


def _rss_kb(field: str = "VmRSS") -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def _cpu() -> float:
    """This process's CPU seconds (every thread), to the microsecond."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Phones:
    """The phones' child process, seen from the GUI thread (QProcess, no extra thread)."""

    def __init__(self, app: Any, url: str, count: int) -> None:
        from PySide6.QtCore import QProcess

        self.app = app
        self.lines: list[dict[str, Any]] = []
        self._buffer = b""
        self.proc = QProcess()
        env = self.proc.processEnvironment()
        from PySide6.QtCore import QProcessEnvironment

        env = QProcessEnvironment.systemEnvironment()
        env.insert("PYTHONPATH", str(ROOT))
        self.proc.setProcessEnvironment(env)
        self.proc.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        self.proc.readyReadStandardOutput.connect(self._read)
        self.proc.start(sys.executable, [__file__, "--phones-child", url, "--count", str(count)])
        assert self.proc.waitForStarted(10_000)

    def _read(self) -> None:
        self._buffer += bytes(self.proc.readAllStandardOutput().data())
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            self.lines.append(json.loads(line))

    def wait(self, key: str, timeout: float = 300.0) -> dict[str, Any]:
        from PySide6.QtCore import QEventLoop, QTimer

        end = time.monotonic() + timeout
        while True:
            for i, line in enumerate(self.lines):
                if key in line:
                    return self.lines.pop(i)
            if time.monotonic() > end or self.proc.state() == self.proc.ProcessState.NotRunning:
                raise RuntimeError(f"the phones never said {key!r}")
            loop = QEventLoop()  # until the phones say something (or 50 ms), idle meanwhile
            self.proc.readyReadStandardOutput.connect(loop.quit)
            QTimer.singleShot(50, loop.quit)
            loop.exec()
            self.proc.readyReadStandardOutput.disconnect(loop.quit)

    def order(self, **order: Any) -> None:
        self.proc.write((json.dumps(order) + "\n").encode())

    def quit(self) -> None:
        self.order(stage="quit")
        self.proc.closeWriteChannel()
        if not self.proc.waitForFinished(30_000):
            self.proc.kill()
            self.proc.waitForFinished(5_000)


class Heartbeat:
    """The largest gap between ticks of a 5 ms timer on the GUI thread, and how many gaps
    went over 50 ms (a one-off at the first phone's edit, or all along)."""

    INTERVAL_MS = 5

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, Qt, QTimer

        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[tuple[float, int]] = []  # (seconds since start, gap ms) over 20 ms
        self.worst = 0
        self.started = 0.0

    def _tick(self) -> None:
        gap = self.clock.restart()
        if gap > 20:
            self.gaps.append((time.monotonic() - self.started, gap))
        self.worst = max(self.worst, gap)

    def start(self) -> None:
        self.worst = 0
        self.gaps = []
        self.started = time.monotonic()
        self.clock.start()
        self.timer.start()

    def stop(self) -> float:
        """The worst stall in ms: the largest gap less the interval."""
        self.timer.stop()
        return max(0, self.worst - self.INTERVAL_MS)

    def over(self, ms: int = 50) -> str:
        long = [(at, gap) for at, gap in self.gaps if gap - self.INTERVAL_MS > ms]
        top = sorted(long, key=lambda g: -g[1])[:3]
        where = ", ".join(f"{gap - self.INTERVAL_MS} ms at {at:.2f} s" for at, gap in top)
        return f"{len(long)} stalls over {ms} ms" + (f" ({where})" if where else "")


def spin(app: Any, seconds: float) -> None:
    """Run the event loop for `seconds`, idle as the app is (no busy polling)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def load(args: argparse.Namespace) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from tests.room.sockets import listening
    from trustboard.assets import templates_dir
    from trustboard.domain.workshop import Layer, Perspective, new_workshop
    from trustboard.frameworks.templates import load_template
    from trustboard.paths import UserPaths
    from trustboard.services.settings import Settings
    from trustboard.store import WorkshopFile
    from trustboard.ui.main_window import MainWindow
    from trustboard.ui.room.hooks import room_of

    app = QApplication.instance() or QApplication([])
    watch_logic()
    for kind in ("warning", "information", "critical"):
        setattr(QMessageBox, kind, lambda *a, **k: print("  message:", a[2] if len(a) > 2 else a))
    fw = load_template(templates_dir() / "rtx-trust-framework.toml").framework
    folder = Path(tempfile.mkdtemp(prefix="trustboard-room-"))
    path = folder / "room.trustboard"
    WorkshopFile.create(path, new_workshop(fw, "Room bench")).close()
    paths = UserPaths.under(folder / "data")
    window = MainWindow(paths, Settings.load(paths))
    window.resize(1600, 1000)
    window.show()
    assert window.open_file(path), path
    app.processEvents()
    session, scene = window.session, window.scene
    assert session is not None and scene is not None
    cells = [list(c) for c in fw.cells()]

    beat = Heartbeat()
    beat.start()
    spin(app, 2.0)
    quiet_stall = beat.stop()
    rss_before = _rss_kb()
    assert listening() == [], f"something listens before the room opens: {listening()}"

    t = time.perf_counter()
    url = room_of(window).open("127.0.0.1", 0)
    first_open = time.perf_counter() - t
    opens, closes = [], []
    for _ in range(5):
        t = time.perf_counter()
        room_of(window).close()
        closes.append(time.perf_counter() - t)
        assert listening() == [], f"still listening after closing: {listening()}"
        t = time.perf_counter()
        url = room_of(window).open("127.0.0.1", 0)
        opens.append(time.perf_counter() - t)
    where = listening()
    meter = ServerMeter()
    print(f"opening the room: first {first_open * 1000:.0f} ms (imports the server), then median "
          f"{statistics.median(opens) * 1000:.0f} ms; closing median "
          f"{statistics.median(closes) * 1000:.0f} ms; listening on {where}")  # fmt: skip

    # The board's side of the latency: when the scene first holds each new card's item.
    on_board: dict[str, float] = {}

    def seen(change: Any) -> None:
        if change.what == "cards":
            now = time.monotonic()
            for card_id in change.ids:
                item = scene.cards.get(card_id)
                if item is not None and item.card.text not in on_board:
                    on_board[item.card.text] = now

    session.changed.connect(seen)  # after the scene's own slot: it runs first

    phones = Phones(app, url, args.phones)
    ready = phones.wait("ready")
    devices = ready["devices"]
    print(f"{args.phones} phones joined")
    from trustboard.room.model import Phase, PhaseSettings, Scope

    stalls: dict[str, float] = {}
    sent: dict[str, list[dict[str, Any]]] = {}
    stage_s: dict[str, float] = {}
    logic_spent: dict[str, str] = {}
    server_cost: dict[str, str] = {}
    over: dict[str, str] = {}
    for stage, phase in (("cards", Phase.WRITE), ("scores", Phase.SCORE), ("votes", Phase.VOTE)):
        if phase == Phase.VOTE:
            from trustboard.document import voting

            voting.start_voting(session.doc, VOTES, args.phones)
        room_of(window).set_settings(PhaseSettings(phase=phase, scope=Scope.ALL))
        spin(app, 0.3)  # the phones hear of the phase
        order: dict[str, Any] = {"stage": stage, "cells": cells}
        if stage == "votes":
            order["cards"] = sorted(session.round.cards)
        beat.start()
        SPENT.clear()
        profile = cProfile.Profile() if args.profile else None
        if profile is not None:
            profile.enable()  # the GUI thread only: where the edits and states are made
        mark = meter.mark()
        phones.order(**order)
        done = phones.wait("done")
        spin(app, 0.5)  # the last states go out
        server_cost[stage] = meter.since(mark, len(done["sent"]), done["seconds"])
        if profile is not None:
            profile.disable()
            print(f"-- GUI thread during {stage}, by own time:")
            pstats.Stats(profile).sort_stats("tottime").print_stats(18)
        spin(app, 0.1)
        stalls[stage] = beat.stop()
        over[stage] = beat.over()
        sent[stage] = done["sent"]
        stage_s[stage] = done["seconds"]
        logic_spent[stage] = spent()
    rss_peak = _rss_kb("VmHWM")
    room_of(window).set_settings(PhaseSettings(phase=Phase.CLOSED))

    # Every edit once, in the file.
    session.file.flush()
    with WorkshopFile.open(path, read_only=True) as wf:
        rnd = wf.workshop.current_round
        texts: dict[str, int] = {}
        for c in [*rnd.cards.values(), *getattr(rnd, "held", {}).values()]:
            texts[c.text] = texts.get(c.text, 0) + 1
        by = [
            d
            for r in rnd.ratings.values()
            if (r.layer, r.perspective) == (Layer.AS_IS, Perspective.SELF)
            for d in r.by
        ]
        dots = {d: sum(c.votes_by(d) for c in rnd.cards.values()) for d in devices}
    refused = [m for stage in sent.values() for m in stage if m["reply"] != "ok"]
    wanted = {m["msg"]["text"] for m in sent["cards"]}
    cards_once = all(texts.get(t) == 1 for t in wanted) and len(texts) == len(wanted)
    scores_once = all(by.count(d) == SCORES for d in devices) and len(by) == SCORES * len(devices)
    votes_once = all(dots[d] == VOTES for d in devices)
    print(f"every edit once in the file: cards {cards_once} ({len(texts)} of {len(wanted)}), "
          f"scores {scores_once} ({len(by)}), votes {votes_once} ({sum(dots.values())}); "
          f"refused {len(refused)} {[m['code'] for m in refused[:5]]}")  # fmt: skip

    for stage, log in sent.items():
        n = len(log)
        if stage == "cards":
            lat = [
                max(m["acked"], on_board.get(m["msg"]["text"], float("inf"))) - m["sent"]
                for m in log
            ]
        else:
            lat = [m["acked"] - m["sent"] for m in log]
        ack = [m["acked"] - m["sent"] for m in log]
        retries = sum(m["retries"] for m in log)
        print(f"{stage:>6}: {n} edits in {stage_s[stage]:.2f} s ({n / stage_s[stage]:.0f}/s); "
              f"phone-to-board p50 {_pct(lat, 50) * 1000:.0f} ms, p95 {_pct(lat, 95) * 1000:.0f} ms, "
              f"max {max(lat) * 1000:.0f} ms (ok alone: p95 {_pct(ack, 95) * 1000:.0f} ms); "
              f"GUI stall {stalls[stage]:.0f} ms (idle window {quiet_stall:.0f} ms), {over[stage]}; "
              f"{retries} resends after too-fast")  # fmt: skip
        print(f"        on the GUI thread: {logic_spent[stage]}")
        print(f"        {server_cost[stage]}")
    growth = (rss_peak - rss_before) / 1024
    print(f"peak RSS growth: {growth:.0f} MB ({rss_before / 1024:.0f} MB before the room, "
          f"high-water {rss_peak / 1024:.0f} MB)")  # fmt: skip
    phones.quit()

    # Idle: 300 quiet phones against the same window with the room closed.
    room_of(window).close()
    assert listening() == []
    spin(app, 1.0)
    c, t = _cpu(), time.monotonic()
    spin(app, args.idle_seconds)
    closed_pct = (_cpu() - c) / (time.monotonic() - t) * 100
    url = room_of(window).open("127.0.0.1", 0)
    idle = Phones(app, url, args.idle)
    idle.wait("ready")
    spin(app, 2.0)  # the joins' state messages are out
    c, t = _cpu(), time.monotonic()
    spin(app, args.idle_seconds)
    idle_pct = (_cpu() - c) / (time.monotonic() - t) * 100
    print(f"{args.idle} idle phones: {idle_pct:.1f} % of one core over {args.idle_seconds:.0f} s "
          f"(room closed, no phones: {closed_pct:.1f} %); {room_of(window).connected} counted")  # fmt: skip
    idle.quit()
    room_of(window).close()
    print(f"after closing: listening on {listening()}")
    window.close_workshop()
    window.close()


# -- start-up with the room unused -----------------------------------------------------------

FIRST_PAINT = f"""
import sys, json
import trustboard.cli
from PySide6.QtCore import QEvent, QObject, QTimer
import trustboard.ui.main_window as main_window
ROOM = {ROOM_MODULES!r}
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint and not getattr(self, "done", False):
            self.done = True
            loaded = sorted(m for m in sys.modules if m.startswith(ROOM))
            print("painted " + json.dumps(loaded), flush=True)
            QTimer.singleShot(0, o.window().close)
        return False
f = F()
show = main_window.MainWindow.show
def watched_show(window):
    window.installEventFilter(f)
    show(window)
main_window.MainWindow.show = watched_show
sys.exit(trustboard.cli.main(["--data-dir", *sys.argv[1:]]))
"""


def _first_paint(tree: Path, *args: str) -> tuple[float, list[str]]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree)
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", FIRST_PAINT, *args], stdout=subprocess.PIPE,
                            text=True, env=env, cwd=tree)  # fmt: skip
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - t
    assert line.startswith("painted "), line
    proc.wait(timeout=60)
    proc.stdout.close()
    return elapsed, json.loads(line.removeprefix("painted "))


def start_up(runs: int) -> None:
    """First paint of this tree against main's, on the start screen and with a workshop
    file (each tree opens a copy it made itself: main refuses this tree's newer files)."""
    main_tree = Path(tempfile.mkdtemp(prefix="trustboard-main-"))
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "main"], capture_output=True, check=True
    )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(main_tree, filter="data")
    folder = Path(tempfile.mkdtemp())
    files = {}
    for name, tree in (("main", main_tree), ("ours", ROOT)):
        files[name] = str(folder / f"{name}.trustboard")
        subprocess.run([sys.executable, "-m", "trustboard", "new", files[name], "--template",
                        "rtx-trust-framework", "--title", "Start-up"],
                       env={**os.environ, "PYTHONPATH": str(tree)}, cwd=tree, check=True,
                       capture_output=True)  # fmt: skip
    for what in ("start screen", "a workshop"):
        data_main, data_ours = tempfile.mkdtemp(), tempfile.mkdtemp()
        extra = {"main": [], "ours": []} if what == "start screen" else {
            "main": [files["main"]], "ours": [files["ours"]]}  # fmt: skip
        _first_paint(main_tree, data_main, *extra["main"])  # warm-up: disk cache, bytecode
        _first_paint(ROOT, data_ours, *extra["ours"])
        ours, main, loaded = [], [], set()
        for _ in range(runs):  # interleaved so drift hits both alike
            main.append(_first_paint(main_tree, data_main, *extra["main"])[0])
            elapsed, modules = _first_paint(ROOT, data_ours, *extra["ours"])
            ours.append(elapsed)
            loaded.update(modules)
        m, o = statistics.median(main), statistics.median(ours)
        server = sorted(x for x in loaded if not x.startswith("trustboard.ui.room"))
        hooks = sorted(x for x in loaded if x.startswith("trustboard.ui.room"))
        print(f"start-up to first paint with {what}, room unused (median of {runs}): main "
              f"{m * 1000:.0f} ms, this tree {o * 1000:.0f} ms, ratio {o / m:.3f} (best of "
              f"{runs}: {min(ours) / min(main):.3f}); server/QR modules loaded: "
              f"{server or 'none'}; the window's room hooks: {hooks or 'none'}")  # fmt: skip


def vote_scaling(args: argparse.Namespace) -> None:
    """The Vote step against the number of cards, without the window: the room's rules run
    on the server's thread (LockedCaller), so its CPU is the whole room's. `args.phones`
    phones in a child process each give VOTES dots, one after the other's "ok"."""
    import subprocess as sp

    from tests.room.phones import Room
    from trustboard.assets import templates_dir
    from trustboard.domain.workshop import Card, new_workshop
    from trustboard.frameworks.templates import load_template
    from trustboard.room.model import Phase, PhaseSettings, Scope

    framework = load_template(templates_dir() / "rtx-trust-framework.toml").framework
    cells = list(framework.cells())
    meter: ServerMeter | None = None
    for count in (250, 500, 1000, 2000):
        room = Room(new_workshop(framework, "Vote scaling", organisation="Bench"))
        meter = meter or ServerMeter()
        rid = room.doc.workshop.current_round_id
        text = "A card of ordinary length, as people write them in a workshop: {}"
        room.doc.set_cards(rid, {f"card-{i:05d}": Card(f"card-{i:05d}", text.format(i),
                                 cells[i % len(cells)], order=float(i)) for i in range(count)})  # fmt: skip
        with room:
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            child = sp.Popen([sys.executable, __file__, "--phones-child", room.url, "--count",
                              str(args.phones)], stdin=sp.PIPE, stdout=sp.PIPE, env=env, text=True)  # fmt: skip
            assert child.stdin is not None and child.stdout is not None
            assert "ready" in json.loads(child.stdout.readline())
            settings = PhaseSettings(Phase.VOTE, Scope.ALL, per_person=VOTES)
            room.do(lambda room=room, settings=settings: room.logic.set_settings(settings))
            time.sleep(1.0)  # every phone has the card list
            mark = meter.mark()
            child.stdin.write(json.dumps({"stage": "votes", "cards": [f"card-{i:05d}" for i in
                                                                     range(count)]}) + "\n")  # fmt: skip
            child.stdin.flush()
            done = json.loads(child.stdout.readline())
            time.sleep(0.5)  # the last states go out
            log = done["sent"]
            lat = [m["acked"] - m["sent"] for m in log]
            refused = sum(1 for m in log if m["reply"] != "ok")
            print(f"{count:>5} cards, {args.phones} phones, {len(log)} votes in "
                  f"{done['seconds']:.2f} s: vote p50 {_pct(lat, 50) * 1000:.0f} ms, "
                  f"p95 {_pct(lat, 95) * 1000:.0f} ms, max {max(lat) * 1000:.0f} ms; refused "
                  f"{refused}; {meter.since(mark, len(log), done['seconds'])}", flush=True)  # fmt: skip
            child.stdin.write(json.dumps({"stage": "quit"}) + "\n")
            child.stdin.close()
            child.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=100)
    parser.add_argument("--idle", type=int, default=300)
    parser.add_argument("--idle-seconds", type=float, default=10.0)
    parser.add_argument("--starts", type=int, default=11)
    parser.add_argument("--skip-start", action="store_true")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--profile", action="store_true", help="profile the GUI thread per stage")
    parser.add_argument("--vote-scaling", action="store_true",
                        help="only the Vote step with 250 to 2,000 cards, without the window")  # fmt: skip
    parser.add_argument("--phones-child", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phones_child:
        asyncio.run(_phones_child(args.phones_child, args.count))
        return
    if args.vote_scaling:
        vote_scaling(args)
        return
    if not args.skip_start:
        start_up(args.starts)
    if not args.skip_load:
        load(args)


if __name__ == "__main__":
    main()
