// Default imports include System.Linq and `using static System.Console`.
var greeting = string.Join(" ", new[] { "Hello", "from", "a", "cached", "script" });
WriteLine(greeting);
greeting.Length
