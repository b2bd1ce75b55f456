"""The working-day calendar: overrides on top of holidays.VN, a page and a command."""
