namespace MangaAssist.Emulators.OpenSearch.Tests.Api;

public class StartupTests
{
    [Fact]
    public void Create_InProduction_Refuses() =>
        Should.Throw<OpenSearchEmulatorRefusedException>(() => OpenSearchEmulatorApp.Create(["--environment", "Production"]))
            .Message.ShouldContain("Retrieval:OpenSearch:Endpoint");

    [Fact]
    public void DefaultUrl_IsOpenSearchsPortOnLoopback() => OpenSearchEmulatorApp.DefaultUrl.ShouldBe("http://127.0.0.1:9200");
}
