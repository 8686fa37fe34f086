"""The draft plan PDF download: built on the click, from the plan as it was shown, once."""
import datetime as dt
import logging

import pytest

import logic.draft as draft_module
from logic.content import load_content
from logic.draft import DraftPlanFile, DraftPlanUnavailable
from logic.plan import Plan
from tests.fixtures.plans import full_plan

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def content():
    return load_content()


def counting_renderer(monkeypatch) -> list[Plan]:
    built: list[Plan] = []

    def render(content, plan, **_):
        built.append(plan)
        return b"%PDF-" + plan.who.person_name.encode()

    monkeypatch.setattr(draft_module, "render_plan_pdf", render)
    return built


def test_making_the_download_callable_builds_nothing(content, monkeypatch):
    built = counting_renderer(monkeypatch)
    DraftPlanFile().for_plan(content, full_plan(), TODAY)
    assert built == []


def test_a_second_click_on_an_unchanged_plan_reuses_the_first_pdf(content, monkeypatch):
    built = counting_renderer(monkeypatch)
    draft, plan = DraftPlanFile(), full_plan()
    first = draft.for_plan(content, plan, TODAY)()
    second = draft.for_plan(content, plan, TODAY)()
    assert second is first
    assert len(built) == 1 and draft.builds == 1


def test_a_changed_answer_or_a_new_day_builds_a_new_pdf(content, monkeypatch):
    built = counting_renderer(monkeypatch)
    draft, plan = DraftPlanFile(), full_plan()
    draft.for_plan(content, plan, TODAY)()
    plan.who.person_name = "Someone else"
    assert not draft.is_current(plan, TODAY)
    assert draft.for_plan(content, plan, TODAY)() == b"%PDF-Someone else"
    draft.for_plan(content, plan, TODAY + dt.timedelta(days=1))()
    assert len(built) == 3


def test_the_pdf_is_of_the_plan_as_shown_not_as_changed_after(content, monkeypatch):
    counting_renderer(monkeypatch)
    draft, plan = DraftPlanFile(), full_plan()
    shown_name = plan.who.person_name
    build = draft.for_plan(content, plan, TODAY)
    plan.who.person_name = "Changed in another tab"
    assert build() == b"%PDF-" + shown_name.encode()


def test_a_failed_build_says_nothing_of_the_answers_in_its_error_or_the_log(content, monkeypatch, caplog):
    secret = "my neighbour's door code is 4471"

    def broken(content, plan, **_):
        raise ValueError(f"cannot print {plan.about.good_day}")

    monkeypatch.setattr(draft_module, "render_plan_pdf", broken)
    plan = full_plan()
    plan.about.good_day = secret
    with caplog.at_level(logging.ERROR), pytest.raises(DraftPlanUnavailable) as raised:
        DraftPlanFile().for_plan(content, plan, TODAY)()
    assert secret not in str(raised.value)
    assert raised.value.__cause__ is None and raised.value.__suppress_context__
    assert secret not in caplog.text and "ValueError" in caplog.text


def test_the_real_pdf_is_built_from_the_snapshot(content):
    data = DraftPlanFile().for_plan(content, full_plan(), TODAY)()
    assert data.startswith(b"%PDF")
