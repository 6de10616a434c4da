"""`trustboard FILE --open-room [--room-address ADDR] [--room-port PORT]`: the flags."""

from __future__ import annotations

import pytest

from trustboard import cli


@pytest.mark.parametrize(
    "args",
    [
        ["--room-port", "8080", "board.trustboard"],
        ["--room-address", "127.0.0.1", "board.trustboard"],
        ["--open-room"],
        ["--open-room", "--room-port", "70000", "board.trustboard"],
        ["--open-room", "--room-port", "eighty", "board.trustboard"],
    ],
)
def test_room_flags_that_cannot_work_are_refused_before_any_window(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import trustboard.ui.app

    monkeypatch.setattr(trustboard.ui.app, "run_app", pytest.fail)  # no window at all
    with pytest.raises(SystemExit) as stop:
        cli.main(args)
    assert stop.value.code == cli.EXIT_USAGE
    assert "trustboard: error:" in capsys.readouterr().err


def test_open_room_hands_address_and_port_to_the_window(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    import trustboard.ui.app

    seen: dict[str, object] = {}
    monkeypatch.setattr(trustboard.ui.app, "run_app", lambda paths, **kw: seen.update(kw) or 0)
    assert cli.main(["--open-room", "--room-address", "127.0.0.1", "--room-port", "0", "f.tb"]) == 0
    assert seen["room"] == ("127.0.0.1", 0)
    assert cli.main(["f.tb"]) == 0
    assert seen["room"] is None
