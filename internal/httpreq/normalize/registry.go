package normalize

// Transform is one normalisation technique.
type Transform struct {
	Name string
	// Kinds says which values it applies to: a bitmask of Path, Form and
	// Text.
	Kinds Kind
	// FirstPassOnly transforms run once: '+' means space in the encoded
	// form only, never after a percent-decoding layer.
	FirstPassOnly bool
	Fn            func(in string) (string, bool)
}

// Kind is what a value is, which decides the transforms that apply.
type Kind uint8

const (
	// Path is a URL path.
	Path Kind = 1 << iota
	// Form is a query or form-body parameter (application/x-www-form-urlencoded).
	Form
	// Text is an opaque body (JSON, XML, plain text) or header value.
	Text
	anyKind = Path | Form | Text
)

// table is the order of a pass: decoders of the transport encoding first
// (so later steps see bytes), then character-level repairs, then markup
// and language-level tricks, then cosmetic folding.
var table = []Transform{
	{Name: "plus_space", Kinds: Form, FirstPassOnly: true, Fn: PlusSpace},
	{Name: "url_decode", Kinds: anyKind, Fn: URLDecode},
	{Name: "percent_u", Kinds: anyKind, Fn: PercentU},
	{Name: "overlong_utf8", Kinds: anyKind, Fn: OverlongUTF8},
	{Name: "latin1", Kinds: anyKind, Fn: Latin1},
	{Name: "fullwidth", Kinds: anyKind, Fn: Fullwidth},
	{Name: "html_entity", Kinds: anyKind, Fn: HTMLEntity},
	{Name: "js_escape", Kinds: Form | Text, Fn: JSEscape},
	{Name: "sql_comment", Kinds: Form | Text, Fn: SQLComment},
	{Name: "path_clean", Kinds: Path, Fn: PathClean},
	{Name: "mixed_case", Kinds: anyKind, Fn: MixedCase},
}

// Transforms returns the table in pipeline order.
func Transforms() []Transform { return append([]Transform(nil), table...) }

// Lookup returns the named transform.
func Lookup(name string) (Transform, bool) {
	for _, t := range table {
		if t.Name == name {
			return t, true
		}
	}
	return Transform{}, false
}
