# IdentityCenter web app: build with the .NET SDK, run on the ASP.NET Core runtime as a non-root user.
# Build:  docker build -t identitycenter .
# Run:    docker run -p 8080:8080 -v identitycenter-data:/data identitycenter

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the files that decide the package graph, so the layer is reused until they change.
COPY global.json Directory.Build.props Directory.Packages.props IdentityCenter.sln .editorconfig ./
COPY src/IdentityCenter.Core/IdentityCenter.Core.csproj src/IdentityCenter.Core/
COPY src/IdentityCenter.Infrastructure/IdentityCenter.Infrastructure.csproj src/IdentityCenter.Infrastructure/
COPY src/IdentityCenter.Web/IdentityCenter.Web.csproj src/IdentityCenter.Web/
RUN dotnet restore src/IdentityCenter.Web/IdentityCenter.Web.csproj

COPY src/ src/
# The top-level wwwroot (stylesheet, logo, scripts) is published with the app as shared-wwwroot.
COPY wwwroot/ wwwroot/
RUN dotnet publish src/IdentityCenter.Web/IdentityCenter.Web.csproj -c Release --no-restore -o /app/publish

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl serves the HEALTHCHECK; the runtime image does not ship it.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/publish ./

ENV IdentityCenter__DataDirectory=/data
RUN mkdir -p /data && chown app:app /data && chmod 700 /data
VOLUME /data

USER app
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD curl --fail --silent http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "IdentityCenter.Web.dll", "--urls", "http://0.0.0.0:8080"]
