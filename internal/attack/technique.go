package attack

// Technique is one ATT&CK technique or sub-technique.
type Technique struct {
	ID         string   // canonical id: "T1059" or "T1059.001"
	Name       string   // ATT&CK name; a sub-technique's without its parent's ("PowerShell")
	Tactics    []string // tactic display names in kill-chain order; shared, read-only
	Parent     string   // parent id of a sub-technique; "" for a technique
	Revoked    bool     // replaced by another technique in ATT&CK
	Deprecated bool     // withdrawn from ATT&CK without a replacement
}

// Ref is the compact form of a technique in vigil's JSON output.
type Ref struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Tactics []string `json:"tactics"`
}

// IsSub reports whether t is a sub-technique.
func (t Technique) IsSub() bool { return t.Parent != "" }

// FullName is the name ATT&CK displays: "Command and Scripting Interpreter:
// PowerShell" for a sub-technique, Name otherwise. It allocates nothing for
// catalogue entries.
func (t Technique) FullName() string {
	c := load()
	if i, ok := c.find(t.ID); ok && c.techs[i].Name == t.Name {
		return c.full[i]
	}
	if p, ok := c.find(t.Parent); ok {
		return c.techs[p].Name + ": " + t.Name
	}
	return t.Name
}

// Ref returns t for JSON output, named by its FullName.
func (t Technique) Ref() Ref {
	return Ref{ID: t.ID, Name: t.FullName(), Tactics: t.Tactics}
}
