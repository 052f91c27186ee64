namespace IdentityCenter.Core.Organizations;

public enum AccountStatus
{
    Active,
    Suspended,
}

public static class AccountStatusNames
{
    public const string Active = "ACTIVE";
    public const string Suspended = "SUSPENDED";

    public static string ToAwsString(this AccountStatus status) => status switch
    {
        AccountStatus.Active => Active,
        AccountStatus.Suspended => Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? value, out AccountStatus status)
    {
        switch (value?.ToUpperInvariant())
        {
            case Active:
                status = AccountStatus.Active;
                return true;
            case Suspended:
                status = AccountStatus.Suspended;
                return true;
            default:
                status = default;
                return false;
        }
    }
}
