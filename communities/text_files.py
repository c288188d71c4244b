"""Reading an uploaded text file whose encoding nobody told us."""

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
