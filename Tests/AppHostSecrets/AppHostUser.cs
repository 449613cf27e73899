namespace Alexandrite.Testing.AppHost;

/// <summary>A user Shop.Web signs in, with the password this run gave them (Parameters:&lt;name&gt;-password).</summary>
public sealed record AppHostUser(string Name, string Password, string Role);
