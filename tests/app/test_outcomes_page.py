"""What you want to change: outcomes in the person's words, linked to need areas, added,
edited, moved and removed one at a time, started from examples, and kept across steps."""
from tests.app.plan_lists_helpers import (
    add_entry,
    entries,
    entry_widget_key,
    error_texts,
    fill_entry,
    go,
    new_app,
    plan,
    press,
    start_as_carer,
    widget,
)


def add_outcome(at, text, areas=("community",), **more) -> str:
    key = add_entry(at, "outcomes", "outcomes")
    fill_entry(at, "outcomes", "outcomes", key, text=text, need_areas=list(areas), **more)
    return key


def texts(at) -> list[str]:
    return [o.text for o in entries(at, "outcomes", "outcomes")]


def test_an_outcome_with_every_answer_is_kept_after_visiting_another_step():
    at = go(new_app(), "outcomes")
    key = add_outcome(
        at,
        "I want to get to the mosque on Fridays",
        areas=("community", "relationships"),
        priority="high",
        timescale="months",
        how_we_know="I have been every Friday for a month",
    )
    go(at, "network")
    go(at, "outcomes")
    (outcome,) = entries(at, "outcomes", "outcomes")
    assert outcome.id == key
    assert outcome.need_areas == ["community", "relationships"]
    assert (outcome.priority, outcome.timescale) == ("high", "months")
    assert widget(at, entry_widget_key("outcomes", "outcomes", key, "text")).value == outcome.text
    assert widget(at, entry_widget_key("outcomes", "outcomes", key, "how_we_know")).value == (
        "I have been every Friday for a month"
    )
    assert widget(at, entry_widget_key("outcomes", "outcomes", key, "priority")).value == "high"


def test_removing_the_middle_outcome_leaves_the_others_exactly_as_typed():
    at = go(new_app(), "outcomes")
    first = add_outcome(at, "First: shower safely", areas=("personal_hygiene",))
    middle = add_outcome(at, "Second: see my grandchildren", areas=("relationships",))
    last = add_outcome(at, "Third: cook a hot meal", areas=("nutrition",))
    press(at, f"remove_outcomes_outcomes_{middle}")
    assert texts(at) == ["First: shower safely", "Third: cook a hot meal"]
    assert widget(at, entry_widget_key("outcomes", "outcomes", first, "text")).value == "First: shower safely"
    assert widget(at, entry_widget_key("outcomes", "outcomes", last, "text")).value == "Third: cook a hot meal"
    assert widget(at, entry_widget_key("outcomes", "outcomes", last, "need_areas")).value == ["nutrition"]
    assert widget(at, entry_widget_key("outcomes", "outcomes", middle, "text")) is None


def test_a_removed_outcome_can_be_put_back_in_its_place():
    at = go(new_app(), "outcomes")
    add_outcome(at, "one")
    middle = add_outcome(at, "two")
    add_outcome(at, "three")
    press(at, f"remove_outcomes_outcomes_{middle}")
    assert any(i.value.replace("\\", "") == "Outcome 2 (“two”) was removed." for i in at.info)
    assert at.button(key="undo_outcomes_outcomes").label.replace("\\", "") == "Undo: put Outcome 2 (“two”) back"
    press(at, "undo_outcomes_outcomes")
    assert texts(at) == ["one", "two", "three"]
    assert entries(at, "outcomes", "outcomes")[1].id == middle


def test_moving_an_outcome_changes_only_the_order():
    at = go(new_app(), "outcomes")
    first = add_outcome(at, "one", priority="low")
    second = add_outcome(at, "two", priority="high")
    press(at, f"down_outcomes_outcomes_{first}")
    assert texts(at) == ["two", "one"]
    assert [o.priority for o in entries(at, "outcomes", "outcomes")] == ["high", "low"]
    press(at, f"up_outcomes_outcomes_{first}")
    assert texts(at) == ["one", "two"]
    assert at.button(key=f"up_outcomes_outcomes_{first}").disabled
    assert at.button(key=f"down_outcomes_outcomes_{second}").disabled


def test_the_move_and_remove_buttons_name_their_outcome():
    at = go(new_app(), "outcomes")
    key = add_outcome(at, "one")
    assert at.button(key=f"remove_outcomes_outcomes_{key}").label == "Remove: Outcome 1"
    assert at.button(key=f"up_outcomes_outcomes_{key}").label == "Move up: Outcome 1"


def test_an_example_is_added_as_a_new_outcome_linked_to_its_need_area():
    at = go(new_app(), "outcomes")
    at.selectbox(key="w_outcomes_example_area").set_value("personal_hygiene").run()
    choices = at.radio(key="w_outcomes_example_personal_hygiene").options
    assert len(choices) >= 3
    at.radio(key="w_outcomes_example_personal_hygiene").set_value("I want to shower safely every morning.").run()
    press(at, "outcomes_add_example")
    (outcome,) = entries(at, "outcomes", "outcomes")
    assert outcome.text == "I want to shower safely every morning."
    assert outcome.need_areas == ["personal_hygiene"]
    assert any("Added as Outcome 1" in s.value for s in at.success)
    fill_entry(at, "outcomes", "outcomes", outcome.id, text="I want to shower safely before church on Sundays")
    assert texts(at) == ["I want to shower safely before church on Sundays"]


def test_adding_an_example_before_choosing_one_says_what_to_do():
    at = go(new_app(), "outcomes")
    press(at, "outcomes_add_example")
    assert entries(at, "outcomes", "outcomes") == []
    assert any("Choose an example first" in w.value for w in at.warning)


def test_the_persons_own_needs_come_first_among_the_example_areas():
    at = go(new_app(), "about")
    widget(at, "w_about_needs__work_learning__ticked").check().run()
    go(at, "outcomes")
    assert at.selectbox(key="w_outcomes_example_area").options[0] == "Work, learning and volunteering"
    assert any("Work, learning and volunteering" in i.value for i in at.info)


def test_an_outcome_that_names_a_service_gets_a_gentle_suggestion_but_is_allowed():
    at = go(new_app(), "outcomes")
    add_outcome(at, "I want more home care", areas=("personal_hygiene",))
    assert any('mentions "home care"' in i.value for i in at.info)
    press(at, "continue_outcomes")
    assert plan(at).progress.current_step == "network"


def test_an_outcome_that_says_a_result_gets_no_suggestion():
    at = go(new_app(), "outcomes")
    add_outcome(at, "I want to shower safely every morning", areas=("personal_hygiene",))
    assert not any("sounds like a service" in i.value for i in at.info)


def test_continue_with_no_outcomes_asks_kindly_for_one():
    at = go(new_app(), "outcomes")
    press(at, "continue_outcomes")
    assert "Your outcomes: please add at least 1." in error_texts(at)[0].replace("\\", "")
    assert plan(at).progress.current_step == "outcomes"


def test_an_outcome_not_linked_to_a_need_is_pointed_out_beside_it():
    at = go(new_app(), "outcomes")
    key = add_entry(at, "outcomes", "outcomes")
    fill_entry(at, "outcomes", "outcomes", key, text="I want to swim again")
    press(at, "continue_outcomes")
    errors = [e.replace("\\", "") for e in error_texts(at)]
    assert "Outcome 1: please answer the question “Which needs does this help with?”" in errors[0]
    assert "Outcome 1: please answer the question “Which needs does this help with?”" in errors[1:]
    assert texts(at) == ["I want to swim again"]


def test_a_carer_sees_the_persons_name_in_the_outcome_questions():
    at = start_as_carer(new_app(), name="Margaret")
    go(at, "outcomes")
    key = add_entry(at, "outcomes", "outcomes")
    assert at.title[0].value == "What Margaret wants to change"
    assert widget(at, entry_widget_key("outcomes", "outcomes", key, "text")).label.startswith(
        "Outcome 1: What does Margaret want?"
    )


def test_markdown_and_html_typed_in_an_outcome_are_kept_as_typed():
    at = go(new_app(), "outcomes")
    typed = "**bold** <script>alert(1)</script> [link](http://example.com) # heading"
    key = add_outcome(at, typed)
    go(at, "about")
    go(at, "outcomes")
    assert widget(at, entry_widget_key("outcomes", "outcomes", key, "text")).value == typed
    assert not any("alert(1)" in m.value for m in at.markdown)


def test_several_removals_are_undone_newest_first_and_all_come_back_in_place():
    at = go(new_app(), "outcomes")
    keys = [add_outcome(at, text) for text in ("one", "two", "three", "four")]
    press(at, f"remove_outcomes_outcomes_{keys[1]}")
    press(at, f"remove_outcomes_outcomes_{keys[2]}")
    assert texts(at) == ["one", "four"]
    assert at.button(key="undo_outcomes_outcomes").label.replace("\\", "") == "Undo: put Outcome 2 (“three”) back"
    press(at, "undo_outcomes_outcomes")
    press(at, "undo_outcomes_outcomes")
    assert texts(at) == ["one", "two", "three", "four"]
    assert [o.id for o in entries(at, "outcomes", "outcomes")] == keys
    assert all(b.key != "undo_outcomes_outcomes" for b in at.button)  # nothing left to undo
