namespace MangaAssist.Emulators.ApiGateway.Kernel;

/// <summary>An <c>@connections</c> error the way API Gateway sends it: status, <c>x-amzn-ErrorType</c> and <c>{"message": …}</c>.</summary>
internal sealed record ManagementError(int Status, string Type, string Message) : IResult
{
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    public static ManagementError Gone(string connectionId) =>
        new(StatusCodes.Status410Gone, "GoneException", $"Connection {connectionId} is gone.");

    public static ManagementError PayloadTooLarge(int limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "PayloadTooLargeException", $"Message too long: the limit is {limit} bytes.");

    public static ManagementError LimitExceeded { get; } =
        new(StatusCodes.Status429TooManyRequests, "LimitExceededException", "Rate exceeded");

    public static ManagementError InternalServerError { get; } =
        new(StatusCodes.Status500InternalServerError, "InternalServerErrorException", "Internal server error");

    public static ManagementError MissingAuthenticationToken { get; } =
        new(StatusCodes.Status403Forbidden, "ForbiddenException", "Missing Authentication Token");

    public static ManagementError MalformedAuthorization { get; } = new(
        StatusCodes.Status403Forbidden,
        "ForbiddenException",
        "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' for AWS4-HMAC-SHA256 and service execute-api.");

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers[ErrorTypeHeader] = Type;
        return Results.Json(new { message = Message }, statusCode: Status).ExecuteAsync(httpContext);
    }
}
