; Inno Setup script: per-user install of the PyInstaller onedir build (dist\hubdesk).
; Installing, upgrading or uninstalling never touches the data folder
; (%LOCALAPPDATA%\hubdesk: the database, its backups and the log).
#define AppVersion GetEnv("HUBDESK_VERSION")
#if AppVersion == ""
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6B7C2F4E-4D1A-4C55-9E3B-5A0D2C1F7E21}
AppName=hubdesk
AppVersion={#AppVersion}
DefaultDirName={localappdata}\Programs\hubdesk
DefaultGroupName=hubdesk
PrivilegesRequired=lowest
DisableProgramGroupPage=yes
OutputBaseFilename=hubdesk-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
UninstallDisplayIcon={app}\hubdesk.exe

[Files]
Source: "..\dist\hubdesk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\hubdesk"; Filename: "{app}\hubdesk.exe"
Name: "{group}\hubdesk demo cluster"; Filename: "{app}\hubdesk.exe"; Parameters: "demo"
Name: "{userdesktop}\hubdesk"; Filename: "{app}\hubdesk.exe"; Tasks: desktopicon

[Tasks]
Name: desktopicon; Description: "Create a desktop shortcut"; Flags: unchecked

[UninstallDelete]
; Only the program folder. The data folder is deliberately left alone.
Type: filesandordirs; Name: "{app}\_internal"
