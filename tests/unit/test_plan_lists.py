"""Lists in the plan (outcomes, people, risks, contacts, needs) change one entry at a time,
and their answers are checked kindly: required, not too long, enough entries. Text that is
too long is reported, never cut."""
from logic.content import Content, EntryFieldDef, ListDef, NeedArea, ServiceContent, StepContent
from logic.entries import find_entry, move_entry, remove_entry, restore_entry
from logic.journey import entry_field_id, validate_fields, validate_list_entries
from logic.plan import NeedNote, Outcome, Plan, Risk
from logic.wording import PersonWording

SERVICE_TEXT = {
    "fallback_name": "the person you care for",
    "error_required": "Enter an answer for: {label}",
    "error_entry_required": "{item}: please answer the question “{label}”",
    "error_too_long": "{label}: this answer has {count} characters. Please shorten it to {max} or fewer.",
    "error_list_too_few": "{label}: please add at least {count}.",
}


def make_content(min_outcomes: int = 0, text_limit: int = 50) -> Content:
    outcomes = ListDef(
        heading=PersonWording(self="Your outcomes", other="{name}'s outcomes"),
        entry_title="Outcome {number}",
        add="Add an outcome",
        min_entries=min_outcomes,
        fields=[
            EntryFieldDef(
                id="text",
                kind="long_text",
                label=PersonWording(self="What do you want?", other="What does {name} want?"),
                required=True,
                max_chars=text_limit,
            ),
            EntryFieldDef(id="need_areas", kind="need_areas", label="Which needs?", required=True),
            EntryFieldDef(id="how_we_know", kind="long_text", label="How will we know?", max_chars=text_limit),
        ],
    )
    needs = ListDef(
        heading="Needs",
        entry_title="{area}",
        add="Areas",
        fields=[EntryFieldDef(id="words", kind="long_text", label="In your words", max_chars=20)],
    )
    return Content(
        service=ServiceContent(schema_version=1, service_name="Planner", text=SERVICE_TEXT),
        steps={
            "outcomes": StepContent(id="outcomes", title="Outcomes", heading="h", section="change",
                                    lists={"outcomes": outcomes}),
            "about": StepContent(id="about", title="About", heading="h", section="about", lists={"needs": needs}),
        },
        need_areas=[
            NeedArea(id="nutrition", label="Eating and drinking", regulation="a"),
            NeedArea(id="community", label="Getting out", regulation="i"),
        ],
    )


def three_risks() -> list[Risk]:
    return [Risk(risk="falls"), Risk(risk="medicines"), Risk(risk="scams")]


def test_moving_an_entry_up_swaps_only_it_and_its_neighbour():
    risks = three_risks()
    ids = [r.id for r in risks]
    assert move_entry(risks, ids[2], -1)
    assert [r.id for r in risks] == [ids[0], ids[2], ids[1]]


def test_the_first_entry_cannot_move_up_and_the_last_cannot_move_down():
    risks = three_risks()
    before = list(risks)
    assert not move_entry(risks, risks[0].id, -1)
    assert not move_entry(risks, risks[-1].id, 1)
    assert risks == before


def test_removing_an_entry_leaves_the_others_exactly_as_they_were():
    risks = three_risks()
    first, middle, last = (r.model_copy() for r in risks)
    index, removed = remove_entry(risks, middle.id)
    assert index == 1 and removed == middle
    assert risks == [first, last]


def test_a_removed_entry_can_be_put_back_where_it_was():
    risks = three_risks()
    original = list(risks)
    index, removed = remove_entry(risks, risks[1].id)
    restore_entry(risks, index, removed)
    assert risks == original


def test_putting_back_twice_does_not_duplicate_an_entry():
    risks = three_risks()
    index, removed = remove_entry(risks, risks[0].id)
    restore_entry(risks, index, removed)
    restore_entry(risks, index, removed)
    assert len(risks) == 3


def test_need_notes_are_found_by_their_need_area():
    notes = [NeedNote(area="nutrition", words="cooking"), NeedNote(area="community")]
    assert find_entry(notes, "nutrition").words == "cooking"
    assert find_entry(notes, "dressing") is None


def test_a_missing_required_answer_names_the_entry_and_the_question():
    content = make_content()
    plan = Plan()
    plan.change.outcomes = [Outcome(text="See my grandchildren", need_areas=["nutrition"]), Outcome(need_areas=["community"])]
    errors = validate_list_entries(content, plan, "outcomes")
    assert [e.message for e in errors] == ["Outcome 2: please answer the question “What do you want?”"]
    assert errors[0].field_id == entry_field_id("outcomes", plan.change.outcomes[1].id, "text")


def test_a_carer_is_asked_about_the_person_by_name():
    content = make_content()
    plan = Plan()
    plan.who.mode = "carer"
    plan.who.person_name = "Margaret"
    plan.change.outcomes = [Outcome(need_areas=["nutrition"])]
    (error,) = validate_list_entries(content, plan, "outcomes")
    assert error.message == "Outcome 1: please answer the question “What does Margaret want?”"


def test_an_outcome_must_link_to_a_need_area_that_exists():
    content = make_content()
    plan = Plan()
    plan.change.outcomes = [Outcome(text="Swim again", need_areas=["an_area_the_council_removed"])]
    (error,) = validate_list_entries(content, plan, "outcomes")
    assert error.field_id.endswith("__need_areas")
    assert "Which needs?" in error.message


def test_an_outcome_linked_to_several_need_areas_is_accepted():
    content = make_content()
    plan = Plan()
    plan.change.outcomes = [Outcome(text="Go to the café with friends", need_areas=["nutrition", "community"])]
    assert validate_list_entries(content, plan, "outcomes") == []


def test_a_too_long_answer_is_reported_with_its_length_and_kept_whole():
    content = make_content(text_limit=50)
    plan = Plan()
    long_text = "I want to walk to the park 🌳 " * 400
    plan.change.outcomes = [Outcome(text=long_text, need_areas=["nutrition"])]
    (error,) = validate_list_entries(content, plan, "outcomes")
    assert f"{len(long_text):,} characters" in error.message
    assert "50 or fewer" in error.message
    assert "Outcome 1" in error.message
    assert plan.change.outcomes[0].text == long_text


def test_an_answer_exactly_at_the_limit_is_fine():
    content = make_content(text_limit=50)
    plan = Plan()
    plan.change.outcomes = [Outcome(text="x" * 50, need_areas=["nutrition"])]
    assert validate_list_entries(content, plan, "outcomes") == []


def test_too_few_entries_is_reported_against_the_list():
    content = make_content(min_outcomes=1)
    plan = Plan()
    (error,) = validate_list_entries(content, plan, "outcomes")
    assert error.field_id == "outcomes"
    assert error.message == "Your outcomes: please add at least 1."


def test_a_need_note_is_named_by_its_need_area():
    content = make_content()
    plan = Plan()
    plan.about.needs = [NeedNote(area="community", words="w" * 21)]
    (error,) = validate_list_entries(content, plan, "about")
    assert error.message.startswith("Getting out, In your words: this answer has 21 characters")
    assert error.field_id == "needs__community__words"


def test_list_problems_are_part_of_the_steps_validation():
    content = make_content(min_outcomes=1)
    assert [e.field_id for e in validate_fields(content, Plan(), "outcomes")] == ["outcomes"]


def test_outcome_ids_survive_a_save_file_so_spending_links_hold():
    plan = Plan()
    plan.change.outcomes = [Outcome(text="a"), Outcome(text="b")]
    ids = [o.id for o in plan.change.outcomes]
    again = Plan.from_json(plan.to_json())
    assert [o.id for o in again.change.outcomes] == ids
    assert len(set(ids)) == 2
