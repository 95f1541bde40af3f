"""The platform under the case apps (issue 27): the outbox and its delivery, the periodic jobs
and the worker, the private files' storage (local or S3) and their deletion, PDF and HTML
document rendering, the access log, security headers, request throttling, health checks and
the restore drill. It knows nothing of departments, roles or cases: it imports no app of
ours, and every app may import it (core's pages show the outbox and the health check)."""
