"""oversight pages."""

urlpatterns: list = []
