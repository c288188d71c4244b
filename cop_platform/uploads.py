"""Upload rules shared by toolkit resources and post attachments (SPEC §5, issue 13).

A file is checked (`check_upload`: size, type by content, markup, name), stored under a random name
through STORAGES["default"] (`store_upload`), and served by a view that has already scoped the
object and asked can() (`serve_upload`), with headers that keep it from ever running as a page of
the site. Nothing here knows which app owns the file, so `communities` never imports `toolkit`.
"""

import html
import secrets
import unicodedata
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import FileResponse, Http404, HttpResponse
from django.http.multipartparser import MultiPartParser
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from cop_platform.upload_types import ALLOWED_TYPES, IMAGE_TYPES, judge_content_type, read_head

# Markup a browser could take for a page; only ever tested in lower case.
MARKUP_MARKERS = (b"<html", b"<script", b"<svg", b"<!doctype", b"<body", b"<iframe")
MAX_NAME_LENGTH = 150
# Any character in these Unicode categories is refused in a name: controls, format characters
# (a right-to-left override can make a name that ends in .exe read as one that ends in .pdf),
# and private-use ones, which is how UploadNamesParser marks a name sent with a path in it.
REFUSED_NAME_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Zl", "Zp"}
# Except the zero-width (non-)joiners that Persian, Indic and emoji names need to be spelled.
JOINERS = {"\u200c", "\u200d"}
UNSAFE_NAME_MARK = "\ue000"
# A downloaded file may only be looked at, never run as a page of the site.
SANDBOX_CSP = "default-src 'none'; sandbox"


@dataclass(frozen=True)
class CheckedUpload:
    file: UploadedFile
    name: str
    content_type: str
    size: int

    @property
    def type_label(self) -> str:
        return type_label(self.content_type)


def type_label(content_type: str) -> str:
    return ALLOWED_TYPES.get(content_type, content_type)


def allowed_types_text() -> str:
    return _("PDF, Word, Excel and PowerPoint documents, PNG/JPEG/GIF/WebP images, text and CSV")


def check_upload(uploaded: UploadedFile) -> CheckedUpload:
    """Accept the file or raise ValidationError with the reason a person can act on."""
    name = clean_upload_name(uploaded.name or "")
    size = uploaded.size or 0
    if size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="empty")
    if size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("%(name)s is %(size)s; files may be at most %(limit)s.")
            % {
                "name": name,
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.UPLOAD_MAX_BYTES),
            },
            code="too_big",
        )
    if has_markup(read_head(uploaded)):
        raise ValidationError(
            _("%(name)s holds web page markup (HTML, SVG or script), which can't be shared.")
            % {"name": name},
            code="markup",
        )
    content_type = judge_content_type(uploaded)
    if not content_type:
        raise ValidationError(
            _("%(name)s isn't a file type we accept. Accepted: %(types)s.")
            % {"name": name, "types": allowed_types_text()},
            code="type",
        )
    uploaded.seek(0)
    return CheckedUpload(file=uploaded, name=name, content_type=content_type, size=size)


def has_markup(head: bytes) -> bool:
    lowered = head.lower()
    return any(marker in lowered for marker in MARKUP_MARKERS)


def clean_upload_name(raw: str) -> str:
    """The name to show; a name carrying a path or control characters is refused, not repaired,
    because it is a sign of a crafted request rather than a person's file."""
    name = unicodedata.normalize("NFC", raw).strip()
    unsafe = any(
        unicodedata.category(char) in REFUSED_NAME_CATEGORIES and char not in JOINERS
        for char in name
    )
    if unsafe or "/" in name or "\\" in name or name in {"", ".", ".."}:
        raise ValidationError(
            _("The file name may not contain folders (/ or \\) or control characters."),
            code="name",
        )
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if not dot or len(extension) > 10:
            return name[:MAX_NAME_LENGTH]
        return stem[: MAX_NAME_LENGTH - len(extension) - 1] + "." + extension
    return name


class UploadField(forms.FileField):
    """A file field whose cleaned value is a CheckedUpload."""

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if not uploaded or not isinstance(uploaded, UploadedFile):
            return uploaded
        return check_upload(uploaded)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleUploadField(forms.FileField):
    """Several files at once (a post's attachments): a list of CheckedUpload, at most max_files."""

    widget = MultipleFileInput

    def __init__(self, *args, max_files: int = 5, **kwargs):
        self.max_files = max_files
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [item for item in (data if isinstance(data, list) else [data]) if item]
        if not files:
            return super().clean(None, initial) or []
        if len(files) > self.max_files:
            raise ValidationError(
                _("Attach at most %(count)d files.") % {"count": self.max_files}, code="too_many"
            )
        checked, errors = [], []
        for uploaded in files:
            try:
                checked.append(check_upload(super().clean(uploaded, initial)))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return checked


def store_upload(checked: CheckedUpload, *, folder: str) -> str:
    """Save under a random name (the person's name is only ever shown, never used as a path)."""
    folder = folder.strip("/")
    if not folder or ".." in folder.split("/"):
        raise ValueError(f"Unsafe upload folder {folder!r}")
    checked.file.seek(0)
    return default_storage.save(f"{folder}/{secrets.token_urlsafe(24)}", checked.file)


def delete_stored(storage_name: str) -> None:
    if storage_name:
        default_storage.delete(storage_name)


def serve_upload(request, *, storage_name: str, filename: str, content_type: str) -> HttpResponse:
    """The file, as a download (images may show inline). The caller has scoped and asked can().

    PDFs download rather than open inline: under the sandboxing CSP browsers' PDF viewers refuse
    to run, and a PDF that is also a page (a polyglot) then never renders in the site's origin.
    """
    try:
        stored = default_storage.open(storage_name, "rb")
    except (FileNotFoundError, OSError) as missing:
        raise Http404("The file is no longer stored.") from missing
    inline = content_type in IMAGE_TYPES
    served_type = content_type if content_type in ALLOWED_TYPES else "application/octet-stream"
    if served_type.startswith("text/"):
        served_type += "; charset=utf-8"
    response = FileResponse(
        stored, as_attachment=not inline, filename=filename, content_type=served_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


class UploadNamesParser(MultiPartParser):
    """Django drops a sent file name's folders and control characters before any form sees it;
    this parser marks such a name (with a private-use character no browser can send, as the base
    parser strips them) so check_upload refuses the file with a message instead of storing it
    under a silently different name. Installed per request by UploadLimitsMiddleware."""

    def sanitize_file_name(self, file_name):
        cleaned = super().sanitize_file_name(file_name)
        # The base parser also drops joiners; a name that lost only those was not unsafe.
        sent = "".join(char for char in html.unescape(file_name) if char not in JOINERS)
        if cleaned != sent:
            return UNSAFE_NAME_MARK + (cleaned or "upload")
        return cleaned


class UploadSizeHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: once a file passes UPLOAD_MAX_BYTES, the handlers after it
    (memory, temporary file) get no more of it, and the form gets an empty stand-in that keeps
    the size, which check_upload refuses. So a request that names no length (chunked) still
    spools at most the limit per file, and the person reads the usual message."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_MAX_BYTES:
            return None
        return raw_data

    def file_complete(self, file_size):
        if self.received <= settings.UPLOAD_MAX_BYTES:
            return None  # the next handler's file, whole
        stand_in = SimpleUploadedFile(self.file_name, b"", self.content_type)
        stand_in.size = self.received
        return stand_in


class UploadLimitsMiddleware:
    """Refuses a request too big for any form here with a 413 page before Django reads it (a
    person sees why; the server spools nothing), and installs UploadNamesParser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.multipart_parser_class = UploadNamesParser
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.UPLOAD_MAX_REQUEST_BYTES:
            return self.refuse(request)
        return self.get_response(request)

    @staticmethod
    def refuse(request):
        referer = request.META.get("HTTP_REFERER", "")
        safe = url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        message = _("That upload is too large: each file may be at most %(limit)s.") % {
            "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)
        }
        context = {"message": message, "back_url": referer if safe else "/"}
        return render(request, "refused.html", context, status=413)
