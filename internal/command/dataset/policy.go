package dataset

import "strings"

// Policy decisions, named so a model card and an audit can count them.
//
// The label policy maps each source's labels onto Benign / Suspicious /
// Malicious:
//
//   - tldr and nl2bash are Benign, except tldr pages flagged as offensive or
//     dual-use tools (nmap, hydra, mimikatz ...), which are Suspicious: the
//     same command is an administrator's check or an intruder's step. The
//     trainer promotes those to Malicious when a force_malicious rule fires
//     on them (mimikatz "lsadump::sam" is an attack whoever
//     types it); a page's own `tldr <page>` lookup line stays Benign.
//   - atomic-red-team tests are Malicious, except tests of Discovery-only
//     techniques (whoami, arp -a, tasklist ...), which are Suspicious; the
//     trainer promotes those back to Malicious when a force_malicious or
//     promote rule fires on them (a Discovery test that downloads and runs
//     a tool is an attack whatever its technique).
//   - LOLBAS, GTFOBins, unit42 and QuasarNix rows are Malicious; GTFOBins
//     "inherit" rows (suspicious_inherit) are Suspicious.
//   - atomic-red-team cleanup and prerequisite commands (aux) are Benign
//     administration; the trainer drops those on which any non-benign rule
//     fires (prerequisites download tools).
//   - Genos gatekeeper rows keep their labels, Context_Dependent becoming
//     Suspicious; its single-word "Malicious" rows (indicator keywords such
//     as API names and paths, not command lines) are left out.
//   - Cmdlet lines of the benign PowerShell scripts (mpsd) are Benign
//     training rows only (PowerShellBenignLines): Windows administration is
//     otherwise thin. They never enter the validation or test parts, so the
//     reported figures stay comparable with runs without them.
//   - A command that occurs with conflicting classes becomes Suspicious:
//     it cannot be judged without context.
const (
	PolicyTldr            = "tldr"
	PolicyTldrDualUse     = "tldr-dual-use"
	PolicyNL2Bash         = "nl2bash"
	PolicyAtomic          = "atomic"
	PolicyAtomicDiscovery = "atomic-discovery"
	PolicyAtomicAux       = "atomic-aux"
	PolicyLOLBAS          = "lolbas"
	PolicyGTFOBins        = "gtfobins"
	PolicyGTFOInherit     = "gtfobins-inherit"
	PolicyUnit42          = "unit42"
	PolicyQuasarNix       = "quasarnix"
	PolicyGatekeeper      = "genos-gatekeeper"
	PolicyConflict        = "conflicting-labels"
	PolicySpecialist      = "genos-specialist"
	PolicyPowerShellLines = "mpsd-benign-lines"
)

// Options holds what the policy needs from outside the package.
type Options struct {
	// DiscoveryOnly reports whether a technique id belongs to the
	// Discovery tactic alone; nil treats no technique as Discovery-only.
	DiscoveryOnly func(id string) bool
}

// classify applies the source-level policy to one commands.jsonl record.
func (o Options) classify(r record) (Class, string, string) {
	switch r.Source {
	case "tldr":
		if r.DualUse && !strings.HasPrefix(r.Command, "tldr ") {
			return Suspicious, PolicyTldrDualUse, "tldr:" + r.Page
		}
		return Benign, PolicyTldr, "tldr:" + r.Page
	case "nl2bash":
		return Benign, PolicyNL2Bash, "nl2bash:" + Template(r.Command)
	case "atomic-red-team":
		if o.DiscoveryOnly != nil && o.DiscoveryOnly(parentTechnique(r.Technique)) {
			return Suspicious, PolicyAtomicDiscovery, "atomic:" + r.TestGUID
		}
		return Malicious, PolicyAtomic, "atomic:" + r.TestGUID
	case "lolbas":
		return Malicious, PolicyLOLBAS, "lolbas:" + r.Binary
	case "gtfobins":
		if r.Label == "suspicious_inherit" {
			return Suspicious, PolicyGTFOInherit, "gtfobins:" + r.Binary
		}
		return Malicious, PolicyGTFOBins, "gtfobins:" + r.Binary
	case "unit42-psencmds":
		return Malicious, PolicyUnit42, "unit42:" + r.Family
	case "quasarnix-templates":
		return Malicious, PolicyQuasarNix, "quasarnix:" + Template(r.Command)
	}
	switch r.Label {
	case "benign":
		return Benign, r.Source, r.Source + ":" + executable(r.Command)
	case "malicious":
		return Malicious, r.Source, r.Source + ":" + executable(r.Command)
	}
	return Suspicious, r.Source, r.Source + ":" + executable(r.Command)
}
