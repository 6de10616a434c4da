"""Errors the domain raises; each says where and what is wrong."""

PATH_CHARS = 200  # a key path in a message: keys come from the file and may be any length
PROBLEM_CHARS = 400  # what is wrong, which may quote the value it refuses


def brief(text: str, most: int) -> str:
    """`text`, or its start and end around an ellipsis when it is longer than `most`, so a
    hostile value quoted in a message cannot flood the window or the terminal."""
    if len(text) <= most:
        return text
    half = (most - 1) // 2
    return f"{text[:half]}…{text[-half:]}"


class DomainError(Exception):
    """Base class for everything the model refuses."""


class ValidationError(DomainError):
    """Something in a framework or workshop breaks a rule; `path` says where."""

    def __init__(self, path: str, problem: str) -> None:
        path, problem = brief(path, PATH_CHARS), brief(problem, PROBLEM_CHARS)
        super().__init__(f"{path}: {problem}" if path else problem)
        self.path = path
        self.problem = problem
