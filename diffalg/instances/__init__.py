"""The catalog of named instances.

Main names: :func:`get`, :func:`names`, :func:`register`.

>>> from diffalg.instances import get, names
>>> get("univariate").derivations[0].name
'dt'
"""

from diffalg.instances.registry import (
    UnknownInstanceError,
    get,
    names,
    register,
    summary,
)

__all__ = ["UnknownInstanceError", "get", "names", "register", "summary"]
