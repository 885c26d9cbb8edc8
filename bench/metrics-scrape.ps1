# Cost of one Prometheus scrape (Pint's PrometheusCollector over the Pint.Dns and Pint.Tftp meters) with a DNS and a
# TFTP service running on loopback. Needs the module built (./build.ps1 Build) and root (TFTP listens on port 69).
# Usage: dotnet pwsh -NoProfile -File bench/metrics-scrape.ps1 [scrapes]
param([int]$Scrapes = 2000)
Add-Type -Path (Join-Path $PSScriptRoot '../out/Pint/Pint.Engine.dll')
$dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-scrape-" + [guid]::NewGuid())
New-Item -ItemType Directory (Join-Path $dir 'tftp') | Out-Null
$probe = [Net.Sockets.UdpClient]::new([Net.IPEndPoint]::new([Net.IPAddress]::Loopback, 0))
$port = $probe.Client.LocalEndPoint.Port; $probe.Dispose()
$conf = Join-Path $dir 'pint.conf'
Set-Content $conf @("port=$port", 'listen-address=127.0.0.1', 'bind-interfaces', 'no-hosts', 'no-resolv', 'host-record=a.test,10.0.0.1', 'enable-tftp', "tftp-root=$dir/tftp")
$server = [Pint.Engine.Hosting.PintServerHost]::Load($conf, [Pint.Engine.Hosting.PintHostOptions]@{ WatchConfig = $false }, $null)
$server.StartAsync().GetAwaiter().GetResult() | Out-Null
$collector = [Pint.Engine.Metrics.PrometheusCollector]::new()
try {
    $text = $collector.Scrape()
    'series: {0}, body: {1:N0} bytes' -f ($text -split "`n" | Where-Object { $_ -and -not $_.StartsWith('#') }).Count, $text.Length
    for ($i = 0; $i -lt 200; $i++) { [void]$collector.Scrape() } # warm-up
    $allocated = [GC]::GetAllocatedBytesForCurrentThread()
    $clock = [Diagnostics.Stopwatch]::StartNew()
    for ($i = 0; $i -lt $Scrapes; $i++) { [void]$collector.Scrape() }
    $clock.Stop()
    'per scrape: {0:N1} us, {1:N0} bytes allocated (mean of {2})' -f ($clock.Elapsed.TotalMilliseconds * 1000 / $Scrapes), (([GC]::GetAllocatedBytesForCurrentThread() - $allocated) / $Scrapes), $Scrapes
} finally {
    $collector.Dispose()
    $server.StopAsync().GetAwaiter().GetResult() | Out-Null
    Remove-Item $dir -Recurse -Force
}
