using System.Text;
using IdentityCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.S3;

/// <summary>
/// The workshop's demo S3 buckets, so <c>aws s3 ls</c> with a demo user's credentials shows something: buckets with a few
/// objects in the demo accounts, and <see cref="SharedDatasetsBucket"/> whose bucket policy lets the Dev account read it
/// (the cross-account example). The workshop seed calls <see cref="EnsureAsync"/> after its completion marker and again on
/// every later seed, so it is idempotent: what exists and is right is kept, what is missing is created, and a demo bucket
/// left by accounts a reset removed is replaced. A bucket of that name owned by a live account is never touched.
/// </summary>
public sealed class WorkshopBuckets(S3ObjectStore store, IDbContextFactory<IdentityCenterDbContext> contexts)
{
    /// <summary>Prod Data's bucket the Dev account may read through its bucket policy.</summary>
    public const string SharedDatasetsBucket = "workshop-shared-datasets";

    /// <summary>Prod Data's analytics bucket; the DataAnalyst permission set writes only to its own department's prefix.</summary>
    public const string AnalyticsBucket = "workshop-analytics";

    private sealed record DemoBucket(string Name, string AccountName, (string Key, string ContentType, string Content)[] Objects, Func<IReadOnlyDictionary<string, string>, string>? Policy = null);

    private static readonly DemoBucket[] Buckets =
    [
        new(AnalyticsBucket, "Prod Data",
        [
            ("Analytics/2026/q3-sales.csv", "text/csv", "region,quarter,revenue\neu-west-1,Q3,182000\nus-east-1,Q3,241000\n"),
            ("Engineering/build-times.csv", "text/csv", "service,minutes\nweb,7\napi,12\n"),
            ("Finance/budget-2027.csv", "text/csv", "team,budget\nplatform,120000\nanalytics,80000\n"),
        ]),
        new(SharedDatasetsBucket, "Prod Data",
        [
            ("datasets/customers-anonymised.csv", "text/csv", "id,country,segment\n1,DE,enterprise\n2,US,startup\n"),
            ("README.txt", "text/plain", "Shared with the Dev account through this bucket's policy (read only).\n"),
        ],
        accounts => $$"""
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "DevAccountReadsSharedDatasets",
                  "Effect": "Allow",
                  "Principal": { "AWS": "arn:aws:iam::{{accounts["Dev"]}}:root" },
                  "Action": ["s3:GetObject", "s3:ListBucket"],
                  "Resource": ["arn:aws:s3:::{{SharedDatasetsBucket}}", "arn:aws:s3:::{{SharedDatasetsBucket}}/*"]
                }
              ]
            }
            """),
        new("workshop-web-assets", "Prod Web",
        [
            ("index.html", "text/html", "<!doctype html><title>Workshop shop</title><h1>Welcome to the workshop shop</h1>\n"),
            ("css/site.css", "text/css", "body { font-family: sans-serif; }\n"),
        ]),
        new("workshop-dev-scratch", "Dev",
        [
            ("notes/todo.txt", "text/plain", "Try: aws s3 cp s3://workshop-shared-datasets/README.txt -\n"),
        ]),
        new("workshop-audit-logs", "Log Archive",
        [
            ("cloudtrail/2026/12/01/events.json", "application/json", "{\"Records\":[{\"eventName\":\"ConsoleLogin\",\"eventSource\":\"signin.amazonaws.com\"}]}\n"),
        ]),
    ];

    /// <summary>Creates what is missing of the demo buckets, their objects and policies; returns how many demo buckets there are.</summary>
    public async Task<int> EnsureAsync(CancellationToken cancellationToken = default)
    {
        Dictionary<string, string> demoAccounts;
        HashSet<string> liveAccounts;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var accounts = await db.Accounts.AsNoTracking().Select(a => new { a.Id, a.Name, a.IsWorkshop }).ToListAsync(cancellationToken);
            demoAccounts = accounts.Where(a => a.IsWorkshop).GroupBy(a => a.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
            liveAccounts = [.. accounts.Select(a => a.Id)];
        }

        var count = 0;
        foreach (var bucket in Buckets)
        {
            if (!demoAccounts.TryGetValue(bucket.AccountName, out var owner))
            {
                continue;
            }

            if (await store.FindBucketAsync(bucket.Name, cancellationToken) is { } existing && existing.OwnerAccountId != owner)
            {
                if (liveAccounts.Contains(existing.OwnerAccountId))
                {
                    continue;
                }

                await store.RemoveBucketAsync(bucket.Name, cancellationToken);
            }

            await store.CreateBucketAsync(bucket.Name, owner, cancellationToken);
            foreach (var (key, contentType, content) in bucket.Objects)
            {
                if (await store.HeadObjectAsync(bucket.Name, key, cancellationToken) is null)
                {
                    await store.PutObjectAsync(bucket.Name, key, Encoding.UTF8.GetBytes(content), contentType, cancellationToken);
                }
            }

            if (bucket.Policy is not null && bucket.Policy(demoAccounts) is var policy
                && await store.GetBucketPolicyAsync(bucket.Name, cancellationToken) != policy)
            {
                var problems = await store.PutBucketPolicyAsync(bucket.Name, policy, cancellationToken);
                if (problems.Count > 0)
                {
                    throw new InvalidOperationException($"The demo bucket policy of {bucket.Name} is not valid: {problems[0].Message}");
                }
            }

            count++;
        }

        return count;
    }
}
