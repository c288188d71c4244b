from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from communities.views import people as community_views
from cop_platform import views as site_views

admin.site.site_header = "CoP Platform administration"
admin.site.site_title = "CoP Platform admin"
# Staff log in through the site's own login, so allauth's rate limits guard the admin too.
admin.site.login = login_required(admin.site.login)

urlpatterns = [
    path("", community_views.home, name="home"),
    path("search/", site_views.search, name="search"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("communities.urls")),
    path("", include("meetings.urls")),
    path("", include("oversight.urls")),
    path("", include("toolkit.urls")),
]
