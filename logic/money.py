"""Money: Decimal amounts, the period conversions (defined once), and £ formatting.

A year is 52 weeks and 13 four-week periods, as councils pay direct payments every 4 weeks.
Money is Decimal from content to PDF; it becomes text with a £ only at the display edge.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Period = Literal["week", "four_weeks", "year"]

WEEKS_IN = {"week": Decimal(1), "four_weeks": Decimal(4), "year": Decimal(52)}
PENNY = Decimal("0.01")


def convert(amount: Decimal, from_period: Period, to_period: Period) -> Decimal:
    """The same rate of spending over another period (exact; round only for display)."""
    return amount * WEEKS_IN[to_period] / WEEKS_IN[from_period]


def per_week(amount: Decimal, period: Period) -> Decimal:
    return convert(amount, period, "week")


def round_to(amount: Decimal, step: Decimal) -> Decimal:
    """Round half up to a multiple of ``step`` (for example 0.01, 1 or 5)."""
    return (amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def pounds(amount: Decimal, *, pence: bool = True) -> str:
    """£1,234.50 (or £1,235 without pence); negative amounts as -£12.00."""
    value = round_to(amount, PENNY if pence else Decimal(1))
    sign = "-" if value < 0 else ""
    text = f"{abs(value):,.2f}" if pence else f"{abs(value):,.0f}"
    return f"{sign}£{text}"


def figure(amount: Decimal) -> str:
    """An estimate as people read it: £140 when whole pounds, £140.50 when it has pence.

    The budget step, Check your answers and the draft plan all show the estimate this way."""
    return pounds(amount, pence=amount != amount.to_integral_value())
