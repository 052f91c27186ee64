using System.Globalization;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities;
using IdentityCenter.Infrastructure.Data.Generations;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Security;

public sealed class DirectorySettingsService(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    DirectorySettingsCache cache,
    TimeProvider timeProvider) : IDirectorySettingsService
{
    public async Task<PasswordPolicy> GetPasswordPolicyAsync(CancellationToken cancellationToken = default) =>
        (await GetAllAsync(cancellationToken)).PasswordPolicy;

    public async Task<MfaSettings> GetMfaSettingsAsync(CancellationToken cancellationToken = default) =>
        (await GetAllAsync(cancellationToken)).Mfa;

    public async Task<SignInSettings> GetSignInSettingsAsync(CancellationToken cancellationToken = default) =>
        (await GetAllAsync(cancellationToken)).SignIn;

    public Task<OperationResult> UpdatePasswordPolicyAsync(PasswordPolicy policy, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return UpdateAsync(
            policy.Validate(),
            s => s with { PasswordPolicy = policy },
            AuditEventNames.UpdatePasswordPolicy,
            new Dictionary<string, string?>
            {
                ["minimumPasswordLength"] = Str(policy.MinimumPasswordLength),
                ["maximumPasswordLength"] = Str(policy.MaximumPasswordLength),
                ["requireSymbols"] = Str(policy.RequireSymbols),
                ["requireNumbers"] = Str(policy.RequireNumbers),
                ["requireUppercaseCharacters"] = Str(policy.RequireUppercaseCharacters),
                ["requireLowercaseCharacters"] = Str(policy.RequireLowercaseCharacters),
                ["allowUsersToChangePassword"] = Str(policy.AllowUsersToChangePassword),
                ["maxPasswordAge"] = policy.MaxPasswordAge is { } a ? Str(a) : null,
                ["passwordReusePrevention"] = policy.PasswordReusePrevention is { } r ? Str(r) : null,
                ["hardExpiry"] = Str(policy.HardExpiry),
            },
            actor,
            cancellationToken);
    }

    public Task<OperationResult> UpdateMfaSettingsAsync(MfaSettings settings, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<FieldError>();
        if (!Enum.IsDefined(settings.Mode))
        {
            errors.Add(new(nameof(MfaSettings.Mode), "Choose context-aware, always-on or disabled."));
        }

        if (!Enum.IsDefined(settings.WithoutDevice))
        {
            errors.Add(new(nameof(MfaSettings.WithoutDevice), "Choose require registration, block or allow."));
        }

        if (!Enum.IsDefined(settings.DeviceManagement))
        {
            errors.Add(new(nameof(MfaSettings.DeviceManagement), "Choose users or administrators only."));
        }

        return UpdateAsync(
            errors,
            s => s with { Mfa = settings },
            AuditEventNames.UpdateMfaSettings,
            new Dictionary<string, string?>
            {
                ["mode"] = settings.Mode.ToString(),
                ["withoutDevice"] = settings.WithoutDevice.ToString(),
                ["deviceManagement"] = settings.DeviceManagement.ToString(),
            },
            actor,
            cancellationToken);
    }

    public Task<OperationResult> UpdateSignInSettingsAsync(SignInSettings settings, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return UpdateAsync(
            settings.Validate(),
            s => s with { SignIn = settings },
            AuditEventNames.UpdateSignInSettings,
            new Dictionary<string, string?>
            {
                ["lockoutThreshold"] = Str(settings.LockoutThreshold),
                ["lockoutDuration"] = settings.LockoutDuration.ToString("c", CultureInfo.InvariantCulture),
                ["sessionDuration"] = settings.SessionDuration.ToString("c", CultureInfo.InvariantCulture),
            },
            actor,
            cancellationToken);
    }

    public async Task<DirectorySettingsSnapshot> GetAllAsync(CancellationToken cancellationToken = default)
    {
        if (cache.Current is { } cached)
        {
            return cached;
        }

        var version = cache.Version;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.DirectorySettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == DirectorySettingsRecord.SingletonId, cancellationToken);
        var snapshot = record is null ? DirectorySettingsSnapshot.Defaults : DirectorySettingsSnapshot.From(record);
        cache.Set(snapshot, version);
        return snapshot;
    }

    /// <summary>Creates the settings row with the defaults when it is missing (first run).</summary>
    internal static async Task EnsureCreatedAsync(IdentityCenterDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.DirectorySettings.AnyAsync(s => s.Id == DirectorySettingsRecord.SingletonId, cancellationToken))
        {
            return;
        }

        var record = new DirectorySettingsRecord { UpdatedAt = now, UpdatedBy = Actor.System.UserName };
        DirectorySettingsSnapshot.Defaults.CopyTo(record);
        db.DirectorySettings.Add(record);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<OperationResult> UpdateAsync(
        IReadOnlyList<FieldError> errors,
        Func<DirectorySettingsSnapshot, DirectorySettingsSnapshot> change,
        string eventName,
        Dictionary<string, string?> request,
        Actor actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (errors.Count > 0)
        {
            return OperationResult.Invalid(errors);
        }

        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Bumped first: on PostgreSQL the counter row stays locked until commit, so two instances updating
        // different settings at once apply one after the other instead of overwriting each other's change.
        await ChangeGenerations.BumpAsync(db, ChangeConcerns.DirectorySettings, cancellationToken);
        var record = await db.DirectorySettings.FirstOrDefaultAsync(s => s.Id == DirectorySettingsRecord.SingletonId, cancellationToken);
        if (record is null)
        {
            record = new DirectorySettingsRecord();
            DirectorySettingsSnapshot.Defaults.CopyTo(record);
            db.DirectorySettings.Add(record);
        }

        var updated = change(DirectorySettingsSnapshot.From(record));
        updated.CopyTo(record);
        record.UpdatedAt = now;
        record.UpdatedBy = actor.UserName;
        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(now, actor, eventName, request: request, eventSource: AuditEventSources.SsoDirectory)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Invalidate();
        return OperationResult.Success;
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Str(bool value) => value ? "true" : "false";
}
