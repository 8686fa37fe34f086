"""Kiosk mode and clearing: nothing of one person is left for the next.

Kiosk mode is switched on by the deployment (PLANNER_KIOSK=1), never by a visitor. Every full
run of the app counts as activity; a fragment re-run every second warns with a countdown and
an "I'm still here" button once the planner has been idle, then wipes every answer and
returns to Start. "Finish and clear" on the last step does the same wipe on request.
"""
from __future__ import annotations

import math
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from ui.frame import page_file
from ui.state import clear_session, get_content
from ui.words import say

ACTIVE_KEY = "kiosk_last_active"
CLEARED_KEY = "cleared_because"
FINISH_CONFIRM_KEY = "finish_confirm"
TICK_SECONDS = 1
DEFAULT_IDLE_SECONDS = 600
DEFAULT_COUNTDOWN_SECONDS = 120
_SWITCHED_ON = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class KioskSettings:
    """How the deployment set kiosk mode: on or off, and its two times in seconds."""

    on: bool
    idle_seconds: int
    countdown_seconds: int


def kiosk_settings(environ: Mapping[str, str] = os.environ) -> KioskSettings:
    """Read PLANNER_KIOSK, PLANNER_IDLE_SECONDS and PLANNER_COUNTDOWN_SECONDS.

    A missing or unreadable time falls back to its default, so a typo can never turn the
    wipe off; the countdown is never longer than the idle time before it.
    """
    on = environ.get("PLANNER_KIOSK", "").strip().lower() in _SWITCHED_ON
    idle = _seconds(environ.get("PLANNER_IDLE_SECONDS"), DEFAULT_IDLE_SECONDS)
    countdown = _seconds(environ.get("PLANNER_COUNTDOWN_SECONDS"), DEFAULT_COUNTDOWN_SECONDS)
    return KioskSettings(on=on, idle_seconds=idle, countdown_seconds=min(countdown, idle))


def _seconds(value: str | None, default: int) -> int:
    try:
        seconds = int(str(value).strip())
    except ValueError:
        return default
    return seconds if seconds > 0 else default


def save_text(key: str, **extra: str) -> str:
    return say(get_content().save.text[key], **extra)


def guard_idle(settings: KioskSettings) -> None:
    """Called on every full run: wipe first if the time ran out, then count this as activity.

    This catches the case the timer cannot: a browser that slept through the countdown and
    then sends a click. The click is not applied to the previous person's answers.
    """
    now = time.time()
    last = st.session_state.get(ACTIVE_KEY)
    st.session_state[ACTIVE_KEY] = now
    if last is not None and now - last >= settings.idle_seconds + settings.countdown_seconds:
        wipe("idle")


def mark_active() -> None:
    st.session_state[ACTIVE_KEY] = time.time()


def wipe(reason: str) -> None:
    """Forget every answer and widget value, then go to Start and say why."""
    clear_session()
    st.session_state[CLEARED_KEY] = reason
    mark_active()
    st.switch_page(page_file("start"))


@st.fragment(run_every=TICK_SECONDS)
def draw_idle_timer() -> None:
    """The warning and countdown; this re-runs alone every second, not the whole page."""
    settings = kiosk_settings()
    idle_for = time.time() - st.session_state.get(ACTIVE_KEY, time.time())
    left = settings.idle_seconds + settings.countdown_seconds - idle_for
    if left <= 0:
        wipe("idle")
    if idle_for < settings.idle_seconds:
        return
    # Pinned to the top of the window: a person scrolled down a long step must still see it.
    st.html(_WARNING_CSS)
    with st.container(border=True, key="kiosk_warning"):
        st.warning(save_text("kiosk_warning", count=str(countdown_shown(left))), icon=":material/timer:")
        # A click here re-runs only this fragment, so it must record the activity itself.
        st.button(save_text("kiosk_still_here"), type="primary", key="kiosk_still_here", on_click=mark_active)


def countdown_shown(left: float) -> int:
    """Whole seconds, in steps of ten until the last ten, so a screen reader is not
    interrupted every second by the changing number."""
    seconds = math.ceil(left)
    return seconds if seconds <= 10 else 10 * math.ceil(seconds / 10)


_WARNING_CSS = """<style>
.st-key-kiosk_warning { position: fixed; top: 4.5rem; left: 50%; transform: translateX(-50%);
  width: min(40rem, calc(100vw - 2rem)); z-index: 1000100; background: #ffffff;
  box-shadow: 0 0 0 4px #0b0c0c; padding: 1rem; }
</style>"""


def draw_cleared_notice() -> None:
    """After a wipe, say on Start why the answers are gone."""
    reason = st.session_state.pop(CLEARED_KEY, None)
    if reason == "idle":
        st.info(save_text("kiosk_cleared"), icon=":material/lock_reset:")
    elif reason == "finished":
        st.success(save_text("finish_done"))


def draw_privacy_notice(settings: KioskSettings) -> None:
    """What happens to the answers here: on a shared computer, or at home."""
    if settings.on:
        minutes = max(1, round(settings.idle_seconds / 60))
        st.markdown(save_text("privacy_kiosk", count=str(minutes)))
    else:
        st.markdown(save_text("privacy_home"))


def draw_finish_and_clear() -> None:
    """The last step's 'Finish and clear', with one confirmation (it cannot be undone)."""
    st.header(save_text("finish_heading"))
    st.markdown(save_text("finish_body"))
    if st.session_state.get(FINISH_CONFIRM_KEY):
        st.warning(save_text("finish_confirm"))
        yes, no = st.columns(2)
        if yes.button(save_text("finish_yes"), type="primary", key="finish_yes"):
            wipe("finished")
        if no.button(save_text("finish_no"), key="finish_no"):
            st.session_state[FINISH_CONFIRM_KEY] = False
            st.rerun()
    elif st.button(save_text("finish_button"), key="finish_and_clear", icon=":material/delete:"):
        st.session_state[FINISH_CONFIRM_KEY] = True
        st.rerun()
