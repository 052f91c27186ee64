"""Signs test requests with botocore, AWS's own Python signer, as an independent oracle.

Reads a JSON list of cases on stdin and writes a JSON list of results on stdout. Each case:
  {"id", "method", "url", "headers": [[name, value], ...], "body": "<base64>",
   "service", "region", "accessKey", "secretKey", "token": null|str, "timestamp": "YYYYMMDDTHHMMSSZ",
   "mode": "header"|"query", "s3": bool, "unsignedPayload": bool, "expires": int,
   "tokenAfterSigning": bool}
Each result: {"id", "method", "url", "headers": [[name, value], ...], "canonicalRequest", "stringToSign"}
(the canonical request and string to sign are the ones botocore computed while signing).
"""
import base64
import datetime
import json
import sys

import botocore.auth as auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials


def sign(case):
    moment = datetime.datetime.strptime(case["timestamp"], "%Y%m%dT%H%M%SZ")
    auth.get_current_datetime = lambda: moment
    token = case.get("token")
    credentials = Credentials(case["accessKey"], case["secretKey"], None if case.get("tokenAfterSigning") else token)
    body = base64.b64decode(case.get("body") or "")
    request = AWSRequest(method=case["method"], url=case["url"], data=body or None)
    for name, value in case.get("headers", []):
        request.headers[name] = value
    if case.get("unsignedPayload"):
        request.context["client_config"] = Config(s3={"payload_signing_enabled": False})
    if case["mode"] == "query":
        cls = auth.S3SigV4QueryAuth if case.get("s3") else auth.SigV4QueryAuth
        signer = cls(credentials, case["service"], case["region"], expires=case.get("expires", 3600))
    else:
        cls = auth.S3SigV4Auth if case.get("s3") else auth.SigV4Auth
        signer = cls(credentials, case["service"], case["region"])
    captured = {}
    canonical_request, string_to_sign = signer.canonical_request, signer.string_to_sign

    def capture_canonical(req):
        captured["canonical"] = canonical_request(req)
        return captured["canonical"]

    def capture_string_to_sign(req, canonical):
        captured["stringToSign"] = string_to_sign(req, canonical)
        return captured["stringToSign"]

    signer.canonical_request = capture_canonical
    signer.string_to_sign = capture_string_to_sign
    signer.add_auth(request)
    if case.get("tokenAfterSigning") and token:
        request.headers["X-Amz-Security-Token"] = token
    return {
        "id": case["id"],
        "method": request.method,
        "url": request.url,
        "headers": [[k, v] for k, v in request.headers.items()],
        "canonicalRequest": captured["canonical"],
        "stringToSign": captured["stringToSign"],
    }


def main():
    cases = json.load(sys.stdin)
    json.dump([sign(case) for case in cases], sys.stdout)


if __name__ == "__main__":
    main()
