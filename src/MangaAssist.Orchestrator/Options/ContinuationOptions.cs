using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Orchestrator.Options;

/// <summary>
/// How a broken answer is continued on a model that refuses assistant prefill: a new user turn quotes the end
/// of the text so far and asks the model to repeat it, then go on. Configuration section <c>Continuation</c>.
/// The wording is in the shopper's language; the route's system prompt (its persona) stays in force.
/// </summary>
public sealed class ContinuationOptions
{
    public const string SectionName = "Continuation";

    /// <summary>The instruction for a Japanese conversation; <c>{quote}</c> is replaced by the quoted end.</summary>
    [Required]
    public string JapanesePrompt { get; set; } = SystemPrompts.ContinueJapanese;

    /// <summary>The instruction for any other conversation; <c>{quote}</c> is replaced by the quoted end.</summary>
    [Required]
    public string EnglishPrompt { get; set; } = SystemPrompts.ContinueEnglish;

    /// <summary>Characters of the text so far that are quoted: enough to be unmistakable, short enough to repeat cheaply.</summary>
    /// <value>The default value is 60.</value>
    [Range(8, 1000)]
    public int QuoteLength { get; set; } = 60;
}
