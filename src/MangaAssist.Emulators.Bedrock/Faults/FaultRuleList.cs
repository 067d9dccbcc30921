namespace MangaAssist.Emulators.Bedrock.Faults;

/// <summary>The body of <c>GET /_emulator/faults</c>: the rules in force, global first.</summary>
public sealed record FaultRuleList(IReadOnlyList<FaultRule> Rules);
