package dataset

import "strings"

// Class is a Tier-1 verdict class index.
type Class int

// The three verdict classes, in model output order.
const (
	Benign Class = iota
	Suspicious
	Malicious
	// Unlabelled marks rows that carry only a technique (Tier-2 data).
	Unlabelled Class = -1
)

// ClassNames are the public names of the classes, indexed by Class.
var ClassNames = []string{"Benign", "Suspicious", "Malicious"}

func (c Class) String() string {
	if c < 0 || int(c) >= len(ClassNames) {
		return "Unlabelled"
	}
	return ClassNames[c]
}

// Example is one command line with its labels.
type Example struct {
	Command string
	Class   Class
	// Technique is the ATT&CK technique id as the source gives it
	// ("T1059.001"), or "".
	Technique string
	// Source names the corpus ("tldr", "atomic-red-team", ...).
	Source string
	// Group is the split key: rows that share it are near-duplicates
	// (one tldr page, one atomic technique, one malware family ...).
	Group string
	// Policy names the label-policy rule that set Class (see Policy).
	Policy string
	// DualUse marks tldr pages of offensive or dual-use tools.
	DualUse bool
}

// Key is the form used to detect duplicates across sources: trimmed,
// white space collapsed, lower case.
func Key(cmd string) string {
	return strings.ToLower(strings.Join(strings.Fields(cmd), " "))
}
