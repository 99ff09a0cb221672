// Test classes run one at a time. Every in-memory peer's OpenTelemetry exporter subscribes to the "P2P" meter by
// name, process-wide, so two peers alive at once share each exported series and a scrape may show the other peer's
// value (metric tests then flake). One class at a time means one peer host at a time; the whole project stays fast.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
