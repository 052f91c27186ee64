"""botocore's own SSO token provider refreshes an expiring cached token, then its SSO credential provider fetches role
credentials with it: what `aws sso login` leaves behind and every later CLI or boto3 call does.

Endpoints come from AWS_ENDPOINT_URL_SSO_OIDC and AWS_ENDPOINT_URL_SSO only. The test passes a signed-in token
(IC_TOKEN: clientId, clientSecret, accessToken, refreshToken, registrationExpiresAt), the start URL (IC_START_URL),
the account and role (IC_ACCOUNT, IC_ROLE) and a private HOME and AWS_CONFIG_FILE. Prints one JSON object.
"""
import json
import os
from datetime import datetime, timedelta, timezone

import botocore.session
from botocore.utils import JSONFileCache, SSOTokenLoader

SESSION = "identitycenter"


def main():
    token = json.loads(os.environ["IC_TOKEN"])
    start_url = os.environ["IC_START_URL"]
    with open(os.environ["AWS_CONFIG_FILE"], "w") as config:
        config.write(
            f"[profile ic]\nsso_session = {SESSION}\nsso_account_id = {os.environ['IC_ACCOUNT']}\n"
            f"sso_role_name = {os.environ['IC_ROLE']}\nregion = us-east-1\n\n"
            f"[sso-session {SESSION}]\nsso_start_url = {start_url}\nsso_region = us-east-1\n"
            "sso_registration_scopes = sso:account:access\n")

    # The cache as `aws sso login` leaves it, with the access token five minutes from expiry (inside the refresh window).
    loader = SSOTokenLoader(cache=JSONFileCache(os.path.expanduser(os.path.join("~", ".aws", "sso", "cache"))))
    expiring = (datetime.now(timezone.utc) + timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    loader.save_token(start_url, {
        "startUrl": start_url, "region": "us-east-1", "accessToken": token["accessToken"], "expiresAt": expiring,
        "clientId": token["clientId"], "clientSecret": token["clientSecret"],
        "registrationExpiresAt": token["registrationExpiresAt"], "refreshToken": token["refreshToken"],
    }, session_name=SESSION)

    # The credential provider chain alone: its SSO provider asks the SSO token provider, which refreshes the
    # expiring token against sso-oidc and rewrites the cache, then calls sso GetRoleCredentials with the new token.
    credentials = botocore.session.Session(profile="ic").get_credentials()
    frozen = credentials.get_frozen_credentials()
    cached = loader(start_url, session_name=SESSION)
    print(json.dumps({
        "method": credentials.method,
        "cachedAccessToken": cached["accessToken"],
        "cachedRefreshToken": cached["refreshToken"],
        "cachedExpiresAt": cached["expiresAt"],
        "accessKeyId": frozen.access_key,
        "hasSecret": bool(frozen.secret_key),
        "hasSessionToken": bool(frozen.token),
    }), flush=True)


if __name__ == "__main__":
    main()
