"""Reading the outbox as people read their mail: shared by the journeys."""

import re


def link_to(mailoutbox, address: str, path_part: str) -> str:
    """The link to `path_part` in the last email sent to `address`, as the person reads it."""
    links = [
        found.group(0)
        for mail in mailoutbox
        if address in mail.to
        for found in re.finditer(rf"https?://\S+{path_part}\S*", mail.body)
    ]
    assert links, f"no email to {address} links to {path_part}"
    return links[-1]


def recipients_of(mailoutbox, subject_start: str) -> list[str]:
    """Who was sent the emails whose subject starts so, once per email (a person emailed twice
    is listed twice)."""
    return [
        address
        for mail in mailoutbox
        if mail.subject.startswith(subject_start)
        for address in mail.to
    ]
