using MangaAssist.Retrieval.Catalog;

namespace MangaAssist.Retrieval.Tests.Support;

/// <summary>Small hand-made catalogs for unit tests.</summary>
internal static class TestCatalog
{
    public static MangaProduct Product(
        string id,
        string title,
        string japaneseTitle,
        string author = "Sato Takeshi",
        string authorJa = "佐藤 武",
        string[]? genres = null,
        Demographic demographic = Demographic.Shonen,
        Availability availability = Availability.InStock,
        string synopsisEn = "A story.",
        string synopsisJa = "物語。") => new()
        {
            Id = id,
            Title = title,
            JapaneseTitle = japaneseTitle,
            Author = new MangaAuthor(author, authorJa),
            Genres = genres ?? ["action"],
            Demographic = demographic,
            Volumes = 3,
            Status = PublicationStatus.Ongoing,
            SynopsisEn = synopsisEn,
            SynopsisJa = synopsisJa,
            PriceJpy = 594,
            Url = "https://store.mangaassist.example/products/" + id,
            Availability = availability,
            SeriesId = "S-" + id,
            SeriesRole = SeriesRole.Original,
            FirstPublishedYear = 2020,
        };

    public static IReadOnlyList<MangaProduct> Small() =>
    [
        Product("MA-1", "Crimson Blade", "紅の刃", genres: ["action", "fantasy"], synopsisEn: "Haruto hunts the monsters that destroyed his hometown in Hokkaido.", synopsisJa: "北海道の雪の町で、陽翔は故郷を滅ぼした怪物を狩る。"),
        Product("MA-2", "Crimson Blade II", "紅の刃 II", genres: ["action", "fantasy"], synopsisEn: "Years later, Haruto returns to the north.", synopsisJa: "数年後、陽翔が帰ってくる。"),
        Product("MA-3", "Silent Kitchen", "静かなる厨房", author: "Mori Yuko", authorJa: "森 裕子", genres: ["cooking", "slice-of-life"], demographic: Demographic.Josei, synopsisEn: "Yui revives a failing ramen shop with a secret broth in Osaka.", synopsisJa: "大阪の古い商店街で、結衣は秘伝のスープで潰れかけのラーメン屋を立て直す。"),
        Product("MA-4", "Starry Letter", "星降る手紙", author: "Mori Yuko", authorJa: "森 裕子", genres: ["romance"], demographic: Demographic.Shojo, availability: Availability.OutOfStock, synopsisEn: "Aoi exchanges anonymous letters with a stranger in Kyoto.", synopsisJa: "桜の季節の京都で、葵は見知らぬ誰かと匿名の手紙を交わす。"),
        Product("MA-5", "Iron Pitcher", "鉄の投手", author: "Abe Koji", authorJa: "阿部 浩二", genres: ["sports"], demographic: Demographic.Shonen, availability: Availability.Preorder, synopsisEn: "Riku aims for the summer baseball championship at Koshien.", synopsisJa: "陸は夏の甲子園優勝を目指す。"),
        Product("MA-6", "Phantom Detective", "幻の探偵", author: "Abe Koji", authorJa: "阿部 浩二", genres: ["mystery"], demographic: Demographic.Seinen, synopsisEn: "Ren solves locked-room murders at a mountain hotel.", synopsisJa: "蓮は山奥のホテルで密室殺人を解く。"),
    ];
}
