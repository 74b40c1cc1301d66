"""The reply stage: from a customer's message and what is known about it to a draft the shop can send."""
