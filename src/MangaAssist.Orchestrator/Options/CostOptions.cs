using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Orchestrator.Options;

/// <summary>How <c>done.usage.cost</c> is shown. Configuration section <c>Cost</c>. Model prices are in the capability table (US dollars).</summary>
public sealed class CostOptions
{
    public const string SectionName = "Cost";

    /// <summary>ISO 4217 code of the currency shoppers see.</summary>
    /// <value>The default value is <c>JPY</c>.</value>
    [Required]
    [RegularExpression("^[A-Z]{3}$")]
    public string Currency { get; set; } = "JPY";

    /// <summary>Units of <see cref="Currency"/> per US dollar.</summary>
    /// <value>The default value is 150.</value>
    [Range(0.0001, 1_000_000)]
    public decimal PerUsd { get; set; } = 150m;

    /// <summary>Decimal places of the shown price.</summary>
    /// <value>The default value is 4 (a short answer costs a fraction of a yen).</value>
    [Range(0, 10)]
    public int Decimals { get; set; } = 4;

}
