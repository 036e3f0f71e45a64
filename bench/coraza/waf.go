package main

import (
	"fmt"
	"strings"

	"github.com/corazawaf/coraza-coreruleset/v4"
	"github.com/corazawaf/coraza/v3"
	"github.com/corazawaf/coraza/v3/types"

	"github.com/vigilsec/vigil/internal/httpreq"
)

// newWAF loads the recommended Coraza configuration and the CRS at one
// paranoia level (blocking and detection), in blocking mode with the
// default inbound anomaly threshold of 5.
func newWAF(pl int) (coraza.WAF, error) {
	directives := fmt.Sprintf(`
Include @coraza.conf-recommended
Include @crs-setup.conf.example
SecAction "id:900000,phase:1,pass,t:none,nolog,setvar:tx.blocking_paranoia_level=%d"
SecAction "id:900001,phase:1,pass,t:none,nolog,setvar:tx.detection_paranoia_level=%d"
Include @owasp_crs/*.conf
SecRuleEngine On
SecRequestBodyAccess On
`, pl, pl)
	return coraza.NewWAF(coraza.NewWAFConfig().WithRootFS(coreruleset.FS).WithDirectives(directives))
}

// headers every request gets, the same for both classes; the CSIC Host
// header (a label leak) is not used.
var baseHeaders = [][2]string{
	{"Host", "localhost"},
	{"User-Agent", "Mozilla/5.0 (compatible; Konqueror/3.5; Linux) KHTML/3.5.8 (like Gecko)"},
	{"Accept", "text/xml,application/xml,application/xhtml+xml,text/html;q=0.9,text/plain;q=0.8,image/png,*/*;q=0.5"},
	{"Accept-Language", "en"},
}

// inspect runs one request through the WAF and reports whether the CRS
// interrupted it (blocked: inbound anomaly score at or over the threshold).
func inspect(waf coraza.WAF, r *httpreq.Request) (bool, error) {
	tx := waf.NewTransaction()
	defer func() {
		tx.ProcessLogging()
		tx.Close()
	}()
	uri := r.Path
	if r.Query != "" {
		uri += "?" + r.Query
	}
	tx.ProcessConnection("192.0.2.10", 40000, "127.0.0.1", 80)
	tx.ProcessURI(uri, r.Method, "HTTP/1.1")
	for _, h := range baseHeaders {
		tx.AddRequestHeader(h[0], h[1])
	}
	if r.Body != "" {
		tx.AddRequestHeader("Content-Type", "application/x-www-form-urlencoded")
		tx.AddRequestHeader("Content-Length", fmt.Sprint(len(r.Body)))
	}
	if it := tx.ProcessRequestHeaders(); it != nil {
		return true, nil
	}
	if r.Body != "" {
		if it, _, err := tx.WriteRequestBody([]byte(r.Body)); err != nil || it != nil {
			return it != nil, err
		}
	}
	it, err := tx.ProcessRequestBody()
	return interrupted(it), err
}

func interrupted(it *types.Interruption) bool {
	return it != nil && !strings.EqualFold(it.Action, "allow")
}
