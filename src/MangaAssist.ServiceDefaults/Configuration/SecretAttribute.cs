namespace MangaAssist.ServiceDefaults.Configuration;

/// <summary>The value of this setting never appears in a validation message, only its key.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class SecretAttribute : Attribute;
