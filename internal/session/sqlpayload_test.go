package session

import (
	"strings"
	"testing"
)

func TestLooksLikeSQL(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"id=1' OR '1'='1", true},
		{"id=1%27%20OR%20%271%27%3D%271", true},
		{"id=1%2527%2520or%25201%253D1", true}, // double-encoded
		{"id=1+UNION+SELECT+username,password+FROM+users--", true},
		{"id=1 union/**/select 1,2", true},
		{"id=1 and 1=1", true},
		{"q=x'; DROP TABLE users; --", true},
		{"id=1 AND SLEEP(5)", true},
		{"id=1;waitfor delay '0:0:5'", true},
		{"id=1' --", true},
		{"user=admin'#", true},
		{"id=(select table_name from information_schema.tables)", true},
		{"q=select * from accounts where id=1", true},
		{"q=shoes&page=2", false},
		{"name=O'Brien", false},
		{"q=select a size from the menu", false},
		{"q=rock and roll", false},
		{"q=1+1=2", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := LooksLikeSQL(tt.in); got != tt.want {
			t.Errorf("LooksLikeSQL(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestLooksLikeSQLBoundsItsInput(t *testing.T) {
	padded := strings.Repeat("a", maxSQLInput) + "' or '1'='1"
	if LooksLikeSQL(padded) {
		t.Fatal("read past maxSQLInput")
	}
	if got := urlDecode("%25252527"); got != "%27" {
		t.Fatalf("decoded %q: want at most %d rounds", got, maxURLDecodes)
	}
}
