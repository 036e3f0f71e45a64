package evaluate

import (
	"encoding/base64"
	"strings"
	"unicode/utf16"

	"github.com/vigilsec/vigil/internal/deobfuscate"
)

// unit42Source is the commands.jsonl source of the unit42 PowerShell
// -EncodedCommand lines.
const unit42Source = "unit42-psencmds"

// cmdRow is the part of a commands.jsonl row the evaluation uses.
type cmdRow struct {
	Command string `json:"command"`
	Source  string `json:"source"`
	Family  string `json:"family"`
}

// UnitFortyTwo runs deobfuscate.Run on every unit42 command line of the
// commands corpus at path and counts the decoded payloads equal to the script in
// the line's -EncodedCommand blob, decoded here independently of the
// product code. Lines whose blob is not UTF-16LE text decode to what
// PowerShell itself would run: noise.
func UnitFortyTwo(path string) (Report, error) {
	rep := Report{Name: "unit42 powershell -enc", MaxInput: deobfuscate.DefaultLimits().MaxInput}
	var outs []outcome
	err := eachRow(path, func(r cmdRow) {
		if r.Source != unit42Source {
			return
		}
		want, ok := expectedScript(r.Command)
		if !ok {
			rep.Skipped++
			return
		}
		res := deobfuscate.Run(r.Command)
		if strings.TrimSpace(res.Deobfuscated) == want {
			rep.FinalExact++
		}
		// The measure is the decoded payload (Genos's decoded_payload):
		// later passes may rewrite it further, which is not a decoding
		// error; FinalExact reports the stricter figure.
		got := strings.TrimSpace(res.Payload)
		if got == "" {
			got = strings.TrimSpace(res.Deobfuscated)
		}
		outs = append(outs, outcome{id: clip(r.Command, 60), group: r.Family, limit: res.Limit,
			in: r.Command, got: got, want: want, exact: got == want})
	})
	if err != nil {
		return Report{}, err
	}
	// No baseline here: the input is Base64, so its similarity to the
	// script says nothing and would cost most of the run.
	measure(outs, func(o *outcome) {
		o.sim = 1
		if !o.exact {
			o.sim = Similarity(o.got, o.want)
		}
	})
	rep.summarize(outs)
	rep.Groups = nil // families are malware names, not techniques
	return rep, nil
}

// expectedScript returns the script in the -EncodedCommand blob of a
// PowerShell command line, trimmed. PowerShell takes any prefix of
// -EncodedCommand (-e included) and the alias -ec. A truncated
// blob yields its longest decodable prefix: cut to a multiple of four
// characters, then a trailing odd byte dropped.
func expectedScript(cmd string) (string, bool) {
	f := strings.Fields(cmd)
	for i := 0; i+1 < len(f); i++ {
		flag := strings.ToLower(strings.TrimLeft(f[i], "-/"))
		if flag == "ec" || (flag != "" && strings.HasPrefix("encodedcommand", flag)) {
			return decodeUTF16Base64(strings.Trim(f[i+1], `"'`))
		}
	}
	return "", false
}

// decodeUTF16Base64 decodes the longest valid prefix of a Base64 blob as
// UTF-16LE text.
func decodeUTF16Base64(blob string) (string, bool) {
	blob = blob[:len(blob)/4*4]
	b, err := base64.StdEncoding.DecodeString(blob)
	if err != nil {
		return "", false
	}
	b = b[:len(b)/2*2]
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
	}
	return strings.TrimSpace(string(utf16.Decode(u))), len(u) > 0
}
