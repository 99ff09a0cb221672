// The floor under a peer's start and memory (bench/StartBench): an Orleans silo alone (localhost clustering on the
// ports given, no grains) behind the slim ASP.NET Core builder. GET /health is 503 until every hosted service, the
// silo included, has started, then 200, as a peer's /health is once its silo is up.
// Usage: dotnet MinimalSilo.dll --urls http://127.0.0.1:PORT --silo_port N --gateway_port M
var builder = WebApplication.CreateSlimBuilder(args);
var siloPort = builder.Configuration.GetValue<int>("silo_port");
var gatewayPort = builder.Configuration.GetValue<int>("gateway_port");
builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort, gatewayPort));

var app = builder.Build();
var started = app.Lifetime.ApplicationStarted;
app.MapGet("/health", () => started.IsCancellationRequested ? Results.Text("ok") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
app.Run();
