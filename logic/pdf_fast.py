"""Quicker stand-ins for the three slow steps of fpdf2 2.8.9 when it prints a plan; logic.pdf
is the only user, and with it the only other module that imports fpdf.

- Font subsets. fpdf2 subsets each font with fontTools when it writes the PDF, which means
  parsing the whole font file again for every document (Noto CJK: a second or more).
  ``SubsetFirst`` first cuts each font down to the glyphs the document used with HarfBuzz,
  from one shared, read-only HarfBuzz face, so fontTools only ever sees a small font.
- Line breaking. fpdf2 measures the whole line again after every character, and for shaped
  text shapes it again: quadratic in the line's length. ``LineBreaker`` gives the same lines
  (same breaks, widths and heights) by keeping running sums, shaping a run once and shaping
  again only when a line is close to full.
- Splitting text into fragments by script and fallback font: ``parse_chars`` does in one
  pass what fpdf2 does slicing the text a character at a time.

Each gives exactly what fpdf2 gives (tests/integration/test_pdf_speedups.py compares whole documents) and hands
anything it was not written for (markdown, the page-count alias, soft hyphens, character
spacing...) back to fpdf2. Caches shared between documents hold font data only; anything
derived from what a person typed lives in the document's own memo (``document_memo``) and
goes with it.
"""
from __future__ import annotations

import bisect
import contextlib
import contextvars
import functools
import io
import itertools
import operator
import os
import struct
import threading
import unicodedata
from pathlib import Path
from collections.abc import Mapping
from typing import Any, Iterator

import uharfbuzz as hb
from fontTools import subset as ftsubset
from fontTools import ttLib
from fpdf import FPDF_VERSION
from fpdf.bidi import auto_detect_base_direction
from fpdf.enums import Align, CharVPos, MethodReturnValue, TextDirection, TextMode, WrapMode, XPos, YPos
from fpdf.errors import FPDFException
from fpdf.fonts import HarfBuzzFont, TTFFont
from fpdf.line_break import (
    BREAKING_SPACE_SYMBOLS_STR,
    FORM_FEED,
    NBSP,
    NEWLINE,
    SOFT_HYPHEN,
    SPACE,
    Fragment,
    MultiLineBreak,
    TextLine,
)
from fpdf.output import OutputProducer
from fpdf.unicode_script import UnicodeScript, get_unicode_script
from fpdf.util import FloatTolerance, Padding

# The stand-ins copy fpdf2's own steps; another version may do things differently.
SUPPORTED = FPDF_VERSION == "2.8.9"

# ------------------------------------------------------------------ per-document memo

_MEMO: contextvars.ContextVar[dict | None] = contextvars.ContextVar("pdf_document_memo", default=None)


@contextlib.contextmanager
def document_memo() -> Iterator[dict]:
    """A memo for the document being built in this thread, dropped when it is done."""
    memo: dict = {}
    token = _MEMO.set(memo)
    try:
        yield memo
    finally:
        _MEMO.reset(token)
        memo.clear()


def forget(name: str) -> None:
    """Drop one of the document's memos."""
    memo = _MEMO.get()
    if memo is not None:
        memo.pop(name, None)


def memo(name: str) -> dict:
    """One of the document's memos (or a throwaway one outside a document)."""
    return _memo(name)


def _memo(name: str) -> dict:
    memo = _MEMO.get()
    if memo is None:
        return {}  # outside a document: good for one call only
    return memo.setdefault(name, {})


# ------------------------------------------------------------------ fonts

class Widths(dict):
    """A font's character widths, shared by documents: reading a character the font lacks
    gives the default width without storing the character (fpdf2's defaultdict would)."""

    __slots__ = ("default",)

    def __init__(self, widths: dict[int, int], default: int):
        super().__init__(widths)
        self.default = default

    def __missing__(self, key: int) -> int:
        return self.default


# Tables fpdf2 drops from an embedded subset, and those fontTools drops by default.
_DROP = (
    "FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "sbix", "CBDT", "CBLC", "EBDT",
    "EBLC", "EBSC", "SVG ", "CPAL", "COLR", "JSTF", "DSIG", "PCLT", "LTSH", "Feat", "Glat",
    "Gloc", "Silf", "Sill",
)
# fpdf2 embeds only the CFF table of a CID-keyed CFF font.
_NOT_CFF = ("cmap", "hmtx", "hhea", "vmtx", "vhea", "VORG", "BASE", "name", "post", "OS/2")
_FLAGS = (
    hb.SubsetFlags.NOTDEF_OUTLINE | hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED | hb.SubsetFlags.NO_LAYOUT_CLOSURE
)


class Subset(ttLib.TTFont):
    """A font HarfBuzz has already cut down to the glyphs a document uses. fpdf2's fontTools
    subsetting leaves it as it is (see install). What is embedded differs from what fontTools
    would have made only in how the same glyphs are encoded: the few font-wide figures that
    HarfBuzz copies from the whole font and that PDF readers use (the bounding box; maxima
    for TrueType hinting) are worked out again for the subset, as fontTools does."""

    cid_keyed = False

    def save(self, file: Any, reorderTables: bool | None = True) -> None:  # noqa: N803
        if "glyf" in self:
            _recalc_truetype(self)
        elif self.cid_keyed:
            return  # fpdf2 embeds only the CFF table, compiled (with its box worked out) alone
        super().save(file, reorderTables)


def _recalc_truetype(font: ttLib.TTFont) -> None:
    """What fontTools' maxp.recalc and hhea.recalc work out from the glyphs, read straight
    from the glyph data: the bounding box (and flags bit 1) in head, point and contour
    maxima in maxp, side bearing extremes in hhea."""
    reader = font.reader
    glyf = reader["glyf"]
    short_loca = struct.unpack(">h", reader["head"][50:52])[0] == 0
    count = struct.unpack(">H", reader["maxp"][4:6])[0]
    loca = reader["loca"]
    if short_loca:
        offsets = [2 * value for value in struct.unpack(f">{count + 1}H", loca[: 2 * (count + 1)])]
    else:
        offsets = list(struct.unpack(f">{count + 1}I", loca[: 4 * (count + 1)]))
    metrics_count = struct.unpack(">H", reader["hhea"][34:36])[0]
    hmtx = reader["hmtx"]
    pairs = struct.unpack(f">{2 * metrics_count}H", hmtx[: 4 * metrics_count])
    advances = list(pairs[0::2])
    lsbs = [value - 0x10000 if value >= 0x8000 else value for value in pairs[1::2]]
    rest = count - metrics_count
    if rest > 0:
        advances += [advances[-1]] * rest
        lsbs += list(struct.unpack(f">{rest}h", hmtx[4 * metrics_count: 4 * metrics_count + 2 * rest]))

    headers: dict[int, tuple[int, int, int, int, int]] = {}
    for gid in range(count):
        start, end = offsets[gid], offsets[gid + 1]
        if end - start >= 10:
            headers[gid] = struct.unpack_from(">hhhhh", glyf, start)

    def simple(gid: int) -> tuple[int, int]:
        contours = headers[gid][0]
        last = struct.unpack_from(">H", glyf, offsets[gid] + 10 + 2 * (contours - 1))[0]
        return last + 1, contours

    def components(gid: int) -> list[int]:
        found = []
        at = offsets[gid] + 10
        while True:
            flags, component = struct.unpack_from(">HH", glyf, at)
            at += 4 + (4 if flags & 0x0001 else 2)
            if flags & 0x0008:
                at += 2
            elif flags & 0x0040:
                at += 4
            elif flags & 0x0080:
                at += 8
            found.append(component)
            if not flags & 0x0020:
                return found

    def composite(gid: int, depth: int) -> tuple[int, int, int]:
        points = contours = 0
        deepest = depth
        for component in components(gid):
            kind = headers[component][0] if component in headers else 0
            if kind == 0:
                continue
            if kind > 0:
                more_points, more_contours = simple(component)
            else:
                more_points, more_contours, below = composite(component, depth + 1)
                deepest = max(deepest, below)
            points += more_points
            contours += more_contours
        return points, contours, deepest

    box = None
    all_xmin_is_lsb = True
    max_points = max_contours = max_composite_points = max_composite_contours = 0
    max_elements = max_depth = 0
    min_lsb = min_rsb = max_extent = None
    for gid, (contours, x_min, y_min, x_max, y_max) in headers.items():
        if not contours:
            continue
        if lsbs[gid] != x_min:
            all_xmin_is_lsb = False
        box = (x_min, y_min, x_max, y_max) if box is None else (
            min(box[0], x_min), min(box[1], y_min), max(box[2], x_max), max(box[3], y_max))
        if contours > 0:
            points, contours_here = simple(gid)
            max_points = max(max_points, points)
            max_contours = max(max_contours, contours_here)
        else:
            points, contours_here, depth = composite(gid, 1)
            max_composite_points = max(max_composite_points, points)
            max_composite_contours = max(max_composite_contours, contours_here)
            max_elements = max(max_elements, len(components(gid)))
            max_depth = max(max_depth, depth)
        width = x_max - x_min
        lsb, advance = lsbs[gid], advances[gid]
        min_lsb = lsb if min_lsb is None else min(min_lsb, lsb)
        rsb = advance - lsb - width
        min_rsb = rsb if min_rsb is None else min(min_rsb, rsb)
        max_extent = lsb + width if max_extent is None else max(max_extent, lsb + width)

    head, maxp, hhea = font["head"], font["maxp"], font["hhea"]
    head.xMin, head.yMin, head.xMax, head.yMax = box if box is not None else (0, 0, 0, 0)
    head.flags = head.flags | 0x2 if all_xmin_is_lsb else head.flags & ~0x2
    maxp.maxPoints, maxp.maxContours = max_points, max_contours
    maxp.maxCompositePoints, maxp.maxCompositeContours = max_composite_points, max_composite_contours
    maxp.maxComponentElements, maxp.maxComponentDepth = max_elements, max_depth
    hhea.advanceWidthMax = max(advances) if advances else 0
    hhea.minLeftSideBearing = min_lsb if min_lsb is not None else 0
    hhea.minRightSideBearing = min_rsb if min_rsb is not None else 0
    hhea.xMaxExtent = max_extent if max_extent is not None else 0


class FontSource:
    """One font file, shared by every document: a HarfBuzz face (read-only and safe across
    threads) and its glyph names. Font data only."""

    def __init__(self, path: Path, number: int, glyph_order: list[str], truetype: bool, cid_keyed: bool):
        self.path = path
        self.number = number
        self.cid_keyed = cid_keyed
        self.face = hb.Face(hb.Blob.from_file_path(str(path)), number)
        self.glyph_order = glyph_order
        self.glyph_ids = {name: gid for gid, name in enumerate(glyph_order)}
        # fontTools keeps the first four glyphs of a TrueType font, and .notdef of a CFF one.
        self.truetype = truetype
        self.kept = range(4) if truetype else range(1)

    def hb_font(self) -> HarfBuzzFont:
        """A HarfBuzz font for one document (its size is set per call), on the shared face."""
        return HarfBuzzFont(self.face)

    def fresh(self) -> ttLib.TTFont:
        """The font file opened on its own, as fpdf2's add_font opens it."""
        return ttLib.TTFont(self.path, recalcTimestamp=False, fontNumber=self.number, lazy=True)

    def subset(self, glyph_names: list[str]) -> ttLib.TTFont:
        """The font cut down to these glyphs (and those fontTools would keep), with the
        glyphs' names as fpdf2 knows them."""
        request = hb.SubsetInput()
        request.flags = _FLAGS
        glyphs = request.glyph_set
        for gid in self.kept:
            glyphs.add(gid)
        for name in glyph_names:
            glyphs.add(self.glyph_ids[name])
        drop = request.sets(hb.SubsetInputSets.DROP_TABLE_TAG)
        for tag in _DROP + _NOT_CFF if self.cid_keyed else _DROP:
            drop.add(int.from_bytes(tag.encode("ascii"), "big"))
        plan = hb.SubsetPlan(self.face, request)
        face = plan.execute()
        if face is None:
            raise ValueError("HarfBuzz could not subset the font")
        old = plan.new_to_old_glyph_mapping
        order = [self.glyph_order[old[new]] for new in range(len(old))]
        # A CFF font's box is worked out again when fpdf2 compiles its CFF table.
        font = Subset(io.BytesIO(face.blob.data), recalcTimestamp=False, recalcBBoxes=not self.truetype, lazy=True)
        font.setGlyphOrder(order)
        font.cid_keyed = self.cid_keyed
        return font


class ColorBitmaps:
    """A colour bitmap (CBDT) font, such as Noto Color Emoji, shared by every document:
    where each glyph's bitmap lies in the file, the glyph names, widths and strike sizes,
    and a HarfBuzz face. Font data only. A document's font object (``document_font``)
    reads only the bitmaps it draws, instead of fontTools reading them all per document."""

    def __init__(self, path: Path, number: int, ttfont: ttLib.TTFont):
        self.path = path
        self.number = number
        self.face = hb.Face(hb.Blob.from_file_path(str(path)), number)
        self.order = ttfont.getGlyphOrder()
        self.head = ttfont["head"]
        self.hmtx = ttfont["hmtx"]
        self.locator = ttfont["CBLC"]
        self.offset = ttfont.reader.tables["CBDT"].offset
        formats = ttLib.getTableClass("CBDT")()
        self.strikes: list[dict[str, tuple[type, int, int]]] = []
        for strike in self.locator.strikes:
            index: dict[str, tuple[type, int, int]] = {}
            for table in strike.indexSubTables:
                image_class = formats.getImageFormatClass(table.imageFormat)
                for name, (start, end) in zip(table.names, table.locations):
                    index.setdefault(name, (image_class, start, end))
            self.strikes.append(index)
        self.fd = os.open(path, os.O_RDONLY)  # read with pread: no shared file position

    def hb_font(self) -> HarfBuzzFont:
        return HarfBuzzFont(self.face)

    def document_font(self) -> ttLib.TTFont:
        """A font object for one document: the shared tables fpdf2 reads (head, hmtx, CBLC)
        and a CBDT table that reads each bitmap when it is first asked for."""
        font = ttLib.TTFont(recalcTimestamp=False)
        font.setGlyphOrder(self.order)
        font.tables["head"] = self.head
        font.tables["hmtx"] = self.hmtx
        font.tables["CBLC"] = self.locator
        font.tables["CBDT"] = _BitmapTable(self, font)
        return font


class _BitmapTable:
    """What fpdf2 reads of fontTools' CBDT table: strikeData[strike][glyph name]."""

    def __init__(self, bitmaps: ColorBitmaps, font: ttLib.TTFont):
        self.strikeData = [_Strike(bitmaps, index, font) for index in bitmaps.strikes]


class _Strike(Mapping):
    def __init__(self, bitmaps: ColorBitmaps, index: dict, font: ttLib.TTFont):
        self.bitmaps = bitmaps
        self.index = index
        self.font = font
        self.made: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        glyph = self.made.get(name)
        if glyph is None:
            image_class, start, end = self.index[name]
            data = os.pread(self.bitmaps.fd, end - start, self.bitmaps.offset + start)
            glyph = self.made[name] = image_class(data, self.font)
        return glyph

    def __contains__(self, name: object) -> bool:
        return name in self.index

    def __iter__(self) -> Iterator[str]:
        return iter(self.index)

    def __len__(self) -> int:
        return len(self.index)


class SubsetFirst(OutputProducer):
    """fpdf2's output, with each shared font swapped for its HarfBuzz subset before fpdf2
    subsets (and so changes) it. ``pdf.font_sources`` names the fonts to swap."""

    def _add_fonts(self, *args: Any, **kwargs: Any) -> Any:
        sources: dict[str, FontSource] = getattr(self.fpdf, "font_sources", {})
        for font in self.fpdf.fonts.values():
            source = sources.get(getattr(font, "fontkey", None))
            if source is None:
                continue
            try:
                font.ttfont = source.subset(font.subset.get_all_glyph_names())
            except Exception:  # noqa: BLE001 - the slow, sure way: the whole file, as fpdf2 does
                font.ttfont = source.fresh()
        sources.clear()
        return super()._add_fonts(*args, **kwargs)


# ------------------------------------------------------------------ fragments

class QuickFragment(Fragment):
    """A Fragment whose shaped text is written out as fpdf2 writes it, glyph for glyph, with
    the per-glyph work of Fragment.render_with_text_shaping and TTFFont.shape_text done once
    per run instead; and which, made by LineBreaker, remembers its width (and shaping) so that
    drawing the line does not measure (and shape) it again."""

    measured: tuple | None = None  # (characters, their count, font size, width result, glyphs)

    def _measured(self) -> tuple | None:
        measured = self.measured
        if (
            measured is not None
            and measured[0] is self.characters
            and measured[1] == len(self.characters)
            and measured[2] == self.font_size_pt
        ):
            return measured
        return None

    def get_width(self, start: int = 0, end: int | None = None, chars: str | None = None, initial_cs: bool = True) -> float:
        measured = self._measured() if chars is None and start == 0 and end is None else None
        if measured is None:
            return super().get_width(start, end, chars, initial_cs)
        font = self.font
        if self.font_size_pt > font.biggest_size_pt:
            font.biggest_size_pt = self.font_size_pt
        char_len, w = measured[3]
        # The rest of Fragment.get_width.
        char_spacing = self.char_spacing
        if self.font_stretching != 100:
            w *= self.font_stretching * 0.01
            char_spacing *= self.font_stretching * 0.01
        if self.char_spacing != 0:
            if initial_cs:
                w += char_spacing * char_len
            else:
                w += char_spacing * (char_len - 1)
        return w / self.k

    def render_pdf_text_ttf(self, frag_ws: float, word_spacing: float) -> str:
        if word_spacing or self.font.color_font:
            return super().render_pdf_text_ttf(frag_ws, word_spacing)
        # Each character's code in the font's subset; those without a glyph are left out.
        codes = map(self.font.subset.pick, map(ord, self.characters))
        return f"({self.font.escape_text(''.join([chr(code) for code in codes if code]))}) Tj"

    def render_with_text_shaping(self, pos_x: float, pos_y: float, h: float, word_spacing: float) -> str:
        state = self.graphics_state
        font = state.current_font
        if not SUPPORTED or state.char_spacing != 0 or not isinstance(font, TTFFont) or font.is_symbol:
            return super().render_with_text_shaping(pos_x, pos_y, h, word_spacing)
        subset = font.subset
        space_mapped_code = subset.pick(ord(" "))
        text = self.string
        if not text:
            return ""
        size = self.font_size_pt
        measured = self._measured()
        if measured is not None and measured[4] is not None:
            infos, positions = measured[4]
        else:
            infos, positions = font.perform_harfbuzz_shaping(text, size, self.text_shaping_parameters)
        k = self.k
        scale = font.scale
        stretching = state.font_stretching
        char_spacing = state.char_spacing * (stretching / 100) / k
        order = font.ttfont.getGlyphOrder()
        glyphs = len(order)
        metrics = font.ttfont["hmtx"].metrics
        escape = font.escape_text
        # Which characters each glyph stands for, as shape_text maps them: each character
        # goes with the nearest cluster at or before it (the first cluster takes any before it).
        clusters = sorted({int(info.cluster) for info in infos})
        mapping: dict[int, tuple[int, int]] = {}
        for at, cluster in enumerate(clusters):
            mapping[cluster] = (0 if at == 0 else cluster, clusters[at + 1] if at + 1 < len(clusters) else len(text))

        out: list[str] = []
        pending: list[str] = []
        for info, position in zip(infos, positions):
            cluster = info.cluster
            codes = mapping.pop(cluster, None)
            unicode = tuple(map(ord, text[codes[0]:codes[1]])) if codes is not None else ()
            gid = info.codepoint
            name = order[gid] if gid < glyphs else "glyph%.5d" % gid  # TTFont.getGlyphName
            width = round(scale * metrics[name][0])
            glyph = subset.get_glyph(glyph=gid, unicode=unicode, glyph_name=name, glyph_width=width)
            if glyph is None:
                continue
            mapped = subset.pick_glyph(glyph)
            x_advance, y_advance = position.x_advance, position.y_advance
            x_offset, y_offset = position.x_offset, position.y_offset
            if x_offset != 0 or y_offset != 0:
                if pending:
                    out.append(f"({escape(''.join(pending))}) Tj ")
                    pending = []
                offset_x = pos_x + x_offset * scale * size * (stretching / 100) / 1000 / k
                offset_y = pos_y - y_offset * scale * size * (stretching / 100) / 1000 / k
                out.append(f"1 0 0 1 {(offset_x) * k:.2f} {(h - offset_y) * k:.2f} Tm ")
            pending.append(chr(mapped))
            pos_x += x_advance * scale * size * (stretching / 100) / 1000 / k + char_spacing
            pos_y += y_advance * scale * size * (stretching / 100) / 1000 / k
            is_space = word_spacing and mapped == space_mapped_code
            if is_space:
                pos_x += word_spacing
            if width != x_advance or x_offset != 0 or y_offset != 0 or y_advance != 0 or is_space:
                if pending:
                    out.append(f"({escape(''.join(pending))}) Tj ")
                    pending = []
                out.append(f"1 0 0 1 {(pos_x) * k:.2f} {(h - pos_y) * k:.2f} Tm ")
        if pending:
            out.append(f"({escape(''.join(pending))}) Tj")
        return "".join(out)


_NEUTRAL = (UnicodeScript.COMMON, UnicodeScript.UNKNOWN)


def parse_chars(pdf: Any, text: str, initial_emphasis: tuple | None, stock: Any) -> Iterator[Fragment]:
    """fpdf2's FPDF._parse_chars without markdown, for a TrueType font with fallback fonts
    or shaping: fragments split where the Unicode script changes or a fallback font takes
    over. ``stock`` is fpdf2's own, for everything else."""
    alias = pdf.str_alias_nb_pages
    if not pdf.is_ttf_font or (alias and alias in text) or not (pdf.text_shaping or pdf._fallback_font_ids):
        yield from stock()
        return
    k = pdf.k
    emphasis = initial_emphasis or ("B" in pdf.font_style, "I" in pdf.font_style, bool(pdf.strikethrough), bool(pdf.underline))
    in_bold, in_italics, in_strikethrough, in_underline = emphasis
    style = ("B" if in_bold else "") + ("I" if in_italics else "")
    font_glyphs = pdf.current_font.cmap
    scripts = _memo("scripts")
    fallbacks = _memo("fallbacks")
    fallback_fonts = tuple(pdf._fallback_font_ids)
    if not text:
        return
    # Most text needs no fallback font and has one script: then it is one fragment.
    distinct = set(text)
    if all(char == "\n" or ord(char) in font_glyphs for char in distinct):
        found = set()
        for char in distinct:
            script = scripts.get(char)
            if script is None:
                script = scripts[char] = get_unicode_script.__wrapped__(char)
            found.add(script)
        if len(found.difference(_NEUTRAL)) <= 1:
            gstate = pdf._get_current_graphics_state()
            gstate.font_style = style
            gstate.strikethrough = in_strikethrough
            gstate.underline = in_underline
            yield QuickFragment(list(text), gstate, k)
            pdf._markdown_emphasis = emphasis
            return
    chunk: list[str] = []
    current_fallback_font = None
    current_text_script = None

    def frag() -> Fragment:
        nonlocal chunk, current_fallback_font, current_text_script
        gstate = pdf._get_current_graphics_state()
        gstate.font_style = style
        gstate.strikethrough = in_strikethrough
        gstate.underline = in_underline
        if current_fallback_font:
            gstate.font_family = current_fallback_font.replace("B", "").replace("I", "")
            gstate.font_style = "".join(c for c in current_fallback_font if c in "BI")
            gstate.current_font = pdf.fonts[current_fallback_font]
            current_fallback_font = None
            current_text_script = None
        fragment = QuickFragment(chunk, gstate, k)
        chunk = []
        return fragment

    for char in text:
        script = scripts.get(char)
        if script is None:
            script = scripts[char] = get_unicode_script.__wrapped__(char)
        if script not in _NEUTRAL and script != current_text_script:
            if chunk and current_text_script:
                yield frag()
            current_text_script = script
        if char != "\n" and ord(char) not in font_glyphs:
            key = (char, style, fallback_fonts)
            if key in fallbacks:
                fallback_font = fallbacks[key]
            else:
                fallback_font = fallbacks[key] = pdf.get_fallback_font(char, style)
            if fallback_font:
                if fallback_font == current_fallback_font:
                    chunk.append(char)
                    continue
                if chunk:
                    yield frag()
                current_fallback_font = fallback_font
                chunk.append(char)
                continue
        if current_fallback_font:
            if chunk:
                yield frag()
            current_fallback_font = None
        chunk.append(char)
    if chunk:
        yield frag()
    pdf._markdown_emphasis = emphasis


# A right-to-left paragraph of only these bidi classes (no digits, no left-to-right letters,
# no embeddings or isolates) has every character at its own level, 1.
_RTL_ONLY = frozenset({"R", "AL", "NSM", "WS", "ON", "S", "ES", "CS", "ET"})
# A left-to-right paragraph with none of these has every character at an even level (0, or
# 2 for numbers): one left-to-right segment.
_NOT_LTR = frozenset({"R", "AL", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})


def preload_bidirectional_text(pdf: Any, text: str, stock: Any) -> Any:
    """fpdf2's FPDF._preload_bidirectional_text (no markdown). Text all in one direction, as
    nearly all of it is, is one bidi segment: found without running the bidi algorithm,
    which fpdf2 does in Python a character at a time."""
    shaping = pdf.text_shaping
    alias = pdf.str_alias_nb_pages
    if not text or (alias and alias in text):
        return stock()
    direction = shaping["direction"] if shaping["direction"] else auto_detect_base_direction(text)
    classes = {unicodedata.bidirectional(char) for char in set(text)}
    if not (classes <= _RTL_ONLY if direction == TextDirection.RTL else classes.isdisjoint(_NOT_LTR)):
        return stock()
    shaping["paragraph_direction"] = direction
    shaping["fragment_direction"] = direction
    emphasis = ("B" in pdf.font_style, "I" in pdf.font_style, pdf.strikethrough, pdf.underline)
    return tuple(pdf._preload_font_styles(text, False, _initial_emphasis=emphasis))


# ------------------------------------------------------------------ line breaking

_TOLERANCE = FloatTolerance.TOLERANCE


def _fast_enough(fragments: Any, wrapmode: WrapMode) -> bool:
    """Whether LineBreaker's quick way covers these fragments."""
    if wrapmode != WrapMode.WORD:
        return False
    for fragment in fragments:
        state = fragment.graphics_state
        font = state.current_font
        if (
            type(fragment) not in (Fragment, QuickFragment)
            or not isinstance(font, TTFFont)
            or font.is_symbol
            or state.char_spacing != 0
            or state.font_stretching != 100
            or state.char_vpos != CharVPos.LINE
            or SOFT_HYPHEN in fragment.characters
        ):
            return False
    return True


class _Run:
    """The line's last fragment being filled: its characters and running width."""

    __slots__ = ("source", "chars", "units", "shaped", "window", "window_text", "approx", "measured", "width", "shaping")

    def __init__(self, source: Fragment):
        self.source = source
        self.chars: list[str] = []
        self.units = 0  # unshaped: sum of the characters' widths in font units
        self.shaped = bool(source.graphics_state.text_shaping)
        self.window: int = 0  # shaped: characters covered by ``approx``
        self.window_text = ""
        self.approx: list[float] = []
        self.measured = -1  # how many characters ``width`` is for
        self.width: float = 0
        self.shaping: tuple = ()  # (get_text_width's result, HarfBuzz's glyphs and positions)

    def exact(self) -> float:
        """The run's width as Fragment.get_width measures it."""
        count = len(self.chars)
        if self.measured == count:
            return self.width
        source = self.source
        state = source.graphics_state
        size = state.font_size_pt
        if not self.shaped:
            result = (count, self.units * size * 0.001)
            glyphs = None
        else:  # TTFFont.get_text_width and shaped_text_width, keeping HarfBuzz's glyphs
            font = state.current_font
            if size > font.biggest_size_pt:
                font.biggest_size_pt = size
            infos, positions = font.perform_harfbuzz_shaping("".join(self.chars), size, state.text_shaping)
            if positions is None:
                result = (0, 0)
            else:
                scale = font.scale
                # Summed one by one from 0, in glyph order, as shaped_text_width does.
                total = functools.reduce(
                    operator.add, [round(scale * position.x_advance + 0.001) * size * 0.001 for position in positions], 0
                )
                result = (len(positions), total)
            glyphs = (infos, positions)
        self.measured = count
        self.width = result[1] / source.k
        self.shaping = (result, glyphs)
        return self.width

    def fragment(self) -> Fragment:
        """The run as the line's fragment, carrying what measuring it found."""
        source = self.source
        fragment = source.clone(characters=self.chars, link=source.link)
        if isinstance(fragment, QuickFragment):
            self.exact()
            result, glyphs = self.shaping
            fragment.measured = (self.chars, len(self.chars), source.graphics_state.font_size_pt, result, glyphs)
        return fragment


class LineBreaker(MultiLineBreak):
    """fpdf2's MultiLineBreak, the same lines made without measuring every line again at
    every character. Anything unusual goes to fpdf2's own get_line."""

    def __init__(self, fragments: Any, max_width: Any, margins: Any, *args: Any, **kwargs: Any):
        super().__init__(fragments, max_width, margins, *args, **kwargs)
        # A table cell's lines, already made when its height was measured (see cell_height).
        self._replay = None
        if not args and kwargs.keys() <= {"align", "print_sh", "wrapmode"} and not kwargs.get("print_sh"):
            key = (id(fragments), max_width, tuple(margins), self.align, self.wrapmode)
            made = _memo("cell_lines").pop(key, None)
            if made is not None and made[0] is fragments:
                self._replay = iter(made[1])
        self._quick = SUPPORTED and _fast_enough(self.fragments, self.wrapmode)
        if self._quick:
            self._char_widths = _memo("char_widths")
            self._has_nbsp = [NBSP in fragment.characters for fragment in self.fragments]
            self._ahead = 160  # shaped: characters to shape ahead, about a line's worth
            self._break_lists: dict[int, list[int]] = {}
            self._prefixes: dict[int, list[int]] = {}

    def get_line(self) -> TextLine | None:  # type: ignore[override]
        if self._replay is not None:
            return next(self._replay, None)
        if not self._quick:
            return super().get_line()
        return self._quick_line()

    # ---------------------------------------------------------- widths

    def _breaks(self, index: int) -> list[int]:
        """Where a fragment's newlines and form feeds are."""
        found = self._break_lists.get(index)
        if found is None:
            chars = self.fragments[index].characters
            found = []
            if NEWLINE in chars or FORM_FEED in chars:
                found = [i for i, char in enumerate(chars) if char in (NEWLINE, FORM_FEED)]
            self._break_lists[index] = found
        return found

    def _prefix(self, index: int, widths: dict) -> list[int]:
        """An unshaped fragment's character widths (font units), summed: [0, w0, w0+w1, ...]."""
        found = self._prefixes.get(index)
        if found is None:
            chars = self.fragments[index].characters
            found = self._prefixes[index] = list(itertools.accumulate(map(widths.__getitem__, map(ord, chars)), initial=0))
        return found

    @staticmethod
    def _width_key(fragment: Fragment) -> tuple:
        """What a shaped character's width depends on, besides the character."""
        state = fragment.graphics_state
        params = state.text_shaping
        return (
            id(state.current_font), state.font_size_pt, fragment.k, params.get("fragment_direction"),
            params.get("script"), params.get("language"), tuple(sorted((params.get("features") or {}).items())),
        )

    @staticmethod
    def _shape_window(run: _Run, ahead: list[str]) -> None:
        """Shape the run and the characters ahead once; ``approx[n]`` is then close to the
        width of the run's first n characters (equal where HarfBuzz may break there)."""
        source = run.source
        state = source.graphics_state
        font = state.current_font
        text = "".join(run.chars) + "".join(ahead)
        size = state.font_size_pt
        per_char = [0.0] * (len(text) + 1)
        if text:
            infos, positions = font.perform_harfbuzz_shaping(text, size, state.text_shaping)
            scale = font.scale
            for info, position in zip(infos, positions or ()):
                cluster = info.cluster
                if cluster < len(text):
                    per_char[cluster] += round(scale * position.x_advance + 0.001) * size * 0.001
        k = source.k
        run.approx = [0.0, *(total / k for total in itertools.accumulate(per_char[:-1]))]
        run.window = len(text)
        run.window_text = text

    # ---------------------------------------------------------- the line

    def _quick_line(self) -> TextLine | None:  # noqa: C901 - one loop, as in fpdf2
        idx_last_forced_break = self.idx_last_forced_break
        self.idx_last_forced_break = None
        fragments = self.fragments
        if self.fragment_index == len(fragments):
            return None

        current_font_height: float = 0
        max_width = self.get_width(current_font_height)
        line_max_width = max_width
        indent = self.first_line_indent if self._is_first_line else 0
        for margin in self.margins:
            max_width -= float(margin)
        if self._is_first_line:
            max_width -= self.first_line_indent

        if self.skip_leading_spaces:
            while self.fragment_index < len(fragments):
                if self.character_index >= len(fragments[self.fragment_index].characters):
                    self.character_index = 0
                    self.fragment_index += 1
                    continue
                if fragments[self.fragment_index].characters[self.character_index] == SPACE:
                    self.character_index += 1
                else:
                    break

        runs: list[_Run] = []
        run: _Run | None = None
        base: float = 0  # width of the runs before ``run``, summed in order as fpdf2 does
        height: float = 0
        spaces = 0
        hint: tuple | None = None  # where the line can break: at the last space

        def line(align: Align, trailing_nl: bool = False, trailing_form_feed: bool = False) -> TextLine:
            width = base + run.exact() if run is not None else 0
            self._ahead = 24 + sum(len(r.chars) for r in runs)
            return TextLine(
                fragments=[r.fragment() for r in runs],
                text_width=width,
                number_of_spaces=spaces,
                align=align,
                height=height,
                max_width=line_max_width - indent,
                trailing_nl=trailing_nl,
                trailing_form_feed=trailing_form_feed,
                indent=indent,
            )

        while self.fragment_index < len(fragments):
            fragment = fragments[self.fragment_index]
            chars = fragment.characters
            index = self.character_index
            if index >= len(chars):
                self.character_index = 0
                self.fragment_index += 1
                continue
            state = fragment.graphics_state
            if FloatTolerance.greater_than(fragment.font_size, current_font_height):
                current_font_height = fragment.font_size
                max_width = self.get_width(current_font_height)
                line_max_width = max_width
                for margin in self.margins:
                    max_width -= float(margin)
                if self._is_first_line:
                    max_width -= self.first_line_indent
            font = state.current_font
            size = state.font_size_pt
            if size > font.biggest_size_pt:
                font.biggest_size_pt = size
            k = fragment.k
            shaped = bool(state.text_shaping)
            cw = font.cw
            if shaped:
                widths = self._char_widths.setdefault(self._width_key(fragment), {})
            # Does this fragment go on in the line's last run, or start a new one?
            joins = run is not None and fragment.has_same_style(run.source) and fragment.link == run.source.link
            margin_width = 2 * size / k  # shaped: measure exactly when this close to full
            line_height = current_font_height * self.line_height
            count = len(chars)
            # Characters are taken a stretch at a time while the line is clearly not full
            # (NBSP turns into a space as it is added: those fragments go one at a time).
            bulk = not self._has_nbsp[self.fragment_index]
            if bulk:
                breaks = self._breaks(self.fragment_index)
                if not shaped:
                    prefix = self._prefix(self.fragment_index, cw)
            while index < count:
                if joins and bulk:
                    at = bisect.bisect_left(breaks, index)
                    stop = breaks[at] if at < len(breaks) else count
                    added = 0
                    if not shaped:
                        # Units (the font's widths summed) before character i: prefix[i] + offset.
                        offset = run.units - prefix[index]
                        # Skip the check for characters well short of the margin...
                        limit = (max_width - 1e-6 - base) * k / (size * 0.001) - offset if size > 0 else -1
                        added = max(0, bisect.bisect_right(prefix, limit, index + 1, stop + 1) - index - 3)
                        # ...and check the rest exactly as the character-by-character way does.
                        while index + added < stop and not (
                            ((base + (prefix[index + added] + offset) * size * 0.001 / k)
                             + (prefix[index + added + 1] - prefix[index + added]) * size * 0.001 / k) - max_width
                            > _TOLERANCE
                        ):
                            added += 1
                    else:
                        done = len(run.chars)
                        if done >= run.window:
                            self._shape_window(run, chars[index:index + self._ahead])
                        end = min(stop, index + run.window - done)
                        if run.window_text[done:done + end - index] == "".join(chars[index:end]):
                            approx = run.approx
                            while index + added < end:
                                char = chars[index + added]
                                char_width = widths.get(char)
                                if char_width is None:
                                    char_width = widths[char] = fragment.get_width(chars=char)
                                if base + approx[done + added] + char_width - max_width >= -margin_width:
                                    break
                                added += 1
                    if added:
                        block = chars[index:index + added]
                        found = sum(map(BREAKING_SPACE_SYMBOLS_STR.__contains__, block))
                        if found:
                            last = added - 1
                            while block[last] not in BREAKING_SPACE_SYMBOLS_STR:
                                last -= 1
                            units = prefix[index + last] + offset if not shaped else run.units
                            hint = (self.fragment_index, index + last, len(runs), len(run.chars) + last, units, spaces + found - 1, base)
                            spaces += found
                        run.chars.extend(block)
                        if not shaped:
                            run.units = prefix[index + added] + offset
                        height = line_height
                        index += added
                        continue
                char = chars[index]
                if shaped:
                    char_width = widths.get(char)
                    if char_width is None:  # what Fragment.get_character_width gives
                        char_width = widths[char] = fragment.get_width(chars=char)
                else:
                    char_width = cw[ord(char)] * size * 0.001 / k

                if char in (NEWLINE, FORM_FEED):
                    self.fragment_index, self.character_index = self.fragment_index, index + 1
                    height = max(height, current_font_height * self.line_height)
                    self._is_first_line = False
                    return line(
                        Align.L if self.align == Align.J else self.align,
                        trailing_nl=char == NEWLINE,
                        trailing_form_feed=char == FORM_FEED,
                    )

                # The line's width so far, as CurrentLine.width sums it.
                if run is None:
                    overflow = (0 + char_width) - max_width > _TOLERANCE
                elif not joins:
                    overflow = ((base + run.exact()) + char_width) - max_width > _TOLERANCE
                elif not shaped:
                    overflow = ((base + run.units * size * 0.001 / k) + char_width) - max_width > _TOLERANCE
                else:
                    done = len(run.chars)
                    if done >= run.window:
                        self._shape_window(run, chars[index:index + self._ahead])
                    estimate = base + run.approx[done] + char_width - max_width
                    if estimate < -margin_width:
                        overflow = False
                    elif estimate > margin_width:
                        overflow = True
                    else:
                        overflow = ((base + run.exact()) + char_width) - max_width > _TOLERANCE

                if overflow:
                    self._is_first_line = False
                    if char in BREAKING_SPACE_SYMBOLS_STR:
                        self.character_index = index + 1
                        return line(self.align)
                    if hint is not None:
                        fragment_index, character_index, run_count, char_count, units, spaces, base = hint
                        del runs[run_count:]
                        run = runs[-1]
                        run.chars = run.chars[:char_count]
                        run.units = units
                        self.fragment_index, self.character_index = fragment_index, character_index + 1
                        return line(self.align)
                    if idx_last_forced_break == (self.fragment_index, index):
                        raise FPDFException("Not enough horizontal space to render a single character")
                    self.idx_last_forced_break = (self.fragment_index, index)
                    self.character_index = index
                    return line(Align.L if self.align == Align.J else self.align)

                # Add the character, as CurrentLine.add_character does.
                if not joins:
                    if run is not None:
                        base = base + run.exact()
                    run = _Run(fragment)
                    runs.append(run)
                    joins = True
                if char in BREAKING_SPACE_SYMBOLS_STR:
                    hint = (self.fragment_index, index, len(runs), len(run.chars), run.units, spaces, base)
                    spaces += 1
                elif char == NBSP:
                    char = SPACE
                    spaces += 1
                run.chars.append(char)
                if not shaped:
                    run.units += cw[ord(char)]
                elif len(run.chars) > run.window or run.window_text[len(run.chars) - 1] != char:
                    run.window = 0  # the window no longer matches the run: shape again
                height = line_height
                index += 1
            self.character_index = index

        if run is not None and base + run.exact():
            self._is_first_line = False
            return line(Align.L if self.align == Align.J else self.align)
        return None


# ------------------------------------------------------------------ drawing a line

_PLAIN_ALIGN = (Align.L, Align.R, Align.C)


def render_styled_text_line(
    pdf: Any, text_line: TextLine, h: float | None, border: Any, new_x: Any, new_y: Any, fill: bool,
    link: Any, center: bool, padding: Any, prevent_font_change: bool,
) -> bool | None:
    """FPDF._render_styled_text_line for a plain line (no border, fill, link, underline,
    justification, character spacing...): the same PDF operators, with fpdf2's per-fragment
    bookkeeping for what plain lines never use left out. None for any other line."""
    if (
        not SUPPORTED or border or fill or link or center or prevent_font_change
        or pdf._record_text_quad_points or text_line.align not in _PLAIN_ALIGN
        or pdf.font_stretching != 100 or pdf.char_spacing != 0 or pdf.text_mode != TextMode.FILL
    ):
        return None
    for frag in text_line.fragments:
        state = frag.graphics_state
        if (
            type(frag) not in (Fragment, QuickFragment) or frag.link or state.underline or state.strikethrough
            or state.char_spacing != 0 or state.font_stretching != 100 or state.char_vpos != CharVPos.LINE
            or state.text_mode != TextMode.FILL
        ):
            return None

    if padding is None:
        padding = Padding(0, 0, 0, 0)
    l_c_margin = r_c_margin = float(0)
    if padding.left == 0:
        l_c_margin = pdf.c_margin
    if padding.right == 0:
        r_c_margin = pdf.c_margin
    styled_txt_width = text_line.text_width
    if not styled_txt_width:
        for i, frag in enumerate(text_line.fragments):
            styled_txt_width += frag.get_width(initial_cs=i != 0)
    w = text_line.max_width
    if w is None:
        if not text_line.fragments:
            return None
        w = styled_txt_width + l_c_margin + r_c_margin
    elif w == 0:
        w = pdf.w - pdf.r_margin - pdf.x
    max_font_size: float = 0
    fragments = text_line.get_ordered_fragments()
    for frag in fragments:
        if FloatTolerance.greater_than(frag.font_size, max_font_size):
            max_font_size = frag.font_size
    if h is None:
        h = max_font_size
    page_break_triggered = pdf._perform_page_break_if_need_be(h)
    sl: list[str] = []
    k = pdf.k
    x, y, page_h = pdf.x, pdf.y, pdf.h
    s_start = x
    s_width: float = 0
    current_font = pdf.current_font
    current_font_size_pt = pdf.font_size_pt
    current_font_style = pdf.font_style
    fill_color_changed = False
    last_used_color = pdf.fill_color
    if fragments:
        if text_line.align == Align.R:
            dx = w - l_c_margin - styled_txt_width
        elif text_line.align == Align.C:
            dx = (w - styled_txt_width) / 2
        else:
            dx = l_c_margin
        s_start += dx
        sl.append(f"BT {(x + dx) * k:.2f} {(page_h - y - 0.5 * h - 0.3 * max_font_size) * k:.2f} Td")
        if (
            not pdf.current_font_is_set_on_page
            and pdf.current_font is not None
            and fragments[0].font.fontkey in pdf._fallback_font_ids
            and pdf.current_font.fontkey not in pdf._fallback_font_ids
        ):
            sl.append(pdf._set_font_for_page(pdf.current_font, pdf.font_size_pt, wrap_in_text_object=False))
        baseline = y + (0.5 * h + 0.3 * max_font_size)
        for i, frag in enumerate(fragments):
            state = frag.graphics_state
            color = state.text_color
            if color != last_used_color:
                last_used_color = color
                sl.append(color.serialize().lower())
                fill_color_changed = True
            font = state.current_font
            size = state.font_size_pt
            style = state.font_style
            if not pdf.current_font_is_set_on_page:
                current_font = pdf.current_font = font
                current_font_size_pt = pdf.font_size_pt = size
                current_font_style = pdf.font_style = style
                pdf._out(pdf._set_font_for_page(current_font, current_font_size_pt))
            elif current_font != font or current_font_size_pt != size or current_font_style != style:
                current_font, current_font_size_pt, current_font_style = font, size, style
                sl.append(pdf._set_font_for_page(current_font, current_font_size_pt, wrap_in_text_object=False))
            r_text = frag.render_pdf_text(0.0, 0.0, 0, x + dx + s_width, baseline, page_h)
            if r_text:
                sl.append(r_text)
            s_width += frag.get_width(initial_cs=i != 0) + 0
        sl.append("ET")
    if sl:
        if (
            current_font != pdf.current_font
            or current_font_size_pt != pdf.font_size_pt
            or current_font_style != pdf.font_style
            or fill_color_changed
        ):
            pdf._out(f"q {' '.join(sl)} Q")
        else:
            pdf._out(" ".join(sl))
    pdf._lasth = h or pdf.font_size
    if new_x == XPos.RIGHT:
        pdf.x += w
    elif new_x == XPos.START:
        pdf.x = s_start
    elif new_x == XPos.END:
        pdf.x = s_start + s_width
    elif new_x == XPos.WCONT:
        pdf.x = s_start + s_width - r_c_margin if s_width else s_start
    elif new_x == XPos.CENTER:
        pdf.x = s_start + s_width / 2.0
    elif new_x == XPos.LMARGIN:
        pdf.x = pdf.l_margin
    elif new_x == XPos.RMARGIN:
        pdf.x = pdf.w - pdf.r_margin
    if new_y == YPos.NEXT:
        pdf.y += h
    if new_y == YPos.TMARGIN:
        pdf.y = pdf.t_margin
    if new_y == YPos.BMARGIN:
        pdf.y = pdf.h - pdf.b_margin
    return page_break_triggered


_TABLE_CELL = {"w", "h", "text", "max_line_height", "border", "align", "new_x", "new_y", "fill", "markdown", "output", "wrapmode", "padding", "link"}


def cell_height(pdf: Any, kwargs: dict) -> float | None:
    """The height FPDF.multi_cell returns when fpdf2's table measures a cell (writing off,
    output=PAGE_BREAK|HEIGHT), found by breaking the text into lines without drawing them;
    None for any other call."""
    if (
        not kwargs.keys() <= _TABLE_CELL
        or kwargs.get("output") != MethodReturnValue.PAGE_BREAK | MethodReturnValue.HEIGHT
        or kwargs.get("markdown")
        or kwargs.get("border")
        or kwargs.get("fill")
        or not kwargs.get("w")
        or kwargs.get("h") is None
        or not pdf.font_family
    ):
        return None
    h = kwargs["h"]
    padding = Padding.new(kwargs.get("padding", 0))
    width = kwargs["w"] - padding.right - padding.left
    margins = []
    if not padding.left:
        margins.append(pdf.c_margin)
    if not padding.right:
        margins.append(pdf.c_margin)
    text = pdf.normalize_text(kwargs.get("text", "")).replace("\r", "")
    fragments = pdf._preload_bidirectional_text(text, False) if pdf.text_shaping else pdf._preload_font_styles(text, False)
    align = Align.coerce(kwargs.get("align", Align.J))
    wrapmode = WrapMode.coerce(kwargs.get("wrapmode", WrapMode.WORD))
    breaker = LineBreaker(fragments, width, margins, align=align, wrapmode=wrapmode)
    made = []
    while (line := breaker.get_line()) is not None:
        made.append(line)
    # Kept for drawing the cell, if fpdf2 then breaks the same fragments the same way.
    _memo("cell_lines")[(id(fragments), width, tuple(margins), align, wrapmode)] = (fragments, made)
    lines = max(len(made), 1)
    max_line_height = kwargs.get("max_line_height")
    line_height = h if max_line_height is None or lines == 1 else min(h, max_line_height)
    total: float = 0
    for _ in range(lines):
        total += line_height
    if total < h:
        total = h
    return total + padding.top + padding.bottom


_INSTALL_LOCK = threading.Lock()


def install() -> None:
    """Put LineBreaker where fpdf2's multi_cell and text regions look for MultiLineBreak.
    It breaks lines just as MultiLineBreak does, so other documents are unaffected."""
    if not SUPPORTED:
        return
    import fpdf.fpdf as fpdf_module
    import fpdf.output as output_module
    import fpdf.text_region as text_region_module

    with _INSTALL_LOCK:
        fpdf_module.MultiLineBreak = LineBreaker
        text_region_module.MultiLineBreak = LineBreaker
        output_module.ftsubset = _FontToolsSubset


class _Subsetter(ftsubset.Subsetter):
    """fontTools' Subsetter, which leaves a font HarfBuzz has subset as it is."""

    def subset(self, font: Any) -> None:
        if not isinstance(font, Subset):
            super().subset(font)


class _FontToolsSubset:
    """What fpdf2's output module uses of fontTools.subset."""

    Options = ftsubset.Options
    Subsetter = _Subsetter
