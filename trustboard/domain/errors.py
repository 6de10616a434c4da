"""Errors the domain raises; each says where and what is wrong."""


class DomainError(Exception):
    """Base class for everything the model refuses."""


class ValidationError(DomainError):
    """Something in a framework or workshop breaks a rule; `path` says where."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}" if path else problem)
        self.path = path
        self.problem = problem
