"""Staying safe and if things change: risks and how each is managed, emergencies, contacts,
what happens if the carer cannot help or the person goes into hospital, and review dates."""
from datetime import date

from tests.app.plan_lists_helpers import (
    add_entry,
    entries,
    entry_widget_key,
    error_texts,
    fill_entry,
    fill_field,
    go,
    new_app,
    plan,
    press,
    start_as_carer,
    widget,
)


def add_risk(at, risk, how_managed) -> str:
    key = add_entry(at, "safety", "risks")
    fill_entry(at, "safety", "risks", key, risk=risk, how_managed=how_managed)
    return key


def test_risks_and_how_they_are_managed_are_kept_after_visiting_another_step():
    at = go(new_app(), "safety")
    falls = add_risk(at, "Falling at night", "Pendant alarm and a night light")
    add_risk(at, "Forgetting medicines", "Pill box that beeps; Sam phones at 6")
    go(at, "network")
    go(at, "safety")
    assert [(r.risk, r.how_managed) for r in entries(at, "safety", "risks")] == [
        ("Falling at night", "Pendant alarm and a night light"),
        ("Forgetting medicines", "Pill box that beeps; Sam phones at 6"),
    ]
    assert widget(at, entry_widget_key("safety", "risks", falls, "how_managed")).value == (
        "Pendant alarm and a night light"
    )


def test_a_risk_without_how_it_is_managed_is_pointed_out():
    at = go(new_app(), "safety")
    key = add_entry(at, "safety", "risks")
    fill_entry(at, "safety", "risks", key, risk="Scam phone calls")
    fill_field(at, "safety", "if_carer_unable", "My sister steps in")
    press(at, "continue_safety")
    errors = [e.replace("\\", "") for e in error_texts(at)]
    assert "Risk 1: please answer the question “How is this managed, or how could it be?”" in errors[0]
    assert plan(at).safety.risks[0].risk == "Scam phone calls"


def test_emergency_contacts_are_added_edited_and_removed_one_at_a_time():
    at = go(new_app(), "safety")
    first = add_entry(at, "safety", "contacts")
    fill_entry(at, "safety", "contacts", first, name="Sam", relationship="son", phone="07700 900123")
    second = add_entry(at, "safety", "contacts")
    fill_entry(at, "safety", "contacts", second, name="Dr Okafor", phone="0161 496 0000", notes="Weekdays")
    fill_entry(at, "safety", "contacts", first, notes="First choice, any time")
    press(at, f"up_safety_contacts_{second}")
    go(at, "outcomes")
    go(at, "safety")
    contacts = entries(at, "safety", "contacts")
    assert [c.name for c in contacts] == ["Dr Okafor", "Sam"]
    assert contacts[1].notes == "First choice, any time"
    press(at, f"remove_safety_contacts_{second}")
    assert [c.phone for c in entries(at, "safety", "contacts")] == ["07700 900123"]


def test_the_contingency_plan_is_required_and_asked_of_a_carer_about_themselves():
    at = start_as_carer(new_app(), name="Margaret")
    go(at, "safety")
    label = widget(at, "w_safety_if_carer_unable").label
    assert label.startswith("What should happen if you are suddenly unable to care for Margaret?")
    assert "(optional)" not in label
    assert "(optional)" in widget(at, "w_safety_hospital_plan").label
    press(at, "continue_safety")
    assert "suddenly unable to care for Margaret" in error_texts(at)[0]


def test_emergency_hospital_and_review_answers_are_kept():
    at = go(new_app(), "safety")
    answers = {
        "emergency_plan": "Call Sam; key safe code is with him",
        "if_carer_unable": "Aisha next door has a key and can stay",
        "hospital_plan": "Biscuit the cat goes to Dot's",
        "review_when": "After my hip operation in spring",
        "review_questions": "Could equipment help instead of visits?",
    }
    for field_id, text in answers.items():
        widget(at, f"w_safety_{field_id}").input(text)
    at.run()
    go(at, "about")
    go(at, "safety")
    for field_id, text in answers.items():
        assert widget(at, f"w_safety_{field_id}").value == text


def test_suggested_review_dates_follow_from_when_support_starts():
    at = go(new_app(), "safety")
    fill_field(at, "safety", "support_starts", date(2027, 1, 4))
    press(at, "safety_suggest_dates")
    assert plan(at).safety.first_review == date(2027, 2, 15)
    assert plan(at).safety.yearly_review == date(2028, 1, 4)
    assert widget(at, "w_safety_first_review").value == date(2027, 2, 15)


def test_asking_for_suggested_dates_without_a_start_date_says_what_to_do():
    at = go(new_app(), "safety")
    press(at, "safety_suggest_dates")
    assert plan(at).safety.first_review is None
    assert any("Enter when support is likely to start" in w.value for w in at.warning)


def test_review_dates_can_be_changed_and_are_kept():
    at = go(new_app(), "safety")
    fill_field(at, "safety", "support_starts", date(2027, 1, 4))
    press(at, "safety_suggest_dates")
    fill_field(at, "safety", "first_review", date(2027, 3, 1))
    go(at, "check")
    go(at, "safety")
    assert widget(at, "w_safety_first_review").value == date(2027, 3, 1)
    assert widget(at, "w_safety_yearly_review").value == date(2028, 1, 4)


def test_a_first_review_before_support_starts_is_pointed_out_on_continue():
    at = go(new_app(), "safety")
    fill_field(at, "safety", "if_carer_unable", "My sister steps in")
    fill_field(at, "safety", "support_starts", date(2027, 3, 1))
    fill_field(at, "safety", "first_review", date(2027, 2, 1))
    press(at, "continue_safety")
    errors = error_texts(at)
    assert "first review date is before support starts" in errors[0]
    assert any(e.startswith("The first review date is before support starts") for e in errors[1:])
    assert plan(at).progress.current_step == "safety"


def test_a_yearly_review_more_than_a_year_away_is_a_gentle_warning_not_a_stop():
    at = go(new_app(), "safety")
    fill_field(at, "safety", "if_carer_unable", "My sister steps in")
    fill_field(at, "safety", "support_starts", date(2027, 3, 1))
    fill_field(at, "safety", "yearly_review", date(2028, 9, 1))
    assert any("more than a year after support starts" in w.value for w in at.warning)
    press(at, "continue_safety")
    assert plan(at).progress.current_step == "check"


def test_the_page_explains_when_reviews_happen():
    at = go(new_app(), "safety")
    body = " ".join(m.value for m in at.markdown)
    assert "about 6 weeks after support starts" in body
    assert "at least every year" in body
    assert "planned" in body and "unplanned" in body
