"""The domain model: frameworks, workshops, rounds, cards, ratings. Plain Python, no Qt."""
