package stream

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestLines(t *testing.T) {
	long := strings.Repeat("x", 100)
	tests := []struct {
		name string
		in   string
		want []string // "ERR" marks a too-long line
	}{
		{"plain lines", "a\nb\n", []string{"a", "b"}},
		{"no final newline", "a\nb", []string{"a", "b"}},
		{"crlf line ends", "a\r\nb\r\n", []string{"a", "b"}},
		{"empty lines are lines", "a\n\nb\n", []string{"a", "", "b"}},
		{"an oversized line is reported and skipped", "a\n" + long + "\nb\n", []string{"a", "ERR", "b"}},
		{"an oversized last line", "a\n" + long, []string{"a", "ERR"}},
		{"a line at the limit is kept", strings.Repeat("y", 10) + "\n", []string{strings.Repeat("y", 10)}},
		{"empty input", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := NewLines(strings.NewReader(tt.in), 10)
			var got []string
			for {
				line, n, err := l.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				var le *LineError
				switch {
				case errors.As(err, &le) && errors.Is(err, ErrLineTooLong):
					if le.Line != n {
						t.Errorf("error names line %d, reader says %d", le.Line, n)
					}
					got = append(got, "ERR")
				case err != nil:
					t.Fatal(err)
				default:
					got = append(got, string(line))
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLinesHugeLineDoesNotBuffer(t *testing.T) {
	// 8 MiB on one line against a 1 KiB limit: the reader must skip it
	// without holding it.
	in := io.MultiReader(strings.NewReader(strings.Repeat("z", 8<<20)), strings.NewReader("\nok\n"))
	l := NewLines(in, 1024)
	if _, _, err := l.Next(); !errors.Is(err, ErrLineTooLong) {
		t.Fatalf("want ErrLineTooLong, got %v", err)
	}
	if cap(l.buf) > 64<<10 {
		t.Errorf("buffer grew to %d bytes", cap(l.buf))
	}
	line, n, err := l.Next()
	if err != nil || string(line) != "ok" || n != 2 {
		t.Errorf("after the long line: %q, line %d, %v", line, n, err)
	}
}

func FuzzLines(f *testing.F) {
	f.Add("a\nb\r\n\n" + strings.Repeat("q", 40))
	f.Fuzz(func(t *testing.T, in string) {
		l := NewLines(strings.NewReader(in), 16)
		for range len(in) + 2 {
			line, _, err := l.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err == nil && len(line) > 16 {
				t.Fatalf("line of %d bytes over the limit", len(line))
			}
		}
		t.Fatal("reader did not reach EOF")
	})
}
