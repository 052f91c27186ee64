using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Core.Administration;

/// <summary>
/// The built-in administration documents (IAM policy JSON with real action names): full administration,
/// read-only auditor and help desk. They are what the built-in administrative groups hold.
/// </summary>
public static class AdministrationPolicies
{
    public const string FullAdministrationName = "IdentityCenterFullAdministration";
    public const string ReadOnlyAuditorName = "IdentityCenterReadOnlyAuditor";
    public const string HelpDeskName = "IdentityCenterHelpDesk";

    /// <summary>
    /// A resource tag the authorizer puts on a user or group that gives administrative rights (a member of, or one
    /// of, the built-in administrative groups); its value names the groups. The help desk document denies changes to
    /// such resources, so a help desk cannot reset an administrator's password or add itself to a stronger group.
    /// </summary>
    public const string AdministrativeResourceTag = "IdentityCenterAdministration";

    public const string FullAdministration = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "FullAdministration",
              "Effect": "Allow",
              "Action": ["identitystore:*", "identitystore-auth:*", "sso:*", "sso-directory:*", "organizations:*"],
              "Resource": "*"
            },
            {
              "Sid": "ManageAccessKeysAndAdministrationDocuments",
              "Effect": "Allow",
              "Action": [
                "iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:DeleteAccessKey", "iam:ListAccessKeys", "iam:GetAccessKeyLastUsed",
                "iam:AttachGroupPolicy", "iam:DetachGroupPolicy", "iam:PutGroupPolicy", "iam:DeleteGroupPolicy", "iam:ListAttachedGroupPolicies", "iam:ListGroupPolicies", "iam:GetGroupPolicy",
                "iam:AttachUserPolicy", "iam:DetachUserPolicy", "iam:PutUserPolicy", "iam:DeleteUserPolicy", "iam:ListAttachedUserPolicies", "iam:ListUserPolicies", "iam:GetUserPolicy"
              ],
              "Resource": "*"
            }
          ]
        }
        """;

    public const string ReadOnlyAuditor = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "ReadOnly",
              "Effect": "Allow",
              "Action": [
                "identitystore:Describe*", "identitystore:List*", "identitystore:Get*", "identitystore:IsMemberInGroups",
                "identitystore-auth:ListSessions", "identitystore-auth:BatchGetSession",
                "sso:Describe*", "sso:List*", "sso:Get*", "sso:Search*",
                "sso-directory:Describe*", "sso-directory:List*", "sso-directory:Get*", "sso-directory:Search*", "sso-directory:IsMemberInGroup*",
                "organizations:Describe*", "organizations:List*",
                "iam:ListAccessKeys", "iam:GetAccessKeyLastUsed", "iam:ListAttachedGroupPolicies", "iam:ListGroupPolicies", "iam:GetGroupPolicy",
                "iam:ListAttachedUserPolicies", "iam:ListUserPolicies", "iam:GetUserPolicy"
              ],
              "Resource": "*"
            }
          ]
        }
        """;

    public const string HelpDesk = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "ReadUsersAndGroups",
              "Effect": "Allow",
              "Action": [
                "identitystore:Describe*", "identitystore:List*", "identitystore:Get*", "identitystore:IsMemberInGroups",
                "identitystore-auth:ListSessions", "identitystore-auth:BatchGetSession",
                "sso-directory:Describe*", "sso-directory:List*", "sso-directory:Get*", "sso-directory:Search*", "sso-directory:IsMemberInGroup*"
              ],
              "Resource": "*"
            },
            {
              "Sid": "ManageUsersGroupsMembershipsMfaAndSessions",
              "Effect": "Allow",
              "Action": [
                "identitystore:CreateUser", "identitystore:UpdateUser", "identitystore:CreateGroup", "identitystore:UpdateGroup",
                "identitystore:CreateGroupMembership", "identitystore:DeleteGroupMembership",
                "sso-directory:UpdatePassword", "sso-directory:EnableUser", "sso-directory:DisableUser",
                "sso-directory:AddMemberToGroup", "sso-directory:RemoveMemberFromGroup",
                "sso-directory:DeleteMfaDeviceForUser", "sso-directory:UpdateMfaDeviceForUser",
                "identitystore-auth:BatchDeleteSession"
              ],
              "Resource": "*"
            },
            {
              "Sid": "NoChangesToAdministrators",
              "Effect": "Deny",
              "NotAction": [
                "identitystore:Describe*", "identitystore:List*", "identitystore:Get*", "identitystore:IsMemberInGroups",
                "identitystore-auth:ListSessions", "identitystore-auth:BatchGetSession",
                "sso-directory:Describe*", "sso-directory:List*", "sso-directory:Get*", "sso-directory:Search*", "sso-directory:IsMemberInGroup*"
              ],
              "Resource": "*",
              "Condition": { "Null": { "aws:ResourceTag/IdentityCenterAdministration": "false" } }
            }
          ]
        }
        """;

    /// <summary>The three documents by name.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [FullAdministrationName] = FullAdministration,
        [ReadOnlyAuditorName] = ReadOnlyAuditor,
        [HelpDeskName] = HelpDesk,
    };

    private static readonly Lazy<IReadOnlyDictionary<string, CompiledPolicy>> Compiled = new(() =>
        All.ToDictionary(p => p.Key, p => new CompiledPolicy(new NamedPolicy(p.Key, PolicyParser.Parse(p.Value).Evaluable
            ?? throw new InvalidOperationException($"Built-in administration policy {p.Key} does not parse.")))));

    /// <summary>A built-in document, compiled once.</summary>
    public static CompiledPolicy Get(string name) => Compiled.Value[name];
}
