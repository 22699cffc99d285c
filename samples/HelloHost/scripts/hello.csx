// Default imports include System.Linq and `using static System.Console`.
var greeting = string.Join(" ", new[] { "Hello", "from", "a", "cached", "script" });
WriteLine(greeting);

// The final value is the script's result. A host gets it from RunAsync; the command line turns an int into
// its exit code, so this one is a string.
$"{greeting.Split(' ').Length} words"
