"""Plan assembly: every answer appears once, worded, in order; blanks and hidden answers
are handled; spending totals use 52 weeks and 13 four-week periods."""
from decimal import Decimal

import pytest

from logic.content import (
    PDF_TEXT_KEYS,
    Content,
    FieldDef,
    ListDef,
    NeedArea,
    Option,
    PdfContent,
    PdfSection,
    ServiceContent,
    ShowIf,
    StepContent,
)
from logic.content import EntryFieldDef
from logic.plan import Outcome, Plan, SupportItem
from logic.summary import (
    Answer,
    AnswerList,
    all_answer_paths,
    answer_groups,
    missing_answers,
    plan_document,
    spending_table,
)
from logic.managing import FOLLOW_UP_ANSWERS
from logic.wording import PersonWording


def make_content(sections: list[PdfSection] | None = None) -> Content:
    """A small planner: a Start step, an About step and an Outcomes step with a list."""
    start = StepContent(
        id="start",
        title="Start",
        heading="Start",
        section="who",
        fields=[
            FieldDef(id="mode", kind="choice", label="Who is this plan for?", required=True,
                     options=[Option(id="self", label="For myself"), Option(id="carer", label="For someone I care for")]),
            FieldDef(id="person_name", kind="short_text", label=PersonWording(self="Your name", other="Their name")),
            FieldDef(id="planner_name", kind="short_text", label="Your name",
                     show_if=ShowIf(field="mode", any_of=["carer"])),
        ],
    )
    about = StepContent(
        id="about",
        title="About you",
        heading="About you",
        section="about",
        fields=[
            FieldDef(id="important_to_me", kind="long_text", label=PersonWording(self="What matters to you?", other="What matters to {name}?"), required=True),
            FieldDef(id="good_day", kind="long_text", label="A good day"),
        ],
    )
    outcomes = StepContent(
        id="outcomes",
        title="What you want to change",
        heading="What you want to change",
        section="change",
        lists={
            "outcomes": ListDef(
                heading="Outcomes",
                entry_title="Outcome {number}",
                add="Add an outcome",
                fields=[
                    EntryFieldDef(id="text", kind="long_text", label="What do you want?"),
                    EntryFieldDef(id="need_areas", kind="need_areas", label="Which needs?"),
                ],
            )
        },
    )
    text = {key: key.upper() for key in PDF_TEXT_KEYS}
    text.update(not_provided="Not provided", yes="Yes", no="No", other_answers="Other answers",
                compare_within="Within: {amount}", compare_above="Above: {amount}",
                compare_below="Below: {amount}")
    pdf = PdfContent(
        title=PersonWording(self="My plan", other="Plan for {name}"),
        subject="A draft plan",
        draft_mark="Draft",
        months=["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        cover_answers=["who.person_name", "who.mode", "who.planner_name"],
        text=text,
        labels={"who.person_name": "Plan for"},
        sections=sections if sections is not None else [
            PdfSection(id="important", heading=PersonWording(self="What is important to me", other="What is important to {name}"),
                       answers=["about.important_to_me", "about.good_day"]),
            PdfSection(id="outcomes", heading="Outcomes", answers=["change.outcomes"]),
            PdfSection(id="spending", heading="Spending", answers=["spending.best_value_notes"], spending_table=True),
        ],
    )
    return Content(
        service=ServiceContent(schema_version=1, service_name="Planner",
                               text={"fallback_name": "the person you care for",
                                     "error_required": "Enter an answer for: {label}",
                                     "error_too_long": "{label} is too long"}),
        steps={"start": start, "about": about, "outcomes": outcomes},
        need_areas=[NeedArea(id="community", label="Getting out", regulation="r"),
                    NeedArea(id="dressing", label="Getting dressed", regulation="r")],
        pdf=pdf,
    )


def carer_plan() -> Plan:
    plan = Plan()
    plan.who.mode = "carer"
    plan.who.person_name = "Zoë"
    plan.who.planner_name = "Anna"
    plan.about.important_to_me = "My cat"
    plan.change.outcomes = [
        Outcome(id="o1", text="Go to the lunch club", need_areas=["community"]),
        Outcome(id="o2", text="Dress myself", need_areas=["dressing", "community"]),
    ]
    return plan


def find(items, path):
    return next(item for item in items if item.path == path)


def test_check_groups_follow_the_steps_in_order():
    groups = answer_groups(make_content(), carer_plan())
    assert [g.step_id for g in groups] == ["start", "about", "outcomes"]


def test_a_blank_optional_answer_has_no_text():
    about = answer_groups(make_content(), carer_plan())[1]
    assert find(about.items, "about.good_day").text is None


def test_labels_speak_to_a_carer_about_the_person():
    about = answer_groups(make_content(), carer_plan())[1]
    assert find(about.items, "about.important_to_me").label == "What matters to Zoë?"


def test_a_choice_shows_its_words_not_its_id():
    start = answer_groups(make_content(), carer_plan())[0]
    assert find(start.items, "who.mode").text == "For someone I care for"


def test_answers_to_hidden_questions_count_for_nothing():
    plan = carer_plan()
    plan.who.mode = "self"
    start = answer_groups(make_content(), plan)[0]
    assert "who.planner_name" not in [item.path for item in start.items]
    cover = plan_document(make_content(), plan).cover
    assert "Anna" not in [answer.text for answer in cover]


def test_list_entries_keep_their_order_titles_and_need_area_words():
    outcomes = answer_groups(make_content(), carer_plan())[2]
    items = find(outcomes.items, "change.outcomes")
    assert isinstance(items, AnswerList)
    assert [e.title for e in items.entries] == ["Outcome 1", "Outcome 2"]
    assert items.entries[1].answers[0].text == "Dress myself"
    assert items.entries[1].answers[1].text == "Getting dressed; Getting out"


def test_missing_required_answers_name_their_step():
    missing = missing_answers(make_content(), Plan())
    assert {m.step_id for m in missing} == {"start", "about"}
    assert not missing_answers(make_content(), carer_plan())


def test_every_answer_the_plan_holds_is_in_the_document():
    doc = plan_document(make_content(), carer_plan())
    printed = {answer.path for answer in doc.cover}
    for section in doc.sections:
        printed |= {item.path for item in section.items}
        if section.spending is not None:
            printed.add("spending.items")
    # Follow-up questions of a way of managing the budget apply only once that way is chosen.
    not_chosen = {f"managing.{name}" for name in FOLLOW_UP_ANSWERS}
    assert set(all_answer_paths()) - not_chosen <= printed


def test_answers_no_section_lists_go_under_other_answers():
    doc = plan_document(make_content(), carer_plan())
    other = doc.sections[-1]
    assert other.heading == "Other answers"
    assert "network.community" in [item.path for item in other.items]
    assert "about.important_to_me" not in [item.path for item in other.items]


def test_a_section_with_no_answers_is_kept_and_marked_empty():
    doc = plan_document(make_content(), Plan())
    important = doc.sections[0]
    assert important.heading == "What is important to me"
    assert important.empty


def test_spending_totals_use_52_weeks_and_13_four_week_periods():
    plan = carer_plan()
    plan.spending.items = [
        SupportItem(description="PA", quantity=Decimal("10"), frequency="week", unit_cost=Decimal("13.75"), outcome_ids=["o1"]),
        SupportItem(description="Club", quantity=Decimal("1"), frequency="four_weeks", unit_cost=Decimal("40")),
        SupportItem(description="Bath lift", quantity=Decimal("1"), frequency="one_off", unit_cost=Decimal("320")),
    ]
    table = spending_table(make_content(), plan)
    assert table.total_year == Decimal("137.5") * 52 + Decimal("40") * 13
    assert table.total_one_off == Decimal("320")
    assert table.rows[0].per_four_weeks == "£550.00"
    assert table.rows[0].outcomes == "Go to the lunch club"
    assert table.rows[2].per_year == "" and table.rows[2].one_off == "£320.00"


@pytest.mark.parametrize("mode, title", [("self", "My plan"), ("carer", "Plan for Zoë")])
def test_the_document_title_speaks_for_whoever_plans(mode, title):
    plan = carer_plan()
    plan.who.mode = mode
    assert plan_document(make_content(), plan).title == title


def test_the_cover_uses_the_plan_s_own_labels():
    cover = plan_document(make_content(), carer_plan()).cover
    assert cover[0] == Answer("who.person_name", "Plan for", "Zoë")
