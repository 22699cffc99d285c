// Baked into the published output: the host runs it with no compiler present.
var greeting = string.Join(" ", new[] { "Hello", "from", "a", "baked", "script" });
WriteLine(greeting);
$"{greeting.Split(' ').Length} words"
