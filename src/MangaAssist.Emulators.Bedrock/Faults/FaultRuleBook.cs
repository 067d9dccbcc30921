namespace MangaAssist.Emulators.Bedrock.Faults;

/// <summary>
/// The rules in force, one per model scope (the global one has none). A request uses the rule of the longest scope
/// its model id contains, else the global one; expired rules are dropped when next looked at. One lock guards
/// the rules and their seeded generators so draws stay repeatable.
/// </summary>
internal sealed class FaultRuleBook(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ActiveRule> _rules = new(StringComparer.Ordinal);

    /// <summary>Puts <paramref name="rule"/> in force for its scope, replacing the earlier one, and returns it as in force.</summary>
    public FaultRule Set(FaultRule rule)
    {
        var inForce = rule with { ExpiresAt = rule.DurationMs is { } ms ? time.GetUtcNow().AddMilliseconds(ms) : null };
        lock (_gate)
        {
            _rules[rule.Model ?? string.Empty] = new ActiveRule(inForce, rule.Seed is { } seed ? new Random(seed) : new Random());
        }

        return inForce;
    }

    public IReadOnlyList<FaultRule> InForce()
    {
        lock (_gate)
        {
            Prune();
            return _rules.Values.Select(r => r.Rule).OrderBy(r => r.Model, StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>Clears every rule, or only the one of scope <paramref name="model"/>; true when something was removed.</summary>
    public bool Clear(string? model)
    {
        lock (_gate)
        {
            if (model is not null)
            {
                return _rules.Remove(model);
            }

            var any = _rules.Count > 0;
            _rules.Clear();
            return any;
        }
    }

    /// <summary>The rule that applies to <paramref name="modelId"/>, if any.</summary>
    public FaultRule? Match(string modelId)
    {
        lock (_gate)
        {
            return Find(modelId)?.Rule;
        }
    }

    /// <summary>Draws the fault of one request to <paramref name="modelId"/> from the rule that applies to it.</summary>
    public FaultPlan? Draw(string modelId)
    {
        lock (_gate)
        {
            if (Find(modelId) is not { } active || !active.Rule.HasRates)
            {
                return null;
            }

            var rule = active.Rule;
            var roll = active.Random.NextDouble();
            foreach (var (kind, rate) in rule.Rates)
            {
                if (roll < rate)
                {
                    var after = active.Random.Next(rule.FaultAfterTokensMin, rule.FaultAfterTokensMax + 1);
                    return new FaultPlan(kind, after, FaultSource.Random, rule.RetryAfterSeconds);
                }

                roll -= rate;
            }

            return null;
        }
    }

    private ActiveRule? Find(string modelId)
    {
        Prune();
        ActiveRule? best = null;
        foreach (var (scope, active) in _rules)
        {
            if (scope.Length > 0 && modelId.Contains(scope, StringComparison.Ordinal) && scope.Length > (best?.Rule.Model?.Length ?? 0))
            {
                best = active;
            }
        }

        return best ?? _rules.GetValueOrDefault(string.Empty);
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (scope, active) in _rules)
        {
            if (active.Rule.ExpiresAt <= now)
            {
                _rules.Remove(scope);
            }
        }
    }

    private sealed record ActiveRule(FaultRule Rule, Random Random);
}
