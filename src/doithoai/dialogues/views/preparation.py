"""preparation pages."""

urlpatterns: list = []
