"""How this app follows the others' news: the working-day calendar changed."""

from doithoai.dialogues.actions import milestones


def calendar_changed(sender, on_or_after, **kwargs) -> None:
    """Recompute the milestones of conferences still ahead (looked up when called)."""
    milestones.recompute_open_milestones(on_or_after=on_or_after)
