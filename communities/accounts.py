"""How allauth creates and addresses people on this site."""

from allauth.account.adapter import DefaultAccountAdapter

from communities.models import User


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        if not user.handle:
            user.handle = User.objects.unique_handle_for(user.email)
        if commit:
            user.save()
        return user
