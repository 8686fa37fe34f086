"""Save my progress, Continue a saved plan, kiosk wipe and Finish and clear, in the app.

Uploads go through the real Start page; refused files must leave the current answers
exactly as they were. Kiosk mode is switched on through the environment, as a deployment does.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from fpdf import FPDF
from streamlit.testing.v1 import AppTest

from logic.content import STEP_IDS, load_content
from logic.plan import SCHEMA_VERSION, Plan
from logic.savefile import encode_plan
from logic.wording import speak
from ui.frame import page_file

ROOT = Path(__file__).resolve().parents[2]
NAME = "Wanjiru Okonkwo-Ślęzak"
CONTENT = load_content()


def heading(step: str) -> str:
    return speak(CONTENT.step(step).heading, speaking_to_carer=False, values={})


def words(key: str) -> str:
    return CONTENT.save.text[key]


def refusal_words(kind: str) -> str:
    return CONTENT.save.refusals[kind]


def app(monkeypatch=None, kiosk: bool = False) -> AppTest:
    if monkeypatch is not None:
        if kiosk:
            monkeypatch.setenv("PLANNER_KIOSK", "1")
            monkeypatch.setenv("PLANNER_IDLE_SECONDS", "5")
            monkeypatch.setenv("PLANNER_COUNTDOWN_SECONDS", "5")
        else:
            monkeypatch.delenv("PLANNER_KIOSK", raising=False)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()


def saved_plan(step: str = "about") -> Plan:
    plan = Plan()
    plan.who.mode = "self"
    plan.who.person_name = NAME
    plan.about.important_to_me = "Sunday lunch with my grandchildren"
    plan.progress.current_step = step
    plan.progress.visited = list(STEP_IDS[: STEP_IDS.index(step) + 1])
    return plan


def draft_pdf(plan: Plan) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Draft care and support plan")
    pdf.embed_file(basename="plan.json", bytes=encode_plan(plan), desc="The plan")
    return bytes(pdf.output())


def upload(at: AppTest, name: str, data: bytes, mime: str = "application/json") -> AppTest:
    # Only from the first run, which is Start: AppTest's switch_page to the default page
    # runs pages/start.py without app.py's frame (seen with Streamlit 1.67).
    at.file_uploader[0].upload(name, data, mime)
    return at.run()


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "error", "info", "success", "warning", "caption")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def answers_in_session(at: AppTest, needle: str) -> bool:
    return any(needle in repr(value) for value in at.session_state.to_dict().values())


def test_every_step_offers_save_my_progress(monkeypatch):
    at = app(monkeypatch)
    for step in STEP_IDS:
        if step != "start":
            at.switch_page(page_file(step)).run()
        assert not at.exception
        labels = [b.label for b in at.get("download_button")]
        assert words("save_button") in labels, step


def test_after_saving_the_person_is_reminded_to_keep_the_file(monkeypatch):
    at = app(monkeypatch)
    at.get("download_button")[0].click().run()
    assert words("saved_home") in texts(at)


def test_at_a_kiosk_the_reminder_says_to_take_the_file_away(monkeypatch):
    at = app(monkeypatch, kiosk=True)
    at.get("download_button")[0].click().run()
    assert words("saved_kiosk") in texts(at)


def test_a_saved_file_puts_the_person_back_at_the_step_they_were_on(monkeypatch):
    at = app(monkeypatch)
    at = upload(at, "care-plan-saved-2026-11-24.json", encode_plan(saved_plan("outcomes")))
    assert not at.exception
    plan = at.session_state["plan"]
    assert plan.who.person_name == NAME
    assert plan.progress.current_step == "outcomes"
    assert at.title[0].value == heading("outcomes")
    assert words("resume_done") in texts(at)


def test_a_draft_plan_pdf_puts_the_person_back_at_the_step_they_were_on(monkeypatch):
    at = app(monkeypatch)
    at = upload(at, "draft-plan.pdf", draft_pdf(saved_plan("network")), "application/pdf")
    assert not at.exception
    assert at.session_state["plan"].who.person_name == NAME
    assert at.session_state["plan"].progress.current_step == "network"


def blank_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    return bytes(pdf.output())


HOSTILE = [
    ("photo.json", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "wrong_type"),
    ("cut-short.json", encode_plan(saved_plan())[:200], "damaged"),
    ("future.json", encode_plan(saved_plan()).replace(
        b'"schema_version": %d' % SCHEMA_VERSION, b'"schema_version": 999'), "newer_version"),
    ("other.json", b'{"name": "Ada", "version": 3}', "not_from_planner"),
    ("letter.pdf", blank_pdf(), "pdf_without_plan"),
]


@pytest.mark.parametrize("name, data, kind", HOSTILE)
def test_a_refused_file_is_explained_kindly_and_changes_nothing(monkeypatch, name, data, kind):
    at = app(monkeypatch)
    at.session_state["plan"].who.person_name = "Current Person"
    at.session_state["plan"].about.good_day = "Typed today"
    before = at.session_state["plan"].model_copy(deep=True)
    at = upload(at, name, data)
    assert not at.exception
    assert refusal_words(kind) in texts(at)
    assert words("resume_unchanged") in texts(at)
    after = at.session_state["plan"]
    after.progress = before.progress  # where the person is looking may move; answers may not
    assert after == before


def test_after_a_refusal_the_uploader_is_empty_and_a_good_file_still_loads(monkeypatch):
    at = app(monkeypatch)
    at = upload(at, "photo.json", b"\x89PNG\r\n\x1a\n")
    assert at.file_uploader[0].key != "resume_upload_0"
    at.file_uploader[0].upload("saved.json", encode_plan(saved_plan("about")))
    at.run()
    assert at.session_state["plan"].who.person_name == NAME


def test_the_privacy_notice_says_what_happens_at_home_and_at_a_kiosk(monkeypatch):
    at = app(monkeypatch)
    assert words("privacy_home") in texts(at)
    at = app(monkeypatch, kiosk=True)
    assert "clears every answer" in texts(at)


def test_a_visitor_cannot_switch_kiosk_mode_on_or_off_from_the_address(monkeypatch):
    at = app(monkeypatch)
    at.query_params["kiosk"] = "1"
    at.query_params["PLANNER_KIOSK"] = "1"
    at.run()
    assert words("privacy_home") in texts(at)


def test_an_idle_kiosk_session_is_wiped_before_anything_is_drawn(monkeypatch):
    at = app(monkeypatch, kiosk=True)
    at = upload(at, "saved.json", encode_plan(saved_plan("about")))
    assert answers_in_session(at, NAME)
    at.session_state["kiosk_last_active"] = time.time() - 60
    at.run()
    assert not at.exception
    assert not answers_in_session(at, NAME)
    assert not answers_in_session(at, "grandchildren")
    assert at.session_state["plan"].model_dump(exclude={"progress"}) == Plan().model_dump(exclude={"progress"})
    assert at.title[0].value == heading("start")
    assert words("kiosk_cleared") in texts(at)


def test_a_recently_used_kiosk_session_is_kept(monkeypatch):
    at = app(monkeypatch, kiosk=True)
    at = upload(at, "saved.json", encode_plan(saved_plan("about")))
    at.run()
    assert at.session_state["plan"].who.person_name == NAME


def test_finish_and_clear_forgets_every_answer_after_one_confirmation(monkeypatch):
    at = app(monkeypatch)
    at = upload(at, "saved.json", encode_plan(saved_plan("safety")))
    at.switch_page(page_file("plan")).run()
    at.button(key="finish_and_clear").click().run()
    assert answers_in_session(at, NAME)  # nothing is cleared until the person confirms
    at.button(key="finish_yes").click().run()
    assert not at.exception
    assert not answers_in_session(at, NAME)
    assert at.session_state["plan"].model_dump(exclude={"progress"}) == Plan().model_dump(exclude={"progress"})
    assert words("finish_done") in texts(at)


def test_finish_and_clear_can_be_called_off(monkeypatch):
    at = app(monkeypatch)
    at = upload(at, "saved.json", encode_plan(saved_plan("safety")))
    at.switch_page(page_file("plan")).run()
    at.button(key="finish_and_clear").click().run()
    at.button(key="finish_no").click().run()
    assert at.session_state["plan"].who.person_name == NAME


def test_kiosk_mode_is_off_unless_the_deployment_switches_it_on():
    from ui.kiosk import kiosk_settings

    assert not kiosk_settings({}).on
    assert not kiosk_settings({"PLANNER_KIOSK": "0"}).on
    assert kiosk_settings({"PLANNER_KIOSK": "1"}).on
    assert kiosk_settings({"PLANNER_KIOSK": " Yes "}).on


def test_kiosk_times_default_to_ten_minutes_and_a_typo_never_turns_the_wipe_off():
    from ui.kiosk import kiosk_settings

    assert kiosk_settings({"PLANNER_KIOSK": "1"}).idle_seconds == 600
    broken = kiosk_settings({"PLANNER_KIOSK": "1", "PLANNER_IDLE_SECONDS": "10 mins",
                             "PLANNER_COUNTDOWN_SECONDS": "-5"})
    assert (broken.idle_seconds, broken.countdown_seconds) == (600, 120)
    short = kiosk_settings({"PLANNER_IDLE_SECONDS": "5", "PLANNER_COUNTDOWN_SECONDS": "60"})
    assert short.countdown_seconds == 5


def test_the_countdown_moves_in_tens_until_the_last_ten_seconds():
    from ui.kiosk import countdown_shown

    assert [countdown_shown(s) for s in (119.2, 111, 61, 10.5, 9.2, 0.4)] == [120, 120, 70, 20, 10, 1]
