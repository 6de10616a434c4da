"""Load framework templates (TOML or JSON data files, never code) with errors that name the key."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from trustboard.domain.codec import framework_from_dict, framework_to_dict
from trustboard.domain.errors import ValidationError
from trustboard.domain.framework import Framework

TEMPLATE_SUFFIXES = (".toml", ".json")


@dataclass(frozen=True)
class Template:
    framework: Framework
    path: Path
    builtin: bool

    @property
    def id(self) -> str:
        return self.framework.id


class TemplateError(Exception):
    """A template that cannot be used: which file, which key, what is wrong."""

    def __init__(self, path: Path, key: str, problem: str) -> None:
        where = f"{path.name}: {key}: " if key else f"{path.name}: "
        super().__init__(f"{where}{problem}")
        self.path = path
        self.key = key
        self.problem = problem


def load_template(path: Path, *, builtin: bool = False) -> Template:
    """Read and validate one template file; raises TemplateError."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TemplateError(path, "", f"cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateError(path, "", f"is not UTF-8 text (byte {exc.start})") from None
    try:
        data = json.loads(text) if path.suffix == ".json" else tomllib.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise TemplateError(path, "", f"is not valid {path.suffix[1:].upper()}: {exc}") from None
    try:
        framework = framework_from_dict(data)
    except ValidationError as exc:
        raise TemplateError(path, exc.path, exc.problem) from None
    return Template(framework, path, builtin)


def load_templates(
    folders: Iterable[tuple[Path, bool]],
) -> tuple[list[Template], list[TemplateError]]:
    """Every template in the folders (folder, is-builtin); a broken one never stops the rest.

    A user template whose id repeats a built-in one is reported, not loaded: built-ins win.
    """
    templates: list[Template] = []
    errors: list[TemplateError] = []
    seen: dict[str, Path] = {}
    for folder, builtin in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix not in TEMPLATE_SUFFIXES or path.name.startswith("."):
                continue
            try:
                template = load_template(path, builtin=builtin)
            except TemplateError as exc:
                errors.append(exc)
                continue
            if template.id in seen:
                errors.append(
                    TemplateError(
                        path, "id", f"{template.id!r} is already used by {seen[template.id].name}"
                    )
                )
                continue
            seen[template.id] = path
            templates.append(template)
    return templates, errors


def save_user_template(framework: Framework, folder: Path, taken: set[str]) -> Path:
    """Write a workshop's framework as a new user template (JSON); ids of built-ins are taken."""
    folder.mkdir(parents=True, exist_ok=True)
    if framework.id in taken:
        raise ValidationError("id", f"{framework.id!r} is already a template; choose another id")
    path = folder / f"{framework.id}.json"
    data = framework_to_dict(framework)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)
    return path
