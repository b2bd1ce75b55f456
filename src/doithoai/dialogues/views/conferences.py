"""conferences pages."""

urlpatterns: list = []
