"""What the engine raises. Anything else escaping it is a bug."""


class EngineError(Exception):
    """Base class: the engine could not produce a result."""


class InputError(EngineError):
    """The problem handed to the engine is malformed (a duplicate ref, an unknown time zone,
    a negative capacity...). The portal validates imports first, so this means a caller bug."""


class SolverError(EngineError):
    """The assignment came back broken: not integral, or breaking a constraint. Never
    expected; raised instead of returning a wrong answer."""
