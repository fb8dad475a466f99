"""Part 2.2's pages: the valuers' queue (queue), the case's pages and actions (case_pages,
case_actions), the chief valuer's, the Director's and the assists' pages (oversight), the
agents' (agent), the notices (notices); what they share (common)."""
