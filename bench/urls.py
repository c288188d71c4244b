"""The site's URLs plus the bare page: a Django page with no queries of its own, the yardstick
each measured page's requests per second are divided by."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import include, path

BARE_ROWS = 50


@login_required
def bare_page(request):
    rows = [{"number": number, "name": f"Row {number}"} for number in range(BARE_ROWS)]
    return render(request, "bench/bare.html", {"rows": rows})


urlpatterns = [
    path("bench/bare/", bare_page, name="bench_bare"),
    path("", include("cop_platform.urls")),
]
