"""The last step: a download button for the draft plan, built once per change of the plan."""
from pathlib import Path

from streamlit.testing.v1 import AppTest

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
    assert at.download_button(key="download_plan").label
    key, data = at.session_state["plan_pdf"]
    assert data.startswith(b"%PDF")


def test_the_pdf_is_not_rebuilt_when_nothing_changed():
    at = open_plan_page()
    key, data = at.session_state["plan_pdf"]
    at.run()
    again_key, again = at.session_state["plan_pdf"]
    assert again_key == key
    assert again is data  # the same bytes object: no new build


def test_a_changed_answer_gives_a_new_pdf():
    at = open_plan_page()
    key, _ = at.session_state["plan_pdf"]
    at.session_state["plan"].about.good_day = "A new answer about a good day"
    at.run()
    new_key, _ = at.session_state["plan_pdf"]
    assert new_key != key
