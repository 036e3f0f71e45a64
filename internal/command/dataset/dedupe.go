package dataset

// Dedupe keeps the first row of every distinct command (by Key) so that no
// command can sit on both sides of a split. A command seen with different
// classes is kept once as Suspicious (PolicyConflict): the data itself says
// it cannot be judged without context. Technique labels are kept from the
// first row that has one.
func Dedupe(rows []Example) []Example {
	index := make(map[string]int, len(rows))
	out := make([]Example, 0, len(rows))
	for _, r := range rows {
		k := Key(r.Command)
		i, seen := index[k]
		if !seen {
			index[k] = len(out)
			out = append(out, r)
			continue
		}
		kept := &out[i]
		if kept.Technique == "" {
			kept.Technique = r.Technique
		}
		switch {
		case kept.Class == Unlabelled:
			kept.Class = r.Class
		case r.Class != Unlabelled && r.Class != kept.Class:
			kept.Class, kept.Policy = Suspicious, PolicyConflict
		}
	}
	return out
}

// Parent returns the parent-level technique of the example ("" when none).
func (e Example) Parent() string { return parentTechnique(e.Technique) }
