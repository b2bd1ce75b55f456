"""How this app follows the others' news: the working-day calendar changed, an agency was
created."""

from doithoai.petitions.actions import deadlines, fields


def calendar_changed(sender, on_or_after, **kwargs) -> None:
    """Recompute open petitions' due dates (looked up when called)."""
    deadlines.recompute_due_dates(on_or_after=on_or_after)


def agency_saved(sender, instance, created, raw=False, **kwargs) -> None:
    """A new agency classifies opinions from its first day: the default fields (lĩnh vực)
    are made with it, so no page has to make them when first shown."""
    if created and not raw:
        fields.ensure_default_fields(instance)
