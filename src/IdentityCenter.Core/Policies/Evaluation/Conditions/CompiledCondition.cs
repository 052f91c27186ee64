using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Core.Policies.Matching;

namespace IdentityCenter.Core.Policies.Evaluation.Conditions;

/// <summary>
/// One condition key test, compiled: policy values pre-parsed to numbers, dates, CIDR blocks or booleans.
/// Semantics follow AWS: multiple values are OR; a negated operator is true when the request value
/// matches none of them; a missing key makes positive operators false and negated operators, IfExists
/// and ForAllValues true; ForAnyValue is false on a missing or empty key; Null tests presence.
/// </summary>
internal sealed class CompiledCondition
{
    private readonly PolicyValue[] values;

    public CompiledCondition(PolicyCondition condition, PolicyVersion version)
    {
        ArgumentNullException.ThrowIfNull(condition);
        Source = condition;
        Key = condition.Key;
        var op = ConditionOperator.TryParse(condition.Operator, out var parsed, out _, out _) ? parsed : null;
        Operator = op;
        values = new PolicyValue[condition.Values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var text = CompiledText.Create(condition.Values[i], version);
            values[i] = text.HasVariables || op is null ? new PolicyValue(text) : PolicyValue.Parse(text, text.Literal, op.Family);
            HasVariables |= text.HasVariables;
        }
    }

    public PolicyCondition Source { get; }

    public string Key { get; }

    /// <summary>Null for an unknown operator: the condition is never true.</summary>
    public ConditionOperator? Operator { get; }

    public bool HasVariables { get; }

    public bool Evaluate(RequestContext context, List<string>? missingKeys)
    {
        var op = Operator;
        if (op is null)
        {
            return false;
        }

        var present = context.TryGetValue(Key, out var requestValue) && requestValue.Count > 0;
        if (op.Family == ConditionFamily.Null)
        {
            // Null: "true" asks for an absent key, "false" for a present one.
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i].IsValid && values[i].Bool == !present)
                {
                    return true;
                }
            }

            return false;
        }

        if (!present)
        {
            var emptySet = context.TryGetValue(Key, out var maybeEmpty) && maybeEmpty.IsMultivalued;
            if (!emptySet)
            {
                missingKeys?.Add(Key);
            }

            return op.Set switch
            {
                SetQualifier.ForAllValues => true,
                SetQualifier.ForAnyValue => op.IfExists,
                _ => op.IfExists || op.Negated,
            };
        }

        switch (op.Set)
        {
            case SetQualifier.ForAllValues:
                for (var i = 0; i < requestValue.Count; i++)
                {
                    if (!MatchesOne(op, requestValue[i], context, missingKeys))
                    {
                        return false;
                    }
                }

                return true;
            case SetQualifier.ForAnyValue:
                for (var i = 0; i < requestValue.Count; i++)
                {
                    if (MatchesOne(op, requestValue[i], context, missingKeys))
                    {
                        return true;
                    }
                }

                return false;
            default:
                if (op.Negated)
                {
                    // True only if no request value matches any policy value.
                    for (var i = 0; i < requestValue.Count; i++)
                    {
                        if (!MatchesOne(op, requestValue[i], context, missingKeys))
                        {
                            return false;
                        }
                    }

                    return true;
                }

                for (var i = 0; i < requestValue.Count; i++)
                {
                    if (MatchesOne(op, requestValue[i], context, missingKeys))
                    {
                        return true;
                    }
                }

                return false;
        }
    }

    /// <summary>The operator applied to one request value: positive = matches any policy value; negated = matches none.</summary>
    private bool MatchesOne(ConditionOperator op, string requestValue, RequestContext context, List<string>? missingKeys)
    {
        var outcome = MatchesAnyPolicyValue(op, requestValue, context, missingKeys, out var unresolvable);
        if (!op.Negated)
        {
            return outcome;
        }

        // A policy value whose variable cannot be resolved makes a negated test unmatchable.
        return !outcome && !unresolvable;
    }

    private bool MatchesAnyPolicyValue(ConditionOperator op, string requestValue, RequestContext context, List<string>? missingKeys, out bool unresolvable)
    {
        unresolvable = false;
        switch (op.Family)
        {
            case ConditionFamily.Numeric:
                {
                    if (!ConditionValues.TryParseNumber(requestValue, out var number))
                    {
                        return false;
                    }

                    for (var i = 0; i < values.Length; i++)
                    {
                        var v = Resolve(i, op, context, missingKeys, ref unresolvable);
                        if (v.IsValid && Compare(number.CompareTo(v.Number), op.Comparison))
                        {
                            return true;
                        }
                    }

                    return false;
                }

            case ConditionFamily.Date:
                {
                    if (!ConditionValues.TryParseDate(requestValue, out var ticks))
                    {
                        return false;
                    }

                    for (var i = 0; i < values.Length; i++)
                    {
                        var v = Resolve(i, op, context, missingKeys, ref unresolvable);
                        if (v.IsValid && Compare(ticks.CompareTo(v.Date), op.Comparison))
                        {
                            return true;
                        }
                    }

                    return false;
                }

            case ConditionFamily.Bool:
                {
                    if (!ConditionValues.TryParseBool(requestValue, out var flag))
                    {
                        return false;
                    }

                    for (var i = 0; i < values.Length; i++)
                    {
                        var v = Resolve(i, op, context, missingKeys, ref unresolvable);
                        if (v.IsValid && v.Bool == flag)
                        {
                            return true;
                        }
                    }

                    return false;
                }

            case ConditionFamily.IpAddress:
                {
                    if (!ConditionValues.TryParseIp(requestValue, out var ip))
                    {
                        return false;
                    }

                    for (var i = 0; i < values.Length; i++)
                    {
                        var v = Resolve(i, op, context, missingKeys, ref unresolvable);
                        if (v.IsValid && v.Block.Contains(ip))
                        {
                            return true;
                        }
                    }

                    return false;
                }

            default:
                {
                    var forPattern = op.Comparison == Comparison.Like;
                    for (var i = 0; i < values.Length; i++)
                    {
                        var text = values[i].Text;
                        if (!text.TryResolve(context, forPattern, missingKeys, out var resolved))
                        {
                            unresolvable |= text.HasVariables;
                            continue;
                        }

                        var match = op.Family switch
                        {
                            ConditionFamily.Text when forPattern => WildcardPattern.IsMatch(resolved, requestValue, ignoreCase: false),
                            ConditionFamily.Text => WildcardPattern.LiteralEquals(resolved, requestValue, ignoreCase: false),
                            ConditionFamily.TextIgnoreCase => WildcardPattern.LiteralEquals(resolved, requestValue, ignoreCase: true),
                            ConditionFamily.Arn => Arn.IsMatch(resolved, requestValue),
                            ConditionFamily.Binary => string.Equals(resolved, requestValue, StringComparison.Ordinal),
                            _ => false,
                        };
                        if (match)
                        {
                            return true;
                        }
                    }

                    return false;
                }
        }
    }

    private PolicyValue Resolve(int index, ConditionOperator op, RequestContext context, List<string>? missingKeys, ref bool unresolvable)
    {
        var value = values[index];
        if (!value.Text.HasVariables)
        {
            return value;
        }

        if (!value.Text.TryResolve(context, forPattern: false, missingKeys, out var resolved))
        {
            unresolvable = true;
            return default;
        }

        return PolicyValue.Parse(value.Text, resolved, op.Family);
    }

    private static bool Compare(int order, Comparison comparison) => comparison switch
    {
        Comparison.Equals => order == 0,
        Comparison.LessThan => order < 0,
        Comparison.LessThanEquals => order <= 0,
        Comparison.GreaterThan => order > 0,
        Comparison.GreaterThanEquals => order >= 0,
        _ => false,
    };

    /// <summary>A policy value with its typed form pre-parsed for its operator family.</summary>
    private readonly struct PolicyValue
    {
        public PolicyValue(CompiledText text)
        {
            Text = text;
        }

        private PolicyValue(CompiledText text, bool isValid, double number, long date, bool flag, IpBlock block)
        {
            Text = text;
            IsValid = isValid;
            Number = number;
            Date = date;
            Bool = flag;
            Block = block;
        }

        public CompiledText Text { get; }

        public bool IsValid { get; }

        public double Number { get; }

        public long Date { get; }

        public bool Bool { get; }

        public IpBlock Block { get; }

        public static PolicyValue Parse(CompiledText text, string resolved, ConditionFamily family)
        {
            switch (family)
            {
                case ConditionFamily.Numeric:
                    return ConditionValues.TryParseNumber(resolved, out var n) ? new PolicyValue(text, true, n, 0, false, default) : new PolicyValue(text);
                case ConditionFamily.Date:
                    return ConditionValues.TryParseDate(resolved, out var d) ? new PolicyValue(text, true, 0, d, false, default) : new PolicyValue(text);
                case ConditionFamily.Bool:
                case ConditionFamily.Null:
                    return ConditionValues.TryParseBool(resolved, out var b) ? new PolicyValue(text, true, 0, 0, b, default) : new PolicyValue(text);
                case ConditionFamily.IpAddress:
                    return ConditionValues.TryParseCidr(resolved, out var block) ? new PolicyValue(text, true, 0, 0, false, block) : new PolicyValue(text);
                default:
                    return new PolicyValue(text, text.IsValid, 0, 0, false, default);
            }
        }
    }
}
