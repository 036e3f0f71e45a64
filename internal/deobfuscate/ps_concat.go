package deobfuscate

import "strings"

func init() {
	register(34, Transform{Name: "ps_concat", Lang: "powershell", Fn: PSConcat})
}

// psMaxRounds bounds the merge rounds of one call (each round folds the
// chains one parenthesis level up); it stops deeply nested ((('a'+'b')))
// inputs from keeping a single step busy.
const psMaxRounds = 16

// PSConcat folds string-literal concatenation, 'a'+"b"+('c') -> 'abc',
// repeating until stable (Genos step 7). A literal followed by member
// access or an index ('b'.Replace(...), 'b'[0]) is left alone, since that
// binds tighter than +.
func PSConcat(in string) (string, bool) {
	if !strings.Contains(in, "+") || !strings.ContainsAny(in, `'"`) {
		return in, false
	}
	return psRewrite(in, func(s string, _ int, val string, end int) (string, int, bool) {
		merged, e, n := concatChain(s, val, end)
		return psQuote(merged), e, n > 0
	})
}

// concatChain extends a literal ending at end with every "+ literal" that
// follows it. It returns the merged value, its end and the merge count.
func concatChain(s, val string, end int) (string, int, int) {
	n := 0
	for {
		j := skipSpace(s, end)
		if j+1 >= len(s) || s[j] != '+' || s[j+1] == '+' || s[j+1] == '=' {
			return val, end, n
		}
		v, e, ok := literalAt(s, j+1)
		if !ok || followedByMember(s, e) {
			return val, end, n
		}
		val, end, n = val+v, e, n+1
	}
}
