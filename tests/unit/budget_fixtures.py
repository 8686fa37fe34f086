"""Small budget content built in code, for the budget unit and property tests."""
from __future__ import annotations

from logic.content import BudgetContent

NEED_POINTS = {"nutrition": [0, 2, 5, 10], "personal_hygiene": [0, 3, 6], "staying_safe": [0, 2, 6, 14]}
UNPAID_POINTS = [0, 1, 2, 3]


def answer_ids(points: list[int]) -> list[str]:
    return [f"level_{index}" for index in range(len(points))]


def make_budget(**matrix_changes) -> BudgetContent:
    questions = [
        {
            "id": area,
            "area": area,
            "group": "care",
            "label": f"Help with {area}?",
            "answers": [{"id": f"level_{i}", "label": f"Level {i}", "points": p} for i, p in enumerate(points)],
        }
        for area, points in NEED_POINTS.items()
    ]
    questions.append(
        {
            "id": "unpaid",
            "kind": "unpaid_support",
            "group": "family",
            "label": "Help from family?",
            "answers": [{"id": f"level_{i}", "label": f"Level {i}", "points": p} for i, p in enumerate(UNPAID_POINTS)],
        }
    )
    matrix = {
        "illustrative": True,
        "rates_date": "2024 to 2025",
        "method": "bands",
        "price_per_point": "24",
        "bands": [
            {"from_points": 0, "weekly": "0", "label": "Band A"},
            {"from_points": 5, "weekly": "140", "label": "Band B"},
            {"from_points": 15, "weekly": "280", "label": "Band C"},
            {"from_points": 25, "weekly": "450", "label": "Band D"},
        ],
        "minimum_weekly": "50",
        "maximum_weekly": "1200",
        "range_percent": "10",
        "rounding": "5",
        "not_sure_counts_as": "lowest",
        "unpaid_support": {"method": "percent", "per_point": "10", "maximum": "30"},
    }
    matrix.update(matrix_changes)
    return BudgetContent.model_validate(
        {
            "groups": [{"id": "care", "heading": "Care"}, {"id": "family", "heading": "Family"}],
            "questions": questions,
            "matrix": matrix,
            "examples": [],
        }
    )


def answers_at(levels: dict[str, int]) -> dict[str, str]:
    return {question: f"level_{level}" for question, level in levels.items()}
