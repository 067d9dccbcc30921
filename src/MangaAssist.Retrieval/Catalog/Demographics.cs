namespace MangaAssist.Retrieval.Catalog;

/// <summary>Display names of <see cref="Demographic"/> values.</summary>
public static class Demographics
{
    public static string English(Demographic demographic) => demographic switch
    {
        Demographic.Shonen => "shōnen",
        Demographic.Shojo => "shōjo",
        Demographic.Seinen => "seinen",
        Demographic.Josei => "josei",
        _ => "kodomo",
    };

    public static string Japanese(Demographic demographic) => demographic switch
    {
        Demographic.Shonen => "少年",
        Demographic.Shojo => "少女",
        Demographic.Seinen => "青年",
        Demographic.Josei => "女性",
        _ => "児童",
    };

    public static string AvailabilityEnglish(Availability availability) => availability switch
    {
        Availability.InStock => "in stock",
        Availability.LowStock => "low stock",
        Availability.Preorder => "pre-order",
        _ => "out of stock",
    };

    public static string AvailabilityJapanese(Availability availability) => availability switch
    {
        Availability.InStock => "在庫あり",
        Availability.LowStock => "残りわずか",
        Availability.Preorder => "予約受付中",
        _ => "在庫切れ",
    };

    public static string StatusEnglish(PublicationStatus status) => status switch
    {
        PublicationStatus.Ongoing => "ongoing",
        PublicationStatus.Completed => "completed",
        _ => "on hiatus",
    };

    public static string StatusJapanese(PublicationStatus status) => status switch
    {
        PublicationStatus.Ongoing => "連載中",
        PublicationStatus.Completed => "完結",
        _ => "休載中",
    };
}
