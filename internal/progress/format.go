package progress

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// barWidth is the number of cells of the terminal bar.
const barWidth = 20

// statusLine describes v items done after elapsed, for example
// "train: [=========>          ]  45% 450/1000  90.0/s  ETA 6s".
func statusLine(label string, v, total int64, elapsed time.Duration, tty bool) string {
	rate := perSecond(v, elapsed)
	parts := []string{label + ":"}
	if total <= 0 {
		parts = append(parts, strconv.FormatInt(v, 10), formatRate(rate), "elapsed "+formatDuration(elapsed))
		return strings.Join(parts, " ")
	}
	if tty {
		parts = append(parts, drawBar(v, total))
	}
	parts = append(parts, fmt.Sprintf("%3d%%", percent(v, total)), fmt.Sprintf("%d/%d", v, total),
		formatRate(rate), "ETA "+eta(total-v, rate))
	return strings.Join(parts, " ")
}

// finalLine sums up the work, e.g. "train: 100% 1000/1000 in 11.1s (90.0/s)".
func finalLine(label string, v, total int64, elapsed time.Duration) string {
	done := strconv.FormatInt(v, 10)
	if total > 0 {
		done = fmt.Sprintf("%3d%% %d/%d", percent(v, total), v, total)
	}
	return fmt.Sprintf("%s: %s in %s (%s)", label, done, formatDuration(elapsed), formatRate(perSecond(v, elapsed)))
}

func percent(v, total int64) int64 { return int64(float64(v) * 100 / float64(total)) }

func perSecond(v int64, elapsed time.Duration) float64 {
	if elapsed <= 0 {
		return 0
	}
	return float64(v) / elapsed.Seconds()
}

// drawBar renders "[=====>     ]", full when v reaches total.
func drawBar(v, total int64) string {
	filled := int(min(max(float64(v)/float64(total), 0), 1) * barWidth)
	head := ""
	if filled < barWidth {
		head = ">"
	}
	return "[" + strings.Repeat("=", filled) + head + strings.Repeat(" ", barWidth-filled-len(head)) + "]"
}

// eta is the time left for the remaining items at rate, "?" before any
// rate is known.
func eta(remaining int64, rate float64) string {
	if remaining <= 0 {
		return "0s"
	}
	if rate <= 0 {
		return "?"
	}
	return formatDuration(time.Duration(float64(remaining) / rate * float64(time.Second)))
}

// formatRate writes items per second with three significant digits, and
// k/M suffixes for fast work: "0.25/s", "90.0/s", "12.3k/s", "4.50M/s".
func formatRate(r float64) string {
	switch {
	case r >= 1e6:
		return sig3(r/1e6) + "M/s"
	case r >= 1e3:
		return sig3(r/1e3) + "k/s"
	default:
		return sig3(r) + "/s"
	}
}

func sig3(x float64) string {
	switch {
	case x >= 100:
		return strconv.FormatFloat(x, 'f', 0, 64)
	case x >= 10:
		return strconv.FormatFloat(x, 'f', 1, 64)
	default:
		return strconv.FormatFloat(x, 'f', 2, 64)
	}
}

// formatDuration keeps tenths of a second under a minute ("8.1s") and whole
// seconds above ("4m5s", "1h2m3s").
func formatDuration(d time.Duration) string {
	if d < time.Minute {
		return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + "s"
	}
	return d.Round(time.Second).String()
}
