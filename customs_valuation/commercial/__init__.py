"""Part 2.2 of the customs valuation chapter: commercial import valuation (CUS-29, CUS-30,
CUS-58 to CUS-95), on the entries, agents and roles of part 2.3 (`..declarations`)."""
