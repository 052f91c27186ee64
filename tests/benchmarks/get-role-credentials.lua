-- wrk script for the IdentityCenter GetRoleCredentials benchmark: GETs whatever URL wrk is given
-- (/aws/sso/federation/credentials?role_name=..&account_id=.. or the benchmark host's /api/bare) with the
-- SSO access token the AWS CLI would send. IC_BENCH_SSO_TOKEN: the access token from CreateToken.
wrk.method = "GET"
wrk.headers["x-amz-sso_bearer_token"] = os.getenv("IC_BENCH_SSO_TOKEN")
