// The template of `dotnet new web`: the start-time and memory baseline a peer is compared with (bench/StartBench).
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/", () => "Hello World!");

app.Run();
