# Generates subtleties.jsonl: AWS-documented edge cases written independently of the public corpus.
# Run: python3 subtleties.gen.py (writes subtleties.jsonl next to it).
import json, calendar, datetime
ACCT='111122223333'; EXT='444455556666'
ROLE_NAME='AWSReservedSSO_ReadOnly_0123456789abcdef'
ROLE_ARN=f'arn:aws:iam::{ACCT}:role/aws-reserved/sso.amazonaws.com/{ROLE_NAME}'
SESSION=f'arn:aws:sts::{ACCT}:assumed-role/{ROLE_NAME}/alice'
USER=f'arn:aws:iam::{ACCT}:user/alice'
OBJ='arn:aws:s3:::demo-bucket/reports/q1.csv'
def uctx(extra=None):
    c={"aws:PrincipalAccount":ACCT,"aws:SourceIp":"203.0.113.7","aws:RequestedRegion":"us-east-1","aws:CurrentTime":"2026-11-23T10:00:00Z","aws:SecureTransport":"true","aws:username":"alice","aws:PrincipalArn":USER,"aws:PrincipalType":"User","aws:userid":"AIDAALICEXXXXXXXXXXXX","aws:PrincipalOrgID":"o-a1b2c3d4e5"}
    c.update(extra or {}); return c
def sctx(extra=None):
    c={"aws:PrincipalAccount":ACCT,"aws:SourceIp":"203.0.113.7","aws:RequestedRegion":"us-east-1","aws:CurrentTime":"2026-11-23T10:00:00Z","aws:SecureTransport":"true","aws:PrincipalArn":ROLE_ARN,"aws:PrincipalType":"AssumedRole","aws:userid":"AROA456789ABCDEF:alice","aws:MultiFactorAuthPresent":"true","aws:PrincipalOrgID":"o-a1b2c3d4e5"}
    c.update(extra or {}); return c
def doc(*st, version="2012-10-17"):
    d={"Statement":list(st)}
    if version: d={"Version":version, **d}
    return d
def allow(action="s3:*", resource="*", **kw): return {"Effect":"Allow","Action":action,"Resource":resource, **kw}
def deny(action="s3:*", resource="*", **kw): return {"Effect":"Deny","Action":action,"Resource":resource, **kw}
FULL=doc(allow("*","*"))
cases=[]
def case(id, expect, policies, principal=USER, action="s3:GetObject", resource=OBJ, ctx=None, session=False, doc=None, error=None):
    if ctx is None: ctx = sctx() if session else uctx()
    if session and principal==USER: principal=SESSION
    p={"resourceAccount":ACCT}; p.update(policies)
    c={"id":id,"request":{"principal":principal,"action":action,"resource":resource,"context":ctx},"policies":p,"expect":expect}
    if doc: c["doc"]=doc
    if error: c["errorContains"]=error
    cases.append(c)

# negated operators / missing keys
case("x-neg-missing-01","ExplicitDeny",{"identity":[doc(allow("*"), deny("s3:*", Condition={"StringNotEquals":{"aws:PrincipalTag/dept":"eng"}}))]})
case("x-neg-multi-01","ImplicitDeny",{"identity":[doc(allow(Condition={"StringNotEquals":{"aws:username":["alice","bob"]}}))]})
case("x-neg-multi-02","Allow",{"identity":[doc(allow(Condition={"StringNotEquals":{"aws:username":["carol","bob"]}}))]})
case("x-notip-missing-01","ExplicitDeny",{"identity":[doc(allow("*"), deny(Condition={"NotIpAddress":{"aws:VpcSourceIp":"10.0.0.0/8"}}))]})
case("x-arnnotlike-missing-01","Allow",{"identity":[doc(allow(Condition={"ArnNotLike":{"aws:SourceArn":"arn:aws:sns:*:*:x"}}))]})
case("x-bool-missing-01","ImplicitDeny",{"identity":[doc(allow(Condition={"Bool":{"aws:MultiFactorAuthPresent":"true"}}))]})
case("x-bool-missing-02","Allow",{"identity":[doc(allow("*"), deny(Condition={"Bool":{"aws:MultiFactorAuthPresent":"false"}}))]})
case("x-boolifexists-missing-01","ExplicitDeny",{"identity":[doc(allow("*"), deny(Condition={"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}))]})
case("x-boolifexists-present-01","Allow",{"identity":[doc(allow("*"), deny(Condition={"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}))]},session=True)
case("x-forall-missing-01","Allow",{"identity":[doc(allow(Condition={"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}))]})
case("x-forall-empty-01","Allow",{"identity":[doc(allow(Condition={"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}))]},ctx=uctx({"aws:TagKeys":[]}))
case("x-forall-extra-01","ImplicitDeny",{"identity":[doc(allow(Condition={"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}))]},ctx=uctx({"aws:TagKeys":["a","c"]}))
case("x-forall-subset-01","Allow",{"identity":[doc(allow(Condition={"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}))]},ctx=uctx({"aws:TagKeys":["b"]}))
case("x-foranyvalue-missing-01","ImplicitDeny",{"identity":[doc(allow(Condition={"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}))]})
case("x-foranyvalue-empty-01","ImplicitDeny",{"identity":[doc(allow(Condition={"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}))]},ctx=uctx({"aws:TagKeys":[]}))
case("x-foranyvalue-one-01","Allow",{"identity":[doc(allow(Condition={"ForAnyValue:StringLike":{"aws:TagKeys":["a*"]}}))]},ctx=uctx({"aws:TagKeys":["zz","abc"]}))
case("x-null-missing-01","Allow",{"identity":[doc(allow(Condition={"Null":{"aws:PrincipalTag/team":"true"}}))]})
case("x-null-present-01","ImplicitDeny",{"identity":[doc(allow(Condition={"Null":{"aws:username":"true"}}))]})
case("x-null-false-01","Allow",{"identity":[doc(allow(Condition={"Null":{"aws:username":"false"}}))]})
case("x-strifexists-missing-01","Allow",{"identity":[doc(allow(Condition={"StringEqualsIfExists":{"aws:PrincipalTag/team":"data"}}))]})
case("x-strifexists-present-01","ImplicitDeny",{"identity":[doc(allow(Condition={"StringEqualsIfExists":{"aws:username":"bob"}}))]})
case("x-keycase-01","Allow",{"identity":[doc(allow(Condition={"StringEquals":{"AWS:SOURCEIP":"203.0.113.7"}}))]})
case("x-valuecase-01","ImplicitDeny",{"identity":[doc(allow(Condition={"StringEquals":{"aws:username":"Alice"}}))]})
case("x-ignorecase-01","Allow",{"identity":[doc(allow(Condition={"StringEqualsIgnoreCase":{"aws:username":"ALICE"}}))]})
case("x-and-01","ImplicitDeny",{"identity":[doc(allow(Condition={"StringEquals":{"aws:username":"alice"},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}))]})
case("x-and-02","ImplicitDeny",{"identity":[doc(allow(Condition={"StringEquals":{"aws:username":"alice","aws:RequestedRegion":"eu-west-1"}}))]})
case("x-or-01","Allow",{"identity":[doc(allow(Condition={"StringEquals":{"aws:RequestedRegion":["eu-west-1","us-east-1"]}}))]})
case("x-numeric-bad-01","ImplicitDeny",{"identity":[doc(allow(Condition={"NumericLessThan":{"s3:max-keys":"10"}}))]},ctx=uctx({"s3:max-keys":"abc"}))
case("x-numeric-01","Allow",{"identity":[doc(allow(Condition={"NumericLessThanEquals":{"s3:max-keys":"10"}}))]},ctx=uctx({"s3:max-keys":"10"}))
# dates
case("x-date-offset-01","Allow",{"identity":[doc(allow(Condition={"DateGreaterThan":{"aws:CurrentTime":"2026-11-23T11:00:00+02:00"}}))]})
case("x-date-offset-02","ImplicitDeny",{"identity":[doc(allow(Condition={"DateLessThan":{"aws:CurrentTime":"2026-11-23T11:00:00+02:00"}}))]})
epoch=calendar.timegm(datetime.datetime(2026,11,23,10,30,0).timetuple())
case("x-date-epoch-01","Allow",{"identity":[doc(allow(Condition={"DateLessThan":{"aws:CurrentTime":str(epoch)}}))]})
case("x-date-epoch-02","ImplicitDeny",{"identity":[doc(allow(Condition={"DateGreaterThan":{"aws:CurrentTime":str(epoch)}}))]})
case("x-date-ctxepoch-01","Allow",{"identity":[doc(allow(Condition={"DateGreaterThan":{"aws:TokenIssueTime":"2026-11-23T09:00:00Z"}}))]},ctx=uctx({"aws:TokenIssueTime":str(epoch)}))
# IP
case("x-ipv6-case-01","Allow",{"identity":[doc(allow(Condition={"IpAddress":{"aws:SourceIp":"2001:DB8::/32"}}))]},ctx=uctx({"aws:SourceIp":"2001:0db8:0000:0000:0000:0000:0000:0001"}))
case("x-ipv6-full-01","Allow",{"identity":[doc(allow(Condition={"IpAddress":{"aws:SourceIp":"2001:0DB8:0000:0000:0000:0000:0000:0000/64"}}))]},ctx=uctx({"aws:SourceIp":"2001:db8::abcd"}))
case("x-ipv4-vs-v6-01","ImplicitDeny",{"identity":[doc(allow(Condition={"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}))]},ctx=uctx({"aws:SourceIp":"2001:db8::1"}))
case("x-ipv4-all-01","Allow",{"identity":[doc(allow(Condition={"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}))]})
case("x-ip-single-01","Allow",{"identity":[doc(allow(Condition={"IpAddress":{"aws:SourceIp":"203.0.113.7"}}))]})
case("x-notip-v6-01","Allow",{"identity":[doc(allow(Condition={"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}))]},ctx=uctx({"aws:SourceIp":"2001:db8::1"}))
# matching
case("x-action-case-01","Allow",{"identity":[doc(allow("S3:getobject"))]})
case("x-action-q-01","Allow",{"identity":[doc(allow("s3:GetObjec?"))]})
case("x-resource-case-01","ImplicitDeny",{"identity":[doc(allow("s3:*","arn:aws:s3:::Demo-bucket/*"))]})
case("x-resource-colon-01","Allow",{"identity":[doc(allow("logs:*","arn:aws:logs:us-east-1:111122223333:log-group:*"))]},action="logs:PutLogEvents",resource="arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:abc")
case("x-resource-slash-01","Allow",{"identity":[doc(allow("s3:*","arn:aws:s3:::demo-bucket/*"))]},resource="arn:aws:s3:::demo-bucket/a/b/c.txt")
case("x-resource-q-01","ImplicitDeny",{"identity":[doc(allow("s3:*","arn:aws:s3:::demo-bucket/reports/q?.csv"))]},resource="arn:aws:s3:::demo-bucket/reports/q10.csv")
case("x-notaction-01","ImplicitDeny",{"identity":[doc({"Effect":"Allow","NotAction":"iam:*","Resource":"*"})]},action="iam:CreateUser",resource="arn:aws:iam::111122223333:user/bob")
case("x-notaction-02","Allow",{"identity":[doc({"Effect":"Allow","NotAction":"iam:*","Resource":"*"})]})
case("x-notresource-01","ImplicitDeny",{"identity":[doc({"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::demo-bucket/reports/*"})]})
case("x-notresource-deny-01","ExplicitDeny",{"identity":[doc(allow("*"),{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::other-bucket/*"})]})
# explicit deny with no allow
case("x-deny-only-01","ExplicitDeny",{"identity":[doc(deny())]})
case("x-deny-only-scp-01","ExplicitDeny",{"identity":[],"scp":[[FULL, doc(deny("s3:GetObject"))]]})
case("x-deny-resource-01","ExplicitDeny",{"identity":[doc(allow())],"resource":doc(deny(Principal="*"))})
# resource policies same account
case("x-res-root-01","ImplicitDeny",{"identity":[],"resource":doc(allow(Principal={"AWS":f"arn:aws:iam::{ACCT}:root"}))})
case("x-res-bareacct-01","ImplicitDeny",{"identity":[],"resource":doc(allow(Principal={"AWS":ACCT}))})
case("x-res-star-01","Allow",{"identity":[],"resource":doc(allow(Principal="*"))})
case("x-res-awsstar-01","Allow",{"identity":[],"resource":doc(allow(Principal={"AWS":"*"}))})
case("x-res-user-01","Allow",{"identity":[],"resource":doc(allow(Principal={"AWS":USER}))})
case("x-res-otheruser-01","ImplicitDeny",{"identity":[],"resource":doc(allow(Principal={"AWS":f"arn:aws:iam::{ACCT}:user/bob"}))})
case("x-res-session-01","Allow",{"identity":[],"resource":doc(allow(Principal={"AWS":SESSION}))},session=True)
case("x-res-role-01","Allow",{"identity":[],"resource":doc(allow(Principal={"AWS":ROLE_ARN}))},session=True)
case("x-res-service-01","ImplicitDeny",{"identity":[],"resource":doc(allow(Principal={"Service":"ec2.amazonaws.com"}))})
# boundary interplay
NOS3=doc(allow("dynamodb:*"))
case("x-bnd-resuser-01","Allow",{"identity":[],"boundary":[NOS3],"resource":doc(allow(Principal={"AWS":USER}))})
case("x-bnd-resuser-deny-01","ExplicitDeny",{"identity":[],"boundary":[doc(allow("*"),deny("s3:GetObject"))],"resource":doc(allow(Principal={"AWS":USER}))})
case("x-bnd-resrole-01","ImplicitDeny",{"identity":[],"boundary":[NOS3],"resource":doc(allow(Principal={"AWS":ROLE_ARN}))},session=True)
case("x-bnd-ressession-01","Allow",{"identity":[],"boundary":[NOS3],"resource":doc(allow(Principal={"AWS":SESSION}))},session=True)
case("x-bnd-identity-01","ImplicitDeny",{"identity":[doc(allow())],"boundary":[NOS3]})
case("x-sess-ressession-01","Allow",{"identity":[],"session":[NOS3],"resource":doc(allow(Principal={"AWS":SESSION}))},session=True)
case("x-sess-resrole-01","ImplicitDeny",{"identity":[],"session":[NOS3],"resource":doc(allow(Principal={"AWS":ROLE_ARN}))},session=True)
case("x-sess-deny-01","ExplicitDeny",{"identity":[doc(allow())],"session":[doc(allow("*"),deny("s3:GetObject"))]},session=True)
case("x-sess-nogrant-01","ImplicitDeny",{"identity":[],"session":[doc(allow())]},session=True)
case("x-sess-allow-01","Allow",{"identity":[doc(allow())],"session":[doc(allow("s3:Get*"))]},session=True)
# cross account
XU=f'arn:aws:iam::{EXT}:user/carol'
def xctx(extra=None):
    c={"aws:PrincipalAccount":EXT,"aws:SourceIp":"203.0.113.7","aws:RequestedRegion":"us-east-1","aws:CurrentTime":"2026-11-23T10:00:00Z","aws:SecureTransport":"true","aws:username":"carol","aws:PrincipalArn":XU,"aws:PrincipalType":"User","aws:userid":"AIDACAROLXXXXXXXXXXXX"}
    c.update(extra or {}); return c
case("x-xacct-root-01","Allow",{"identity":[doc(allow())],"resource":doc(allow(Principal={"AWS":f"arn:aws:iam::{EXT}:root"}))},principal=XU,ctx=xctx())
case("x-xacct-bare-01","Allow",{"identity":[doc(allow())],"resource":doc(allow(Principal={"AWS":EXT}))},principal=XU,ctx=xctx())
case("x-xacct-resonly-01","ImplicitDeny",{"identity":[],"resource":doc(allow(Principal={"AWS":XU}))},principal=XU,ctx=xctx())
case("x-xacct-idonly-01","ImplicitDeny",{"identity":[doc(allow())]},principal=XU,ctx=xctx())
case("x-xacct-bnd-01","ImplicitDeny",{"identity":[doc(allow())],"boundary":[NOS3],"resource":doc(allow(Principal={"AWS":XU}))},principal=XU,ctx=xctx())
case("x-xacct-otheracct-01","ImplicitDeny",{"identity":[doc(allow())],"resource":doc(allow(Principal={"AWS":"arn:aws:iam::777788889999:root"}))},principal=XU,ctx=xctx())
# NotPrincipal
case("x-notprincipal-bnd-01","ExplicitDeny",{"identity":[doc(allow())],"boundary":[doc(allow("*"))],"resource":doc(deny(NotPrincipal={"AWS":USER}))})
case("x-notprincipal-nobnd-01","Allow",{"identity":[doc(allow())],"resource":doc(deny(NotPrincipal={"AWS":USER}))})
case("x-notprincipal-other-01","ExplicitDeny",{"identity":[doc(allow())],"resource":doc(deny(NotPrincipal={"AWS":f"arn:aws:iam::{ACCT}:user/bob"}))})
# SCP / RCP
case("x-scp-emptylevel-01","ImplicitDeny",{"identity":[doc(allow())],"scp":[[FULL],[]]})
case("x-scp-caps-resource-01","ImplicitDeny",{"identity":[],"resource":doc(allow(Principal={"AWS":USER})),"scp":[[FULL],[doc(allow("ec2:*"))]]})
case("x-scp-levels-01","Allow",{"identity":[doc(allow())],"scp":[[FULL],[doc(allow("s3:*"))],[doc(allow("s3:Get*"))]]})
case("x-scp-levels-02","ImplicitDeny",{"identity":[doc(allow())],"scp":[[FULL],[doc(allow("s3:*"))],[doc(allow("ec2:*"))]]})
RCPF=doc(allow("*","*",Principal="*"))
case("x-rcp-orgdeny-01","ExplicitDeny",{"identity":[doc(allow())],"resource":doc(allow(Principal={"AWS":XU})),"rcp":[[RCPF, doc(deny("s3:*",Principal="*",Condition={"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}))]]},principal=XU,ctx=xctx())
case("x-rcp-orgdeny-02","Allow",{"identity":[doc(allow())],"rcp":[[RCPF, doc(deny("s3:*",Principal="*",Condition={"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}))]]})
case("x-rcp-emptylevel-01","ImplicitDeny",{"identity":[doc(allow())],"rcp":[[RCPF],[]]})
# variables
VB='arn:aws:s3:::home-bucket/'
case("x-var-user-01","Allow",{"identity":[doc(allow("s3:*",VB+"${aws:username}/*"))]},resource=VB+"alice/x.txt")
case("x-var-missing-01","ImplicitDeny",{"identity":[doc(allow("s3:*",VB+"${aws:PrincipalTag/team}/*"))]},resource=VB+"/x.txt")
case("x-var-missing-02","ImplicitDeny",{"identity":[doc(allow("s3:*",VB+"${aws:PrincipalTag/team}*"))]},resource=VB+"x.txt")
case("x-var-default-01","Allow",{"identity":[doc(allow("s3:*",VB+"${aws:PrincipalTag/team, 'shared'}/*"))]},resource=VB+"shared/x.txt")
case("x-var-tag-01","Allow",{"identity":[doc(allow("s3:*",VB+"${aws:PrincipalTag/team}/*"))]},resource=VB+"data/x.txt",ctx=uctx({"aws:PrincipalTag/team":"data"}))
case("x-var-2008-01","Allow",{"identity":[doc(allow("s3:*",VB+"${aws:username}/*"),version="2008-10-17")]},resource=VB+"${aws:username}/x.txt")
case("x-var-2008-02","ImplicitDeny",{"identity":[doc(allow("s3:*",VB+"${aws:username}/*"),version="2008-10-17")]},resource=VB+"alice/x.txt")
case("x-var-noversion-01","ImplicitDeny",{"identity":[doc(allow("s3:*",VB+"${aws:username}/*"),version=None)]},resource=VB+"alice/x.txt")
case("x-var-star-01","Allow",{"identity":[doc(allow("s3:*",VB+"${*}"))]},resource=VB+"*")
case("x-var-star-02","ImplicitDeny",{"identity":[doc(allow("s3:*",VB+"${*}"))]},resource=VB+"abc")
case("x-var-cond-01","Allow",{"identity":[doc(allow(Condition={"StringLike":{"s3:prefix":"home/${aws:username}/*"}}))]},ctx=uctx({"s3:prefix":"home/alice/docs"}))
case("x-var-cond-missing-01","ImplicitDeny",{"identity":[doc(allow(Condition={"StringLike":{"s3:prefix":"home/${aws:PrincipalTag/x}/*"}}))]},ctx=uctx({"s3:prefix":"home//docs"}))
case("x-var-dollar-01","Allow",{"identity":[doc(allow(Condition={"StringEquals":{"s3:prefix":"a${$}b"}}))]},ctx=uctx({"s3:prefix":"a$b"}))
case("x-var-q-01","Allow",{"identity":[doc(allow(Condition={"StringLike":{"s3:prefix":"a${?}b"}}))]},ctx=uctx({"s3:prefix":"a?b"}))
case("x-var-q-02","ImplicitDeny",{"identity":[doc(allow(Condition={"StringLike":{"s3:prefix":"a${?}b"}}))]},ctx=uctx({"s3:prefix":"axb"}))
# arn operators
case("x-arnlike-01","Allow",{"identity":[doc(allow(Condition={"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*"}}))]},session=True)
case("x-arnequals-01","Allow",{"identity":[doc(allow(Condition={"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::*:role/*"}}))]},session=True)
# principal forms in resource policy: list
case("x-res-list-01","Allow",{"identity":[],"resource":doc(allow(Principal={"AWS":[f"arn:aws:iam::{ACCT}:user/bob",USER]}))})
# statement shape
case("x-stmt-object-01","Allow",{"identity":[{"Version":"2012-10-17","Statement":allow()}]})
case("x-multi-identity-01","ExplicitDeny",{"identity":[doc(allow()),doc(deny("s3:Get*"))]})
# Organization guardrails: who and what SCPs and RCPs restrict.
SCPS_DOC='https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html'
RCPS_DOC='https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html'
RCP_EXAMPLES_DOC='https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_examples.html'
ROOT_DOC='https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html'
XACCT_DOC='https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html'
VALIDATE_DOC='https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_policy-validator.html'
SLR=f'arn:aws:iam::{ACCT}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing'
SLR_SESSION=f'arn:aws:sts::{ACCT}:assumed-role/AWSServiceRoleForElasticLoadBalancing/ElasticLoadBalancing'
PLAIN_ROLE=f'arn:aws:iam::{ACCT}:role/service-role/app-role'
def rctx(arn, extra=None):
    c={"aws:PrincipalAccount":ACCT,"aws:CurrentTime":"2026-11-23T10:00:00Z","aws:PrincipalArn":arn,"aws:PrincipalType":"AssumedRole"}
    c.update(extra or {}); return c
SCP_DENY_S3=[[FULL],[doc(allow("*","*"),deny("s3:*"))]]
SCP_NO_ALLOW=[[FULL],[doc(allow("ec2:*"))]]
RCP_DENY=lambda action: [[RCPF, doc(deny(action,Principal="*"))]]
case("x-scp-slr-01","Allow",{"identity":[doc(allow())],"scp":SCP_DENY_S3},principal=SLR,ctx=rctx(SLR),doc=SCPS_DOC)
case("x-scp-slr-noallow-01","Allow",{"identity":[doc(allow())],"scp":SCP_NO_ALLOW},principal=SLR,ctx=rctx(SLR),doc=SCPS_DOC)
case("x-scp-slr-session-01","Allow",{"identity":[doc(allow())],"scp":SCP_DENY_S3},principal=SLR_SESSION,ctx=rctx(SLR),doc=SCPS_DOC)
case("x-scp-plainrole-01","ExplicitDeny",{"identity":[doc(allow())],"scp":SCP_DENY_S3},principal=PLAIN_ROLE,ctx=rctx(PLAIN_ROLE),doc=SCPS_DOC)
case("x-scp-service-01","Allow",{"identity":[],"resource":doc(allow("s3:PutObject",Principal={"Service":"cloudtrail.amazonaws.com"})),"scp":SCP_DENY_S3},principal="cloudtrail.amazonaws.com",action="s3:PutObject",ctx={"aws:CurrentTime":"2026-11-23T10:00:00Z","aws:PrincipalIsAWSService":"true"},doc=SCPS_DOC)
case("x-rcp-slr-01","Allow",{"identity":[doc(allow())],"rcp":RCP_DENY("s3:*")},principal=SLR,ctx=rctx(SLR),doc=RCPS_DOC)
# RCPs do restrict AWS service principals (only service-linked roles are exempt): AWS's confused-deputy RCP example relies on it.
case("x-rcp-service-01","ExplicitDeny",{"identity":[],"resource":doc(allow("s3:PutObject",Principal={"Service":"cloudtrail.amazonaws.com"})),"rcp":RCP_DENY("s3:*")},principal="cloudtrail.amazonaws.com",action="s3:PutObject",ctx={"aws:CurrentTime":"2026-11-23T10:00:00Z","aws:PrincipalIsAWSService":"true"},doc=RCP_EXAMPLES_DOC)
case("x-rcp-unlisted-service-01","Allow",{"identity":[doc(allow("ec2:*"))],"rcp":RCP_DENY("*")},action="ec2:StartInstances",resource=f"arn:aws:ec2:us-east-1:{ACCT}:instance/i-0123456789abcdef0",doc=RCPS_DOC)
case("x-rcp-unlisted-service-02","Allow",{"identity":[doc(allow("iam:*"))],"rcp":[[RCPF],[]]},action="iam:CreateUser",resource=f"arn:aws:iam::{ACCT}:user/bob",doc=RCPS_DOC)
case("x-rcp-listed-service-01","ExplicitDeny",{"identity":[doc(allow("dynamodb:*"))],"rcp":RCP_DENY("*")},action="dynamodb:PutItem",resource=f"arn:aws:dynamodb:us-east-1:{ACCT}:table/Orders",doc=RCPS_DOC)
case("x-rcp-listed-service-02","ImplicitDeny",{"identity":[doc(allow("sqs:*"))],"rcp":[[RCPF],[]]},action="sqs:SendMessage",resource=f"arn:aws:sqs:us-east-1:{ACCT}:orders",doc=RCPS_DOC)
case("x-rcp-retiregrant-01","Allow",{"identity":[doc(allow("kms:*"))],"resource":doc(allow("kms:*",Principal={"AWS":f"arn:aws:iam::{ACCT}:root"})),"rcp":RCP_DENY("kms:*")},action="kms:RetireGrant",resource=f"arn:aws:kms:us-east-1:{ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab",doc=RCPS_DOC)
# The account's root user.
ROOT=f'arn:aws:iam::{ACCT}:root'
XROOT=f'arn:aws:iam::{EXT}:root'
def rootctx(acct=ACCT): return {"aws:PrincipalAccount":acct,"aws:CurrentTime":"2026-11-23T10:00:00Z","aws:PrincipalArn":f"arn:aws:iam::{acct}:root","aws:PrincipalType":"Account"}
case("x-root-own-01","Allow",{"identity":[]},principal=ROOT,ctx=rootctx(),doc=ROOT_DOC)
case("x-root-own-iam-01","Allow",{"identity":[],"scp":[[FULL]]},principal=ROOT,action="iam:CreateUser",resource=f"arn:aws:iam::{ACCT}:user/bob",ctx=rootctx(),doc=ROOT_DOC)
case("x-root-scp-deny-01","ExplicitDeny",{"identity":[],"scp":SCP_DENY_S3},principal=ROOT,ctx=rootctx(),doc=SCPS_DOC)
case("x-root-scp-noallow-01","ImplicitDeny",{"identity":[],"scp":SCP_NO_ALLOW},principal=ROOT,ctx=rootctx(),doc=SCPS_DOC)
case("x-root-rcp-deny-01","ExplicitDeny",{"identity":[],"rcp":RCP_DENY("s3:*")},principal=ROOT,ctx=rootctx(),doc=RCPS_DOC)
case("x-root-resource-deny-01","ExplicitDeny",{"identity":[],"resource":doc(deny(Principal="*"))},principal=ROOT,ctx=rootctx(),doc=ROOT_DOC)
case("x-root-xacct-01","ImplicitDeny",{"identity":[]},principal=XROOT,ctx=rootctx(EXT),doc=XACCT_DOC)
case("x-root-xacct-02","Allow",{"identity":[],"resource":doc(allow(Principal={"AWS":EXT}))},principal=XROOT,ctx=rootctx(EXT),doc=XACCT_DOC)
# A document with Error findings is not evaluated: the case answers Error naming the problem.
case("x-error-effect-case-01","Error",{"identity":[doc({"Effect":"allow","Action":"s3:GetObject","Resource":"*"})]},doc=VALIDATE_DOC,error="InvalidEffect")
case("x-error-operator-01","Error",{"identity":[doc(allow(Condition={"StringEqualz":{"aws:username":"alice"}}))]},doc=VALIDATE_DOC,error="UnknownOperator")
case("x-error-scp-principal-01","Error",{"identity":[doc(allow())],"scp":[[FULL],[doc(allow(Principal="*"))]]},doc=VALIDATE_DOC,error="PrincipalNotAllowed")
case("x-error-resource-noprincipal-01","Error",{"identity":[doc(allow())],"resource":doc(allow())},doc=VALIDATE_DOC,error="MissingPrincipal")
with open('subtleties.jsonl','w') as f:
    for c in cases: f.write(json.dumps(c)+"\n")
print(len(cases))
