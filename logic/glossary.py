"""Terms of art and where they are used, so each is explained where a person meets it.

The glossary lives in content/glossary.toml. A step lists the terms its own words use; the
page explains them beside the step's introduction. Pure Python: no Streamlit here.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from logic.content import Content, GlossaryTerm
from logic.wording import PersonWording, Wording


def _pattern(form: str) -> re.Pattern[str]:
    # Short capital abbreviations (PA, ISF) must match exactly; words match in any case.
    flags = 0 if form.isupper() else re.IGNORECASE
    words = r"['’\s-]+".join(re.escape(part) for part in re.split(r"['’\s-]+", form))
    return re.compile(rf"(?<![\w-]){words}(?![\w-])", flags)


def term_used(term: GlossaryTerm, text: str) -> bool:
    return any(_pattern(form).search(text) for form in [term.term, *term.also])


def wording_texts(wording: Wording | None) -> list[str]:
    if wording is None:
        return []
    if isinstance(wording, PersonWording):
        return [wording.self, wording.other]
    return [wording]


def step_texts(content: Content, step_id: str) -> list[str]:
    """Every string a resident can read on a step (both forms of two-form wording)."""
    step = content.step(step_id)
    texts: list[str] = []
    for wording in [step.heading, step.intro, *step.text.values()]:
        texts += wording_texts(wording)
    fields = list(step.fields) + [f for spec in step.lists.values() for f in spec.fields]
    for spec in step.lists.values():
        for wording in (spec.heading, spec.hint, spec.add, spec.empty):
            texts += wording_texts(wording)
    for field in fields:
        texts += wording_texts(field.label) + wording_texts(field.hint)
        for option in field.options:
            texts += wording_texts(option.label) + wording_texts(option.hint)
    for path in STEP_PARTS.get(step_id, ()):
        part = content
        for name in path.split("."):
            part = getattr(part, name, None)
        texts += all_strings(part)
    return texts


# Content parts drawn on one step besides the step's own file (their words count there too).
STEP_PARTS = {
    "budget": ("budget",),
    "outcomes": ("outcome_examples.areas",),  # not its service_words: nobody reads those
    "spending": ("support_options", "spending_rules"),
    "managing": ("budget_management", "providers"),
}


def all_strings(value) -> list[str]:
    """Every string inside a content model, list or dict (both forms of two-form wording)."""
    if isinstance(value, str):
        return [value]
    if hasattr(value, "model_dump"):
        value = value.model_dump()
    if isinstance(value, dict):
        return [text for item in value.values() for text in all_strings(item)]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in all_strings(item)]
    return []


def terms_in(content: Content, texts: Iterable[str]) -> list[GlossaryTerm]:
    """Glossary terms used anywhere in the texts, in glossary order."""
    joined = "\n".join(texts)
    return [term for term in content.glossary if term_used(term, joined)]


def terms_on_step(content: Content, step_id: str) -> list[GlossaryTerm]:
    return terms_in(content, step_texts(content, step_id))
