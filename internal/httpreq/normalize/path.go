package normalize

import "strings"

// PathClean normalises path separators the way many servers do before
// routing: backslashes become slashes, runs of slashes collapse and "/./"
// segments go. It keeps ".." segments: they are the traversal, and
// resolving them would hide it.
func PathClean(in string) (string, bool) {
	if !strings.ContainsAny(in, `\`) && !strings.Contains(in, "//") && !strings.Contains(in, "/./") && !strings.HasSuffix(in, "/.") {
		return in, false
	}
	s := strings.ReplaceAll(in, `\`, "/")
	var b strings.Builder
	b.Grow(len(s))
	segs := strings.Split(s, "/")
	for i, seg := range segs {
		if i > 0 && (seg == "" && i < len(segs)-1 || seg == ".") {
			continue
		}
		if i > 0 {
			b.WriteByte('/')
		}
		b.WriteString(seg)
	}
	out := b.String()
	return out, out != in
}
