"""Custom painted widgets."""
