package features

// FNV-1a 64-bit parameters, applied to whole code points rather than bytes.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Seeds that keep the char and word hash families apart.
const (
	seedChar   = fnvOffset ^ 0x63686172 // "char"
	seedWord   = fnvOffset ^ 0x776f7264 // "word"
	bigramSalt = 0x9e3779b97f4a7c15
)

// fnvStep folds one code point into an FNV-1a state.
func fnvStep(h uint64, r rune) uint64 { return (h ^ uint64(r)) * fnvPrime }

// mix64 is the splitmix64 finaliser: it spreads FNV's weak low-order
// avalanche over all 64 bits before buckets and signs are taken.
func mix64(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	return h ^ h>>31
}
