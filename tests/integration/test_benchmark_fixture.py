"""The plan the benchmark's browser sessions load is accepted by every step of the journey."""
from benchmarks.fixture import FULL_ITEMS, _step_problems, load_full_plan, load_walk_plan
from logic.content import load_content
from logic.savefile import read_save_file


def test_the_full_plan_has_forty_spending_items_and_text_in_more_than_one_script():
    plan, _ = load_full_plan(load_content())
    assert len(plan.spending.items) >= FULL_ITEMS
    text = plan.model_dump_json()
    assert any("\u0600" <= ch <= "\u06ff" for ch in text)  # Arabic script (Urdu)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text) or any("\u0980" <= ch <= "\u09ff" for ch in text)


def test_the_walk_plan_passes_every_steps_checks_and_loads_as_a_save_file():
    content = load_content()
    plan, source = load_walk_plan(content)
    assert _step_problems(content, plan) == [], source
    assert read_save_file(plan.to_json().encode("utf-8")).spending.items
