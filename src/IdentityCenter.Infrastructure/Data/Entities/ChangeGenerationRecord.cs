namespace IdentityCenter.Infrastructure.Data.Entities;

/// <summary>
/// One counter per concern (see <see cref="Generations.ChangeConcerns"/>), bumped in the same transaction as
/// every change of that concern. Instances compare it with what they last loaded to know when to reload.
/// </summary>
public sealed class ChangeGenerationRecord
{
    public string Concern { get; set; } = "";

    public long Generation { get; set; }
}
