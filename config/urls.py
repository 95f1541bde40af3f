from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from core import views as core_views

admin.site.site_header = _("The Borgerrådgiver – administration")
admin.site.site_title = _("The Borgerrådgiver")
admin.site.index_title = _("Reference data and administration")

urlpatterns = [
    path("log-ind/", core_views.SignInView.as_view(), name="login"),
    # The municipality's identity provider (404 unless configured; core.oidc).
    path("log-ind/kommunen/", core_views.oidc_start, name="oidc_start"),
    path("log-ind/kommunen/svar/", core_views.oidc_callback, name="oidc_callback"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    # Public: choosing the language must work before signing in.
    path("sprog/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("", include("core.urls")),
    path("", include("complaints.urls")),
    path("", include("consultations.urls")),
    path("", include("supervision.urls")),
    path("", include("stats.urls")),
    path("", include("annual_report.urls")),
    path("", include("whistleblower.urls")),
    path("", include("retention.urls")),
]

# A person disqualified on a case is told its number and the fact, nothing more (core.disqualification).
handler403 = "core.views.permission_denied"
