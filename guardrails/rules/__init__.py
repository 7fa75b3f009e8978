"""The trigger patterns of each policy rule family; guardrails/patterns.py assembles them."""
