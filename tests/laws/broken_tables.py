"""Finite structures that each break one family of the law catalog.

Written by ``python tests/laws/generate_broken.py``: do not edit by hand.
Each entry is the smallest structure on ``0 … size-1`` (``0`` is the zero,
``1`` the one) found by a z3 search in which the laws of ``co_failures``
and the target family fail, and every other non-property law of the
signature holds.  ``reason`` states why the co-failures are forced.  For a
property family every non-property law holds, ``properties`` lists the
other properties that hold and ``excluded`` states why the rest cannot.
"""

from __future__ import annotations

from typing import TypedDict


class BrokenSpec(TypedDict):
    """The tables of one broken structure and what fails in it."""

    size: int
    add: list[list[int]]
    mul: list[list[int]]
    derivations: dict[str, list[int]]
    composition: list[list[int]] | None
    co_failures: list[str]
    reason: str
    properties: list[str]
    excluded: dict[str, str]


BROKEN: dict[str, BrokenSpec] = {
    "add_assoc": {
        "size": 3,
        "add": [[0, 1, 2], [1, 1, 0], [2, 0, 2]],
        "mul": [[0, 0, 0], [0, 1, 2], [0, 2, 1]],
        "derivations": {
            "dx": [0, 0, 0],
        },
        "composition": None,
        "co_failures": [],
        "reason": "",
        "properties": [],
        "excluded": {},
    },
    "add_comm": {
        "size": 2,
        "add": [[0, 0], [1, 1]],
        "mul": [[0, 0], [0, 1]],
        "derivations": {
            "dx": [0, 0],
        },
        "composition": None,
        "co_failures": [],
        "reason": "",
        "properties": [],
        "excluded": {},
    },
    "add_zero": {
        "size": 2,
        "add": [[0, 0], [0, 0]],
        "mul": [[0, 0], [0, 1]],
        "derivations": {
            "dx": [0, 0],
        },
        "composition": None,
        "co_failures": [],
        "reason": "",
        "properties": [],
        "excluded": {},
    },
    "mul_assoc": {
        "size": 4,
        "add": [[0, 1, 2, 3], [1, 1, 2, 1], [2, 2, 2, 2], [3, 1, 2, 3]],
        "mul": [[0, 0, 0, 0], [0, 1, 2, 3], [0, 2, 2, 2], [0, 3, 2, 0]],
        "derivations": {
            "dx": [0, 0, 2, 0],
        },
        "composition": None,
        "co_failures": [],
        "reason": "",
        "properties": [],
        "excluded": {},
    },
    "mul_one_left": {
        "size": 3,
        "add": [[0, 1, 2], [1, 1, 1], [2, 1, 2]],
        "mul": [[0, 0, 0], [0, 1, 1], [0, 2, 2]],
        "derivations": {
            "dx": [0, 0, 0],
        },
        "composition": None,
        "co_failures": [],
        "reason": "",
        "properties": [],
        "excluded": {},
    },
    "mul_one_right": {
        "size": 3,
        "add": [[0, 1, 2], [1, 1, 1], [2, 1, 2]],
        "mul": [[0, 0, 0], [0, 1, 2], [0, 1, 2]],
        "derivations": {
            "dx": [0, 0, 0],
        },
        "composition": None,
        "co_failures": [],
        "reason": "",
        "properties": [],
        "excluded": {},
    },
    "distrib_left": {
        "size": 4,
        "add": [[0, 1, 2, 3], [1, 1, 2, 2], [2, 2, 2, 2], [3, 2, 2, 3]],
        "mul": [[0, 0, 0, 0], [0, 1, 2, 3], [0, 2, 2, 3], [0, 3, 0, 0]],
        "derivations": {
            "dx": [0, 0, 3, 3],
        },
        "composition": None,
        "co_failures": [],
        "reason": "",
        "properties": [],
        "excluded": {},
    },
    "distrib_right": {
        "size": 4,
        "add": [[0, 1, 2, 3], [1, 0, 3, 2], [2, 3, 0, 1], [3, 2, 1, 0]],
        "mul": [[0, 0, 0, 0], [0, 1, 2, 3], [0, 2, 2, 0], [0, 3, 3, 0]],
        "derivations": {
            "dx": [0, 0, 3, 3],
        },
        "composition": None,
        "co_failures": [],
        "reason": "",
        "properties": [],
        "excluded": {},
    },
    "annihil_left": {
        "size": 3,
        "add": [[0, 1, 2], [1, 1, 2], [2, 2, 2]],
        "mul": [[0, 0, 2], [0, 1, 2], [0, 2, 2]],
        "derivations": {
            "dx": [0, 0, 2],
        },
        "composition": None,
        "co_failures": [],
        "reason": "",
        "properties": [],
        "excluded": {},
    },
    "annihil_right": {
        "size": 3,
        "add": [[0, 1, 2], [1, 1, 2], [2, 2, 2]],
        "mul": [[0, 0, 0], [0, 1, 2], [2, 2, 2]],
        "derivations": {
            "dx": [0, 0, 2],
        },
        "composition": None,
        "co_failures": [],
        "reason": "",
        "properties": [],
        "excluded": {},
    },
    "d_add": {
        "size": 3,
        "add": [[0, 1, 2], [1, 2, 1], [2, 1, 2]],
        "mul": [[0, 0, 0], [0, 1, 2], [0, 2, 2]],
        "derivations": {
            "dx": [0, 0, 2],
        },
        "composition": None,
        "co_failures": [],
        "reason": "",
        "properties": [],
        "excluded": {},
    },
    "d_leibniz": {
        "size": 3,
        "add": [[0, 1, 2], [1, 1, 2], [2, 2, 2]],
        "mul": [[0, 0, 0], [0, 1, 2], [0, 2, 2]],
        "derivations": {
            "dx": [0, 0, 1],
        },
        "composition": None,
        "co_failures": [],
        "reason": "",
        "properties": [],
        "excluded": {},
    },
    "d_zero": {
        "size": 2,
        "add": [[0, 1], [1, 0]],
        "mul": [[0, 0], [0, 1]],
        "derivations": {
            "dx": [1, 0],
        },
        "composition": None,
        "co_failures": ["d_add[dx]", "d_leibniz[dx]"],
        "reason": (
            "∂0 = 0 follows along two routes that share no law, so one law of each "
            "must fail with it. By Leibniz: ∂0 = ∂(0·0) = ∂0·0 + 0·∂0 = 0 + 0, and 0 + "
            "0 = 0 by add_zero or by 0 = ∂1 = ∂(1·1) = ∂1·1 + 1·∂1 = 0 + 0 (d_leibniz, "
            "annihil_left, annihil_right, and add_zero or d_one). By additivity: ∂0 = "
            "0 + ∂0 = ∂1 + ∂0 = ∂(1 + 0) = ∂1 = 0 (d_add, d_one, add_zero, add_comm). "
            "Breaking d_add and d_leibniz cuts both routes and keeps the semiring."
        ),
        "properties": [],
        "excluded": {},
    },
    "d_one": {
        "size": 2,
        "add": [[0, 1], [1, 1]],
        "mul": [[0, 0], [0, 1]],
        "derivations": {
            "dx": [0, 1],
        },
        "composition": None,
        "co_failures": [],
        "reason": "",
        "properties": [],
        "excluded": {},
    },
    "commute": {
        "size": 4,
        "add": [[0, 1, 2, 3], [1, 0, 3, 2], [2, 3, 0, 1], [3, 2, 1, 0]],
        "mul": [[0, 0, 0, 0], [0, 1, 2, 3], [0, 2, 1, 3], [0, 3, 3, 0]],
        "derivations": {
            "dx": [0, 0, 2, 2],
            "dy": [0, 0, 1, 1],
        },
        "composition": None,
        "co_failures": [],
        "reason": "",
        "properties": [],
        "excluded": {},
    },
    "comp_assoc": {
        "size": 3,
        "add": [[0, 1, 2], [1, 1, 2], [2, 2, 2]],
        "mul": [[0, 0, 0], [0, 1, 2], [0, 2, 2]],
        "derivations": {
            "dx": [0, 0, 2],
        },
        "composition": [[0, 0, 0], [1, 1, 1], [1, 1, 0]],
        "co_failures": [],
        "reason": "",
        "properties": [],
        "excluded": {},
    },
    "comp_one": {
        "size": 2,
        "add": [[0, 1], [1, 0]],
        "mul": [[0, 0], [0, 1]],
        "derivations": {
            "dx": [0, 0],
        },
        "composition": [[0, 0], [0, 0]],
        "co_failures": [],
        "reason": "",
        "properties": [],
        "excluded": {},
    },
    "comp_zero": {
        "size": 2,
        "add": [[0, 1], [1, 0]],
        "mul": [[0, 0], [0, 1]],
        "derivations": {
            "dx": [0, 0],
        },
        "composition": [[1, 1], [1, 1]],
        "co_failures": [],
        "reason": "",
        "properties": [],
        "excluded": {},
    },
    "chain": {
        "size": 3,
        "add": [[0, 1, 2], [1, 1, 2], [2, 2, 2]],
        "mul": [[0, 0, 0], [0, 1, 2], [0, 2, 2]],
        "derivations": {
            "dx": [0, 0, 2],
        },
        "composition": [[0, 0, 0], [1, 1, 1], [1, 1, 1]],
        "co_failures": [],
        "reason": "",
        "properties": [],
        "excluded": {},
    },
    "mul_comm": {
        "size": 4,
        "add": [[0, 1, 2, 3], [1, 1, 2, 1], [2, 2, 2, 2], [3, 1, 2, 3]],
        "mul": [[0, 0, 0, 0], [0, 1, 2, 3], [0, 2, 2, 3], [0, 3, 2, 3]],
        "derivations": {
            "dx": [0, 0, 0, 0],
        },
        "composition": None,
        "co_failures": [],
        "reason": "",
        "properties": ["add_idem", "mul_idem"],
        "excluded": {
            "absorptive": (
                "absorptive and mul_idem make · commutative. With x ≤ y meaning x + y "
                "= y, 1 + b = 1 gives ab ≤ a and ab ≤ b, and any c ≤ a, c ≤ b has c = "
                "c·c ≤ a·c ≤ a·b, so ab is the greatest lower bound of a and b, and so "
                "is ba"
            ),
            "add_cancel": (
                "add_idem and add_cancel together leave one element: a + a = a = a + "
                "0, and cancelling a gives a = 0"
            ),
        },
    },
    "add_idem": {
        "size": 2,
        "add": [[0, 1], [1, 0]],
        "mul": [[0, 0], [0, 1]],
        "derivations": {
            "dx": [0, 0],
        },
        "composition": None,
        "co_failures": [],
        "reason": "",
        "properties": ["mul_comm", "mul_idem", "add_cancel"],
        "excluded": {
            "absorptive": "absorptive implies add_idem: a + a = a·(1 + 1) = a·1 = a",
        },
    },
    "mul_idem": {
        "size": 3,
        "add": [[0, 1, 2], [1, 1, 1], [2, 1, 2]],
        "mul": [[0, 0, 0], [0, 1, 2], [0, 2, 0]],
        "derivations": {
            "dx": [0, 0, 0],
        },
        "composition": None,
        "co_failures": [],
        "reason": "",
        "properties": ["mul_comm", "add_idem", "absorptive"],
        "excluded": {
            "add_cancel": (
                "add_idem and add_cancel together leave one element: a + a = a = a + "
                "0, and cancelling a gives a = 0"
            ),
        },
    },
    "absorptive": {
        "size": 2,
        "add": [[0, 1], [1, 0]],
        "mul": [[0, 0], [0, 1]],
        "derivations": {
            "dx": [0, 0],
        },
        "composition": None,
        "co_failures": [],
        "reason": "",
        "properties": ["mul_comm", "mul_idem", "add_cancel"],
        "excluded": {
            "add_idem": (
                "add_idem and add_cancel together leave one element: a + a = a = a + "
                "0, and cancelling a gives a = 0"
            ),
        },
    },
    "add_cancel": {
        "size": 2,
        "add": [[0, 1], [1, 1]],
        "mul": [[0, 0], [0, 1]],
        "derivations": {
            "dx": [0, 0],
        },
        "composition": None,
        "co_failures": [],
        "reason": "",
        "properties": ["mul_comm", "add_idem", "mul_idem", "absorptive"],
        "excluded": {},
    },
}
