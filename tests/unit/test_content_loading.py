"""Broken content is found completely, and each problem names its file and field."""
import io
import shutil
from pathlib import Path

import pytest

from logic.content import CONTENT_DIR, ContentError, check, load_content


@pytest.fixture()
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def problems_in(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return [str(p) for p in caught.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_shipped_content_loads():
    content = load_content()
    assert content.step("about").title


def test_an_unknown_key_is_named_with_its_file_and_field(content_copy):
    edit(content_copy / "steps/about.toml", 'hint = "For example people', 'hnit = "For example people')
    problems = problems_in(content_copy)
    assert any("steps/about.toml" in p and "fields.0.hnit" in p and "unknown key" in p for p in problems)


def test_a_missing_field_is_named(content_copy):
    edit(content_copy / "steps/about.toml", 'title = "About you"\n', "")
    problems = problems_in(content_copy)
    assert any("steps/about.toml: title: required but missing" in p for p in problems)


def test_a_wrong_type_is_named(content_copy):
    edit(content_copy / "steps/about.toml", "required = true", 'required = "very"')
    problems = problems_in(content_copy)
    assert any("steps/about.toml" in p and "fields.0.required" in p for p in problems)


def test_a_duplicate_id_is_named(content_copy):
    edit(content_copy / "steps/about.toml", 'id = "good_day"', 'id = "important_to_me"')
    problems = problems_in(content_copy)
    assert any("steps/about.toml" in p and "duplicate id 'important_to_me'" in p for p in problems)


def test_every_problem_is_listed_not_just_the_first(content_copy):
    edit(content_copy / "steps/about.toml", 'hint = "For example people', 'hnit = "For example people')
    edit(content_copy / "service.toml", 'continue = "Continue"\n', "")
    edit(content_copy / "need_areas.toml", 'id = "toilet_needs"', 'id = "nutrition"')
    problems = problems_in(content_copy)
    assert any("steps/about.toml" in p for p in problems)
    assert any("service.toml: text.continue" in p for p in problems)
    assert any("need_areas.toml" in p and "duplicate id 'nutrition'" in p for p in problems)


def test_a_field_the_plan_cannot_hold_is_refused(content_copy):
    edit(content_copy / "steps/about.toml", 'id = "good_day"', 'id = "favourite_colour"')
    problems = problems_in(content_copy)
    assert any("'favourite_colour' is not an answer the plan can hold" in p for p in problems)


def test_an_unknown_placeholder_is_refused(content_copy):
    edit(content_copy / "steps/about.toml", "What matters to {name}?", "What matters to {nmae}?")
    problems = problems_in(content_copy)
    assert any("unknown placeholder {nmae}" in p for p in problems)


def test_a_file_that_is_not_toml_is_reported_not_raised(content_copy):
    (content_copy / "steps/safety.toml").write_text("id = [unclosed", encoding="utf-8")
    problems = problems_in(content_copy)
    assert any("steps/safety.toml: (file): not valid TOML" in p for p in problems)


def test_a_missing_file_is_reported(content_copy):
    (content_copy / "steps/network.toml").unlink()
    problems = problems_in(content_copy)
    assert any("steps/network.toml: (file): file is missing" in p for p in problems)


def test_the_check_command_exits_1_and_prints_the_problems(content_copy):
    edit(content_copy / "steps/about.toml", 'hint = "For example people', 'hnit = "For example people')
    out = io.StringIO()
    assert check(content_copy, out) == 1
    assert "steps/about.toml: fields.0.hnit: unknown key" in out.getvalue()


def test_the_check_command_exits_0_on_good_content():
    out = io.StringIO()
    assert check(CONTENT_DIR, out) == 0
    assert "valid" in out.getvalue()
