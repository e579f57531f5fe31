"""The one exception the pure helpers raise: its message is French and shown as is."""


class InvalidInput(ValueError):
    """A value entered by a person is not acceptable; ``str(exc)`` is the French message."""

    def __init__(self, message: str, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code
