"""Load framework templates (TOML or JSON data files, never code) with errors that name the key."""

from __future__ import annotations

import json
import math
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from trustboard.domain.codec import framework_from_dict, framework_to_dict
from trustboard.domain.errors import PATH_CHARS, PROBLEM_CHARS, ValidationError, brief
from trustboard.domain.framework import Framework
from trustboard.domain.limits import (
    CARD_KINDS,
    DOMAINS,
    ELEMENTS,
    KPI_MAGNITUDE,
    NESTING_DEPTH,
    QUESTIONS_TOTAL,
    SCALE_STEPS,
    TEMPLATE_FILE_BYTES,
)
from trustboard.fsutil import FileTooBigError, NotRegularFileError, read_regular
from trustboard.i18n import _, format_number

TEMPLATE_SUFFIXES = (".toml", ".json")


@dataclass(frozen=True)
class Template:
    framework: Framework
    path: Path
    builtin: bool

    @property
    def id(self) -> str:
        return self.framework.id

    @property
    def language(self) -> str:
        """The language its texts are written in ("en", "de"); (id, language) names it."""
        return self.framework.language


class TemplateError(Exception):
    """A template that cannot be used: which file, which key, what is wrong."""

    def __init__(self, path: Path, key: str, problem: str) -> None:
        key, problem = brief(key, PATH_CHARS), brief(problem, PROBLEM_CHARS)
        where = f"{path.name}: {key}: " if key else f"{path.name}: "
        super().__init__(f"{where}{problem}")
        self.path = path
        self.key = key
        self.problem = problem


def load_template(path: Path, *, builtin: bool = False) -> Template:
    """Read and validate one template file; raises TemplateError, never anything else."""
    raw = _read_small_file(path)
    try:
        text = raw.decode("utf-8-sig")  # editors on Windows start UTF-8 with a byte-order mark
    except UnicodeDecodeError as exc:
        raise TemplateError(
            path, "", _("is not UTF-8 text (byte {position})").format(position=exc.start)
        ) from None
    data = _parse(path, text)
    _check_shape(path, data)
    try:
        framework = framework_from_dict(data)
    except ValidationError as exc:
        raise TemplateError(path, exc.path, exc.problem) from None
    except (ValueError, TypeError, OverflowError, RecursionError, MemoryError) as exc:
        # The checks above should leave nothing for here; a template is never worth a crash.
        raise TemplateError(
            path, "", _("cannot be used ({error})").format(error=type(exc).__name__)
        ) from None
    return Template(framework, path, builtin)


def _read_small_file(path: Path) -> bytes:
    """The bytes of a regular file of at most TEMPLATE_FILE_BYTES, or TemplateError."""
    try:
        return read_regular(path, TEMPLATE_FILE_BYTES)[0]
    except NotRegularFileError:
        raise TemplateError(
            path, "", _("is not a regular file (a device, pipe or folder)")
        ) from None
    except FileTooBigError as exc:
        raise TemplateError(path, "", _too_big(exc.size)) from None
    except OSError as exc:
        raise TemplateError(
            path, "", _("cannot be read ({error})").format(error=exc.strerror or exc)
        ) from None


def _too_big(size: int) -> str:
    limit = TEMPLATE_FILE_BYTES // 1024
    return _("is too big for a template ({size} bytes; at most {most} KB)").format(
        size=format_number(size, 0), most=format_number(limit, 0)
    )


def _parse(path: Path, text: str) -> object:
    kind = path.suffix[1:].upper()
    too_deep = _("nests lists or tables more than {most} deep").format(most=NESTING_DEPTH)
    if path.suffix == ".json" and _json_depth(text) > NESTING_DEPTH:
        raise TemplateError(path, "", too_deep)
    if path.suffix == ".toml" and _toml_key_too_long(text):
        # TOML's reader takes time in the square of a dotted key's length.
        raise TemplateError(
            path, "", _("has a key of more than {most} dotted parts").format(most=NESTING_DEPTH)
        )
    try:
        if path.suffix == ".json":
            data = json.loads(text, object_pairs_hook=_refuse_duplicate_keys)
        else:
            data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise TemplateError(
            path, "", _("is not valid {format}: {error}").format(format=kind, error=exc)
        ) from None
    except _DuplicateKeyError as exc:
        raise TemplateError(
            path, "", _("is not valid JSON: the key {key} appears twice").format(key=repr(exc.key))
        ) from None
    except RecursionError:  # TOML's reader recurses into inline arrays and tables
        raise TemplateError(path, "", too_deep) from None
    except ValueError as exc:  # Python reads no integer of more than 4,300 digits
        why = _("it holds a number of thousands of digits") if "digits" in str(exc) else str(exc)
        raise TemplateError(
            path, "", _("is not valid {format}: {error}").format(format=kind, error=why)
        ) from None
    _check_values(path, data)
    return data


class _DuplicateKeyError(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _refuse_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object whose keys are all different: a repeated key would hide the first one."""
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return data


# A whole string, a bracket, or a quote that opens a string never closed.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]|"', re.DOTALL)


# A run of dotted key parts (bare or quoted); matched whole, so the scan stays linear.
_KEY_PART = r"(?:[A-Za-z0-9_-]+|\"[^\"\n]*\"|'[^'\n]*')"
_TOML_DOTTED = re.compile(rf"(?<![A-Za-z0-9_-]){_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})+")


def _toml_key_too_long(text: str) -> bool:
    """Whether some dotted key (or dotted text) has more than NESTING_DEPTH parts."""
    return any(m.group().count(".") >= NESTING_DEPTH for m in _TOML_DOTTED.finditer(text))


def _json_depth(text: str) -> int:
    """How deep the JSON text nests, found in one linear pass without parsing it.

    Stops as soon as it is over NESTING_DEPTH, or at a string that never ends (the
    parser then says what is wrong, with nothing deeper left to recurse into).
    """
    depth = deepest = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > NESTING_DEPTH:
                    break
        elif token in "]}":
            depth -= 1
        elif token == '"':
            break
    return deepest


# The longest list a template can need: one entry per cell, or every question.
LIST_ENTRIES = max(ELEMENTS * DOMAINS, QUESTIONS_TOTAL)

_Trail = tuple[object, object] | None  # (parent trail, key or index): a key path, built lazily


def _check_values(path: Path, data: object) -> None:
    """Refuse nesting deeper than NESTING_DEPTH and numbers no workshop can hold.

    Without recursion, so that any depth the parser allowed is walked safely.
    """
    stack: list[tuple[object, int, _Trail]] = [(data, 0, None)]
    while stack:
        value, depth, trail = stack.pop()
        if isinstance(value, bool | str):
            continue
        if isinstance(value, int | float):
            finite = isinstance(value, int) or math.isfinite(value)  # no float(10**400)
            if not (finite and abs(value) <= KPI_MAGNITUDE):
                raise TemplateError(path, _key_path(trail), _bad_number(value))
            continue
        children: Iterable[tuple[object, object]]
        if isinstance(value, dict):
            children = value.items()
        elif isinstance(value, list):
            if len(value) > LIST_ENTRIES:  # e.g. 200,000 questions would take seconds to build
                raise TemplateError(
                    path,
                    _key_path(trail),
                    _("has {n} entries; a list in a template has at most {most}").format(
                        n=format_number(len(value), 0), most=format_number(LIST_ENTRIES, 0)
                    ),
                )
            children = enumerate(value)
        else:
            continue
        if depth >= NESTING_DEPTH:
            raise TemplateError(
                path,
                "",
                _("nests lists or tables more than {most} deep").format(most=NESTING_DEPTH),
            )
        stack.extend((child, depth + 1, (trail, key)) for key, child in children)


def _bad_number(value: float) -> str:
    if isinstance(value, int):
        return _("the number of {n} digits is too large (at most ±{most})").format(
            n=format_number(len(str(abs(value))), 0), most=format_number(KPI_MAGNITUDE, 0)
        )
    return _("{value} is not a number a template can hold (at most ±{most})").format(
        value=repr(value), most=format_number(KPI_MAGNITUDE, 0)
    )


def _key_path(trail: _Trail) -> str:
    parts: list[str] = []
    while trail is not None:
        trail, key = trail  # type: ignore[assignment]
        parts.append(f"[{key}]" if isinstance(key, int) else f".{key}")
    return "".join(reversed(parts)).lstrip(".")


# Lists whose length is bounded by the limits, checked before anything is built from them.
_COUNTED = {
    "elements": ELEMENTS,
    "domains": DOMAINS,
    "cells": ELEMENTS * DOMAINS,
    "scale": SCALE_STEPS,
    "card_kinds": CARD_KINDS,
}


def _check_shape(path: Path, data: object) -> None:
    """Refuse a grid far beyond the limits before building it (a million elements is slow)."""
    if not isinstance(data, dict):
        return  # framework_from_dict says what is wrong
    for key, limit in _COUNTED.items():
        items = data.get(key)
        if isinstance(items, list) and len(items) > limit:
            raise TemplateError(
                path,
                key,
                _("has {n} entries; a template may have at most {most}").format(
                    n=format_number(len(items), 0), most=limit
                ),
            )


def load_templates(
    folders: Iterable[tuple[Path, bool]],
) -> tuple[list[Template], list[TemplateError]]:
    """Every template in the folders (folder, is-builtin); a broken one never stops the rest.

    A template is known by its id and language: the German `trust-stool` is another
    template than the English one. A user template whose id and language repeat a
    built-in one's is reported, not loaded: built-ins win.
    """
    templates: list[Template] = []
    errors: list[TemplateError] = []
    seen: dict[tuple[str, str], Path] = {}
    for folder, builtin in folders:
        try:
            if not folder.is_dir():
                continue
            paths = sorted(folder.iterdir())
        except OSError as exc:  # the other folder's templates are still worth listing
            errors.append(
                TemplateError(
                    folder, "", _("cannot be read ({error})").format(error=exc.strerror or exc)
                )
            )
            continue
        for path in paths:
            if path.suffix not in TEMPLATE_SUFFIXES or path.name.startswith("."):
                continue
            try:
                template = load_template(path, builtin=builtin)
            except TemplateError as exc:
                errors.append(exc)
                continue
            except Exception as exc:  # one template is never worth the others
                errors.append(
                    TemplateError(
                        path, "", _("cannot be used ({error})").format(error=type(exc).__name__)
                    )
                )
                continue
            if _is_language_folder(folder) and template.language != folder.name:
                errors.append(
                    TemplateError(
                        path,
                        "language",
                        _("{language} does not match its folder {folder}").format(
                            language=repr(template.language), folder=repr(folder.name)
                        ),
                    )
                )
                continue
            known = (template.id, template.language)
            if known in seen:
                errors.append(
                    TemplateError(
                        path,
                        "id",
                        _("{id} is already used by {name}").format(
                            id=repr(template.id), name=_named(seen[known])
                        ),
                    )
                )
                continue
            seen[known] = path
            templates.append(template)
    return templates, errors


def _named(path: Path) -> str:
    """A template file as a message names it: "de/trust-stool.toml" for a translation."""
    return f"{path.parent.name}/{path.name}" if _is_language_folder(path.parent) else path.name


def _is_language_folder(folder: Path) -> bool:
    return bool(LANGUAGE_FOLDER.fullmatch(folder.name))


# A folder of translated templates is named by its language: templates/de, templates/pt-BR.
LANGUAGE_FOLDER = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def language_folders(folder: Path) -> list[Path]:
    """The folders of translated templates inside `folder` (de, fr, ...), sorted by name."""
    try:
        return sorted(
            p for p in folder.iterdir() if p.is_dir() and LANGUAGE_FOLDER.fullmatch(p.name)
        )
    except OSError:
        return []


def save_user_template(framework: Framework, folder: Path, taken: set[str]) -> Path:
    """Write a workshop's framework as a new user template (JSON); ids of built-ins are taken."""
    folder.mkdir(parents=True, exist_ok=True)
    if framework.id in taken:
        raise ValidationError(
            "id", _("{id} is already a template; choose another id").format(id=repr(framework.id))
        )
    path = folder / f"{framework.id}.json"
    data = framework_to_dict(framework)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)
    return path
