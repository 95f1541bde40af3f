from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("tilgaengelighed/", views.accessibility, name="accessibility"),
    path("soeg/", views.search, name="search"),
    path("udbakke/", views.outbox, name="outbox"),
    path("udbakke/<uuid:pk>/send-igen/", views.outbox_retry, name="outbox_retry"),
]
