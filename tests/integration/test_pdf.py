"""The draft plan PDF from the shipped content: every section and answer is in it, any script
prints, the plan reads back out of it, and it is built like a document a person can use."""
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

import logic.pdf as pdf_module
from logic.content import load_content
from logic.managing import answer_applies
from logic.pdf import ATTACHMENT_NAME, ScriptFont, pdf_file_name, render_plan_pdf, script_runs
from logic.plan import SCHEMA_VERSION, Plan
from logic.summary import AnswerList, all_answer_paths, plan_document
from tests.fixtures.plans import CHINESE, POLISH, URDU, full_plan, multilingual_plan

CONTENT = load_content()
CREATED = dt.datetime(2026, 11, 24, 10, 30, tzinfo=dt.timezone.utc)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def full_pdf() -> bytes:
    return render_plan_pdf(CONTENT, full_plan(), created=CREATED)


@pytest.fixture(scope="module")
def full_reader(full_pdf) -> PdfReader:
    return PdfReader(io.BytesIO(full_pdf))


@pytest.fixture(scope="module")
def full_text(full_reader) -> str:
    return flat(" ".join(page.extract_text() for page in full_reader.pages))


@pytest.fixture(scope="module")
def multilingual_pdf() -> bytes:
    return render_plan_pdf(CONTENT, multilingual_plan(), created=CREATED)


def test_every_section_heading_is_in_the_pdf(full_text):
    doc = plan_document(CONTENT, full_plan())
    for section in doc.sections:
        assert flat(section.heading) in full_text


def test_every_answer_of_a_full_plan_is_in_the_pdf(full_text):
    doc = plan_document(CONTENT, full_plan())
    answers = list(doc.cover)
    for section in doc.sections:
        for item in section.items:
            answers += [a for e in item.entries for a in e.answers] if isinstance(item, AnswerList) else [item]
    for answer in answers:
        assert answer.text is not None, f"{answer.path} is blank in the full fixture plan"
        for line in answer.text.split("\n"):
            assert flat(line) in full_text, answer.path


def test_everything_a_person_typed_is_in_the_pdf(full_text):
    """Walks the Plan itself, not the summary: every typed sentence must be printed."""
    def typed(value):
        if isinstance(value, str):
            if " " in value.strip():  # typed words, not ids
                yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from typed(item)
        elif isinstance(value, list):
            for item in value:
                yield from typed(item)

    plan = full_plan()
    data = plan.model_dump(exclude={"progress"})
    # Answers about a way of managing the budget that was not chosen are left out on purpose.
    data["managing"] = {k: v for k, v in data["managing"].items() if answer_applies(CONTENT, plan, k)}
    found = list(typed(data))
    assert len(found) > 40
    for text in found:
        assert flat(text) in full_text


def test_every_answer_has_a_place_in_one_of_the_council_s_sections():
    """An answer no section lists still prints under "Other answers"; this asks for a home."""
    doc = plan_document(CONTENT, full_plan())
    other = [s for s in doc.sections if s.id == "other"]
    assert not other, f"add these to a [[sections]] list in content/pdf.toml: {[i.path for i in other[0].items]}"


def test_every_part_of_the_plan_model_is_answered_in_the_full_fixture():
    """Guards the fixture: a field added to the Plan must be filled here, so the tests
    above check that it reaches Check your answers and the PDF."""
    blank = Plan()
    plan = full_plan()
    for path in all_answer_paths():
        section, name = path.split(".")
        assert getattr(getattr(plan, section), name) != getattr(getattr(blank, section), name), path


def test_every_answer_in_every_list_entry_is_filled_in_the_full_fixture():
    plan = full_plan()
    for path in all_answer_paths():
        section, name = path.split(".")
        entries = getattr(getattr(plan, section), name)
        if not isinstance(entries, list) or not entries or isinstance(entries[0], str):
            continue
        for field in type(entries[0]).model_fields:
            if field == "id":
                continue
            default = type(entries[0]).model_fields[field].get_default(call_default_factory=True)
            assert any(getattr(e, field) != default for e in entries), f"{path}.{field}"


def test_the_costed_table_has_totals_and_the_estimate(full_text):
    assert "Per 4 weeks" in full_text
    assert "£6,877.00" in full_text  # 7 x £13.75 and 2 x £18 a week, for 52 weeks
    assert "About £140 a week." in full_text  # whole pounds, as on the budget step
    assert "£140.00" not in full_text
    assert "About £7,280 a year." in full_text
    assert "within the estimated range" in full_text


def test_the_cover_carries_the_draft_mark_name_preparer_and_date(full_reader):
    cover = flat(full_reader.pages[0].extract_text())
    assert "Draft: to discuss with your social worker, not an agreed plan" in cover
    assert "Zoë Wiśniewski" in cover
    assert "Anna Wiśniewska" in cover and "Daughter" in cover
    assert "24 November 2026" in cover


def test_a_person_planning_alone_is_named_as_preparing_it():
    plan = full_plan()
    plan.who.mode = "self"
    reader = PdfReader(io.BytesIO(render_plan_pdf(CONTENT, plan, created=CREATED)))
    cover = flat(reader.pages[0].extract_text())
    assert "Prepared by Zoë Wiśniewski" in cover
    assert "Anna Wiśniewska" not in cover  # a helper's name from an earlier choice counts for nothing


def test_pages_are_numbered_page_x_of_y(full_reader):
    count = len(full_reader.pages)
    assert f"Page 1 of {count}" in full_reader.pages[0].extract_text()
    assert f"Page {count} of {count}" in full_reader.pages[-1].extract_text()


def test_the_end_has_notes_signatures_and_what_happens_next(full_text):
    for words in ("Social worker's notes", "Signed by the social worker", "Signature", "What happens next"):
        assert words in full_text


def test_the_plan_reads_back_out_of_the_pdf(full_reader):
    data = full_reader.attachments[ATTACHMENT_NAME][0]
    assert json.loads(data)["schema_version"] == SCHEMA_VERSION
    assert Plan.from_json(data) == full_plan()


def test_the_save_and_resume_step_reads_the_plan_back_from_the_pdf(multilingual_pdf):
    from logic.savefile import read_save_file

    plan = read_save_file(multilingual_pdf)
    assert plan.model_dump(exclude={"progress"}) == multilingual_plan().model_dump(exclude={"progress"})


def test_the_pdf_has_title_author_subject_and_language(full_reader):
    info = full_reader.metadata
    assert info.title == "Draft care and support plan for Zoë Wiśniewski"
    assert info.author == "Anna Wiśniewska"
    assert info.subject
    assert full_reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_each_section_has_a_bookmark(full_reader):
    titles = [item.title for item in full_reader.outline]
    for section in plan_document(CONTENT, full_plan()).sections:
        assert section.heading in titles


def test_no_text_is_smaller_than_11_point(full_reader):
    sizes = set()
    for page in full_reader.pages:
        sizes |= {float(s) for s in re.findall(rb"/F\d+ ([\d.]+) Tf", page.get_contents().get_data())}
    assert sizes and min(sizes) >= 11


def test_the_fonts_are_embedded_as_subsets(full_reader):
    fonts = set()
    for page in full_reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("+" in name for name in fonts)


def test_many_scripts_long_answers_and_40_items_render(multilingual_pdf):
    reader = PdfReader(io.BytesIO(multilingual_pdf))
    # pypdf puts a NUL before each character of the CJK font (pdftotext does not).
    text = " ".join(page.extract_text() for page in reader.pages).replace("\x00", "")
    for word in ("Zażółć", "Łódź", "公园散步", "王芳", "‘curly", "£"):
        assert word in text, word
    for word in URDU.split()[:3]:
        assert word in text, word
    assert Plan.from_json(reader.attachments[ATTACHMENT_NAME][0]) == multilingual_plan()


def test_a_spending_table_over_several_pages_repeats_its_headings(multilingual_pdf):
    reader = PdfReader(io.BytesIO(multilingual_pdf))
    pages = [page.extract_text() for page in reader.pages]
    assert sum("Unit cost" in text and "Per year" in text for text in pages) >= 2


def test_a_blank_plan_renders_and_says_what_is_still_to_discuss():
    reader = PdfReader(io.BytesIO(render_plan_pdf(CONTENT, Plan(), created=CREATED)))
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    assert "Nothing written here yet" in text
    assert Plan.from_json(reader.attachments[ATTACHMENT_NAME][0]) == Plan()


def test_a_missing_font_file_prints_in_the_base_font_rather_than_failing(monkeypatch):
    monkeypatch.setitem(pdf_module.FONTS, "cjk", ScriptFont(Path("/nonexistent/font.ttc")))
    monkeypatch.setitem(pdf_module.FONTS, "arabic", ScriptFont(Path("/nonexistent/font.ttf"), shaping=True, rtl=True))
    plan = full_plan()
    plan.about.good_day = f"{CHINESE} {URDU}"
    data = render_plan_pdf(CONTENT, plan, created=CREATED)
    assert data.startswith(b"%PDF")


def test_text_is_split_into_runs_by_script():
    runs = script_runs(f"Mum says {URDU} and {CHINESE} 😀 ok")
    assert [script for script, _ in runs] == ["dejavu", "arabic", "dejavu", "cjk", "emoji", "dejavu"]
    assert "".join(run for _, run in runs) == f"Mum says {URDU} and {CHINESE} 😀 ok"
    assert script_runs(POLISH) == [("dejavu", POLISH)]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Zoë Wiśniewski", "draft-care-plan-Zoë-Wiśniewski-2026-11-24.pdf"),
        ("../../etc/passwd", "draft-care-plan-etc-passwd-2026-11-24.pdf"),
        ('Mr "O\'Brien" <b>😀</b>\n\\x', "draft-care-plan-Mr-O-Brien-b-b-x-2026-11-24.pdf"),
        ("", "draft-care-plan-2026-11-24.pdf"),
    ],
)
def test_the_file_name_keeps_the_name_and_date_without_unsafe_characters(name, expected):
    assert pdf_file_name("draft-care-plan", name, dt.date(2026, 11, 24)) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "a\x00b\x01c\x07\tend",
        "x\ud800y",  # a broken character, only possible from a hand-made save file
        "\U0010ffff \ue000 private use",
        "a" * 5000,
        "👨‍👩‍👧‍👦 🇬🇧 family",
        "שלום עולם नमस्ते வணக்கம் สวัสดี 안녕하세요",
        "<script>alert(1)</script> **x** {nb} {name}",
    ],
)
def test_whatever_a_person_types_never_stops_the_pdf_or_reaches_the_log(typed, caplog):
    plan = full_plan()
    plan.about.good_day = typed
    plan.who.person_name = typed[:100]
    plan.spending.items[0].description = typed[:200]
    with caplog.at_level("DEBUG"):
        data = render_plan_pdf(CONTENT, plan, created=CREATED)
    assert data.startswith(b"%PDF")
    assert not [r for r in caplog.records if r.name.startswith("fpdf") and r.levelname == "WARNING"]


def test_a_very_long_spending_item_is_printed_in_full_under_the_table():
    plan = full_plan()
    plan.spending.items[0].description = "Long description of support " * 180
    reader = PdfReader(io.BytesIO(render_plan_pdf(CONTENT, plan, created=CREATED)))
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    # Long text runs over pages (with running heads between), so count the repeats.
    assert text.count("Long description of support") >= 180


def test_fonts_still_load_the_ordinary_way_if_the_quick_way_fails(monkeypatch):
    def broken(*args, **kwargs):
        raise AttributeError("fpdf2 changed")

    monkeypatch.setattr(pdf_module, "_register_font", broken)
    reader = PdfReader(io.BytesIO(render_plan_pdf(CONTENT, full_plan(), created=CREATED)))
    fonts = {str(f.get_object()["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("DejaVuSans" in name for name in fonts)


def test_the_budget_part_shows_what_the_council_and_the_person_might_each_pay(full_text):
    # Seed 002: the budget includes the assessed contribution (£42.50 of £140 a week).
    assert "The council might pay about £97.50 a week and Zoë Wiśniewski about £42.50 a week" in full_text


def test_spending_amounts_have_their_units_and_point_to_the_outcome_s_words(full_text):
    assert "7 hours" in full_text
    assert "2 sessions" in full_text or "2 days" in full_text
    assert "Wash and dress with help each morning" in full_text
    assert "Outcome 2" not in doc_rows_outcomes(full_plan())


def doc_rows_outcomes(plan) -> str:
    return " ".join(row.outcomes for row in plan_document(CONTENT, plan).sections[6].spending.rows)


def test_answers_about_ways_of_managing_not_chosen_are_left_out():
    plan = full_plan()
    plan.managing.method = "direct_payment"
    text = flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(render_plan_pdf(CONTENT, plan))).pages))
    assert "Anna Wiśniewska as nominated person" in text
    for not_chosen in ("Disability Direct", "Stockport Carers Trust", "Lunch club paid through a managed account"):
        assert not_chosen not in text


@pytest.mark.parametrize("mode, words, not_words", [
    ("self", ["To me", "For myself"], ["The person the plan is for", "To Zoë"]),
    ("carer", ["To Zoë Wiśniewski", "Relationship to Zoë Wiśniewski"], ["To me", "The person the plan is for"]),
])
def test_self_and_carer_plans_speak_in_their_own_voice(mode, words, not_words):
    plan = full_plan()
    plan.who.mode = mode
    plan.managing.method = "direct_payment"
    plan.managing.direct_payment_to = "self"
    if mode == "self":
        plan.who.planner_name = ""
    text = flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(render_plan_pdf(CONTENT, plan))).pages))
    for expected in words:
        assert expected in text
    for unexpected in not_words:
        assert unexpected not in text


def lowest_body_text(page) -> float:
    """How far down the page its text reaches (PDF points from the bottom), page footer apart."""
    found = []

    def visit(text, cm, tm, font, size):
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and y > 60:  # the footer sits in the bottom 60 points
            found.append(y)

    page.extract_text(visitor_text=visit)
    return min(found)


@pytest.mark.parametrize("make_plan", [full_plan, multilingual_plan])
def test_the_page_before_the_landscape_cost_table_is_not_left_almost_empty(make_plan):
    reader = PdfReader(io.BytesIO(render_plan_pdf(CONTENT, make_plan(), created=CREATED)))
    wide = [n for n, page in enumerate(reader.pages) if page.mediabox.width > page.mediabox.height]
    assert wide, "the cost table is on landscape pages"
    before = reader.pages[wide[0] - 1]
    assert before.mediabox.width < before.mediabox.height
    # At least a third of the page before is used.
    assert lowest_body_text(before) < float(before.mediabox.height) * 2 / 3


def test_sections_after_the_cost_table_go_back_to_portrait_pages(full_reader):
    pages = full_reader.pages
    wide = [n for n, page in enumerate(pages) if page.mediabox.width > page.mediabox.height]
    last_wide = wide[-1]
    after = pages[last_wide + 1]
    assert after.mediabox.width < after.mediabox.height
    assert "Staying safe and managing risks" in after.extract_text() or "Staying safe and managing risks" not in pages[last_wide].extract_text()
