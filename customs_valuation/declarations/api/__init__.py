"""The agents' JSON API (CUS-40): token-authenticated, the same services and validation as the
portal, one message per bad field. Another agent's ids answer 404 exactly as missing ones."""
