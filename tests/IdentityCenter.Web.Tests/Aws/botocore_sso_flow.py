"""Drives IdentityCenter's SSO-OIDC and SSO portal APIs through botocore's own clients.

The endpoints come from AWS_ENDPOINT_URL_SSO_OIDC and AWS_ENDPOINT_URL_SSO only (botocore's own endpoint
resolution), the start URL from IC_START_URL. Protocol with the test that runs it: one JSON object per line on
stdout; after the device authorization the script waits for a line on stdin (the test approves in between).
"""
import json
import os
import sys

import botocore.session
from botocore import UNSIGNED
from botocore.config import Config


def emit(**values):
    print(json.dumps(values), flush=True)


def error_code(call):
    try:
        call()
    except Exception as e:  # botocore's ClientError subclasses carry the parsed code
        return getattr(e, "response", {}).get("Error", {}).get("Code", type(e).__name__)
    return None


def main():
    session = botocore.session.get_session()
    config = Config(signature_version=UNSIGNED, retries={"max_attempts": 1})
    oidc = session.create_client("sso-oidc", region_name="us-east-1", config=config)
    sso = session.create_client("sso", region_name="us-east-1", config=config)
    emit(oidcEndpoint=oidc.meta.endpoint_url, ssoEndpoint=sso.meta.endpoint_url)

    client = oidc.register_client(clientName="botocore-client-test", clientType="public", scopes=["sso:account:access"])
    device = oidc.start_device_authorization(
        clientId=client["clientId"], clientSecret=client["clientSecret"], startUrl=os.environ["IC_START_URL"])
    poll = dict(clientId=client["clientId"], clientSecret=client["clientSecret"],
                grantType="urn:ietf:params:oauth:grant-type:device_code", deviceCode=device["deviceCode"])
    emit(userCode=device["userCode"], interval=device["interval"], expiresIn=device["expiresIn"],
         pending=error_code(lambda: oidc.create_token(**poll)))

    sys.stdin.readline()  # the test approved the code
    token = oidc.create_token(**poll)

    accounts = []
    for page in sso.get_paginator("list_accounts").paginate(accessToken=token["accessToken"], PaginationConfig={"PageSize": 1}):
        accounts.extend(a["accountId"] for a in page["accountList"])
    roles = []
    for page in sso.get_paginator("list_account_roles").paginate(accessToken=token["accessToken"], accountId=accounts[0]):
        roles.extend(r["roleName"] for r in page["roleList"])
    credentials = sso.get_role_credentials(accessToken=token["accessToken"], accountId=accounts[0], roleName=roles[0])["roleCredentials"]
    refreshed = oidc.create_token(clientId=client["clientId"], clientSecret=client["clientSecret"],
                                  grantType="refresh_token", refreshToken=token["refreshToken"])
    sso.logout(accessToken=refreshed["accessToken"])
    emit(accounts=accounts, roles=roles, accessKeyId=credentials["accessKeyId"], expiration=credentials["expiration"],
         expiresIn=token["expiresIn"],
         afterLogout=error_code(lambda: sso.list_accounts(accessToken=refreshed["accessToken"])))


if __name__ == "__main__":
    main()
