from django.urls import path

from . import views

app_name = "whistleblower"

urlpatterns = [
    path("whistleblower/", views.portal, name="portal"),
]
