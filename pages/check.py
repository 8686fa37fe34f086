"""Step: Check your answers. Every answer grouped by step, each group with a Change button.

Answers come from logic.summary (the same assembly the PDF uses). Anything a person typed is
shown with st.text, never as Markdown; labels that carry a typed name are escaped.
"""
import streamlit as st

from logic.summary import Answer, AnswerList, answer_groups, missing_answers
from logic.wording import escape_markdown
from ui.frame import begin_step, change_from_check, continue_button, step_text
from ui.state import get_content, get_plan
from ui.words import say

STEP = "check"


def draw_answer(answer: Answer, not_provided: str) -> None:
    # Two elements, no wrapper: a long plan has hundreds of answers and every element costs
    # each rerun. The style in ui/a11y.py keeps an answer close under its question.
    st.markdown(f"**{escape_markdown(answer.label)}**")
    st.text(not_provided if answer.text is None else answer.text)


def draw_list(item: AnswerList, words: dict[str, str]) -> None:
    st.markdown(f"**{escape_markdown(item.label)}**")
    if not item.entries:
        st.text(words["none_added"])
        return
    for entry in item.entries:
        with st.container(border=True):
            if entry.title:
                st.markdown(f"**{escape_markdown(entry.title)}**")
            for answer in entry.answers:
                draw_answer(answer, words["not_provided"])


begin_step(STEP)
content = get_content()
plan = get_plan()
pdf_text = content.pdf.text if content.pdf else {}
words = {key: say(pdf_text.get(key)) for key in ("not_provided", "none_added")}

missing = missing_answers(content, plan)
if missing:
    with st.container(border=True):
        st.header(step_text(STEP, "missing_heading"))
        st.markdown(step_text(STEP, "missing_intro"))
        for step_id in dict.fromkeys(m.step_id for m in missing):
            for m in missing:
                if m.step_id == step_id:
                    st.markdown(f"- {escape_markdown(m.message)}")
            title = content.step(step_id).title
            if st.button(step_text(STEP, "missing_go", step=title), key=f"missing_{step_id}"):
                change_from_check(step_id)

for group in answer_groups(content, plan):
    with st.container(border=True, key=f"answers_{group.step_id}"):
        st.header(group.title)
        for item in group.items:
            if isinstance(item, AnswerList):
                draw_list(item, words)
            else:
                draw_answer(item, words["not_provided"])
        if st.button(
            step_text(STEP, "change", step=group.title),
            key=f"change_{group.step_id}",
            help=step_text(STEP, "change_help"),
        ):
            change_from_check(group.step_id)

continue_button(STEP)
