// A small client for Tessera's local token service (.NET 6+, no packages).
//
//   var tessera = new TesseraClient("Till 1", accessKey: "tsk_...");
//   using var http = new HttpClient(new TesseraAuthHandler(tessera) { InnerHandler = new HttpClientHandler() });
//   var response = await http.PostAsync("https://api.provider.example/receipts", content);
//
// The handler adds "Authorization: Bearer <token>" to every request and, when the provider
// answers 401, tells Tessera the token was rejected and sends the request once more with the
// token Tessera obtains in its place.
//
// Every connection to Tessera is checked before the access key goes out on it (GET /v1/hello):
// another program may have taken the port. If it cannot prove it is Tessera, TesseraException
// with Code "not_tessera" is thrown and the key is never sent.
using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

public sealed class TesseraException : Exception
{
    public HttpStatusCode Status { get; }
    public string Code { get; }
    public TimeSpan? RetryAfter { get; }

    public TesseraException(HttpStatusCode status, string code, string message, TimeSpan? retryAfter)
        : base($"{(int)status} {code}: {message}")
    {
        Status = status;
        Code = code;
        RetryAfter = retryAfter;
    }
}

public sealed class TesseraClient
{
    private readonly HttpClient _http;
    private readonly string _profilePath;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTimeOffset _expiresAt;

    /// <param name="verify">Leave on: only a program holding the key's hash can answer the check.</param>
    public TesseraClient(string profile, string accessKey, string baseUrl = "http://127.0.0.1:7478", bool verify = true)
    {
        var handler = new SocketsHttpHandler();
        if (verify) handler.ConnectCallback = (context, cancel) => ConnectVerifiedAsync(context, accessKey, cancel);
        _http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessKey);
        _profilePath = "v1/profiles/" + Uri.EscapeDataString(profile);
    }

    /// <summary>What Tessera must answer for this key: HMAC-SHA256 keyed with SHA-256(access key), base64url.</summary>
    public static string HelloProof(string accessKey, string nonce, string address, int port)
    {
        var secret = SHA256.HashData(Encoding.UTF8.GetBytes(accessKey));
        var mac = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"tessera-hello-v1\n{nonce}\n{address}\n{port}"));
        return Base64Url(mac);
    }

    /// <summary>Opens a connection and proves, before HttpClient sends anything on it, that Tessera answers there.</summary>
    private static async ValueTask<Stream> ConnectVerifiedAsync(SocketsHttpConnectionContext context, string accessKey, CancellationToken cancel)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancel);
            var stream = new NetworkStream(socket, ownsSocket: true);
            // The address and port this socket actually reached: a proof for any other (a relay
            // passing the question on to the real Tessera elsewhere) does not count.
            var remote = (IPEndPoint)socket.RemoteEndPoint!;
            var address = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
            var nonce = Base64Url(RandomNumberGenerator.GetBytes(24));
            var host = context.DnsEndPoint.Host.Contains(':') ? $"[{context.DnsEndPoint.Host}]" : context.DnsEndPoint.Host;
            var hello = Encoding.ASCII.GetBytes($"GET /v1/hello?nonce={nonce} HTTP/1.1\r\nHost: {host}:{context.DnsEndPoint.Port}\r\n\r\n");
            await stream.WriteAsync(hello, cancel);
            var (status, body) = await ReadResponseAsync(stream, cancel);
            if (status != 200 || !HasProof(body, HelloProof(accessKey, nonce, address.ToString(), remote.Port)))
            {
                throw new TesseraException(0, "not_tessera",
                    $"The program answering at {host}:{remote.Port} could not prove it is Tessera holding this key " +
                    "(another program holds the port, or the key was revoked or mistyped); the key was not sent.", null);
            }
            return stream;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>One HTTP/1.1 answer with a Content-Length, read without consuming a byte more.</summary>
    private static async Task<(int Status, byte[] Body)> ReadResponseAsync(Stream stream, CancellationToken cancel)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (head.Count >= 8192 || await stream.ReadAsync(one, cancel) == 0) return (0, Array.Empty<byte>());
            head.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n");
        var statusLine = lines[0].Split(' ');
        if (statusLine.Length < 2 || !int.TryParse(statusLine[1], out var status)) return (0, Array.Empty<byte>());
        var length = -1;
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                int.TryParse(line[(colon + 1)..].Trim(), out length);
        }
        if (length < 0 || length > 65536) return (0, Array.Empty<byte>());
        var body = new byte[length];
        for (var read = 0; read < length;)
        {
            var n = await stream.ReadAsync(body.AsMemory(read), cancel);
            if (n == 0) return (0, Array.Empty<byte>());
            read += n;
        }
        return (status, body);
    }

    private static bool HasProof(byte[] body, string expected)
    {
        var want = Encoding.ASCII.GetBytes(expected);
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object ||
                !doc.RootElement.TryGetProperty("proofs", out var proofs) || proofs.ValueKind != JsonValueKind.Array) return false;
            foreach (var proof in proofs.EnumerateArray())
            {
                if (proof.ValueKind == JsonValueKind.String &&
                    CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(proof.GetString()!), want)) return true;
            }
        }
        catch (JsonException) { }
        return false;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A token valid for at least Tessera's margin (60 s by default), reused while it lasts.</summary>
    public async Task<string> GetTokenAsync(CancellationToken cancel = default)
    {
        await _lock.WaitAsync(cancel);
        try
        {
            if (_token is null || DateTimeOffset.UtcNow >= _expiresAt.AddSeconds(-30))
                Remember(await SendAsync(new HttpRequestMessage(HttpMethod.Get, _profilePath + "/token"), cancel));
            return _token!;
        }
        finally { _lock.Release(); }
    }

    /// <summary>The provider answered 401 to <paramref name="rejectedToken"/>: get the renewed token.</summary>
    public async Task<string> InvalidateAsync(string rejectedToken, CancellationToken cancel = default)
    {
        await _lock.WaitAsync(cancel);
        try
        {
            var request = new HttpRequestMessage(HttpMethod.Post, _profilePath + "/token/invalidate")
            {
                Content = JsonContent.Create(new { access_token = rejectedToken }),
            };
            Remember(await SendAsync(request, cancel));
            return _token!;
        }
        finally { _lock.Release(); }
    }

    private void Remember(TokenResponse body)
    {
        _token = body.AccessToken;
        _expiresAt = DateTimeOffset.UtcNow.AddSeconds(body.ExpiresIn);
    }

    private async Task<TokenResponse> SendAsync(HttpRequestMessage request, CancellationToken cancel)
    {
        HttpResponseMessage sent;
        try { sent = await _http.SendAsync(request, cancel); }
        // HttpClient wraps what the connect callback threw; the caller wants Tessera's own error.
        catch (HttpRequestException e) when (e.InnerException is TesseraException notTessera) { throw notTessera; }
        using var response = sent;
        if (response.IsSuccessStatusCode)
            return (await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken: cancel))!;
        ErrorBody? error = null;
        try { error = await response.Content.ReadFromJsonAsync<ErrorBody>(cancellationToken: cancel); } catch { }
        throw new TesseraException(response.StatusCode, error?.Error?.Code ?? "unexpected",
            error?.Error?.Message ?? response.ReasonPhrase ?? "", response.Headers.RetryAfter?.Delta);
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    private sealed record ErrorBody([property: JsonPropertyName("error")] ErrorDetail? Error);

    private sealed record ErrorDetail(
        [property: JsonPropertyName("code")] string Code,
        [property: JsonPropertyName("message")] string Message);
}

/// <summary>Adds the token to provider requests and handles the 401 -> invalidate -> retry loop.</summary>
public sealed class TesseraAuthHandler : DelegatingHandler
{
    private readonly TesseraClient _tessera;

    public TesseraAuthHandler(TesseraClient tessera) => _tessera = tessera;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancel)
    {
        var token = await _tessera.GetTokenAsync(cancel);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancel);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        // Once only: a second 401 with a brand-new token is not a token problem.
        response.Dispose();
        var renewed = await _tessera.InvalidateAsync(token, cancel);
        var retry = await CloneAsync(request);
        retry.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed);
        return await base.SendAsync(retry, cancel);
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage original)
    {
        var clone = new HttpRequestMessage(original.Method, original.RequestUri) { Version = original.Version };
        if (original.Content is not null)
        {
            var bytes = await original.Content.ReadAsByteArrayAsync();
            clone.Content = new ByteArrayContent(bytes);
            foreach (var header in original.Content.Headers) clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        foreach (var header in original.Headers) clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        return clone;
    }
}
