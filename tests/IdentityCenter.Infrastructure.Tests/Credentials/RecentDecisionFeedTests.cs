using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Infrastructure.Credentials;

namespace IdentityCenter.Infrastructure.Tests.Credentials;

/// <summary>The room view's in-memory feed of recent decisions: bounded, newest first, each user's latest allowed and denied, with the deciding statement.</summary>
public sealed class RecentDecisionFeedTests
{
    private const string Policy = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"ReadTheBucket","Effect":"Allow","Action":["s3:ListBucket","s3:GetObject"],"Resource":"*"},
          {"Sid":"NoDeletes","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}
        """;

    [Fact]
    public void Feed_KeepsTheLast500_NewestFirst_AndEachUsersLatestAllowedAndDenied()
    {
        var feed = new RecentDecisionFeed();
        var set = new PolicySet([new NamedPolicy("Inline", PolicyParser.Parse(Policy).Document!)]);
        var at = DateTimeOffset.UnixEpoch;
        for (var i = 0; i < 600; i++)
        {
            var action = i % 2 == 0 ? "s3:GetObject" : "s3:DeleteObject";
            var request = new AuthorizationRequest("arn:aws:sts::111122223333:assumed-role/R/u" + i, action, $"arn:aws:s3:::b/{i}");
            feed.Record("u" + (i % 3), "user", "111122223333", "ps", request, set, i % 2 == 0 ? Decision.Allow : Decision.ExplicitDeny, null, at.AddSeconds(i));
        }

        var all = feed.Latest(new HashSet<string> { "u0", "u1", "u2" }, 1000);
        Assert.Equal(RecentDecisionFeed.Capacity, all.Count);
        Assert.Equal("arn:aws:s3:::b/599", all[0].Resource);
        Assert.Equal("arn:aws:s3:::b/100", all[^1].Resource);
        var (allowed, denied) = feed.LatestOf("u2");
        Assert.Equal(("arn:aws:s3:::b/596", "ReadTheBucket"), (allowed!.Resource, allowed.DecidingStatement?.Sid));
        Assert.Equal(("arn:aws:s3:::b/599", "NoDeletes"), (denied!.Resource, denied.DecidingStatement?.Sid));
        Assert.Equal((null, null), feed.LatestOf("nobody"));
        Assert.Empty(feed.Latest(new HashSet<string> { "nobody" }, 10));
    }
}
