"""Step: Spending your budget. A list of support items (each with Change and Remove), a small
form to add or change one, the totals against the estimate, and the checks on the plan.

The item being typed is kept in its own session key (an ItemDraft of strings), so a bad number
or a page change never loses it; the Plan only ever holds checked items.
"""
from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

from logic.journey import FieldError
from logic.money import pounds
from logic.plan import SupportItem
from logic.spending import (
    PERIODS,
    ItemDraft,
    above_council_rate,
    amount_text,
    check_draft,
    choose_option,
    compare_with_estimate,
    draft_from_item,
    find_option,
    indicative_estimate,
    item_cost,
    item_from_draft,
    item_title,
    item_warnings,
    items_without_outcome,
    known_outcome_ids,
    outcomes_without_support,
    total_costs,
)
from logic.wording import escape_markdown
from ui.a11y import request_focus
from ui.fields import draw_fields
from ui.frame import begin_step, continue_button, draw_error_summary, page_file
from ui.state import get_content, get_plan
from ui.words import say, say_plain

STEP = "spending"
DRAFT_KEY = "spending_draft"
EDITING_KEY = "spending_editing"
PROBLEMS_KEY = "spending_draft_problems"
NOTICE_KEY = "spending_notice"
REMOVED_KEY = "spending_removed"
FREQUENCIES = ("week", "four_weeks", "year", "one_off")

content = get_content()
plan = get_plan()
words = content.step(STEP).text


def text(key: str, **extra: str) -> str:
    return say(words[key], **extra)


def draft() -> ItemDraft:
    if DRAFT_KEY not in st.session_state:
        st.session_state[DRAFT_KEY] = ItemDraft()
    return st.session_state[DRAFT_KEY]


def unit_words(option_id: str) -> tuple[str, str]:
    option = find_option(content, option_id)
    return (option.unit, option.units) if option else ("item", "items")


def period_text(frequency: str) -> str:
    return text(f"period_{frequency}")


# ---------------------------------------------------------------- the list


def start_editing(item_id: str) -> None:
    item = next(i for i in plan.spending.items if i.id == item_id)
    st.session_state[DRAFT_KEY] = draft_from_item(item)
    st.session_state[EDITING_KEY] = item_id
    st.session_state[PROBLEMS_KEY] = {}


def remove_item(item_id: str) -> None:
    items = plan.spending.items
    index = next(n for n, i in enumerate(items) if i.id == item_id)
    removed = items.pop(index)
    st.session_state[REMOVED_KEY] = (index, removed)
    st.session_state[NOTICE_KEY] = text("removed", item=item_title(content, removed))
    if st.session_state.get(EDITING_KEY) == item_id:
        cancel_editing()


def undo_remove() -> None:
    index, item = st.session_state.pop(REMOVED_KEY)
    plan.spending.items.insert(min(index, len(plan.spending.items)), item)
    st.session_state.pop(NOTICE_KEY, None)


def short_title(item: SupportItem, most: int = 40) -> str:
    """The item's name cut short for its buttons, which say which item they act on."""
    title = item_title(content, item)
    return title if len(title) <= most else title[: most - 1].rstrip() + "…"


def draw_item(number: int, item: SupportItem, outcome_text: dict[str, str]) -> None:
    unit, units = unit_words(item.option_id)
    with st.container(border=True):
        # The heading and the item's facts in one element: a plan can list forty items, and
        # every element on the page costs each rerun.
        lines = [
            f"### {text('item_heading', count=str(number), item=item_title(content, item))}",
            text(
                "item_cost_line",
                count=amount_text(item.quantity),
                unit=unit if item.quantity == 1 else units,
                period=period_text(item.frequency),
                rate=pounds(item.unit_cost),
                amount=pounds(item_cost(item)),
            ),
        ]
        if item.provider.strip():
            lines.append(text("item_provider", item=item.provider.strip()))
        linked = [outcome_text[i] for i in item.outcome_ids if i in outcome_text]
        if linked:
            lines.append(text("item_outcomes", item="; ".join(linked)))
        st.markdown("\n\n".join(lines))
        if not linked:
            st.warning(text("item_no_outcome"), icon=":material/link_off:")
        extra = above_council_rate(content, item)
        if extra is not None:
            option = find_option(content, item.option_id)
            st.info(
                text("item_top_up", difference=pounds(extra), unit=unit, rate=pounds(option.rate)),
                icon=":material/info:",
            )
        for rule in item_warnings(content, item):
            st.warning(text("item_warning", label=rule.title, item=say_rule(rule)), icon=":material/warning:")
        # A wrapping row, not columns: long item names wrap instead of being cut off with "...".
        row = st.container(horizontal=True, wrap=True, gap="small")
        row.button(
            text("edit_label", item=short_title(item)),
            key=f"spending_edit_{item.id}",
            on_click=start_editing,
            args=(item.id,),
            icon=":material/edit:",
            wrap=True,
        )
        row.button(
            text("remove_label", item=short_title(item)),
            key=f"spending_remove_{item.id}",
            on_click=remove_item,
            args=(item.id,),
            icon=":material/delete:",
            wrap=True,
        )


def say_rule(rule) -> str:
    return say(rule.explanation)


def draw_list(outcome_text: dict[str, str]) -> None:
    st.header(text("list_heading"), anchor="support-list")
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.success(notice, icon=":material/check:")
    if REMOVED_KEY in st.session_state:
        _, removed = st.session_state[REMOVED_KEY]
        st.button(text("undo", item=short_title(removed)), key="spending_undo", on_click=undo_remove)
    if not plan.spending.items:
        st.markdown(text("list_empty"))
    for number, item in enumerate(plan.spending.items, start=1):
        draw_item(number, item, outcome_text)


# ---------------------------------------------------------------- the form


def keep(field: str, key: str):
    def copy() -> None:
        setattr(draft(), field, st.session_state[key] if st.session_state[key] is not None else "")

    return copy


def keep_option() -> None:
    choose_option(content, draft(), st.session_state["w_spending_option_id"] or "")


def keep_ticks(field: str, key_prefix: str, ids: list[str]):
    def copy() -> None:
        setattr(draft(), field, [i for i in ids if st.session_state.get(f"{key_prefix}{i}")])

    return copy


def cancel_editing() -> None:
    st.session_state[DRAFT_KEY] = ItemDraft()
    st.session_state[EDITING_KEY] = None
    st.session_state[PROBLEMS_KEY] = {}


def save_draft() -> None:
    current = draft()
    problems = check_draft(content, current)
    st.session_state[PROBLEMS_KEY] = problems
    if problems:
        request_focus("error_summary")
        return
    editing = st.session_state.get(EDITING_KEY)
    items = plan.spending.items
    if editing and any(i.id == editing for i in items):
        index = next(n for n, i in enumerate(items) if i.id == editing)
        item = item_from_draft(content, current, item_id=editing, how_paid=items[index].how_paid)
        items[index] = item
        st.session_state[NOTICE_KEY] = text("saved", item=item_title(content, item))
    else:
        item = item_from_draft(content, current)
        items.append(item)
        st.session_state[NOTICE_KEY] = text("added", item=item_title(content, item))
    st.session_state.pop(REMOVED_KEY, None)
    cancel_editing()


def problem_message(field: str, problem: str, label: str) -> str:
    limits = content.spending_rules.limits
    maximum = {
        "quantity": f"{limits.max_quantity:,}",
        "unit_cost": pounds(limits.max_unit_cost, pence=False),
    }.get(field, f"{limits.max_text:,}")
    # A quantity must be more than 0, so "-5" is not told "0 or more" (which 0 then refuses).
    key = "error_negative_not_zero" if (field, problem) == ("quantity", "negative") else f"error_{problem}"
    # "How many hours?: enter..." reads badly: the message names the box without its "?" or "(optional)".
    name = label.replace(say(content.service.text["optional"]), "").strip().rstrip("?")
    return text(key, label=name, max=maximum)


def draw_form(outcome_text: dict[str, str]) -> None:
    current = draft()
    editing = st.session_state.get(EDITING_KEY)
    problems: dict[str, str] = st.session_state.get(PROBLEMS_KEY) or {}
    option = find_option(content, current.option_id)
    unit, units = unit_words(current.option_id)
    heading = text("form_heading_edit", item=current.description or (option.label if option else "")) if editing else text("form_heading_add")
    st.header(heading, anchor="support-form")
    st.markdown(text("form_intro"))

    labels = {
        "option_id": text("option_label"),
        "description": f"{text('description_label')} {say(content.service.text['optional'])}",
        "quantity": text("quantity_label", unit=units),
        "unit_cost": text("unit_cost_label", unit=unit),
        "provider": f"{text('provider_label')} {say(content.service.text['optional'])}",
    }
    messages = {field: problem_message(field, problem, labels[field]) for field, problem in problems.items()}
    if problems:
        # One error summary per page (it is what focus moves to): Continue's, if it has one.
        # Otherwise this form's own summary is the only box above the form: a second red
        # "There is a problem with this item" box said the same thing again.
        if errors:
            st.error(text("form_problem"), icon=":material/error:")
        else:
            draw_error_summary([FieldError(field, message) for field, message in messages.items()])

    def error_for(field: str) -> None:
        if field in messages:
            st.error(escape_markdown(messages[field]), icon=":material/error:")

    ids = [o.id for o in content.support_options]
    names = {o.id: o.label for o in content.support_options}
    error_for("option_id")
    st.session_state["w_spending_option_id"] = current.option_id if current.option_id in ids else None
    st.selectbox(
        labels["option_id"],
        ids,
        format_func=lambda option_id: names[option_id],
        index=None,
        placeholder=text("option_placeholder"),
        key="w_spending_option_id",
        on_change=keep_option,
    )
    if option is not None:
        st.markdown(escape_markdown(option.description))
        if option.top_up_check:
            st.markdown(text("option_rate", rate=pounds(option.rate), unit=unit, label=option.rate_from.strftime("%-d %B %Y")))
            with st.expander(text("option_source")):
                st.text(option.source)

    error_for("description")
    st.session_state["w_spending_description"] = current.description
    # Each hint is the label's second paragraph, so a screen reader reads it with the box.
    st.text_input(
        f"{labels['description']}\n\n{text('description_hint')}",
        key="w_spending_description",
        on_change=keep("description", "w_spending_description"),
    )

    error_for("quantity")
    st.session_state["w_spending_quantity"] = current.quantity
    st.text_input(
        f"{labels['quantity']}\n\n{text('quantity_hint')}",
        key="w_spending_quantity",
        on_change=keep("quantity", "w_spending_quantity"),
    )

    st.session_state["w_spending_frequency"] = current.frequency if current.frequency in FREQUENCIES else "week"
    st.radio(
        text("frequency_label"),
        FREQUENCIES,
        format_func=lambda f: text(f"frequency_{f}"),
        key="w_spending_frequency",
        on_change=keep("frequency", "w_spending_frequency"),
    )

    error_for("unit_cost")
    if option is not None and not option.cost_editable:
        st.markdown(text("unit_cost_fixed", rate=pounds(option.rate), unit=unit))
    else:
        st.session_state["w_spending_unit_cost"] = current.unit_cost
        hint = ""
        if option is not None and option.top_up_check:
            hint = f"\n\n{text('unit_cost_hint', rate=pounds(option.rate))}"
        elif option is not None:
            hint = f"\n\n{text('unit_cost_hint_no_rate')}"
        st.text_input(
            f"{labels['unit_cost']}{hint}",
            key="w_spending_unit_cost",
            on_change=keep("unit_cost", "w_spending_unit_cost"),
        )

    error_for("provider")
    st.session_state["w_spending_provider"] = current.provider
    st.text_input(
        f"{labels['provider']}\n\n{text('provider_hint')}",
        key="w_spending_provider",
        on_change=keep("provider", "w_spending_provider"),
    )

    if outcome_text:
        st.markdown(f"**{text('outcomes_label')}** {say(content.service.text['optional'])}  \n{text('outcomes_hint')}")
        ids = list(outcome_text)
        chosen = set(current.outcome_ids or [])
        for outcome_id in ids:
            key = f"w_spending_outcome_{outcome_id}"
            st.session_state[key] = outcome_id in chosen
            st.checkbox(escape_markdown(outcome_text[outcome_id]), key=key, on_change=keep_ticks("outcome_ids", "w_spending_outcome_", ids))

    flags = content.spending_rules.flags
    if flags:
        st.markdown(f"**{text('flags_heading')}** {say(content.service.text['optional'])}")
        flag_ids = [f.id for f in flags]
        ticked = set(current.flags or [])
        for flag in flags:
            key = f"w_spending_flag_{flag.id}"
            st.session_state[key] = flag.id in ticked
            st.checkbox(say(flag.label), key=key, help=say(flag.hint) if flag.hint else None,
                        on_change=keep_ticks("flags", "w_spending_flag_", flag_ids))

    left, right = st.columns(2)
    left.button(
        text("save_button") if editing else text("add_button"),
        key="spending_save",
        type="secondary",
        on_click=save_draft,
        icon=":material/add:" if not editing else ":material/save:",
    )
    if editing or not current.is_blank():
        right.button(text("cancel_button"), key="spending_cancel", on_click=cancel_editing)


# ---------------------------------------------------------------- totals and checks


def difference_words(amount: Decimal) -> str:
    """"£2.50 under" or "£10.00 over": a minus sign in a money table is easy to misread."""
    # A table cell is plain text, so nothing is Markdown-escaped here.
    if pounds(amount) == pounds(Decimal(0)):
        return say_plain(words["difference_none"])
    key = "difference_over" if amount > 0 else "difference_under"
    return say_plain(words[key], amount=pounds(abs(amount)))


def draw_totals() -> None:
    st.header(text("totals_heading"), anchor="totals")
    st.markdown(text("totals_intro"))
    totals = total_costs(plan.spending.items)
    estimate = indicative_estimate(content, plan)
    columns = {text("column_what"): [text("row_plan")]}
    for period in PERIODS:
        columns.setdefault(text(f"column_{period}"), []).append(pounds(totals.per(period)))
    if estimate is not None:
        comparison = compare_with_estimate(totals, estimate)
        columns[text("column_what")] += [text("row_estimate"), text("row_difference")]
        for period in PERIODS:
            name = text(f"column_{period}")
            columns[name] += [pounds(estimate.per(period)), difference_words(comparison.difference(period))]
    st.table(pd.DataFrame(columns).set_index(text("column_what")))
    if totals.one_off:
        st.markdown(text("one_off_total", amount=pounds(totals.one_off)))
    else:
        st.markdown(text("no_one_off"))
    if estimate is None:
        st.info(text("no_estimate"), icon=":material/info:")
        st.page_link(page_file("budget"), label=text("go_to_budget"), icon=":material/arrow_forward:")
        return
    difference = abs(comparison.difference("week"))
    values = dict(
        total=pounds(totals.weekly),
        lower=pounds(estimate.lower),
        upper=pounds(estimate.upper),
        difference=pounds(difference),
        amount=pounds(abs(comparison.difference("year"))),
    )
    message = text(f"standing_{comparison.standing}", **values)
    if comparison.standing == "over":
        st.warning(message, icon=":material/info:")
        st.markdown(text("over_explained"))
    else:
        st.success(message, icon=":material/check_circle:")
    st.markdown(f"**{text('chart_heading')}**")
    # Two bars scaled to the larger amount: plain page elements, so they cost little to draw
    # on an old laptop (a chart library took a sixth of this page's rerun and more to paint).
    largest = max(totals.weekly, estimate.weekly, Decimal("0.01"))
    for label, amount in ((text("chart_plan"), totals.weekly), (text("chart_estimate"), estimate.weekly)):
        share = int(min(Decimal(100), amount / largest * 100))
        st.progress(share, text=f"{label}: {pounds(amount)}")
    st.caption(text("chart_words", total=pounds(totals.weekly), estimate=pounds(estimate.weekly)))


def keep_other_help(ids: list[str]):
    def copy() -> None:
        plan.spending.outcomes_other_help = [i for i in ids if st.session_state.get(f"w_spending_other_{i}")]

    return copy


def draw_checks(outcome_text: dict[str, str]) -> None:
    st.header(text("checks_heading"), anchor="checks")
    if not outcome_text:
        st.info(text("no_outcomes"), icon=":material/info:")
        st.page_link(page_file("outcomes"), label=text("go_to_outcomes"), icon=":material/arrow_back:")
    else:
        missing = outcomes_without_support(plan)
        if missing:
            lines = "\n".join(f"- {escape_markdown(o.text.strip())}" for o in missing)
            st.warning(f"{text('outcomes_unsupported')}\n\n{lines}", icon=":material/flag:")
        else:
            st.success(text("outcomes_all_supported"), icon=":material/check_circle:")
        st.markdown(f"**{text('other_help_label')}** {say(content.service.text['optional'])}  \n{text('other_help_hint')}")
        ids = list(outcome_text)
        chosen = set(plan.spending.outcomes_other_help)
        for outcome_id in ids:
            key = f"w_spending_other_{outcome_id}"
            st.session_state[key] = outcome_id in chosen
            st.checkbox(escape_markdown(outcome_text[outcome_id]), key=key, on_change=keep_other_help(ids))
    unlinked = items_without_outcome(plan)
    if unlinked:
        st.warning(text("items_unlinked", count=str(len(unlinked))), icon=":material/link_off:")
    st.markdown(f"**{text('best_value_heading')}**")
    st.info(text("best_value"), icon=":material/savings:")


# ---------------------------------------------------------------- the page

errors = begin_step(STEP)
outcome_text = {o.id: o.text.strip() for o in plan.change.outcomes if o.id in known_outcome_ids(plan)}
draw_list(outcome_text)
draw_form(outcome_text)
draw_totals()
draw_checks(outcome_text)
draw_fields(STEP, errors)
# Being over the estimate, or an unfinished item, never stops anyone moving on.
continue_button(STEP)
