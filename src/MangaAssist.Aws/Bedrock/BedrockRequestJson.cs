using System.Text.Encodings.Web;
using System.Text.Json;

namespace MangaAssist.Aws.Bedrock;

/// <summary>
/// How request bodies for Bedrock are written: text as UTF-8, not <c>\uXXXX</c> escapes. The default encoder escapes
/// every non-ASCII character, so a prompt with Japanese passages went out at twice its size — bytes that were then
/// hashed for SigV4 and sent. Nothing renders these bodies as HTML, so HTML-sensitive characters need no escaping
/// either; quotes, backslashes and control characters still are, as JSON requires.
/// </summary>
internal static class BedrockRequestJson
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
