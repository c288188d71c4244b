"""How allauth creates and addresses people on this site."""

import uuid
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation

from communities.models import User
from communities.notifications.outbox import record_email
from communities.notifications.rendering import RenderedEmail, absolute_url
from communities.services.invitations import (
    InvitationError,
    accept_invitation,
    invitation_for_token,
)

# allauth's templates → our notification kinds (all transactional: no preference applies).
_KIND_BY_TEMPLATE = {
    "account/email/email_confirmation": "email_verification",
    "account/email/email_confirmation_signup": "email_verification",
    "account/email/password_reset_key": "password_reset",
    "account/email/password_reset": "password_reset",
}


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        """The address allauth's rate limits count. Behind the proxy, a request whose
        X-Forwarded-For holds fewer entries than the proxies we trust did not come through them:
        a bad request (400). allauth raises ImproperlyConfigured there, a 500; with no header at
        all it would count the request under the proxy's own address, everyone's bucket. Asked
        here, not in a middleware, because this is the one place allauth asks for the address:
        pages without rate limits (a health check from the proxy's host) stay reachable."""
        trusted = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
        if trusted and not request.headers.get("x-forwarded-for"):
            raise SuspiciousOperation("No X-Forwarded-For behind the proxy")
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured as error:
            raise SuspiciousOperation("X-Forwarded-For shorter than the trusted proxies") from error

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        if not user.handle:
            user.handle = User.objects.unique_handle_for(user.email)
        if commit:
            user.save()
            self._accept_invitation_from_session(request, user)
        return user

    def _accept_invitation_from_session(self, request, user) -> None:
        """The person signed up from an invitation link: they join the CoP at once, with the
        address they typed. The invited address, stashed as proven by the link, is proof of
        that address only: if they typed another, it is dropped, so allauth neither makes it
        the account's login nor skips verifying the address they chose."""
        from communities.views.invitations import INVITATION_SESSION_KEY  # noqa: PLC0415

        token = request.session.pop(INVITATION_SESSION_KEY, None) if request else None
        invitation = invitation_for_token(token) if token else None
        if invitation is None:
            return
        if user.email.lower() != invitation.email.lower():
            self.unstash_verified_email(request)
        try:
            accept_invitation(user=user, invitation=invitation, signed_up_from_link=True)
        except InvitationError:
            return  # the link expired, was used or its CoP archived meanwhile

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Record allauth's emails in the outbox, like every other email of the site."""
        request = allauth_context.request
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
        # Links point at SITE_URL, whichever host the request came in on (a proxy's internal
        # name, or a test client's "testserver"): the address people know the site by.
        context = {
            key: _on_site(value) if key.endswith("_url") and isinstance(value, str) else value
            for key, value in context.items()
        }
        context["site_name"] = settings.SITE_NAME
        rendered = self.render_mail(template_prefix, email, context)
        html = next((body for body, mime in rendered.alternatives if mime == "text/html"), "")
        kind = _KIND_BY_TEMPLATE.get(template_prefix, "account_security")
        # Each request is its own email (allauth limits how often one can be asked for).
        record_email(
            key=f"{kind}:{email}:{uuid.uuid4().hex}",
            kind=kind,
            to_email=email,
            email=RenderedEmail(subject=rendered.subject, text=rendered.body, html=html),
            recipient=User.objects.filter(email__iexact=email).first(),
        )


def _on_site(url: str) -> str:
    """An absolute link of allauth's (built on the request's host) moved onto SITE_URL."""
    parts = urlsplit(url)
    if not (parts.scheme and parts.netloc):
        return url
    return absolute_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))
