package rules

// bigrams is a bitmap of the byte pairs present in the text views. A
// literal whose pairs are not all present cannot occur, which rejects most
// prefilter literals in a few nanoseconds instead of a substring scan.
type bigrams struct {
	bits [1 << 16 / 64]uint64
	set  []uint16 // bits to clear on the next reset
}

func (b *bigrams) reset(views ...string) {
	for _, g := range b.set {
		b.bits[g>>6] = 0
	}
	b.set = b.set[:0]
	for _, v := range views {
		for i := 0; i+1 < len(v); i++ {
			g := gram(v[i], v[i+1])
			if b.bits[g>>6]&(1<<(g&63)) == 0 {
				b.bits[g>>6] |= 1 << (g & 63)
				b.set = append(b.set, g)
			}
		}
	}
}

func (b *bigrams) all(gs []uint16) bool {
	for _, g := range gs {
		if b.bits[g>>6]&(1<<(g&63)) == 0 {
			return false
		}
	}
	return true
}

func gram(a, b byte) uint16 { return uint16(a)<<8 | uint16(b) }

// literalGrams lists the distinct bigrams of a literal.
func literalGrams(lit string) []uint16 {
	var out []uint16
	for i := 0; i+1 < len(lit); i++ {
		out = append(out, gram(lit[i], lit[i+1]))
	}
	return out
}
