from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("statistik/", views.dashboard, name="dashboard"),
    path("statistik/eksport.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("statistik/eksport.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("statistik/<str:code>/", views.department, name="department"),
]
