using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace MangaAssist.ServiceDefaults.Configuration;

/// <summary>
/// Runs the DataAnnotations of an options object and of every options object it holds, directly or in a
/// list or dictionary, so that a <c>[Range]</c> on a nested setting is enforced like one at the top.
/// </summary>
internal static class DataAnnotationsWalker
{
    // Deep enough for any options tree here; a cycle would otherwise recurse forever.
    private const int MaxDepth = 8;

    public static void Validate(object options, string key, OptionsProblems problems) => Walk(options, key, problems, depth: 0);

    private static void Walk(object options, string key, OptionsProblems problems, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is not { IsPublic: true })
            {
                continue;
            }

            var value = property.GetValue(options);
            var propertyKey = Join(key, property.Name);
            CheckAttributes(options, property, value, propertyKey, problems);
            if (value is null)
            {
                if (IsOptionsType(property.PropertyType) && !IsNullable(property))
                {
                    problems.AddAtKey(propertyKey, "is required.");
                }

                continue;
            }

            WalkValue(value, propertyKey, problems, depth);
        }
    }

    private static void WalkValue(object value, string key, OptionsProblems problems, int depth)
    {
        if (IsOptionsType(value.GetType()))
        {
            Walk(value, key, problems, depth + 1);
        }
        else if (value is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                if (entry.Value is { } item && IsOptionsType(item.GetType()))
                {
                    Walk(item, Join(key, Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""), problems, depth + 1);
                }
            }
        }
        else if (value is IEnumerable items and not string)
        {
            var index = 0;
            foreach (var item in items)
            {
                if (item is not null && IsOptionsType(item.GetType()))
                {
                    Walk(item, Join(key, index.ToString(CultureInfo.InvariantCulture)), problems, depth + 1);
                }

                index++;
            }
        }
    }

    private static void CheckAttributes(object owner, PropertyInfo property, object? value, string key, OptionsProblems problems)
    {
        var attributes = property.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray();
        if (attributes.Length == 0)
        {
            return;
        }

        var context = new ValidationContext(owner) { MemberName = property.Name, DisplayName = property.Name };
        var secret = property.IsDefined(typeof(SecretAttribute), inherit: true);
        foreach (var attribute in attributes)
        {
            if (attribute.GetValidationResult(value, context) is { ErrorMessage: { } message })
            {
                problems.AddAtKey(key, secret ? message : $"{message.TrimEnd('.')} (was {Describe(value)}).");
            }
        }
    }

    /// <summary>Types of this code base hold settings; framework types (string, Uri, TimeSpan…) are values.</summary>
    private static bool IsOptionsType(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type)
        && type.Namespace is { } ns && !ns.StartsWith("System", StringComparison.Ordinal) && !ns.StartsWith("Microsoft", StringComparison.Ordinal);

    private static bool IsNullable(PropertyInfo property) =>
        new NullabilityInfoContext().Create(property).ReadState == NullabilityState.Nullable;

    private static string Join(string key, string member) => key.Length == 0 ? member : $"{key}:{member}";

    private static string Describe(object? value) => value switch
    {
        null => "empty",
        string text => $"'{text}'",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => $"'{value}'",
    };
}
