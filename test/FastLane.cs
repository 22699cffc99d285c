using RoslynBootsnap.Tests.Support;

[assembly: FastLaneGuard]
