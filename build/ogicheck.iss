; Inno Setup 6 script of 年报核查 (UTF-8 with BOM: ISCC reads a file without one as ANSI): a per-user install (no administrator rights) of the one-folder build.
; Built by build\build.py --onedir --installer, which passes the version from pyproject.toml and the folder:
;   ISCC.exe /DAppVersion=<version> /DSourceDir=<dist-pyinstaller\onedir\ogicheck> /DOutputDir=<dist-pyinstaller> build\ogicheck.iss
; Installs to %LOCALAPPDATA%\Programs\ogicheck, adds a Start menu entry, an optional desktop shortcut, the
; .ogiset file type (review sets) opening in the app, and an uninstaller (设置 → 应用, or unins000.exe).
; Settings and logs live in %APPDATA%\ogicheck\年报核查 and are kept on uninstall (see README).

#ifndef AppVersion
  #error AppVersion is not defined: build with build\build.py --installer (it reads pyproject.toml)
#endif
#ifndef SourceDir
  #define SourceDir "..\dist-pyinstaller\onedir\ogicheck"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist-pyinstaller"
#endif
#define AppName "年报核查"
#define AppExe "ogicheck.exe"
#define CliExe "ogicheck-cli.exe"
#define ProgId "ogicheck.ogiset"

[Setup]
AppId={{6F1C2B7A-5E0D-4B8A-9C3E-0A7D2E4F9B61}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=年报核查项目
VersionInfoVersion={#AppVersion}
DefaultDirName={localappdata}\Programs\ogicheck
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
; per user, never asks for administrator rights; registry entries go to HKCU (HKA)
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.18362
Uninstallable=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
ChangesAssociations=yes
CloseApplications=yes
SetupIconFile=ogicheck.ico
OutputDir={#OutputDir}
OutputBaseFilename=ogicheck-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no

[Languages]
; ChineseSimplified.isl ships with Inno Setup 6.3 and later; older compilers fall back to English
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "en"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; GroupDescription: "附加快捷方式："; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an update replaces the bundle's libraries as a whole, so no file of an older version is left behind
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Comment: "政府信息公开工作年度报告核查"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; .ogiset (review set) opens in the app; per user under HKCU\Software\Classes, removed by the uninstaller
Root: HKA; Subkey: "Software\Classes\.ogiset"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.ogiset\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "年报核查审核集"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".ogiset"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "启动{#AppName}"; Flags: nowait postinstall skipifsilent

[Messages]
; the uninstaller keeps the officer's settings and log; say where they are
UninstalledAll=%1 已从电脑上卸载。%n%n设置与日志仍保留在 AppData\Roaming\ogicheck\年报核查 文件夹，如不再需要可手动删除。

[Code]
function InitializeUninstall(): Boolean;
begin
  Log('Settings folder kept: ' + ExpandConstant('{userappdata}\ogicheck'));
  Result := True;
end;
