namespace IdentityCenter.Core.Policies.Evaluation;

/// <summary>What kind of principal makes a request, as read from its ARN.</summary>
public enum PrincipalKind
{
    /// <summary>Anything not recognised (e.g. an empty string).</summary>
    Unknown,

    /// <summary>An IAM user, <c>arn:aws:iam::ACCOUNT:user/path/name</c>.</summary>
    User,

    /// <summary>An IAM role used directly, <c>arn:aws:iam::ACCOUNT:role/path/name</c>.</summary>
    Role,

    /// <summary>A role session (incl. IAM Identity Center), <c>arn:aws:sts::ACCOUNT:assumed-role/name/session</c>.</summary>
    AssumedRole,

    /// <summary>A federated user session, <c>arn:aws:sts::ACCOUNT:federated-user/name</c>.</summary>
    FederatedUser,

    /// <summary>The account root user, <c>arn:aws:iam::ACCOUNT:root</c>.</summary>
    Root,

    /// <summary>A service principal such as <c>cloudtrail.amazonaws.com</c>.</summary>
    Service,
}
