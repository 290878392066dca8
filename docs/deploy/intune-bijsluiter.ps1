# Bijsluiter for Chrome and Edge through Intune (Devices > Scripts and remediations > Platform
# scripts, run as SYSTEM, 64-bit). Writes the same policy as chrome-windows.reg and
# edge-windows.reg. Edit the values below; run it again after a change (the browsers apply it
# without a restart, or at once from chrome://policy / edge://policy > Reload policies).
$ExtensionId = 'mdldopdibcfhknkoiamnpainpjgeekej'   # or the store id, see README.md
$UpdateUrl   = 'https://www.voorbeeld-bestuur.nl/bijsluiter/updates.xml'   # store: https://clients2.google.com/service/update2/crx (Chrome), https://edge.microsoft.com/extensionwebstorebase/v1/crx (Edge)
$Settings = [ordered]@{
  registerUrl         = 'https://www.voorbeeld-bestuur.nl/privacy/register.json'
  fgName              = 'A. Jansen'
  fgEmail             = 'fg@voorbeeld-bestuur.nl'
  requestEndpoint     = 'https://fg.voorbeeld-bestuur.nl/api/requests'
  requestToken        = 'bji_VERVANG-door-het-token-uit-console-init'
  schoolName          = 'OBS De Linde'
  syncIntervalMinutes = 360
  useBundledCatalog   = 1
  disableFirstRunPage = 1
}
$PublicKeys = @('AvujZ2GqtpeW6PaqXZ40dsMAiwwPb5AQ8vOqOm66+HY=')

$Browsers = @{
  'HKLM:\SOFTWARE\Policies\Google\Chrome'  = '"toolbar_pin":"force_pinned"'
  'HKLM:\SOFTWARE\Policies\Microsoft\Edge' = '"toolbar_state":"force_shown"'
}
foreach ($root in $Browsers.Keys) {
  New-Item -Path "$root\ExtensionInstallForcelist" -Force | Out-Null
  Set-ItemProperty -Path "$root\ExtensionInstallForcelist" -Name '1' -Value "$ExtensionId;$UpdateUrl"
  $pin = $Browsers[$root]
  Set-ItemProperty -Path $root -Name 'ExtensionSettings' -Value "{`"$ExtensionId`":{`"installation_mode`":`"force_installed`",`"update_url`":`"$UpdateUrl`",$pin}}"
  $policy = "$root\3rdparty\extensions\$ExtensionId\policy"
  New-Item -Path $policy -Force | Out-Null
  foreach ($name in $Settings.Keys) {
    $value = $Settings[$name]
    $type = if ($value -is [int]) { 'DWord' } else { 'String' }
    New-ItemProperty -Path $policy -Name $name -Value $value -PropertyType $type -Force | Out-Null
  }
  Remove-Item -Path "$policy\publicKeys" -Recurse -ErrorAction SilentlyContinue
  New-Item -Path "$policy\publicKeys" -Force | Out-Null
  for ($i = 0; $i -lt $PublicKeys.Count; $i++) {
    New-ItemProperty -Path "$policy\publicKeys" -Name ($i + 1) -Value $PublicKeys[$i] -PropertyType String -Force | Out-Null
  }
}
