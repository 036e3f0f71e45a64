package parse

import "strings"

// platform guesses "windows", "linux" or "unknown". The first segment's
// executable decides when it belongs to one platform; otherwise the
// evidence is counted: Windows or Linux executables anywhere (inner code
// included), Windows paths, registry keys and the PowerShell/cmd dialect
// against Unix absolute paths. Cross-platform tools (curl, whoami, git)
// alone give "unknown".
func platform(c *Command, d dialect) string {
	if p := exePlatform(c.Executable); p != "" {
		return p
	}
	win, lin := 0, 0
	if d != dialectSh {
		win += 2
	}
	for _, segs := range [][]Segment{c.Segments, c.Inner} {
		for _, s := range segs {
			switch exePlatform(s.Executable) {
			case "windows":
				win++
			case "linux":
				lin++
			}
		}
	}
	win += len(c.Indicators.RegistryKeys)
	for _, p := range c.Indicators.FilePaths {
		switch {
		case strings.HasPrefix(p, "/") || strings.HasPrefix(p, "~/"):
			lin++
		case strings.ContainsRune(p, '\\'):
			win++
		}
	}
	switch {
	case win > lin:
		return "windows"
	case lin > win:
		return "linux"
	}
	return "unknown"
}

func exePlatform(exe string) string {
	switch {
	case windowsExes.has(exe) || isCmdlet(exe):
		return "windows"
	case linuxExes.has(exe):
		return "linux"
	}
	return ""
}
