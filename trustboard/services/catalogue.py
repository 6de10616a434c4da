"""The templates a user can start from: the shipped ones and their own."""

from __future__ import annotations

from trustboard.assets import templates_dir
from trustboard.frameworks.templates import Template, TemplateError, load_templates
from trustboard.i18n import _, ngettext
from trustboard.paths import UserPaths


def load_catalogue(paths: UserPaths) -> tuple[list[Template], list[TemplateError]]:
    """Built-ins first (read-only), then the user's saved templates."""
    return load_templates([(templates_dir(), True), (paths.user_templates, False)])


def find_template(paths: UserPaths, template_id: str) -> Template:
    templates, errors = load_catalogue(paths)
    for t in templates:
        if t.id == template_id:
            return t
    known = ", ".join(t.id for t in templates)
    skipped = ""
    if errors:  # the one wanted may be among them
        n = len(errors)
        skipped = ngettext(
            "; {n} template file could not be used: {errors}",
            "; {n} template files could not be used: {errors}",
            n,
        ).format(n=n, errors="; ".join(map(str, errors)))
    raise KeyError(
        _("no template {id} (available: {known}){skipped}").format(
            id=repr(template_id), known=known, skipped=skipped
        )
    )
