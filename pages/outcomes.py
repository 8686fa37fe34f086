"""Step: What you want to change. Working and not working, then outcomes in the person's words.

Examples from content start each outcome off; an outcome that names a service gets a gentle
suggestion, never an error.
"""
import streamlit as st

from logic.journey import entry_title
from logic.outcomes import areas_in_order, needs_without_outcomes, outcome_from_example, service_words_in
from logic.plan import Outcome
from ui.fields import draw_fields
from ui.frame import begin_step, continue_button, step_text
from ui.lists import draw_entry_list, entries_of
from ui.state import get_content, get_plan

STEP = "outcomes"
ADDED_KEY = "outcome_example_added"  # number of the outcome just added from an example (0: none chosen)

errors = begin_step(STEP)
content = get_content()
plan = get_plan()
labels = {area.id: area.label for area in content.need_areas}
area_order = areas_in_order(content.need_area_ids(), [note.area for note in plan.about.needs])


def suggest_a_result(outcome: Outcome, title: str) -> None:
    words = service_words_in(outcome.text, content.outcome_examples.service_words)
    if words:
        st.info(step_text(STEP, "service_note", label=words[0]), icon=":material/lightbulb:")


def add_example(area_key: str, example_key: str) -> None:
    area_id = st.session_state.get(area_key)
    example = st.session_state.get(example_key)
    outcomes = entries_of(STEP, "outcomes")
    if not (area_id and example):
        st.session_state[ADDED_KEY] = 0  # nothing chosen yet: say so beside the button
    elif len(outcomes) < content.step(STEP).lists["outcomes"].max_entries:
        outcomes.append(outcome_from_example(example, area_id))
        st.session_state[ADDED_KEY] = len(outcomes)


draw_fields(STEP, errors)
draw_entry_list(
    STEP,
    "outcomes",
    errors,
    new_entry=Outcome,
    extra=suggest_a_result,
    area_order=area_order,
    placeholder=step_text(STEP, "need_areas_placeholder"),
)
unlinked = needs_without_outcomes(plan.about.needs, plan.change.outcomes)
if unlinked:
    st.info(step_text(STEP, "needs_unlinked", label=", ".join(labels.get(a, a) for a in unlinked)))

st.header(step_text(STEP, "examples_heading"), anchor=False)
st.markdown(step_text(STEP, "examples_intro"))
area_key = "w_outcomes_example_area"
if st.session_state.get(area_key) not in area_order:
    st.session_state[area_key] = area_order[0]
st.selectbox(step_text(STEP, "examples_area"), area_order, format_func=lambda a: labels[a], key=area_key)
example_key = f"w_outcomes_example_{st.session_state[area_key]}"
st.radio(
    step_text(STEP, "examples_choose"),
    content.outcome_examples.for_area(st.session_state[area_key]),
    index=None,
    key=example_key,
)
st.button(
    step_text(STEP, "examples_add"),
    key="outcomes_add_example",
    on_click=add_example,
    args=(area_key, example_key),
    icon=":material/add:",
)
added = st.session_state.pop(ADDED_KEY, None)
if added == 0:
    st.warning(step_text(STEP, "examples_pick_first"))
elif added:
    spec = content.step(STEP).lists["outcomes"]
    title = entry_title(content, plan, spec, added, plan.change.outcomes[added - 1])
    st.success(step_text(STEP, "examples_added", label=title), icon=":material/check:")
continue_button(STEP)
