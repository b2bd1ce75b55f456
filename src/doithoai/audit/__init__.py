"""Append-only, hash-chained log of every change of state made through a service."""
