-- wrk script for the IdentityCenter S3 GetObject benchmark: GETs whatever URL wrk is given (a GetObject URL presigned
-- by the AWS SDK, or the benchmark host's /api/bare) with no other header: S3 refuses x-amz-* headers a presigned
-- request did not sign.
wrk.method = "GET"
