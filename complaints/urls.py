from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("klage/", views.public_complaint_form, name="public_form"),
    path("min-sag/<str:token>/", views.public_status, name="public_status"),
]
