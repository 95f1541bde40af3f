from django.urls import path

from . import access_views, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("tilgaengelighed/", views.accessibility, name="accessibility"),
    path("soeg/", views.search, name="search"),
    path("udbakke/", views.outbox, name="outbox"),
    path("udbakke/<uuid:pk>/send-igen/", views.outbox_retry, name="outbox_retry"),
    path("aktindsigt/<int:pk>/", access_views.access_request_detail, name="access_request"),
    path("aktindsigt/<int:pk>/afgoerelse/", access_views.access_request_decide, name="access_decide"),
    path(
        "aktindsigt/<int:pk>/fristbrev/", access_views.access_deadline_letter, name="access_deadline_letter"
    ),
    path("aktindsigt/<int:pk>/tilbagekaldt/", access_views.access_request_withdraw, name="access_withdraw"),
    path(
        "aktindsigt/<int:pk>/breve/<int:letter_pk>/",
        access_views.access_letter_download,
        name="access_letter",
    ),
]
