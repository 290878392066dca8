<#
.SYNOPSIS
  The FG's register decisions about "Sign in with Microsoft" apps, applied in Microsoft Entra ID:
  rejected tools' apps cannot sign anyone in, approved tools' apps can (and optionally get admin
  consent for the Microsoft Graph permissions you name).

.DESCRIPTION
  Reads the CSV that `bijsluiter export entra REGISTER --public-key KEY --out entra-apps.csv` writes
  (columns AppId, Decision, ToolId, ToolName; Decision is allow or block) and, per row:

  block: makes sure the app has a service principal ("enterprise application") in your tenant,
         creating it if nobody signed in to it yet, and sets accountEnabled = false. Entra then
         refuses every sign-in to the app from your tenant, whatever a user or an admin consented
         to before; existing tokens stop working at their next refresh.
  allow: makes sure the service principal exists and accountEnabled = true (undoing an earlier
         block). With -GrantScopes it also grants tenant-wide admin consent (an
         oauth2PermissionGrant for AllPrincipals) for exactly those delegated Microsoft Graph
         permissions, so pupils and teachers are not asked; without it, it prints the admin-consent
         address, where you see what the app really asks before you accept.

  Nothing is deleted, and rows for apps not in the file are left alone (pending and unvetted tools
  are never in it). Run it with -WhatIf first: it then only says what it would change.

  Permissions (Microsoft Graph, delegated, asked by Connect-MgGraph below):
    Application.ReadWrite.All              create service principals, set accountEnabled and notes
    DelegatedPermissionGrant.ReadWrite.All only with -GrantScopes: grant admin consent
  Entra role of the account that runs it: Cloud Application Administrator or Application
  Administrator. Admin consent to Microsoft Graph permissions may need Privileged Role
  Administrator or Global Administrator, depending on the permissions asked.

  Needs the Microsoft Graph PowerShell SDK: Install-Module Microsoft.Graph.Applications -Scope CurrentUser
  (it brings Microsoft.Graph.Authentication; New-MgOauth2PermissionGrant is in
  Microsoft.Graph.Identity.SignIns: Install-Module Microsoft.Graph.Identity.SignIns when you use -GrantScopes).

.EXAMPLE
  npx bijsluiter export entra register.json --public-key "$(cat sleutels/register-public-key.txt)" --out entra-apps.csv
  ./entra-app-consent.ps1 -CsvPath entra-apps.csv -WhatIf
  ./entra-app-consent.ps1 -CsvPath entra-apps.csv
  ./entra-app-consent.ps1 -CsvPath entra-apps.csv -GrantScopes 'openid','profile','email','User.Read'
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
  [Parameter(Mandatory = $true)] [string] $CsvPath,
  # delegated Microsoft Graph permissions to consent to for every approved app; empty: no consent
  [string[]] $GrantScopes = @(),
  # the directory (tenant) id or domain to sign in to; empty: your account's home tenant
  [string] $TenantId = ''
)
$ErrorActionPreference = 'Stop'
$GraphAppId = '00000003-0000-0000-c000-000000000000'   # Microsoft Graph, the same id in every tenant
$Guid = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'

$scopes = @('Application.ReadWrite.All')
if ($GrantScopes.Count -gt 0) { $scopes += 'DelegatedPermissionGrant.ReadWrite.All' }
if ($TenantId) { Connect-MgGraph -Scopes $scopes -TenantId $TenantId -NoWelcome } else { Connect-MgGraph -Scopes $scopes -NoWelcome }
$tenant = (Get-MgContext).TenantId

$rows = Import-Csv -Path $CsvPath
$graph = $null
if ($GrantScopes.Count -gt 0) { $graph = Get-MgServicePrincipal -Filter "appId eq '$GraphAppId'" }

foreach ($row in $rows) {
  $appId = "$($row.AppId)".Trim().ToLowerInvariant()
  $decision = "$($row.Decision)".Trim().ToLowerInvariant()
  # names come from the register; the export may have put ' before a leading = + - @
  $label = "$($row.ToolName) ($($row.ToolId), app $appId)"
  if ($appId -notmatch $Guid -or ($decision -ne 'allow' -and $decision -ne 'block')) {
    Write-Warning "skipped a row that is not an app id with allow or block: $label, '$decision'"
    continue
  }
  $enabled = $decision -eq 'allow'
  $note = "Bijsluiter register: $(if ($enabled) { 'approved' } else { 'rejected' }) ($($row.ToolId)), set $(Get-Date -Format 'yyyy-MM-dd')"

  $sp = Get-MgServicePrincipal -Filter "appId eq '$appId'"
  if (-not $sp) {
    if ($PSCmdlet.ShouldProcess($label, "create the enterprise application with sign-in $(if ($enabled) { 'enabled' } else { 'disabled' })")) {
      # fails for an app that is not multi-tenant or does not exist: the message says which
      $sp = New-MgServicePrincipal -AppId $appId -AccountEnabled:$enabled -Notes $note
      Write-Host "created: $label, sign-in $(if ($enabled) { 'allowed' } else { 'blocked' })"
    }
  } elseif ([bool]$sp.AccountEnabled -ne $enabled) {
    if ($PSCmdlet.ShouldProcess($label, "set sign-in $(if ($enabled) { 'enabled' } else { 'disabled' })")) {
      Update-MgServicePrincipal -ServicePrincipalId $sp.Id -AccountEnabled:$enabled -Notes $note
      Write-Host "changed: $label, sign-in $(if ($enabled) { 'allowed' } else { 'blocked' })"
    }
  } else {
    Write-Host "unchanged: $label, sign-in already $(if ($enabled) { 'allowed' } else { 'blocked' })"
  }

  if (-not $enabled -or -not $sp) { continue }
  if ($GrantScopes.Count -eq 0) {
    Write-Host "  admin consent, after checking what it asks: https://login.microsoftonline.com/$tenant/adminconsent?client_id=$appId"
    continue
  }
  $scope = ($GrantScopes | Sort-Object -Unique) -join ' '
  $grant = Get-MgOauth2PermissionGrant -Filter "clientId eq '$($sp.Id)' and consentType eq 'AllPrincipals' and resourceId eq '$($graph.Id)'"
  if (-not $grant) {
    if ($PSCmdlet.ShouldProcess($label, "grant admin consent for Microsoft Graph: $scope")) {
      New-MgOauth2PermissionGrant -BodyParameter @{ clientId = $sp.Id; consentType = 'AllPrincipals'; resourceId = $graph.Id; scope = $scope } | Out-Null
      Write-Host "  consented for everyone: $scope"
    }
  } elseif ($grant.Scope -ne $scope) {
    if ($PSCmdlet.ShouldProcess($label, "change admin consent from '$($grant.Scope)' to '$scope'")) {
      Update-MgOauth2PermissionGrant -OAuth2PermissionGrantId $grant.Id -Scope $scope
      Write-Host "  consent changed to: $scope"
    }
  }
}
