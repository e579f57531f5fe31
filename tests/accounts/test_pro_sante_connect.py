"""Pro Santé Connect login against a local OIDC provider (127.0.0.1, no network)."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse

from millejours.accounts.models import Profession, Role
from tests import factories

pytestmark = pytest.mark.django_db
CLIENT_ID = "millejours-test"
RPPS = "10000000009"


class Provider:
    """A tiny OIDC provider: /token, /userinfo and /jwks, RS256-signed id_token."""

    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.nonce = ""
        self.claims = {"SubjectNameID": "8" + RPPS, "given_name": "Sophie", "family_name": "Martin"}
        self.audience = CLIENT_ID
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, data):
                body = json.dumps(data).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                now = int(time.time())
                id_token = jwt.encode(
                    {
                        "iss": provider.url,
                        "aud": provider.audience,
                        "sub": "psc-sub",
                        "iat": now,
                        "exp": now + 300,
                        "nonce": provider.nonce,
                    },
                    provider.key,
                    algorithm="RS256",
                    headers={"kid": "k1"},
                )
                self._json(
                    {"access_token": "jeton-acces", "id_token": id_token, "token_type": "Bearer"}
                )

            def do_GET(self):
                if self.path.startswith("/jwks"):
                    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(provider.key.public_key()))
                    self._json({"keys": [{**jwk, "kid": "k1", "alg": "RS256", "use": "sig"}]})
                else:
                    self._json(provider.claims)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def provider(settings):
    prov = Provider()
    settings.MILLEJOURS_PSC_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "millejours.accounts.psc.PSCBackend",
    ]
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = prov.url + "/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = prov.url + "/token"
    settings.OIDC_OP_USER_ENDPOINT = prov.url + "/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = prov.url + "/jwks"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid scope_all"
    settings.OIDC_CREATE_USER = False
    settings.OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:psc_callback"
    settings.LOGIN_REDIRECT_URL_FAILURE = "/comptes/connexion/?psc=echec"
    settings.MILLEJOURS_PSC_ISSUER = prov.url
    yield prov
    prov.close()


def psc_round_trip(client, provider):
    start = client.get(reverse("accounts:psc_login"))
    assert start.status_code == 302 and start["Location"].startswith(provider.url + "/authorize")
    query = parse_qs(urlsplit(start["Location"]).query)
    provider.nonce = query["nonce"][0]
    return client.get(
        reverse("accounts:psc_callback"), {"code": "code-42", "state": query["state"][0]}
    )


def test_professional_is_matched_by_rpps_and_skips_the_totp_step(client, provider):
    pro = factories.user(Role.PROFESSIONAL, profession=Profession.SAGE_FEMME, rpps=RPPS)
    response = psc_round_trip(client, provider)
    assert response.status_code == 302
    assert "echec" not in response["Location"]
    assert int(client.session["_auth_user_id"]) == pro.pk
    assert (
        not client.get("/familles/").get("Location", "").startswith(reverse("accounts:otp_verify"))
    )


def test_unknown_rpps_is_not_logged_in(client, provider):
    factories.user(Role.PROFESSIONAL, rpps="10000000017")
    response = psc_round_trip(client, provider)
    assert "echec" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_token_for_another_client_is_refused(client, provider):
    factories.user(Role.PROFESSIONAL, rpps=RPPS)
    provider.audience = "un-autre-service"
    response = psc_round_trip(client, provider)
    assert "_auth_user_id" not in client.session
    assert "echec" in response["Location"]


def test_psc_pages_do_not_exist_when_disabled(client, settings):
    settings.MILLEJOURS_PSC_ENABLED = False
    assert client.get(reverse("accounts:psc_login")).status_code == 404
