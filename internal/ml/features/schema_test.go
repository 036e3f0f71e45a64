package features

import (
	"strings"
	"testing"
)

func TestSchemaHashGolden(t *testing.T) {
	got := DefaultText("command-line").Hash()
	if len(got) != 64 || strings.Trim(got, "0123456789abcdef") != "" {
		t.Fatalf("hash %q is not 64 hex digits", got)
	}
	// A failure here means every shipped model was trained under another
	// schema: bump Schema.Version or retrain, then run go test -update.
	checkGolden(t, "schema_hash.golden", got)
}

func TestSchemaHashCoversEveryField(t *testing.T) {
	base := DefaultText("command-line")
	mutations := map[string]func(*Schema){
		"name":          func(s *Schema) { s.Name = "http" },
		"version":       func(s *Schema) { s.Version++ },
		"hash bits":     func(s *Schema) { s.HashBits++ },
		"char min":      func(s *Schema) { s.CharMin++ },
		"char max":      func(s *Schema) { s.CharMax++ },
		"word boundary": func(s *Schema) { s.CharWordBoundary = false },
		"word min":      func(s *Schema) { s.WordMin++ },
		"word max":      func(s *Schema) { s.WordMax-- },
		"lowercase":     func(s *Schema) { s.Lowercase = false },
		"signed":        func(s *Schema) { s.Signed = false },
		"sublinear":     func(s *Schema) { s.Sublinear = false },
		"idf":           func(s *Schema) { s.IDF = false },
		"l2":            func(s *Schema) { s.L2 = false },
		"max input":     func(s *Schema) { s.MaxInputBytes++ },
		"dense names":   func(s *Schema) { s.Dense = []string{"len"} },
	}
	for name, mutate := range mutations {
		t.Run(name+" changes the hash", func(t *testing.T) {
			s := base
			mutate(&s)
			if s.Hash() == base.Hash() {
				t.Errorf("hash unchanged after mutating %s", name)
			}
		})
	}
	t.Run("dense order changes the hash", func(t *testing.T) {
		a, b := base, base
		a.Dense, b.Dense = []string{"x", "y"}, []string{"y", "x"}
		if a.Hash() == b.Hash() {
			t.Error("reordered dense columns hash equal")
		}
	})
}

func TestSchemaValidate(t *testing.T) {
	tests := []struct {
		name    string
		mutate  func(*Schema)
		wantErr bool
	}{
		{"default is valid", func(*Schema) {}, false},
		{"too many hash bits", func(s *Schema) { s.HashBits = 30 }, true},
		{"inverted char range", func(s *Schema) { s.CharMin = 6 }, true},
		{"char n too large", func(s *Schema) { s.CharMax = 9 }, true},
		{"word n too large", func(s *Schema) { s.WordMax = 4 }, true},
		{"no input limit", func(s *Schema) { s.MaxInputBytes = 0 }, true},
		{"dense only is valid", func(s *Schema) { *s = Schema{Name: "flow", Dense: []string{"bytes"}} }, false},
		{"empty schema", func(s *Schema) { *s = Schema{} }, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := DefaultText("x")
			tc.mutate(&s)
			if err := s.Validate(); (err != nil) != tc.wantErr {
				t.Errorf("Validate() = %v, wantErr %v", err, tc.wantErr)
			}
		})
	}
}
