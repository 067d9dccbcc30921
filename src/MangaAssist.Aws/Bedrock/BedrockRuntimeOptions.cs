using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Aws.Bedrock;

/// <summary>Bedrock Runtime client settings.</summary>
public sealed class BedrockRuntimeOptions
{
    /// <summary>AWS region; also the SigV4 scope region.</summary>
    /// <value>The default value is <c>us-east-1</c>.</value>
    [Required]
    public string Region { get; set; } = "us-east-1";

    /// <summary>Endpoint override, for example <c>http://127.0.0.1:8090</c> for the local emulator.</summary>
    /// <value>The default value is null: <c>https://bedrock-runtime.{Region}.amazonaws.com</c>.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>Model used when <c>ChatOptions.ModelId</c> is not set.</summary>
    /// <value>The default value is <c>anthropic.claude-3-5-sonnet-20240620-v1:0</c>.</value>
    [Required]
    public string DefaultModelId { get; set; } = "anthropic.claude-3-5-sonnet-20240620-v1:0";

    /// <summary>Embedding model used when <c>EmbeddingGenerationOptions.ModelId</c> is not set.</summary>
    /// <value>The default value is <c>amazon.titan-embed-text-v2:0</c>.</value>
    [Required]
    public string EmbeddingModelId { get; set; } = "amazon.titan-embed-text-v2:0";

    /// <summary>Embedding size used when <c>EmbeddingGenerationOptions.Dimensions</c> is not set: 256, 512 or 1024.</summary>
    /// <value>The default value is 1024.</value>
    [Range(256, 1024)]
    public int EmbeddingDimensions { get; set; } = 1024;

    /// <summary>Connections kept to the endpoint; size it for the number of concurrent streams.</summary>
    /// <value>The default value is 256.</value>
    [Range(1, 65535)]
    public int MaxConnections { get; set; } = 256;

    /// <summary>How long a pooled connection lives, so DNS changes are picked up.</summary>
    /// <value>The default value is 5 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an idle pooled connection is kept.</summary>
    /// <value>The default value is 1 minute.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PooledConnectionIdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>TCP + TLS connect timeout.</summary>
    /// <value>The default value is 3 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    internal Uri ResolveEndpoint() => Endpoint ?? new Uri($"https://bedrock-runtime.{Region}.amazonaws.com");
}
