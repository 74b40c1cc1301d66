"""What calmdraft tells the shop owner and, where opted in, the customer: alerts, digest, acknowledgements,
status."""
