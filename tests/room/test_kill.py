"""Kill the app (SIGKILL) while 20 phones send edits: every edit a phone was told was saved
more than a second before the kill is in the file, exactly once.

The app is the real command line (`trustboard FILE --open-room --room-address 127.0.0.1
--room-port 0`, through tests/room/room_app.py, which lets the test click the phases), on
a workshop file of its own. Each run opens the file the previous kill left behind:

1. Write: every phone adds cards (a card every 100 ms, so for more than 2.5 s however fast
   the room answers); the kill lands 1.3-2.3 s in.
2. Score: every phone scores every cell once.
3. Vote: every phone puts a dot on a card and takes it back, card after card.
4. Write again, and every sixth card is in flight when the phone's socket drops: the phone
   reconnects and sends it again with the same idempotency key, as the page does from its
   outbox. After the last "ok" the app is told to save and killed: each card is in the
   file once.

An edit counts as "told saved" when its "ok" reached the phone; the file must hold it when
that was more than a second (the autosave second) before the kill. An edit never has two
copies, acknowledged or not, and a value in the file is always one a phone sent.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.room.app_process import App
from tests.room.phones import Phone
from trustboard.domain.framework import Cell, Framework
from trustboard.domain.workshop import Layer, Perspective, Workshop, new_workshop
from trustboard.store import WorkshopFile

pytestmark = pytest.mark.slow

PHONES = 20
CARDS_PER_PHONE = 25  # under the room's 30 cards a minute per phone
PAUSE_S = 0.05  # between one phone's messages: 20 phones x 20/s, under 20 messages/s each
WRITE_PAUSE_S = 0.1  # between cards: 25 cards outlast the latest kill (2.3 s) at any speed
SCORE_PAUSE_S = 0.15  # 12 cells: still scoring when the kill comes
SAVED_AFTER_S = 1.0  # the autosave second
SEEDS = (20261205, 13)


@dataclass
class Sent:
    """One edit a phone sent: the slot it sets (what), the value, and when its "ok" came."""

    slot: tuple[Any, ...]
    value: Any
    acked: float | None = None
    error: str = ""


@dataclass
class Ledger:
    sent: list[Sent] = field(default_factory=list)
    devices: dict[int, str] = field(default_factory=dict)  # phone number -> device key

    def last_per_slot(self) -> dict[tuple[Any, ...], Sent]:
        last: dict[tuple[Any, ...], Sent] = {}
        for s in self.sent:
            last[s.slot] = s
        return last

    def values_per_slot(self) -> dict[tuple[Any, ...], set[Any]]:
        values: dict[tuple[Any, ...], set[Any]] = {}
        for s in self.sent:
            values.setdefault(s.slot, set()).add(s.value)
        return values

    def saved_before(self, killed: float) -> list[Sent]:
        """The edits whose slot's last message was acknowledged a second before the kill."""
        return [
            s for s in self.last_per_slot().values()
            if s.acked is not None and s.acked < killed - SAVED_AFTER_S
        ]  # fmt: skip


Script = Callable[[int, Phone, Ledger], Awaitable[None]]


async def _phone(app: App, n: int, secret: str, ledger: Ledger, script: Script) -> None:
    phone = Phone(app.url, secret=secret)
    try:
        await phone.connect()
        welcome = await phone.hello()
        assert welcome["type"] == "welcome", welcome
        ledger.devices[n] = phone.device
        await script(n, phone, ledger)
    except Exception:
        if app.proc.poll() is None:
            raise  # the app is alive: a real failure
        # the app was killed under this phone: what it sent stays in the ledger
    finally:
        await phone.close()


async def _send(
    phone: Phone,
    ledger: Ledger,
    slot: tuple[Any, ...],
    value: Any,
    msg: dict[str, Any],
    pause: float = PAUSE_S,
) -> None:
    sent = Sent(slot, value)
    ledger.sent.append(sent)
    reply = await phone.send(msg)
    if reply.get("type") == "ok":
        sent.acked = time.monotonic()
    else:
        sent.error = f"{reply.get('code')}: {reply.get('message')}"
    await asyncio.sleep(pause)


def run_phones(
    app: App, secrets: list[str], script: Script, kill_after: float | None
) -> tuple[Ledger, float]:
    """Every phone runs `script`; the app is killed `kill_after` s after they start (or
    after they finish, when None). The ledger, and when the kill came."""
    ledger = Ledger()

    async def room() -> float:
        tasks = [
            asyncio.create_task(_phone(app, n, secret, ledger, script))
            for n, secret in enumerate(secrets)
        ]
        if kill_after is None:
            await asyncio.gather(*tasks)
            app.say("flush", "flushed")  # every phone is done: nothing left in flight
            killed = app.kill()
        else:
            await asyncio.sleep(kill_after)
            killed = app.kill()
            assert any(not t.done() for t in tasks), "every phone was done before the kill"
            await asyncio.wait(tasks, timeout=30)
        return killed

    killed = asyncio.run(room())
    errors = [s.error for s in ledger.sent if s.error]
    assert not errors, f"the room refused edits it should take: {errors[:5]}"
    return ledger, killed


def cells_of(fw: Framework) -> list[Cell]:
    return list(fw.cells())


def card_text(n: int, i: int) -> str:
    return f"Card {i} from phone {n}"


def write_script(cells: list[Cell]) -> Script:
    async def write(n: int, phone: Phone, ledger: Ledger) -> None:
        for i in range(CARDS_PER_PHONE):
            cell = cells[(n + i) % len(cells)]
            await _send(phone, ledger, ("card", n, i), card_text(n, i), {
                "type": "card.add", "key": f"key-{n:02d}-{i:04d}", "text": card_text(n, i),
                "kind": "evidence", "cell": list(cell),
            }, WRITE_PAUSE_S)  # fmt: skip

    return write


def flaky_script(cells: list[Cell]) -> Script:
    """Every sixth card is on its way when the phone's Wi-Fi drops: the phone reconnects and
    sends it again with the same key, as the page does from its outbox."""

    async def flaky(n: int, phone: Phone, ledger: Ledger) -> None:
        for i in range(CARDS_PER_PHONE):
            text = f"Card {i} from phone {n}, after the restart"
            msg = {"type": "card.add", "key": f"again-{n:02d}-{i:04d}", "text": text,
                   "kind": "evidence", "cell": list(cells[(n + i) % len(cells)])}  # fmt: skip
            if i % 6 == 5:
                await phone.send_raw(json.dumps({**msg, "ref": f"lost-{i}"}))
                welcome = await phone.reconnect()
                assert welcome["type"] == "welcome", welcome
            await _send(phone, ledger, ("card", n, i), text, msg)

    return flaky


def score_script(cells: list[Cell]) -> Script:
    async def score(n: int, phone: Phone, ledger: Ledger) -> None:
        for i, cell in enumerate(cells):
            value = (n + i) % 5 + 1
            await _send(phone, ledger, ("score", n, cell), value,
                        {"type": "score", "cell": list(cell), "score": value}, SCORE_PAUSE_S)  # fmt: skip

    return score


def vote_script(card_ids: list[str]) -> Script:
    async def vote(n: int, phone: Phone, ledger: Ledger) -> None:
        for i in range(len(card_ids)):
            card = card_ids[(n * 7 + i) % len(card_ids)]
            for dots in (1, 0):
                await _send(phone, ledger, ("vote", n, card), dots,
                            {"type": "vote", "card": card, "dots": dots})  # fmt: skip

    return vote


def on_disk(path: Path) -> Workshop:
    with WorkshopFile.open(path, read_only=True) as wf:
        return wf.workshop


def card_counts(ws: Workshop) -> Counter[str]:
    rnd = ws.current_round
    return Counter(c.text for c in [*rnd.cards.values(), *getattr(rnd, "held", {}).values()])


def check_cards(ws: Workshop, ledger: Ledger, killed: float | None) -> int:
    counts = card_counts(ws)
    twice = [text for text, k in counts.items() if k > 1]
    assert not twice, f"cards in the file twice: {twice[:5]}"
    demanded = (
        ledger.saved_before(killed) if killed is not None else ledger.last_per_slot().values()
    )
    missing = [s.value for s in demanded if counts[s.value] != 1]
    assert not missing, (
        f"{len(missing)} cards acknowledged before the kill are missing: {missing[:5]}"
    )
    return len(list(demanded))


def check_scores(ws: Workshop, ledger: Ledger, killed: float) -> int:
    rnd = ws.current_round
    values = ledger.values_per_slot()
    found: dict[tuple[Any, ...], list[int]] = {}
    for rating in rnd.ratings.values():
        if rating.layer != Layer.AS_IS or rating.perspective != Perspective.SELF:
            continue
        for score, by in zip(rating.scores, rating.by, strict=False):
            for n, device in ledger.devices.items():
                if by == device:
                    found.setdefault(("score", n, rating.cell), []).append(score)
    for slot, scores in found.items():
        assert len(scores) == 1, f"{slot} has {len(scores)} scores in the file"
        assert scores[0] in values[slot], f"{slot} has {scores[0]}, which no phone sent"
    demanded = ledger.saved_before(killed)
    missing = [(s.slot, s.value) for s in demanded if found.get(s.slot) != [s.value]]
    assert not missing, f"{len(missing)} acknowledged scores are not in the file: {missing[:5]}"
    return len(demanded)


def check_votes(ws: Workshop, ledger: Ledger, killed: float) -> int:
    cards = ws.current_round.cards
    values = ledger.values_per_slot()
    for slot, sent in values.items():
        _, n, card = slot
        assert cards[card].votes_by(ledger.devices[n]) in sent | {0}, (
            f"{slot}: a value no phone sent"
        )
    demanded = ledger.saved_before(killed)
    missing = [
        (s.slot, s.value) for s in demanded
        if cards[s.slot[2]].votes_by(ledger.devices[s.slot[1]]) != s.value
    ]  # fmt: skip
    assert not missing, f"{len(missing)} acknowledged votes are not in the file: {missing[:5]}"
    return len(demanded)


@pytest.mark.parametrize("seed", SEEDS)  # each seed: other kill points
def test_every_edit_acknowledged_a_second_before_a_kill_is_in_the_file_once(
    tmp_path: Path, rtx: Framework, seed: int
) -> None:
    rng = random.Random(seed)
    path = tmp_path / "room.trustboard"
    WorkshopFile.create(path, new_workshop(rtx, "Room under fire")).close()
    data = tmp_path / "data"
    secrets = [f"secret-{n:02d}-" + os.urandom(12).hex() for n in range(PHONES)]
    cells = cells_of(rtx)
    said: list[str] = []  # printed as it goes (-s)

    app = App(path, data)
    ledger, killed = run_phones(app, secrets, write_script(cells), rng.uniform(1.3, 2.3))
    said.append(f"write: {check_cards(on_disk(path), ledger, killed)} acknowledged cards checked")
    print(said[-1], flush=True)

    app = App(path, data)
    app.say("phase score", "phase score")
    ledger, killed = run_phones(app, secrets, score_script(cells), rng.uniform(1.3, 1.6))
    said.append(f"score: {check_scores(on_disk(path), ledger, killed)} acknowledged scores checked")
    print(said[-1], flush=True)

    card_ids = sorted(on_disk(path).current_round.cards)
    app = App(path, data)
    app.say("phase vote", "phase vote")
    ledger, killed = run_phones(app, secrets, vote_script(card_ids), rng.uniform(1.3, 2.3))
    said.append(f"vote: {check_votes(on_disk(path), ledger, killed)} acknowledged votes checked")
    print(said[-1], flush=True)

    app = App(path, data)
    ledger, _ = run_phones(app, secrets, flaky_script(cells), None)
    resent = check_cards(on_disk(path), ledger, None)
    said.append(f"write with dropped sockets: {resent} cards, each in the file once")
    print(said[-1], flush=True)
    print("\n".join(said))
