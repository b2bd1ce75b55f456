"""doithoai — dialogue conferences between People's Committees and citizens."""
