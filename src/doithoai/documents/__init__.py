"""Official documents in the format of Decree 30/2020: Word templates filled from live data."""
