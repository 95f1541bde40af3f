"""Nothing of the whistleblower scheme is kept by a browser or a proxy.

Every answer under the scheme's URLs — the unit's desk, report pages, searches, files, sign-in
to the second factor, the public portal, and their error pages — is ``no-store``: a decrypted
report must not be left in a browser's disk cache on a shared or seized computer. One place for
all of them, so that a new view cannot forget it.
"""


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and "whistleblower" in match.app_names:
            response["Cache-Control"] = "no-store"
        return response
