using System.Reflection;
using IdentityCenter.E2E.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.E2E.Accessibility;

/// <summary>
/// Every route of the app's router (<c>@page</c>) is among the pages the browser tests open and check
/// (<see cref="RoutablePages.CheckedTemplates"/>): a new page fails this test until it is added there, and with that to
/// the accessibility and layout checks. No browser needed.
/// </summary>
public sealed class RoutablePagesTests
{
    [Fact]
    public void RoutablePages_ListEveryRouteOfTheRouter_AndNoRouteThatIsGone()
    {
        var routes = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .ToHashSet(StringComparer.Ordinal);
        var listed = RoutablePages.CheckedTemplates.ToHashSet(StringComparer.Ordinal);

        Assert.True(routes.Count > 30, $"Only {routes.Count} routes found: the reflection over the app's components is broken.");
        Assert.True(listed.SetEquals(routes),
            $"Routes no browser test opens: {string.Join(", ", routes.Except(listed).Order(StringComparer.Ordinal))}. "
            + $"Listed but not routes: {string.Join(", ", listed.Except(routes).Order(StringComparer.Ordinal))}.");
    }
}
