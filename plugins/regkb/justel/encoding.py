"""A saved Justel page's bytes as text, whatever went wrong with its encoding, and said.

Justel serves Windows-1252 and declares ISO-8859-1; mirrors re-encode to UTF-8 and keep the old
declaration; a copy pasted together mixes both; an editor saves UTF-16 with a BOM; a page read
once in the wrong encoding and saved again is double-encoded ('rÃ©gime'). The bytes decide, never
the declaration; every repair is reported with its line so that nobody imports 'Ã©' unawares.
"""

from __future__ import annotations

import codecs
import re

BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|"
                           rb"\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}")
META = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
SINGLE_BYTE = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "windows-1252", "cp1252", "iso-8859-15",
               "iso8859-15", "us-ascii", "ascii"}
# a UTF-8 sequence read as Windows-1252: a lead byte's character, then continuation bytes' ones
_CONT = ("[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a"
         "\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
MOJIBAKE = re.compile(f"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}")


def _byte(char: str) -> int | None:
    try:
        return char.encode("cp1252")[0]
    except UnicodeEncodeError:
        return ord(char) if ord(char) < 256 else None


def _plausible(char: str) -> bool:
    """What a double-encoded Belgian text can hold: Latin letters, typographic signs, the euro."""
    code = ord(char)
    return 0xA0 <= code <= 0x17F or 0x2010 <= code <= 0x206F or code in (0x20AC, 0x2122, 0x2264, 0x2265)


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _c1(error: UnicodeError) -> tuple[str, int]:
    """Windows-1252's five unassigned bytes as the C1 controls Latin-1 gives (reported as controls)."""
    assert isinstance(error, UnicodeDecodeError)
    return "".join(chr(b) for b in error.object[error.start:error.end]), error.end


def _as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """A byte that is not UTF-8 in a UTF-8 page: read as Windows-1252, as Justel serves pages."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start:error.end].decode("cp1252", errors="regkb-c1"), error.end


codecs.register_error("regkb-c1", _c1)
codecs.register_error("regkb-cp1252", _as_cp1252)


def decode(data: bytes, path: str = "", notes: list[str] | None = None) -> str:
    """The page's text; `notes` gets one line per thing the bytes got wrong (with the line)."""
    notes = notes if notes is not None else []
    where = f"{path}: " if path else ""
    declared = META.search(data[:4096])
    declared_name = declared[1].decode("ascii", "replace").lower() if declared else ""
    for bom, codec in BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(codec, errors="replace")
            if codec != "utf-8":
                notes.append(f"{where}the page is saved as {codec.upper()[:6]} (with a byte order mark): read as such.")
            if "\ufffd" in text and codec != "utf-8":
                notes.append(f"{where}the page's {codec.upper()[:6]} bytes are not all valid: '\ufffd' where a "
                             "character could not be read (line "
                             f"{_line(text, text.index(chr(0xFFFD)))}). Download the page again.")
            return _undouble(text, where, notes)
    if len(data) >= 4 and data.count(b"\x00") * 3 > len(data):  # UTF-16 without its mark
        codec = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        text = data.decode(codec, errors="replace")
        notes.append(f"{where}the page is UTF-16 without a byte order mark: read as {codec.upper()}.")
        return _undouble(text, where, notes)
    try:
        text = data.decode("utf-8")
        used = "utf-8"
    except UnicodeDecodeError:
        if UTF8_SEQUENCE.search(data):
            text = data.decode("utf-8", errors="regkb-cp1252")
            used = "mixed"
            bad = _not_utf8(data)
            first = data.count(b"\n", 0, bad[0]) + 1
            shown = data[max(0, bad[0] - 20):bad[0] + 20].decode("utf-8", errors="regkb-cp1252")
            notes.append(f"{where}the page mixes UTF-8 with {len(bad)} byte(s) that are not UTF-8 (first on line "
                         f"{first}: {shown!r}): those are read as Windows-1252, as Justel serves its pages. "
                         "Check these characters in the imported files.")
        else:
            text = data.decode("cp1252", errors="regkb-c1")
            used = "cp1252"
    if declared_name and used != "mixed" and re.search(r"[^\x00-\x7f]", text):
        family = "cp1252" if declared_name in SINGLE_BYTE else "utf-8" if declared_name in ("utf-8", "utf8") else ""
        if family != used:
            read = "UTF-8" if used == "utf-8" else "Windows-1252"
            notes.append(f"{where}the page declares charset={declared_name} but its bytes are {read} (a saved or "
                         f"mirrored copy): read as {read}.")
    return _undouble(text, where, notes)


def _not_utf8(data: bytes) -> list[int]:
    """Offsets of the bytes outside any UTF-8 sequence (non-ASCII ones)."""
    covered = bytearray(len(data))
    for match in UTF8_SEQUENCE.finditer(data):
        covered[match.start():match.end()] = b"\x01" * (match.end() - match.start())
    return [i for i, b in enumerate(data) if b >= 0x80 and not covered[i]]


def _undouble(text: str, where: str, notes: list[str]) -> str:
    """'rÃ©gime' (UTF-8 read as Windows-1252 and saved again) back to 'régime', and reported."""
    found: list[tuple[int, str, str]] = []

    def repair(match: re.Match[str]) -> str:
        raw = [_byte(ch) for ch in match[0]]
        if None in raw:
            return match[0]
        try:
            fixed = bytes(b for b in raw if b is not None).decode("utf-8")
        except UnicodeDecodeError:
            return match[0]
        if not _plausible(fixed):
            return match[0]
        found.append((match.start(), match[0], fixed))
        return fixed

    repaired = text
    for _ in range(3):  # encoded twice over ('ÃƒÂ©'): each pass undoes one
        before = len(found)
        repaired = MOJIBAKE.sub(repair, repaired)
        if len(found) == before:
            break
    if found:
        start, was, now = found[0]
        notes.append(f"{where}the page is double-encoded (UTF-8 read as Windows-1252 and saved again): "
                     f"{len(found)} repair(s), the first on line {_line(text, start)}: {was!r} for {now!r}; written as "
                     "the characters meant. Check the imported files against Justel.")
    return repaired
