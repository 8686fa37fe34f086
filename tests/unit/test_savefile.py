"""Save files round trip; damaged, edited and hostile files are refused with a specific kind.

Each refusal is a kind (see logic.savefile.REFUSAL_KINDS) that the app turns into a kind
message from content/save.toml. Reading never changes a plan: it returns a new one or refuses.
"""
from __future__ import annotations

import json
import zlib
from decimal import Decimal

import pytest
from fpdf import FPDF

from logic.plan import SCHEMA_VERSION, Plan
from logic.savefile import (
    MAX_FILE_BYTES,
    REFUSAL_KINDS,
    Refusal,
    encode_plan,
    migrate,
    read_save_file,
    save_file_name,
)


def full_plan() -> Plan:
    plan = Plan()
    plan.who.mode = "carer"
    plan.who.person_name = "Zoë Wiśniewski"
    plan.who.planner_name = "Łukasz"
    plan.about.important_to_me = "My garden 🌻, مسجد on Fridays, <b>tea</b>"
    plan.budget.weekly_contribution = Decimal("12.34")
    plan.progress.current_step = "network"
    plan.progress.visited = ["start", "budget", "about", "outcomes", "network"]
    return plan


def saved(plan: Plan | None = None) -> dict:
    return json.loads(encode_plan(plan or full_plan()))


def as_bytes(raw) -> bytes:
    return json.dumps(raw).encode("utf-8")


def draft_pdf(attachment: bytes | None, name: str = "plan.json") -> bytes:
    """A small PDF like the planner's draft plan, with the plan attached as fpdf2 does it."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Draft care and support plan")
    if attachment is not None:
        pdf.embed_file(basename=name, bytes=attachment, desc="The plan, to load again")
    return bytes(pdf.output())


def raw_pdf(objects: list[bytes]) -> bytes:
    """A hand-built PDF with a correct cross-reference table; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_attaching_stream(stream: bytes, filters: bytes = b"") -> bytes:
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(plan.json) 4 0 R] >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        b"<< /Type /Filespec /F (plan.json) /UF (plan.json) /EF << /F 5 0 R >> >>",
        b"<< /Type /EmbeddedFile /Length %d %s >>\nstream\n" % (len(stream), filters) + stream + b"\nendstream",
    ])


def refusal(data: bytes) -> str:
    with pytest.raises(Refusal) as caught:
        read_save_file(data)
    return caught.value.kind


# --- What works ----------------------------------------------------------------------------

def test_a_saved_plan_loads_back_equal_to_the_original():
    plan = full_plan()
    assert read_save_file(encode_plan(plan)) == plan


def test_a_save_file_carries_its_schema_version_and_is_small():
    data = encode_plan(full_plan())
    assert json.loads(data)["schema_version"] == SCHEMA_VERSION
    assert len(data) < 10_000


def test_a_plan_attached_to_a_draft_plan_pdf_loads_back_equal_to_the_original():
    plan = full_plan()
    assert read_save_file(draft_pdf(encode_plan(plan))) == plan


def test_a_save_file_with_a_byte_order_mark_still_loads():
    plan = full_plan()
    assert read_save_file(b"\xef\xbb\xbf" + encode_plan(plan)) == plan


def test_a_step_this_planner_does_not_have_sends_the_person_to_start():
    raw = saved()
    raw["progress"] = {"current_step": "../../admin", "visited": ["start", "nowhere", "start"]}
    plan = read_save_file(as_bytes(raw))
    assert plan.progress.current_step == "start"
    assert plan.progress.visited == ["start"]


def test_the_save_file_name_holds_the_date_but_not_the_persons_name():
    from datetime import date

    assert save_file_name(date(2026, 11, 24)) == "care-plan-saved-2026-11-24.json"


def test_an_older_schema_version_is_migrated_one_version_at_a_time():
    # A pretend history: version 1 kept the name at the top; version 2 moved it into "who".
    def one_to_two(raw):
        raw["who"] = {"person_name": raw.pop("name")}
        return raw

    def two_to_three(raw):
        raw["who"]["planner_name"] = "(moved in version 3)"
        return raw

    old = {"schema_version": 1, "name": "Ada", "progress": {"current_step": "about"}}
    result = migrate(old, migrations={1: one_to_two, 2: two_to_three}, current_version=3)
    assert result["schema_version"] == 3
    assert result["who"] == {"person_name": "Ada", "planner_name": "(moved in version 3)"}


def test_an_older_version_with_no_known_migration_is_refused_not_guessed():
    with pytest.raises(Refusal) as caught:
        migrate({"schema_version": 1, "who": {}}, migrations={}, current_version=2)
    assert caught.value.kind == "edited"


def test_a_migration_that_cannot_read_the_old_file_is_refused():
    with pytest.raises(Refusal) as caught:
        migrate({"schema_version": 1, "who": {}}, migrations={1: lambda raw: raw["gone"]}, current_version=2)
    assert caught.value.kind == "edited"


# --- Damaged, foreign, edited and hostile files: at least 20 kinds of them ----------------

def test_an_empty_file_is_refused():
    assert refusal(b"") == "empty"


def test_a_file_of_only_spaces_is_refused():
    assert refusal(b" \n\t  \n") == "empty"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    assert refusal(b"{" + b" " * MAX_FILE_BYTES) == "too_large"


def test_a_photo_is_refused_as_the_wrong_kind_of_file():
    assert refusal(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200) == "wrong_type"


def test_a_word_document_is_refused_as_the_wrong_kind_of_file():
    assert refusal(b"PK\x03\x04" + b"word/document.xml" + b"\x00" * 100) == "wrong_type"


def test_a_plain_text_note_is_refused_as_the_wrong_kind_of_file():
    assert refusal("My notes for the social worker: I need help with meals.".encode()) == "wrong_type"


def test_a_save_file_cut_short_is_refused_as_damaged():
    data = encode_plan(full_plan())
    assert refusal(data[: len(data) // 2]) == "damaged"


def test_a_file_that_is_not_utf8_text_is_refused_as_damaged():
    assert refusal(b'{"who": {"person_name": "Zo\xeb"}}') == "damaged"


def test_a_list_instead_of_a_plan_is_refused_as_not_from_this_planner():
    assert refusal(b"[1, 2, 3]") == "not_from_planner"


def test_json_from_some_other_program_is_refused_as_not_from_this_planner():
    assert refusal(as_bytes({"name": "Ada", "version": 2, "items": []})) == "not_from_planner"


def test_a_plan_without_a_schema_version_is_refused_not_guessed():
    raw = saved()
    del raw["schema_version"]
    assert refusal(as_bytes(raw)) == "no_version"


def test_a_plan_from_a_newer_planner_is_refused():
    raw = saved()
    raw["schema_version"] = SCHEMA_VERSION + 1
    assert refusal(as_bytes(raw)) == "newer_version"


@pytest.mark.parametrize("version", ["1", 0, -3, 1.5, True, None])
def test_a_schema_version_that_is_not_a_whole_number_from_one_up_is_refused(version):
    raw = saved()
    raw["schema_version"] = version
    assert refusal(as_bytes(raw)) == "edited"


def test_an_unknown_answer_inside_a_section_is_refused():
    raw = saved()
    raw["who"]["favourite_colour"] = "blue"
    assert refusal(as_bytes(raw)) == "edited"


def test_an_unknown_part_next_to_the_plan_is_refused():
    raw = saved()
    raw["admin"] = True
    assert refusal(as_bytes(raw)) == "edited"


def test_an_answer_of_the_wrong_type_is_refused():
    raw = saved()
    raw["who"]["mode"] = "wizard"
    raw["who"]["best_interests"] = {"yes": "please"}
    assert refusal(as_bytes(raw)) == "edited"


def test_a_section_replaced_by_text_is_refused():
    raw = saved()
    raw["about"] = "everything"
    assert refusal(as_bytes(raw)) == "edited"


def test_json_nested_a_hundred_thousand_deep_is_refused_without_crashing():
    assert refusal(b'{"who": ' + b"[" * 100_000 + b"]" * 100_000 + b"}") in {"damaged", "edited"}


def test_json_nested_deeper_than_any_plan_is_refused():
    raw = saved()
    raw["budget"]["answers"] = {"a": [[[[[[[[[["deep"]]]]]]]]]]}
    assert refusal(as_bytes(raw)) == "edited"


def test_not_a_number_in_place_of_money_is_refused():
    data = encode_plan(full_plan()).replace(b'"12.34"', b"NaN")
    assert refusal(data) == "damaged"


def test_money_as_the_word_infinity_is_refused():
    raw = saved()
    raw["budget"]["weekly_contribution"] = "Infinity"
    assert refusal(as_bytes(raw)) == "edited"


def test_an_absurd_amount_of_money_is_refused():
    raw = saved()
    raw["budget"]["weekly_contribution"] = "1e999999"
    assert refusal(as_bytes(raw)) == "edited"


def test_a_number_five_thousand_digits_long_is_refused():
    data = encode_plan(full_plan()).replace(b'"12.34"', b"9" * 5000)
    assert refusal(data) in {"damaged", "edited"}


def test_an_answer_far_longer_than_any_box_allows_is_refused():
    raw = saved()
    raw["about"]["good_day"] = "x" * 30_000
    assert refusal(as_bytes(raw)) == "edited"


def test_a_thousand_outcomes_are_refused():
    raw = saved()
    raw["change"]["outcomes"] = [{"text": "more"}] * 1000
    assert refusal(as_bytes(raw)) == "edited"


def test_a_pdf_with_no_plan_attached_is_refused():
    assert refusal(draft_pdf(None)) == "pdf_without_plan"


def test_a_pdf_with_some_other_attachment_is_refused():
    assert refusal(draft_pdf(b'{"x": 1}', name="notes.json")) == "pdf_without_plan"


def test_a_pdf_whose_plan_json_is_not_a_plan_is_refused():
    assert refusal(draft_pdf(b'{"hello": "world"}')) == "not_from_planner"


def test_a_pdf_whose_plan_json_is_too_big_is_refused():
    assert refusal(draft_pdf(b'{"who": "' + b"a" * 1_100_000 + b'"}')) == "too_large"


def test_a_pdf_header_followed_by_rubbish_is_refused():
    assert refusal(b"%PDF-1.7\n" + bytes(range(256)) * 50) in {"damaged", "pdf_without_plan"}


def test_a_pdf_nested_two_hundred_thousand_deep_is_refused_without_crashing():
    deep = raw_pdf([b"<< /Type /Catalog /Pages " + b"[" * 200_000 + b"]" * 200_000 + b" >>"])
    assert refusal(deep) in {"damaged", "pdf_without_plan"}


def test_a_pdf_with_twenty_five_thousand_attachments_is_refused_in_bounded_time():
    count = 25_000
    names = b" ".join(b"(f%d) %d 0 R" % (n, n) for n in range(3, 3 + count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [" + names + b"] >> >> >>",
               b"<< /Type /Pages /Kids [] /Count 0 >>"]
    objects += [b"<< /F (f%d) >>" % n for n in range(3, 3 + count)]
    data = raw_pdf(objects)
    assert len(data) < MAX_FILE_BYTES
    assert refusal(data) in {"pdf_without_plan", "damaged", "too_slow"}


def test_a_pdf_compression_bomb_is_refused_without_exhausting_memory():
    squeeze = zlib.compressobj(9)
    megabyte = b"\0" * (1024 * 1024)
    bomb = b"".join(squeeze.compress(megabyte) for _ in range(1000)) + squeeze.flush()
    assert len(bomb) < MAX_FILE_BYTES  # about 1 MB that inflates to 1 GB
    assert refusal(pdf_attaching_stream(bomb, b"/Filter /FlateDecode")) in {"too_large", "too_slow", "damaged"}


def test_a_pdf_whose_name_tree_loops_back_on_itself_is_refused():
    looping = raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 3 0 R >> >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
        b"<< /Kids [3 0 R 4 0 R] >>",
        b"<< /Kids [3 0 R] >>",
    ])
    assert refusal(looping) in {"pdf_without_plan", "damaged", "too_slow"}


def test_a_pdf_with_a_name_tree_five_thousand_levels_deep_is_refused():
    levels = 5000
    objects = [b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 3 0 R >> >>",
               b"<< /Type /Pages /Kids [] /Count 0 >>"]
    objects += [b"<< /Kids [%d 0 R] >>" % (n + 1) for n in range(3, 3 + levels)]
    objects.append(b"<< /Names [(plan.json) 3 0 R] >>")
    assert refusal(raw_pdf(objects)) in {"pdf_without_plan", "damaged", "too_slow"}


def test_every_refusal_kind_is_one_the_app_has_words_for():
    from logic.content import load_content

    messages = load_content().save.refusals
    assert set(REFUSAL_KINDS) <= set(messages)


# --- The planner's own draft plan PDF (logic/pdf.py) -----------------------------------

@pytest.mark.parametrize("builder", ["full_plan", "multilingual_plan"])
def test_the_planners_own_draft_plan_pdf_loads_back_equal_and_fits_the_upload_limit(builder):
    from logic.content import load_content
    from logic.pdf import render_plan_pdf
    from tests.fixtures import plans

    plan = getattr(plans, builder)()
    data = render_plan_pdf(load_content(), plan)
    assert len(data) < MAX_FILE_BYTES
    assert read_save_file(data) == plan
