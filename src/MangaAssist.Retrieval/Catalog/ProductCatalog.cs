using System.Text.Json;

namespace MangaAssist.Retrieval.Catalog;

/// <summary>The store's products, loaded once: from the catalog shipped inside this library, or from a JSON file.</summary>
public sealed class ProductCatalog
{
    internal const string ShippedResourceName = "MangaAssist.Retrieval.Data.catalog.json";

    private readonly Dictionary<string, MangaProduct> _byId;

    public ProductCatalog(IReadOnlyList<MangaProduct> products)
    {
        ArgumentNullException.ThrowIfNull(products);
        Products = products;
        _byId = new Dictionary<string, MangaProduct>(products.Count, StringComparer.Ordinal);
        foreach (var product in products)
        {
            if (!_byId.TryAdd(product.Id, product))
            {
                throw new InvalidDataException($"The catalog lists product '{product.Id}' twice.");
            }
        }
    }

    public IReadOnlyList<MangaProduct> Products { get; }

    public MangaProduct? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The catalog shipped with MangaAssist (embedded in this assembly; produced by <c>generate-catalog</c>).</summary>
    public static ProductCatalog LoadShipped()
    {
        using var stream = typeof(ProductCatalog).Assembly.GetManifestResourceStream(ShippedResourceName)
            ?? throw new InvalidOperationException($"The shipped catalog resource '{ShippedResourceName}' is missing from the assembly.");
        return Load(stream);
    }

    public static ProductCatalog LoadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    public static ProductCatalog Load(Stream json)
    {
        var products = JsonSerializer.Deserialize(json, CatalogJsonContext.Default.ListMangaProduct)
            ?? throw new InvalidDataException("The catalog JSON is empty.");
        return new ProductCatalog(products);
    }

    public static void Write(IReadOnlyList<MangaProduct> products, Stream destination) =>
        JsonSerializer.Serialize(destination, products as List<MangaProduct> ?? [.. products], CatalogJsonContext.Readable.ListMangaProduct);
}
