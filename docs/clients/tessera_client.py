"""A small client for Tessera's local token service (Python 3.8+, standard library only).

    from tessera_client import TesseraClient
    tessera = TesseraClient("Till 1", access_key="tsk_...")
    response = tessera.call(lambda token: send_receipt(token, receipt))

`call` runs your request with a fresh token and, if the provider answers 401, tells Tessera
the token was rejected and retries once with the token Tessera obtains in its place.
"""
import json
import time
import urllib.error
import urllib.parse
import urllib.request


class TesseraError(Exception):
    """The service refused or could not serve: `code` is stable, `retry_after` in seconds."""

    def __init__(self, status, code, message, retry_after=None):
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.retry_after = retry_after


class TesseraClient:
    def __init__(self, profile, access_key, base_url="http://127.0.0.1:7478", timeout=10.0):
        self.profile = profile
        self.access_key = access_key
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self._token = None
        self._expires_at = 0.0

    def token(self):
        """A token valid for at least Tessera's margin (60 s by default), reused while it lasts."""
        if self._token is None or time.time() >= self._expires_at - 30:
            self._remember(self._request("GET", "/token"))
        return self._token

    def invalidate(self, rejected_token):
        """The provider answered 401 to `rejected_token`: get the token Tessera renews in its place."""
        self._remember(self._request("POST", "/token/invalidate", {"access_token": rejected_token}))
        return self._token

    def call(self, send):
        """Runs send(token); on a 401 from the provider, invalidates once and runs it again.

        `send` returns a response with a `status` (http.client / urllib) or `status_code`
        (requests) attribute.
        """
        token = self.token()
        response = send(token)
        if _status_of(response) == 401:
            response = send(self.invalidate(token))
        return response

    def _remember(self, body):
        self._token = body["access_token"]
        self._expires_at = time.time() + body["expires_in"]

    def _request(self, method, suffix, body=None):
        path = "/v1/profiles/" + urllib.parse.quote(self.profile, safe="") + suffix
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("Authorization", "Bearer " + self.access_key)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            try:
                detail = json.loads(error.read())["error"]
            except (ValueError, KeyError):
                detail = {"code": "unexpected", "message": error.reason}
            retry_after = error.headers.get("Retry-After")
            raise TesseraError(
                error.code, detail["code"], detail["message"], int(retry_after) if retry_after else None
            ) from None


def _status_of(response):
    return getattr(response, "status", None) or getattr(response, "status_code", None)
