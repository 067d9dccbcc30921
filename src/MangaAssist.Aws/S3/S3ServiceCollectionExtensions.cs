using MangaAssist.Aws.Credentials;
using MangaAssist.ServiceDefaults.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MangaAssist.Aws.S3;

public static class S3ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IResultObjectStore"/> on S3 when <c>S3:Bucket</c> is set (options from <paramref name="section"/>);
    /// without a bucket nothing is registered and large results stay inline.
    /// </summary>
    public static IServiceCollection AddS3Results(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddValidatedOptions<S3ResultOptions>(section);
        if (!section.Get<S3ResultOptions>()?.IsConfigured ?? true)
        {
            return services;
        }

        services.TryAddSingleton(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<S3ResultOptions>>().Value;
            Amazon.Runtime.AWSCredentials credentials = options.AccessKeyId is { Length: > 0 } key
                ? new Amazon.Runtime.BasicAWSCredentials(key, options.SecretAccessKey)
                : new SdkCredentials(sp.GetRequiredService<IAwsCredentialsSource>());
            return new S3ResultObjectStore(S3ResultObjectStore.CreateClient(credentials, options), options);
        });
        services.TryAddSingleton<IResultObjectStore>(static sp => sp.GetRequiredService<S3ResultObjectStore>());
        services.AddHostedService<S3BucketStartup>();
        return services;
    }

    /// <summary>Makes the bucket at start-up when <see cref="S3ResultOptions.CreateBucket"/> asks for it.</summary>
    private sealed class S3BucketStartup(S3ResultObjectStore store, IOptions<S3ResultOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            options.Value.CreateBucket ? store.EnsureBucketAsync(cancellationToken) : Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
