from django.urls import path

from . import views

app_name = "annual_report"

urlpatterns = [
    path("beretning/", views.index, name="index"),
    path("beretning/<int:year>/", views.edition, name="edition"),
    path("beretning/<int:year>/<str:kind>/ny/", views.item, name="item_add"),
    path("beretning/<int:year>/<str:kind>/<int:item_id>/", views.item, name="item"),
    path("beretning/<int:year>/<str:kind>/<int:item_id>/fjern/", views.item_remove, name="item_remove"),
    path("beretning/<int:year>/kapitel/<int:item_id>/flyt/", views.chapter_move, name="chapter_move"),
    path("beretning/<int:year>/resultater/", views.results, name="results"),
    path("beretning/<int:year>/udgiv/", views.publish, name="publish"),
    path("beretning/<int:year>/fortryd-udgivelse/", views.unpublish, name="unpublish"),
    path("beretning/<int:year>/forhaandsvisning/", views.preview, name="preview"),
    path("beretning/<int:year>/bemaerkninger.pdf", views.comments_pdf, name="comments_pdf"),
    path(
        "beretning/<int:year>/anbefaling/<int:item_id>/bemaerkninger/",
        views.recommendation_comments,
        name="recommendation_comments",
    ),
    path("beretning/<int:year>/beretning.pdf", views.pdf, name="pdf"),
    path("beretning/<int:year>/beretning-web.zip", views.web_zip, name="web_zip"),
]
