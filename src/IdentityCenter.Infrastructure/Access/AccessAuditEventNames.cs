namespace IdentityCenter.Infrastructure.Access;

/// <summary>CloudTrail event names and sources of the access model (the names AWS uses for the same actions).</summary>
public static class AccessAuditEventNames
{
    public const string OrganizationsSource = "organizations.amazonaws.com";
    public const string IamSource = "iam.amazonaws.com";
    public const string SsoSource = "sso.amazonaws.com";

    // Organizations.
    public const string CreateOrganization = nameof(CreateOrganization);
    public const string CreateAccount = nameof(CreateAccount);
    public const string UpdateAccount = nameof(UpdateAccount);
    public const string MoveAccount = nameof(MoveAccount);
    public const string RemoveAccountFromOrganization = nameof(RemoveAccountFromOrganization);
    public const string CreateOrganizationalUnit = nameof(CreateOrganizationalUnit);
    public const string UpdateOrganizationalUnit = nameof(UpdateOrganizationalUnit);
    public const string DeleteOrganizationalUnit = nameof(DeleteOrganizationalUnit);
    public const string CreatePolicy = nameof(CreatePolicy);
    public const string UpdatePolicy = nameof(UpdatePolicy);
    public const string DeletePolicy = nameof(DeletePolicy);
    public const string AttachPolicy = nameof(AttachPolicy);
    public const string DetachPolicy = nameof(DetachPolicy);

    // IAM (customer managed policies; CreatePolicy/DeletePolicy share the names above with source iam).
    public const string CreatePolicyVersion = nameof(CreatePolicyVersion);
    public const string DeletePolicyVersion = nameof(DeletePolicyVersion);
    public const string SetDefaultPolicyVersion = nameof(SetDefaultPolicyVersion);

    // IAM Identity Center.
    public const string CreatePermissionSet = nameof(CreatePermissionSet);
    public const string UpdatePermissionSet = nameof(UpdatePermissionSet);
    public const string DeletePermissionSet = nameof(DeletePermissionSet);
    public const string AttachManagedPolicyToPermissionSet = nameof(AttachManagedPolicyToPermissionSet);
    public const string DetachManagedPolicyFromPermissionSet = nameof(DetachManagedPolicyFromPermissionSet);
    public const string AttachCustomerManagedPolicyReferenceToPermissionSet = nameof(AttachCustomerManagedPolicyReferenceToPermissionSet);
    public const string DetachCustomerManagedPolicyReferenceFromPermissionSet = nameof(DetachCustomerManagedPolicyReferenceFromPermissionSet);
    public const string PutInlinePolicyToPermissionSet = nameof(PutInlinePolicyToPermissionSet);
    public const string DeleteInlinePolicyFromPermissionSet = nameof(DeleteInlinePolicyFromPermissionSet);
    public const string PutPermissionsBoundaryToPermissionSet = nameof(PutPermissionsBoundaryToPermissionSet);
    public const string DeletePermissionsBoundaryFromPermissionSet = nameof(DeletePermissionsBoundaryFromPermissionSet);
    public const string TagResource = nameof(TagResource);
    public const string UntagResource = nameof(UntagResource);
    public const string ProvisionPermissionSet = nameof(ProvisionPermissionSet);
    public const string CreateAccountAssignment = nameof(CreateAccountAssignment);
    public const string DeleteAccountAssignment = nameof(DeleteAccountAssignment);
    public const string UpdateInstanceAccessControlAttributeConfiguration = nameof(UpdateInstanceAccessControlAttributeConfiguration);
    public const string UpdateInstance = nameof(UpdateInstance);
    public const string UpdateUserAttributes = nameof(UpdateUserAttributes);
    public const string SeedWorkshop = nameof(SeedWorkshop);

    /// <summary>Every name above, for the audit page's event-name filter.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        CreateOrganization, CreateAccount, UpdateAccount, MoveAccount, RemoveAccountFromOrganization,
        CreateOrganizationalUnit, UpdateOrganizationalUnit, DeleteOrganizationalUnit,
        CreatePolicy, UpdatePolicy, DeletePolicy, AttachPolicy, DetachPolicy,
        CreatePolicyVersion, DeletePolicyVersion, SetDefaultPolicyVersion,
        CreatePermissionSet, UpdatePermissionSet, DeletePermissionSet,
        AttachManagedPolicyToPermissionSet, DetachManagedPolicyFromPermissionSet,
        AttachCustomerManagedPolicyReferenceToPermissionSet, DetachCustomerManagedPolicyReferenceFromPermissionSet,
        PutInlinePolicyToPermissionSet, DeleteInlinePolicyFromPermissionSet,
        PutPermissionsBoundaryToPermissionSet, DeletePermissionsBoundaryFromPermissionSet,
        TagResource, UntagResource, ProvisionPermissionSet, CreateAccountAssignment, DeleteAccountAssignment,
        UpdateInstanceAccessControlAttributeConfiguration, UpdateInstance, UpdateUserAttributes, SeedWorkshop,
    ];
}
