"""gunicorn for production: `gunicorn -c gunicorn.conf.py config.wsgi`.

The access log carries time, request line, status, size and duration — never the client
address or user agent (the whistleblower portal promises to keep neither)."""

bind = "127.0.0.1:8000"
workers = 4
accesslog = "-"
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
forwarded_allow_ips = "127.0.0.1"
