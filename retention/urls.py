from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("opbevaring/", views.schedule, name="schedule"),
    path("opbevaring/frister/<str:kind>/", views.period, name="period"),
    path("opbevaring/pakker/<int:pk>/afhentet/", views.collected, name="collected"),
    path("opbevaring/afgoerelser/<int:pk>/ophaev/", views.release, name="release"),
]
