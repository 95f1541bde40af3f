from django.urls import path

from . import views

app_name = "annual_report"

urlpatterns = [
    path("beretning/", views.index, name="index"),
    path("beretning/<int:year>/", views.edition, name="edition"),
    path("beretning/<int:year>/eksempel/", views.example_add, name="example_add"),
    path(
        "beretning/<int:year>/eksempel/<int:example_id>/fjern/", views.example_remove, name="example_remove"
    ),
    path("beretning/<int:year>/resultater/", views.results, name="results"),
    path("beretning/<int:year>/udgiv/", views.publish, name="publish"),
    path("beretning/<int:year>/beretning.pdf", views.pdf, name="pdf"),
]
