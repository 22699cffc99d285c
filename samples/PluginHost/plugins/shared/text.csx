// Text helpers shared by plugins through #load.
using System.Text.RegularExpressions;

static IEnumerable<string> Words(string text) =>
    Regex.Matches(text.ToLowerInvariant(), @"[a-z']+").Select(m => m.Value);

static string Quote(string text, int max = 24) =>
    text.Length <= max ? $"\"{text}\"" : $"\"{text[..(max - 1)]}…\"";
