package dataset

// Attack types the type model names. "other" covers attacks with no
// injection class (CSIC's parameter tampering and resource probes); the
// detector reports it as a null attack_type. XPath injection is left out:
// its 13 rows are SQL tautologies too ("' or '1'='1"), and a class that
// small only steals the SQL ones.
var Types = []string{
	"sqli", "xss", "traversal", "cmdi", "ssti", "xxe", "crlf", "nosqli", "ldapi",
	"rfi", "open_redirect", "ssi", "format_string", "other",
}

// Other is the catch-all type.
const Other = "other"

// CanonicalType maps a source's attack type to one of Types ("" when the
// source has none or it is a mix).
func CanonicalType(t string) string {
	switch t {
	case "lfi", "path-traversal", "traversal":
		return "traversal"
	case "mixed", "xpathi", "":
		return ""
	}
	for _, k := range Types {
		if k == t {
			return t
		}
	}
	return ""
}

// csicType maps CSIC's regex guess to a type: injections keep theirs, the
// rest (tampering, probes, file disclosure) are "other".
func csicType(guess string) string {
	switch guess {
	case "sqli", "xss", "crlf", "ssi":
		return guess
	case "":
		return ""
	}
	return Other
}

// TypeIndex returns the index of t in Types, or -1.
func TypeIndex(t string) int {
	for i, k := range Types {
		if k == t {
			return i
		}
	}
	return -1
}
