namespace Alexandrite.Contracts;

/// <summary>
/// The names of the resources as the AppHost declares them. A service finds its connection string under
/// ConnectionStrings:&lt;name&gt; and another service's address under services:&lt;name&gt;:http:0, in either
/// infrastructure mode.
/// </summary>
public static class ResourceNames
{
    public const string ShopDatabase = "shopdb";
    public const string MesDatabase = "mesdb";
    public const string Messaging = "messaging";
    public const string Storage = "storage";

    /// <summary>The bucket in <see cref="Storage"/> that holds the customers' 3D models.</summary>
    public const string ModelsBucket = "models";

    public const string ShopWeb = "shop-web";
    public const string ShopApi = "shop-api";
    public const string MesApi = "mes-api";
    public const string CrmApi = "crm-api";

    /// <summary>
    /// The resource name of a service's <paramref name="instance"/>th process (from 1) when the AppHost runs several
    /// (Scale:Instances:&lt;service&gt;): the first has the service's name, which every reference names; the others -2, -3...
    /// </summary>
    public static string Instance(string service, int instance) => instance == 1 ? service : $"{service}-{instance}";
}
