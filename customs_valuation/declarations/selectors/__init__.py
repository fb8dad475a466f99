"""Reads of part 2.3, by reader."""

from .agent import *  # noqa: F403
from .records import *  # noqa: F403
from .staff import *  # noqa: F403
