# syntax=docker/dockerfile:1
# The orchestrator service for ECS Fargate. Restores from the project files first so the
# package layer is cached; runs on a chiseled, non-root ASP.NET runtime image.
ARG TARGETARCH=amd64

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
# Every project the service references (MangaAssist.Orchestrator.csproj), or the restore fails.
COPY src/MangaAssist.ServiceDefaults/MangaAssist.ServiceDefaults.csproj src/MangaAssist.ServiceDefaults/
COPY src/MangaAssist.Aws/MangaAssist.Aws.csproj src/MangaAssist.Aws/
COPY src/MangaAssist.Retrieval/MangaAssist.Retrieval.csproj src/MangaAssist.Retrieval/
COPY src/MangaAssist.SharedState/MangaAssist.SharedState.csproj src/MangaAssist.SharedState/
COPY src/MangaAssist.Orchestrator/MangaAssist.Orchestrator.csproj src/MangaAssist.Orchestrator/
# ReadyToRun (loadtest/README.md, "CPU per answer"): the image starts with precompiled code instead of JIT-compiling
# every method at tier 0 under the first burst; after a warm-up its CPU per answer is the IL build's, within the noise.
# The restore needs the flag too, for the crossgen2 pack.
RUN dotnet restore src/MangaAssist.Orchestrator/MangaAssist.Orchestrator.csproj -a $TARGETARCH -p:PublishReadyToRun=true
COPY src/MangaAssist.ServiceDefaults/ src/MangaAssist.ServiceDefaults/
COPY src/MangaAssist.Aws/ src/MangaAssist.Aws/
COPY src/MangaAssist.Retrieval/ src/MangaAssist.Retrieval/
COPY src/MangaAssist.SharedState/ src/MangaAssist.SharedState/
COPY src/MangaAssist.Orchestrator/ src/MangaAssist.Orchestrator/
RUN dotnet publish src/MangaAssist.Orchestrator/MangaAssist.Orchestrator.csproj \
      -c Release -a $TARGETARCH --no-restore -p:PublishReadyToRun=true -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app .
# The load balancer's health check calls /health/ready; chiseled images have no shell or curl.
# No tiering delay (DOTNET_TC_CallCountingDelayMs stays the runtime's 100 ms): a 500 ms delay left most hot methods in
# Tiered PGO's instrumented tier under steady load, 6.5-9.4 ms of service CPU per answer against 4.9-6.0 ms
# (loadtest/README.md, "Session of 2026-12-02 16:30-19:30 UTC").
ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_gcServer=1 \
    DOTNET_GCHeapAffinitizeMask=0
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "MangaAssist.Orchestrator.dll"]
