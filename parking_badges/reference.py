"""Reference tables every installation needs (called by `load_reference` and `load_demo`)."""


def load(*, stdout) -> None:
    from . import fee_reference

    fee_reference.load(stdout=stdout)
