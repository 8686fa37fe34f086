"""Step: Managing your budget. How the budget is received (from budget_management.toml, each
way explained with its responsibilities), the follow-up each way needs (who a direct payment
goes to, a managed account provider, an organisation, or which items go which way in a mix),
and who helps manage it. Every answer is copied into the Plan as it changes.
"""
from __future__ import annotations

import streamlit as st

from logic.journey import visible_fields
from logic.managing import asked_follow_ups
from logic.money import pounds
from logic.spending import item_title, totals_by_way
from logic.wording import escape_markdown
from ui.fields import draw_field
from ui.frame import begin_step, continue_button, page_file
from ui.state import get_content, get_plan
from ui.words import say

STEP = "managing"

content = get_content()
plan = get_plan()
management = content.budget_management
words = content.step(STEP).text
optional = say(content.service.text["optional"])


def text(key: str, **extra: str) -> str:
    return say(words[key], **extra)


def keep(field: str, key: str):
    def copy() -> None:
        value = st.session_state[key]
        setattr(plan.managing, field, value if value is not None else "")

    return copy


def keep_item_way(item_id: str, key: str):
    def copy() -> None:
        for item in plan.spending.items:
            if item.id == item_id:
                item.how_paid = st.session_state[key] or ""

    return copy


def keep_help(ids: list[str]):
    def copy() -> None:
        plan.managing.help_with = [i for i in ids if st.session_state.get(f"w_managing_help_{i}")]

    return copy


def draw_way(way) -> None:
    st.markdown(say(way.explanation))
    if way.responsibilities:
        lines = "\n".join(f"- {say(r)}" for r in way.responsibilities)
        st.markdown(f"**{text('responsibilities_heading')}**\n\n{lines}")


def draw_recipient() -> None:
    key = "w_managing_direct_payment_to"
    choices = ["self", "nominee"]
    st.session_state[key] = plan.managing.direct_payment_to if plan.managing.direct_payment_to in choices else None
    st.radio(
        text("recipient_label"),
        choices,
        format_func=lambda c: text(f"recipient_{c}"),
        captions=["", text("recipient_nominee_hint")],
        index=None,
        key=key,
        on_change=keep("direct_payment_to", key),
    )
    if plan.managing.direct_payment_to == "nominee":
        if "nominee" in by_field:
            st.error(escape_markdown(by_field["nominee"]), icon=":material/error:")
        key = "w_managing_nominee"
        st.session_state[key] = plan.managing.nominee
        st.text_input(f"{text('nominee_label')} {optional}", key=key, on_change=keep("nominee", key))


def draw_provider() -> None:
    key = "w_managing_provider_id"
    ids = [p.id for p in content.providers]
    names = {p.id: escape_markdown(p.name) for p in content.providers}
    st.session_state[key] = plan.managing.provider_id if plan.managing.provider_id in ids else None
    st.radio(
        f"{text('provider_label')}\n\n{text('provider_hint')}",  # the hint is read with the question
        ids,
        format_func=lambda provider_id: names[provider_id],
        # Phone only here: e-mail links in faded captions fail colour contrast; the chosen
        # provider's full contact details are shown below.
        captions=[text("provider_phone", phone=p.phone) for p in content.providers],
        index=None,
        key=key,
        on_change=keep("provider_id", key),
    )
    chosen_provider = next((p for p in content.providers if p.id == plan.managing.provider_id), None)
    if chosen_provider is not None:
        contact = text("provider_contact", phone=chosen_provider.phone, email=chosen_provider.email)
        st.success(f"**{escape_markdown(chosen_provider.name)}**  \n{contact}", icon=":material/call:")


def draw_organisation() -> None:
    if "organisation" in by_field:
        st.error(escape_markdown(by_field["organisation"]), icon=":material/error:")
    key = "w_managing_organisation"
    st.session_state[key] = plan.managing.organisation
    st.text_input(f"{text('organisation_label')} {optional}", key=key, on_change=keep("organisation", key))


def draw_item_ways() -> None:
    st.markdown(f"**{text('items_label')}**  \n{text('items_hint')}")
    if not plan.spending.items:
        st.info(text("no_items"), icon=":material/info:")
        st.page_link(page_file("spending"), label=text("go_to_spending"), icon=":material/arrow_back:")
        return
    carriers = [w for w in management.ways if w.carries_items]
    ids = [w.id for w in carriers]
    labels = {w.id: say(w.label) for w in carriers}
    for item in plan.spending.items:
        key = f"w_managing_way_{item.id}"
        st.session_state[key] = item.how_paid if item.how_paid in ids else None
        st.selectbox(
            text("item_way_label", item=item_title(content, item)),
            ids,
            format_func=lambda way_id: labels[way_id],
            index=None,
            placeholder=text("item_way_placeholder"),
            key=key,
            on_change=keep_item_way(item.id, key),
        )
    undecided = [i for i in plan.spending.items if i.how_paid not in ids]
    if undecided:
        st.caption(text("items_undecided", count=str(len(undecided))))


def draw_payments() -> None:
    """What a direct payment would come to, from the items it pays for."""
    by_way = totals_by_way(content, plan)
    direct = by_way.get("direct_payment")
    if direct is None or not (direct.yearly or direct.one_off):
        return
    st.markdown(f"**{text('payments_heading')}**")
    if direct.yearly:
        st.markdown(text("direct_payment_amount", amount=pounds(direct.four_weekly)))
    if direct.one_off:
        st.markdown(text("direct_payment_lump_sum", amount=pounds(direct.one_off)))


errors = begin_step(STEP)
by_field = {e.field_id: e.message for e in errors}

method_key = "w_managing_method"
way_ids = [w.id for w in management.ways]
way_labels = {w.id: say(w.label) for w in management.ways}
st.session_state[method_key] = plan.managing.method if plan.managing.method in way_ids else None
st.radio(
    text("method_label"),
    way_ids,
    format_func=lambda way_id: way_labels[way_id],
    captions=[say(w.summary) for w in management.ways],
    index=None,
    key=method_key,
    on_change=keep("method", method_key),
)

DRAW_ASK = {"recipient": draw_recipient, "provider": draw_provider, "organisation": draw_organisation, "items": draw_item_ways}
fields = {f.id: f for f in visible_fields(content, plan, STEP)}
chosen = management.way(plan.managing.method)
if chosen is not None:
    with st.container(border=True):
        st.markdown(f"**{text('chosen_heading')}: {say(chosen.label)}**")
        draw_way(chosen)
        # A mix also asks what each way its items use needs (logic.managing, as the PDF does).
        for ask in asked_follow_ups(content, plan):
            DRAW_ASK[ask]()
            if ask == "items" and "mix_notes" in fields:
                draw_field(STEP, fields.pop("mix_notes"), by_field.get("mix_notes"))
        draw_payments()

with st.expander(text("compare_heading")):
    for way in management.ways:
        st.markdown(f"**{say(way.label)}**")
        draw_way(way)

st.header(text("help_heading"), anchor="help")
if "helper" in fields:
    draw_field(STEP, fields.pop("helper"), by_field.get("helper"))
if management.help:
    st.markdown(f"**{text('help_with_label')}** {optional}  \n{text('help_with_hint')}")
    help_ids = [h.id for h in management.help]
    for kind in management.help:
        key = f"w_managing_help_{kind.id}"
        st.session_state[key] = kind.id in plan.managing.help_with
        st.checkbox(say(kind.label), key=key, on_change=keep_help(help_ids))
for field in fields.values():
    draw_field(STEP, field, by_field.get(field.id))

continue_button(STEP)  # its own checks: ui.checks.managing_problems
