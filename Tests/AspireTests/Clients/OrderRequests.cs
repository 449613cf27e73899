namespace Alexandrite.AspireTests.Clients;

/// <summary>Request bodies for Shop.Api's POST /api/orders.</summary>
public static class OrderRequests
{
    public static object Valid(string material = "gold", Guid? id = null) => new
    {
        id,
        customer = new
        {
            name = "Ada Lovelace",
            email = "ada@example.com",
            phone = "+44 20 7946 0000",
            address = "12 St James's Square, London",
        },
        material,
    };
}
