from django.urls import path

from core import access_views
from core import views as core_views

from . import views

app_name = "consultations"

# Jurists and the head (each view declares it).
urlpatterns = [
    path("konsultativ-bistand/", views.consultation_list, name="list"),
    path("konsultativ-bistand/ny/", views.consultation_new, name="new"),
    path("konsultativ-bistand/<int:pk>/", views.consultation_detail, name="detail"),
    path(
        "konsultativ-bistand/<int:pk>/opfoelgning/",
        core_views.follow_up_set,
        {"case": "consultation"},
        name="follow_up",
    ),
    path(
        "konsultativ-bistand/<int:pk>/notat/",
        core_views.note_add,
        {"case": "consultation"},
        name="note_add",
    ),
    path(
        "konsultativ-bistand/<int:pk>/notat/<int:note_pk>/",
        core_views.note_edit,
        {"case": "consultation"},
        name="note_edit",
    ),
    path(
        "konsultativ-bistand/<int:pk>/aktindsigt/",
        access_views.access_request_add,
        {"case": "consultation"},
        name="access_add",
    ),
    path(
        "konsultativ-bistand/<int:pk>/inhabilitet/",
        access_views.disqualification_add,
        {"case": "consultation"},
        name="disqualification_add",
    ),
    path(
        "konsultativ-bistand/<int:pk>/<str:action>/",
        views.consultation_transition,
        name="transition",
    ),
]
