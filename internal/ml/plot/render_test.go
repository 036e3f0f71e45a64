package plot

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// decodePNG decodes a figure and checks that it is a 640×480-or-larger PNG
// with ink on it.
func decodePNG(t *testing.T, data []byte, wantW, wantH int) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("output is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != wantW || b.Dy() != wantH {
		t.Fatalf("image is %dx%d, want %dx%d", b.Dx(), b.Dy(), wantW, wantH)
	}
	if share := inkShare(img); share < 0.01 {
		t.Fatalf("image is nearly blank: %.4f of pixels are not white", share)
	}
	return img
}

// inkShare is the share of pixels that are not white.
func inkShare(img image.Image) float64 {
	b, ink := img.Bounds(), 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				ink++
			}
		}
	}
	return float64(ink) / float64(b.Dx()*b.Dy())
}

// countColor counts the pixels within a small distance of c.
func countColor(img image.Image, c color.Color) int {
	cr, cg, cb, _ := c.RGBA()
	b, n := img.Bounds(), 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r, cr) && near(g, cg) && near(bl, cb) {
				n++
			}
		}
	}
	return n
}

func near(a, b uint32) bool { return max(a, b)-min(a, b) < 0x0800 }

func TestSavePNGWritesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roc.png")
	curve, err := ROCCurve("m", handPos, handScores)
	if err != nil {
		t.Fatal(err)
	}
	err = SavePNG(path, func(w io.Writer) error { return ROC(w, "saved", []Curve{curve}) })
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	decodePNG(t, data, 640, 480)
}

func TestSavePNGRemovesFileOnError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roc.png")
	err := SavePNG(path, func(w io.Writer) error { return ROC(w, "empty", nil) })
	if !errors.Is(err, ErrEmpty) {
		t.Fatalf("SavePNG error %v, want ErrEmpty", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("partial file left behind: %v", err)
	}
}

func TestSavePNGReportsCreateError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "roc.png")
	if err := SavePNG(path, func(io.Writer) error { return nil }); err == nil {
		t.Fatal("SavePNG into a missing directory succeeded")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestRenderReportsWriteError(t *testing.T) {
	curve, _ := ROCCurve("m", handPos, handScores)
	if err := ROC(failWriter{}, "t", []Curve{curve}); err == nil {
		t.Fatal("ROC to a failing writer succeeded")
	}
}
