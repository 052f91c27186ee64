using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IdentityCenter.Infrastructure.Directory;

public sealed class UserImportService(
    IServiceScopeFactory scopes,
    IDbContextFactory<IdentityCenterDbContext> contexts,
    IDirectorySettingsService settings,
    TimeProvider timeProvider,
    ILogger<UserImportService> logger) : IUserImportService
{
    public async Task<UserImportPreview> PreviewAsync(string csvText, CancellationToken cancellationToken = default)
    {
        var parsed = UserCsvParser.Parse(csvText ?? "");
        if (!parsed.IsValid)
        {
            return new([], parsed.Errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var conflicts = await FindExistingAsync(db, parsed.Rows, cancellationToken);
        return conflicts.Count > 0 ? new(parsed.Rows, conflicts) : new(parsed.Rows, []);
    }

    public async Task<UserImportResult> ImportAsync(string csvText, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var parsed = UserCsvParser.Parse(csvText ?? "");
        if (!parsed.IsValid)
        {
            return new([], parsed.Errors);
        }

        var policy = await settings.GetPasswordPolicyAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<IdentityCenterDbContext>();

        // Password hashing is deliberately slow (tens of ms each): do it for every row, on every core,
        // before the transaction, so a large file does not hold the database's write lock for minutes.
        logger.LogInformation("Importing {Count} users: hashing their one-time passwords.", parsed.Rows.Count);
        var passwords = parsed.Rows.Select(_ => PasswordGenerator.Generate(policy)).ToArray();
        var hashes = await UserDirectoryService.HashPasswordsAsync(users.PasswordHasher, passwords, cancellationToken);

        logger.LogInformation("Creating {Count} users in one transaction.", parsed.Rows.Count);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var conflicts = await FindExistingAsync(db, parsed.Rows, cancellationToken);
        if (conflicts.Count > 0)
        {
            return new([], conflicts);
        }

        var imported = new List<ImportedUser>();
        for (var i = 0; i < parsed.Rows.Count; i++)
        {
            var row = parsed.Rows[i];
            var password = passwords[i];
            var created = await UserDirectoryService.CreateInScopeAsync(
                users, db, row.UserName, row.Profile, password, actor, now, cancellationToken, precomputedPasswordHash: hashes[i]);
            if (!created.Succeeded)
            {
                // The transaction is disposed without commit: nothing from this file stays.
                return new([], created.Errors.Select(e => new CsvLineError(row.LineNumber, e.Field, e.Message)).ToList());
            }

            imported.Add(new ImportedUser(row.LineNumber, created.Value!.Id, row.UserName, password));
        }

        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
            now, actor, AuditEventNames.ImportUsers,
            request: new Dictionary<string, string?> { ["rows"] = imported.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Imported {Count} users.", imported.Count);
        return new(imported, []);
    }

    private static async Task<List<CsvLineError>> FindExistingAsync(IdentityCenterDbContext db, IReadOnlyList<UserCsvRow> rows, CancellationToken cancellationToken)
    {
        var errors = new List<CsvLineError>();
        foreach (var chunk in rows.Chunk(500))
        {
            var names = chunk.Select(r => DirectoryNames.Normalize(r.UserName)).ToList();
            var taken = (await db.Users.AsNoTracking().Where(u => names.Contains(u.NormalizedUserName!)).Select(u => u.NormalizedUserName!).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            errors.AddRange(chunk.Where(r => taken.Contains(DirectoryNames.Normalize(r.UserName)))
                .Select(r => new CsvLineError(r.LineNumber, "UserName", $"A user named '{r.UserName}' already exists.")));
        }

        return errors;
    }
}
