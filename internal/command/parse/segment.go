package parse

import (
	"strings"

	"github.com/vigilsec/vigil/internal/ascii"
)

// structure is what the token stream says about a line, before indicators.
type structure struct {
	segs       []Segment
	words      [][]token // each segment's word tokens, for inline code
	pipes      []string
	chains     []string
	redirs     []string
	background bool
}

// split cuts tokens into segments at pipes, chains and group brackets.
func split(toks []token, d dialect) structure {
	var st structure
	var words []token
	var all []string
	var targets []string
	wantTarget := false
	flush := func(op string) {
		if len(all) == 0 {
			if n := len(st.segs); op != "" && n > 0 && st.segs[n-1].Operator == "" {
				st.segs[n-1].Operator = op
			}
			return
		}
		seg := analyze(words, d)
		seg.Tokens, seg.RedirectTargets, seg.Operator = all, targets, op
		st.segs = append(st.segs, seg)
		st.words = append(st.words, words)
		words, all, targets, wantTarget = nil, nil, nil, false
	}
	for _, t := range toks {
		switch t.kind {
		case tWord:
			all = append(all, t.val)
			if wantTarget {
				targets, wantTarget = append(targets, t.val), false
			} else {
				words = append(words, t)
			}
		case tRedir:
			all = append(all, t.val)
			st.redirs = append(st.redirs, t.val)
			wantTarget = redirNeedsTarget(t.val)
		case tPipe:
			st.pipes = append(st.pipes, t.val)
			flush(t.val)
		case tChain:
			op := t.val
			if op == "\n" {
				op = ";"
			}
			if len(all) > 0 || len(st.segs) > 0 {
				st.chains = append(st.chains, op)
			}
			flush(op)
		default:
			flush("")
		}
	}
	flush("")
	st.trimTrailing(d)
	return st
}

// trimTrailing drops chain operators that end the line: a trailing ";" or
// newline separates nothing, and sh's trailing "&" is a background job.
func (st *structure) trimTrailing(d dialect) {
	n := len(st.segs)
	if n == 0 || len(st.chains) == 0 {
		return
	}
	last := &st.segs[n-1]
	switch last.Operator {
	case ";", "&":
		if last.Operator == "&" && d != dialectSh {
			return
		}
		st.background = st.background || last.Operator == "&"
		st.chains = st.chains[:len(st.chains)-1]
		last.Operator = ""
	}
}

func redirNeedsTarget(op string) bool {
	i := strings.IndexByte(op, '&')
	return !(i >= 0 && i < len(op)-1 && i > strings.IndexAny(op, "<>"))
}

// analyze finds a segment's executable, wrappers, subcommand, flags and
// arguments.
func analyze(words []token, d dialect) Segment {
	seg := Segment{Flags: []string{}, Args: []string{}}
	i := skipAssignments(words, d)
	i = seg.skipWrappers(words, i, d)
	if i >= len(words) {
		return seg
	}
	seg.Executable = normExe(strings.TrimPrefix(words[i].val, "@"))
	win := d != dialectSh || windowsExes.has(seg.Executable)
	endOpts := false
	for _, t := range words[i+1:] {
		switch {
		case !endOpts && t.val == "--":
			endOpts = true
		case !endOpts && isFlag(t.val, win):
			seg.Flags = append(seg.Flags, t.val)
		default:
			seg.Args = append(seg.Args, t.val)
		}
	}
	seg.findSubcommand()
	return seg
}

// skipAssignments skips sh NAME=value prefixes and a PowerShell "$x ="
// assignment.
func skipAssignments(words []token, d dialect) int {
	i := 0
	switch d {
	case dialectSh:
		for i < len(words)-1 && isAssignment(words[i].val) {
			i++
		}
	case dialectPS:
		if len(words) > 2 && strings.HasPrefix(words[0].val, "$") && words[1].val == "=" {
			i = 2
		}
	}
	return i
}

func isAssignment(w string) bool {
	eq := strings.IndexByte(w, '=')
	if eq <= 0 || !ascii.IsLetter(w[0]) && w[0] != '_' {
		return false
	}
	for k := 1; k < eq; k++ {
		if !isAlnum(w[k]) && w[k] != '_' {
			return false
		}
	}
	return true
}

// skipWrappers records sudo/nohup/env/... prefixes and their own options
// and returns the index of the real executable.
func (seg *Segment) skipWrappers(words []token, i int, d dialect) int {
	for i < len(words)-1 {
		w := normExe(words[i].val)
		if !wrappers.has(w) || (w == "start" || w == "call") && d != dialectCmd || w == "&" && d != dialectPS {
			break
		}
		j := skipWrapperOptions(words, i+1, w)
		if j >= len(words) || strings.HasPrefix(words[j].val, "-") {
			break // "sudo -l", "env": the wrapper is the command
		}
		seg.Wrappers = append(seg.Wrappers, w)
		i = j
	}
	return i
}

func skipWrapperOptions(words []token, i int, w string) int {
	positional := 0
	for i < len(words) {
		v := words[i].val
		switch {
		case v == "--":
			return i + 1
		case len(v) > 1 && (v[0] == '-' || w == "start" && v[0] == '/'):
			i++
			if wrapperValueFlags[w].has(v) {
				i++
			}
		case w == "env" && isAssignment(v):
			i++
		case positional == 0 && v != "" && (w == "timeout" && isDigit(v[0]) || w == "chroot" || w == "start" && words[i].quoted):
			positional++
			i++
		default:
			return i
		}
	}
	return i
}

// isFlag: --long, -x..., and on Windows /x... (not /a/b, a Unix path).
func isFlag(v string, win bool) bool {
	if len(v) < 2 {
		return false
	}
	switch v[0] {
	case '-':
		if v[1] == '-' {
			return len(v) > 2 && isAlnum(v[2])
		}
		return isAlnum(v[1]) || v[1] == '?'
	case '/':
		return win && (ascii.IsLetter(v[1]) || v[1] == '?') && strings.IndexAny(v[1:], `/\`) < 0
	}
	return false
}

// findSubcommand moves the subcommand out of Args (docker run, reg add)
// or copies the /verb of schtasks and bitsadmin.
func (seg *Segment) findSubcommand() {
	switch {
	case subcommandExes.has(seg.Executable):
		for k, a := range seg.Args {
			if isWordish(a) {
				seg.Subcommand = ascii.Lower(a)
				seg.Args = append(seg.Args[:k:k], seg.Args[k+1:]...)
				return
			}
		}
	case slashVerbExes.has(seg.Executable):
		for _, f := range seg.Flags {
			if f[0] == '/' && isWordish(f[1:]) {
				seg.Subcommand = ascii.Lower(f[1:])
				return
			}
		}
	}
}

func isWordish(w string) bool {
	if w == "" || len(w) > 40 || !ascii.IsLetter(w[0]) {
		return false
	}
	for i := 1; i < len(w); i++ {
		if !isAlnum(w[i]) && w[i] != '-' && w[i] != '_' && w[i] != '.' {
			return false
		}
	}
	return true
}
