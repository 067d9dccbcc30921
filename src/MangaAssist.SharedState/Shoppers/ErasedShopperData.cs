namespace MangaAssist.SharedState.Shoppers;

/// <summary>What a shopper's <c>forget</c> deleted: how many items of each kind (<see cref="ShopperKeys.Kinds"/>).</summary>
public sealed record ErasedShopperData(IReadOnlyDictionary<string, int> DeletedByKind)
{
    public int Total => DeletedByKind.Values.Sum();
}
