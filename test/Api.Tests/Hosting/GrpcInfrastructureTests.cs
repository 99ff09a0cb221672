using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;

namespace OrleansP2P.Api.Tests.Hosting;

/// <summary>The standard gRPC services next to FileTransfer: health checks and reflection.</summary>
public sealed class GrpcInfrastructureTests : IClassFixture<PeerFixture>, IDisposable
{
    private readonly GrpcChannel _channel;

    public GrpcInfrastructureTests(PeerFixture peer) => _channel = peer.CreateGrpcChannel();

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task The_grpc_health_service_reports_serving()
    {
        var reply = await new Health.HealthClient(_channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Reflection_lists_the_file_transfer_service()
    {
        using var call = new ServerReflection.ServerReflectionClient(_channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("p2p.FileTransfer", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }
}
