"""The six shipped templates load, have the documented grids, and speak in our own words."""

from __future__ import annotations

import hashlib
import re
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from trustboard.assets import templates_dir
from trustboard.domain.framework import Axis, Framework
from trustboard.frameworks.templates import TemplateError, load_template, load_templates

# template id -> words its `source` must contain: the article it takes its structure from
SHIPPED = {
    "rtx-trust-framework": "Relationship transformation",
    "rtx-internal-relationships": "Relationship transformation",
    "trust-strategy": "trust strategy",
    "rebuilding-trust": "Rebuilding Trust",
    "ten-steps": "10 Steps to Building Trust",
    "trust-stool": "sincerity, competency and reliability",
}
CARD_KINDS = {"evidence", "customer-voice", "practice", "idea", "risk"}
HEADER = "# TrustBoard framework template: data only, never executed."
# CI clones put shared/ beside the repo: <repo>/../shared/seeds.
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
COPY_WINDOW = 8  # words in a row that may not be lifted from a seed
# The seeds' runs of COPY_WINDOW words, hashed, so the check runs wherever the repo is.
SEED_RUNS = Path(__file__).resolve().parents[1] / "corpus" / "seed_runs.txt"


@pytest.fixture(scope="module")
def frameworks() -> dict[str, Framework]:
    templates, errors = load_templates([(templates_dir(), True)])
    assert errors == []
    return {t.id: t.framework for t in templates}


def every_cell(fw: Framework) -> Iterator[tuple[str, str]]:
    """All elements × all domains, switched-off optional columns included."""
    for e in fw.elements:
        for d in fw.domains:
            yield (e.id, d.id)


def names(axes: tuple[Axis, ...]) -> list[str]:
    return [a.name for a in axes]


# -- loading -----------------------------------------------------------------------------


def test_every_shipped_template_loads_without_errors() -> None:
    templates, errors = load_templates([(templates_dir(), True)])
    assert [str(e) for e in errors] == []
    assert sorted(t.id for t in templates) == sorted(SHIPPED)
    assert all(t.builtin for t in templates)
    for t in templates:
        assert t.path.name == f"{t.id}.toml"


@pytest.mark.parametrize("template_id", sorted(SHIPPED))
def test_file_is_marked_as_data_and_says_where_it_comes_from(template_id: str) -> None:
    path = templates_dir() / f"{template_id}.toml"
    assert path.read_text(encoding="utf-8").splitlines()[0] == HEADER
    fw = load_template(path).framework
    assert fw.name.strip()
    assert len(fw.description) > 200
    assert SHIPPED[template_id] in fw.source
    assert [s.value for s in fw.scale.steps] == [1, 2, 3, 4, 5]
    for axis in (*fw.elements, *fw.domains):
        assert axis.definition.strip(), axis.id


# -- grids -------------------------------------------------------------------------------


def test_rtx_is_four_elements_by_three_domains_plus_optional_offer_brand(
    frameworks: dict[str, Framework],
) -> None:
    fw = frameworks["rtx-trust-framework"]
    assert names(fw.elements) == ["Competence", "Reliability", "Integrity", "Empathy"]
    assert [e.group for e in fw.elements] == ["ability", "ability", "character", "character"]
    assert names(fw.active_domains) == ["Individuals", "Organizations", "Technology"]
    assert [d.group for d in fw.active_domains] == ["human", "human", "technology"]
    offer = fw.domain("offer-brand")
    assert offer.name == "Offer / Brand"
    assert offer.optional and not offer.enabled
    assert len(fw.domains) == 4
    assert not fw.weakest_decides
    assert len(list(fw.cells())) == 12


def test_rtx_every_cell_carries_the_four_prompts(frameworks: dict[str, Framework]) -> None:
    fw = frameworks["rtx-trust-framework"]
    prompts = (
        "how well do we think",
        "how well do customers say",
        "what do we already do",
        "what more could we do",
    )
    for cell in every_cell(fw):
        texts = [q.text.casefold() for q in fw.questions_for(cell)]
        for prompt in prompts:
            assert sum(t.startswith(prompt) for t in texts) == 1, (cell, prompt)


def test_rtx_technology_is_about_data_and_personalisation(
    frameworks: dict[str, Framework],
) -> None:
    definition = frameworks["rtx-trust-framework"].domain("technology").definition.casefold()
    for word in ("data", "ethical", "personalis"):
        assert word in definition


def test_rtx_competence_of_individuals_carries_the_article_examples(
    frameworks: dict[str, Framework],
) -> None:
    fw = frameworks["rtx-trust-framework"]
    text = " ".join(q.text for q in fw.cell_questions[("competence", "individuals")]).casefold()
    for topic in ("profile", "review", "qualification", "award", "training", "mentor"):
        assert topic in text, topic


def test_internal_variant_sets_the_elements_against_departments(
    frameworks: dict[str, Framework],
) -> None:
    fw = frameworks["rtx-internal-relationships"]
    assert names(fw.elements) == ["Competence", "Reliability", "Integrity", "Empathy"]
    assert names(fw.active_domains) == ["Sales", "Service", "Marketing", "IT", "People"]
    assert {d.group for d in fw.domains} == {"department"}
    for d in fw.domains:
        assert "rename" in d.definition.casefold(), d.id
    text = " ".join(q.text for q in fw.all_questions()).casefold()
    for topic in ("silo", "hand-off", "shared"):
        assert topic in text, topic


def test_stool_is_three_by_three_and_the_weakest_leg_decides(
    frameworks: dict[str, Framework],
) -> None:
    fw = frameworks["trust-stool"]
    assert names(fw.elements) == ["Sincerity", "Competency", "Reliability"]
    assert names(fw.active_domains) == [
        "People & talent management",
        "Social business",
        "Customer trust",
    ]
    assert fw.weakest_decides
    assert (fw.element_label, fw.domain_label) == ("Driver", "Use case")
    assert "stool" in fw.description.casefold()
    customer = [q.text for q in fw.questions_for(("sincerity", "customer-trust"))]
    assert any("Do you trust us?" in t for t in customer)


def test_ten_steps_is_ten_rows_against_one_renameable_relationship(
    frameworks: dict[str, Framework],
) -> None:
    fw = frameworks["ten-steps"]
    assert len(fw.elements) == 10
    assert [d.id for d in fw.domains] == ["relationship"]
    assert "rename" in fw.domain("relationship").definition.casefold()
    pillars = {"authenticity", "integrity", "honesty"}
    assert {e.group for e in fw.elements} == pillars
    assert pillars <= set(fw.tags)


def test_trust_strategy_grid(frameworks: dict[str, Framework]) -> None:
    fw = frameworks["trust-strategy"]
    assert [e.id for e in fw.elements] == [
        "granularity",
        "relevance",
        "consistency",
        "experience",
        "transparency",
    ]
    assert [d.id for d in fw.active_domains] == [
        "social-media",
        "omnichannel",
        "inbound",
        "customer-service",
    ]
    assert "customer service" in fw.description.casefold()


def test_rebuilding_trust_grid(frameworks: dict[str, Framework]) -> None:
    fw = frameworks["rebuilding-trust"]
    assert names(fw.elements) == [
        "Deep customer connections",
        "Cross-functional buy-in",
        "Patience",
        "Act more human",
        "Critical thinking about data",
    ]
    assert names(fw.active_domains) == ["Customers", "Colleagues", "Leaders"]


# -- questions ---------------------------------------------------------------------------


@pytest.mark.parametrize("template_id", sorted(SHIPPED))
def test_cells_cover_active_domains_and_every_cell_has_three_questions(
    frameworks: dict[str, Framework], template_id: str
) -> None:
    fw = frameworks[template_id]
    active = {(e.id, d.id) for e in fw.elements for d in fw.active_domains}
    assert set(fw.cells()) == active
    for cell in every_cell(fw):
        assert len(fw.questions_for(cell)) >= 3, cell
    for (e, d), questions in fw.cell_questions.items():
        assert questions, (e, d)
        fw.element(e)
        fw.domain(d)


@pytest.mark.parametrize("template_id", sorted(SHIPPED))
def test_no_question_repeats_within_a_template(
    frameworks: dict[str, Framework], template_id: str
) -> None:
    questions = list(frameworks[template_id].all_questions())
    texts = [q.text.strip().casefold() for q in questions]
    ids = [q.id for q in questions]
    assert len(set(texts)) == len(texts), {t for t in texts if texts.count(t) > 1}
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("template_id", sorted(SHIPPED))
def test_questions_fit_on_a_projector(frameworks: dict[str, Framework], template_id: str) -> None:
    for q in frameworks[template_id].all_questions():
        assert len(q.text) < 120, q.text
        assert q.text.rstrip().endswith("?"), q.text


@pytest.mark.parametrize("template_id", sorted(SHIPPED))
def test_card_kinds_are_the_five_sticky_notes(
    frameworks: dict[str, Framework], template_id: str
) -> None:
    kinds = frameworks[template_id].card_kinds
    assert {k.id for k in kinds} >= CARD_KINDS
    for k in kinds:
        r, g, b = (int(k.colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        # light enough for black text
        assert 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.7, k


# -- broken templates --------------------------------------------------------------------

RTX_TEXT = 'name = "Trust framework (RTx)"\n'


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("weakest_decides = false", 'weakest_decides = "yes"', "weakest_decides"),
        (RTX_TEXT, RTX_TEXT + 'colour_scheme = "dark"\n', "colour_scheme"),
        ('id = "reliability"', 'id = "competence"', "elements[1].id"),
        (RTX_TEXT, "", "name"),
        ('definition = "Our people', 'defintion = "Our people', "elements[0].defintion"),
        (
            '{ value = 3, label = "Adequate" }',
            '{ value = "3", label = "Adequate" }',
            "scale[2].value",
        ),
    ],
    ids=["wrong-type", "unknown-key", "duplicate-element-id", "missing-name", "typo", "scale"],
)
def test_a_mistake_names_the_file_and_the_key(tmp_path: Path, old: str, new: str, key: str) -> None:
    text = (templates_dir() / "rtx-trust-framework.toml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    broken = tmp_path / "my-broken-grid.toml"
    broken.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_template(broken)
    assert info.value.key == key
    assert "my-broken-grid.toml" in str(info.value)
    assert key in str(info.value)


def test_a_broken_template_does_not_stop_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(templates_dir(), folder)
    (folder / "aaa-broken.toml").write_text(
        (folder / "trust-stool.toml")
        .read_text(encoding="utf-8")
        .replace('id = "trust-stool"', 'id = "broken-stool"')
        .replace("weakest_decides = true", "weakest_decides = 1"),
        encoding="utf-8",
    )
    templates, errors = load_templates([(folder, True)])
    assert sorted(t.id for t in templates) == sorted(SHIPPED)
    assert len(errors) == 1
    assert errors[0].path.name == "aaa-broken.toml"
    assert errors[0].key == "weakest_decides"


# -- own words ---------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.casefold().replace("’", "'"))


def _strings(data: object) -> Iterator[str]:
    """Every text in a template except `source`, which cites the article's title on purpose."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key != "source":
                yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
    elif isinstance(data, str):
        yield data


def _runs(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _fingerprint(run: tuple[str, ...]) -> str:
    return hashlib.blake2b(" ".join(run).encode(), digest_size=6).hexdigest()


def _seed_fingerprints() -> set[str]:
    """Every run of COPY_WINDOW words in the seed articles, hashed: no text of theirs."""
    runs: set[tuple[str, ...]] = set()
    for seed in sorted(SEEDS.glob("*.txt")):
        runs |= _runs(_words(seed.read_text(encoding="utf-8")), COPY_WINDOW)
    return {_fingerprint(run) for run in runs}


def _stored_fingerprints() -> set[str]:
    lines = SEED_RUNS.read_text(encoding="ascii").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def test_no_template_copies_a_run_of_words_from_the_seed_articles() -> None:
    stored = _stored_fingerprints()
    assert len(stored) > 1000
    if SEEDS.is_dir():  # beside the articles themselves: the stored hashes must be theirs
        assert stored == _seed_fingerprints(), f"refresh {SEED_RUNS.name}: see its header"
    copied = []
    for path in sorted(templates_dir().glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for text in _strings(data):
            for run in _runs(_words(text), COPY_WINDOW):
                if _fingerprint(run) in stored:
                    copied.append(f"{path.name}: {' '.join(run)}")
    assert copied == []


def test_the_copy_check_finds_a_copied_run() -> None:
    stored = _stored_fingerprints()
    ours = _words("Rate how trustworthy the organisation is, one element at a time")
    assert not any(_fingerprint(run) in stored for run in _runs(ours, COPY_WINDOW))
    if SEEDS.is_dir():
        seed = sorted(SEEDS.glob("*.txt"))[0]
        lifted = _words(seed.read_text(encoding="utf-8"))[40 : 40 + COPY_WINDOW]
        assert _fingerprint(tuple(lifted)) in stored


if __name__ == "__main__":  # python tests/frameworks/test_shipped_templates.py: refresh
    header = (
        f"# blake2b-48 of every run of {COPY_WINDOW} words in shared/seeds/*.txt (no text).\n"
        "# Refresh beside shared/: python tests/frameworks/test_shipped_templates.py\n"
    )
    SEED_RUNS.write_text(header + "\n".join(sorted(_seed_fingerprints())) + "\n", "ascii")
