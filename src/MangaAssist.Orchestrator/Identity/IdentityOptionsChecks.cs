using MangaAssist.ServiceDefaults.Configuration;

namespace MangaAssist.Orchestrator.Identity;

/// <summary>The identity rules DataAnnotations cannot express: against the environment, and the key's form.</summary>
public static class IdentityOptionsChecks
{
    /// <summary>Outside Development the service needs a real issuer, and guests a key every instance shares.</summary>
    public static void Check(IdentityOptions options, IHostEnvironment environment, OptionsProblems problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(problems);
        if (options.Authority is null && !environment.IsDevelopment())
        {
            problems.Add(nameof(options.Authority), $"is required outside the Development environment (it is {environment.EnvironmentName}): the OIDC issuer URL, e.g. https://cognito-idp.{{region}}.amazonaws.com/{{poolId}}.");
        }

        if (options.Guests.Enabled && string.IsNullOrWhiteSpace(options.Guests.SigningKeyPem) && !environment.IsDevelopment())
        {
            problems.Add("Guests:SigningKeyPem", "is required when guests are enabled outside the Development environment: every instance must check the others' guest tokens.");
        }

        if (!string.IsNullOrWhiteSpace(options.Guests.SigningKeyPem))
        {
            try
            {
                GuestKeys.FromPem(options.Guests.SigningKeyPem).Dispose();
            }
            catch (ArgumentException)
            {
                problems.Add("Guests:SigningKeyPem", "is not an EC P-256 or RSA (2048+ bit) private key in PEM form.");
            }
        }
    }
}
