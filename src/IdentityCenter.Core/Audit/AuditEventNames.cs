namespace IdentityCenter.Core.Audit;

/// <summary>CloudTrail event names IdentityCenter records (the names AWS uses for the same actions).</summary>
public static class AuditEventNames
{
    // Sign-in pipeline (eventSource signin.amazonaws.com, eventType AwsServiceEvent).
    public const string CredentialChallenge = nameof(CredentialChallenge);
    public const string CredentialVerification = nameof(CredentialVerification);
    public const string UserAuthentication = nameof(UserAuthentication);
    public const string SignOut = nameof(SignOut);

    // Identity store / console.
    public const string CreateUser = nameof(CreateUser);
    public const string UpdateUser = nameof(UpdateUser);
    public const string DisableUser = nameof(DisableUser);
    public const string EnableUser = nameof(EnableUser);
    public const string DeleteUser = nameof(DeleteUser);
    public const string UpdatePassword = nameof(UpdatePassword);
    public const string CreateGroup = nameof(CreateGroup);
    public const string UpdateGroup = nameof(UpdateGroup);
    public const string DeleteGroup = nameof(DeleteGroup);
    public const string AddMemberToGroup = nameof(AddMemberToGroup);
    public const string RemoveMemberFromGroup = nameof(RemoveMemberFromGroup);
    public const string StartVirtualMfaDeviceRegistration = nameof(StartVirtualMfaDeviceRegistration);
    public const string CompleteVirtualMfaDeviceRegistration = nameof(CompleteVirtualMfaDeviceRegistration);
    public const string DeleteMfaDeviceForUser = nameof(DeleteMfaDeviceForUser);
    public const string ImportUsers = nameof(ImportUsers);

    // Sessions and settings.
    public const string BatchDeleteSession = nameof(BatchDeleteSession);
    public const string UpdatePasswordPolicy = nameof(UpdatePasswordPolicy);
    public const string UpdateMfaSettings = nameof(UpdateMfaSettings);
    public const string UpdateSignInSettings = nameof(UpdateSignInSettings);

    /// <summary>Every name above, for the event-name filter of the audit page.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        CredentialChallenge, CredentialVerification, UserAuthentication, SignOut,
        CreateUser, UpdateUser, DisableUser, EnableUser, DeleteUser, UpdatePassword,
        CreateGroup, UpdateGroup, DeleteGroup, AddMemberToGroup, RemoveMemberFromGroup,
        StartVirtualMfaDeviceRegistration, CompleteVirtualMfaDeviceRegistration, DeleteMfaDeviceForUser, ImportUsers,
        BatchDeleteSession, UpdatePasswordPolicy, UpdateMfaSettings, UpdateSignInSettings,
    ];
}

/// <summary>CloudTrail <c>eventSource</c> values.</summary>
public static class AuditEventSources
{
    public const string SignIn = "signin.amazonaws.com";
    public const string IdentityStore = "identitystore.amazonaws.com";
    public const string SsoDirectory = "sso-directory.amazonaws.com";
    public const string Sso = "sso.amazonaws.com";
    public const string Organizations = "organizations.amazonaws.com";
}

/// <summary>CloudTrail <c>eventType</c> values.</summary>
public static class AuditEventTypes
{
    public const string AwsServiceEvent = nameof(AwsServiceEvent);
    public const string AwsApiCall = nameof(AwsApiCall);
}

/// <summary><c>additionalEventData.CredentialType</c> values.</summary>
public static class CredentialTypes
{
    public const string Password = "PASSWORD";
    public const string Totp = "TOTP";
}

/// <summary>Keys of <c>additionalEventData</c>.</summary>
public static class AdditionalEventDataKeys
{
    public const string AuthWorkflowId = "AuthWorkflowID";
    public const string CredentialType = "CredentialType";
    public const string DeviceEnrollmentRequired = "DeviceEnrollmentRequired";
    public const string LoginTo = "LoginTo";
}
