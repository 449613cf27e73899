using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.ServiceDefaults.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Alexandrite.UnitTests.ServiceDefaults.Security;

/// <summary>
/// What a back-office API accepts (docs/adr/0010-roles-and-access-tokens.md): a token from Shop.Web's key and
/// issuer, for this API, HS256, within its lifetime (30 s clock skew). Anything else is a 401 problem with a bare
/// Bearer challenge; the wrong role is a 403 problem. The actor of a step is the token's subject.
/// </summary>
public sealed class AccessTokenValidationTests : IAsyncLifetime
{
    private BackOfficeApi _api = null!;

    public async Task InitializeAsync() => _api = await BackOfficeApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_valid_token_with_the_role_is_accepted_and_its_subject_is_the_actor()
    {
        using var response = await _api.GetAsync(_api.Issuer().Create("olga", Roles.Operator, BackOfficeApi.Audience));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("olga", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_scheme_name_is_case_insensitive()
    {
        using var response = await _api.GetAsync(_api.Issuer().Create("olga", Roles.Operator, BackOfficeApi.Audience), scheme: "bearer");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_the_answer_is_401_problem_details_with_a_bare_challenge()
    {
        using var response = await _api.GetAsync(token: null);

        await AssertRefusedLikeNoTokenAsync(response);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused() =>
        await AssertRefusedLikeNoTokenAsync(await _api.GetAsync(
            _api.Issuer(new AccessTokenOptions { SigningKey = BackOfficeApi.Key, Issuer = "someone-else" }).Create("olga", Roles.Operator, BackOfficeApi.Audience)));

    [Fact]
    public async Task A_token_made_for_another_API_is_refused() =>
        await AssertRefusedLikeNoTokenAsync(await _api.GetAsync(_api.Issuer().Create("olga", Roles.Operator, ResourceNames.CrmApi)));

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused() =>
        await AssertRefusedLikeNoTokenAsync(await _api.GetAsync(
            _api.Issuer(new AccessTokenOptions { SigningKey = new string('x', 64) }).Create("olga", Roles.Operator, BackOfficeApi.Audience)));

    [Fact]
    public async Task An_unsigned_token_is_refused() =>
        await AssertRefusedLikeNoTokenAsync(await _api.GetAsync(HandMade(signing: null)));

    [Fact]
    public async Task A_token_signed_with_the_right_key_but_another_algorithm_is_refused() =>
        await AssertRefusedLikeNoTokenAsync(await _api.GetAsync(HandMade(SecurityAlgorithms.HmacSha384)));

    [Fact]
    public async Task A_hand_made_HS256_token_is_accepted_so_the_refusals_above_are_for_their_one_difference()
    {
        using var response = await _api.GetAsync(HandMade(SecurityAlgorithms.HmacSha256));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Something_that_is_not_a_JWT_is_refused() =>
        await AssertRefusedLikeNoTokenAsync(await _api.GetAsync("not-a-jwt"));

    [Fact]
    public async Task A_token_is_accepted_until_30_seconds_after_it_expires()
    {
        var token = _api.Issuer().Create("olga", Roles.Operator, BackOfficeApi.Audience);
        var expires = _api.Clock.Now + new AccessTokenOptions().Lifetime;

        _api.Clock.Now = expires + TimeSpan.FromSeconds(29);
        using var late = await _api.GetAsync(token);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);

        _api.Clock.Now = expires + TimeSpan.FromSeconds(31);
        await AssertRefusedLikeNoTokenAsync(await _api.GetAsync(token));
    }

    [Fact]
    public async Task A_token_is_refused_before_it_is_valid_beyond_the_clock_skew()
    {
        var start = _api.Clock.Now;
        _api.Clock.Now = start + TimeSpan.FromSeconds(29);
        var slightlyAhead = _api.Issuer().Create("olga", Roles.Operator, BackOfficeApi.Audience);
        _api.Clock.Now = start + TimeSpan.FromSeconds(31);
        var tooFarAhead = _api.Issuer().Create("olga", Roles.Operator, BackOfficeApi.Audience);
        _api.Clock.Now = start;

        using var accepted = await _api.GetAsync(slightlyAhead);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await AssertRefusedLikeNoTokenAsync(await _api.GetAsync(tooFarAhead));
    }

    [Fact]
    public async Task A_token_without_an_expiry_is_refused() =>
        await AssertRefusedLikeNoTokenAsync(await _api.GetAsync(HandMade(SecurityAlgorithms.HmacSha256, expires: false)));

    [Theory]
    [InlineData(Roles.Customer)]
    [InlineData(Roles.Manager)]
    public async Task A_valid_token_with_the_wrong_role_is_answered_403_problem_details(string role)
    {
        using var response = await _api.GetAsync(_api.Issuer().Create("olga", role, BackOfficeApi.Audience));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
        var problem = await ProblemAsync(response);
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Equal("Not allowed", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_refusal_is_problem_details_even_to_a_caller_that_accepts_no_JSON()
    {
        // A browser's EventSource accepts text/event-stream alone; the refusal must not become a 500.
        using var forbidden = await _api.GetAsync(_api.Issuer().Create("olga", Roles.Customer, BackOfficeApi.Audience), accept: "text/event-stream");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(403, (await ProblemAsync(forbidden)).GetProperty("status").GetInt32());

        await AssertRefusedLikeNoTokenAsync(await _api.GetAsync(token: null, accept: "text/event-stream"));
    }

    private static async Task AssertRefusedLikeNoTokenAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            // A bare challenge: no error_description telling the caller why its token failed.
            var challenge = Assert.Single(response.Headers.WwwAuthenticate);
            Assert.Equal("Bearer", challenge.Scheme);
            Assert.Null(challenge.Parameter);
            var problem = await ProblemAsync(response);
            Assert.Equal(401, problem.GetProperty("status").GetInt32());
            Assert.Equal("Sign in required", problem.GetProperty("title").GetString());
        }
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// A token right in every claim, made without <see cref="AccessTokens"/> so that its algorithm can differ:
    /// <paramref name="signing"/> null leaves it unsigned ("alg": "none").
    /// </summary>
    private string HandMade(string? signing, bool expires = true)
    {
        var now = _api.Clock.Now.UtcDateTime;
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(BackOfficeApi.Key));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = new AccessTokenOptions().Issuer,
            Audience = BackOfficeApi.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires ? now.AddMinutes(5) : null,
            Claims = new Dictionary<string, object> { [AccessTokens.SubjectClaim] = "olga", [AccessTokens.RoleClaim] = Roles.Operator },
            SigningCredentials = signing is null ? null : new SigningCredentials(key, signing),
        });
    }
}
