from django.urls import path

from core import access_views
from core import views as core_views

from . import views

app_name = "complaints"

urlpatterns = [
    # Public
    path("klage/", views.public_complaint_form, name="public_form"),
    path("min-sag/<str:token>/", views.public_status, name="public_status"),
    path("min-sag/<str:token>/tilfredshed/", views.public_survey, name="public_survey"),
    path("min-sag/<str:token>/besked/", views.public_message, name="public_message"),
    path("min-sag/<str:token>/breve/<int:letter_pk>/", views.public_letter, name="public_letter"),
    path("min-sag/<str:token>/send-link/", views.public_send_link, name="public_send_link"),
    # Jurists and the head
    path("sager/", views.queue, name="queue"),
    path("eksport/forvaltning/", views.department_export, name="department_export"),
    path("sager/ny/", views.intake, name="intake"),
    path("sager/belastning/", views.workload, name="workload"),
    path("sager/<int:pk>/", views.detail, name="detail"),
    path("sager/<str:case_number>/akt.pdf", views.case_file, name="case_file"),
    path("sager/<int:pk>/rediger/", views.edit, name="edit"),
    path("sager/<int:pk>/handling/<str:action>/", views.transition, name="transition"),
    path("sager/<int:pk>/klagepunkt/", views.point_add, name="point_add"),
    path("sager/<int:pk>/forelaeggelse/", views.inquiry_add, name="inquiry_add"),
    path(
        "sager/<int:pk>/forelaeggelse/<int:inquiry_pk>/rykker/", views.inquiry_remind, name="inquiry_remind"
    ),
    path("sager/<int:pk>/forelaeggelse/<int:inquiry_pk>/svar/", views.inquiry_reply, name="inquiry_reply"),
    path(
        "sager/<int:pk>/forelaeggelse/<int:inquiry_pk>/rykker/<int:reminder_pk>/",
        views.reminder_correct,
        name="reminder_correct",
    ),
    path("sager/<int:pk>/tag/", views.take, name="take"),
    path("sager/<int:pk>/skift-sagsbehandler/", views.reassign, name="reassign"),
    path("sager/<int:pk>/notat/", core_views.note_add, {"case": "complaint"}, name="note_add"),
    path("sager/<int:pk>/opfoelgning/", core_views.follow_up_set, {"case": "complaint"}, name="follow_up"),
    path(
        "sager/<int:pk>/notat/<int:note_pk>/",
        core_views.note_edit,
        {"case": "complaint"},
        name="note_edit",
    ),
    path(
        "sager/<int:pk>/aktindsigt/",
        access_views.access_request_add,
        {"case": "complaint"},
        name="access_add",
    ),
    path(
        "sager/<int:pk>/inhabilitet/",
        access_views.disqualification_add,
        {"case": "complaint"},
        name="disqualification_add",
    ),
    path("sager/<int:pk>/samtykke/", views.consent_add, name="consent_add"),
    path("sager/<int:pk>/maegling/", views.round_add, name="round_add"),
    path("sager/<int:pk>/bilag/", views.attachment_add, name="attachment_add"),
    path("sager/<int:pk>/post/", views.incoming_add, name="incoming_add"),
    path("sager/<int:pk>/breve/", views.letter_send, name="letter_send"),
    path("sager/<int:pk>/breve/<int:letter_pk>/", views.letter_download, name="letter_download"),
    path("sager/<int:pk>/bilag/<int:attachment_pk>/", views.attachment_download, name="attachment_download"),
    path("sager/<int:pk>/brev/<str:code>/", views.letter, name="letter"),
]
