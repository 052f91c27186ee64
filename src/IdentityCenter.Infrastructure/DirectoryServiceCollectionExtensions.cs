using IdentityCenter.Infrastructure.Configuration;
using System.Security.Claims;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Generations;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Infrastructure.Security.KeyRing;
using IdentityCenter.Infrastructure.Sessions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class DirectoryServiceCollectionExtensions
{
    /// <summary>Application name for Data Protection, so every instance on the same database shares the key ring.</summary>
    public const string DataProtectionApplicationName = "IdentityCenter";

    /// <summary>How often a sign-in cookie's security stamp is compared with the user's (a password change or reset replaces it).</summary>
    public static readonly TimeSpan SecurityStampValidationInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The directory and sign-in backend: ASP.NET Core Identity (EF stores, the IdentityCenter user and
    /// sign-in managers, the policy password validator, the TOTP provider with replay guard, default
    /// token providers, the security-stamp check's interval and the sign-in claims it carries over),
    /// Data Protection keys in the database, and the directory services. Call after <c>AddIdentityCenterInfrastructure</c>.
    /// No authentication scheme is registered here: a host that signs people in adds Identity's cookies (the web host's
    /// <c>AddIdentityCenterAuthentication</c>: cookies, their limits and per-request session check, authorization policies).
    /// </summary>
    public static IHostApplicationBuilder AddIdentityCenterDirectory(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();

        var dataProtection = services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<IdentityCenterDbContext>();
        var certificateSection = builder.Configuration.GetSection($"{IdentityCenterOptions.SectionName}:DataProtection");
        if (certificateSection["CertificatePath"] is { Length: > 0 } certificatePath)
        {
            // A bad certificate is reported by the start-up configuration check (and the key ring check refuses to start without protection).
            if (DataProtectionCertificate.TryLoad(Path.GetFullPath(certificatePath, builder.Environment.ContentRootPath), certificateSection["CertificatePassword"], out var certificate) is null)
            {
                dataProtection.ProtectKeysWithCertificate(certificate!);
            }
        }
        else
        {
            // By default the key file (outside the database) encrypts the key ring: a copy of the database alone opens nothing.
            services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
                o => o.XmlEncryptor = new KeyEncryptionKeyXmlEncryptor(sp.GetRequiredService<KeyEncryptionKeyFile>())));
        }

        services.TryAddSingleton<KeyEncryptionKeyFile>();
        services.TryAddSingleton<KeyRingGuard>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKeyRingSealedData, SignInSessionsSealedData>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKeyRingSealedData, MfaSecretsSealedData>());

        services.AddIdentityCore<ApplicationUser>(o =>
            {
                // User names are checked by DirectoryNames (Unicode letters, symbols, punctuation); Identity's ASCII whitelist would refuse valid names.
                o.User.AllowedUserNameCharacters = "";
                o.User.RequireUniqueEmail = false;

                // The real rules come from the database through PolicyPasswordValidator.
                o.Password.RequiredLength = 1;
                o.Password.RequiredUniqueChars = 0;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;

                // Threshold and duration come from the database through IdentityCenterUserManager.
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Tokens.AuthenticatorTokenProvider = TokenOptions.DefaultAuthenticatorProvider;
            })
            .AddUserManager<IdentityCenterUserManager>()
            .AddEntityFrameworkStores<IdentityCenterDbContext>()
            .AddSignInManager<IdentityCenterSignInManager>()
            .AddClaimsPrincipalFactory<IdentityCenterClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<TotpTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddPasswordValidator<PolicyPasswordValidator>();
        var builtInValidator = services.FirstOrDefault(d => d.ServiceType == typeof(IPasswordValidator<ApplicationUser>) && d.ImplementationType == typeof(PasswordValidator<ApplicationUser>));
        if (builtInValidator is not null)
        {
            services.Remove(builtInValidator);
        }

        // Every minute the security-stamp check rebuilds the principal from the user, so a password change or a
        // reset elsewhere ends a cookie within a minute (Identity's default is 30). Carry over what the sign-in
        // added (session id, MFA, pending steps), or sessions would lose them and pending steps be skipped.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = SecurityStampValidationInterval;
            o.OnRefreshingPrincipal = CarryOverSignInClaims;
        });

        services.AddMemoryCache(o => o.SizeLimit ??= 100_000);
        services.TryAddSingleton<UnknownUserLockout>();
        services.TryAddSingleton<DirectorySettingsCache>();
        services.TryAddSingleton<SessionStateCache>();
        services.TryAddSingleton<ISessionRevocationNotifier>(sp => sp.GetRequiredService<SessionStateCache>());

        // Changes other instances make (seen by the maintenance tick): settings reload, ended sessions stop here too.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChangeGenerationListener, ChangeGenerationListener<DirectorySettingsCache>>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChangeGenerationListener, SessionStateSync>());
        services.TryAddSingleton<IdentityCenter.Infrastructure.Access.ICredentialRevocation, IdentityCenter.Infrastructure.Access.NoCredentialRevocation>();
        services.TryAddScoped<IDirectorySettingsService, DirectorySettingsService>();
        services.TryAddScoped<IAuditLog, AuditLog>();
        services.TryAddScoped<IUserSessionService, UserSessionService>();
        services.TryAddScoped<IMfaDeviceService, MfaDeviceService>();
        services.TryAddScoped<IPasswordService, PasswordService>();
        services.TryAddScoped<IUserDirectoryService, UserDirectoryService>();
        services.TryAddScoped<IGroupDirectoryService, GroupDirectoryService>();
        services.TryAddScoped<IUserImportService, UserImportService>();
        services.TryAddTransient<DirectoryBootstrapper>();
        return builder;
    }

    /// <summary>
    /// First-run work after the database is migrated: settings row, built-in administrators group and,
    /// when no administrator exists, the bootstrap administrator (a generated password is written to
    /// <paramref name="console"/>, default standard output).
    /// </summary>
    public static async Task<BootstrapResult> InitializeIdentityCenterDirectoryAsync(this IServiceProvider services, TextWriter? console = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);

        // The key ring must open with this instance's key file or certificate before anything uses it.
        await services.GetRequiredService<KeyRingGuard>().EnsureCheckedAsync(cancellationToken);

        // Create the Data Protection key now, not inside the first request's transaction.
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("IdentityCenter.Startup").Protect("ready");
        var bootstrapper = services.GetRequiredService<DirectoryBootstrapper>();
        return await bootstrapper.RunAsync(console ?? Console.Out, cancellationToken);
    }

    private static readonly HashSet<string> SignInClaimTypes =
    [
        IdentityCenterClaimTypes.SessionId,
        IdentityCenterClaimTypes.MfaAuthenticated,
        IdentityCenterClaimTypes.MustChangePassword,
        IdentityCenterClaimTypes.MfaEnrollmentRequired,
        "amr",
    ];

    private static Task CarryOverSignInClaims(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is not null)
        {
            foreach (var claim in context.CurrentPrincipal.Claims.Where(c => SignInClaimTypes.Contains(c.Type)))
            {
                identity.AddClaim(new Claim(claim.Type, claim.Value));
            }
        }

        return Task.CompletedTask;
    }
}
