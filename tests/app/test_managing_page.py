"""The managing step: choosing how the budget is received, a named provider, and who helps."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from streamlit.testing.v1 import AppTest

from logic.plan import SupportItem

ROOT = Path(__file__).resolve().parents[2]
D = Decimal


def new_app(items: list[SupportItem] = ()) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.session_state["plan"].spending.items = list(items)
    return go(at, "managing")


def go(at: AppTest, step_id: str) -> AppTest:
    at.switch_page(f"pages/{step_id}.py").run()
    assert not at.exception, at.exception
    return at


def managing(at: AppTest):
    return at.session_state["plan"].managing


def shown(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [e.value for e in at.error]
    parts += [i.value for i in at.info] + [s.value for s in at.success]
    for radio in at.radio:
        parts += [str(o) for o in radio.options]
    return "\n".join(parts).replace("\\", "")


ITEMS = [
    SupportItem(option_id="personal_assistant", quantity=D("10"), unit_cost=D("13.75"), frequency="week"),
    SupportItem(option_id="home_care_agency", quantity=D("5"), unit_cost=D("24.69"), frequency="week"),
    SupportItem(option_id="equipment", description="Riser chair", quantity=D("1"), unit_cost=D("450"), frequency="one_off"),
]


def test_a_managed_account_with_a_named_provider_is_kept_with_its_phone_and_email():
    at = new_app()
    at.radio(key="w_managing_method").set_value("managed_account").run()
    at.radio(key="w_managing_provider_id").set_value("purple").run()
    text = shown(at)
    assert "01245 392 300" in text and "info@purple-dpss.co.uk" in text
    assert "may be a charge" in text  # the plain explanation of a managed account
    go(at, "safety")
    go(at, "managing")
    assert at.radio(key="w_managing_method").value == "managed_account"
    assert at.radio(key="w_managing_provider_id").value == "purple"
    assert (managing(at).method, managing(at).provider_id) == ("managed_account", "purple")


def test_a_direct_payment_explains_the_responsibilities_and_the_four_weekly_payment():
    at = new_app(ITEMS)
    at.radio(key="w_managing_method").set_value("direct_payment").run()
    text = shown(at)
    for words in ("separate bank account", "receipts", "employer", "every 4 weeks in advance"):
        assert words in text
    # (10 x £13.75 + 5 x £24.69) a week, 4 weeks: £1,043.80; the chair as a lump sum.
    assert "£1,043.80 every 4 weeks" in text
    assert "lump sum (one payment) of about **£450.00**" in text


def test_a_direct_payment_to_a_nominated_person_keeps_their_name():
    at = new_app()
    at.radio(key="w_managing_method").set_value("direct_payment").run()
    at.radio(key="w_managing_direct_payment_to").set_value("nominee").run()
    at.text_input(key="w_managing_nominee").input("Priya Shah").run()
    go(at, "spending")
    go(at, "managing")
    assert at.text_input(key="w_managing_nominee").value == "Priya Shah"
    assert (managing(at).direct_payment_to, managing(at).nominee) == ("nominee", "Priya Shah")


def test_a_mix_says_which_items_go_which_way():
    at = new_app(ITEMS)
    at.radio(key="w_managing_method").set_value("mix").run()
    pa, agency, chair = at.session_state["plan"].spending.items
    at.selectbox(key=f"w_managing_way_{pa.id}").select("direct_payment").run()
    at.selectbox(key=f"w_managing_way_{agency.id}").select("council").run()
    assert "Items without a way chosen yet: 1" in shown(at)
    at.selectbox(key=f"w_managing_way_{chair.id}").select("direct_payment").run()
    text = shown(at)
    assert "£550.00 every 4 weeks" in text
    assert "Who will the direct payment be paid to?" in [r.label for r in at.radio]  # asked because items use it
    go(at, "about")
    go(at, "managing")
    assert [i.how_paid for i in at.session_state["plan"].spending.items] == ["direct_payment", "council", "direct_payment"]
    assert at.selectbox(key=f"w_managing_way_{agency.id}").value == "council"


def test_a_mix_with_nothing_on_the_list_points_to_the_spending_step():
    at = new_app()
    at.radio(key="w_managing_method").set_value("mix").run()
    assert "There is nothing on your support list yet" in shown(at)


def test_who_helps_and_what_help_they_need_are_kept():
    at = new_app()
    at.text_input(key="w_managing_helper").input("My son, Tom").run()
    at.checkbox(key="w_managing_help_records").check().run()
    at.checkbox(key="w_managing_help_employing").check().run()
    go(at, "outcomes")
    go(at, "managing")
    assert managing(at).helper == "My son, Tom"
    assert sorted(managing(at).help_with) == ["employing", "records"]
    assert at.checkbox(key="w_managing_help_records").value is True


def test_every_way_is_explained_for_comparison():
    at = new_app()
    text = shown(at)
    for words in ("individual service fund", "third-party budget", "council arranges"):
        assert words in text.lower()


def test_a_ten_thousand_character_name_gets_a_kind_message_and_is_kept():
    at = new_app()
    at.radio(key="w_managing_method").set_value("individual_service_fund").run()
    long_name = "Care co-op " * 1000
    at.text_input(key="w_managing_organisation").input(long_name).run()
    at.button(key="continue_managing").click().run()
    assert not at.exception
    assert any("please shorten this" in e.value for e in at.error)
    assert managing(at).organisation == long_name
    assert at.session_state["plan"].progress.current_step == "managing"


def test_a_carer_reads_each_way_described_for_the_person_not_for_themself():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.session_state["plan"].who.mode = "carer"
    at.session_state["plan"].who.person_name = "Margaret"
    go(at, "managing")
    ways = next(r for r in at.radio if "receive" in r.label)
    captions = list(ways.proto.captions)
    # The short descriptions beside each way used to say "you" and "your support" to a carer.
    assert "An organisation holds the money for Margaret and pays for the support." in captions
    assert not any("your support" in c or "to you" in c for c in captions)
