"""Consultations and teaching (konsultativ bistand, DOMAIN §3): advice to the municipality's
staff and teaching, a case kind of its own with a small workflow (open → closed), notes and
follow-ups, requests for access and disqualifications like every case. It imports only core."""
