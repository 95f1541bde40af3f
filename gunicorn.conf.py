"""gunicorn for production: `gunicorn -c gunicorn.conf.py config.wsgi`.

gunicorn writes no access log: its request line holds the path and query string (status-link
tokens, search words). The application logs each request itself — method, route pattern,
status, duration; never the client address or user agent (ops.middleware.AccessLogMiddleware).
"""

bind = "127.0.0.1:8000"
workers = 4
accesslog = None
forwarded_allow_ips = "127.0.0.1"
