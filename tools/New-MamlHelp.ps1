#requires -Version 7.6
<#
.SYNOPSIS
    Writes the module's MAML help from en-US/help/<Cmdlet>.psd1 and the cmdlets' own parameter metadata.
.DESCRIPTION
    platyPS is not available here, so this script does its job: the syntax, parameter types, positions, pipeline
    input and aliases come from the compiled cmdlets (so they never drift from the code); the prose and the
    examples come from one data file per cmdlet. A cmdlet without a help file, without an example, or with an
    undescribed parameter fails the build.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $HelpSource,
    [Parameter(Mandatory)] [string] $OutFile
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$module = Import-Module $ModulePath -PassThru -Force
$common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
$shouldProcess = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}
$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
$problems = [System.Collections.Generic.List[string]]::new()

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$w = [System.Xml.XmlWriter]::Create($OutFile, $settings)

function Paras([string] $prefix, [string] $text) {
    $w.WriteStartElement($prefix, 'description', $ns[$prefix])
    foreach ($p in ($text -split "\r?\n\s*\r?\n")) {
        $w.WriteElementString('maml', 'para', $ns.maml, ($p.Trim() -replace '\s*\r?\n\s*', ' '))
    }
    $w.WriteEndElement()
}

function TypeName([type] $t) {
    if ($t.IsArray) { return (TypeName $t.GetElementType()) + '[]' }
    if ($t.IsGenericType -and $t.GetGenericTypeDefinition() -eq [Nullable`1]) { return TypeName $t.GetGenericArguments()[0] }
    $t.Name
}

function ParameterElement($cmd, $p, $setParam, [hashtable] $descriptions) {
    $desc = if ($shouldProcess.ContainsKey($p.Name)) { $shouldProcess[$p.Name] } else { $descriptions[$p.Name] }
    if (-not $desc) { $problems.Add("$($cmd.Name): parameter -$($p.Name) has no description"); $desc = '' }
    $pipeline = @()
    if ($setParam -and $setParam.ValueFromPipeline) { $pipeline += 'ByValue' }
    if ($setParam -and $setParam.ValueFromPipelineByPropertyName) { $pipeline += 'ByPropertyName' }
    $isSwitch = $p.ParameterType -eq [switch]
    $w.WriteStartElement('command', 'parameter', $ns.command)
    $w.WriteAttributeString('required', ([string]($setParam -and $setParam.IsMandatory)).ToLowerInvariant())
    $w.WriteAttributeString('variableLength', 'true')
    $w.WriteAttributeString('globbing', 'false')
    $w.WriteAttributeString('pipelineInput', $(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }))
    $w.WriteAttributeString('position', $(if ($setParam -and $setParam.Position -ge 0) { [string]$setParam.Position } else { 'named' }))
    $w.WriteAttributeString('aliases', $(if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' }))
    $w.WriteElementString('maml', 'name', $ns.maml, $p.Name)
    Paras 'maml' $desc
    if (-not $isSwitch) {
        $w.WriteStartElement('command', 'parameterValue', $ns.command)
        $w.WriteAttributeString('required', 'true'); $w.WriteAttributeString('variableLength', 'false')
        $w.WriteString((TypeName $p.ParameterType)); $w.WriteEndElement()
    }
    $w.WriteStartElement('dev', 'type', $ns.dev); $w.WriteElementString('maml', 'name', $ns.maml, (TypeName $p.ParameterType)); $w.WriteEndElement()
    $w.WriteElementString('dev', 'defaultValue', $ns.dev, $(if ($isSwitch) { 'False' } else { 'None' }))
    $w.WriteEndElement()
}

$w.WriteStartDocument()
$w.WriteStartElement('helpItems', 'http://msh')
$w.WriteAttributeString('schema', 'maml')
foreach ($cmd in ($module.ExportedCmdlets.Values | Sort-Object Name)) {
    $file = Join-Path $HelpSource "$($cmd.Name).psd1"
    if (-not (Test-Path $file)) { $problems.Add("$($cmd.Name): no help source $file"); continue }
    $h = Import-PowerShellDataFile $file
    $descriptions = if ($h.ContainsKey('Parameters')) { $h.Parameters } else { @{} }
    foreach ($key in 'Synopsis', 'Description', 'Examples') { if (-not $h.ContainsKey($key) -or -not $h[$key]) { $problems.Add("$($cmd.Name): help has no $key") } }

    $w.WriteStartElement('command', 'command', $ns.command)
    foreach ($prefix in 'maml', 'dev') { $w.WriteAttributeString('xmlns', $prefix, $null, $ns[$prefix]) }
    $w.WriteStartElement('command', 'details', $ns.command)
    $w.WriteElementString('command', 'name', $ns.command, $cmd.Name)
    $w.WriteElementString('command', 'verb', $ns.command, $cmd.Verb)
    $w.WriteElementString('command', 'noun', $ns.command, $cmd.Noun)
    Paras 'maml' ([string]$h.Synopsis)
    $w.WriteEndElement()
    Paras 'maml' ([string]$h.Description)

    $w.WriteStartElement('command', 'syntax', $ns.command)
    foreach ($set in $cmd.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $ns.command)
        $w.WriteElementString('maml', 'name', $ns.maml, $cmd.Name)
        foreach ($sp in ($set.Parameters | Where-Object { $_.Name -notin $common -or $shouldProcess.ContainsKey($_.Name) } | Sort-Object { if ($_.Position -ge 0) { $_.Position } else { 1000 } })) {
            ParameterElement $cmd $cmd.Parameters[$sp.Name] $sp $descriptions
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($p in ($cmd.Parameters.Values | Where-Object { $_.Name -notin $common -or $shouldProcess.ContainsKey($_.Name) } | Sort-Object Name)) {
        $sp = $cmd.ParameterSets.Parameters | Where-Object Name -eq $p.Name | Sort-Object IsMandatory -Descending | Select-Object -First 1
        ParameterElement $cmd $p $sp $descriptions
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'inputTypes', $ns.command)
    foreach ($in in @(if ($h.ContainsKey('Inputs')) { $h.Inputs } else { 'None' })) {
        $w.WriteStartElement('command', 'inputType', $ns.command)
        $w.WriteStartElement('dev', 'type', $ns.dev); $w.WriteElementString('maml', 'name', $ns.maml, $in); $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteStartElement('command', 'returnValues', $ns.command)
    foreach ($ot in $cmd.OutputType) {
        $w.WriteStartElement('command', 'returnValue', $ns.command)
        $w.WriteStartElement('dev', 'type', $ns.dev); $w.WriteElementString('maml', 'name', $ns.maml, $ot.Name); $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    if ($h.ContainsKey('Notes')) {
        $w.WriteStartElement('maml', 'alertSet', $ns.maml); $w.WriteStartElement('maml', 'alert', $ns.maml)
        $w.WriteElementString('maml', 'para', $ns.maml, $h.Notes); $w.WriteEndElement(); $w.WriteEndElement()
    }
    $w.WriteStartElement('command', 'examples', $ns.command)
    $i = 0
    foreach ($ex in @($h.Examples)) {
        $i++
        $w.WriteStartElement('command', 'example', $ns.command)
        $w.WriteElementString('maml', 'title', $ns.maml, "--------- Example $($i): $($ex.Title) ---------")
        $w.WriteElementString('dev', 'code', $ns.dev, $ex.Code.Trim())
        $w.WriteStartElement('dev', 'remarks', $ns.dev)
        $w.WriteElementString('maml', 'para', $ns.maml, $ex.Remarks.Trim())
        $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteStartElement('command', 'relatedLinks', $ns.command)
    foreach ($link in @(@($h['Links']) + 'about_Pint' | Where-Object { $_ })) {
        $w.WriteStartElement('maml', 'navigationLink', $ns.maml)
        $w.WriteElementString('maml', 'linkText', $ns.maml, $link); $w.WriteElementString('maml', 'uri', $ns.maml, '')
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteEndElement()
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Close()

if ($problems.Count) {
    $problems | ForEach-Object { Write-Error $_ -ErrorAction Continue }
    exit 1
}
