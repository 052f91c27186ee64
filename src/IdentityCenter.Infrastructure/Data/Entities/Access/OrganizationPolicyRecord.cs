namespace IdentityCenter.Infrastructure.Data.Entities.Access;

/// <summary>An SCP or RCP (<see cref="Type"/> SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY) with its JSON document.</summary>
public sealed class OrganizationPolicyRecord
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public string Type { get; set; } = "";

    public string Document { get; set; } = "";

    public bool AwsManaged { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
