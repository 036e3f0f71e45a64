package deobfuscate

// Transform is one deobfuscation technique: a pure function that returns the
// rewritten text and whether it changed anything.
type Transform struct {
	Name string
	// Lang is the shell the technique belongs to: "any", "powershell",
	// "cmd" or "sh". It is informational (the trace shows it); every
	// transform is cheap to try on any input.
	Lang string
	Fn   func(in string) (string, bool)
}

// transforms is the ordered table the pipeline applies in every pass. Order
// matters: decoders that replace the whole command (-EncodedCommand, bare
// Base64) come first, then string-building tricks, then cosmetic cleanups
// that would otherwise break the patterns above them.
var transforms []Transform

// register adds transforms to the table; called from init in the files that
// define them, with an explicit order key so the table does not depend on
// file names.
func register(order int, t Transform) {
	ordered = append(ordered, orderedTransform{order, t})
	sortOrdered()
}

type orderedTransform struct {
	order int
	t     Transform
}

var ordered []orderedTransform

func sortOrdered() {
	// insertion sort: the table is small and built once at init.
	for i := len(ordered) - 1; i > 0 && ordered[i].order < ordered[i-1].order; i-- {
		ordered[i], ordered[i-1] = ordered[i-1], ordered[i]
	}
	transforms = transforms[:0]
	for _, o := range ordered {
		transforms = append(transforms, o.t)
	}
}

// Transforms returns the registered transforms in pipeline order.
func Transforms() []Transform {
	out := make([]Transform, len(transforms))
	copy(out, transforms)
	return out
}

// Lookup returns the transform with the given name.
func Lookup(name string) (Transform, bool) {
	for _, t := range transforms {
		if t.Name == name {
			return t, true
		}
	}
	return Transform{}, false
}
