using System.Globalization;
using System.IO.Hashing;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Compiling;
using RoslynBootsnap.Composition;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Caching;

/// <summary>
/// Seeded corruption of real entries, compiled from real scripts: whatever happens to the bytes of an entry, the
/// fetch either detects it (stale, recompiled, right output) or it is harmless (served, right output). Never a
/// crash, never a wrong output, and the entry is whole again afterwards.
/// </summary>
public sealed partial class CompileCacheTests
{
    private const int CorruptionMutations = 1000;
    private const int CorruptionSeed = 20_251_125;

    [Test]
    [Category("Reliability")]
    public async Task Fetch_ThousandSeededMutationsOfRealEntries_EachDetectedOrHarmlessNeverWrong()
    {
        var handler = new MemoizingCsxHandler(new CsxHandler(new CompileSettings(new ScriptCacheOptions())));
        var cache = ScriptCacheBuilder.Compose(_temp.CacheDirectory, handler, new EngineSettings { OnEvent = _events.Add });
        var fuzz = FuzzScripts.Create(_temp, cache);
        var random = new Random(CorruptionSeed);
        var mutations = Mutations(fuzz);

        var detected = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var harmless = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var perClass = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var crashes = new List<string>();
        var wrong = new List<string>();
        var notRecovered = 0;
        for (var i = 0; i < CorruptionMutations; i++)
        {
            var (name, mutate) = mutations[i % mutations.Count];
            var chosen = fuzz.Scripts[random.Next(fuzz.Scripts.Count)];
            var other = fuzz.Scripts.Where(s => s != chosen).ElementAt(random.Next(fuzz.Scripts.Count - 1));
            var writes = mutate(random, chosen, other);

            // The script fetched is the one whose entry was mutated first.
            var target = fuzz.Scripts.Single(s => s.Entry == writes[0].Entry);
            foreach (var (entry, bytes) in writes)
            {
                File.WriteAllBytes(entry, bytes);
            }

            var unchanged = writes.All(w => w.Bytes.AsSpan().SequenceEqual(fuzz.Pristine[w.Entry]));
            var onlyMtime = writes.All(w => DiffersOnlyInMtime(w.Bytes, fuzz.Pristine[w.Entry]));
            perClass[name] = perClass.GetValueOrDefault(name) + 1;
            _events.Take();
            try
            {
                using var loaded = cache.Fetch(target.Path);
                var output = Convert.ToString(await loaded.RunAsync(), CultureInfo.InvariantCulture);
                var events = _events.Events;
                if (output != target.Expected)
                {
                    wrong.Add($"#{i} {name} on {Path.GetFileName(target.Path)}: '{output}' instead of '{target.Expected}'");
                }
                else if (events.SingleOrDefault(e => e.Kind == CacheEventKind.Stale) is { } stale && events.Count == 1)
                {
                    detected[stale.Step!] = detected.GetValueOrDefault(stale.Step!) + 1;
                }
                else if (events.Count == 1 && events[0].Kind is CacheEventKind.Hit or CacheEventKind.Revalidated && (unchanged || onlyMtime))
                {
                    var why = unchanged ? "bytes unchanged" : "mtime field only";
                    harmless[why] = harmless.GetValueOrDefault(why) + 1;
                }
                else
                {
                    wrong.Add($"#{i} {name} on {Path.GetFileName(target.Path)}: served with events {string.Join(", ", events)}");
                }
            }
            catch (Exception e)
            {
                crashes.Add($"#{i} {name} on {Path.GetFileName(target.Path)}: {e.GetType().Name}: {e.Message}");
            }

            if (CacheInventory.Inspect(_temp.CacheDirectory, target.Entry).Status != CacheEntryStatus.Valid)
            {
                notRecovered++;
            }

            foreach (var (entry, _) in writes)
            {
                File.WriteAllBytes(entry, fuzz.Pristine[entry]);
            }
        }

        // Unload the thousand script contexts here, not in some later test.
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        TestContext.Progress.WriteLine(
            $"corruption: {CorruptionMutations} mutations (seed {CorruptionSeed}) of {fuzz.Scripts.Count} real entries in {perClass.Count} classes; "
            + $"detected {detected.Values.Sum()} ({Join(detected)}), harmless {harmless.Values.Sum()} ({Join(harmless)}), "
            + $"crashes {crashes.Count}, wrong outputs {wrong.Count}, entries not whole afterwards {notRecovered}, compiles {handler.Compiles}");
        TestContext.Progress.WriteLine($"corruption classes: {Join(perClass)}");
        Assert.That(crashes, Is.Empty);
        Assert.That(wrong, Is.Empty);
        Assert.That(notRecovered, Is.Zero);
        Assert.That(detected.Values.Sum() + harmless.Values.Sum(), Is.EqualTo(CorruptionMutations));
    }

    private static string Join(IDictionary<string, int> counts) => string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));

    /// <summary>True when the only difference is inside the header's source mtime field (offset 24, 8 bytes).</summary>
    private static bool DiffersOnlyInMtime(byte[] mutated, byte[] pristine) =>
        mutated.Length == pristine.Length
        && mutated.AsSpan(0, 24).SequenceEqual(pristine.AsSpan(0, 24))
        && mutated.AsSpan(32).SequenceEqual(pristine.AsSpan(32));

    private delegate IReadOnlyList<(string Entry, byte[] Bytes)> Mutation(Random random, FuzzScript target, FuzzScript other);

    /// <summary>The mutation classes, each applied in turn to a randomly chosen entry.</summary>
    private static List<(string Name, Mutation Mutate)> Mutations(FuzzScripts fuzz)
    {
        byte[] P(FuzzScript s) => fuzz.Pristine[s.Entry];
        IReadOnlyList<(string, byte[])> One(FuzzScript s, byte[] bytes) => [(s.Entry, bytes)];
        int DataStart(FuzzScript s) => CacheHeader.Size + s.ManifestLength;

        return
        [
            ("truncate inside header", (r, t, _) => One(t, P(t)[..r.Next(0, CacheHeader.Size)])),
            ("truncate at 64", (_, t, _) => One(t, P(t)[..CacheHeader.Size])),
            ("truncate inside manifest", (r, t, _) => One(t, P(t)[..r.Next(CacheHeader.Size + 1, DataStart(t))])),
            ("truncate inside payload", (r, t, _) => One(t, P(t)[..r.Next(DataStart(t), P(t).Length)])),
            ("append bytes", (r, t, _) => One(t, [.. P(t), .. RandomBytes(r, r.Next(1, 65))])),
            ("data twice", (_, t, _) => One(t, [.. P(t), .. P(t).AsSpan(CacheHeader.Size)])),
            ("flip header bit", (r, t, _) => One(t, FlipBit(P(t), r.Next(CacheHeader.Size * 8)))),
            ("flip manifest byte", (r, t, _) => One(t, FlipByte(r, P(t), r.Next(CacheHeader.Size, DataStart(t))))),
            ("flip payload bytes", (r, t, _) =>
            {
                var bytes = P(t);
                for (var n = r.Next(1, 9); n > 0; n--)
                {
                    bytes = FlipByte(r, bytes, r.Next(DataStart(t), bytes.Length));
                }

                return One(t, bytes);
            }),
            ("zero a range", (r, t, _) =>
            {
                var bytes = P(t).ToArray();
                var start = r.Next(bytes.Length);
                bytes.AsSpan(start, Math.Min(r.Next(1, 257), bytes.Length - start)).Clear();
                return One(t, bytes);
            }),
            ("garbage, same length", (r, t, _) => One(t, RandomBytes(r, P(t).Length))),
            ("garbage, any length", (r, t, _) => One(t, RandomBytes(r, r.Next(0, 2 * P(t).Length)))),
            ("empty file", (_, t, _) => One(t, [])),
            ("swap two entries' files", (_, t, o) => [(t.Entry, P(o)), (o.Entry, P(t))]),
            ("valid header over another script's data", (_, t, o) => One(t, [.. P(t).AsSpan(0, CacheHeader.Size), .. P(o).AsSpan(CacheHeader.Size)])),
            ("forged consistent header over another script's data", (_, t, o) =>
            {
                // Every size and checksum agrees with the data; only the manifest can tell it is another script's.
                var data = P(o).AsSpan(CacheHeader.Size);
                var header = CacheHeader.Read(P(t)) with
                {
                    DataSize = (ulong)data.Length,
                    PayloadChecksum = XxHash64.HashToUInt64(data),
                    DependencyDigest = XxHash64.HashToUInt64(data[..o.ManifestLength]),
                };
                var bytes = P(o).ToArray();
                header.WriteTo(bytes);
                return One(t, bytes);
            }),
            ("entry of an older version, other size", (_, _, _) => One(fuzz.Versioned, fuzz.OlderOtherSize)),
            ("entry of an older version, same size and mtime", (_, _, _) => One(fuzz.Versioned, fuzz.OlderSameSizeAndMtime)),
        ];
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] FlipBit(byte[] bytes, int bit)
    {
        var copy = bytes.ToArray();
        copy[bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    private static byte[] FlipByte(Random random, byte[] bytes, int offset)
    {
        var copy = bytes.ToArray();
        copy[offset] ^= (byte)random.Next(1, 256);
        return copy;
    }

    /// <summary>One fuzzed script: where it and its entry are, what it prints, and how long its manifest is.</summary>
    private sealed record FuzzScript(string Path, string Entry, string Expected, int ManifestLength);

    /// <summary>
    /// A handful of real scripts (plain, <c>#load</c>, <c>#r</c>, records, async) compiled into real entries, the
    /// pristine bytes of each, and two entries of an older version of one script.
    /// </summary>
    private sealed record FuzzScripts(
        IReadOnlyList<FuzzScript> Scripts,
        IReadOnlyDictionary<string, byte[]> Pristine,
        FuzzScript Versioned,
        byte[] OlderOtherSize,
        byte[] OlderSameSizeAndMtime)
    {
        public static FuzzScripts Create(TempDirectory temp, CompileCache<LoadedScript> cache)
        {
            AssemblyBuilder.Build(
                temp.Combine("fuzz", "lib", "Greeter.dll"),
                "Greeter",
                "namespace Fuzz { public static class Greeter { public static string Greet(string n) => \"hello \" + n; } }");
            temp.Write("fuzz/lib/twice.csx", "static int Twice(int x) => x * 2;");

            // The versioned script goes through two older versions first: one of another size, then one of the same
            // size whose mtime the current version keeps, so only the content digest tells them apart.
            var versioned = temp.Write("fuzz/alpha.csx", "\"alpha\"");
            var olderOtherSize = Compile(cache, versioned);
            File.WriteAllText(versioned, "\"alpha:\" + string.Join(\",\", Enumerable.Range(2, 5))");
            var olderSameSize = Compile(cache, versioned);
            var mtime = File.GetLastWriteTimeUtc(versioned);
            File.WriteAllText(versioned, "\"alpha:\" + string.Join(\",\", Enumerable.Range(1, 5))");
            File.SetLastWriteTimeUtc(versioned, mtime);

            (string Path, string Expected)[] sources =
            [
                (versioned, "alpha:1,2,3,4,5"),
                (temp.Write("fuzz/load.csx", "#load \"lib/twice.csx\"\n\"load:\" + Twice(21)"), "load:42"),
                (temp.Write("fuzz/ref.csx", "#r \"lib/Greeter.dll\"\nFuzz.Greeter.Greet(\"ref\")"), "hello ref"),
                (temp.Write("fuzz/record.csx", "record P(int X, int Y);\nvar p = new P(3, 4) with { Y = 5 };\n$\"record:{p.X * p.Y}\""), "record:15"),
                (temp.Write("fuzz/async.csx", "await Task.Yield();\n\"async:\" + new string('x', 3)"), "async:xxx"),
            ];
            var scripts = new List<FuzzScript>();
            var pristine = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (path, expected) in sources)
            {
                var bytes = Compile(cache, path);
                var entry = cache.GetEntryPath(path);
                Assert.That(EntryManifest.TryParse(bytes.AsSpan(CacheHeader.Size), out _, out var manifestLength), Is.True);
                scripts.Add(new FuzzScript(path, entry, expected, manifestLength));
                pristine[entry] = bytes;
            }

            return new FuzzScripts(scripts, pristine, scripts[0], olderOtherSize, olderSameSize);
        }

        private static byte[] Compile(CompileCache<LoadedScript> cache, string path)
        {
            using (cache.Fetch(path))
            {
                return File.ReadAllBytes(cache.GetEntryPath(path));
            }
        }
    }

    /// <summary>
    /// The real .csx handler, with each distinct source compiled once: a detected mutation recompiles the same
    /// source again and again, and Roslyn's deterministic output for it is the same every time. Validation,
    /// writing and loading all stay real.
    /// </summary>
    private sealed class MemoizingCsxHandler(CsxHandler inner) : ICacheHandler<LoadedScript>
    {
        private readonly Dictionary<(string Path, ulong Digest), HandlerResult<CompiledStorage>> _compiled = [];

        public int Compiles { get; private set; }

        public uint CompileOptions => inner.CompileOptions;

        public ulong CompilerIdentity => inner.CompilerIdentity;

        public HandlerResult<CompiledStorage> InputToStorage(ReadOnlyMemory<byte> input, string path, CancellationToken cancellationToken)
        {
            var key = (path, XxHash64.HashToUInt64(input.Span));
            if (!_compiled.TryGetValue(key, out var storage))
            {
                Compiles++;
                storage = inner.InputToStorage(input, path, cancellationToken);
                _compiled[key] = storage;
            }

            return storage;
        }

        public HandlerResult<LoadedScript> StorageToOutput(ReadOnlyMemory<byte> storage, string path, IReadOnlyList<string> dependencyPaths) => inner.StorageToOutput(storage, path, dependencyPaths);

        public LoadedScript InputToOutput(ReadOnlyMemory<byte> input, string path, CancellationToken cancellationToken) => inner.InputToOutput(input, path, cancellationToken);
    }
}
