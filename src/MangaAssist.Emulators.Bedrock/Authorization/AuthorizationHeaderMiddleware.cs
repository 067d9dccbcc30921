using MangaAssist.Emulators.Bedrock.Diagnostics;
using MangaAssist.Emulators.Bedrock.Errors;

namespace MangaAssist.Emulators.Bedrock.Authorization;

/// <summary>
/// Answers <c>403 AccessDeniedException</c> to model calls without an <c>Authorization</c> header, as Bedrock
/// does. Signatures are not verified: any SigV4 header (or any value) is accepted.
/// </summary>
internal static class AuthorizationHeaderMiddleware
{
    public static IApplicationBuilder UseAuthorizationHeaderRequirement(this IApplicationBuilder app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/model", StringComparison.Ordinal),
            branch => branch.Use(async (context, next) =>
            {
                if (!string.IsNullOrWhiteSpace(context.Request.Headers.Authorization))
                {
                    await next(context);
                    return;
                }

                context.RequestServices.GetRequiredService<EmulatorStats>().RequestRejected();
                await BedrockErrorWriter.WriteAsync(context, BedrockErrors.MissingAuthentication());
            }));
}
