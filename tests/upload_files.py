"""Files for upload tests, as bytes, and a multipart body built by hand: Django's test client
keeps only a file name's last part, and the rules about names need the name as a client sent it."""

import io
import secrets
import zipfile
from pathlib import Path

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(50)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(50)
GIF = b"GIF89a" + bytes(50)
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(50)
TEXT = "Notes from the café meeting.\nNext steps: intake forms.\n".encode()
CSV = b"county,visits,month\nNorth,12,May\nSouth,9,May\nEast,4,June\n"
HTML = b"<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n"
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'
# Claims to be a PDF, and a browser sniffing it would find a page in its first kilobytes.
PDF_WITH_MARKUP_AHEAD = b"%PDF-1.4\n%<html><script>alert(1)</script>\n" + PDF
# A valid PDF whose markup comes after the first kilobytes: accepted, and only the download
# headers keep a browser from running it as a page.
POLYGLOT_PDF = PDF + b"%" + b"x" * 9000 + b"\n<html><script>alert(1)</script></html>\n"


def zipped(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def ooxml(main_part: str, content_types: str = "<Types/>") -> bytes:
    return zipped({"[Content_Types].xml": content_types, main_part: "<x/>", "_rels/.rels": "<r/>"})


DOCX = ooxml("word/document.xml")
XLSX = ooxml("xl/workbook.xml")
PPTX = ooxml("ppt/presentation.xml")
DOCM = ooxml("word/document.xml", '<Types><Override ContentType="macroEnabled"/></Types>')
ZIP = zipped({"readme.txt": "hello"})


def ole(stream: str) -> bytes:
    """An OLE compound file's header and one directory sector: the root and the main stream."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return header + _ole_entry("Root Entry", 5) + _ole_entry(stream, 2) + bytes(256)


def _ole_entry(name: str, object_type: int) -> bytes:
    encoded = name.encode("utf-16-le") + b"\x00\x00"
    entry = encoded.ljust(64, b"\x00") + len(encoded).to_bytes(2, "little") + bytes([object_type])
    return entry.ljust(128, b"\x00")


DOC = ole("WordDocument")
XLS = ole("Workbook")
PPT = ole("PowerPoint Document")
MSI = ole("\u4840\u3f3f")  # an installer: OLE too, but no document stream


def multipart(fields: dict[str, str], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    """(body, content type) of a form post; each file is (field, name as sent, content)."""
    boundary = secrets.token_hex(16)
    parts = []
    for name, value in fields.items():
        head = f'Content-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(head.encode() + value.encode() + b"\r\n")
    for field, filename, content in files:
        escaped = filename.replace("\\", "\\\\").replace('"', '\\"')
        head = (
            f'Content-Disposition: form-data; name="{field}"; filename="{escaped}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    body = b"".join(f"--{boundary}\r\n".encode() + part for part in parts)
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def stored_files(root) -> list[str]:
    """Every file under MEDIA_ROOT, as paths relative to it."""
    base = Path(root)
    return sorted(str(path.relative_to(base)) for path in base.rglob("*") if path.is_file())
