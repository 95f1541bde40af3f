from django.urls import path

from . import views

app_name = "whistleblower"

urlpatterns = [
    # Public portal
    path("whistleblower/", views.portal, name="portal"),
    path("whistleblower/indberet/", views.portal_report, name="portal_report"),
    path("whistleblower/opfoelgning/", views.portal_follow_up, name="portal_follow_up"),
    # The unit (members with a second factor; 404 for everybody else)
    path("whistleblower/enhed/", views.unit_queue, name="unit_queue"),
    path("whistleblower/enhed/2fa/", views.second_factor, name="second_factor"),
    path("whistleblower/enhed/mundtlig/", views.unit_oral, name="unit_oral"),
    path("whistleblower/enhed/medlemmer/", views.unit_members, name="unit_members"),
    path("whistleblower/enhed/medlemmer/tilfoej/", views.unit_member_add, name="unit_member_add"),
    path(
        "whistleblower/enhed/medlemmer/<int:user_pk>/fjern/",
        views.unit_member_remove,
        name="unit_member_remove",
    ),
    path(
        "whistleblower/enhed/medlemmer/<int:user_pk>/kode/", views.unit_member_code, name="unit_member_code"
    ),
    path("whistleblower/enhed/<int:pk>/", views.unit_report, name="unit_report"),
    path(
        "whistleblower/enhed/<int:pk>/handling/<str:action>/", views.unit_transition, name="unit_transition"
    ),
    path("whistleblower/enhed/<int:pk>/besked/", views.unit_message, name="unit_message"),
    path("whistleblower/enhed/<int:pk>/identitet/", views.unit_identity, name="unit_identity"),
    path("whistleblower/enhed/<int:pk>/fil/<int:file_pk>/", views.unit_file, name="unit_file"),
    path(
        "whistleblower/enhed/<int:pk>/fil/<int:file_pk>/original/",
        views.unit_file_original,
        name="unit_file_original",
    ),
    path("whistleblower/enhed/<int:pk>/notater/", views.unit_notes, name="unit_notes"),
    path("whistleblower/enhed/<int:pk>/resume/", views.unit_summary, name="unit_summary"),
    path("whistleblower/enhed/<int:pk>/godkendt/", views.unit_record_approved, name="unit_record_approved"),
    path("whistleblower/enhed/<int:pk>/videregiv/", views.unit_disclose, name="unit_disclose"),
]
