"""The draft plan PDF as a download that is built when it is asked for, not when the page opens.

Building the PDF takes a few hundred milliseconds (far longer for a plan in many scripts), and
most visits to the last step, and every rerun of it, never download it. So the page hands the
download button a ``DraftPlanFile.for_plan(...)`` callable instead of bytes: Streamlit runs it
on its own thread when the button is clicked. The callable holds a snapshot of the plan as it
was drawn (its JSON), so the PDF says what the person saw even if they change an answer in
another tab meanwhile, and the last PDF is kept so a second click on an unchanged plan does
not build it again.

A ``DraftPlanFile`` lives in one person's session state and holds only that person's plan, so
"Start again" and the kiosk timer, which empty the session, take it with them.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import threading
from collections.abc import Callable

from logic.content import Content
from logic.pdf import plan_json, render_plan_pdf
from logic.plan import Plan

log = logging.getLogger("planner")


class DraftPlanUnavailable(RuntimeError):
    """The PDF could not be built. Says nothing of the plan: Streamlit logs this message."""


class DraftPlanFile:
    """One session's draft plan PDF: built on demand, kept until the plan or the date changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: str | None = None
        self._data: bytes | None = None
        self.builds = 0  # how many PDFs this session has built (tests and benchmarks read it)

    @staticmethod
    def key_for(snapshot: bytes, today: dt.date) -> str:
        return hashlib.sha256(f"{today.isoformat()}\n".encode() + snapshot).hexdigest()

    def for_plan(self, content: Content, plan: Plan, today: dt.date) -> Callable[[], bytes]:
        """A callable giving the PDF of ``plan`` as it is now (cheap: a JSON snapshot only)."""
        snapshot = plan_json(plan)
        key = self.key_for(snapshot, today)

        def build() -> bytes:
            return self.get(content, snapshot, key)

        return build

    def get(self, content: Content, snapshot: bytes, key: str) -> bytes:
        """The PDF for this snapshot: the kept one when nothing changed, else a new build."""
        with self._lock:  # two quick clicks build once
            if self._key == key and self._data is not None:
                return self._data
            try:
                data = render_plan_pdf(content, Plan.model_validate_json(snapshot))
            except Exception as error:
                # The kind of failure only: a message could quote what a person typed.
                log.error("Draft plan PDF failed: %s", type(error).__name__)
                raise DraftPlanUnavailable("The draft plan PDF could not be built.") from None
            self._key, self._data = key, data
            self.builds += 1
            return data

    def is_current(self, plan: Plan, today: dt.date) -> bool:
        """Whether the kept PDF is the one for this plan (no build needed on the next click)."""
        return self._data is not None and self._key == self.key_for(plan_json(plan), today)
