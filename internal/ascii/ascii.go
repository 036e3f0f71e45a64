// Package ascii holds the byte-level ASCII helpers that the command-line
// parser and the deobfuscator share: case folding that leaves non-ASCII
// bytes (and so byte offsets) untouched.
package ascii

// Lower lower-cases the ASCII letters of s and leaves every other byte as
// it is, so offsets into the result are offsets into s. It allocates only
// when s holds an upper-case letter.
func Lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// IsLetter reports whether c is an ASCII letter.
func IsLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// HasPrefixFold reports whether s starts with prefix, ignoring ASCII case;
// prefix must be lower case.
func HasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}
