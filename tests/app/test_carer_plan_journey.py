"""Done when: a carer records, for someone else, 5 outcomes linked to needs, 4 people in the
network, 2 risks with how they are managed, a contingency plan and review dates, goes back
and changes any of them, and finds all of it kept."""
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

NEEDS = {
    "personal_hygiene": "She cannot get in the bath any more",
    "nutrition": "She forgets to eat lunch",
    "relationships": "She misses her sister in Leeds",
    "community": "She has stopped going to church",
    "home_safety": "She fell on the stairs twice",
}
OUTCOMES = [
    ("I want to shower safely every morning", ["personal_hygiene", "home_safety"], "high", "weeks"),
    ("I want a hot lunch I enjoy every day", ["nutrition"], "high", "weeks"),
    ("I want to video call my sister every Sunday", ["relationships"], "medium", "months"),
    ("I want to get to St Mary's on Sundays", ["community", "relationships"], "medium", "months"),
    ("I want to get up and down the stairs without falling", ["home_safety"], "high", "year"),
]
PEOPLE = [
    ("Sam", "son", "Shopping, lifts, money", "Every Saturday"),
    ("Aisha", "neighbour", "Checks in each morning", "Every day"),
    ("Father Tom", "priest", "Visits", "Once a month"),
    ("Dot", "friend", "Phone calls", "Twice a week"),
]
RISKS = [
    ("Falling on the stairs at night", "Stair rail on both sides, night light, pendant alarm"),
    ("Forgetting medicines", "Pill box that beeps; Sam phones at 6pm"),
]


def record_everything(at):
    start_as_carer(at, name="Margaret", planner="Sam")
    go(at, "about")
    fill_field(at, "about", "important_to_me", "Her garden, her sister and church on Sundays")
    for area, words in NEEDS.items():
        widget(at, f"w_about_needs__{area}__ticked").check().run()
        fill_entry(at, "about", "needs", area, words=words)
    press(at, "continue_about")
    assert plan(at).progress.current_step == "outcomes", error_texts(at)
    go(at, "outcomes")  # AppTest's next run would redraw the page it last switched to itself

    # Two outcomes start from the council's examples and are edited; three are typed.
    at.selectbox(key="w_outcomes_example_area").set_value("personal_hygiene").run()
    at.radio(key="w_outcomes_example_personal_hygiene").set_value("I want to shower safely every morning.").run()
    press(at, "outcomes_add_example")
    at.selectbox(key="w_outcomes_example_area").set_value("nutrition").run()
    at.radio(key="w_outcomes_example_nutrition").set_value("I want to eat a hot meal I enjoy every day.").run()
    press(at, "outcomes_add_example")
    keys = [o.id for o in entries(at, "outcomes", "outcomes")]
    keys += [add_entry(at, "outcomes", "outcomes") for _ in range(3)]
    for key, (text, areas, priority, timescale) in zip(keys, OUTCOMES):
        fill_entry(at, "outcomes", "outcomes", key, text=text, need_areas=areas, priority=priority,
                   timescale=timescale, how_we_know=f"Margaret says: {text.lower()}")
    press(at, "continue_outcomes")
    assert plan(at).progress.current_step == "network", error_texts(at)
    go(at, "network")

    for person in PEOPLE:
        key = add_entry(at, "network", "people")
        fill_entry(at, "network", "people", key, **dict(zip(("name", "relationship", "helps_with", "how_often"), person)))
    fill_field(at, "network", "carer_involved", "yes")
    fill_field(at, "network", "carer_needs_support", "yes")
    assert any("carer's assessment" in i.value for i in at.info)
    press(at, "continue_network")
    assert plan(at).progress.current_step == "spending", error_texts(at)

    go(at, "safety")
    for risk, how in RISKS:
        key = add_entry(at, "safety", "risks")
        fill_entry(at, "safety", "risks", key, risk=risk, how_managed=how)
    fill_field(at, "safety", "emergency_plan", "Call Sam first. Key safe code is with Aisha.")
    key = add_entry(at, "safety", "contacts")
    fill_entry(at, "safety", "contacts", key, name="Sam", relationship="son", phone="07700 900123")
    fill_field(at, "safety", "if_carer_unable", "Aisha stays the first night; Sam's wife Jo takes over after that.")
    fill_field(at, "safety", "hospital_plan", "Dot feeds the cat; tell the hospital she is hard of hearing.")
    fill_field(at, "safety", "support_starts", date(2027, 1, 4))
    press(at, "safety_suggest_dates")
    fill_field(at, "safety", "review_questions", "Is the shower seat enough?")
    press(at, "continue_safety")
    assert plan(at).progress.current_step == "check", error_texts(at)


def change_some_of_it(at):
    go(at, "outcomes")
    third = entries(at, "outcomes", "outcomes")[2].id
    fill_entry(at, "outcomes", "outcomes", third, text="I want to visit my sister in Leeds twice a year",
               need_areas=["relationships", "community"], priority="high")
    press(at, f"up_outcomes_outcomes_{third}")
    go(at, "network")
    second = entries(at, "network", "people")[1].id
    fill_entry(at, "network", "people", second, how_often="Morning and evening")
    go(at, "safety")
    risk = entries(at, "safety", "risks")[1].id
    fill_entry(at, "safety", "risks", risk, how_managed="Blister pack from the chemist; Sam phones at 6pm")
    fill_field(at, "safety", "if_carer_unable", "Jo (Sam's wife) steps in straight away.")
    fill_field(at, "safety", "first_review", date(2027, 2, 22))


def test_a_carer_records_a_whole_plan_for_margaret_changes_parts_and_finds_it_all_kept():
    at = new_app()
    record_everything(at)
    change_some_of_it(at)
    kept = plan(at).model_copy(deep=True)

    # Visit every step, in a different order, and find every answer as left.
    for step in ("check", "start", "about", "budget", "outcomes", "spending", "network", "managing", "safety"):
        go(at, step)
    for section in ("who", "about", "change", "network", "safety"):
        assert getattr(plan(at), section) == getattr(kept, section), section

    outcomes = plan(at).change.outcomes
    assert len(outcomes) == 5
    assert all(o.need_areas for o in outcomes)
    assert outcomes[1].text == "I want to visit my sister in Leeds twice a year"
    assert outcomes[1].need_areas == ["relationships", "community"]
    assert outcomes[0].text == "I want to shower safely every morning"
    assert [p.name for p in plan(at).network.people] == ["Sam", "Aisha", "Father Tom", "Dot"]
    assert plan(at).network.people[1].how_often == "Morning and evening"
    assert [r.risk for r in plan(at).safety.risks] == [r for r, _ in RISKS]
    assert plan(at).safety.risks[1].how_managed.startswith("Blister pack")
    assert plan(at).safety.if_carer_unable == "Jo (Sam's wife) steps in straight away."
    assert (plan(at).safety.first_review, plan(at).safety.yearly_review) == (date(2027, 2, 22), date(2028, 1, 4))

    # And the widgets show it, spoken to the carer about Margaret.
    assert at.title[0].value == "Staying safe and if things change"
    assert widget(at, "w_safety_first_review").value == date(2027, 2, 22)
    go(at, "outcomes")
    assert at.title[0].value == "What Margaret wants to change"
    second = outcomes[1].id
    assert widget(at, entry_widget_key("outcomes", "outcomes", second, "text")).value == outcomes[1].text
    assert widget(at, entry_widget_key("outcomes", "outcomes", second, "priority")).value == "high"
    go(at, "network")
    assert widget(at, entry_widget_key("network", "people", plan(at).network.people[3].id, "name")).value == "Dot"
