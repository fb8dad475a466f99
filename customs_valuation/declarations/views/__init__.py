"""Pages of part 2.3: the agent's, the valuer's and the valuation unit's. Thin: forms validate,
services decide, selectors read."""
