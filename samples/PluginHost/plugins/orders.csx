// LINQ over records: who spends most, and on what.
record Customer(int Id, string Name, string Country);
record Order(int CustomerId, string Product, int Quantity, decimal UnitPrice)
{
    public decimal Total => Quantity * UnitPrice;
}

sealed class OrdersPlugin : IPlugin
{
    private static readonly Customer[] Customers =
    [
        new(1, "Ada", "UK"), new(2, "Grace", "US"), new(3, "Linus", "FI"), new(4, "Barbara", "US"),
    ];

    private static readonly Order[] Orders =
    [
        new(1, "keyboard", 2, 49.90m), new(2, "monitor", 1, 229.00m), new(3, "cable", 10, 4.50m),
        new(2, "cable", 3, 4.50m), new(4, "laptop", 1, 1199.00m), new(1, "monitor", 2, 229.00m),
    ];

    public string Name => "orders";

    public string Run(PluginContext context)
    {
        var top = Customers
            .GroupJoin(Orders, c => c.Id, o => o.CustomerId, (c, os) => new { c.Name, c.Country, Spent = os.Sum(o => o.Total) })
            .OrderByDescending(x => x.Spent)
            .First();
        var byCountry = Customers
            .Join(Orders, c => c.Id, o => o.CustomerId, (c, o) => (c.Country, o.Total))
            .GroupBy(x => x.Country)
            .OrderBy(g => g.Key)
            .Select(g => $"{g.Key} {g.Sum(x => x.Total):F2}");
        return $"top customer {top.Name} ({top.Country}) {top.Spent:F2}; by country: {string.Join(", ", byCountry)}";
    }
}

new OrdersPlugin()
