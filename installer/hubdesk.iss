; Inno Setup 6 script: a per-user installer (no admin rights) for the PyInstaller build in dist\hubdesk.
; installer\build.ps1 builds that folder and then runs ISCC on this file; the result is
; dist\hubdesk-setup-<version>.exe. Installing, upgrading or uninstalling never touches the data folder
; (%LOCALAPPDATA%\hubdesk: the database, its backups and the log).

; The version has one home, hubdesk\__init__.py: hubdesk.spec writes it into the .exe, and it is read here.
#define AppExe "..\dist\hubdesk\hubdesk.exe"
#define AppVersion GetStringFileInfo(AppExe, "ProductVersion")
#if AppVersion == ""
  #error "dist\hubdesk\hubdesk.exe is missing or has no version: run installer\build.ps1"
#endif

[Setup]
AppId={{6B7C2F4E-4D1A-4C55-9E3B-5A0D2C1F7E21}
AppName=hubdesk
AppVersion={#AppVersion}
AppVerName=hubdesk {#AppVersion}
AppPublisher=hubdesk
VersionInfoVersion={#AppVersion}
DefaultDirName={localappdata}\Programs\hubdesk
DefaultGroupName=hubdesk
PrivilegesRequired=lowest
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=hubdesk-setup-{#AppVersion}
SetupIconFile=..\resources\icons\hubdesk.ico
UninstallDisplayIcon={app}\hubdesk.exe
WizardStyle=modern
Compression=lzma2
SolidCompression=yes
; hubdesk opens no file types: nothing is associated with it.
ChangesAssociations=no
ChangesEnvironment=yes

[Tasks]
Name: desktopicon; Description: "Create a desktop shortcut"; Flags: unchecked
Name: addtopath; Description: "Let a command prompt find hubdesk-cli (adds the program folder to your PATH)"; Flags: unchecked

[InstallDelete]
; An upgrade first removes the old program's files, so nothing of an older version is left behind
; (the data folder is elsewhere and is not touched).
Type: filesandordirs; Name: "{app}\_internal"
Type: files; Name: "{app}\hubdesk.exe"
Type: files; Name: "{app}\hubdesk-cli.exe"

[Files]
Source: "..\dist\hubdesk\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\hubdesk"; Filename: "{app}\hubdesk.exe"
Name: "{group}\Open the demo"; Filename: "{app}\hubdesk.exe"; Parameters: "demo"; Comment: "A made-up cluster of 8 schools to try hubdesk on, kept apart from your own data"
Name: "{group}\Uninstall hubdesk"; Filename: "{uninstallexe}"
Name: "{userdesktop}\hubdesk"; Filename: "{app}\hubdesk.exe"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NotOnPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\hubdesk.exe"; Description: "Open hubdesk"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder. The data folder is deliberately left alone.
Type: filesandordirs; Name: "{app}\_internal"

[Code]
function NotOnPath(Folder: string): Boolean;
var
  Current: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Current) then
    Result := True
  else
    Result := Pos(';' + Uppercase(Folder) + ';', ';' + Uppercase(Current) + ';') = 0;
end;
