"""The one error every command turns into a one-line message and exit code 2."""


class InputError(Exception):
    """Bad input from the user: a missing or malformed file, an unknown stack, a wrong version."""
