"""What the calendar tells the apps above it: it changed. Sent inside the change's
transaction, so that deadlines recomputed by the receivers roll back with a refused change."""

from django.dispatch import Signal

# Sent with `on_or_after`: the first day whose status changed (due dates before it cannot move).
calendar_changed = Signal()
