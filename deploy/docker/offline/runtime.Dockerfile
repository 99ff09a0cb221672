# The local runtime base: a debootstrapped Debian (imported as p2p-base:local) plus the host's .NET
# runtime folders (dotnet host, Microsoft.NETCore.App, Microsoft.AspNetCore.App) staged in dotnet/.
ARG BASE_IMAGE=p2p-base:local
FROM ${BASE_IMAGE}
COPY dotnet /usr/share/dotnet
ENV DOTNET_ROOT=/usr/share/dotnet PATH=/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
RUN dotnet --list-runtimes
