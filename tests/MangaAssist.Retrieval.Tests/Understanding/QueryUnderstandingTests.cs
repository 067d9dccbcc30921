using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Text;
using MangaAssist.Retrieval.Understanding;

namespace MangaAssist.Retrieval.Tests.Understanding;

public class QueryUnderstandingTests
{
    private static UnderstoodQuery Parse(string text) => QueryUnderstanding.Parse(TextNormalizer.Normalize(text));

    private static uint Bit(string genre) => 1u << Genres.IndexOf(genre);

    [Fact]
    public void CompletedSeinenHorrorUnderTenVolumes_IsOnlyConstraints()
    {
        var query = Parse("completed seinen horror under 10 volumes");

        query.HasContent.ShouldBeFalse();
        query.Effective.Status.ShouldBe(PublicationStatus.Completed);
        query.Effective.MaxVolumes.ShouldBe(9);
        query.Effective.RequiredGenres.ShouldBe(Bit("horror"));
        query.Effective.Demographics.ShouldBe(1u << (int)Demographic.Seinen);
    }

    [Theory]
    [InlineData("manga from the 90s", 1990, 1999)]
    [InlineData("SF from the 2010s", 2010, 2019)]
    [InlineData("90年代のSF漫画", 1990, 1999)]
    [InlineData("2015年以降に始まったホラー", 2015, int.MaxValue)]
    [InlineData("mystery published after 2020", 2021, int.MaxValue)]
    [InlineData("romance before 2000", 0, 1999)]
    public void Years_AndDecades(string text, int min, int max)
    {
        var query = Parse(text);

        query.Hard.MinYear.ShouldBe(min);
        query.Hard.MaxYear.ShouldBe(max);
    }

    [Theory]
    [InlineData("short josei romance, 5 volumes or less", 0, 5)]
    [InlineData("完結済みの女性恋愛漫画、10巻以内", 0, 10)]
    [InlineData("action between 3 and 8 volumes", 3, 8)]
    [InlineData("long sports series over 20 volumes", 21, int.MaxValue)]
    public void VolumeRanges(string text, int min, int max)
    {
        var query = Parse(text);

        query.Hard.MinVolumes.ShouldBe(min);
        query.Hard.MaxVolumes.ShouldBe(max);
    }

    [Theory]
    [InlineData("comedy under 700 yen", 699)]
    [InlineData("comedy under ¥700", 699)]
    [InlineData("700円以下のコメディ", 700)]
    public void Prices(string text, int max) => Parse(text).Hard.MaxPrice.ShouldBe(max);

    [Fact]
    public void JapaneseStatusStockAndAudience()
    {
        var ongoing = Parse("連載中のSFで在庫あり");
        ongoing.HasContent.ShouldBeFalse();
        ongoing.Effective.Status.ShouldBe(PublicationStatus.Ongoing);
        ongoing.Effective.RequiredGenres.ShouldBe(Bit("sci-fi"));
        ongoing.Effective.Availability.ShouldBe((1u << (int)Availability.InStock) | (1u << (int)Availability.LowStock));

        var kids = Parse("子供向けの冒険漫画");
        kids.HasContent.ShouldBeFalse();
        kids.Effective.Demographics.ShouldBe(1u << (int)Demographic.Kodomo);
        kids.Effective.RequiredGenres.ShouldBe(Bit("adventure"));
    }

    [Fact]
    public void ATitleAskedAboutStock_KeepsItsTextAndIsNotFilteredByStock()
    {
        var query = Parse("is Crimson Blade in stock?");

        query.HasContent.ShouldBeTrue();
        query.Effective.IsEmpty.ShouldBeTrue();
        query.Text.ShouldContain("crimson blade");
    }

    [Fact]
    public void GenreWordsInAStoryDescription_BoostButDoNotFilter()
    {
        var query = Parse("a horror manga about a cursed doll in Kyoto");

        query.HasContent.ShouldBeTrue();
        query.Soft.RequiredGenres.ShouldBe(Bit("horror"));
        query.Effective.RequiredGenres.ShouldBe(0u);
    }

    [Theory]
    [InlineData("a piano competition comeback, takes place in Hokkaido, music")]
    [InlineData("a late-night diner story that took place in Nara")]
    public void TakesPlace_IsRequestPhrasing_NotStoryWords(string text)
    {
        var searched = Parse(text).Text;

        searched.ShouldNotContain("place");
        searched.ShouldNotContain("takes");
        searched.ShouldContain(text.Contains("Nara", StringComparison.Ordinal) ? "nara" : "hokkaido");
    }

    [Fact]
    public void LoveTriangleInJapanese_BecomesTheSynopsisWords_InTheIndexedForm()
    {
        // The index holds katakana folded to hiragana; the replacement must be written the same way to match.
        var searched = Parse("幼なじみとの三角関係の話").Text;

        searched.ShouldContain("らいばるに恋");
        searched.ShouldNotContain("三角関係");
    }

    [Theory]
    [InlineData("a story where he is wrongly accused and a fugitive", "framed for a crime", "accused")]
    [InlineData("saving a ramen shop in a floating sky city", "revive a ramen shop", "saving")]
    [InlineData("saving a ramen shop in a floating sky city", "city above the clouds", "sky")]
    [InlineData("a city secretly ruled by an AI", "run by an artificial intelligence", "ruled")]
    [InlineData("冤罪の逃亡劇", "無実の罪", "冤罪")]
    [InlineData("幻の島を目指す航海", "海を渡る", "航海")]
    [InlineData("ラーメン屋の再建", "立て直す", "再建")]
    [InlineData("ロックバンド結成", "を組む", "結成")]
    public void ParaphraseFamilies_BecomeTheWordsTheSynopsesUse(string question, string contained, string replaced)
    {
        var searched = Parse(question).Text;

        searched.ShouldContain(contained);
        searched.ShouldNotContain(replaced);
    }

    [Theory]
    [InlineData("do you have Ai no Uta")]
    [InlineData("a manga to save a friend from a fox god")]
    public void WordsOutsideTheirFamilyContext_StayAsTyped(string question) =>
        Parse(question).Text.ShouldBe(TextNormalizer.Normalize(question));

    [Theory]
    [InlineData("any fantasy manga set in Nara about a contract with a forest spirit?", "nara")]
    [InlineData("a contract with a forest spirit, takes place in Kamakura, fantasy", "kamakura")]
    [InlineData("I want a story where a pitcher deals with a late-night diner in Nara", "nara")]
    [InlineData("舞台は沖縄、ロックバンドがテーマの作品", "沖縄")]
    [InlineData("大阪を舞台にしたラーメン屋の漫画ある？", "大阪")]
    [InlineData("少年が主人公で月面が舞台の漫画", "月面")]
    [InlineData("in Osaka, a boy who can see ghosts hides a talking cat", "osaka")]
    [InlineData("温泉街で元アイドルが活躍する作品", "温泉街")]
    public void AMarkedSetting_IsSearchedTwice(string question, string setting)
    {
        var searched = Parse(question).Text;

        Occurrences(searched, setting).ShouldBe(2);
    }

    [Fact]
    public void ASettingAfter舞台は_EndsAtで_SoTheHeroThatFollowsIsSearchedOnce()
    {
        var searched = Parse("舞台は名古屋で主人公は王子、剣道の話").Text;

        Occurrences(searched, "名古屋").ShouldBe(2);
        Occurrences(searched, "王子").ShouldBe(1);
    }

    [Fact]
    public void AStoryWithoutAMarkedSetting_IsSearchedOnce()
    {
        var searched = Parse("a story about a cursed doll and a lonely ghost").Text;

        Occurrences(searched, "doll").ShouldBe(1);
        Occurrences(searched, "ghost").ShouldBe(1);
    }

    private static int Occurrences(string text, string word)
    {
        var count = 0;
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
