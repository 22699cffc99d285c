// Any shared-framework API works without #r.
using System.Text.Json;

static bool IsPrime(int n) => n > 1 && Enumerable.Range(2, (int)Math.Sqrt(n) - 1).All(d => n % d != 0);

var primes = Enumerable.Range(1, 50).Where(IsPrime).ToArray();
JsonSerializer.Serialize(primes)
