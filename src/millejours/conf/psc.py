"""Pro Santé Connect (optional OIDC login of health professionals, matched by RPPS).

``millejours.settings`` adds the authentication backend when it is enabled."""

from __future__ import annotations

from .env import env, env_bool, env_int

MILLEJOURS_PSC_ENABLED = env_bool("MILLEJOURS_PSC_ENABLED", False)
MILLEJOURS_PSC_RPPS_CLAIM = env("MILLEJOURS_PSC_RPPS_CLAIM", "SubjectNameID")
MILLEJOURS_PSC_ISSUER = env("MILLEJOURS_PSC_ISSUER", "")
if MILLEJOURS_PSC_ENABLED:
    OIDC_RP_CLIENT_ID = env("MILLEJOURS_PSC_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env("MILLEJOURS_PSC_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env(
        "MILLEJOURS_PSC_AUTHORIZATION_ENDPOINT", "https://wallet.esw.esante.gouv.fr/auth"
    )
    _psc_realm = env(
        "MILLEJOURS_PSC_REALM_URL", "https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet"
    )
    OIDC_OP_TOKEN_ENDPOINT = env(
        "MILLEJOURS_PSC_TOKEN_ENDPOINT", f"{_psc_realm}/protocol/openid-connect/token"
    )
    OIDC_OP_USER_ENDPOINT = env(
        "MILLEJOURS_PSC_USERINFO_ENDPOINT", f"{_psc_realm}/protocol/openid-connect/userinfo"
    )
    OIDC_OP_JWKS_ENDPOINT = env(
        "MILLEJOURS_PSC_JWKS_ENDPOINT", f"{_psc_realm}/protocol/openid-connect/certs"
    )
    OIDC_RP_SIGN_ALGO = env("MILLEJOURS_PSC_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = env("MILLEJOURS_PSC_SCOPES", "openid scope_all")
    OIDC_AUTH_REQUEST_EXTRA_PARAMS = {"acr_values": env("MILLEJOURS_PSC_ACR_VALUES", "eidas1")}
    OIDC_CREATE_USER = False
    OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:psc_callback"
    OIDC_TIMEOUT = env_int("MILLEJOURS_PSC_TIMEOUT", 10)
    LOGIN_REDIRECT_URL_FAILURE = "/comptes/connexion/?psc=echec"
