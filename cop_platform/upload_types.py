"""Judging an upload's type from its bytes (never its name or the browser's claim).

`judge_content_type()` answers one of ALLOWED_TYPES or "" for anything else. `filetype` reads the
magic numbers; the Office containers need a second look, because a .docx is a zip like any other
and an old .doc is an OLE compound file like an .msi or an .msg.
"""

import codecs
import csv
import zipfile
from typing import IO

import filetype

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
PPT = "application/vnd.ms-powerpoint"
PNG = "image/png"
JPEG = "image/jpeg"
GIF = "image/gif"
WEBP = "image/webp"
TEXT = "text/plain"
CSV = "text/csv"

# The allow-list, with the words a person reads in messages and on the post.
ALLOWED_TYPES = {
    PDF: "PDF",
    DOCX: "Word document",
    XLSX: "Excel workbook",
    PPTX: "PowerPoint presentation",
    DOC: "Word 97-2003 document",
    XLS: "Excel 97-2003 workbook",
    PPT: "PowerPoint 97-2003 presentation",
    PNG: "PNG image",
    JPEG: "JPEG image",
    GIF: "GIF image",
    WEBP: "WebP image",
    TEXT: "Plain text",
    CSV: "CSV spreadsheet",
}
IMAGE_TYPES = frozenset({PNG, JPEG, GIF, WEBP})
SIMPLE_TYPES = frozenset({PDF, PNG, JPEG, GIF, WEBP})

HEAD_BYTES = 8192
CHUNK_BYTES = 1024 * 1024  # a multiple of the OLE directory entry (128 bytes)
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An OLE file's main stream names what it is; the name sits at the start of a 128-byte directory
# entry, in UTF-16LE, with its byte length (terminator included) at offset 64.
OLE_STREAMS = {
    "WordDocument": DOC,
    "Workbook": XLS,
    "Book": XLS,
    "PowerPoint Document": PPT,
}
OOXML_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}


def read_head(file: IO[bytes], size: int = HEAD_BYTES) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def judge_content_type(file: IO[bytes]) -> str:
    """The allow-listed type the content is, or "" when it is none of them."""
    head = read_head(file)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    if mime in SIMPLE_TYPES:
        return mime
    if head.startswith(b"PK\x03\x04"):
        return _ooxml_type(file)
    if head.startswith(OLE_SIGNATURE):
        return _ole_type(file)
    if kind is None and _is_utf8_text(file):
        return CSV if _looks_like_csv(head) else TEXT
    return ""


def _ooxml_type(file: IO[bytes]) -> str:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            macros = any(name.endswith("vbaProject.bin") for name in names)
            if "[Content_Types].xml" not in names or macros:
                return ""
            # Read a bounded slice: the manifest is small, and a zip bomb must not expand here.
            with archive.open("[Content_Types].xml") as manifest:
                types = manifest.read(256 * 1024)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return ""
    finally:
        file.seek(0)
    # Macro-enabled documents (.docm, .xlsm, .pptm) share the layout; they are not on the list.
    if b"macroEnabled" in types:
        return ""
    for part, mime in OOXML_PARTS.items():
        if part in names:
            return mime
    return ""


def _ole_type(file: IO[bytes]) -> str:
    wanted = {name.encode("utf-16-le"): mime for name, mime in OLE_STREAMS.items()}
    file.seek(512)  # the directory lives in sectors after the 512-byte header
    try:
        while chunk := file.read(CHUNK_BYTES):
            for offset in range(0, len(chunk) - 127, 128):
                entry = chunk[offset : offset + 128]
                found = _ole_entry_type(entry, wanted)
                if found:
                    return found
    finally:
        file.seek(0)
    return ""


def _ole_entry_type(entry: bytes, wanted: dict[bytes, str]) -> str:
    name_length = int.from_bytes(entry[64:66], "little")
    stream_object = entry[66] == 2
    if not stream_object or name_length < 2 or name_length > 64:
        return ""
    return wanted.get(entry[: name_length - 2], "")


def _is_utf8_text(file: IO[bytes]) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    file.seek(0)
    try:
        while chunk := file.read(CHUNK_BYTES):
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        file.seek(0)
    return True


def _looks_like_csv(head: bytes) -> bool:
    """Several rows with the same two-or-more columns; one sniffing, never the file's name."""
    sample = head.decode("utf-8", errors="ignore")
    lines = sample.splitlines()
    if len(head) == HEAD_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line of a cut sample is likely partial
    if len(lines) < 2:
        return False
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t")
    except csv.Error:
        return False
    widths = {len(row) for row in csv.reader(lines[:50], dialect) if row}
    return len(widths) == 1 and widths.pop() >= 2
