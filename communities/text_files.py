"""Reading an uploaded text file whose encoding nobody told us."""

import csv
import io

from charset_normalizer import from_bytes

# Spreadsheets on Windows save CSV as Windows-1252 unless asked for UTF-8. On a list of names the
# detector finds several code pages equally clean (José Núñez reads as cleanly in Baltic or
# Central European as in Western), and its language guess is noise on a few names; among the
# cleanest this one is preferred.
PREFERRED_ENCODING = "cp1252"


def decode_text(raw: bytes) -> str | None:
    """The text of `raw`, or None when it does not look like text in any encoding."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(raw))
    if not matches:
        return None
    cleanest = min(match.chaos for match in matches)
    if any(
        match.chaos == cleanest and PREFERRED_ENCODING in match.could_be_from_charset
        for match in matches
    ):
        return raw.decode(PREFERRED_ENCODING)
    return str(matches[0])


def csv_rows(text: str) -> list[list[str]]:
    """The rows of CSV `text` that hold something, without a header row: a spreadsheet's first
    line (`email`, `Name,E-mail address`) names its columns and is no line to report."""
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if rows and _is_header(rows[0]):
        return rows[1:]
    return rows


def _is_header(row: list[str]) -> bool:
    # Only a row naming a mail column counts: a first line that is a mistyped address (no "@")
    # stays, so the result page still reports it.
    return not any("@" in cell for cell in row) and any("mail" in cell.lower() for cell in row)
