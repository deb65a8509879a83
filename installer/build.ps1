# Windows build: the frozen program in dist\hubdesk (hubdesk.exe for the window, hubdesk-cli.exe for
# commands in a prompt) and the per-user installer dist\hubdesk-setup-<version>.exe.
# Needs Python 3.11+ with `pip install . pyinstaller`, and Inno Setup 6 (ISCC.exe on PATH or in its usual
# folder). Run from anywhere: powershell -ExecutionPolicy Bypass -File installer\build.ps1
#
# Code signing (optional, recommended: unsigned programs get a SmartScreen warning): import the school's or
# LA's code-signing certificate into the Windows certificate store of the building PC and set
# HUBDESK_SIGN_THUMBPRINT to its SHA-1 thumbprint. The certificate and its password never go in the repo.
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

python -m PyInstaller --noconfirm --clean --log-level WARN `
    --distpath dist --workpath build\pyinstaller installer\hubdesk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

$version = & dist\hubdesk\hubdesk-cli.exe --version   # "hubdesk 0.1.0"; also proves the program starts
if ($LASTEXITCODE -ne 0) { throw "the frozen dist\hubdesk\hubdesk-cli.exe does not start" }
Write-Host "built $version in dist\hubdesk"

function Sign([string[]] $Files) {
    if (-not $env:HUBDESK_SIGN_THUMBPRINT) { return }
    signtool sign /fd SHA256 /sha1 $env:HUBDESK_SIGN_THUMBPRINT `
        /tr http://timestamp.digicert.com /td SHA256 $Files
    if ($LASTEXITCODE -ne 0) { throw "signtool could not sign $Files" }
}

Sign @("dist\hubdesk\hubdesk.exe", "dist\hubdesk\hubdesk-cli.exe")
$iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
& $iscc /Qp installer\hubdesk.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup (ISCC) failed" }
$setup = Get-ChildItem dist\hubdesk-setup-*.exe | Sort-Object LastWriteTime | Select-Object -Last 1
Sign @($setup.FullName)
Write-Host "built $($setup.FullName)"
