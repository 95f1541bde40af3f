"""The project's URLs plus one view that fails, for the error-page tests."""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path


@login_not_required
def boom(request):
    raise RuntimeError(f"kaput for {request.POST.get('cpr', '')}")


urlpatterns = [path("boom/", boom), path("", include("config.urls"))]
