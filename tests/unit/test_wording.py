"""The planner speaks to the right person and keeps typed text inert."""
from logic.wording import PersonWording, escape_markdown, fill, speak


def test_a_carer_is_asked_about_the_person_by_name():
    wording = PersonWording(self="What matters to you?", other="What matters to {name}?")
    assert speak(wording, speaking_to_carer=True, values={"name": "Margaret"}) == "What matters to Margaret?"
    assert speak(wording, speaking_to_carer=False, values={"name": "Margaret"}) == "What matters to you?"


def test_filling_leaves_unknown_braces_alone():
    assert fill("{name} {unknown} {0}", {"name": "Ann"}) == "Ann {unknown} {0}"


def test_typed_markdown_and_html_are_escaped():
    escaped = escape_markdown("![x](http://example.com/a.png) <b>hi</b> *bold* :smile:")
    assert "\\!\\[x\\]\\(" in escaped
    assert "\\<b\\>" in escaped
    assert "\\*bold\\*" in escaped
    assert "\\:smile\\:" in escaped
