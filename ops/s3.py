"""The private storage on an S3-compatible bucket (``PRIVATE_STORAGE=s3``), shared by every web
server and worker. The bucket is private: objects are written without an ACL (the bucket's own
policy, which must not be public, applies), and no URL — signed or not — is ever handed out;
downloads stream through the application's permission checks like the local folder's."""

from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Private files have no URL: they stream through a permission-checked view.")
