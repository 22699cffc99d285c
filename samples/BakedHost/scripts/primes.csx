// Any shared-framework API works without #r, baked or not.
using System.Text.Json;

static bool IsPrime(int n) => n > 1 && Enumerable.Range(2, (int)Math.Sqrt(n) - 1).All(d => n % d != 0);

JsonSerializer.Serialize(Enumerable.Range(1, 30).Where(IsPrime))
