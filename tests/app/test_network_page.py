"""Your support network: people (name, relationship, what they help with, how often),
community, equipment, support in place, and a carer who may need support of their own."""
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

PEOPLE = [
    ("Sam", "son", "Shopping and lifts", "Every Saturday"),
    ("Aisha", "neighbour", "Checks in on me", "Every day"),
    ("Père Jean", "priest", "Visits and prayers", "Sundays"),
    ("Dot", "friend", "Phone calls", "Twice a week"),
]


def add_person(at, name, relationship, helps_with, how_often) -> str:
    key = add_entry(at, "network", "people")
    fill_entry(at, "network", "people", key, name=name, relationship=relationship, helps_with=helps_with,
               how_often=how_often)
    return key


def test_four_people_are_kept_with_every_detail_after_visiting_another_step():
    at = go(new_app(), "network")
    keys = [add_person(at, *person) for person in PEOPLE]
    go(at, "safety")
    go(at, "network")
    people = entries(at, "network", "people")
    assert [(p.name, p.relationship, p.helps_with, p.how_often) for p in people] == PEOPLE
    assert widget(at, entry_widget_key("network", "people", keys[2], "name")).value == "Père Jean"


def test_editing_one_person_and_removing_another_leaves_the_rest_alone():
    at = go(new_app(), "network")
    keys = [add_person(at, *person) for person in PEOPLE]
    fill_entry(at, "network", "people", keys[1], how_often="Morning and evening")
    press(at, f"remove_network_people_{keys[0]}")
    go(at, "outcomes")
    go(at, "network")
    people = entries(at, "network", "people")
    assert [p.name for p in people] == ["Aisha", "Père Jean", "Dot"]
    assert people[0].how_often == "Morning and evening"
    assert widget(at, entry_widget_key("network", "people", keys[3], "helps_with")).value == "Phone calls"
    assert at.markdown.values.count("### Person 1") == 1


def test_a_person_without_a_name_is_pointed_out_by_their_number():
    at = go(new_app(), "network")
    add_person(at, *PEOPLE[0])
    key = add_entry(at, "network", "people")
    fill_entry(at, "network", "people", key, helps_with="Gardening")
    press(at, "continue_network")
    errors = [e.replace("\\", "") for e in error_texts(at)]
    assert "Person 2: please answer the question “Their name”" in errors[0]


def test_community_equipment_and_support_in_place_are_kept():
    at = go(new_app(), "network")
    fill_field(at, "network", "community", "Lunch club on Wednesdays")
    fill_field(at, "network", "equipment", "Pendant alarm, perching stool")
    fill_field(at, "network", "current_support", "District nurse twice a week")
    go(at, "about")
    go(at, "network")
    assert widget(at, "w_network_community").value == "Lunch club on Wednesdays"
    assert plan(at).network.equipment == "Pendant alarm, perching stool"
    assert plan(at).network.current_support == "District nurse twice a week"


def test_whether_a_carer_is_involved_must_be_answered():
    at = go(new_app(), "network")
    press(at, "continue_network")
    assert "Does a carer help you?" in error_texts(at)[0]


def test_a_carer_who_might_need_support_is_told_about_a_carers_assessment():
    at = start_as_carer(new_app(), name="Margaret")
    go(at, "network")
    assert widget(at, "w_network_carer_needs_support") is None
    fill_field(at, "network", "carer_involved", "yes")
    assert widget(at, "w_network_carer_involved").label.startswith("Are you, or someone else, a carer for Margaret?")
    assert not any("carer's assessment" in i.value for i in at.info)
    fill_field(at, "network", "carer_needs_support", "not_sure")
    prompt = [i.value for i in at.info if "carer's assessment" in i.value]
    assert prompt and "You can ask for a carer's assessment" in prompt[0]
    assert "even if Margaret does not get support" in prompt[0]
    fill_field(at, "network", "carer_needs_support", "no")
    assert not any("carer's assessment" in i.value for i in at.info)


def test_the_person_is_told_their_carer_can_ask_for_an_assessment():
    at = go(new_app(), "network")
    fill_field(at, "network", "carer_involved", "yes")
    fill_field(at, "network", "carer_needs_support", "yes")
    assert any("Your carer can ask for a carer's assessment" in i.value for i in at.info)


def test_the_list_of_people_is_marked_optional():
    at = go(new_app(), "network")
    assert any(s.value.startswith("People who help") and "(optional)" in s.value for s in at.header)
