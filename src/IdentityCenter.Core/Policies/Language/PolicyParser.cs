using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using IdentityCenter.Core.Policies.Evaluation.Conditions;
using IdentityCenter.Core.Policies.Matching;

namespace IdentityCenter.Core.Policies.Language;

/// <summary>
/// Parses and validates IAM policy JSON. Never throws for bad input: every problem comes back as a
/// <see cref="PolicyFinding"/> with line, column and JSON path.
/// </summary>
public static class PolicyParser
{
    /// <summary>Parses <paramref name="json"/> as a policy of the given kind and validates it.</summary>
    public static PolicyParseResult Parse(string json, PolicyKind kind = PolicyKind.Managed)
    {
        ArgumentNullException.ThrowIfNull(json);
        var utf8 = Encoding.UTF8.GetBytes(json);
        var reader = new PositionedJsonReader(utf8);
        var session = new ParseSession(reader, kind);
        var root = reader.Read(out var syntaxError);
        if (root is null)
        {
            var (line, column, message) = syntaxError!.Value;
            session.Findings.Add(new PolicyFinding(FindingSeverity.Error, line, column, "$", "InvalidJson", message));
            return new PolicyParseResult(null, session.Findings);
        }

        var document = session.ReadDocument(root);
        session.CheckSize(json);
        session.Findings.Sort(static (a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        return new PolicyParseResult(session.Fatal ? null : document, session.Findings);
    }

    private sealed class ParseSession(PositionedJsonReader positions, PolicyKind kind)
    {
        private static readonly string[] TopLevelElements = ["Version", "Id", "Statement"];

        private static readonly string[] StatementElements =
            ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

        private static readonly string[] PrincipalTypes = ["AWS", "Service", "Federated", "CanonicalUser"];

        private static readonly string[] SingleValuedKeyPrefixes =
        [
            "aws:username", "aws:userid", "aws:SourceIp", "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgID",
            "aws:RequestedRegion", "aws:SecureTransport", "aws:MultiFactorAuthPresent", "aws:CurrentTime", "aws:SourceVpc",
            "aws:SourceVpce", "aws:SourceArn", "aws:SourceAccount", "aws:PrincipalType", "aws:PrincipalTag/",
            "aws:ResourceTag/", "aws:RequestTag/", "aws:ResourceAccount", "aws:ResourceOrgID",
        ];

        private readonly HashSet<string> sids = new(StringComparer.Ordinal);
        private PolicyVersion version = PolicyVersion.Version2008;

        public List<PolicyFinding> Findings { get; } = [];

        public bool Fatal { get; private set; }

        public PolicyDocument? ReadDocument(JsonNodeAt root)
        {
            if (root is not JsonObjectAt obj)
            {
                Error(root.Offset, "$", "NotAnObject", $"The policy must be a JSON object, but this is {root.KindName}. Wrap it as {{\"Version\":\"2012-10-17\",\"Statement\":[...]}}.");
                Fatal = true;
                return null;
            }

            var elements = Elements(obj, "$", TopLevelElements, "top-level element", "Version, Id and Statement");
            var versionSpecified = false;
            string? id = null;
            if (elements.TryGetValue("Version", out var versionNode))
            {
                versionSpecified = true;
                ReadVersion(versionNode.Value);
            }
            else
            {
                Warning(obj.Offset, "$", "MissingVersion", "No \"Version\": the 2008-10-17 rules apply and policy variables such as ${aws:username} are literal text. Add \"Version\": \"2012-10-17\".");
            }

            if (elements.TryGetValue("Id", out var idNode))
            {
                if (idNode.Value is JsonStringAt s)
                {
                    id = s.Value;
                }
                else
                {
                    Error(idNode.Value.Offset, "$.Id", "WrongType", $"\"Id\" must be a string, but it is {idNode.Value.KindName}. Quote it, e.g. \"Id\": \"my-policy\".");
                }
            }

            if (!elements.TryGetValue("Statement", out var statementNode))
            {
                Error(obj.Offset, "$", "MissingStatement", "The policy has no \"Statement\". Add \"Statement\": [ { \"Effect\": ..., \"Action\": ..., \"Resource\": ... } ].");
                Fatal = true;
                return null;
            }

            var statementNodes = new List<(JsonNodeAt Node, string Path)>();
            switch (statementNode.Value)
            {
                case JsonObjectAt single:
                    statementNodes.Add((single, "$.Statement"));
                    break;
                case JsonArrayAt array:
                    for (var i = 0; i < array.Items.Count; i++)
                    {
                        statementNodes.Add((array.Items[i], $"$.Statement[{i}]"));
                    }

                    if (array.Items.Count == 0)
                    {
                        Error(array.Offset, "$.Statement", "EmptyStatement", "\"Statement\" is an empty array. Add at least one statement.");
                    }

                    break;
                default:
                    Error(statementNode.Value.Offset, "$.Statement", "WrongType", $"\"Statement\" must be an object or an array of objects, but it is {statementNode.Value.KindName}.");
                    Fatal = true;
                    return null;
            }

            var statements = ImmutableArray.CreateBuilder<PolicyStatement>(statementNodes.Count);
            for (var i = 0; i < statementNodes.Count; i++)
            {
                var statement = ReadStatement(statementNodes[i].Node, statementNodes[i].Path, i);
                if (statement is not null)
                {
                    statements.Add(statement);
                }
            }

            var document = new PolicyDocument(version, versionSpecified, id, statements.ToImmutable());
            if (!Fatal)
            {
                CheckRedundancy(document, statementNodes);
            }

            return document;
        }

        public void CheckSize(string json)
        {
            if (PolicySizeQuota.Measure(json, kind).Problem is { } problem)
            {
                Error(0, "$", "SizeLimitExceeded", problem);
            }
        }

        private void ReadVersion(JsonNodeAt node)
        {
            if (node is JsonStringAt s && s.Value == "2012-10-17")
            {
                version = PolicyVersion.Version2012;
            }
            else if (node is JsonStringAt s2 && s2.Value == "2008-10-17")
            {
                version = PolicyVersion.Version2008;
                Suggestion(node.Offset, "$.Version", "OldVersion", "Version 2008-10-17 treats policy variables as literal text and lacks newer features. Use \"2012-10-17\" unless you rely on that.");
            }
            else
            {
                version = PolicyVersion.Version2012;
                var shown = node is JsonStringAt str ? $"\"{str.Value}\"" : node.KindName;
                Error(node.Offset, "$.Version", "InvalidVersion", $"Version {shown} is not valid. Use \"2012-10-17\" (or \"2008-10-17\"); it is a fixed language version, not today's date.");
            }
        }

        private PolicyStatement? ReadStatement(JsonNodeAt node, string path, int index)
        {
            if (node is not JsonObjectAt obj)
            {
                Error(node.Offset, path, "WrongType", $"Each statement must be an object, but this is {node.KindName}.");
                Fatal = true;
                return null;
            }

            var e = Elements(obj, path, StatementElements, "statement element", "Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource and Condition");
            string? sid = null;
            if (e.TryGetValue("Sid", out var sidNode))
            {
                sid = ReadSid(sidNode.Value, path + ".Sid");
            }

            var effect = ReadEffect(e, obj, path);

            // Principal
            PrincipalElement? principal = null;
            var isNotPrincipal = false;
            e.TryGetValue("Principal", out var principalNode);
            e.TryGetValue("NotPrincipal", out var notPrincipalNode);
            if (principalNode is not null && notPrincipalNode is not null)
            {
                Error(notPrincipalNode.NameOffset, path + ".NotPrincipal", "PrincipalAndNotPrincipal", "A statement cannot have both Principal and NotPrincipal. Keep one of them.");
                Fatal = true;
            }

            var chosenPrincipal = principalNode ?? notPrincipalNode;
            if (chosenPrincipal is not null)
            {
                isNotPrincipal = principalNode is null;
                var name = isNotPrincipal ? "NotPrincipal" : "Principal";
                if (kind is PolicyKind.Managed or PolicyKind.Inline or PolicyKind.Session or PolicyKind.Scp)
                {
                    var where = kind == PolicyKind.Scp ? "service control policies" : "identity-based policies";
                    Error(chosenPrincipal.NameOffset, $"{path}.{name}", "PrincipalNotAllowed", $"{name} is not allowed in {where}: they apply to the principal they are attached to. Remove \"{name}\", or use this statement in a resource-based policy.");
                }
                else
                {
                    principal = ReadPrincipal(chosenPrincipal.Value, $"{path}.{name}", name);
                    if (kind == PolicyKind.Rcp && (isNotPrincipal || principal is { IsWildcard: false }))
                    {
                        Error(chosenPrincipal.Value.Offset, $"{path}.{name}", "RcpPrincipal", "Resource control policies must use \"Principal\": \"*\". Limit principals with conditions such as aws:PrincipalOrgID instead.");
                    }

                    if (isNotPrincipal && effect == Effect.Allow)
                    {
                        Warning(chosenPrincipal.NameOffset, $"{path}.NotPrincipal", "AllowWithNotPrincipal", "Allow with NotPrincipal grants access to every principal not listed, including anonymous users. List the intended principals in \"Principal\" instead.");
                    }
                }
            }
            else if (kind == PolicyKind.Resource)
            {
                Error(obj.Offset, path, "MissingPrincipal", "Resource-based policy statements need a \"Principal\" (or \"NotPrincipal\"), e.g. \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}.");
            }

            // Action
            e.TryGetValue("Action", out var actionNode);
            e.TryGetValue("NotAction", out var notActionNode);
            var actions = ImmutableArray<string>.Empty;
            var isNotAction = false;
            if (actionNode is not null && notActionNode is not null)
            {
                Error(notActionNode.NameOffset, path + ".NotAction", "ActionAndNotAction", "A statement cannot have both Action and NotAction. Keep one of them.");
                Fatal = true;
            }
            else if (actionNode is null && notActionNode is null)
            {
                Error(obj.Offset, path, "MissingAction", "The statement has no \"Action\" (or \"NotAction\"). Add the actions it covers, e.g. \"Action\": \"s3:GetObject\".");
                Fatal = true;
            }
            else
            {
                isNotAction = actionNode is null;
                var node2 = actionNode ?? notActionNode!;
                var name = isNotAction ? "NotAction" : "Action";
                actions = ReadActions(node2.Value, $"{path}.{name}", name);
                if (isNotAction && effect == Effect.Allow)
                {
                    Warning(node2.NameOffset, $"{path}.NotAction", "AllowWithNotAction", "Allow with NotAction grants every action not listed, including those of services added later. Prefer listing the allowed actions in \"Action\", or pair NotAction with Deny.");
                }
            }

            // Resource
            e.TryGetValue("Resource", out var resourceNode);
            e.TryGetValue("NotResource", out var notResourceNode);
            var resources = ImmutableArray<string>.Empty;
            var isNotResource = false;
            var hasResource = false;
            if (resourceNode is not null && notResourceNode is not null)
            {
                Error(notResourceNode.NameOffset, path + ".NotResource", "ResourceAndNotResource", "A statement cannot have both Resource and NotResource. Keep one of them.");
                Fatal = true;
            }
            else if (resourceNode is null && notResourceNode is null)
            {
                if (kind != PolicyKind.Resource)
                {
                    Error(obj.Offset, path, "MissingResource", "The statement has no \"Resource\" (or \"NotResource\"). Add the ARNs it covers, or \"Resource\": \"*\".");
                    Fatal = true;
                }
            }
            else
            {
                hasResource = true;
                isNotResource = resourceNode is null;
                var node2 = resourceNode ?? notResourceNode!;
                var name = isNotResource ? "NotResource" : "Resource";
                resources = ReadResources(node2.Value, $"{path}.{name}", name);
                if (isNotResource && effect == Effect.Allow)
                {
                    Warning(node2.NameOffset, $"{path}.NotResource", "AllowWithNotResource", "Allow with NotResource grants access to every resource not listed, including ones created later. List the allowed resources in \"Resource\" instead.");
                }
            }

            var conditions = ImmutableArray<PolicyCondition>.Empty;
            if (e.TryGetValue("Condition", out var conditionNode))
            {
                conditions = ReadConditions(conditionNode.Value, path + ".Condition", effect);
            }

            if (effect == Effect.Allow && !isNotAction)
            {
                CheckBroadGrants(actions, resources, isNotResource, hasResource, actionNode, path, conditions);
            }

            return new PolicyStatement(index, sid, effect ?? Effect.Allow, principal, isNotPrincipal, actions, isNotAction, resources, isNotResource, hasResource, conditions);
        }

        private void CheckBroadGrants(ImmutableArray<string> actions, ImmutableArray<string> resources, bool isNotResource, bool hasResource, JsonPropertyAt? actionNode, string path, ImmutableArray<PolicyCondition> conditions)
        {
            if (!hasResource || isNotResource || !resources.Contains("*") || actionNode is null)
            {
                return;
            }

            if (actions.Contains("*") && conditions.IsEmpty)
            {
                Warning(actionNode.Value.Offset, path + ".Action", "FullAccess", "This statement allows every action on every resource. Grant only the actions and resources needed (least privilege).");
                return;
            }

            // A condition on iam:PassedToService limits where roles go, which is what Access Analyzer asks for.
            if (conditions.Any(c => c.Key.Equals("iam:PassedToService", StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }

            foreach (var action in actions)
            {
                if (WildcardPattern.IsMatch(action, "iam:PassRole", ignoreCase: true))
                {
                    Warning(actionNode.Value.Offset, path + ".Action", "PassRoleWithStarResource", $"'{action}' allows iam:PassRole on \"Resource\": \"*\", so the principal can pass any role (including admin roles) to a service. List the role ARNs that may be passed and add an iam:PassedToService condition.");
                    return;
                }
            }
        }

        private Effect? ReadEffect(ElementSet e, JsonObjectAt obj, string path)
        {
            if (!e.TryGetValue("Effect", out var effectNode))
            {
                Error(obj.Offset, path, "MissingEffect", "The statement has no \"Effect\". Add \"Effect\": \"Allow\" or \"Effect\": \"Deny\".");
                Fatal = true;
                return null;
            }

            if (effectNode.Value is not JsonStringAt s)
            {
                Error(effectNode.Value.Offset, path + ".Effect", "WrongType", $"\"Effect\" must be the string \"Allow\" or \"Deny\", but it is {effectNode.Value.KindName}.");
                Fatal = true;
                return null;
            }

            switch (s.Value)
            {
                case "Allow":
                    return Effect.Allow;
                case "Deny":
                    return Effect.Deny;
            }

            if (s.Value.Equals("Allow", StringComparison.OrdinalIgnoreCase) || s.Value.Equals("Deny", StringComparison.OrdinalIgnoreCase))
            {
                var fixedValue = s.Value.Equals("Allow", StringComparison.OrdinalIgnoreCase) ? "Allow" : "Deny";
                Error(s.Offset, path + ".Effect", "InvalidEffect", $"Effect \"{s.Value}\" is case-sensitive. Write \"{fixedValue}\".");
                return fixedValue == "Allow" ? Effect.Allow : Effect.Deny;
            }

            Error(s.Offset, path + ".Effect", "InvalidEffect", $"Effect \"{s.Value}\" is not valid. Use \"Allow\" or \"Deny\".");
            Fatal = true;
            return null;
        }

        private string? ReadSid(JsonNodeAt node, string path)
        {
            if (node is not JsonStringAt s)
            {
                Error(node.Offset, path, "WrongType", $"\"Sid\" must be a string, but it is {node.KindName}.");
                return null;
            }

            if (kind != PolicyKind.Resource)
            {
                foreach (var c in s.Value)
                {
                    if (!char.IsAsciiLetterOrDigit(c))
                    {
                        Error(s.Offset, path, "InvalidSid", $"Sid \"{s.Value}\" contains '{c}'. In identity, session and organization policies a Sid may contain only letters A-Z, a-z and digits 0-9.");
                        break;
                    }
                }
            }

            if (!sids.Add(s.Value))
            {
                Error(s.Offset, path, "DuplicateSid", $"Sid \"{s.Value}\" is used by another statement in this policy. Give each statement a unique Sid.");
            }

            return s.Value;
        }

        private List<(string Value, int Offset, ItemPath Path)>? ReadStringList(JsonNodeAt node, string path, string name, bool allowScalars)
        {
            var result = new List<(string, int, ItemPath)>();
            switch (node)
            {
                case JsonStringAt s:
                    result.Add((s.Value, s.Offset, new ItemPath(path, -1)));
                    return result;
                case JsonScalarAt scalar when allowScalars && scalar.Token != System.Text.Json.JsonTokenType.Null:
                    result.Add((scalar.Text, scalar.Offset, new ItemPath(path, -1)));
                    return result;
                case JsonArrayAt array:
                    if (array.Items.Count == 0)
                    {
                        Error(array.Offset, path, "EmptyArray", $"\"{name}\" is an empty array. Give at least one value.");
                    }

                    for (var i = 0; i < array.Items.Count; i++)
                    {
                        var item = array.Items[i];
                        var itemPath = new ItemPath(path, i);
                        if (item is JsonStringAt itemString)
                        {
                            result.Add((itemString.Value, item.Offset, itemPath));
                        }
                        else if (allowScalars && item is JsonScalarAt itemScalar && itemScalar.Token != System.Text.Json.JsonTokenType.Null)
                        {
                            result.Add((itemScalar.Text, item.Offset, itemPath));
                        }
                        else
                        {
                            Error(item.Offset, itemPath, "WrongType", $"Each value of \"{name}\" must be a string, but this is {item.KindName}. Quote it.");
                            Fatal = true;
                        }
                    }

                    return result;
                default:
                    Error(node.Offset, path, "WrongType", $"\"{name}\" must be a string or an array of strings, but it is {node.KindName}.");
                    Fatal = true;
                    return null;
            }
        }

        private ImmutableArray<string> ReadActions(JsonNodeAt node, string path, string name)
        {
            var list = ReadStringList(node, path, name, allowScalars: false);
            if (list is null)
            {
                return [];
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (value, offset, itemPath) in list)
            {
                if (!seen.Add(value))
                {
                    Warning(offset, itemPath, "DuplicateAction", $"Action \"{value}\" is listed twice. Remove the duplicate.");
                }

                CheckAction(value, offset, itemPath);
            }

            return [.. list.Select(x => x.Value)];
        }

        private void CheckAction(string value, int offset, ItemPath path)
        {
            if (value == "*")
            {
                return;
            }

            if (value.Contains("${", StringComparison.Ordinal))
            {
                Error(offset, path, "VariableInAction", $"Action \"{value}\" contains a policy variable; variables are allowed only in Resource and Condition values. Write the action name literally.");
                return;
            }

            var colon = value.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == value.Length - 1 || value.IndexOf(':', colon + 1) >= 0)
            {
                Error(offset, path, "InvalidAction", $"Action \"{value}\" must have the form service:action, e.g. \"s3:GetObject\" or \"ec2:Describe*\", or be \"*\".");
                return;
            }

            foreach (var c in value.AsSpan(0, colon))
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    var hint = c is '*' or '?' ? " Wildcards are not allowed in the service prefix; use \"*\" for all actions of all services." : string.Empty;
                    Error(offset, path, "InvalidAction", $"The service prefix of action \"{value}\" contains '{c}'. Use the service's prefix such as s3, ec2 or dynamodb.{hint}");
                    return;
                }
            }

            foreach (var c in value.AsSpan(colon + 1))
            {
                if (!char.IsAsciiLetterOrDigit(c) && c is not '*' and not '?' and not '-' and not '_')
                {
                    Error(offset, path, "InvalidAction", $"The action name in \"{value}\" contains '{c}'. Action names contain letters, digits and the wildcards * and ?.");
                    return;
                }
            }
        }

        private ImmutableArray<string> ReadResources(JsonNodeAt node, string path, string name)
        {
            var list = ReadStringList(node, path, name, allowScalars: false);
            if (list is null)
            {
                return [];
            }

            foreach (var (value, offset, itemPath) in list)
            {
                CheckVariables(value, offset, itemPath);
                if (value == "*")
                {
                    continue;
                }

                if (!Arn.TrySplit(value, out var parts))
                {
                    Error(offset, itemPath, "InvalidArn", $"\"{value}\" is not a valid resource ARN. Use arn:partition:service:region:account:resource (e.g. arn:aws:s3:::my-bucket/*) or \"*\".");
                    continue;
                }

                if (parts.Component(value, 1).IsEmpty || parts.Component(value, 2).IsEmpty)
                {
                    Error(offset, itemPath, "InvalidArn", $"ARN \"{value}\" has an empty partition or service. Write e.g. arn:aws:s3:::my-bucket.");
                }
                else if (parts.Component(value, 5).IsEmpty)
                {
                    Error(offset, itemPath, "InvalidArn", $"ARN \"{value}\" has no resource part after the account. Add it, e.g. ...:table/Orders, or end with * to cover all resources.");
                }
            }

            return [.. list.Select(x => x.Value)];
        }

        private PrincipalElement? ReadPrincipal(JsonNodeAt node, string path, string name)
        {
            if (node is JsonStringAt s)
            {
                if (s.Value == "*")
                {
                    return PrincipalElement.Everyone;
                }

                Error(s.Offset, path, "InvalidPrincipal", $"\"{name}\" as a string can only be \"*\". Use an object such as {{\"AWS\": \"{s.Value}\"}}.");
                Fatal = true;
                return null;
            }

            if (node is not JsonObjectAt obj)
            {
                Error(node.Offset, path, "WrongType", $"\"{name}\" must be \"*\" or an object such as {{\"AWS\": \"arn:aws:iam::111122223333:root\"}}, but it is {node.KindName}.");
                Fatal = true;
                return null;
            }

            var e = Elements(obj, path, PrincipalTypes, "principal type", "AWS, Service, Federated and CanonicalUser");
            if (obj.Properties.Count == 0)
            {
                Error(obj.Offset, path, "EmptyPrincipal", $"\"{name}\" is an empty object. Name at least one principal, e.g. {{\"AWS\": \"arn:aws:iam::111122223333:root\"}}.");
            }

            ImmutableArray<string> Values(string type)
            {
                if (!e.TryGetValue(type, out var property))
                {
                    return [];
                }

                var list = ReadStringList(property.Value, $"{path}.{type}", $"{name}.{type}", allowScalars: false);
                if (list is null)
                {
                    return [];
                }

                foreach (var (value, offset, itemPath) in list)
                {
                    CheckPrincipalValue(type, value, offset, itemPath);
                }

                return [.. list.Select(x => x.Value)];
            }

            var aws = Values("AWS");
            var service = Values("Service");
            var federated = Values("Federated");
            var canonical = Values("CanonicalUser");
            var wildcard = aws.Contains("*");
            return new PrincipalElement(wildcard, aws, service, federated, canonical);
        }

        private void CheckPrincipalValue(string type, string value, int offset, ItemPath path)
        {
            if (value.Contains("${", StringComparison.Ordinal))
            {
                Error(offset, path, "VariableInPrincipal", $"Principal \"{value}\" contains a policy variable; variables are not allowed in Principal. Use aws:PrincipalArn in a Condition instead.");
                return;
            }

            if (type == "Service")
            {
                if (!value.Contains('.', StringComparison.Ordinal) || value.Contains(':', StringComparison.Ordinal))
                {
                    Error(offset, path, "InvalidServicePrincipal", $"Service principal \"{value}\" is not a service name. Use e.g. \"s3.amazonaws.com\" or \"lambda.amazonaws.com\".");
                }

                return;
            }

            if (type != "AWS" || value == "*" || Arn.IsAccountId(value))
            {
                return;
            }

            if (!Arn.TrySplit(value, out var parts))
            {
                Error(offset, path, "InvalidPrincipal", $"AWS principal \"{value}\" is neither \"*\", a 12-digit account id nor an IAM ARN. Use e.g. \"111122223333\", \"arn:aws:iam::111122223333:root\" or \"arn:aws:iam::111122223333:role/MyRole\".");
                return;
            }

            if (WildcardPattern.HasWildcards(value))
            {
                Error(offset, path, "WildcardInPrincipal", $"Principal \"{value}\" contains a wildcard; only \"*\" alone is allowed. Use \"*\" with an ArnLike condition on aws:PrincipalArn instead.");
                return;
            }

            var service = parts.Component(value, 2);
            var account = parts.Component(value, 4);
            var resource = parts.Component(value, 5);
            var valid = (service.SequenceEqual("iam") && (resource.SequenceEqual("root") || resource.StartsWith("user/") || resource.StartsWith("role/") || resource.StartsWith("federated-user/")))
                || (service.SequenceEqual("sts") && (resource.StartsWith("assumed-role/") || resource.StartsWith("federated-user/")));
            if (!Arn.IsAccountId(account))
            {
                Error(offset, path, "InvalidPrincipal", $"Principal ARN \"{value}\" must contain a 12-digit account id in its account field.");
            }
            else if (!valid)
            {
                var hint = resource.StartsWith("group/") ? " IAM groups cannot be principals; name the users or use a role." : string.Empty;
                Error(offset, path, "InvalidPrincipal", $"\"{value}\" is not a principal ARN. Use an account root (arn:aws:iam::ACCOUNT:root), a user, a role or an assumed-role session ARN.{hint}");
            }
        }

        private ImmutableArray<PolicyCondition> ReadConditions(JsonNodeAt node, string path, Effect? effect)
        {
            if (node is not JsonObjectAt obj)
            {
                Error(node.Offset, path, "WrongType", $"\"Condition\" must be an object such as {{\"StringEquals\": {{\"aws:PrincipalTag/team\": \"data\"}}}}, but it is {node.KindName}.");
                Fatal = true;
                return [];
            }

            var result = ImmutableArray.CreateBuilder<PolicyCondition>();
            var seenOperators = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in obj.Properties)
            {
                var opPath = $"{path}.{property.Name}";
                if (!seenOperators.Add(property.Name))
                {
                    Error(property.NameOffset, opPath, "DuplicateKey", $"Operator \"{property.Name}\" appears twice in this Condition; JSON keeps only one of them. Merge the two blocks.");
                }

                if (!ConditionOperator.TryParse(property.Name, out var op, out var problem, out var caseProblem))
                {
                    Error(property.NameOffset, opPath, "UnknownOperator", problem!);
                }
                else if (caseProblem)
                {
                    Error(property.NameOffset, opPath, "OperatorCase", $"Condition operators are case-sensitive: write \"{CanonicalSpelling(op!)}\" instead of \"{property.Name}\".");
                }

                if (property.Value is not JsonObjectAt block)
                {
                    Error(property.Value.Offset, opPath, "WrongType", $"The value of operator \"{property.Name}\" must be an object mapping condition keys to values, e.g. {{\"aws:SourceIp\": \"203.0.113.0/24\"}}, but it is {property.Value.KindName}.");
                    Fatal = true;
                    continue;
                }

                if (block.Properties.Count == 0)
                {
                    Error(block.Offset, opPath, "EmptyCondition", $"Operator \"{property.Name}\" has no condition keys. Add a key and value or remove the operator.");
                }

                if (op is { Set: SetQualifier.ForAllValues } && effect == Effect.Allow)
                {
                    Warning(property.NameOffset, opPath, "ForAllValuesWithAllow", "ForAllValues with Allow is also true when the key is missing or empty, which can grant more than intended. Add a Null condition requiring the key (\"Null\": {\"key\": \"false\"}), or use ForAnyValue.");
                }

                var seenKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var keyProperty in block.Properties)
                {
                    var keyPath = $"{opPath}.{keyProperty.Name}";
                    if (!seenKeys.Add(keyProperty.Name))
                    {
                        Error(keyProperty.NameOffset, keyPath, "DuplicateKey", $"Condition key \"{keyProperty.Name}\" appears twice under {property.Name} (keys are case-insensitive). Merge the values into one array.");
                    }

                    CheckConditionKey(keyProperty.Name, keyProperty.NameOffset, keyPath, op);
                    var values = ReadStringList(keyProperty.Value, keyPath, keyProperty.Name, allowScalars: true);
                    if (values is null)
                    {
                        continue;
                    }

                    foreach (var (value, offset, valuePath) in values)
                    {
                        CheckConditionValue(op, value, offset, valuePath);
                    }

                    result.Add(new PolicyCondition(op is null ? property.Name : CanonicalSpelling(op), keyProperty.Name, [.. values.Select(v => v.Value)]));
                }
            }

            return result.ToImmutable();
        }

        private static string CanonicalSpelling(ConditionOperator op)
        {
            var prefix = op.Set switch
            {
                SetQualifier.ForAllValues => "ForAllValues:",
                SetQualifier.ForAnyValue => "ForAnyValue:",
                _ => string.Empty,
            };
            return prefix + op.BaseName + (op.IfExists ? "IfExists" : string.Empty);
        }

        private void CheckConditionKey(string key, int offset, string path, ConditionOperator? op)
        {
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == key.Length - 1)
            {
                Error(offset, path, "InvalidConditionKey", $"Condition key \"{key}\" must have the form prefix:name, e.g. aws:SourceIp, s3:prefix or aws:PrincipalTag/team.");
                return;
            }

            if (key.Contains("${", StringComparison.Ordinal))
            {
                Error(offset, path, "VariableInConditionKey", $"Condition key \"{key}\" contains a policy variable; variables are allowed only in condition values. Write the key literally.");
                return;
            }

            if (op is { Set: not SetQualifier.None })
            {
                foreach (var single in SingleValuedKeyPrefixes)
                {
                    if (single.EndsWith('/') ? key.StartsWith(single, StringComparison.OrdinalIgnoreCase) : key.Equals(single, StringComparison.OrdinalIgnoreCase))
                    {
                        Suggestion(offset, path, "SetOperatorOnSingleValuedKey", $"\"{key}\" is single-valued; {op.Set} is meant for multivalued keys such as aws:TagKeys and can be overly permissive here. Use the operator without the {op.Set}: prefix.");
                        break;
                    }
                }
            }
        }

        private void CheckConditionValue(ConditionOperator? op, string value, int offset, ItemPath path)
        {
            if (op is null)
            {
                return;
            }

            if (PolicyVariables.ContainsVariable(value))
            {
                CheckVariables(value, offset, path);
                return;
            }

            switch (op.Family)
            {
                case ConditionFamily.Numeric when !ConditionValues.TryParseNumber(value, out _):
                    Error(offset, path, "InvalidNumber", $"\"{value}\" is not a number, but {op.BaseName} compares numbers. Write a number such as \"10\" or \"2.5\".");
                    break;
                case ConditionFamily.Date when !ConditionValues.TryParseDate(value, out _):
                    Error(offset, path, "InvalidDate", $"\"{value}\" is not a date, but {op.BaseName} compares dates. Use ISO 8601 such as \"2026-11-23T10:00:00Z\" (or with an offset like +02:00), or epoch seconds.");
                    break;
                case ConditionFamily.Bool or ConditionFamily.Null when !ConditionValues.TryParseBool(value, out _):
                    Error(offset, path, "InvalidBoolean", $"\"{value}\" is not a boolean, but {op.BaseName} expects \"true\" or \"false\".");
                    break;
                case ConditionFamily.IpAddress when !ConditionValues.TryParseCidr(value, out _):
                    Error(offset, path, "InvalidCidr", $"\"{value}\" is not an IP address or CIDR block. Use e.g. \"203.0.113.0/24\" or \"2001:db8::/32\" (prefix at most 32 for IPv4, 128 for IPv6).");
                    break;
                case ConditionFamily.Binary when !ConditionValues.IsBase64(value):
                    Error(offset, path, "InvalidBase64", $"\"{value}\" is not base64, but BinaryEquals compares base64-encoded values. Encode the bytes in base64.");
                    break;
                case ConditionFamily.Arn when value != "*" && !Arn.TrySplit(value, out _) && WildcardPattern.HasWildcards(value):
                    // A pattern such as "arn:aws:*" is stored by AWS; it only never matches an ARN. Warn, do not refuse.
                    Warning(offset, path, "ArnPatternNeverMatches", $"\"{value}\" is not a six-part ARN pattern, so {op.BaseName} never matches an ARN with it. Write every component, e.g. arn:aws:*:*:*:*.");
                    break;
                case ConditionFamily.Arn when value != "*" && !Arn.TrySplit(value, out _):
                    Error(offset, path, "InvalidArn", $"\"{value}\" is not an ARN, but {op.BaseName} compares ARNs. Use arn:partition:service:region:account:resource (wildcards allowed in ArnLike), or use a String operator.");
                    break;
            }
        }

        private void CheckVariables(string value, int offset, ItemPath path)
        {
            if (!PolicyVariables.ContainsVariable(value))
            {
                return;
            }

            if (version == PolicyVersion.Version2008)
            {
                Warning(offset, path, "VariableInOldVersion", $"\"{value}\" contains '${{', but this policy uses the 2008-10-17 rules where policy variables are literal text. Set \"Version\": \"2012-10-17\" to substitute variables.");
                return;
            }

            if (!PolicyVariables.TryParse(value, out _, out var problem))
            {
                Error(offset, path, "InvalidVariable", problem!);
            }
        }

        private void CheckRedundancy(PolicyDocument document, List<(JsonNodeAt Node, string Path)> nodes)
        {
            for (var i = 0; i < document.Statements.Length; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (SameStatement(document.Statements[i], document.Statements[j]))
                    {
                        Warning(nodes[i].Node.Offset, nodes[i].Path, "RedundantStatement", $"This statement repeats statement {document.Statements[j].Label} (same effect, principal, actions, resources and conditions). Remove one of them.");
                        break;
                    }
                }
            }
        }

        private static bool SameStatement(PolicyStatement a, PolicyStatement b) =>
            a.Effect == b.Effect
            && a.IsNotAction == b.IsNotAction && a.IsNotResource == b.IsNotResource && a.IsNotPrincipal == b.IsNotPrincipal
            && SameSet(a.Actions, b.Actions, StringComparer.OrdinalIgnoreCase)
            && SameSet(a.Resources, b.Resources, StringComparer.Ordinal)
            && SamePrincipal(a.Principal, b.Principal)
            && a.Conditions.Length == b.Conditions.Length
            && a.Conditions.All(c => b.Conditions.Any(d => d.Operator == c.Operator && string.Equals(d.Key, c.Key, StringComparison.OrdinalIgnoreCase) && SameSet(c.Values, d.Values, StringComparer.Ordinal)));

        private static bool SamePrincipal(PrincipalElement? a, PrincipalElement? b) =>
            (a is null && b is null)
            || (a is not null && b is not null && a.IsWildcard == b.IsWildcard
                && SameSet(a.Aws, b.Aws, StringComparer.Ordinal) && SameSet(a.Service, b.Service, StringComparer.Ordinal)
                && SameSet(a.Federated, b.Federated, StringComparer.Ordinal) && SameSet(a.CanonicalUser, b.CanonicalUser, StringComparer.Ordinal));

        private static bool SameSet(ImmutableArray<string> a, ImmutableArray<string> b, StringComparer comparer) =>
            new HashSet<string>(a, comparer).SetEquals(b);

        private ElementSet Elements(JsonObjectAt obj, string path, string[] known, string what, string knownList)
        {
            var result = new ElementSet(known);
            foreach (var property in obj.Properties)
            {
                var index = result.IndexOf(property.Name, StringComparison.Ordinal);
                if (index < 0)
                {
                    index = result.IndexOf(property.Name, StringComparison.OrdinalIgnoreCase);
                    if (index < 0)
                    {
                        Error(property.NameOffset, $"{path}.{property.Name}", "UnknownElement", $"Unknown {what} \"{property.Name}\". Allowed: {knownList}. Remove it or fix its spelling.");
                        continue;
                    }

                    Error(property.NameOffset, $"{path}.{property.Name}", "ElementCase", $"Element names are case-sensitive: write \"{known[index]}\" instead of \"{property.Name}\".");
                }

                if (!result.TrySet(index, property))
                {
                    Error(property.NameOffset, $"{path}.{property.Name}", "DuplicateKey", $"\"{known[index]}\" appears more than once here; only one would be used. Merge them into one element.");
                }
            }

            return result;
        }

        private void Error(int offset, string path, string code, string message) => Add(FindingSeverity.Error, offset, path, code, message);

        private void Warning(int offset, string path, string code, string message) => Add(FindingSeverity.Warning, offset, path, code, message);

        private void Suggestion(int offset, string path, string code, string message) => Add(FindingSeverity.Suggestion, offset, path, code, message);

        private void Add(FindingSeverity severity, int offset, string path, string code, string message)
        {
            var (line, column) = positions.Position(offset);
            Findings.Add(new PolicyFinding(severity, line, column, path, code, message));
        }

        /// <summary>A JSON path to a value or an array item, turned into text only when a finding needs it.</summary>
        private readonly record struct ItemPath(string Parent, int Index)
        {
            public override string ToString() => Index < 0 ? Parent : $"{Parent}[{Index.ToString(CultureInfo.InvariantCulture)}]";

            public static implicit operator string(ItemPath path) => path.ToString();
        }

        /// <summary>The known elements of one JSON object, found by name without a dictionary.</summary>
        private sealed class ElementSet(string[] names)
        {
            private readonly JsonPropertyAt?[] values = new JsonPropertyAt?[names.Length];

            public int IndexOf(string name, StringComparison comparison)
            {
                for (var i = 0; i < names.Length; i++)
                {
                    if (string.Equals(names[i], name, comparison))
                    {
                        return i;
                    }
                }

                return -1;
            }

            public bool TrySet(int index, JsonPropertyAt property)
            {
                if (values[index] is not null)
                {
                    return false;
                }

                values[index] = property;
                return true;
            }

            public bool TryGetValue(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JsonPropertyAt? property)
            {
                var index = IndexOf(name, StringComparison.Ordinal);
                property = index < 0 ? null : values[index];
                return property is not null;
            }
        }
    }
}
