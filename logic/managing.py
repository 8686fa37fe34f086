"""Managing the budget: which follow-up questions apply to the way a person chose.

Each way in content/budget_management.toml lists what else it asks (`asks`); a mix also asks
what each way its items use needs. Answers to questions a way does not ask (a managed account
provider when the person chose a direct payment) stay in the Plan but are not shown or printed.
"""
from __future__ import annotations

from logic.plan import Plan

# What each follow-up question fills in the Plan's "managing" answers.
ASK_ANSWERS = {
    "recipient": ("direct_payment_to", "nominee"),
    "provider": ("provider_id",),
    "organisation": ("organisation",),
    "items": ("mix_notes",),
}
FOLLOW_UP_ANSWERS = frozenset(name for names in ASK_ANSWERS.values() for name in names)


def asked_follow_ups(content, plan: Plan) -> list[str]:
    """The follow-up questions the chosen way asks, in order (a mix adds its items' ways)."""
    management = content.budget_management
    chosen = management.way(plan.managing.method)
    if chosen is None:
        return []
    asks = list(chosen.asks)
    if "items" in asks:
        for item in plan.spending.items:
            way = management.way(item.how_paid)
            for ask in way.asks if way is not None else []:
                if ask not in asks:
                    asks.append(ask)
    return asks


def answer_applies(content, plan: Plan, name: str) -> bool:
    """Whether the managing answer ``name`` belongs to the way chosen (others always apply)."""
    if name not in FOLLOW_UP_ANSWERS:
        return True
    asks = asked_follow_ups(content, plan)
    if name == "nominee":
        return "recipient" in asks and plan.managing.direct_payment_to == "nominee"
    return any(name in ASK_ANSWERS[ask] for ask in asks)
