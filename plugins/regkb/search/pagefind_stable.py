"""Make Pagefind's output identical from one build to the next.

Pagefind 1.x writes its filter indexes from a hash map, so the order of the filter values (and
hence the files' content, their hash-based names, the metadata file that lists them and the entry
file) changes on every run, though the content means the same (upstream: Pagefind/pagefind#638,
"other files will still change, such as the filter/metadata indexes"). We re-encode each filter
file with its values sorted, name it after its content, and rewrite the references. The format is
small: gzip of b"pagefind_dcd" followed by CBOR; only the subset Pagefind writes is handled, and
anything unexpected leaves the output as Pagefind wrote it (it stays correct, just not stable).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


class _Unsupported(ValueError):
    """Something in the file outside the CBOR subset Pagefind writes."""


def stabilize(output: Path | str) -> bool:
    """Rewrite `output` (the pagefind/ folder) in a canonical form; True when done."""
    output = Path(output)
    entry_path = output / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        renames: dict[str, str] = {}
        for path in sorted((output / "filter").glob("*.pf_filter")):
            value = _read(path)
            if not (isinstance(value, list) and len(value) == 2 and isinstance(value[1], list)):
                raise _Unsupported(path.name)
            value[1] = sorted(value[1], key=lambda item: _encode(item[0]) if isinstance(item, list) and item else b"")
            lang, old = path.stem.split("_", 1)
            data = _encode(value)
            new = f"{lang}_{hashlib.sha256(data).hexdigest()[:len(old)]}"
            renames[path.stem] = new
            _write(path, data, output / "filter" / f"{new}.pf_filter")
        for lang, info in entry.get("languages", {}).items():
            old_hash = info["hash"]
            meta_path = output / f"pagefind.{old_hash}.pf_meta"
            meta = _replace(_read(meta_path), renames)
            if not (isinstance(meta, list) and len(meta) > 3 and isinstance(meta[3], list)):
                raise _Unsupported(meta_path.name)
            meta[3] = sorted(meta[3], key=_encode)  # [[filter name, file hash], ...], in hash-map order
            data = _encode(meta)
            new_hash = f"{lang}_{hashlib.sha256(data).hexdigest()[:len(old_hash) - len(lang) - 1]}"
            _write(meta_path, data, output / f"pagefind.{new_hash}.pf_meta")
            info["hash"] = new_hash
        if isinstance(entry.get("languages"), dict):
            entry["languages"] = dict(sorted(entry["languages"].items()))
        entry_path.write_text(json.dumps(entry, separators=(",", ":")), encoding="utf-8")
        return True
    except (OSError, ValueError, KeyError, IndexError, struct.error, EOFError):
        return False


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise _Unsupported(path.name)
    value, end = _decode(raw, len(SIGNATURE))
    if end != len(raw):
        raise _Unsupported(path.name)
    return value


def _write(old: Path, data: bytes, new: Path) -> None:
    """Write gzip(signature + data) at `new` (no timestamp in the gzip header), remove `old`."""
    new.write_bytes(gzip.compress(SIGNATURE + data, compresslevel=9, mtime=0))
    if old != new:
        old.unlink()


def _replace(value, renames: dict[str, str]):
    if isinstance(value, str):
        return renames.get(value, value)
    if isinstance(value, list):
        return [_replace(item, renames) for item in value]
    if isinstance(value, dict):
        return {key: _replace(item, renames) for key, item in value.items()}
    return value


# --- the CBOR subset Pagefind writes (unsigned/negative ints, bytes, text, arrays, maps, simple) ---
def _decode(raw: bytes, pos: int):
    head = raw[pos]
    major, info = head >> 5, head & 0x1F
    pos += 1
    if major == 7:
        simple = {20: False, 21: True, 22: None}
        if info in simple:
            return simple[info], pos
        if info == 27:
            return ("f64", raw[pos:pos + 8]), pos + 8
        if info == 26:
            return ("f32", raw[pos:pos + 4]), pos + 4
        raise _Unsupported(f"simple value {info}")
    if info < 24:
        length = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        length = int.from_bytes(raw[pos:pos + size], "big")
        pos += size
    else:
        raise _Unsupported("indefinite length")
    if major == 0:
        return length, pos
    if major == 1:
        return -1 - length, pos
    if major == 2:
        return raw[pos:pos + length], pos + length
    if major == 3:
        return raw[pos:pos + length].decode("utf-8"), pos + length
    if major == 4:
        items = []
        for _ in range(length):
            item, pos = _decode(raw, pos)
            items.append(item)
        return items, pos
    if major == 5:
        mapping = {}
        for _ in range(length):
            key, pos = _decode(raw, pos)
            mapping[key], pos = _decode(raw, pos)
        return mapping, pos
    raise _Unsupported(f"major type {major}")


def _head(major: int, length: int) -> bytes:
    if length < 24:
        return bytes([major << 5 | length])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if length < 1 << (8 * size):
            return bytes([major << 5 | info]) + length.to_bytes(size, "big")
    raise _Unsupported("integer too large")


def _encode(value) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xF4 if value is False else 0xF5 if value is True else 0xF6])
    if isinstance(value, tuple) and value and value[0] in ("f64", "f32"):
        return bytes([0xFB if value[0] == "f64" else 0xFA]) + value[1]
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(item) for item in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value.items())
    raise _Unsupported(type(value).__name__)
