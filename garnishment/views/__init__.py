"""Pages of the two sides, by area: the third party's submitter and the authority's clerk."""
