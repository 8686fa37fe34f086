"""Step: Your budget estimate.

The self-assessment questions in groups (one expander each, radios start unselected), then
the estimate: the figure, its range and periods, and how it was worked out, with simple bars and
the same figures as a table. The arithmetic is in logic/budget.py; every word in content/.
"""
from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

from logic.budget import (
    NOT_SURE,
    Estimate,
    answered_count,
    band_to_points,
    estimate_for_plan,
    parse_weekly_amount,
)
from logic.content import BudgetContent, BudgetQuestion
from logic.journey import FieldError
from logic.money import figure
from ui.checks import budget_problems
from ui.frame import begin_step, continue_button, step_text
from ui.state import get_content, get_plan
from ui.words import say, say_plain

STEP = "budget"
CONTRIBUTION_KEY = "w_budget_contribution"


def answer_key(question_id: str) -> str:
    return f"w_budget_answer_{question_id}"


def note_key(question_id: str) -> str:
    return f"w_budget_note_{question_id}"


def money(amount: Decimal) -> str:
    return figure(amount)  # shared with Check your answers and the PDF


def number(value: Decimal | int) -> str:
    return f"{Decimal(value).normalize():f}"


# ---------------------------------------------------------------- copying answers into the Plan

def store_answer(question_id: str) -> None:
    value = st.session_state.get(answer_key(question_id))
    answers = get_plan().budget.answers
    if value is None:
        answers.pop(question_id, None)
    else:
        answers[question_id] = value


def store_note(question_id: str) -> None:
    text = st.session_state.get(note_key(question_id)) or ""
    notes = get_plan().budget.notes
    if text.strip():
        notes[question_id] = text
    else:
        notes.pop(question_id, None)


def store_contribution() -> None:
    """Keep exactly what was typed; use it as an amount only when it is one."""
    text = st.session_state.get(CONTRIBUTION_KEY) or ""
    budget = get_plan().budget
    budget.contribution_text = text
    budget.weekly_contribution, _ = parse_weekly_amount(text)


# ---------------------------------------------------------------- problems with typed answers

def show_problem(problems: list[FieldError], field_id: str) -> None:
    for problem in problems:
        if problem.field_id == field_id:
            # Already escaped: step_text escapes the values it fills in.
            st.error(problem.message, icon=":material/error:")


# ---------------------------------------------------------------- the questions

def draw_question(question: BudgetQuestion, problems: list[FieldError]) -> None:
    plan = get_plan()
    ids = [a.id for a in question.answers] + [NOT_SURE]
    labels = {a.id: say(a.label) for a in question.answers}
    labels[NOT_SURE] = step_text(STEP, "not_sure")
    current = plan.budget.answers.get(question.id)
    key = answer_key(question.id)
    st.session_state[key] = current if current in ids else None
    # The question is shown in bold with its hint; the radio group keeps just the question
    # as its accessible name (Markdown in a label is read out as symbols). Not a heading:
    # the groups are expanders, so a heading here would skip levels.
    question_text = f"**{say(question.label)}**"
    if question.hint:  # in the same element: fewer elements, a quicker rerun
        question_text += f"\n\n{say(question.hint)}"
    st.markdown(question_text)
    st.radio(
        say(question.label),
        ids,
        index=None,
        format_func=lambda answer_id: labels[answer_id],
        key=key,
        on_change=store_answer,
        args=(question.id,),
        label_visibility="collapsed",
    )
    show_problem(problems, f"note_{question.id}")
    key = note_key(question.id)
    st.session_state[key] = plan.budget.notes.get(question.id, "")
    st.text_input(
        f"{step_text(STEP, 'note_label')} {say(get_content().service.text['optional'])}",
        key=key,
        on_change=store_note,
        args=(question.id,),
    )


def draw_questions(budget: BudgetContent, problems: list[FieldError]) -> None:
    answers = get_plan().budget.answers
    st.markdown(step_text(STEP, "how_to_answer"))
    for number_in_list, group in enumerate(budget.groups):
        questions = budget.questions_in(group.id)
        progress = step_text(
            STEP, "group_progress", count=str(answered_count(answers, questions)), max=str(len(questions))
        )
        # A stable key keeps each group open or closed as answers (and so the label) change.
        with st.expander(f"{say(group.heading)} ({progress})", expanded=number_in_list == 0, key=f"budget_group_{group.id}"):
            if group.intro:
                st.markdown(say(group.intro))
            for index, question in enumerate(questions):
                if index:
                    st.divider()
                draw_question(question, problems)


# ---------------------------------------------------------------- the result

def draw_result(budget: BudgetContent, estimate: Estimate, problems: list[FieldError]) -> None:
    st.header(step_text(STEP, "result_heading"), anchor="estimate")
    if estimate.nothing_answered:
        st.info(step_text(STEP, "result_none"))
        draw_contribution(estimate, problems)
        draw_caveats()
        return
    st.metric(step_text(STEP, "result_figure_label"), step_text(STEP, "result_figure", amount=money(estimate.weekly)))
    if estimate.weekly > 0:
        st.markdown(step_text(STEP, "result_range", low=money(estimate.lower), high=money(estimate.upper)))
        draw_periods(estimate)
    else:
        st.info(step_text(STEP, "result_zero"))
    if estimate.raised_to_minimum:
        st.info(step_text(STEP, "result_minimum", amount=money(budget.matrix.minimum_weekly)))
    if estimate.capped_at_maximum:
        st.info(step_text(STEP, "result_maximum", amount=money(budget.matrix.maximum_weekly)))
    if estimate.unanswered:
        total = str(len(estimate.breakdown))
        st.warning(step_text(STEP, "result_unanswered", count=str(estimate.unanswered), max=total))
    if estimate.not_sure:
        key = f"result_not_sure_{budget.matrix.not_sure_counts_as}"
        st.warning(step_text(STEP, key, count=str(estimate.not_sure)))
    draw_contribution(estimate, problems)
    draw_worked_out(budget, estimate)
    draw_caveats()


def draw_periods(estimate: Estimate) -> None:
    table = pd.DataFrame(
        {
            say_plain(get_content().step(STEP).text["period_heading"]): [
                say_plain(get_content().step(STEP).text[key])
                for key in ("period_week", "period_four_weeks", "period_year")
            ],
            say_plain(get_content().step(STEP).text["amount_heading"]): [
                money(estimate.weekly), money(estimate.four_weekly), money(estimate.yearly)
            ],
        }
    )
    st.table(table, hide_index=True)
    st.caption(step_text(STEP, "result_periods_caption"))


def draw_contribution(estimate: Estimate, problems: list[FieldError]) -> None:
    plan = get_plan()
    st.subheader(step_text(STEP, "contribution_heading"))
    show_problem(problems, "contribution")
    st.session_state[CONTRIBUTION_KEY] = plan.budget.contribution_text
    label = f"{step_text(STEP, 'contribution_label')}\n\n{step_text(STEP, 'contribution_hint')}"
    st.text_input(label, key=CONTRIBUTION_KEY, on_change=store_contribution)
    split = estimate.contribution
    if split is not None and estimate.weekly > 0:
        st.markdown(
            step_text(
                STEP, "contribution_split", amount=money(split.council_weekly), high=money(split.person_weekly)
            )
        )


def draw_worked_out(budget: BudgetContent, estimate: Estimate) -> None:
    content = get_content()
    text = content.step(STEP).text
    st.subheader(step_text(STEP, "worked_out_heading"))
    st.markdown(step_text(STEP, "worked_out_intro"))
    area_col, answer_col, points_col = (say_plain(text[k]) for k in ("area_heading", "answer_heading", "points_heading"))
    rows = []
    for line in estimate.breakdown:
        question = budget.question(line.question_id)
        if line.area_id is not None:
            area = content.need_area(line.area_id).label
        else:
            area = say_plain(text["area_unpaid"])
        if line.status == "unanswered":
            answer = say_plain(text["not_answered"])
        elif line.status == "not_sure":
            answer = say_plain(text["not_sure"])
        else:
            answer = say_plain(next(a.label for a in question.answers if a.id == line.answer_id))
        rows.append({area_col: area, answer_col: answer, points_col: line.points, "kind": line.kind})
    table = pd.DataFrame(rows)
    need = table[table["kind"] == "need"]
    # A simple bar for each area, scaled to the most points any area has. Plain page elements,
    # not a chart library: the charting code took seconds to load and draw on a slow computer.
    most = max([1, *need[points_col]])
    for area, points in zip(need[area_col], need[points_col]):
        st.progress(int(points * 100 / most), text=step_text(STEP, "chart_bar", area=area, points=str(points)))
    st.caption(step_text(STEP, "chart_caption"))
    st.table(table.drop(columns=["kind"]), hide_index=True)
    for sentence in explanation(budget, estimate):
        st.markdown(sentence)


def explanation(budget: BudgetContent, estimate: Estimate) -> list[str]:
    """The steps from points to the weekly figure, one plain sentence each."""
    matrix = budget.matrix
    sentences = [step_text(STEP, "total_points", points=number(estimate.need_points))]
    if estimate.support_points:
        sentences.append(step_text(STEP, "support_points_sentence", points=number(estimate.support_points)))
    if estimate.band is not None:
        top = band_to_points(matrix, estimate.band)
        key = "band_sentence_top" if top is None else "band_sentence"
        sentences.append(
            step_text(
                STEP,
                key,
                label=estimate.band.label,
                low=str(estimate.band.from_points),
                high=str(top),
                amount=money(estimate.amount_before_support),
            )
        )
    elif matrix.price_per_point is not None:
        sentences.append(
            step_text(
                STEP,
                "price_sentence",
                amount=money(matrix.price_per_point),
                points=number(estimate.points_used),
                high=money(estimate.amount_before_support),
            )
        )
    if estimate.support_percent:
        sentences.append(
            step_text(
                STEP,
                "support_percent_sentence",
                percent=number(estimate.support_percent),
                amount=money(estimate.support_reduction),
            )
        )
    if estimate.weekly > 0 and not (estimate.raised_to_minimum or estimate.capped_at_maximum):
        if estimate.weekly != estimate.amount_before_support - estimate.support_reduction:
            sentences.append(
                step_text(STEP, "rounded_sentence", amount=money(matrix.rounding), high=money(estimate.weekly))
            )
    if estimate.weekly > 0:
        sentences.append(
            step_text(
                STEP,
                "range_sentence",
                percent=number(matrix.range_percent),
                low=money(estimate.lower),
                high=money(estimate.upper),
            )
        )
    return sentences


def draw_caveats() -> None:
    st.subheader(step_text(STEP, "caveats_heading"))
    st.markdown(step_text(STEP, "caveats"))
    st.subheader(step_text(STEP, "next_heading"))
    st.markdown(step_text(STEP, "next_steps"))


# ---------------------------------------------------------------- the page

errors = begin_step(STEP)
content = get_content()
budget = content.budget
if budget is None:
    continue_button(STEP)
else:
    if budget.matrix.illustrative:
        st.info(step_text(STEP, "illustrative"), icon=":material/info:")
    problems = budget_problems()  # shown beside their fields as soon as they are typed
    draw_questions(budget, problems)
    draw_result(budget, estimate_for_plan(content, get_plan()), problems)
    continue_button(STEP)
