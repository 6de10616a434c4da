"""The templates a user can start from: the shipped ones and their own.

A built-in template in English lives in `templates/<id>.toml`; its translations are whole
templates with the same id in `templates/<language>/<id>.toml` that say `language = "de"`.
A template is known by its id and language; the interface language's come first.
"""

from __future__ import annotations

from trustboard import i18n
from trustboard.assets import templates_dir
from trustboard.domain.codec import SOURCE_LANGUAGE
from trustboard.frameworks.templates import (
    Template,
    TemplateError,
    language_folders,
    load_templates,
)
from trustboard.i18n import _, ngettext
from trustboard.paths import UserPaths


def load_catalogue(paths: UserPaths) -> tuple[list[Template], list[TemplateError]]:
    """The interface language's templates first, then English ones, then the others;
    within each language the built-ins (read-only) first, then the user's saved ones."""
    builtin = templates_dir()
    folders = [(builtin, True), *((f, True) for f in language_folders(builtin))]
    templates, errors = load_templates([*folders, (paths.user_templates, False)])
    wanted = i18n.real_language()
    order = {id(t): i for i, t in enumerate(templates)}
    templates.sort(key=lambda t: (_preference(t.language, wanted), not t.builtin, order[id(t)]))
    return templates, errors


def is_interface_language(template: Template) -> bool:
    return same_language(template.language, i18n.real_language())


def _preference(language: str, wanted: str) -> int:
    """0 for the interface language, 1 for English, 2 for any other."""
    if same_language(language, wanted):
        return 0
    return 1 if same_language(language, SOURCE_LANGUAGE) else 2


def same_language(code: str, other: str) -> bool:
    """Whether two codes name the same language: "de" and "de-AT", "pt_BR" and "pt-BR"."""
    a, b = (c.replace("_", "-").lower() for c in (code, other))
    return a == b or a.split("-")[0] == b.split("-")[0]


def find_template(paths: UserPaths, template_id: str, language: str | None = None) -> Template:
    """The template `template_id` in `language` (None: the interface language's), else its
    English version, else one in any language; KeyError names the ids there are."""
    templates, errors = load_catalogue(paths)
    wanted = i18n.real_language() if language is None else language
    same = [t for t in templates if t.id == template_id]
    if same:
        return min(same, key=lambda t: _preference(t.language, wanted))
    known = ", ".join(dict.fromkeys(t.id for t in templates))
    message = _("no template {id} (available: {known})").format(id=repr(template_id), known=known)
    if errors:  # the one wanted may be among them
        n = len(errors)
        message += ngettext(
            "; {n} template file could not be used: {problems}",
            "; {n} template files could not be used: {problems}",
            n,
        ).format(n=n, problems="; ".join(map(str, errors)))
    raise KeyError(message)
