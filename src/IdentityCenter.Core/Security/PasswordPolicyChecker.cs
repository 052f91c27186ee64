namespace IdentityCenter.Core.Security;

/// <summary>The password rules a policy can impose; one line each in the live checklist.</summary>
public enum PasswordRule
{
    MinimumLength,
    MaximumLength,
    Uppercase,
    Lowercase,
    Number,
    Symbol,
}

/// <summary>One rule of the checklist, with whether the typed password satisfies it.</summary>
public sealed record PasswordRuleResult(PasswordRule Rule, string Description, bool Satisfied);

/// <summary>The checklist for one password: every rule the policy imposes, satisfied or not.</summary>
public sealed record PasswordCheckResult(IReadOnlyList<PasswordRuleResult> Rules)
{
    public bool IsSatisfied => Rules.All(r => r.Satisfied);

    public IEnumerable<PasswordRuleResult> Violations => Rules.Where(r => !r.Satisfied);
}

/// <summary>
/// Checks a password against a <see cref="PasswordPolicy"/>. Pure and cheap, so a form can call it
/// on every keystroke to show the live checklist; the server runs the same check (plus the history
/// check, which needs stored hashes) when the password is saved.
/// </summary>
public static class PasswordPolicyChecker
{
    /// <summary>Every rule the policy imposes, in a stable order, each marked satisfied or violated.</summary>
    public static PasswordCheckResult Check(PasswordPolicy policy, string? password)
    {
        ArgumentNullException.ThrowIfNull(policy);
        password ??= "";
        var length = password.EnumerateRunes().Count();
        var rules = new List<PasswordRuleResult>
        {
            new(PasswordRule.MinimumLength, $"At least {policy.MinimumPasswordLength} characters", length >= policy.MinimumPasswordLength),
            new(PasswordRule.MaximumLength, $"At most {policy.MaximumPasswordLength} characters", length <= policy.MaximumPasswordLength),
        };
        if (policy.RequireUppercaseCharacters)
        {
            rules.Add(new(PasswordRule.Uppercase, "At least one uppercase letter (A-Z)", password.Any(char.IsUpper)));
        }

        if (policy.RequireLowercaseCharacters)
        {
            rules.Add(new(PasswordRule.Lowercase, "At least one lowercase letter (a-z)", password.Any(char.IsLower)));
        }

        if (policy.RequireNumbers)
        {
            rules.Add(new(PasswordRule.Number, "At least one number (0-9)", password.Any(char.IsDigit)));
        }

        if (policy.RequireSymbols)
        {
            rules.Add(new(PasswordRule.Symbol, $"At least one symbol, such as {PasswordPolicy.IamSymbols}", password.Any(IsSymbol)));
        }

        return new(rules);
    }

    /// <summary>A non-alphanumeric, non-whitespace character (the IAM symbol set and any other punctuation or symbol).</summary>
    public static bool IsSymbol(char c) =>
        PasswordPolicy.IamSymbols.Contains(c, StringComparison.Ordinal) || char.IsPunctuation(c) || char.IsSymbol(c);
}
