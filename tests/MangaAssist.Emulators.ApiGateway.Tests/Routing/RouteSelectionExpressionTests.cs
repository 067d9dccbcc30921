using System.Text;
using MangaAssist.Emulators.ApiGateway.Configuration;
using MangaAssist.Emulators.ApiGateway.Routing;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.ApiGateway.Tests.Routing;

public sealed class RouteSelectionExpressionTests
{
    [Theory]
    [InlineData("$request.body.action", """{"action":"sendMessage"}""", "sendMessage")]
    [InlineData("$request.body.a.b.c", """{"a":{"b":{"c":"deep"}}}""", "deep")]
    [InlineData("$request.body.action", """{"action":true}""", "true")]
    [InlineData("$request.body.action", """{"action":{"nested":1}}""", null)]
    [InlineData("$request.body.action", """{"other":"x"}""", null)]
    [InlineData("$request.body.a.b", """{"a":"not an object"}""", null)]
    [InlineData("$request.body.action", "{broken", null)]
    [InlineData("$request.body.action", "", null)]
    public void Evaluating_an_expression_reads_the_scalar_at_its_path(string expression, string body, string? expected)
    {
        RouteSelectionExpression.TryParse(expression, out var parsed).ShouldBeTrue();

        parsed!.Evaluate(Encoding.UTF8.GetBytes(body)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("$request.body.")]
    [InlineData("$request.body.a..b")]
    [InlineData("$request.header.action")]
    [InlineData("action")]
    public void Expressions_other_than_request_body_paths_are_refused(string expression) =>
        RouteSelectionExpression.TryParse(expression, out _).ShouldBeFalse();
}
