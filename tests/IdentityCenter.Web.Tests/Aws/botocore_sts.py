"""Calls IdentityCenter's STS through botocore's own sts client, as boto3 and the AWS CLI do.

The endpoint comes from AWS_ENDPOINT_URL_STS only, the credentials from AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (botocore's environment provider). Prints one JSON object:
the caller identity, the same call as a presigned GET URL (built as `aws eks get-token` builds it), and the
error code botocore parses when the secret is wrong.
"""
import json
import os
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET

import botocore.session
from botocore.config import Config

NS = "{https://sts.amazonaws.com/doc/2011-06-15/}"


def main():
    session = botocore.session.get_session()
    config = Config(retries={"max_attempts": 1})
    sts = session.create_client("sts", region_name="us-east-1", config=config)
    identity = sts.get_caller_identity()

    url = sts.generate_presigned_url("get_caller_identity", ExpiresIn=60, HttpMethod="GET")
    try:
        with urllib.request.urlopen(url) as response:
            presigned = ET.fromstring(response.read()).find(f"{NS}GetCallerIdentityResult/{NS}Arn").text
    except urllib.error.HTTPError as e:
        presigned = f"HTTP {e.code}: {e.read().decode()} ({url})"

    wrong = session.create_client(
        "sts", region_name="us-east-1", config=config,
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key="x" * 40,
        aws_session_token=os.environ["AWS_SESSION_TOKEN"])
    try:
        wrong.get_caller_identity()
        wrong_secret = None
    except Exception as e:  # botocore's ClientError carries the parsed code
        wrong_secret = getattr(e, "response", {}).get("Error", {}).get("Code", type(e).__name__)

    print(json.dumps({
        "endpoint": sts.meta.endpoint_url,
        "arn": identity["Arn"],
        "userId": identity["UserId"],
        "account": identity["Account"],
        "presignedArn": presigned,
        "wrongSecret": wrong_secret,
    }), flush=True)


if __name__ == "__main__":
    main()
