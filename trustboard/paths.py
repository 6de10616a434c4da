"""Where TrustBoard keeps the user's things; one override (`--data-dir`) moves them all."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trustboard import APP_NAME


@dataclass(frozen=True)
class UserPaths:
    """Every per-user location, derived from one root so tests and `--data-dir` move all."""

    data: Path
    config: Path

    @classmethod
    def default(cls) -> UserPaths:
        import platformdirs  # only where no --data-dir was given

        return cls(
            data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        )

    @classmethod
    def under(cls, root: Path) -> UserPaths:
        root = root.expanduser().resolve()
        return cls(data=root, config=root / "config")

    @property
    def user_templates(self) -> Path:
        return self.data / "templates"

    @property
    def demo_file(self) -> Path:
        return self.data / "demo" / "Northwind Outfitters – trust workshop.trustboard"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"
