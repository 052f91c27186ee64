using System.Text.Json;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Infrastructure.Data.Entities.Access;

namespace IdentityCenter.Infrastructure.Access.Internal;

/// <summary>Converts between the stored permission set and Core's <see cref="PermissionSet"/>.</summary>
internal static class PermissionSetMapping
{
    private sealed record ReferenceDto(string Name, string Path);

    private sealed record TagDto(string Key, string Value);

    public static PermissionSet ToModel(PermissionSetRecord r) => new()
    {
        Id = r.Id,
        Name = r.Name,
        Description = r.Description,
        SessionDuration = TimeSpan.FromSeconds(r.SessionDurationSeconds),
        RelayState = r.RelayState,
        ManagedPolicyArns = JsonSerializer.Deserialize<List<string>>(r.ManagedPolicyArnsJson) ?? [],
        CustomerManagedPolicyReferences = (JsonSerializer.Deserialize<List<ReferenceDto>>(r.CustomerManagedPolicyReferencesJson) ?? [])
            .ConvertAll(d => new CustomerManagedPolicyReference(d.Name, d.Path)),
        InlinePolicy = r.InlinePolicy,
        PermissionsBoundary = r.BoundaryManagedPolicyArn is { } arn
            ? PermissionsBoundary.FromManagedPolicy(arn)
            : r.BoundaryCustomerPolicyName is { } name
                ? PermissionsBoundary.FromCustomerManagedPolicy(new CustomerManagedPolicyReference(name, r.BoundaryCustomerPolicyPath ?? "/"))
                : null,
        Tags = (JsonSerializer.Deserialize<List<TagDto>>(r.TagsJson) ?? []).ConvertAll(t => new PermissionSetTag(t.Key, t.Value)),
        Version = r.Version,
    };

    /// <summary>Copies every field of the model onto the record (id included).</summary>
    public static void Apply(PermissionSet m, PermissionSetRecord r)
    {
        r.Id = m.Id;
        r.Name = m.Name;
        r.Description = m.Description;
        r.SessionDurationSeconds = (int)m.SessionDuration.TotalSeconds;
        r.RelayState = m.RelayState;
        r.ManagedPolicyArnsJson = JsonSerializer.Serialize(m.ManagedPolicyArns);
        r.CustomerManagedPolicyReferencesJson = JsonSerializer.Serialize(m.CustomerManagedPolicyReferences.Select(c => new ReferenceDto(c.Name, c.Path)));
        r.InlinePolicy = m.InlinePolicy;
        r.BoundaryManagedPolicyArn = m.PermissionsBoundary?.ManagedPolicyArn;
        r.BoundaryCustomerPolicyName = m.PermissionsBoundary?.CustomerManagedPolicyReference?.Name;
        r.BoundaryCustomerPolicyPath = m.PermissionsBoundary?.CustomerManagedPolicyReference?.Path;
        r.TagsJson = JsonSerializer.Serialize(m.Tags.Select(t => new TagDto(t.Key, t.Value)));
        r.Version = m.Version;
    }

    public static string ToDefinitionJson(PermissionSet m)
    {
        var record = new PermissionSetRecord();
        Apply(m, record);
        return JsonSerializer.Serialize(record);
    }

    public static PermissionSet? FromDefinitionJson(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<PermissionSetRecord>(json) is { } r ? ToModel(r) : null;
}
