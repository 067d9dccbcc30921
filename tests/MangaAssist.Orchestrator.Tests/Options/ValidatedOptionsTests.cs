using System.ComponentModel.DataAnnotations;
using MangaAssist.ServiceDefaults.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Options;

/// <summary>The one options-validation helper every project uses (MangaAssist.ServiceDefaults).</summary>
public sealed class ValidatedOptionsTests
{
    [Fact]
    public void AddValidatedOptions_SeveralProblems_AreAllReportedAtStartUp_WithKeysAndValues()
    {
        using var provider = CreateSut(new()
        {
            ["Sample:Attempts"] = "0",
            ["Sample:Nested:Level"] = "99",
            ["Sample:Items:0:Level"] = "-1",
            ["Sample:Mode"] = "loud",
        });

        var failure = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        failure.Failures.Count().ShouldBe(4);
        failure.Failures.ShouldContain(f => f.StartsWith("Sample:Attempts: ", StringComparison.Ordinal) && f.EndsWith("(was 0).", StringComparison.Ordinal));
        failure.Failures.ShouldContain(f => f.StartsWith("Sample:Nested:Level: ", StringComparison.Ordinal) && f.EndsWith("(was 99).", StringComparison.Ordinal));
        failure.Failures.ShouldContain(f => f.StartsWith("Sample:Items:0:Level: ", StringComparison.Ordinal) && f.EndsWith("(was -1).", StringComparison.Ordinal));
        failure.Failures.ShouldContain("Sample:Mode: 'loud' must be quiet or normal.");
    }

    [Fact]
    public void Validate_NestedRange_IsEnforced()
    {
        var result = OptionsValidation.Validate(new SampleOptions { Nested = new SampleLevel { Level = 11 } }, "Sample");

        result.Failures.ShouldHaveSingleItem().ShouldStartWith("Sample:Nested:Level: ");
    }

    [Fact]
    public void Validate_MissingNestedObject_IsReported()
    {
        var result = OptionsValidation.Validate(new SampleOptions { Nested = null! }, "Sample");

        result.Failures.ShouldHaveSingleItem().ShouldBe("Sample:Nested: is required.");
    }

    [Fact]
    public void Validate_SecretSetting_IsNamedButItsValueIsNot()
    {
        var result = OptionsValidation.Validate(new SampleOptions { Password = "hunter2" }, "Sample");

        result.Failures.ShouldHaveSingleItem().ShouldStartWith("Sample:Password: ");
        result.FailureMessage.ShouldNotBeNull().ShouldNotContain("hunter2");
    }

    [Fact]
    public void AddOptionsCheck_ACheckThatNeedsAService_JoinsTheOtherFailures()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new SampleLimit(3));
        services.AddValidatedOptions<SampleOptions>(Configuration(new() { ["Sample:Attempts"] = "0", ["Sample:Items:0:Level"] = "1", ["Sample:Items:1:Level"] = "1", ["Sample:Items:2:Level"] = "1", ["Sample:Items:3:Level"] = "1" }), "Sample");
        services.AddOptionsCheck<SampleOptions, SampleLimit>("Sample", (options, limit, problems) =>
        {
            if (options.Items.Count > limit.MaxItems)
            {
                problems.Add(nameof(options.Items), $"holds {options.Items.Count} items, more than {limit.MaxItems}.");
            }
        });
        using var provider = services.BuildServiceProvider();

        var failure = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SampleOptions>>().Value);

        failure.Failures.Count().ShouldBe(2);
        failure.Failures.ShouldContain("Sample:Items: holds 4 items, more than 3.");
    }

    [Fact]
    public void AddValidatedOptions_ValidSettings_PassAndBind()
    {
        using var provider = CreateSut(new() { ["Sample:Attempts"] = "7", ["Sample:Nested:Level"] = "2" });

        provider.GetRequiredService<IStartupValidator>().Validate();

        provider.GetRequiredService<IOptions<SampleOptions>>().Value.Nested.Level.ShouldBe(2);
    }

    private static ServiceProvider CreateSut(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddValidatedOptions<SampleOptions>(Configuration(settings), "Sample", static (options, problems) =>
        {
            if (options.Mode is not ("quiet" or "normal"))
            {
                problems.Add(nameof(options.Mode), $"'{options.Mode}' must be quiet or normal.");
            }
        });
        return services.BuildServiceProvider();
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    public sealed class SampleOptions
    {
        [Range(1, 10)]
        public int Attempts { get; set; } = 3;

        public string Mode { get; set; } = "normal";

        [MaxLength(4)]
        [Secret]
        public string? Password { get; set; }

        public SampleLevel Nested { get; set; } = new();

        public List<SampleLevel> Items { get; set; } = [];
    }

    public sealed class SampleLevel
    {
        [Range(0, 10)]
        public int Level { get; set; } = 1;
    }

    public sealed record SampleLimit(int MaxItems);
}
