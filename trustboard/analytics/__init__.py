"""What the workshop's numbers say: pure functions over the domain, no Qt."""
