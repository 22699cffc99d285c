// Counts words in a text file with helpers shared through #load.
#load "shared/text.csx"

sealed class WordStatsPlugin : IPlugin
{
    public string Name => "wordstats";

    public string Run(PluginContext context)
    {
        var text = File.ReadAllText(Path.Combine(context.DataDirectory, "notes.txt"));
        var words = Words(text).ToList();
        var top = words.Where(w => w.Length > 3).GroupBy(w => w).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First();
        return $"{words.Count} words, {words.Distinct().Count()} distinct, most used {Quote(top.Key)} ({top.Count()}x)";
    }
}

new WordStatsPlugin()
