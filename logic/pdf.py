"""The draft care and support plan as a PDF: cover, the council's sections, costed spending,
space to write and sign, and the whole Plan attached as plan.json so it can be opened again.

The only module that imports fpdf. Words and order come from logic.summary (content/pdf.toml);
this module only lays them out. Each run of text is printed in a font chosen for its script
(DejaVu Sans for Latin and most others, Noto fonts for Arabic, Bengali, Chinese, emoji...),
with text shaping switched on only for the runs that need it.
"""
from __future__ import annotations

import copy
import datetime as dt
import bisect
import json
import logging
import re
import threading
import types
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from fontTools import ttLib
from fpdf import FPDF
from fpdf.enums import PageOrientation, TextEmphasis, XPos, YPos
from fpdf.font_type_3 import get_color_font_object
from fpdf.fonts import FontFace, SubsetMap, TTFFont

from logic import pdf_fast
from logic.content import CONTENT_DIR, Content
from logic.money import pounds
from logic.plan import Plan
from logic.pdf_fast import ColorBitmaps, FontSource, Widths
from logic.summary import Answer, AnswerList, Item, PlanDocument, PlanSection, SpendingTable, plan_document

pdf_fast.install()

# fpdf2 logs characters it could not print ("missing glyphs"), which would copy what a person
# typed into the server's log. Only errors from fpdf2 reach the log, and those carry no text.
logging.getLogger("fpdf").setLevel(logging.ERROR)

ATTACHMENT_NAME = "plan.json"  # the save-and-resume step reads the plan back by this name
FONT_DIR = CONTENT_DIR / "fonts"
NOTO = Path("/usr/share/fonts/truetype/noto")
NOTO_CJK = Path("/usr/share/fonts/opentype/noto")
BASE = "dejavu"

MARGIN = 20  # mm, left and right
BODY_PT = 12
SMALL_PT = 11  # nothing a person must read is smaller than 11 pt
GREY = (90, 90, 90)
INK = (11, 12, 12)
RULE = (177, 180, 182)


@dataclass(frozen=True)
class ScriptFont:
    """The font files for one script; ``shaping`` for scripts whose letters join or reorder."""

    regular: Path
    bold: Path | None = None
    shaping: bool = False
    rtl: bool = False
    collection_number: int = 0


FONTS: dict[str, ScriptFont] = {
    BASE: ScriptFont(FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"),
    "arabic": ScriptFont(NOTO / "NotoNaskhArabic-Regular.ttf", NOTO / "NotoNaskhArabic-Bold.ttf", True, True),
    "hebrew": ScriptFont(NOTO / "NotoSansHebrew-Regular.ttf", NOTO / "NotoSansHebrew-Bold.ttf", True, True),
    "devanagari": ScriptFont(NOTO / "NotoSansDevanagari-Regular.ttf", NOTO / "NotoSansDevanagari-Bold.ttf", True),
    "bengali": ScriptFont(NOTO / "NotoSansBengali-Regular.ttf", NOTO / "NotoSansBengali-Bold.ttf", True),
    "gurmukhi": ScriptFont(NOTO / "NotoSansGurmukhi-Regular.ttf", NOTO / "NotoSansGurmukhi-Bold.ttf", True),
    "gujarati": ScriptFont(NOTO / "NotoSansGujarati-Regular.ttf", NOTO / "NotoSansGujarati-Bold.ttf", True),
    "tamil": ScriptFont(NOTO / "NotoSansTamil-Regular.ttf", NOTO / "NotoSansTamil-Bold.ttf", True),
    "telugu": ScriptFont(NOTO / "NotoSansTelugu-Regular.ttf", NOTO / "NotoSansTelugu-Bold.ttf", True),
    "kannada": ScriptFont(NOTO / "NotoSansKannada-Regular.ttf", NOTO / "NotoSansKannada-Bold.ttf", True),
    "malayalam": ScriptFont(NOTO / "NotoSansMalayalam-Regular.ttf", NOTO / "NotoSansMalayalam-Bold.ttf", True),
    "sinhala": ScriptFont(NOTO / "NotoSansSinhala-Regular.ttf", NOTO / "NotoSansSinhala-Bold.ttf", True),
    "thai": ScriptFont(NOTO / "NotoSansThai-Regular.ttf", NOTO / "NotoSansThai-Bold.ttf", True),
    "ethiopic": ScriptFont(NOTO / "NotoSansEthiopic-Regular.ttf", NOTO / "NotoSansEthiopic-Bold.ttf"),
    # Simplified Chinese forms (face 2 of the collection) also cover Japanese and Korean.
    "cjk": ScriptFont(NOTO_CJK / "NotoSansCJK-Regular.ttc", NOTO_CJK / "NotoSansCJK-Bold.ttc", collection_number=2),
    "emoji": ScriptFont(NOTO / "NotoColorEmoji.ttf", None, True),
    "symbols": ScriptFont(NOTO / "NotoSansSymbols2-Regular.ttf"),
}

# Unicode blocks of the scripts above; anything else prints in DejaVu Sans.
_RANGES = [
    (0x0590, 0x05FF, "hebrew"), (0x0600, 0x06FF, "arabic"), (0x0750, 0x077F, "arabic"),
    (0x08A0, 0x08FF, "arabic"), (0xFB1D, 0xFB4F, "hebrew"), (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"), (0x0900, 0x097F, "devanagari"), (0x0980, 0x09FF, "bengali"),
    (0x0A00, 0x0A7F, "gurmukhi"), (0x0A80, 0x0AFF, "gujarati"), (0x0B80, 0x0BFF, "tamil"),
    (0x0C00, 0x0C7F, "telugu"), (0x0C80, 0x0CFF, "kannada"), (0x0D00, 0x0D7F, "malayalam"),
    (0x0D80, 0x0DFF, "sinhala"), (0x0E00, 0x0E7F, "thai"), (0x1200, 0x139F, "ethiopic"),
    (0x1100, 0x11FF, "cjk"), (0x2E80, 0x2FDF, "cjk"), (0x3000, 0x303F, "cjk"),
    (0x3040, 0x31FF, "cjk"), (0x3400, 0x4DBF, "cjk"), (0x4E00, 0x9FFF, "cjk"),
    (0xA960, 0xA97F, "cjk"), (0xAC00, 0xD7AF, "cjk"), (0xF900, 0xFAFF, "cjk"),
    (0xFF00, 0xFFEF, "cjk"), (0x20000, 0x3FFFF, "cjk"), (0x1F000, 0x1FAFF, "emoji"),
    (0x2600, 0x27BF, "symbols"),
]
# Characters that belong to whatever run they sit in: spaces, digits, punctuation, joiners.
_JOINERS = {"\u200d", "\u200c", "\ufe0f", "\ufe0e", "\u20e3"}


_RANGES.sort()
_STARTS = [start for start, _, _ in _RANGES]


def script_of(char: str) -> str | None:
    """The script a character needs, or None for characters any run can carry."""
    code = ord(char)
    if code < 0x0250:  # Latin: most of what people type
        return BASE if char.isalpha() else None
    if char in _JOINERS:
        return None
    # No cache of characters here: what people type must not collect in shared memory.
    index = bisect.bisect_right(_STARTS, code) - 1
    if index >= 0 and code <= _RANGES[index][1]:
        return _RANGES[index][2]
    category = unicodedata.category(char)
    if category[0] in "LM":
        return BASE
    if category == "So":
        return BASE
    return None  # spaces, digits, punctuation


_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """Text fit to print: tabs as spaces; control characters and broken surrogates dropped."""
    return _UNPRINTABLE.sub("", text.replace("\t", "    ").replace("\r\n", "\n").replace("\r", "\n"))


def script_runs(text: str) -> list[tuple[str, str]]:
    """Split text into (script, text) runs; neutral characters join the run around them."""
    # Most text is in one script: one run, found without going through it a letter at a time.
    found = {script_of(char) for char in set(text)}
    found.discard(None)
    if not found:
        return [(BASE, text)] if text else []
    if len(found) == 1 and "emoji" not in found:
        return [(found.pop(), text)]
    runs: list[list[str]] = []
    pending = ""
    for char in text:
        script = script_of(char)
        if script is None:
            # A space after an emoji goes with the next run: the emoji font's space is wide.
            if runs and not (char.isspace() and runs[-1][0] == "emoji"):
                runs[-1][1] += char
            else:
                pending += char
            continue
        if runs and runs[-1][0] == script:
            runs[-1][1] += pending + char
            pending = ""
        else:
            # Spaces stay with the Latin run before a new script, so right-to-left runs
            # do not carry stray spaces to the wrong end.
            runs.append([script, pending + char])
            pending = ""
    if pending:
        runs.append([BASE, pending])
    return [(script, run) for script, run in runs]


def dominant_script(text: str) -> str:
    """The script of the first non-Latin run (a table cell holds one font), else Latin.

    Emoji never lead a cell: their font's letters and spaces are missing or wide, so emoji
    in a cell come from the fallback fonts instead."""
    for script, _ in script_runs(text):
        if script not in (BASE, "emoji", "symbols"):
            return script
    return BASE


# Parsed fonts, shared by every plan this process prints: parsing DejaVu Sans takes about
# 130 ms and Noto CJK far longer. Each document gets a light copy of a parsed font with its
# own subset map; the parsed font file itself is only read while the document is laid out,
# and when it is written a HarfBuzz subset of it takes its place (logic.pdf_fast.SubsetFirst),
# because fpdf2 changes the font it subsets. They hold only font data, never anything a
# person typed.
_TEMPLATES: dict[tuple[str, int], tuple[TTFFont, FontSource | ColorBitmaps | None]] = {}
_TEMPLATES_LOCK = threading.Lock()


def _template(path: Path, number: int) -> tuple[TTFFont, FontSource | ColorBitmaps | None]:
    key = (str(path), number)
    with _TEMPLATES_LOCK:
        if key not in _TEMPLATES:
            scratch = FPDF()
            scratch.add_font("template", "", path, collection_font_number=number)
            template = scratch.fonts["template"]
            template.cw = Widths(template.cw, template.cw.default_factory())
            # Everything a document reads from the parsed font is read now, in one thread.
            ttfont = template.ttfont
            shared: FontSource | ColorBitmaps | None = None
            if template.is_compressed or not pdf_fast.SUPPORTED:
                pass
            elif template.color_font is None:
                ttfont["hmtx"]
                shared = FontSource(path, number, ttfont.getGlyphOrder(), "glyf" in ttfont, template.is_cff and template.is_cid_keyed)
            elif "CBDT" in ttfont and "CBLC" in ttfont:
                shared = ColorBitmaps(path, number, ttfont)
            _TEMPLATES[key] = (template, shared)
        return _TEMPLATES[key]


def _comparable(state):
    """A graphics state, less what splitting text into fragments sets itself (the text's
    directions), for telling whether two texts are split in the same state."""
    if state.text_shaping:
        state.text_shaping = {k: v for k, v in state.text_shaping.items() if k not in ("paragraph_direction", "fragment_direction")}
    return state


def _register_font(pdf: FPDF, family: str, style: str, path: Path, number: int) -> None:
    """What ``pdf.add_font`` does, but from a parsed template (relies on fpdf2 2.8.9)."""
    template, shared = _template(path, number)
    font = copy.copy(template)
    font.i = len(pdf.fonts) + 1
    font.fontkey = f"{family}{style}"
    font.emphasis = TextEmphasis.coerce(style)
    if isinstance(shared, FontSource):
        font.ttfont = template.ttfont  # read, never written: a subset replaces it on output
    elif isinstance(shared, ColorBitmaps):
        font.ttfont = shared.document_font()  # colour emoji are drawn from their bitmaps
    else:
        font.ttfont = ttLib.TTFont(path, recalcTimestamp=False, fontNumber=number, lazy=True)
    font._hbfont = shared.hb_font() if shared is not None else None
    font.biggest_size_pt = 0
    font.missing_glyphs = []
    font.cw = template.cw  # a Widths: reading it never adds to it
    font.desc = copy.copy(template.desc)
    font.subset = SubsetMap(font)
    font.color_font = get_color_font_object(pdf, font, font.palette_index) if pdf.render_color_fonts else None
    pdf.fonts[font.fontkey] = font
    if isinstance(shared, FontSource):
        pdf.font_sources[font.fontkey] = shared


class _PlanPDF(FPDF):
    """FPDF with the plan's running head, footer and script-aware text."""

    def __init__(self, doc: PlanDocument):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.doc = doc
        self.font_sources: dict[str, FontSource] = {}  # fonts read from a shared parsed file
        self.cell_shaping = None  # in the spending table: which cells to shape
        self.loaded: dict[tuple[str, bool], str] = {}
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=22)
        self.alias_nb_pages("{nb}")
        self.fallbacks: list[str] = []
        self.cover_last_page = 0
        self._add(BASE, False)
        self._add(BASE, True)

    # ------------------------------------------------------------ fonts

    def _add(self, script: str, bold: bool) -> str | None:
        """Register a script's font the first time it is needed; None when it is missing."""
        key = (script, bold)
        if key in self.loaded:
            return self.loaded[key]
        spec = FONTS[script]
        path = spec.bold if bold and spec.bold and spec.bold.exists() else spec.regular
        family = None
        style = "B" if bold else ""
        if path.exists():
            try:
                try:
                    _register_font(self, script, style, path, spec.collection_number)
                except Exception:  # noqa: BLE001 - fpdf2's insides changed: the slow, sure way
                    self.fonts.pop(f"{script}{style}", None)
                    self.add_font(script, style, path, collection_font_number=spec.collection_number)
                family = script
                if not bold:
                    # Characters a run's font lacks come from the fonts already loaded.
                    self.fallbacks.append(script)
                    self.set_fallback_fonts(self.fallbacks, exact_match=False)
            except Exception:  # noqa: BLE001 - a damaged font file must not stop the plan
                family = None
        self.loaded[key] = family  # type: ignore[assignment]
        return family

    def use(self, script: str, *, bold: bool = False, size: float = BODY_PT) -> None:
        family = self._add(script, bold) if script in FONTS else None
        if family is None:
            script, family = BASE, BASE  # missing font: print in the base font, never fail
        self.set_font(family, "B" if bold else "", size)
        self.shape(FONTS[script].shaping)

    def shape(self, on: bool) -> None:
        # Read the real state: fpdf2 restores it after drawing a page's header and footer.
        if on != bool(self.text_shaping):
            self.set_text_shaping(on)

    # ------------------------------------------------------------ fpdf2, quicker

    def _parse_chars(self, text: str, markdown: bool, *, _initial_emphasis=None):  # type: ignore[override]
        def stock():
            return super(_PlanPDF, self)._parse_chars(text, markdown, _initial_emphasis=_initial_emphasis)

        if markdown or not pdf_fast.SUPPORTED:
            return stock()
        return pdf_fast.parse_chars(self, text, _initial_emphasis, stock)

    def _preload_bidirectional_text(self, text: str, markdown: bool):  # type: ignore[override]
        def stock():
            return super(_PlanPDF, self)._preload_bidirectional_text(text, markdown)

        if markdown or not self.text_shaping or not pdf_fast.SUPPORTED:
            return stock()
        return self._cell_fragments(text, lambda: pdf_fast.preload_bidirectional_text(self, text, stock))

    def _preload_font_styles(self, text, markdown, _initial_emphasis=None):  # type: ignore[override]
        def stock():
            return super(_PlanPDF, self)._preload_font_styles(text, markdown, _initial_emphasis=_initial_emphasis)

        if markdown or _initial_emphasis is not None or not pdf_fast.SUPPORTED:
            return stock()
        return self._cell_fragments(text, stock)

    def _cell_fragments(self, text: str, make):
        """In the spending table, a cell's text split into fragments once, for measuring
        the cell and then for drawing it (the same text in the same state gives the same
        fragments; fpdf2 draws from copies of them)."""
        if self.cell_shaping is None:
            return make()
        state = _comparable(self._get_current_graphics_state())
        made = pdf_fast.memo("cell_fragments").setdefault((text, tuple(self._fallback_font_ids)), [])
        for earlier, fragments in made:
            if earlier == state:
                return fragments
        fragments = make()
        made.append((state, fragments))
        return fragments

    def _render_styled_text_line(self, text_line, h=None, border=0, new_x=XPos.RIGHT, new_y=YPos.TOP, fill=False,
                                 link="", center=False, padding=None, prevent_font_change=False):  # type: ignore[override]
        done = pdf_fast.render_styled_text_line(self, text_line, h, border, new_x, new_y, fill, link, center, padding, prevent_font_change)
        if done is None:
            return super()._render_styled_text_line(text_line, h, border, new_x, new_y, fill, link, center, padding, prevent_font_change)
        return done

    def multi_cell(self, *args, **kwargs):  # type: ignore[override]
        if self.cell_shaping is not None:
            # A table cell is shaped when its own scripts need it, not when any cell does.
            self.shape(self.cell_shaping(kwargs.get("text", args[2] if len(args) > 2 else "")))
            if not args and not isinstance(self._out, types.MethodType) and pdf_fast.SUPPORTED:
                # fpdf2 lays each table cell out twice: first with writing off, only to learn
                # its height, then for real. The first time, count the lines and stop there.
                height = pdf_fast.cell_height(self, kwargs)
                if height is not None:
                    return False, height
        return super().multi_cell(*args, **kwargs)

    def output(self, *args, **kwargs):  # type: ignore[override]
        # Always through SubsetFirst: fpdf2's own output would subset the shared parsed fonts.
        kwargs["output_producer_class"] = pdf_fast.SubsetFirst
        return super().output(*args, **kwargs)

    # ------------------------------------------------------------ page furniture

    def header(self) -> None:
        shaping, self.cell_shaping = self.cell_shaping, None  # a page break inside the table
        try:
            self._header()
        finally:
            self.cell_shaping = shaping

    def footer(self) -> None:
        shaping, self.cell_shaping = self.cell_shaping, None
        try:
            self._footer()
        finally:
            self.cell_shaping = shaping

    def _header(self) -> None:
        if self.page_no() == 1:
            return
        # A page can break inside an indented list entry: draw the head at the page margin.
        indent = self.l_margin
        self.set_left_margin(MARGIN)
        self.set_x(MARGIN)
        self.set_text_color(*GREY)
        self.text_line(self.doc.say("running_head"), size=SMALL_PT)
        self.set_text_color(*INK)
        self.ln(2)
        self.set_left_margin(indent)
        self.set_x(indent)

    def _footer(self) -> None:
        self.set_y(-16)
        self.set_text_color(*GREY)
        self.use(BASE, size=SMALL_PT)
        page = self.doc.say("page_footer", page=str(self.page_no()), pages="{nb}")
        width = self.w - 2 * MARGIN
        self.set_x(MARGIN)
        self.cell(width, 6, self.doc.text.get("draft_mark", ""), align="L")
        self.set_x(MARGIN)
        self.cell(width, 6, page, align="R")
        self.set_text_color(*INK)

    # ------------------------------------------------------------ text

    def text_line(self, text: str, *, size: float = BODY_PT, bold: bool = False, height: float | None = None) -> None:
        """One paragraph of any scripts, wrapped to the margins."""
        height = height or size * 0.52
        for line in printable(text).split("\n"):
            runs = script_runs(line)
            if not runs:
                self.ln(height * 0.6)
                continue
            if len(runs) == 1:
                script, run = runs[0]
                self.use(script, bold=bold, size=size)
                align = "R" if FONTS.get(script, FONTS[BASE]).rtl else "L"
                self.multi_cell(0, height, run, align=align, new_x="LMARGIN", new_y="NEXT")
                continue
            # Several scripts in one paragraph: one font per run, wrapped together.
            self.set_x(self.l_margin)
            # The paragraph takes its direction from the shaping state when it opens: left to
            # right, with each right-to-left run still shaped and ordered within itself.
            self.shape(False)
            with self.text_columns(text_align="LEFT", line_height=height / (size * 0.3528)) as columns:
                with columns.paragraph() as paragraph:
                    for script, run in runs:
                        self.use(script, bold=bold, size=size)
                        paragraph.write(run)

    def heading(self, text: str, size: float = 17, *, outline: str | None = None) -> None:
        if self.get_y() > self.h - 60:
            self.add_page()
        if outline is not None:
            self.start_section(printable(outline)[:120], level=0, strict=False)
        self.text_line(text, size=size, bold=True, height=size * 0.5)
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(4)


def _render_answer(pdf: _PlanPDF, answer: Answer, indent: float = 0) -> None:
    pdf.set_left_margin(MARGIN + indent)
    pdf.set_x(pdf.l_margin)
    # Keep a label with the first line of its answer.
    if pdf.get_y() > pdf.page_break_trigger - 16:
        pdf.add_page()
    top, page = pdf.get_y(), pdf.page_no()
    pdf.text_line(answer.label, bold=True)
    if answer.text is None:
        pdf.set_text_color(*GREY)
        pdf.text_line(pdf.doc.say("not_provided"))
        pdf.set_text_color(*INK)
    else:
        pdf.text_line(answer.text)
    if indent:
        # A rule beside each answer of a list entry; after a page break, only this page's part.
        start = top if pdf.page_no() == page else pdf.t_margin + 10
        pdf.set_draw_color(*RULE)
        pdf.line(MARGIN + 2, start, MARGIN + 2, pdf.get_y() + 2.5)
    pdf.ln(2.5)
    pdf.set_left_margin(MARGIN)


def _render_list(pdf: _PlanPDF, item: AnswerList) -> None:
    if pdf.get_y() > pdf.page_break_trigger - 34:
        pdf.add_page()  # keep a list's heading with its first entry
    pdf.text_line(item.label, bold=True, size=13)
    pdf.ln(1)
    if not item.entries:
        pdf.set_text_color(*GREY)
        pdf.text_line(pdf.doc.say("none_added"))
        pdf.set_text_color(*INK)
        pdf.ln(2.5)
        return
    for entry in item.entries:
        if entry.title and pdf.get_y() > pdf.page_break_trigger - 28:
            pdf.add_page()
        if entry.title:
            pdf.text_line(entry.title, bold=True)
        for answer in entry.answers:
            _render_answer(pdf, answer, indent=6)
    pdf.ln(1)


def _render_items(pdf: _PlanPDF, items: list[Item]) -> None:
    for item in items:
        if isinstance(item, AnswerList):
            _render_list(pdf, item)
        else:
            _render_answer(pdf, item)


def _cell_style(text: str, bold: bool = False) -> FontFace | None:
    """A table cell holds one font: the one its first non-Latin run needs."""
    script = dominant_script(text)
    if script == BASE and not bold:
        return None
    return FontFace(family=script, emphasis="B" if bold else "")


def _render_comparison(pdf: _PlanPDF, table: SpendingTable) -> None:
    for line in table.comparison:
        pdf.text_line(line)
        pdf.ln(1)


def _render_spending(pdf: _PlanPDF, table: SpendingTable, *, comparison: bool = True) -> None:
    doc = pdf.doc
    if not table.rows:
        pdf.set_text_color(*GREY)
        pdf.text_line(doc.say("spending_none"))
        pdf.set_text_color(*INK)
        return
    headings = [doc.say(k) for k in (
        "table_item", "table_amount", "table_frequency", "table_unit_cost", "table_per_week",
        "table_per_four_weeks", "table_per_year", "table_one_off", "table_outcomes")]
    cells = [
        [printable(text) for text in (r.support, r.amount, r.frequency, r.unit_cost, r.per_week,
                                      r.per_four_weeks, r.per_year, r.one_off, r.outcomes)]
        for r in table.rows
    ]
    scripts = {script for row in cells for text in row for script, _ in script_runs(text)}
    for script in scripts:
        pdf._add(script, False)
    usable = {s for s in scripts if pdf.loaded.get((s, False))}
    pdf.use(BASE, size=SMALL_PT)
    pdf.shape(False)
    # Each cell is shaped only if one of its own scripts needs it (see _PlanPDF.multi_cell).
    shaped: dict[str, bool] = {}  # this table's cells only

    def cell_shaping(text: str) -> bool:
        if text not in shaped:
            shaped[text] = any(FONTS[s].shaping for s, _ in script_runs(text) if s in usable)
        return shaped[text]

    pdf.cell_shaping = cell_shaping
    try:
        _draw_spending_table(pdf, table, headings, cells, usable)
    finally:
        pdf.cell_shaping = None
        pdf_fast.forget("cell_fragments")
        pdf_fast.forget("cell_lines")
    pdf.ln(3)
    for line in table.in_full:
        pdf.text_line(line)
        pdf.ln(1)
    if comparison:
        _render_comparison(pdf, table)


def _draw_spending_table(pdf: _PlanPDF, table: SpendingTable, headings: list[str], cells: list[list[str]], usable: set[str]) -> None:
    doc = pdf.doc
    pdf.set_draw_color(*RULE)
    pdf.set_fill_color(255, 255, 255)
    heading_style = FontFace(family=BASE, emphasis="B", fill_color=(232, 232, 232))
    with pdf.table(
        # Landscape: 257 mm. Money columns hold bold totals to £9,999.99 (4 weeks, one-off)
        # and £99,999.99 (a year) on one line; outcomes get room for the start of their words.
        col_widths=(52, 20, 19, 21, 25, 25, 28, 25, 42),
        text_align=("LEFT", "RIGHT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "LEFT"),
        headings_style=heading_style,
        line_height=5.6,
        padding=1.4,
        repeat_headings=1,
        width=pdf.epw,
    ) as grid:
        row = grid.row()
        for text in headings:
            row.cell(text)
        for values in cells:
            row = grid.row()
            for text in values:
                style = _cell_style(text)
                if style is not None and style.family not in usable:
                    style = None
                row.cell(text, style=style)
        total = [doc.say("table_total"), "", "", "", pounds(table.total_week), pounds(table.total_four_weeks),
                 pounds(table.total_year), pounds(table.total_one_off) if table.total_one_off else "", ""]
        row = grid.row(style=FontFace(family=BASE, emphasis="B"))
        for text in total:
            row.cell(text)


def _render_section(pdf: _PlanPDF, section: PlanSection) -> None:
    table = section.spending if section.spending is not None and section.spending.rows else None
    if table is not None and pdf.cur_orientation == PageOrientation.PORTRAIT and pdf.page_no() > pdf.cover_last_page and pdf.get_y() < pdf.h / 2:
        # Less than half this page is used: the section's words go here and only the table
        # turns to landscape pages, so no page is left almost empty before it.
        _render_section_then_table(pdf, section, table)
        return
    if table is not None:
        pdf.add_page(orientation="L")
    elif pdf.cur_orientation == PageOrientation.LANDSCAPE or pdf.page_no() <= pdf.cover_last_page or pdf.get_y() > pdf.h - 70:
        pdf.add_page(orientation="P")
    pdf.heading(section.heading, outline=section.heading)
    if section.intro:
        pdf.text_line(section.intro)
        pdf.ln(3)
    if section.empty:
        pdf.set_text_color(*GREY)
        pdf.text_line(pdf.doc.say("empty_section"))
        pdf.set_text_color(*INK)
        pdf.ln(6)
        return
    if section.estimate is not None:
        pdf.text_line(pdf.doc.say("estimate_heading"), bold=True, size=13)
        for line in section.estimate:
            pdf.text_line(line)
        pdf.ln(4)
    if section.spending is not None:
        _render_spending(pdf, section.spending)
        pdf.ln(3)
    _render_items(pdf, section.items)
    pdf.ln(4)


def _render_section_then_table(pdf: _PlanPDF, section: PlanSection, table: SpendingTable) -> None:
    pdf.heading(section.heading, outline=section.heading)
    if section.intro:
        pdf.text_line(section.intro)
        pdf.ln(3)
    _render_comparison(pdf, table)
    pdf.ln(2)
    _render_items(pdf, section.items)
    pdf.add_page(orientation="L")
    pdf.text_line(pdf.doc.say("table_heading"), bold=True, size=13)
    pdf.ln(2)
    _render_spending(pdf, table, comparison=False)
    pdf.ln(4)


def _render_cover(pdf: _PlanPDF) -> None:
    doc = pdf.doc
    pdf.add_page()
    pdf.start_section(printable(doc.say("outline_cover") or doc.title)[:120], level=0, strict=False)
    pdf.ln(8)
    pdf.text_line(doc.title, size=24, bold=True, height=12)
    pdf.ln(6)
    # The draft mark: a thick-bordered box no one can miss.
    pdf.set_draw_color(*INK)
    pdf.set_line_width(1.2)
    top = pdf.get_y()
    pdf.set_left_margin(26)
    pdf.set_right_margin(26)
    pdf.ln(4)
    pdf.text_line(doc.text["draft_mark"], size=15, bold=True, height=7.5)
    pdf.set_left_margin(MARGIN)
    pdf.set_right_margin(20)
    pdf.ln(4)
    pdf.rect(20, top, pdf.epw, pdf.get_y() - top)
    pdf.set_line_width(0.2)
    pdf.ln(8)
    for answer in doc.cover:
        _render_answer(pdf, answer)
    _render_answer(pdf, Answer("date", doc.say("cover_date"), doc.date))
    pdf.text_line(doc.say("cover_draft_note"))
    pdf.ln(4)
    if "cover_contents" in doc.text:
        # Keep the list of sections in one piece: on the cover if it fits, else overleaf.
        if pdf.get_y() + (len(doc.sections) + 2) * 5.8 > pdf.page_break_trigger:
            pdf.add_page()
        pdf.text_line(doc.say("cover_contents"), bold=True, size=13)
        for number, section in enumerate(doc.sections, start=1):
            pdf.text_line(f"{number}. {section.heading}", size=SMALL_PT, height=5.8)
    pdf.cover_last_page = pdf.page_no()  # the plan itself starts on a fresh page


def _render_closing(pdf: _PlanPDF) -> None:
    doc = pdf.doc
    pdf.add_page(orientation="P")
    pdf.heading(doc.say("notes_heading"), outline=doc.say("notes_heading"))
    if "notes_intro" in doc.text:
        pdf.text_line(doc.say("notes_intro"))
        pdf.ln(2)
    pdf.set_draw_color(*RULE)
    top = pdf.get_y()
    for line in range(1, 15):
        y = top + line * 9
        pdf.line(20, y, pdf.w - 20, y)
    pdf.set_y(top + 15 * 9)
    pdf.add_page(orientation="P")
    pdf.heading(doc.say("signatures_heading"), outline=doc.say("signatures_heading"))
    if "signatures_intro" in doc.text:
        pdf.text_line(doc.say("signatures_intro"))
        pdf.ln(4)
    for who in ("sign_person", "sign_social_worker"):
        pdf.text_line(doc.say(who), bold=True, size=13)
        pdf.ln(2)
        for box in ("sign_name", "sign_signature", "sign_date"):
            pdf.use(BASE, size=BODY_PT)
            pdf.cell(35, 14, doc.say(box))
            pdf.set_draw_color(*INK)
            pdf.rect(pdf.get_x(), pdf.get_y(), pdf.w - 20 - pdf.get_x(), 12)
            pdf.ln(16)
        pdf.ln(6)
    pdf.heading(doc.say("next_heading"), outline=doc.say("next_heading"))
    for paragraph in doc.say("next_body").strip().split("\n"):
        pdf.text_line(paragraph.strip())
        pdf.ln(2)


def plan_json(plan: Plan) -> bytes:
    """The whole Plan as UTF-8 JSON for the attachment (a broken character becomes U+FFFD)."""
    try:
        return plan.to_json().encode("utf-8")
    except ValueError:  # a lone surrogate, only possible from a hand-made save file
        text = json.dumps(plan.model_dump(mode="json"), indent=1, ensure_ascii=False)
        return text.encode("utf-8", errors="replace")


def render_document(doc: PlanDocument, plan: Plan, *, created: dt.datetime, language: str, subject: str, keywords: str, creator: str) -> bytes:
    with pdf_fast.document_memo():
        return _build(doc, plan, created=created, language=language, subject=subject, keywords=keywords, creator=creator)


def _build(doc: PlanDocument, plan: Plan, *, created: dt.datetime, language: str, subject: str, keywords: str, creator: str) -> bytes:
    pdf = _PlanPDF(doc)
    pdf.set_title(printable(doc.title))
    pdf.set_author(printable(doc.author or doc.person_name))
    pdf.set_subject(subject)
    pdf.set_keywords(keywords)
    pdf.set_creator(creator)
    pdf.set_lang(language)
    pdf.set_creation_date(created)
    pdf.set_display_mode("fullwidth")
    _render_cover(pdf)
    for section in doc.sections:
        _render_section(pdf, section)
    _render_closing(pdf)
    pdf.embed_file(
        basename=ATTACHMENT_NAME,
        bytes=plan_json(plan),
        desc=doc.say("attachment_description"),
        mime_type="application/json",
        creation_date=created,
        modification_date=created,
        compress=True,
    )
    return bytes(pdf.output())


def render_plan_pdf(content: Content, plan: Plan, *, created: dt.datetime | None = None) -> bytes:
    """The draft plan PDF for this plan, with the plan itself attached as plan.json."""
    created = created or dt.datetime.now(dt.timezone.utc)
    if created.tzinfo is None:
        created = created.replace(tzinfo=dt.timezone.utc)
    doc = plan_document(content, plan, created=created.date())
    doc.text["draft_mark"] = content.pdf.draft_mark if content.pdf else ""
    pdf_content = content.pdf
    assert pdf_content is not None
    with _BUILDS:
        return render_document(
            doc,
            plan,
            created=created,
            language=pdf_content.language,
            subject=pdf_content.subject,
            keywords=pdf_content.keywords,
            creator=content.service.service_name,
        )


# At most two plans are printed at once in a process. A build holds 100 MB or more of font
# tables for a moment (subsetting Noto CJK most of all), so thirty people reaching the last
# step together could need gigabytes; Python runs one build at a time anyway, so a queue
# of two costs no speed (benchmarks/: concurrent sessions).
_BUILDS = threading.BoundedSemaphore(2)


_UNSAFE = re.compile(r"[^\w-]+")


def pdf_file_name(prefix: str, person_name: str, day: dt.date) -> str:
    """"draft-care-plan-Zoë-Wiśniewski-2026-11-24.pdf": letters and digits kept, the rest
    (slashes, dots, quotes, control characters, emoji) dropped, so no name can escape a folder."""
    name = unicodedata.normalize("NFC", person_name)
    parts = [_UNSAFE.sub("-", part).strip("-_") for part in (prefix, name[:60])]
    stem = "-".join(part for part in parts if part)
    stem = re.sub(r"-{2,}", "-", stem)
    return f"{stem}-{day.isoformat()}.pdf"
