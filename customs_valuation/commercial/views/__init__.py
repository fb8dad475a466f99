"""Part 2.2's pages: the valuers' (staff), the agents' (agent), the notices (notices)."""
