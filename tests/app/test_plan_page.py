"""The last step: a download button for the draft plan, built when it is clicked."""
import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from logic.content import load_content
from logic.draft import DraftPlanFile
from tests.fixtures.plans import full_plan

ROOT = Path(__file__).resolve().parents[2]


def open_plan_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["plan"] = full_plan()
    at.run()
    at.switch_page("pages/plan.py").run()
    assert not at.exception
    return at


def test_the_plan_page_offers_the_pdf_to_download():
    at = open_plan_page()
    assert at.download_button(key="download_plan").label == "Download your draft plan (PDF)"


def test_opening_the_plan_page_builds_no_pdf_until_it_is_asked_for():
    at = open_plan_page()
    at.run()
    draft = at.session_state["plan_pdf"]
    assert isinstance(draft, DraftPlanFile)
    assert draft.builds == 0


def test_the_session_draft_builds_the_plan_shown_and_reuses_it_until_an_answer_changes():
    at = open_plan_page()
    draft = at.session_state["plan_pdf"]
    plan = at.session_state["plan"]
    data = draft.for_plan(load_content(), plan, dt.date.today())()
    assert data.startswith(b"%PDF")
    assert draft.is_current(plan, dt.date.today())
    plan.about.good_day = "A new answer about a good day"
    at.run()
    assert not draft.is_current(plan, dt.date.today())

