from django.urls import path

from core import access_views
from core import views as core_views

from . import views

app_name = "supervision"

urlpatterns = [
    path("tilsyn/", views.queue, name="queue"),
    path("tilsyn/ny/", views.create, name="create"),
    path("tilsyn/fra-klage/<int:complaint_pk>/", views.open_from_complaint, name="open_from_complaint"),
    path("tilsyn/anbefalinger/", views.tracker, name="tracker"),
    path("tilsyn/<int:pk>/", views.detail, name="detail"),
    path("tilsyn/<int:pk>/rediger/", views.edit, name="edit"),
    path("tilsyn/<int:pk>/notat/", core_views.note_add, {"case": "supervision"}, name="note_add"),
    path("tilsyn/<int:pk>/opfoelgning/", core_views.follow_up_set, {"case": "supervision"}, name="follow_up"),
    path(
        "tilsyn/<int:pk>/notat/<int:note_pk>/",
        core_views.note_edit,
        {"case": "supervision"},
        name="note_edit",
    ),
    path("tilsyn/<int:pk>/handling/<str:action>/", views.transition, name="transition"),
    path(
        "tilsyn/<int:pk>/aktindsigt/",
        access_views.access_request_add,
        {"case": "supervision"},
        name="access_add",
    ),
    path(
        "tilsyn/<int:pk>/inhabilitet/",
        access_views.disqualification_add,
        {"case": "supervision"},
        name="disqualification_add",
    ),
    path("tilsyn/<int:pk>/hoering/", views.hearing_add, name="hearing_add"),
    path("tilsyn/<int:pk>/hoering/<int:round_pk>/rykker/", views.hearing_remind, name="hearing_remind"),
    path(
        "tilsyn/<int:pk>/hoering/<int:round_pk>/rykker/<int:reminder_pk>/",
        views.hearing_reminder_correct,
        name="hearing_reminder_correct",
    ),
    path("tilsyn/<int:pk>/hoering/<int:round_pk>/svar/", views.hearing_answer, name="hearing_answer"),
    path("tilsyn/<int:pk>/hoering/<int:round_pk>/brev/", views.hearing_letter, name="hearing_letter"),
    path("tilsyn/<int:pk>/anbefaling/", views.recommendation_add, name="recommendation_add"),
    path(
        "tilsyn/<int:pk>/anbefaling/<int:rec_pk>/opfoelgning/",
        views.recommendation_follow_up,
        name="recommendation_follow_up",
    ),
    path("tilsyn/<int:pk>/konstatering/", views.finding_set, name="finding_set"),
    path("tilsyn/<int:pk>/resultat/", views.result_add, name="result_add"),
]
