"""How this app follows the others' news: the working-day calendar changed."""

from doithoai.petitions.actions import deadlines


def calendar_changed(sender, on_or_after, **kwargs) -> None:
    """Recompute open petitions' due dates (looked up when called)."""
    deadlines.recompute_due_dates(on_or_after=on_or_after)
