// A small client for Tessera's local token service (.NET 6+, no packages).
//
//   var tessera = new TesseraClient("Till 1", accessKey: "tsk_...");
//   using var http = new HttpClient(new TesseraAuthHandler(tessera) { InnerHandler = new HttpClientHandler() });
//   var response = await http.PostAsync("https://api.provider.example/receipts", content);
//
// The handler adds "Authorization: Bearer <token>" to every request and, when the provider
// answers 401, tells Tessera the token was rejected and sends the request once more with the
// token Tessera obtains in its place.
using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
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

    public TesseraClient(string profile, string accessKey, string baseUrl = "http://127.0.0.1:7478")
    {
        _http = new HttpClient { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessKey);
        _profilePath = "v1/profiles/" + Uri.EscapeDataString(profile);
    }

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
        using var response = await _http.SendAsync(request, cancel);
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
