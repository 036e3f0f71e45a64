package nn

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// vocab is the number of input ids: the 256 byte values and padID.
const (
	padID = 256
	vocab = 257
)

// Hard limits on an architecture. They bound what a hostile artifact's
// metadata can make FromArtifact allocate (the folded tables grow as
// vocab × Σwidths × Filters) and what Logits can be made to loop over.
const (
	maxMaxLen  = 1 << 16
	maxEmbed   = 256
	maxWidth   = 16
	maxWidths  = 8
	maxFilters = 1024
	maxHidden  = 1024
	maxTable   = 1 << 24 // floats in all folded tables: 64 MiB
)

// Arch is the shape of a ByteCNN. DefaultArch gives the tested values.
type Arch struct {
	MaxLen  int   // bytes read from the input; the rest is ignored
	Embed   int   // byte embedding size E
	Widths  []int // convolution widths, one filter bank each
	Filters int   // filters F per width
	Hidden  int   // units in the hidden dense layer
}

// DefaultArch is 256 bytes, E 24, widths 2, 3, 5 with 64 filters each and
// 64 hidden units: about 36 k parameters.
func DefaultArch() Arch {
	return Arch{MaxLen: 256, Embed: 24, Widths: []int{2, 3, 5}, Filters: 64, Hidden: 64}
}

// pooled is the size of the concatenated max-pooled features.
func (a Arch) pooled() int { return len(a.Widths) * a.Filters }

// sumWidths is Σ widths: the number of folded tables.
func (a Arch) sumWidths() int {
	s := 0
	for _, w := range a.Widths {
		s += w
	}
	return s
}

// maxWidth is the widest filter.
func (a Arch) maxWidth() int {
	m := 0
	for _, w := range a.Widths {
		m = max(m, w)
	}
	return m
}

func (a Arch) check() error {
	switch {
	case a.MaxLen < 1 || a.MaxLen > maxMaxLen:
		return fmt.Errorf("max length %d outside [1, %d]", a.MaxLen, maxMaxLen)
	case a.Embed < 1 || a.Embed > maxEmbed:
		return fmt.Errorf("embedding size %d outside [1, %d]", a.Embed, maxEmbed)
	case a.Filters < 1 || a.Filters > maxFilters:
		return fmt.Errorf("filters %d outside [1, %d]", a.Filters, maxFilters)
	case a.Hidden < 1 || a.Hidden > maxHidden:
		return fmt.Errorf("hidden size %d outside [1, %d]", a.Hidden, maxHidden)
	case len(a.Widths) < 1 || len(a.Widths) > maxWidths:
		return fmt.Errorf("%d convolution widths, want 1 to %d", len(a.Widths), maxWidths)
	}
	for _, w := range a.Widths {
		if w < 1 || w > maxWidth {
			return fmt.Errorf("convolution width %d outside [1, %d]", w, maxWidth)
		}
	}
	if vocab*a.sumWidths()*a.Filters > maxTable {
		return errors.New("architecture too large: folded tables exceed 64 MiB")
	}
	return nil
}

// Metadata keys under which an artifact stores the architecture.
const (
	metaMaxLen  = "nn.max_len"
	metaEmbed   = "nn.embed"
	metaWidths  = "nn.widths"
	metaFilters = "nn.filters"
	metaHidden  = "nn.hidden"
)

func (a Arch) metadata() map[string]string {
	ws := make([]string, len(a.Widths))
	for i, w := range a.Widths {
		ws[i] = strconv.Itoa(w)
	}
	return map[string]string{
		metaMaxLen: strconv.Itoa(a.MaxLen), metaEmbed: strconv.Itoa(a.Embed),
		metaWidths: strings.Join(ws, ","), metaFilters: strconv.Itoa(a.Filters),
		metaHidden: strconv.Itoa(a.Hidden),
	}
}

// archFromMetadata parses and checks an architecture stored by metadata.
func archFromMetadata(meta map[string]string) (Arch, error) {
	var a Arch
	var err error
	num := func(key string) int {
		n, e := strconv.Atoi(meta[key])
		if e != nil && err == nil {
			err = fmt.Errorf("metadata %s=%q: not an integer", key, meta[key])
		}
		return n
	}
	a.MaxLen, a.Embed, a.Filters, a.Hidden = num(metaMaxLen), num(metaEmbed), num(metaFilters), num(metaHidden)
	fields := strings.Split(meta[metaWidths], ",")
	if len(fields) > maxWidths {
		return a, fmt.Errorf("metadata %s: %d widths, want at most %d", metaWidths, len(fields), maxWidths)
	}
	for _, f := range fields {
		w, e := strconv.Atoi(f)
		if e != nil {
			return a, fmt.Errorf("metadata %s=%q: not a list of integers", metaWidths, meta[metaWidths])
		}
		a.Widths = append(a.Widths, w)
	}
	if err != nil {
		return a, err
	}
	return a, a.check()
}
