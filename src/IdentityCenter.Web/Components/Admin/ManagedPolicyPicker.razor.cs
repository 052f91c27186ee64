using IdentityCenter.Core.Catalog;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace IdentityCenter.Web.Components.Admin;

/// <summary>
/// Type-ahead over the whole AWS managed policy catalogue: type part of a name (or path and name, or
/// description), pick with the mouse or with Up/Down and Enter; attached policies are chips that can be
/// removed or opened for their details. Results are searched in Core
/// (<see cref="ManagedPolicyCatalog.Search"/>), never filtered here.
/// </summary>
public partial class ManagedPolicyPicker
{
    /// <summary>How many matches are offered at once (the rest: type more).</summary>
    public const int MaxResults = 20;

    private string? _text;
    private bool _jobFunctionOnly;
    private IReadOnlyList<ManagedPolicy> _results = [];
    private int _active = -1;
    private ManagedPolicy? _detail;

    /// <summary>The attached policies' ARNs.</summary>
    [Parameter]
    public IReadOnlyList<string> Value { get; set; } = [];

    [Parameter]
    public EventCallback<IReadOnlyList<string>> ValueChanged { get; set; }

    /// <summary>The catalogue searched (the shipped one unless a test passes another).</summary>
    [Parameter]
    public ManagedPolicyCatalog Catalog { get; set; } = ManagedPolicyCatalog.Default;

    [Parameter]
    public string Id { get; set; } = "ps-managed-policies";

    [Parameter]
    public string Label { get; set; } = "Add an AWS managed policy";

    /// <summary>At most one policy (a permissions boundary): picking replaces the current one.</summary>
    [Parameter]
    public bool OnlyOne { get; set; }

    [Parameter]
    public bool Error { get; set; }

    [Parameter]
    public string? ErrorText { get; set; }

    private string ListId => Id + "-results";

    private bool Open => _results.Count > 0;

    private string? ActiveDescendant => _active >= 0 && _active < _results.Count ? OptionId(_active) : null;

    private string OptionId(int index) => $"{Id}-option-{index}";

    private string HelperText => _results.Count == 0 && !string.IsNullOrWhiteSpace(_text)
        ? "No AWS managed policy matches; try part of the name, such as DynamoDB or DatabaseAdmin."
        : $"Search all {Catalog.OfKind(ManagedPolicyKind.AwsManagedIamPolicy).Count():N0} AWS managed policies by name; Up/Down and Enter to pick.";

    private ManagedPolicy? Find(string arn) => Catalog.FindByArn(arn);

    private void OnTextChanged(string? text)
    {
        _text = text;
        Refresh();
    }

    private void OnJobFunctionOnlyChanged(bool value)
    {
        _jobFunctionOnly = value;
        Refresh();
    }

    private void Refresh()
    {
        _results = string.IsNullOrWhiteSpace(_text) && !_jobFunctionOnly
            ? []
            : Catalog.Search(_text, _jobFunctionOnly, MaxResults);
        _active = _results.Count > 0 ? 0 : -1;
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        switch (e.Key)
        {
            case "ArrowDown" when _results.Count > 0:
                _active = (_active + 1) % _results.Count;
                break;
            case "ArrowUp" when _results.Count > 0:
                _active = (_active - 1 + _results.Count) % _results.Count;
                break;
            case "Enter" when _active >= 0 && _active < _results.Count:
                await AddAsync(_results[_active]);
                break;
            case "Escape":
                _text = null;
                _results = [];
                _active = -1;
                break;
        }
    }

    private async Task AddAsync(ManagedPolicy policy)
    {
        if (!Value.Contains(policy.Arn, StringComparer.Ordinal))
        {
            Value = OnlyOne ? [policy.Arn] : [.. Value, policy.Arn];
            await ValueChanged.InvokeAsync(Value);
        }

        _text = null;
        _results = [];
        _active = -1;
    }

    private async Task RemoveAsync(string arn)
    {
        Value = Value.Where(a => !string.Equals(a, arn, StringComparison.Ordinal)).ToList();
        if (_detail?.Arn == arn)
        {
            _detail = null;
        }

        await ValueChanged.InvokeAsync(Value);
    }

    private void ShowDetail(ManagedPolicy? policy) => _detail = _detail == policy ? null : policy;
}
