"""About you: what matters, good and bad days, support, communication, faith, and needs
chosen from the need areas with the person's own words. Answers are kept across steps."""
from tests.app.plan_lists_helpers import (
    entry_widget_key,
    error_texts,
    fill_entry,
    fill_field,
    go,
    labels,
    new_app,
    plan,
    press,
    start_as_carer,
    widget,
)

TICK = "w_about_needs__{}__ticked"


def test_a_carer_is_asked_about_the_person_by_name():
    at = start_as_carer(new_app())
    go(at, "about")
    assert at.title[0].value == "About Margaret"
    assert "What matters to Margaret?" in " ".join(labels(at))


def test_optional_questions_say_so_and_the_required_one_does_not():
    at = go(new_app(), "about")
    matters = widget(at, "w_about_important_to_me").label
    good_day = widget(at, "w_about_good_day").label
    assert "(optional)" not in matters
    assert "(optional)" in good_day
    assert any("(optional)" in s.value for s in at.header if "needs identified" in s.value)


def test_every_about_me_answer_is_kept_after_visiting_another_step():
    at = go(new_app(), "about")
    answers = {
        "important_to_me": "My cat Biscuit, and Sunday lunch with my son",
        "good_day": "Up by 8, a walk to the park",
        "bad_day": "Nobody calls and my hip hurts",
        "admired_for": "My jokes",
        "support_well": "Talk to me, not about me",
        "communication": "Face me: I lip-read",
        "culture_faith": "Prayers at Friday noon; halal food",
    }
    for field_id, text in answers.items():
        widget(at, f"w_about_{field_id}").input(text)
    at.run()
    go(at, "outcomes")
    go(at, "about")
    for field_id, text in answers.items():
        assert widget(at, f"w_about_{field_id}").value == text
        assert getattr(plan(at).about, field_id) == text


def test_continue_without_what_matters_shows_a_summary_and_a_message_beside_the_box():
    at = go(new_app(), "about")
    press(at, "continue_about")
    errors = error_texts(at)
    assert "There is a problem" in errors[0]
    assert "What matters to you?" in errors[0]
    assert any(e.startswith("Enter an answer for") for e in errors[1:])
    assert plan(at).progress.current_step == "about"


def test_a_ticked_need_area_opens_a_box_for_own_words_that_are_kept():
    at = go(new_app(), "about")
    assert widget(at, entry_widget_key("about", "needs", "dressing", "words")) is None
    widget(at, TICK.format("dressing")).check().run()
    fill_entry(at, "about", "needs", "dressing", words="Buttons are hard with my arthritis")
    widget(at, TICK.format("community")).check().run()
    go(at, "network")
    go(at, "about")
    assert [n.area for n in plan(at).about.needs] == ["dressing", "community"]
    assert widget(at, entry_widget_key("about", "needs", "dressing", "words")).value == (
        "Buttons are hard with my arthritis"
    )
    assert widget(at, TICK.format("community")).value is True
    assert widget(at, TICK.format("nutrition")).value is False


def test_the_box_for_own_words_names_the_need_area_for_screen_readers():
    at = go(new_app(), "about")
    widget(at, TICK.format("toilet_needs")).check().run()
    label = widget(at, entry_widget_key("about", "needs", "toilet_needs", "words")).label
    assert label.startswith("Using the toilet:")


def test_unticking_a_need_and_ticking_it_again_brings_the_words_back():
    at = go(new_app(), "about")
    widget(at, TICK.format("nutrition")).check().run()
    fill_entry(at, "about", "needs", "nutrition", words="I forget to eat")
    widget(at, TICK.format("nutrition")).uncheck().run()
    assert plan(at).about.needs == []
    widget(at, TICK.format("nutrition")).check().run()
    assert plan(at).about.needs[0].words == "I forget to eat"


def test_a_very_long_answer_is_kept_whole_and_reported_kindly():
    at = go(new_app(), "about")
    fill_field(at, "about", "important_to_me", "My family")
    widget(at, TICK.format("nutrition")).check().run()
    long_words = "مرحبا I like soup 🍲 <b>hot</b> " * 400
    fill_entry(at, "about", "needs", "nutrition", words=long_words)
    press(at, "continue_about")
    assert plan(at).progress.current_step == "about"
    assert plan(at).about.needs[0].words == long_words
    assert any(f"{len(long_words):,} characters" in e for e in error_texts(at))
    assert any("Eating and drinking" in e for e in error_texts(at))


def test_with_what_matters_answered_continue_moves_on():
    at = go(new_app(), "about")
    fill_field(at, "about", "important_to_me", "My garden")
    press(at, "continue_about")
    assert plan(at).progress.current_step == "outcomes"
