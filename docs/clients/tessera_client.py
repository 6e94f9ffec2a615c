"""A small client for Tessera's local token service (Python 3.8+, standard library only).

    from tessera_client import TesseraClient
    tessera = TesseraClient("Till 1", access_key="tsk_...")
    response = tessera.call(lambda token: send_receipt(token, receipt))

`call` runs your request with a fresh token and, if the provider answers 401, tells Tessera
the token was rejected and retries once with the token Tessera obtains in its place.

Before the access key goes out on a connection, the client checks that Tessera is the program
answering there (GET /v1/hello): another program may have taken the port. If it is not, it
raises TesseraError with code "not_tessera" and the key is never sent.
"""
import base64
import hashlib
import hmac
import http.client
import json
import secrets
import time
import urllib.parse

HELLO_CONTEXT = "tessera-hello-v1"


class TesseraError(Exception):
    """The service refused or could not serve: `code` is stable, `retry_after` in seconds.

    `status` is None for "not_tessera": whatever answered could not prove it is Tessera holding
    this key. Either another program holds the port, or the key was revoked or mistyped.
    """

    def __init__(self, status, code, message, retry_after=None):
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.retry_after = retry_after


def hello_proof(access_key, nonce, address, port):
    """What Tessera must answer for this key: HMAC-SHA256 keyed with SHA-256(access key)."""
    secret = hashlib.sha256(access_key.encode("utf-8")).digest()
    message = f"{HELLO_CONTEXT}\n{nonce}\n{address}\n{port}".encode("utf-8")
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class _VerifiedConnection(http.client.HTTPConnection):
    """An HTTP connection that proves it reached Tessera before anything else is sent on it."""

    def __init__(self, host, port, access_key, timeout):
        super().__init__(host, port, timeout=timeout)
        self._access_key = access_key

    def connect(self):
        super().connect()
        if self._access_key is not None:
            self._hello()

    def _hello(self):
        # The address and port this socket actually reached: a proof for any other (a relay
        # passing the question on to the real Tessera elsewhere) does not count.
        address, port = self.sock.getpeername()[:2]
        nonce = secrets.token_urlsafe(24)
        host = f"[{self.host}]" if ":" in self.host else self.host
        self.sock.sendall(
            f"GET /v1/hello?nonce={nonce} HTTP/1.1\r\nHost: {host}:{self.port}\r\n\r\n".encode("ascii")
        )
        response = http.client.HTTPResponse(self.sock)
        try:
            response.begin()
            body = response.read()
        finally:
            response.close()
        try:
            proofs = json.loads(body).get("proofs", []) if response.status == 200 else []
        except (ValueError, AttributeError):
            proofs = []
        expected = hello_proof(self._access_key, nonce, address, port)
        if not any(isinstance(p, str) and hmac.compare_digest(p, expected) for p in proofs):
            self.close()
            raise TesseraError(
                None,
                "not_tessera",
                f"the program answering at {host}:{port} could not prove it is Tessera holding this key "
                "(another program holds the port, or the key was revoked or mistyped); the key was not sent",
            )


class TesseraClient:
    def __init__(self, profile, access_key, base_url="http://127.0.0.1:7478", timeout=10.0, verify=True):
        self.profile = profile
        self.access_key = access_key
        parts = urllib.parse.urlsplit(base_url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError("base_url must look like http://127.0.0.1:7478")
        self.host = parts.hostname
        self.port = parts.port or 80
        self.timeout = timeout
        # Leave verify on: only a program holding the key's hash can answer the check.
        self.verify = verify
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
        headers = {"Authorization": "Bearer " + self.access_key}
        if data is not None:
            headers["Content-Type"] = "application/json"
        # One connection per request, checked before the key goes out on it.
        connection = _VerifiedConnection(self.host, self.port, self.access_key if self.verify else None, self.timeout)
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            status, raw, retry_after = response.status, response.read(), response.getheader("Retry-After")
        finally:
            connection.close()
        if 200 <= status < 300:
            return json.loads(raw)
        try:
            detail = json.loads(raw)["error"]
        except (ValueError, KeyError, TypeError):
            detail = {"code": "unexpected", "message": http.client.responses.get(status, "")}
        raise TesseraError(status, detail["code"], detail["message"], int(retry_after) if retry_after else None)


def _status_of(response):
    return getattr(response, "status", None) or getattr(response, "status_code", None)
