namespace IdentityCenter.Web.Components.Pages.Portal;

/// <summary>One thing in the playground's demo inventory, with the actions one can try on it.</summary>
public sealed record DemoResource(string Service, string Kind, string Name, string Arn, IReadOnlyList<string> Actions);

/// <summary>
/// The playground's small demo inventory in an account: S3 buckets and objects, EC2 instances and
/// DynamoDB tables, with real ARN shapes in that account (us-east-1).
/// </summary>
public static class DemoInventory
{
    public const string Region = "us-east-1";

    public static IReadOnlyList<DemoResource> For(string accountId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var reports = $"demo-{accountId}-reports";
        var site = $"demo-{accountId}-website";
        return
        [
            new("S3", "Bucket", reports, $"arn:aws:s3:::{reports}", ["s3:ListBucket", "s3:GetBucketPolicy", "s3:DeleteBucket"]),
            new("S3", "Object", $"{reports}/2026/q3-revenue.csv", $"arn:aws:s3:::{reports}/2026/q3-revenue.csv", ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]),
            new("S3", "Bucket", site, $"arn:aws:s3:::{site}", ["s3:ListBucket", "s3:PutBucketPolicy"]),
            new("S3", "Object", $"{site}/index.html", $"arn:aws:s3:::{site}/index.html", ["s3:GetObject", "s3:PutObject"]),
            new("EC2", "Instance", "i-0a1b2c3d4e5f60001 (web-1)", $"arn:aws:ec2:{Region}:{accountId}:instance/i-0a1b2c3d4e5f60001", ["ec2:DescribeInstances", "ec2:StartInstances", "ec2:StopInstances", "ec2:TerminateInstances"]),
            new("EC2", "Instance", "i-0a1b2c3d4e5f60002 (batch-1)", $"arn:aws:ec2:{Region}:{accountId}:instance/i-0a1b2c3d4e5f60002", ["ec2:DescribeInstances", "ec2:RebootInstances", "ec2:TerminateInstances"]),
            new("DynamoDB", "Table", "Orders", $"arn:aws:dynamodb:{Region}:{accountId}:table/Orders", ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:DeleteTable"]),
            new("DynamoDB", "Table", "Customers", $"arn:aws:dynamodb:{Region}:{accountId}:table/Customers", ["dynamodb:GetItem", "dynamodb:Scan", "dynamodb:DeleteItem"]),
        ];
    }
}
