"""Writes of part 2.3, by area: suppliers, declarations, entries (filing and the block check),
blocks, the valuation unit's control and the daily jobs."""
