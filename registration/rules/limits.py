"""REG-11's limits as pure functions: how many failures lock what, for how long."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class LockoutPolicy:
    """`limit` failures within `window` lock the key out for `duration` (REG-11)."""

    limit: int
    window: timedelta
    duration: timedelta


# Per identity number: 5 failures in 24 hours lock it for 24 hours. A client address is shared
# by many people (offices, mobile carriers), so it gets a wider limit.
LOCKOUT_PER_IDENTITY = LockoutPolicy(
    limit=5, window=timedelta(hours=24), duration=timedelta(hours=24)
)
LOCKOUT_PER_ADDRESS = LockoutPolicy(
    limit=20, window=timedelta(hours=24), duration=timedelta(hours=24)
)


@dataclass(frozen=True)
class GrowingDelay:
    """After `free` failures within `window`, each failure waits `first` and every further one
    twice as long as the one before, up to `longest` (REG-11: the citizen login)."""

    free: int
    first: timedelta
    longest: timedelta
    window: timedelta


# The login (identity number + user code + password) of one identity number from one address
# waits longer after each failure past the fifth: 1, 2, 4, 8 ... minutes, at most a day. The
# identity number as a whole is locked only after 100 failures in 24 hours from anywhere (NIST
# SP 800-63B section 5.2.2), so nobody can lock a citizen out of their own login by guessing.
LOGIN_PER_PAIR = GrowingDelay(
    free=5, first=timedelta(minutes=1), longest=timedelta(hours=24), window=timedelta(hours=24)
)
LOGIN_PER_IDENTITY = LockoutPolicy(
    limit=100, window=timedelta(hours=24), duration=timedelta(hours=24)
)


def lockout_until(failures: Iterable[datetime], policy: LockoutPolicy) -> datetime | None:
    """REG-11: the moment the lockout ends, or None. `failures` are the failure times of one key
    (identity number or client address) since its last success, in any order.

    A key is locked for `policy.duration` after any failure that completes `policy.limit`
    failures within `policy.window`.
    """
    times = sorted(failures)
    until = None
    start = 0
    for end, moment in enumerate(times):
        while moment - times[start] >= policy.window:
            start += 1
        if end - start + 1 >= policy.limit:
            until = moment + policy.duration
    return until


def growing_delay_until(failures: Iterable[datetime], policy: GrowingDelay) -> datetime | None:
    """REG-11: when the next login of one (identity number, address) may be tried, or None.
    `failures` are that pair's failure times since its last success, in any order; those within
    `policy.window` of the last one count."""
    times = sorted(failures)
    if not times:
        return None
    last = times[-1]
    counted = sum(1 for moment in times if last - moment < policy.window)
    if counted < policy.free:
        return None
    delay = policy.first * 2 ** min(counted - policy.free, 30)
    return last + min(delay, policy.longest)


def failures_left(failures: Iterable[datetime], now: datetime, policy: LockoutPolicy) -> int:
    """How many more failures the key may have before it is locked out."""
    recent = [moment for moment in failures if now - moment < policy.window]
    return max(policy.limit - len(recent), 0)
