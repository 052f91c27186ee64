namespace IdentityCenter.Infrastructure.Security;

/// <summary>A registered authenticator app (never includes the key).</summary>
public sealed record MfaDeviceInfo(string Id, string Kind, string FriendlyName, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

/// <summary>
/// An enrolment in progress: show the QR code and the key as text, then ask for a code and a
/// friendly name and call <see cref="IMfaDeviceService.CompleteTotpEnrollmentAsync"/> with
/// <see cref="EnrollmentId"/>. The key is only ever shown here.
/// </summary>
public sealed record TotpEnrollment(
    string EnrollmentId,
    string SecretKey,
    string FormattedSecretKey,
    string OtpauthUri,
    byte[] QrCodePng,
    string QrCodeSvg)
{
    /// <summary>The PNG as a data: URL for an img tag.</summary>
    public string QrCodeDataUrl => "data:image/png;base64," + Convert.ToBase64String(QrCodePng);
}
